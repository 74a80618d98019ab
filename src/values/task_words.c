/* values/task_words.c - see values/sheet_values.h: Apollo's task type, priority and
 * status from the words people put in a spreadsheet. Spellings compare
 * with case, spaces, '-' and '_' ignored, so each is listed once. */
#include "config.h"

#include <ctype.h>
#include <string.h>

#include "values/sheet_values.h"

struct spelling {
	const char *words;
	const char *apollo;
};

const char task_types_list[] = "call, outreach_manual_email, linkedin_step_connect, "
                               "linkedin_step_message, linkedin_step_view_profile, "
                               "linkedin_step_interact_post, action_item";
const char task_priorities_list[] = "high, medium, low";
const char task_statuses_list[] = "scheduled, completed, skipped";

static const struct spelling task_types[] = {
	{ "call", "call" },
	{ "phone call", "call" },
	{ "phone", "call" },
	{ "outreach_manual_email", "outreach_manual_email" },
	{ "manual email", "outreach_manual_email" },
	{ "email", "outreach_manual_email" },
	{ "linkedin_step_connect", "linkedin_step_connect" },
	{ "LinkedIn connect", "linkedin_step_connect" },
	{ "LinkedIn - Send connection request", "linkedin_step_connect" },
	{ "LinkedIn connection request", "linkedin_step_connect" },
	{ "connect", "linkedin_step_connect" },
	{ "linkedin_step_message", "linkedin_step_message" },
	{ "LinkedIn message", "linkedin_step_message" },
	{ "LinkedIn - Send message", "linkedin_step_message" },
	{ "linkedin_step_view_profile", "linkedin_step_view_profile" },
	{ "LinkedIn view profile", "linkedin_step_view_profile" },
	{ "LinkedIn - View profile", "linkedin_step_view_profile" },
	{ "view profile", "linkedin_step_view_profile" },
	{ "linkedin_step_interact_post", "linkedin_step_interact_post" },
	{ "LinkedIn interact with post", "linkedin_step_interact_post" },
	{ "LinkedIn - Interact with post", "linkedin_step_interact_post" },
	{ "interact with post", "linkedin_step_interact_post" },
	{ "action_item", "action_item" },
	{ "action item", "action_item" },
	{ "to-do", "action_item" },
	{ "task", "action_item" },
	{ NULL, NULL },
};

static const struct spelling task_priorities[] = {
	{ "high", "high" },     { "hi", "high" },     { "urgent", "high" }, { "medium", "medium" },
	{ "med", "medium" },    { "normal", "medium" }, { "low", "low" },   { "lo", "low" },
	{ NULL, NULL },
};

static const struct spelling task_statuses[] = {
	{ "scheduled", "scheduled" }, { "open", "scheduled" },     { "to do", "scheduled" },
	{ "pending", "scheduled" },   { "due", "scheduled" },      { "completed", "completed" },
	{ "done", "completed" },      { "complete", "completed" }, { "skipped", "skipped" },
	{ "skip", "skipped" },        { NULL, NULL },
};

/* s lower-cased, without spaces, '-' and '_': false when it does not fit */
static bool squeeze(const char *s, char *buf, size_t size)
{
	size_t n = 0;

	for (; *s; s++) {
		if (strchr(" -_", *s))
			continue;
		if (n + 1 >= size)
			return false;
		buf[n++] = (char)tolower((unsigned char)*s);
	}
	buf[n] = '\0';
	return true;
}

static const char *lookup(const struct spelling *list, const char *s)
{
	char want[64], have[64];

	if (!s || !squeeze(s, want, sizeof want) || !*want)
		return NULL;
	for (; list->words; list++)
		if (squeeze(list->words, have, sizeof have) && strcmp(want, have) == 0)
			return list->apollo;
	return NULL;
}

const char *task_type_from(const char *s)
{
	return lookup(task_types, s);
}

const char *task_priority_from(const char *s)
{
	return lookup(task_priorities, s);
}

const char *task_status_from(const char *s)
{
	return lookup(task_statuses, s);
}
