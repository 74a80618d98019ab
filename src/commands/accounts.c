/* commands/accounts.c - `apollo-csv accounts FILE`: a companies file becomes
 * Apollo accounts.
 *
 * FILE is an Apollo accounts export, a HubSpot companies export, a
 * Salesforce accounts export or a hand-made sheet with a name and/or a
 * website; its columns are found by the names those files give them
 * (rows/account_columns.h). Accounts are made with accounts/bulk_create and
 * Apollo's dedupe (run_dedupe: by domain, then name), 100 a call; lists
 * go in append_label_names, one set a request, so rows are grouped by
 * their lists. Apollo never changes an account bulk_create matched: with
 * --existing update the fields the row gives that Apollo's copy shows
 * otherwise are sent with accounts/bulk_update (1,000 a call), and no
 * other. Stages are named (account_stages is read once, when a row first
 * names one), owners by email
 * or name. In the file two rows with one domain (else one name) are one
 * account: the later is a duplicate naming the first. A row's Apollo
 * Account Id is checked against the team's accounts, never taken at its
 * word (check_ids).
 *
 * The rows are run by commands/record_per_row.h: the results file is the
 * journal, --resume goes on, and what a killed run made is in its log.
 * A row sent again after a kill is matched by Apollo's dedupe, never made
 * twice. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "apollo/api.h"
#include "apollo/custom_field_lookup.h"
#include "cli/command.h"
#include "commands/accounts.h"
#include "commands/record_per_row.h"
#include "commands/session.h"
#include "common/exit_codes.h"
#include "common/interrupt.h"
#include "common/msg.h"
#include "rows/account_columns.h"
#include "rows/custom_values.h"
#include "rows/find_column.h"
#include "rows/results.h"
#include "values/clean.h"
#include "values/custom_fields.h"
#include "values/ids.h"
#include "values/sheet_values.h"

struct account_row {
	struct api_account a;
	const char *id;                /* the file's Apollo Account Id */
	const char *lists;             /* account_lists' form, "" for none */
	const char *problems;          /* custom values that did not fit (or that
	                                * Apollo left out), for _reason; NULL: none */
};

struct accounts_run {
	struct record_rows rr;
	int col[AC_COUNT];
	cJSON *stages;                 /* account_stages, when the file or --stage names one */
	const char *default_stage;    /* --stage's id */
	char stages_error[1200];
	/* custom fields: the team's account fields, the columns that feed
	 * them (a column_map with only its custom part), a row's values */
	struct custom_fields fields;
	struct column_map cmap;
	struct custom_row crow;
	/* the team's account ids, read once when a row first gives one */
	struct dedupe_set team_ids;
	bool team_read;
	char *team_why;                /* they could not be read */
};

static struct account_row *account_of(struct accounts_run *run, size_t i)
{
	return record_rows_row(&run->rr, i);
}

/* ---- stages ---- */

/* the stage a cell names (its name, any case, or its id): NULL with why */
static const char *stage_find(const cJSON *stages, const char *want, char *why, size_t whylen)
{
	const cJSON *s, *hit = NULL;
	char names[600] = "";
	int count = 0;

	cJSON_ArrayForEach(s, stages) {
		size_t len = strlen(names);
		if (strcmp(api_str(s, "id"), want) == 0)
			return api_str(s, "id");
		if (strcasecmp(api_str(s, "name"), want) == 0) {
			hit = s;
			count++;
		}
		if (len + 1 < sizeof names)
			snprintf(names + len, sizeof names - len, "%s%s", len ? ", " : "", api_str(s, "name"));
	}
	if (count == 1)
		return api_str(hit, "id");
	if (count > 1)
		snprintf(why, whylen, "stage \"%s\": several account stages have this name; give its id", want);
	else
		snprintf(why, whylen, "\"%s\" is not an account stage: use %s", want, *names ? names : "(none)");
	return NULL;
}

/* account_stages, read once, when a row or --stage first names a stage:
 * NULL, or why they could not be read */
static const char *load_stages(struct accounts_run *run, struct session *s)
{
	struct http_request failed;

	run->stages = cJSON_CreateArray();
	if (api_list_account_stages(&s->hc, false, run->stages, &failed) < 0) {
		snprintf(run->stages_error, sizeof run->stages_error, "the account stages could not be read: %s",
		         failed.message);
		return run->stages_error;
	}
	return NULL;
}

/* ---- rows ---- */

static const char *cell(const struct accounts_run *run, const struct csv_record *rec, enum account_col c)
{
	return header_cell(rec, run->col[c]);
}

/* a cell through one of values/clean.h's clean-ups, in the chunk's arena
 * (NULL when it is empty) */
static const char *cleaned(struct chunk *c, const char *v,
                           void (*clean)(const char *, size_t, struct dynbuf *))
{
	struct dynbuf d;
	const char *out;
	dynbuf_init(&d, 1 << 16);
	clean(v, strlen(v), &d);
	out = d.len ? chunk_strdup(c, d.data) : NULL;
	dynbuf_free(&d);
	return out;
}

