/* apollo/tasks.c - see apollo/tasks.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "apollo/reply_shape.h"
#include "apollo/send_once.h"
#include "apollo/tasks.h"
#include "common/dynbuf.h"
#include "values/start_time.h"

struct tasks_ctx {
	const struct api_task *tasks;
	bool *single;              /* the task goes alone (after a 422 on its bulk call) */
	const struct once_job *job;
};

static const char *nz(const char *s)
{
	return s ? s : "";
}

/* the settings a bulk_create shares among its contacts */
static cJSON *settings_json(const struct api_task *t)
{
	cJSON *o = cJSON_CreateObject();
	api_add_str(o, "user_id", t->user_id);
	api_add_str(o, "type", t->type);
	api_add_str(o, "status", t->status);
	api_add_str(o, "due_at", t->due_at);
	api_add_str(o, "priority", t->priority);
	api_add_str(o, "note", t->note);
	return o;
}

/* ---- grouping: tasks with the same settings share a bulk_create ---- */

struct keyed {
	const char *key;       /* the settings joined; NULL: goes alone */
	size_t index;
};

static int by_key(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int c;
	if (!x->key || !y->key)
		c = !x->key - !y->key;
	else
		c = strcmp(x->key, y->key);
	return c ? c : (x->index > y->index) - (x->index < y->index);
}

static char *settings_key(const struct api_task *t)
{
	const char *parts[] = { t->user_id, t->type, t->status, t->due_at, t->priority, t->note };
	struct dynbuf b;
	dynbuf_init(&b, 64u << 20);
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
		dynbuf_add(&b, nz(parts[i]), strlen(nz(parts[i])));
		dynbuf_addc(&b, '\x1f');
	}
	dynbuf_addc(&b, '\0');
	return b.data;
}

/* one request: the tasks idx[0..n), in one bulk_create or a single create */
struct unit {
	size_t *idx;
	size_t n;
	bool bulk;
};

/* Cuts pending[0..np) into requests; single[i]: task i goes alone. The
 * units point into `order`, which the caller frees. */
static size_t make_units(const struct api_task *tasks, const size_t *pending, size_t np,
                         const bool *single, size_t *order, struct unit *units)
{
	struct keyed *k = calloc(np ? np : 1, sizeof *k);
	size_t nu = 0;

	if (!k)
		return 0;
	for (size_t i = 0; i < np; i++) {
		const struct api_task *t = &tasks[pending[i]];
		k[i].index = pending[i];
		k[i].key = single[pending[i]] || *nz(t->title) ? NULL : settings_key(t);
	}
	qsort(k, np, sizeof *k, by_key);
	for (size_t i = 0; i < np; i++)
		order[i] = k[i].index;
	for (size_t i = 0; i < np;) {
		size_t j = i + 1;
		while (k[i].key && j < np && k[j].key && strcmp(k[i].key, k[j].key) == 0 &&
		       j - i < API_TASKS_PER_CALL)
			j++;
		units[nu++] = (struct unit){ order + i, j - i, j - i > 1 };
		i = j;
	}
	for (size_t i = 0; i < np; i++)
		free((char *)k[i].key);
	free(k);
	return nu;
}

static char *build_request(const struct api_task *tasks, const struct unit *u)
{
	const struct api_task *t = &tasks[u->idx[0]];
	cJSON *body = settings_json(t), *ids;

	if (!body)
		return NULL;
	if (!u->bulk) {
		api_add_str(body, "contact_id", t->contact_id);
		api_add_str(body, "title", t->title);
		return api_print_and_free(body);
	}
	ids = cJSON_AddArrayToObject(body, "contact_ids");
	for (size_t k = 0; k < u->n; k++)
		cJSON_AddItemToArray(ids, cJSON_CreateString(nz(tasks[u->idx[k]].contact_id)));
	return api_print_and_free(body);
}

static void take_id(struct api_item *it, const cJSON *task)
{
	api_set_outcome(it, API_CREATED, NULL);
	snprintf(it->id, sizeof it->id, "%s", api_str(task, "id"));
}

static bool same_task(const struct api_task *t, const cJSON *found, bool with_title);

/* what a reply's task is read for: its id, and what tells whose it is */
#define REPLY_TASK "{id!:s,contact_id:s,type:s,note:s,title:s,due_at:s,priority:s,user_id:s,created_at:s}"

/* "type call, due 2025-02-15T10:00:00.000+00:00": what the reply's task is */
static void describe_task(const cJSON *t, char *buf, size_t size)
{
	char id[80], contact[80], type[80], due[80];
	snprintf(buf, size, "%s (contact %s, type %s, due %s)", reply_quote(api_str(t, "id"), 64, id, sizeof id),
	         *api_str(t, "contact_id") ? reply_quote(api_str(t, "contact_id"), 64, contact, sizeof contact) : "none",
	         reply_quote(api_str(t, "type"), 64, type, sizeof type), reply_quote(api_str(t, "due_at"), 64, due, sizeof due));
}

