/* routes_tasks.c - tasks: create, bulk_create, search (apollo-api.md §11).
 *
 * bulk_create takes both shapes seen in the wild: the documented one
 * (user_id, contact_ids[], type, status, due_at, priority, note: one task
 * per contact) and the one Apollo's own CLI sends (tasks_attributes[], one
 * object per task; fields an object lacks come from the top level). Every
 * task is checked before any is created, so a bad one costs nothing.
 *
 * due_at is ISO 8601, GMT when it has no offset, and comes back in UTC as
 * "2026-11-30T10:00:00.000+00:00". */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "sandbox.h"
#include "search.h"

#define BULK_MAX 1000

static const char *const task_types[] = {
	"call", "outreach_manual_email", "linkedin_step_connect", "linkedin_step_message",
	"linkedin_step_view_profile", "linkedin_step_interact_post", "action_item",
};
static const char *const task_statuses[] = { "scheduled", "completed", "skipped" };
/* in the order task_priority sorts them */
static const char *const task_priorities[] = { "low", "medium", "high" };

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

/* a string field of an object, or NULL: every task field is text (ids,
 * names, dates), and the pointer must stay valid until the task is made */
static const char *item_str(const cJSON *item, const char *key)
{
	const cJSON *v = item ? cJSON_GetObjectItemCaseSensitive(item, key) : NULL;
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* the index of v in list, or -1 */
static int one_of(const char *v, const char *const *list, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		if (strcmp(v, list[i]) == 0)
			return (int)i;
	return -1;
}

static bool digits(const char **p, int n, int *out)
{
	*out = 0;
	for (int i = 0; i < n; i++, (*p)++) {
		if (!isdigit((unsigned char)**p))
			return false;
		*out = *out * 10 + (**p - '0');
	}
	return true;
}

/* ISO 8601 ("2026-11-30", "2026-11-30T10:00", "...:00.123Z", "...+02:00")
 * -> UTC "2026-11-30T08:00:00.123+00:00"; false when it is not a date */
static bool parse_due(const char *s, char out[96])
{
	struct tm tm = { 0 }, back;
	int y, mo, d, h = 0, mi = 0, sec = 0, ms = 0, oh = 0, om = 0, sign = 0;
	time_t t;

	if (!digits(&s, 4, &y) || *s++ != '-' || !digits(&s, 2, &mo) || *s++ != '-' || !digits(&s, 2, &d))
		return false;
	if (*s == 'T' || *s == 't' || *s == ' ') {
		s++;
		if (!digits(&s, 2, &h) || *s++ != ':' || !digits(&s, 2, &mi))
			return false;
		if (*s == ':') {
			s++;
			if (!digits(&s, 2, &sec))
				return false;
			if (*s == '.' || *s == ',') {
				int scale = 100;
				s++;
				if (!isdigit((unsigned char)*s))
					return false;
				for (; isdigit((unsigned char)*s); s++, scale /= 10)
					ms += (*s - '0') * scale;
			}
		}
		if (*s == 'Z' || *s == 'z') {
			s++;
		} else if (*s == '+' || *s == '-') {
			sign = *s++ == '-' ? -1 : 1;
			if (!digits(&s, 2, &oh))
				return false;
			if (*s == ':')
				s++;
			if (*s && !digits(&s, 2, &om))
				return false;
		}
	}
	if (*s || y < 1900 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59 ||
	    oh > 14 || om > 59)
		return false;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	t = timegm(&tm);
	/* timegm moves 31 November to 1 December: such a date does not exist */
	if (!gmtime_r(&t, &back) || back.tm_mday != d || back.tm_mon != mo - 1)
		return false;
	t -= sign * (oh * 3600 + om * 60);
	if (!gmtime_r(&t, &back))
		return false;
	snprintf(out, 96, "%04d-%02d-%02dT%02d:%02d:%02d.%03d+00:00", back.tm_year + 1900, back.tm_mon + 1,
	         back.tm_mday, back.tm_hour, back.tm_min, back.tm_sec, ms % 1000);
	return true;
}

/* one task to create: its fields come from the item, else from the shared
 * top level; contact_id may come from the contact_ids list */
struct task_src {
	const cJSON *item, *shared;
	const char *contact_id;
};

static const char *field(const struct task_src *s, const char *key)
{
	const char *v = NULL;
	if (s->contact_id && strcmp(key, "contact_id") == 0)
		return s->contact_id;
	if (s->item)
		v = item_str(s->item, key);
	if (!v && s->shared)
		v = item_str(s->shared, key);
	return v && *v ? v : NULL;
}

/* the fields, checked; strings point into the request or the store */
struct task_in {
	const char *user_id, *type, *status, *priority, *title, *note;
	cJSON *contact;
	char due_at[96];
};

/* Checks one task: false with the reason in err. */
static bool check_task(struct sandbox *sb, const struct task_src *s, struct task_in *t,
                       char *err, size_t errlen)
{
	const char *contact_id = field(s, "contact_id"), *due = field(s, "due_at");

	memset(t, 0, sizeof *t);
	t->user_id = field(s, "user_id");
	t->type = field(s, "type");
	t->status = field(s, "status");
	t->priority = field(s, "priority");
	t->title = field(s, "title");
	t->note = field(s, "note");
	if (!t->type || !t->user_id) {
		snprintf(err, errlen, "type and user can not be blank");
		return false;
	}
	if (one_of(t->type, task_types, COUNT(task_types)) < 0) {
		snprintf(err, errlen, "%.200s is not a valid type. Valid types are call, outreach_manual_email, "
		         "linkedin_step_connect, linkedin_step_message, linkedin_step_view_profile, "
		         "linkedin_step_interact_post, action_item", t->type);
		return false;
	}
	if (!store_find(&sb->store, IX_USER_ID, t->user_id)) {
		snprintf(err, errlen, "Parameters misconfigured. %.200s is not a valid ID", t->user_id);
		return false;
	}
	if (!contact_id) {
		snprintf(err, errlen, "contact_id can not be blank");
		return false;
	}
	t->contact = store_find(&sb->store, IX_CONTACT_ID, contact_id);
	if (!t->contact) {
		snprintf(err, errlen, "Parameters misconfigured. %.200s is not a valid ID", contact_id);
		return false;
	}
	if (!t->status) {
		snprintf(err, errlen, "status can not be blank");
		return false;
	}
	if (one_of(t->status, task_statuses, COUNT(task_statuses)) < 0) {
		snprintf(err, errlen, "%.200s is not a valid status. Valid statuses are scheduled, completed, skipped",
		         t->status);
		return false;
	}
	if (!t->priority)
		t->priority = "medium";
	else if (one_of(t->priority, task_priorities, COUNT(task_priorities)) < 0) {
		snprintf(err, errlen, "%.200s is not a valid priority. Valid priorities are high, medium, low",
		         t->priority);
		return false;
	}
	if (!due) {
		snprintf(err, errlen, "due_at can not be blank");
		return false;
	}
	if (!parse_due(due, t->due_at)) {
		snprintf(err, errlen, "due_at is not a valid date");
		return false;
	}
	return true;
}

static void set_or_null(cJSON *o, const char *key, const char *v)
{
	jset_str(o, key, v && *v ? v : NULL);
}

static cJSON *new_task(struct sandbox *sb, const struct task_in *in)
{
	cJSON *t = cJSON_CreateObject();
	char id[25], now[32];

	store_new_id(&sb->store, id);
	store_now(now);
	cJSON_AddStringToObject(t, "id", id);
	cJSON_AddStringToObject(t, "user_id", in->user_id);
	cJSON_AddStringToObject(t, "creator_id", in->user_id);
	cJSON_AddStringToObject(t, "contact_id", jstr(in->contact, "id"));
	set_or_null(t, "account_id", jstr(in->contact, "account_id"));
	set_or_null(t, "person_id", jstr(in->contact, "person_id"));
	set_or_null(t, "organization_id", jstr(in->contact, "organization_id"));
	cJSON_AddNullToObject(t, "opportunity_id");
	cJSON_AddNullToObject(t, "emailer_campaign_id");
	cJSON_AddStringToObject(t, "type", in->type);
	cJSON_AddStringToObject(t, "priority", in->priority);
	cJSON_AddStringToObject(t, "status", in->status);
	cJSON_AddStringToObject(t, "due_at", in->due_at);
	set_or_null(t, "completed_at", strcmp(in->status, "completed") == 0 ? now : NULL);
	set_or_null(t, "skipped_at", strcmp(in->status, "skipped") == 0 ? now : NULL);
	set_or_null(t, "title", in->title);
	set_or_null(t, "note", in->note);
	cJSON_AddStringToObject(t, "created_from", "api");
	cJSON_AddStringToObject(t, "created_at", now);
	cJSON_AddStringToObject(t, "updated_at", now);
	cJSON_AddItemToArray(store_list(&sb->store, "tasks"), t);
	store_index_put(&sb->store, IX_TASK_ID, id, t, false);
	return t;
}

/* a task as Apollo returns it: with its contact and account in brief */
static cJSON *task_out(struct sandbox *sb, const cJSON *t)
{
	static const char *const contact_keys[] = {
		"id", "first_name", "last_name", "name", "email", "title", "organization_name",
	};
	static const char *const account_keys[] = { "id", "name", "domain" };
	cJSON *o = store_public(t);
	cJSON *c = store_find(&sb->store, IX_CONTACT_ID, jstr(t, "contact_id"));
	cJSON *a = store_find(&sb->store, IX_ACCOUNT_ID, jstr(t, "account_id"));
	if (!o)
		return NULL;
	if (c) {
		cJSON *s = cJSON_AddObjectToObject(o, "contact");
		for (size_t i = 0; i < COUNT(contact_keys); i++) {
			const char *v = jstr(c, contact_keys[i]);
			set_or_null(s, contact_keys[i], v);
		}
	} else {
		cJSON_AddNullToObject(o, "contact");
	}
	if (a) {
		cJSON *s = cJSON_AddObjectToObject(o, "account");
		for (size_t i = 0; i < COUNT(account_keys); i++)
			set_or_null(s, account_keys[i], jstr(a, account_keys[i]));
	} else {
		cJSON_AddNullToObject(o, "account");
	}
	return o;
}

void route_tasks_create(struct request *r)
{
	struct task_src src = { .item = r->params };
	struct task_in in;
	char err[600];
	cJSON *out;

	if (!check_task(r->sb, &src, &in, err, sizeof err)) {
		reply_error(r, 422, "%s", err);
		return;
	}
	/* no dedupe: the same call twice makes two tasks */
	out = cJSON_CreateObject();
	cJSON_AddItemToObject(out, "task", task_out(r->sb, new_task(r->sb, &in)));
	reply_json(r, 200, out);
}

void route_tasks_bulk_create(struct request *r)
{
	cJSON *attrs = cJSON_GetObjectItemCaseSensitive(r->params, "tasks_attributes");
	cJSON *ids = NULL, *list, *it, *out, *tasks;
	const char *what;
	struct task_in *in;
	int n, i = 0;
	char err[600];

	if (attrs && !cJSON_IsNull(attrs)) {
		if (!cJSON_IsArray(attrs)) {
			reply_error(r, 422, "tasks_attributes must be an array of task attributes.");
			return;
		}
		list = attrs;
		what = "tasks_attributes";
	} else {
		ids = param_array(r, "contact_ids");
		if (!ids) {
			reply_error(r, 422, cJSON_GetObjectItemCaseSensitive(r->params, "contact_ids")
			            ? "contact_ids must be an array of contact ids."
			            : "Please provide contact_ids (or tasks_attributes).");
			return;
		}
		list = ids;
		what = "contact_ids";
	}
	n = cJSON_GetArraySize(list);
	if (n > BULK_MAX) {
		reply_error(r, 422, "Please limit your array to %d tasks or fewer.", BULK_MAX);
		return;
	}
	in = calloc(n ? (size_t)n : 1, sizeof *in);
	if (!in) {
		reply_error(r, 500, "An error occurred. Please try again.");
		return;
	}
	/* all or nothing: every task is checked before any is created */
	cJSON_ArrayForEach(it, list) {
		struct task_src src = { .shared = r->params };
		if (ids) {
			if (!cJSON_IsString(it) || !*it->valuestring) {
				reply_error(r, 422, "contact_ids[%d]: not a contact id", i);
				free(in);
				return;
			}
			src.contact_id = it->valuestring;
		} else {
			if (!cJSON_IsObject(it)) {
				reply_error(r, 422, "tasks_attributes[%d] is not an object of task attributes.", i);
				free(in);
				return;
			}
			src.item = it;
		}
		if (!check_task(r->sb, &src, &in[i], err, sizeof err)) {
			reply_error(r, 422, "%s[%d]: %s", what, i, err);
			free(in);
			return;
		}
		i++;
	}
	out = cJSON_CreateObject();
	cJSON_AddBoolToObject(out, "success", true);
	tasks = cJSON_AddArrayToObject(out, "tasks");
	for (i = 0; i < n; i++)
		cJSON_AddItemToArray(tasks, task_out(r->sb, new_task(r->sb, &in[i])));
	free(in);
	reply_json(r, 200, out);
}

/* ---- search ---- */

/* what a task search narrows to; an absent list keeps every task */
struct task_filters {
	cJSON *contacts, *types, *statuses, *users;
};

static bool task_wanted(const cJSON *t, const void *filters)
{
	const struct task_filters *f = filters;

	return (!f->contacts || list_has(f->contacts, jstr(t, "contact_id"))) &&
	       (!f->types || list_has(f->types, jstr(t, "type"))) &&
	       (!f->statuses || list_has(f->statuses, jstr(t, "status"))) &&
	       (!f->users || list_has(f->users, jstr(t, "user_id")));
}

/* priorities sort low < medium < high, not as words */
static double priority_rank(const cJSON *t, const char *field)
{
	return one_of(jstr(t, field), task_priorities, COUNT(task_priorities));
}

static const struct search_sort task_sorts[] = {
	{ "task_due_at", "due_at", NULL },
	{ "task_priority", "priority", priority_rank },
};

void route_tasks_search(struct request *r)
{
	struct task_filters f;
	const struct search s = {
		.list = "tasks", .keep = task_wanted, .filters = &f, .show = task_out,
		.sorts = task_sorts, .n_sorts = COUNT(task_sorts),
	};
	struct search_reply rep;

	if (!param_list(r, "contact_ids", &f.contacts) || !param_list(r, "type", &f.types) ||
	    !param_list(r, "status", &f.statuses) || !param_list(r, "user_ids", &f.users))
		return;
	if (!search_run(r, &s, &rep))
		return;
	cJSON_AddItemToObject(rep.out, "pagination", rep.pagination);
	cJSON_AddArrayToObject(rep.out, "breadcrumbs");
	cJSON_AddNullToObject(rep.out, "num_fetch_result");
	reply_json(r, 200, rep.out);
}