/* The row's custom values (rows/custom_values.h), as typed_custom_fields'
 * text: NULL, or why the row is invalid (--strict-fields, a value that
 * does not fit); without --strict-fields such a value is left out and
 * named in _reason. "(clear)" empties a field of an account Apollo has
 * (--existing update), and sends nothing to a new one. */
static const char *read_custom(struct accounts_run *run, const struct csv_record *rec, struct account_row *r)
{
	const struct config *cfg = run->rr.cfg;
	struct chunk *c = &run->rr.chunk;
	struct cf_reading how = { cfg->date_order, cfg->decimal_comma };
	char *text;

	if (!run->cmap.custom)
		return NULL;
	custom_row_read(&run->crow, &run->cmap, rec, &how, cfg->update_existing);
	if (run->crow.nbad && cfg->strict_fields)
		return chunk_printf(c, "%s (--strict-fields)", run->crow.reason.data);
	if (run->crow.nbad)
		r->problems = chunk_printf(c, "sent without %s", run->crow.reason.data);
	if (run->crow.typed && (text = cJSON_PrintUnformatted(run->crow.typed))) {
		r->a.typed_custom_fields = chunk_strdup(c, text);
		free(text);
	}
	return NULL;
}

static const char *read_account(struct record_rows *rr, const struct csv_record *rec, void *row)
{
	struct accounts_run *run = rr->ctx;
	struct account_row *r = row;
	struct chunk *c = &rr->chunk;
	const char *id = chunk_trimmed(c, cell(run, rec, AC_ID)), *website = cell(run, rec, AC_WEBSITE);
	const char *stage = chunk_trimmed(c, cell(run, rec, AC_STAGE)), *owner = cell(run, rec, AC_OWNER), *why;
	char whybuf[1536];
	struct dynbuf d;

	if (apollo_id_mangled_reason(id, "account", whybuf, sizeof whybuf))
		return chunk_strdup(c, whybuf);
	if (*id && !apollo_id_valid(id))
		return chunk_printf(c, "Apollo Account Id \"%s\" is not an Apollo id", id);
	r->id = *id ? id : NULL;
	r->a.name = cleaned(c, cell(run, rec, AC_NAME), clean_text);
	r->a.domain = cleaned(c, website, clean_domain);
	if (r->a.domain && !strchr(r->a.domain, '.'))
		return chunk_printf(c, "website \"%s\" is not a web address or a domain", website);
	if (!r->a.name && !r->a.domain && !r->id)
		return "no name and no website: Apollo needs at least one";
	if (!r->a.name)
		r->a.name = "";
	r->a.phone = cleaned(c, cell(run, rec, AC_PHONE), clean_phone);
	r->a.linkedin_url = cleaned(c, cell(run, rec, AC_LINKEDIN), clean_text);
	dynbuf_init(&d, 1 << 16);
	account_address(rec, run->col, &d);
	r->a.raw_address = d.len ? chunk_strdup(c, d.data) : NULL;
	account_lists(cell(run, rec, AC_LISTS), &d);
	r->lists = chunk_strdup(c, d.data ? d.data : "");
	dynbuf_free(&d);
	if (*stage) {
		if ((!run->stages && (why = load_stages(run, rr->s))) || (why = *run->stages_error ?
		                                                            run->stages_error : NULL))
			return record_rows_stop(rr, why);   /* never invalid for a question not answered */
		if (!(r->a.stage_id = stage_find(run->stages, stage, whybuf, sizeof whybuf)))
			return chunk_strdup(c, whybuf);
		r->a.stage_id = chunk_strdup(c, r->a.stage_id);
	} else {
		r->a.stage_id = run->default_stage;
	}
	if (*owner) {
		if ((why = record_rows_owner(rr, owner, &r->a.owner_id)))
			return why;
	} else {
		r->a.owner_id = rr->s->plan.owner_id;
	}
	return read_custom(run, rec, r);
}

/* one account: its id when the file gives it, else its domain, else its name */
static void account_identity(const void *row, struct dynbuf *key)
{
	const struct account_row *r = row;
	struct dynbuf k;

	if (r->id) {
		dynbuf_add(key, "i:", 2);
		dynbuf_add(key, r->id, strlen(r->id));
		return;
	}
	dynbuf_init(&k, 1 << 16);
	account_key(r->a.domain, r->a.name, &k);
	dynbuf_add(key, k.data ? k.data : "", k.len);
	dynbuf_free(&k);
}

static void account_ready(struct held_row *h, const void *row)
{
	const struct account_row *r = row;
	/* (the file's Apollo Account Id is not its _account_id until it is
	 * found among the team's: check_ids) */
	/* made without a value that did not fit: a person must look */
	h->res.needs_attention = r->problems != NULL;
}

static const char *account_note(const void *row)
{
	return ((const struct account_row *)row)->problems;
}