/* a reply: {"task": {...}} for one, {"tasks": [...]} for a bulk_create,
 * matched to the unit's tasks by content (contact, type, due time, note,
 * and the priority and owner sent): a task that is not the row's is never
 * taken for it, whatever its place in the reply */
static void read_reply(const struct tasks_ctx *ctx, const struct unit *u, const cJSON *json,
                       struct api_item *out)
{
	static const struct reply_part parts[] = {
		{ "task", REPLY_TASK, false },
		{ "tasks", REPLY_TASK, true },
	};
	struct reply_check rc;
	cJSON *reply;
	const cJSON *list, *one, *t;
	char other[300] = "";
	bool *taken;

	reply_check_init(&rc, u->bulk ? "tasks/bulk_create" : "tasks");
	reply = reply_usable(&rc, json, parts, 2);
	list = cJSON_GetObjectItemCaseSensitive(reply, "tasks");
	one = cJSON_GetObjectItemCaseSensitive(reply, "task");
	if (!u->bulk && cJSON_IsObject(one)) {
		size_t i = u->idx[0];
		if (same_task(&ctx->tasks[i], one, false)) {
			take_id(&out[i], one);
		} else {
			char msg[700];
			describe_task(one, other, sizeof other);
			snprintf(msg, sizeof msg, "Apollo's reply shows another task, %s, not this row's: whether this "
			         "row's was made is not known; look in Apollo before you make it again", other);
			api_set_outcome(&out[i], API_UNCONFIRMED, msg);
		}
		cJSON_Delete(reply);
		return;
	}
	taken = calloc((size_t)cJSON_GetArraySize(list) + 1, sizeof *taken);
	for (size_t k = 0; k < u->n; k++) {
		size_t i = u->idx[k], pos = 0;
		cJSON_ArrayForEach(t, list) {
			if (taken && !taken[pos] && same_task(&ctx->tasks[i], t, false)) {
				taken[pos] = true;
				take_id(&out[i], t);
				break;
			}
			pos++;
		}
		/* a 200 that does not show the task neither made it nor refused it */
		if (out[i].result == API_NONE) {
			char msg[900];
			snprintf(msg, sizeof msg, "%s, so whether it was made is not known: look in Apollo before you make "
			         "it again", rc.message[0] ? rc.message : "Apollo's reply has no task for this contact");
			api_set_outcome(&out[i], API_UNCONFIRMED, msg);
		}
	}
	free(taken);
	cJSON_Delete(reply);
}

/* ---- looking for tasks a request may have made ---- */

static bool same_instant(const char *a, const char *b)
{
	double x, y;
	if (!*a || !*b)
		return !*a && !*b;
	return parse_instant_precise(a, &x) && parse_instant_precise(b, &y) && x - y < 1 && y - x < 1;
}

static bool same_text(const cJSON *task, const char *key, const char *want)
{
	return strcmp(api_str(task, key), nz(want)) == 0;
}

/* does `found` hold task t's content: contact, type, note, due time, and
 * the priority and owner when t gives them (with_title: the title too;
 * a create's reply may show Apollo's own title for it) */
static bool same_task(const struct api_task *t, const cJSON *found, bool with_title)
{
	if (!same_text(found, "contact_id", t->contact_id) || !same_text(found, "type", t->type) ||
	    !same_text(found, "note", t->note) || (with_title && !same_text(found, "title", t->title)) ||
	    !same_instant(api_str(found, "due_at"), nz(t->due_at)))
		return false;
	if (*nz(t->priority) && !same_text(found, "priority", t->priority))
		return false;
	return !*nz(t->user_id) || same_text(found, "user_id", t->user_id);
}

/* is `found` task i (its content), made since `since` (Apollo's clock; 0:
 * any time)? */
static bool is_task(const void *vctx, size_t i, const cJSON *found, double since)
{
	const struct api_task *t = &((const struct tasks_ctx *)vctx)->tasks[i];
	double made;
	if (!same_task(t, found, true))
		return false;
	if (since <= 0)
		return true;
	return parse_instant_precise(api_str(found, "created_at"), &made) && made >= since;
}

/* Looks for the tasks idx[0..n) among the tasks of their contacts made
 * since `since` (api_once_found). 0, or -1 with the search's failure in
 * why. */
static int look(void *vctx, struct http_client *hc, const size_t *idx, size_t n, double since,
                struct api_item *out, char *why, size_t whylen)
{
	const struct api_task *tasks = ((struct tasks_ctx *)vctx)->tasks;
	for (size_t off = 0; off < n; off += API_PAGE_SIZE) {
		size_t m = n - off < API_PAGE_SIZE ? n - off : API_PAGE_SIZE;
		cJSON *filters = cJSON_CreateObject(), *found = cJSON_CreateArray(), *ids;
		struct http_request failed;

		ids = cJSON_AddArrayToObject(filters, "contact_ids");
		for (size_t k = 0; k < m; k++)
			cJSON_AddItemToArray(ids, cJSON_CreateString(nz(tasks[idx[off + k]].contact_id)));
		if (api_search_all(hc, "tasks/search", "tasks", filters, false, found, &failed) < 0) {
			snprintf(why, whylen, "%s", failed.message);
			cJSON_Delete(filters);
			cJSON_Delete(found);
			return -1;
		}
		api_once_found(found, idx + off, m, since, "task", is_task, vctx, out,
		               ((struct tasks_ctx *)vctx)->job->counts);
		cJSON_Delete(filters);
		cJSON_Delete(found);
	}
	return 0;
}

