/* apollo/skip_reasons.c - see apollo/skip_reasons.h. The codes are Apollo's
 * (add_contact_ids, skipped_contact_ids). */
#include "config.h"

#include <string.h>

#include "apollo/api.h"
#include "apollo/skip_reasons.h"

static const struct skip_reason reasons[] = {
	{ "contact_not_found", "no such contact in Apollo (deleted, or an id from another team)",
	  NULL, 0 },
	{ "contacts_already_exists_in_current_campaign", "already in this sequence", NULL, 0 },
	{ "contacts_active_in_other_campaigns", "active or paused in another sequence",
	  "active-in-other", ALLOW_ACTIVE_IN_OTHER },
	{ "contacts_finished_in_other_campaigns", "finished another sequence before",
	  "finished-in-other", ALLOW_FINISHED_IN_OTHER },
	{ "contacts_without_email", "no email address", "no-email", ALLOW_NO_EMAIL },
	{ "contacts_unverified_email", "the email address is not verified", "unverified",
	  ALLOW_UNVERIFIED },
	{ "contacts_with_job_change", "changed jobs (the email may be stale)", "job-change",
	  ALLOW_JOB_CHANGE },
	{ "contacts_in_same_company", "someone from the same company is already in this sequence",
	  "same-company", ALLOW_SAME_COMPANY },
	{ "contacts_without_ownership_permission",
	  "owned by another user, and this key may not enrol other users' contacts", NULL, 0 },
	{ "contacts_in_pending_state", "still being processed by Apollo; try again later", NULL, 0 },
	{ "contacts_with_unverified_user_managed_email",
	  "the email was entered by a user and is not verified", NULL, 0 },
};

const struct skip_reason *skip_reason_find(const char *code)
{
	for (size_t i = 0; i < sizeof reasons / sizeof reasons[0]; i++)
		if (strcmp(reasons[i].code, code) == 0)
			return &reasons[i];
	return NULL;
}

bool skip_allow_parse(const char *name, unsigned *bit)
{
	for (size_t i = 0; i < sizeof reasons / sizeof reasons[0]; i++)
		if (reasons[i].allow && strcmp(reasons[i].allow, name) == 0) {
			*bit = reasons[i].allow_bit;
			return true;
		}
	return false;
}

const char *skip_allow_list(void)
{
	return "no-email, unverified, job-change, active-in-other, finished-in-other, same-company";
}