static void prepare(struct record_rows *rr)
{
	(void)rr;
}

/* ---- --existing update: the fields Apollo's copy shows otherwise ---- */

/* v as it compares: spaces at the ends aside, case aside for addresses */
static bool same(const char *field, const char *have, const char *want)
{
	struct dynbuf a, b;
	bool eq;
	void (*clean)(const char *, size_t, struct dynbuf *) =
		strcmp(field, "domain") == 0 || strcmp(field, "linkedin_url") == 0 ? clean_domain
		: strcmp(field, "phone") == 0 ? clean_phone : clean_text;

	dynbuf_init(&a, 1 << 16);
	dynbuf_init(&b, 1 << 16);
	clean(have, strlen(have), &a);
	clean(want, strlen(want), &b);
	eq = a.len == b.len && (!a.len || memcmp(a.data, b.data, a.len) == 0);
	dynbuf_free(&a);
	dynbuf_free(&b);
	return eq;
}

/* The row's fields that Apollo's copy shows otherwise: those
 * accounts/bulk_update takes (name, owner, stage) into u (id set by the
 * caller), the others named in `fixed` (Apollo documents no bulk change
 * of them). A field the row leaves empty is never sent: a blank clears
 * nothing; one Apollo's copy does not show cannot be compared. */
/* a custom value as it compares: text, a number as %.15g, true/false, a
 * list's items sorted and ;-joined; "" for none */
static void value_text(const cJSON *v, struct dynbuf *out)
{
	char num[64];
	dynbuf_reset(out);
	if (cJSON_IsString(v)) {
		dynbuf_add(out, v->valuestring, strlen(v->valuestring));
	} else if (cJSON_IsNumber(v)) {
		snprintf(num, sizeof num, "%.15g", v->valuedouble);
		dynbuf_add(out, num, strlen(num));
	} else if (cJSON_IsBool(v)) {
		dynbuf_add(out, cJSON_IsTrue(v) ? "true" : "false", cJSON_IsTrue(v) ? 4 : 5);
	} else if (cJSON_IsArray(v)) {
		/* few items: an insertion into order by a plain scan */
		int n = cJSON_GetArraySize(v);
		const char *last = "";
		for (int k = 0; k < n; k++) {
			const char *next = NULL;
			const cJSON *it;
			cJSON_ArrayForEach(it, v)
				if (cJSON_IsString(it) && strcmp(it->valuestring, last) > 0 &&
				    (!next || strcmp(it->valuestring, next) < 0))
					next = it->valuestring;
			if (!next)
				break;
			if (out->len)
				dynbuf_addc(out, ';');
			dynbuf_add(out, next, strlen(next));
			last = next;
		}
	}
	dynbuf_cstr(out);
}

/* The row's custom values that Apollo's copy shows otherwise, as a JSON
 * object's text (malloc'd; NULL: none), their labels added to names. A
 * copy without typed_custom_fields cannot be compared: nothing is sent. */
static char *custom_differences(const struct accounts_run *run, const struct account_row *r, const cJSON *have,
                                char *names, size_t size)
{
	cJSON *want = r->a.typed_custom_fields ? cJSON_Parse(r->a.typed_custom_fields) : NULL, *out = NULL, *v;
	const cJSON *stored = cJSON_GetObjectItemCaseSensitive(have, "typed_custom_fields");
	struct dynbuf a, b;
	char *text = NULL;

	if (!cJSON_IsObject(want) || !cJSON_IsObject(stored)) {
		cJSON_Delete(want);
		return NULL;
	}
	dynbuf_init(&a, 1 << 20);
	dynbuf_init(&b, 1 << 20);
	cJSON_ArrayForEach(v, want) {
		const struct custom_field *f = custom_fields_by_id(&run->fields, v->string);
		value_text(v, &a);
		value_text(cJSON_GetObjectItemCaseSensitive(stored, v->string), &b);
		if (a.len == b.len && (!a.len || memcmp(a.data, b.data, a.len) == 0))
			continue;
		if (!out)
			out = cJSON_CreateObject();
		cJSON_AddItemToObject(out, v->string, cJSON_Duplicate(v, 1));
		snprintf(names + strlen(names), size - strlen(names), "%s%s", *names ? ", " : "",
		         f ? f->label : v->string);
	}
	if (out)
		text = cJSON_PrintUnformatted(out);
	cJSON_Delete(out);
	cJSON_Delete(want);
	dynbuf_free(&a);
	dynbuf_free(&b);
	return text;
}