/* ---- sending ---- */

/* a unit's reply, read the moment it comes (so that what it made is
 * written down before anything else can happen) */
struct unit_reply {
	struct tasks_ctx *ctx;
	const struct unit *u;
	struct api_item *out;
};

static void on_reply(struct http_request *r, void *arg)
{
	const struct unit_reply *ur = arg;
	size_t *made, nm = 0;
	if (r->outcome != HTTP_OK)
		return;
	read_reply(ur->ctx, ur->u, r->json, ur->out);
	if (!(made = calloc(ur->u->n + 1, sizeof *made)))
		return;
	for (size_t k = 0; k < ur->u->n; k++)
		if (ur->out[ur->u->idx[k]].result == API_CREATED)
			made[nm++] = ur->u->idx[k];
	api_once_made(ur->ctx->job, made, nm, ur->out);
	free(made);
}

/* One round: every pending task's request at once. */
static void send_round(void *vctx, struct http_client *hc, const size_t *pending, size_t np,
                       struct api_item *out, struct once_round *rd)
{
	struct tasks_ctx *ctx = vctx;
	const struct api_task *tasks = ctx->tasks;
	bool *single = ctx->single;
	size_t *order = calloc(np, sizeof *order);
	struct unit *units = calloc(np, sizeof *units);
	struct http_request *reqs = calloc(np, sizeof *reqs);
	struct http_request **pr = calloc(np, sizeof *pr);
	struct unit_reply *ur = calloc(np, sizeof *ur);
	size_t nu;

	if (!order || !units || !reqs || !pr || !ur ||
	    !(nu = make_units(tasks, pending, np, single, order, units))) {
		for (size_t i = 0; i < np; i++)
			api_set_outcome(&out[pending[i]], API_GAVE_UP, "out of memory");
		nu = 0;
	}
	for (size_t u = 0; u < nu; u++) {
		const char *path = units[u].bulk ? "tasks/bulk_create" : "tasks";
		http_request_init(&reqs[u], "POST", path, build_request(tasks, &units[u]), "%s", path);
		reqs[u].once = true;
		ur[u] = (struct unit_reply){ ctx, &units[u], out };
		reqs[u].done = on_reply;
		reqs[u].done_arg = &ur[u];
		pr[u] = &reqs[u];
	}
	http_run(hc, pr, nu);
	for (size_t u = 0; u < nu; u++) {
		const struct unit *w = &units[u];
		const struct http_request *r = &reqs[u];
		if (never_applied(r))
			api_once_not_sent(ctx->job, w->idx, w->n);
		for (size_t k = 0; k < w->n; k++) {
			size_t i = w->idx[k];
			if (r->outcome == HTTP_OK)
				continue;
			if (r->outcome == HTTP_REFUSED && r->status == 422 && w->bulk) {
				/* one bad contact must not fail its neighbours */
				single[i] = true;
				rd->again[rd->nagain++] = i;
			} else if (r->outcome == HTTP_GAVE_UP && r->maybe_done) {
				rd->maybe[rd->nmaybe++] = i;
				api_set_outcome(&out[i], API_NONE, r->message);
			} else {
				api_set_outcome(&out[i], api_outcome_result(r->outcome), r->message);
			}
		}
		http_request_free(&reqs[u]);
	}
	free(ur);
	free(order);
	free(units);
	free(reqs);
	free(pr);
}

void api_create_tasks(struct http_client *hc, const struct api_task *tasks, size_t n,
                      const struct once_hooks *hooks, struct api_item *out)
{
	struct tasks_ctx ctx = { tasks, calloc(n + 1, sizeof (bool)), NULL };
	struct once_job job = { "task", send_round, look, &ctx, hooks, NULL };

	if (!ctx.single) {
		for (size_t i = 0; i < n; i++)
			api_set_outcome(&out[i], API_GAVE_UP, "out of memory");
		return;
	}
	ctx.job = &job;
	api_once_run(hc, &job, n, out);
	free(ctx.single);
}

int api_count_tasks(struct http_client *hc, const struct api_task *tasks, size_t n, double since,
                    unsigned *counts, char *why, size_t whylen)
{
	struct tasks_ctx ctx = { tasks, NULL, NULL };
	struct once_job job = { "task", send_round, look, &ctx, NULL, NULL };
	ctx.job = &job;
	return api_once_count(hc, &job, n, since, counts, why, whylen);
}