static void differences(const struct account_row *r, const cJSON *have, struct api_update *u,
                        char *fixed, size_t size)
{
	const struct { const char *name, *want; bool bulk; } f[] = {
		{ "name", r->a.name, true }, { "owner_id", r->a.owner_id, true },
		{ "account_stage_id", r->a.stage_id, true }, { "domain", r->a.domain, false },
		{ "phone", r->a.phone, false }, { "linkedin_url", r->a.linkedin_url, false },
		{ "raw_address", r->a.raw_address, false },
	};

	u->n = 0;
	*fixed = '\0';
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		if (!f[i].want || !*f[i].want || !cJSON_GetObjectItemCaseSensitive(have, f[i].name))
			continue;
		if (same(f[i].name, api_str(have, f[i].name), f[i].want))
			continue;
		if (f[i].bulk) {
			u->name[u->n] = f[i].name;
			u->value[u->n++] = f[i].want;
		} else {
			snprintf(fixed + strlen(fixed), size - strlen(fixed), "%s%s", *fixed ? ", " : "", f[i].name);
		}
	}
}

/* the names of u's fields, for _reason */
static void changed_list(const struct api_update *u, char *out, size_t size)
{
	*out = '\0';
	for (size_t k = 0; k < u->n; k++)
		snprintf(out + strlen(out), size - strlen(out), "%s%s", k ? ", " : "", u->name[k]);
}

/* The existing accounts among out[0..n): with --existing update the
 * fields that differ are sent, in one bulk_update a thousand; without,
 * _reason says which would be. */
static void update_existing(struct record_rows *rr, const size_t *rows, size_t n, struct api_item *out)
{
	struct accounts_run *run = rr->ctx;
	struct api_update *u = calloc(n + 1, sizeof *u);
	struct api_item *res = calloc(n + 1, sizeof *res);
	size_t *which = calloc(n + 1, sizeof *which), nu = 0;
	char (*fixed)[200] = calloc(n + 1, sizeof *fixed);
	char fields[200], msg[900], tail[400];

	if (!u || !res || !which || !fixed)
		goto out;
	for (size_t k = 0; k < n; k++) {
		const struct account_row *r = account_of(run, rows[k]);
		if (out[k].result != API_EXISTING || !out[k].record)
			continue;
		differences(r, out[k].record, &u[nu], fixed[k], sizeof fixed[k]);
		changed_list(&u[nu], fields, sizeof fields);
		u[nu].typed_custom_fields = custom_differences(run, r, out[k].record, fields, sizeof fields);
		if (!rr->cfg->update_existing) {
			bool any = u[nu].n || u[nu].typed_custom_fields;
			free((char *)u[nu].typed_custom_fields);
			u[nu].typed_custom_fields = NULL;
			if (any || *fixed[k]) {
				snprintf(msg, sizeof msg, "Apollo has it and shows otherwise: %s%s%s; not changed%s%s%s",
				         fields, any && *fixed[k] ? ", " : "", fixed[k],
				         any ? " (--existing update would send " : "", any ? fields : "",
				         any ? ")" : "");
				api_set_outcome(&out[k], API_EXISTING, msg);
			}
			continue;
		}
		if (!u[nu].n && !u[nu].typed_custom_fields) {
			snprintf(out[k].reason, sizeof out[k].reason, "unchanged");
			if (*fixed[k]) {
				snprintf(msg, sizeof msg, "Apollo shows otherwise %s, which its bulk update of accounts "
				         "does not take", fixed[k]);
				api_set_outcome(&out[k], API_EXISTING, msg);
			}
			continue;
		}
		u[nu].id = out[k].id;
		which[nu++] = k;
	}
	if (nu)
		api_update_accounts(&rr->s->hc, u, nu, res);
	for (size_t j = 0; j < nu; j++) {
		struct api_item *it = &out[which[j]];
		const char *nt = fixed[which[j]];
		changed_list(&u[j], fields, sizeof fields);
		if (u[j].typed_custom_fields)
			free(custom_differences(run, account_of(run, rows[which[j]]), it->record, fields, sizeof fields));
		snprintf(tail, sizeof tail, "%s%s%s", *nt ? "; not changed: " : "", nt,
		         *nt ? " (Apollo's bulk update of accounts does not take it)" : "");
		if (res[j].result == API_DONE) {
			/* the rest went; a custom value Apollo listed beside the account
			 * did not (custom_outcomes names it and marks the row) */
			if (res[j].custom_field_errors) {
				struct account_row *r = account_of(run, rows[which[j]]);
				r->problems = chunk_printf(&rr->chunk, "%s%sApollo did not take every custom value: %s",
				                           r->problems ? r->problems : "", r->problems ? "; " : "",
				                           res[j].custom_field_errors);
			}
			snprintf(msg, sizeof msg, "updated: %s%s", fields, tail);
			api_set_outcome(it, API_EXISTING, msg);
			snprintf(it->reason, sizeof it->reason, "updated");
		} else if (res[j].result == API_REFUSED || res[j].result == API_UNCONFIRMED) {
			snprintf(msg, sizeof msg, "Apollo has it (%s) but did not %s the update of %s: %s", it->id,
			         res[j].result == API_REFUSED ? "make" : "confirm", fields,
			         res[j].message ? res[j].message : "?");
			api_set_outcome(it, res[j].result, msg);
		} else {
			snprintf(msg, sizeof msg, "Apollo has it (%s); the update of %s was not sent: %s", it->id,
			         fields, res[j].message ? res[j].message : "stopped");
			api_set_outcome(it, API_STOPPED, msg);
		}
	}
out:
	for (size_t j = 0; res && j < nu; j++)
		api_item_clear(&res[j]);
	for (size_t j = 0; u && j < nu; j++)
		free((char *)u[j].typed_custom_fields);
	free(u);
	free(res);
	free(which);
	free(fixed);
}

/* A made or matched account's custom values that did not fit or that
 * Apollo left out (custom_field_errors, named by field) go in _reason
 * beside what else it says, and the row needs a look. */
static void custom_outcomes(struct record_rows *rr, const size_t *rows, size_t n, struct api_item *out)
{
	struct accounts_run *run = rr->ctx;
	struct chunk *c = &rr->chunk;

	for (size_t k = 0; k < n; k++) {
		struct account_row *r = account_of(run, rows[k]);
		const cJSON *errs = out[k].record && out[k].result == API_CREATED
		                    ? cJSON_GetObjectItemCaseSensitive(out[k].record, "custom_field_errors") : NULL;
		if (cJSON_IsObject(errs) && errs->child) {
			char *text = cJSON_PrintUnformatted(errs);
			r->problems = chunk_printf(c, "%s%sApollo made it without custom values: %s",
			                           r->problems ? r->problems : "", r->problems ? "; " : "",
			                           text ? text : "?");
			free(text);
		}
		if (!r->problems || (out[k].result != API_CREATED && out[k].result != API_EXISTING))
			continue;
		c->rows[rows[k]].res.needs_attention = true;
		if (out[k].message) {
			char *both = strdup(chunk_printf(c, "%s; %s", out[k].message, r->problems));
			if (both)
				api_set_outcome(&out[k], out[k].result, both);
			free(both);
		}
	}
}

/* ---- making them ---- */

/* Is id one of the team's accounts? The team's accounts are read once
 * (accounts/search, 100 a call) when a row first gives an id: an export of
 * another team, or an account deleted since, is never taken at its word.
 * -1 when they cannot be read (run->team_why). */
static int team_has(struct accounts_run *run, const char *id)
{
	if (!run->team_read) {
		cJSON *list = cJSON_CreateArray(), *it;
		struct http_request failed;
		run->team_read = true;
		if (api_list_accounts(&run->rr.s->hc, list, &failed) < 0)
			run->team_why = strdup(failed.message);
		cJSON_ArrayForEach(it, list) {
			const char *aid = api_str(it, "id");
			if (*aid)
				dedupe_check_add(&run->team_ids, aid, strlen(aid), 1);
		}
		cJSON_Delete(list);
	}
	if (run->team_why)
		return -1;
	return dedupe_find(&run->team_ids, id, strlen(id)) != 0;
}

/* The rows that give an Apollo Account Id: one of the team's is not sent
 * (existing); another is made by its name and website like a row without
 * an id, saying the id is not the team's (skip[k] false), or fails when it
 * has nothing else; when the team's accounts cannot be read, not sent. */
static void check_ids(struct accounts_run *run, const size_t *rows, size_t n, struct api_item *out, bool *skip)
{
	struct chunk *c = &run->rr.chunk;
	char msg[1400];

	for (size_t k = 0; k < n; k++) {
		struct account_row *r = account_of(run, rows[k]);
		int has;
		if (!r->id)
			continue;
		skip[k] = true;
		if ((has = team_has(run, r->id)) < 0) {
			snprintf(msg, sizeof msg, "its Apollo Account Id could not be checked: the team's accounts could "
			         "not be read (%.1000s)", run->team_why);
			api_set_outcome(&out[k], API_GAVE_UP, msg);
		} else if (has) {
			api_set_outcome(&out[k], API_EXISTING, "the file gives its Apollo Account Id, one of the team's "
			                "accounts: not sent");
			snprintf(out[k].id, sizeof out[k].id, "%s", r->id);
		} else if (!*r->a.name && !r->a.domain) {
			snprintf(msg, sizeof msg, "its Apollo Account Id %s is not one of the team's accounts (an export of "
			         "another team, or an account deleted since), and it has no name or website to make it by",
			         r->id);
			api_set_outcome(&out[k], API_REFUSED, msg);
		} else {
			skip[k] = false;
			r->problems = chunk_printf(c, "%s%sits Apollo Account Id %s is not one of the team's accounts (an "
			                           "export of another team, or an account deleted since): sent by its name "
			                           "and website", r->problems ? r->problems : "", r->problems ? "; " : "",
			                           r->id);
		}
	}
}

/* a lists text (account_lists' form) split into names, in place */
static size_t split_lists(char *lists, const char **names, size_t max)
{
	size_t n = 0;
	for (char *p = lists; *p && n < max;) {
		names[n++] = p;
		p += strcspn(p, ";");
		if (*p)
			*p++ = '\0';
	}
	return n;
}

/* The chunk's rows, grouped by their lists (append_label_names is one set
 * a request), in one accounts/bulk_create round; a row giving its Apollo
 * Account Id is not sent. */
static void make(struct record_rows *rr, const size_t *rows, size_t n, const struct once_hooks *hooks,
                 struct api_item *out)
{
	struct accounts_run *run = rr->ctx;
	const struct config *cfg = rr->cfg;
	struct api_account_batch *b = calloc(n + 1, sizeof *b);
	struct api_account *acc = calloc(n + 1, sizeof *acc);
	struct api_item *res = calloc(n + 1, sizeof *res);
	size_t *where = calloc(n + 1, sizeof *where), *order = calloc(n + 1, sizeof *order), *sent;
	char **texts = calloc(n + 1, sizeof *texts);
	bool *skip = calloc(n + 1, sizeof *skip);
	const char **names = NULL;
	size_t nb = 0, nsent = 0, maxnames = cfg->nlabels + 1;

	if (!b || !acc || !res || !where || !order || !texts || !skip)
		goto out;   /* no outcome: the rows are not sent */
	for (size_t k = 0; k < n; k++)
		maxnames += strlen(account_of(run, rows[k])->lists) + 1;
	if (!(names = calloc(maxnames, sizeof *names)))
		goto out;
	check_ids(run, rows, n, out, skip);
	/* groups, in the order their lists first show */
	for (size_t k = 0; k < n; k++) {
		const struct account_row *r = account_of(run, rows[k]);
		size_t g;
		if (skip[k])
			continue;
		for (g = 0; g < nb && strcmp(texts[g], r->lists) != 0; g++)
			;
		if (g == nb) {
			texts[nb++] = strdup(r->lists);
			if (!texts[g])
				goto out;
		}
		where[k] = g;
	}
	/* each group's accounts side by side in acc, its names with --label's */
	{
		size_t at = 0, nn = 0;
		for (size_t g = 0; g < nb; g++) {
			char *copy = strdup(texts[g]);
			size_t first = nn;
			b[g].accounts = acc + at;
			b[g].out = res + at;
			for (size_t k = 0; k < n; k++)
				if (!skip[k] && where[k] == g) {
					acc[at] = account_of(run, rows[k])->a;
					order[at++] = k;
					b[g].n++;
				}
			for (size_t l = 0; l < cfg->nlabels; l++)
				names[nn++] = cfg->labels[l];
			if (copy)
				nn += split_lists(copy, names + nn, maxnames - nn);
			free(texts[g]);
			texts[g] = copy;   /* the names point into it */
			b[g].labels = names + first;
			b[g].nlabels = nn - first;
		}
		nsent = at;
	}
	sent = order;
	if (nsent && hooks->sending)
		hooks->sending(hooks->arg, sent, nsent);
	/* after a kill, what the killed run sent may still be on its way:
	 * once, before the first request, it is let settle, so that Apollo's
	 * dedupe sees it */
	if (nsent && hooks->resumed && hooks->settle_first > 0)
		interrupt_sleep(hooks->settle_first);
	if (nsent)
		api_create_account_batches(&rr->s->hc, b, nb);
	for (size_t j = 0; j < nsent; j++) {
		out[order[j]] = res[j];
		memset(&res[j], 0, sizeof res[j]);
	}
	/* the made ones in the log at once: --resume will not send them */
	if (hooks->made) {
		size_t *made = calloc(nsent + 1, sizeof *made), m = 0;
		for (size_t j = 0; made && j < nsent; j++)
			if (out[order[j]].result == API_CREATED)
				made[m++] = order[j];
		if (m)
			hooks->made(hooks->arg, made, m, out);
		free(made);
	}
	update_existing(rr, rows, n, out);
	custom_outcomes(rr, rows, n, out);
out:
	for (size_t g = 0; texts && g < nb; g++)
		free(texts[g]);
	free(texts);
	free(skip);
	free(names);
	free(b);
	free(acc);
	free(res);
	free(where);
	free(order);
}

static const struct record_kind accounts_kind = {
	"accounts", "account", RESULTS_ACCOUNTS, sizeof (struct account_row), read_account, account_identity,
	account_ready, prepare, make, account_note, NULL, NULL, NULL,
	true,   /* the note: custom values the account was made without */
};

/* The team's account fields, when a column feeds no account field: one
 * look-up; the columns whose header is a custom field's label feed it,
 * and the rest are said to be not sent (with the nearest label). A
 * look-up that failed is never taken for "no custom fields": the run
 * stops before any output exists. */
static int map_custom(struct accounts_run *run, struct session *s)
{
	const struct csv_record *h = run->rr.header;
	struct column_map *m = &run->cmap;
	struct msg_pos none = { 0 };
	struct http_request failed;
	bool *taken = calloc(h->nfields + 1, sizeof *taken), any = false;
	char notsent[2000] = "";
	int status = EXIT_OK;

	if (!taken)
		return EXIT_INTERNAL;
	for (int c = 0; c < AC_COUNT; c++)
		if (run->col[c] >= 0)
			taken[run->col[c]] = true;
	for (size_t c = 0; c < h->nfields; c++)
		any = any || (!taken[c] && !results_is_outcome_column(h->fields[c]) && *h->fields[c]);
	if (!any)
		goto out;
	if (custom_field_lookup(&s->hc, &run->fields, &failed) < 0) {
		if (failed.outcome == HTTP_REFUSED && failed.status == 403 && !s->hc.refused) {
			/* a key scoped without the field lists: the accounts can still
			 * go, the columns named as not sent, and why (as import does) */
			msg_warn(&none, "the key may not read the team's custom fields (%s): the columns no account "
			         "field takes are not sent; a key with api/v1/fields/index would send those that are "
			         "custom fields", failed.message);
			goto out;
		}
		msg_error(&none, "the team's custom fields could not be read (%s): the columns that name no "
		          "account field may be custom fields, so nothing is sent", failed.message);
		status = s->hc.refused ? EXIT_CONFIG : EXIT_API;
		goto out;
	}
	custom_fields_keep(&run->fields, CF_ACCOUNT);
	m->ncols = h->nfields;
	m->fields = &run->fields;
	m->modality = CF_ACCOUNT;
	if (!(m->custom = calloc(h->nfields + 1, sizeof *m->custom)) ||
	    !(m->custom_by_override = calloc(h->nfields + 1, sizeof *m->custom_by_override)) ||
	    !(m->custom_name = calloc(h->nfields + 1, sizeof *m->custom_name))) {
		status = EXIT_INTERNAL;
		goto out;
	}
	for (size_t c = 0; c < h->nfields; c++) {
		const struct custom_field *f;
		const char *near;
		snprintf(m->custom_name[c], sizeof m->custom_name[c], "%s", h->fields[c]);
		if (taken[c] || results_is_outcome_column(h->fields[c]) || !*h->fields[c])
			continue;
		if ((f = custom_fields_by_label(&run->fields, CF_ACCOUNT, h->fields[c]))) {
			m->custom[c] = f;
			msg_info("%s:   %s -> custom field \"%s\" (%s)", run->rr.file, h->fields[c], f->label,
			         f->type_name ? f->type_name : "?");
			continue;
		}
		near = custom_fields_nearest(&run->fields, CF_ACCOUNT, h->fields[c]);
		snprintf(notsent + strlen(notsent), sizeof notsent - strlen(notsent), "%s%s%s%s%s",
		         *notsent ? ", " : "", h->fields[c], near ? " (custom field \"" : "", near ? near : "",
		         near ? "\"?)" : "");
	}
	if (*notsent)
		msg_info("%s:   not sent: %s", run->rr.file, notsent);
out:
	free(taken);
	return status;
}

/* --stage's id, before any output exists */
static int default_stage(struct accounts_run *run, struct session *s)
{
	const struct config *cfg = run->rr.cfg;
	struct msg_pos none = { 0 };
	const char *why;
	char buf[1536];

	if (!cfg->stage)
		return EXIT_OK;
	if ((why = load_stages(run, s))) {
		msg_error(&none, "%s", why);
		return s->hc.refused ? EXIT_CONFIG : EXIT_API;
	}
	if (!(run->default_stage = stage_find(run->stages, cfg->stage, buf, sizeof buf))) {
		msg_error(&none, "--stage %s: %s", cfg->stage, buf);
		return EXIT_CONFIG;
	}
	return EXIT_OK;
}

int cmd_accounts(const struct config *cfg)
{
	struct accounts_run run = { .col = { 0 } };
	struct session s;
	int status;

	dedupe_init(&run.team_ids);
	if ((status = record_rows_open(&run.rr, cfg, &accounts_kind, &run, 4 * API_BULK_MAX)) != EXIT_OK)
		goto out;
	account_columns_find(run.rr.header, run.col);
	if (run.col[AC_NAME] < 0 && run.col[AC_WEBSITE] < 0 && run.col[AC_ID] < 0) {
		struct msg_pos pos = { run.rr.file, run.rr.header->line, 0 };
		msg_error(&pos, "no column for the account's name or website: name one Company Name, Account "
		          "Name, name, Website or domain");
		status = EXIT_INPUT;
		goto out;
	}
	/* --owner and --stage are resolved before any output exists */
	custom_row_init(&run.crow);
	if ((status = session_open(&s, cfg)) == EXIT_OK) {
		if ((status = default_stage(&run, &s)) == EXIT_OK && (status = map_custom(&run, &s)) == EXIT_OK)
			status = record_rows_run(&run.rr, &s);
		session_close(&s);
	}
	custom_row_free(&run.crow);
	free(run.cmap.custom);
	free(run.cmap.custom_by_override);
	free(run.cmap.custom_name);
	custom_fields_free(&run.fields);
out:
	record_rows_close(&run.rr);
	cJSON_Delete(run.stages);
	dedupe_free(&run.team_ids);
	free(run.team_why);
	return status;
}

/* ---- the command line: --help, options, what they must say together ---- */

static const char help[] =
"Usage: apollo-csv accounts [OPTIONS] FILE\n"
"\n"
"Make an Apollo account of each row of FILE, a companies file: an Apollo\n"
"accounts export, a HubSpot companies export, a Salesforce accounts export\n"
"or a sheet of your own. Columns are found by name (case, spaces, _ and -\n"
"do not matter):\n"
"  name             Company Name, Account Name, Company name, name\n"
"  website          Website, Company Domain Name, Website URL, domain: sent as\n"
"                   the domain Apollo wants (https://www.acme.com/about ->\n"
"                   acme.com). A row needs a name or a website\n"
"  phone            Company Phone, Phone Number, Phone (Excel's leading ' goes)\n"
"  stage            Account Stage: a stage's name (any case) or id\n"
"  owner            Account Owner, Company owner: the user's email, name or id\n"
"  lists            Lists: list names separated by , or ; (added, never removed)\n"
"  linkedin url     Company Linkedin Url, LinkedIn Company Page\n"
"  address          Company Address, or street, city, state, postal code and\n"
"                   country columns (Company City, Billing City, City...)\n"
"                   joined in one line\n"
"  Apollo Account Id  checked against the team's accounts (read once, a call\n"
"                   a 100): one of them is not sent again; another team's id\n"
"                   is named and the row made by its name and website\n"
"A column whose header is the label of one of the team's custom account\n"
"fields feeds it (GET fields, once a run, when a column names no field\n"
"above): values are converted by the field's type (a picklist's label to\n"
"its id, dates to YYYY-MM-DD, yes/no...); a value that does not fit is left\n"
"out and named in _reason, and the row needs attention. A blank cell sends\n"
"nothing; (clear) empties the field of an account Apollo has (--existing\n"
"update). Other columns are kept in the results file and not sent.\n"
"\n"
"Accounts are made with accounts/bulk_create, 100 a call, and Apollo's\n"
"dedupe (by domain, then name): an account Apollo has is not made again,\n"
"and bulk_create never changes it. In FILE, two rows with one domain (else\n"
"one name) are one account: the later is a duplicate naming the first.\n"
"FILE.results.csv has every column of FILE and _status (created,\n"
"existing, updated, unchanged, duplicate, invalid, failed, unprocessed),\n"
"_reason and _account_id.\n"
"\n"
"      --existing skip|update  accounts Apollo has: leave them (default; _reason\n"
"                          names the fields Apollo shows otherwise) or send\n"
"                          the name, owner, stage and custom values where\n"
"                          they differ\n"
"                          (accounts/bulk_update, 1,000 a call; it takes no\n"
"                          other field); an empty cell never clears a field\n"
"      --label NAME        add every account to this list too (repeatable)\n"
"      --owner USER        the owner for rows without one\n"
"      --stage NAME        the stage for rows without one\n"
"      --strict-fields     a custom value that does not fit makes its row\n"
"                          invalid (not sent) instead\n"
"      --date-format dmy|mdy|ymd  how to read 03/04/2026 in date fields\n"
"      --decimal-comma     numbers are written 1.234,5\n"
"\n"
RECORDS_WRITING_AND_TALKING
"Exit status: 0 every row made or found; 1 some rows need attention; 2 bad\n"
"command line; 3 FILE cannot be read or has no name or website column; 4\n"
"no key, a refused key, or an --owner or --stage that names nothing; 5\n"
"stopped early: run again with --resume; 6 the results file cannot be\n"
"written; 130, 143 stopped by Ctrl-C or SIGTERM: run again with --resume.\n";

static int set_existing(struct config *cfg, char *arg)
{
	if (strcmp(arg, "skip") != 0 && strcmp(arg, "update") != 0)
		return cli_usage_error("--existing %s: use skip or update", arg);
	cfg->update_existing = strcmp(arg, "update") == 0;
	return EXIT_OK;
}
static const struct cli_option opt_existing = { "existing", 0, true, set_existing, "skip update" };

static const struct cli_option *const options[] = {
	OPTIONS_READING_FILE, OPTIONS_WRITING, &opt_resume, OPTIONS_MESSAGES, OPTIONS_TALKING, &opt_settle,
	&opt_existing, &opt_label, &opt_owner, &opt_stage, &opt_strict_fields, &opt_date_format,
	&opt_decimal_comma, NULL
};

static int check(struct config *cfg)
{
	int rc;
	if ((rc = cli_check_files(cfg, "accounts")) != EXIT_OK || (rc = cli_check_resume(cfg, "accounts")) != EXIT_OK)
		return rc;
	return cli_check_one_file(cfg, "accounts");
}

const struct command accounts_command = {
	.name = "accounts", .id = CMD_ACCOUNTS, .help = help, .options = options, .check = check,
	.run = cmd_accounts,
	.overview = "  accounts FILE   a companies file becomes Apollo accounts\n"
};
