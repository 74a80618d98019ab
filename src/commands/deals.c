/* commands/deals.c - `apollo-csv deals FILE`: one Apollo deal (opportunity)
 * per row.
 *
 * A row names the deal, its account (a domain or an Apollo account id),
 * its amount, stage, closing date and owner in the spellings a
 * spreadsheet has (values/sheet_values.h). Domains become account ids with the
 * fewest calls: with --create-accounts through accounts/bulk_create and
 * Apollo's dedupe (100 a call, an account made for a domain Apollo does
 * not have); without it the team's accounts are read once, and a domain
 * that has none fails its row. Stages are named: opportunity_stages is
 * read once. Apollo has no bulk create for deals: one call a deal, --jobs
 * at a time, each sent once (apollo/deals.h); the rows are run by
 * commands/record_per_row.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apollo/custom_field_lookup.h"
#include "apollo/deal_stages.h"
#include "apollo/deals.h"
#include "cli/command.h"
#include "commands/deals.h"
#include "commands/record_per_row.h"
#include "commands/session.h"
#include "common/exit_codes.h"
#include "common/msg.h"
#include "rows/dedupe.h"
#include "rows/find_column.h"
#include "values/custom_fields.h"
#include "values/ids.h"
#include "values/clean.h"
#include "values/sheet_values.h"

enum deal_col {
	DC_NAME, DC_ACCOUNT, DC_ACCOUNT_NAME, DC_AMOUNT, DC_STAGE, DC_PIPELINE, DC_CLOSED, DC_OWNER, DC_COUNT
};

static const char *const *const column_names[DC_COUNT] = {
	[DC_NAME] = (const char *const[]){ "name", "dealname", "opportunityname", "deal", "opportunity", NULL },
	[DC_ACCOUNT] = (const char *const[]){ "account", "accountid", "domain", "accountdomain", "companydomain",
	                                       "website", "companywebsite", NULL },
	[DC_ACCOUNT_NAME] = (const char *const[]){ "accountname", "company", "companyname", NULL },
	[DC_AMOUNT] = (const char *const[]){ "amount", "dealamount", "value", "dealvalue", "opportunityamount",
	                                      NULL },
	[DC_STAGE] = (const char *const[]){ "stage", "dealstage", "opportunitystage", "stagename", NULL },
	[DC_PIPELINE] = (const char *const[]){ "pipeline", "dealpipeline", "opportunitypipeline", "pipelinename",
	                                        NULL },
	[DC_CLOSED] = (const char *const[]){ "closeddate", "closedate", "expectedclosedate", "closedon",
	                                      "closedat", "closingdate", NULL },
	[DC_OWNER] = (const char *const[]){ "owner", "owneremail", "dealowner", "user", NULL },
};

struct deal_row {
	struct api_deal deal;
	const char *domain;            /* the account given by domain: not yet an id */
	const char *account_name;
	const char *left_out;          /* the custom values not sent, and why */
};

/* domain -> account id, for the run */
struct account_ids {
	struct dedupe_set map;         /* domain -> index + 1 */
	char (*id)[API_ID_MAX];        /* "": several accounts have the domain */
	cJSON *list;                   /* the team's accounts, when they were read */
	size_t n, cap;
	bool listed;                   /* the team's accounts have been read */
	bool list_failed;
	char list_error[1000];
};

struct deals_run {
	struct record_rows rr;
	int col[DC_COUNT];
	cJSON *stages;                 /* opportunity_stages */
	char default_stage[API_ID_MAX];
	struct account_ids accounts;
	unsigned long long accounts_made, accounts_matched;
	/* the columns that feed the team's deal custom fields (by label) */
	struct custom_fields fields;
	char **spare;                         /* per column: the name of one no deal
	                                       * field takes, else NULL; NULL: none */
	const struct custom_field **custom;   /* per column, NULL if none */
	size_t ncols;
	bool custom_read;                     /* load_custom has run */
};

/* the deal of the chunk's i-th row */
static struct deal_row *deal_of(struct deals_run *run, size_t i)
{
	return record_rows_row(&run->rr, i);
}

static const char *cell(const struct deals_run *run, const struct csv_record *rec, enum deal_col c)
{
	return header_cell(rec, run->col[c]);
}

/* ---- accounts ---- */

static char *account_id_of(struct account_ids *a, const char *domain)
{
	unsigned long at = dedupe_find(&a->map, domain, strlen(domain));
	return at ? a->id[at - 1] : NULL;
}

static bool account_put(struct account_ids *a, const char *domain, const char *id)
{
	if (a->n == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 256;
		char (*n)[API_ID_MAX] = realloc(a->id, cap * sizeof *n);
		if (!n)
			return false;
		a->id = n;
		a->cap = cap;
	}
	snprintf(a->id[a->n], API_ID_MAX, "%s", id);
	if (!dedupe_check_add(&a->map, domain, strlen(domain), (unsigned long)a->n + 1))
		a->n++;
	return true;
}

/* every account of the team, by domain: read once. A domain two accounts
 * have is marked so ("" for its id): which one a row means is not guessed */
static void list_accounts(struct deals_run *run)
{
	struct account_ids *a = &run->accounts;
	cJSON *it;
	struct http_request failed;
	struct dynbuf d;

	a->listed = true;
	a->list = cJSON_CreateArray();
	if (api_list_accounts(&run->rr.s->hc, a->list, &failed) < 0) {
		a->list_failed = true;
		snprintf(a->list_error, sizeof a->list_error, "%s", failed.message);
		return;
	}
	dynbuf_init(&d, 1 << 16);
	cJSON_ArrayForEach(it, a->list) {
		const char *dom = api_str(it, "domain");
		char *have;
		clean_domain(dom, strlen(dom), &d);
		if (!d.len)
			continue;
		if (!(have = account_id_of(a, d.data)))
			account_put(a, d.data, api_str(it, "id"));
		else if (strcmp(have, api_str(it, "id")) != 0)
			*have = '\0';
	}
	dynbuf_free(&d);
}

/* the accounts that have `domain`, for the row that must choose */
static const char *accounts_of_domain(struct deals_run *run, struct chunk *c, const char *domain)
{
	char list[600] = "";
	const cJSON *it;
	struct dynbuf d;

	dynbuf_init(&d, 1 << 16);
	cJSON_ArrayForEach(it, run->accounts.list) {
		const char *dom = api_str(it, "domain");
		size_t len = strlen(list);
		clean_domain(dom, strlen(dom), &d);
		if (d.len && strcmp(d.data, domain) == 0 && len + 1 < sizeof list)
			snprintf(list + len, sizeof list - len, "%s%s (%s)", len ? ", " : "", api_str(it, "id"),
			         api_str(it, "name"));
	}
	dynbuf_free(&d);
	return chunk_printf(c, "several accounts have the domain %s: give the account's id instead: %s", domain,
	                    list);
}

/* accounts/bulk_create (Apollo's dedupe) for the chunk's domains not yet known */
static void make_accounts(struct deals_run *run)
{
	struct chunk *c = &run->rr.chunk;
	struct api_account *want = calloc(c->nsend + 1, sizeof *want);
	struct api_item *out = calloc(c->nsend + 1, sizeof *out);
	struct dedupe_set asked;
	size_t n = 0;

	dedupe_init(&asked);
	for (size_t i = 0; want && out && i < c->n; i++) {
		const struct deal_row *d;
		/* (only the rows classified, not replayed, have a deal_row) */
		if (!c->rows[i].send || !(d = deal_of(run, i))->domain || account_id_of(&run->accounts, d->domain) ||
		    dedupe_check_add(&asked, d->domain, strlen(d->domain), 1))
			continue;
		want[n].domain = d->domain;
		want[n++].name = *d->account_name ? d->account_name : d->domain;
	}
	if (n)
		api_create_accounts(&run->rr.s->hc, want, n, out);
	for (size_t k = 0; k < n; k++) {
		if (out[k].result == API_CREATED || out[k].result == API_EXISTING) {
			account_put(&run->accounts, want[k].domain, out[k].id);
			run->accounts_made += out[k].result == API_CREATED;
			run->accounts_matched += out[k].result == API_EXISTING;
		}
	}
	/* a domain still without an id: its rows fail below with Apollo's words */
	for (size_t i = 0; i < c->n; i++) {
		struct held_row *h = &c->rows[i];
		const struct deal_row *d;
		if (!h->send || !(d = deal_of(run, i))->domain || account_id_of(&run->accounts, d->domain))
			continue;
		for (size_t k = 0; k < n; k++)
			if (strcmp(want[k].domain, d->domain) == 0) {
				if ((out[k].result == API_REFUSED && !run->rr.s->hc.refused) ||
				    out[k].result == API_UNCONFIRMED) {
					h->res.status = ST_FAILED;
					h->res.reason = chunk_printf(c, "Apollo did not %s an account for %s: %s",
					                             out[k].result == API_UNCONFIRMED ? "confirm" : "make", d->domain,
					                             out[k].message ? out[k].message : "?");
					h->res.needs_attention = true;
				} else {
					record_rows_not_sent(&run->rr, h, &out[k]);
				}
				break;
			}
	}
	for (size_t k = 0; k < n; k++)
		api_item_clear(&out[k]);
	dedupe_free(&asked);
	free(want);
	free(out);
}

/* Every row given by domain gets its account id, or fails. */
static void find_accounts(struct deals_run *run)
{
	struct chunk *c = &run->rr.chunk;

	bool domains = false;

	for (size_t i = 0; i < c->n && !domains; i++)
		domains = c->rows[i].send && deal_of(run, i)->domain;
	if (!domains)
		return;
	if (run->rr.cfg->create_accounts)
		make_accounts(run);
	else if (!run->accounts.listed)
		list_accounts(run);
	for (size_t i = 0; i < c->n; i++) {
		struct held_row *h = &c->rows[i];
		struct deal_row *d;
		const char *id;
		if (!h->send || h->res.status != ST_READY || !(d = deal_of(run, i))->domain)
			continue;
		if ((id = account_id_of(&run->accounts, d->domain)) && *id) {
			d->deal.account_id = chunk_strdup(c, id);
			h->res.account_id = d->deal.account_id;
		} else if (id) {
			h->res.status = ST_FAILED;
			h->res.reason = accounts_of_domain(run, c, d->domain);
			h->res.needs_attention = true;
		} else if (run->accounts.list_failed) {
			h->res.status = ST_UNPROCESSED;
			h->res.reason = chunk_printf(c, "not sent: the accounts could not be read (%s); run deals "
			                             "--resume on this file", run->accounts.list_error);
			run->rr.gave_up = true;
		} else {
			h->res.status = ST_FAILED;
			h->res.reason = chunk_printf(c, "Apollo has no account for %s: add --create-accounts to make "
			                             "one, or give the account's id", d->domain);
			h->res.needs_attention = true;
		}
	}
}

/* ---- rows ---- */

static const char *load_custom(struct deals_run *run);

/* The row's custom cells, converted by their fields' types into the deal's
 * typed_custom_fields. A value that does not fit is left out and named in
 * the row's _reason (the deal is still made, and the row needs attention),
 * or with --strict-fields makes the row invalid. A blank or "(clear)" sends
 * nothing: a new deal has nothing to clear. */
static const char *read_custom(struct deals_run *run, const struct csv_record *rec, struct deal_row *d)
{
	const struct config *cfg = run->rr.cfg;
	struct chunk *c = &run->rr.chunk;
	const struct cf_reading how = { cfg->date_order, cfg->decimal_comma };
	cJSON *typed = NULL;
	struct dynbuf bad;
	const char *why = NULL;

	if (!run->custom_read && (why = load_custom(run)))
		return record_rows_stop(&run->rr, why);
	if (!run->custom)
		return NULL;
	dynbuf_init(&bad, 1 << 16);
	for (size_t col = 0; col < run->ncols && col < rec->nfields; col++) {
		const struct custom_field *f = run->custom[col];
		cJSON *v = NULL;
		char text[600];
		if (!f)
			continue;
		switch (custom_value_convert_as(f, rec->fields[col], rec->lens[col], &how, &v, text, sizeof text)) {
		case CF_VALUE_SET:
			if (!typed)
				typed = cJSON_CreateObject();
			cJSON_AddItemToObject(typed, f->id, v);
			break;
		case CF_VALUE_BAD:
			if (bad.len)
				dynbuf_add(&bad, "; ", 2);
			dynbuf_add(&bad, text, strlen(text));
			break;
		default:
			break;
		}
	}
	if (bad.len && cfg->strict_fields)
		why = chunk_printf(c, "%s (--strict-fields)", bad.data);
	else if (bad.len)
		d->left_out = chunk_printf(c, "made without a custom value: %s", bad.data);
	if (typed && !why) {
		char *text = cJSON_PrintUnformatted(typed);
		d->deal.typed_custom_fields = text ? chunk_strdup(c, text) : NULL;
		cJSON_free(text);
	}
	cJSON_Delete(typed);
	dynbuf_free(&bad);
	return why;
}

/* The row's deal read and checked: NULL, or why it cannot be made. */
static const char *read_deal(struct record_rows *rr, const struct csv_record *rec, void *row)
{
	struct deals_run *run = rr->ctx;
	struct deal_row *d = row;
	const struct config *cfg = run->rr.cfg;
	struct session *s = run->rr.s;
	struct chunk *c = &run->rr.chunk;
	const char *account = cell(run, rec, DC_ACCOUNT), *amount = cell(run, rec, DC_AMOUNT);
	const char *stage = cell(run, rec, DC_STAGE), *closed = cell(run, rec, DC_CLOSED);
	const char *owner = cell(run, rec, DC_OWNER), *pipeline = cell(run, rec, DC_PIPELINE), *why;
	char digits[48], date[11], whybuf[1536];

	d->deal.name = chunk_trimmed(c, cell(run, rec, DC_NAME));
	if (!*d->deal.name)
		return "no deal name";
	/* 7.00E+23 has a dot, but it was an id */
	if (apollo_id_mangled_reason(chunk_trimmed(c, account), "account", whybuf, sizeof whybuf))
		return chunk_strdup(c, whybuf);
	if (*account && strchr(account, '.')) {
		struct dynbuf dom;
		dynbuf_init(&dom, 1 << 16);
		clean_domain(account, strlen(account), &dom);
		d->domain = dom.len ? chunk_strdup(c, dom.data) : NULL;
		dynbuf_free(&dom);
		if (!d->domain)
			return chunk_printf(c, "account \"%s\" is neither a domain nor an Apollo account id", account);
		d->account_name = chunk_trimmed(c, cell(run, rec, DC_ACCOUNT_NAME));
	} else if (*account) {
		d->deal.account_id = chunk_trimmed(c, account);
		if (!apollo_id_valid(d->deal.account_id))
			return chunk_printf(c, "account \"%s\" is neither a domain nor an Apollo account id", account);
	}
	if ((why = sheet_amount(amount, cfg->decimal_comma, digits, whybuf, sizeof whybuf)))
		return chunk_printf(c, "amount: %s", why);
	d->deal.amount = *digits ? chunk_strdup(c, digits) : NULL;
	if (*stage) {
		if (!*pipeline)
			pipeline = cfg->pipeline;
		if (!(d->deal.stage_id = deal_stage_find(run->stages, chunk_trimmed(c, stage),
		                                         pipeline ? chunk_trimmed(c, pipeline) : NULL, whybuf,
		                                         sizeof whybuf)))
			return chunk_strdup(c, whybuf);
	} else if (*pipeline) {
		return chunk_printf(c, "pipeline \"%s\" without a stage: fill the stage column", pipeline);
	} else if (*run->default_stage) {
		d->deal.stage_id = run->default_stage;
	}
	if ((why = sheet_date(closed, (enum date_order)cfg->date_order, date, whybuf, sizeof whybuf)))
		return chunk_printf(c, "closed_date: %s", why);
	d->deal.closed_date = *date ? chunk_strdup(c, date) : NULL;
	if (*owner) {
		if ((why = record_rows_owner(rr, owner, &d->deal.owner_id)))
			return why;
	} else {
		d->deal.owner_id = s->plan.owner_id;
	}
	return read_custom(run, rec, d);
}

/* a deal is the same as another with the same name, account (as written),
 * amount, stage, date and owner */
static void deal_identity(const void *row, struct dynbuf *key)
{
	const struct deal_row *d = row;
	const char *parts[] = { d->deal.name, d->domain ? d->domain : d->deal.account_id, d->deal.amount,
	                        d->deal.stage_id, d->deal.closed_date, d->deal.owner_id,
	                        d->deal.typed_custom_fields };

	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
		dynbuf_add(key, parts[i] ? parts[i] : "", strlen(parts[i] ? parts[i] : ""));
		dynbuf_addc(key, '\x1f');
	}
}

static void deal_ready(struct held_row *h, const void *row)
{
	h->res.account_id = ((const struct deal_row *)row)->deal.account_id;
}

/* the accounts of the rows given by domain, before their deals */
static void prepare(struct record_rows *rr)
{
	find_accounts(rr->ctx);
}

static void make(struct record_rows *rr, const size_t *rows, size_t n, const struct once_hooks *hooks,
                 struct api_item *out)
{
	struct api_deal *deals = calloc(n, sizeof *deals);

	if (!deals)
		return;   /* no outcome: the rows stay ready, and are not sent */
	for (size_t k = 0; k < n; k++)
		deals[k] = deal_of(rr->ctx, rows[k])->deal;
	api_create_deals(&rr->s->hc, deals, n, hooks, out);
	free(deals);
}

/* a deal made without a custom value says which, and needs attention */
static const char *note(const void *row)
{
	return ((const struct deal_row *)row)->left_out;
}

static void summary(struct record_rows *rr)
{
	const struct deals_run *run = rr->ctx;
	if (run->accounts_made || run->accounts_matched)
		msg_info("accounts: %llu made, %llu Apollo already had", run->accounts_made, run->accounts_matched);
}

/* the end-of-run look for second copies */
static void content(const void *row, const char *field[])
{
	const struct api_deal *d = &((const struct deal_row *)row)->deal;
	const char *f[] = { d->name, d->owner_id, d->account_id, d->amount, d->stage_id, d->closed_date };
	memcpy(field, f, sizeof f);
}

static int count(struct record_rows *rr, char *const *const *contents, size_t n, double since,
                 unsigned *counts, char *why, size_t whylen)
{
	struct api_deal *deals = calloc(n + 1, sizeof *deals);
	int rc;
	if (!deals) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		char *const *f = contents[i];
		deals[i] = (struct api_deal){ f[0], f[1], f[2], f[3], f[4], f[5], NULL };
	}
	rc = api_count_deals(&rr->s->hc, deals, n, since, counts, why, whylen);
	free(deals);
	return rc;
}

static const struct record_kind deals_kind = {
	"deals", "deal", RESULTS_DEALS, sizeof (struct deal_row), read_deal, deal_identity, deal_ready, prepare,
	make, note, summary, content, count, true,
};

/* the stages, when the file or --stage names one */
static int load_stages(struct deals_run *run, struct session *s)
{
	const struct config *cfg = run->rr.cfg;
	struct msg_pos none = { 0 };
	struct http_request failed;
	const char *id;
	char why[1536];

	if (run->col[DC_STAGE] < 0 && !cfg->stage)
		return EXIT_OK;
	run->stages = cJSON_CreateArray();
	if (api_list_deal_stages(&s->hc, run->stages, &failed) < 0) {
		msg_error(&none, "the deal stages could not be read: %s", failed.message);
		return s->hc.refused ? EXIT_CONFIG : EXIT_API;
	}
	if (cfg->stage) {
		if (!(id = deal_stage_find(run->stages, cfg->stage, cfg->pipeline, why, sizeof why))) {
			msg_error(&none, "--stage %s: %s", cfg->stage, why);
			return EXIT_CONFIG;
		}
		snprintf(run->default_stage, sizeof run->default_stage, "%s", id);
	}
	return EXIT_OK;
}

/* The columns no deal field took, mapped by label to the team's deal
 * custom fields, when the first row is read (so that a run refused for its
 * results file spends no call on them): asked of Apollo only when there is
 * such a column. A column that feeds nothing is named, with the nearest
 * label when one is close: no column is dropped in silence. NULL, or why the
 * run cannot go on. */
static const char *load_custom(struct deals_run *run)
{
	struct http_request failed;
	struct dynbuf unsent;

	run->custom_read = true;
	if (!run->spare)
		return NULL;
	if (custom_field_lookup(&run->rr.s->hc, &run->fields, &failed) < 0) {
		if (failed.outcome == HTTP_REFUSED && failed.status == 403 && !run->rr.s->hc.refused) {
			/* a key scoped without the field lists: the deals can still go,
			 * the columns named as not sent, and why (as import does) */
			struct msg_pos none = { 0 };
			msg_warn(&none, "the key may not read the team's custom fields (%s): the columns no deal field "
			         "takes are not sent; a key with api/v1/fields/index would send those that are custom "
			         "fields", failed.message);
			return NULL;
		}
		return chunk_printf(&run->rr.chunk, "the team's custom fields could not be read, so the columns no "
		                    "deal field takes cannot be sent: %s", failed.message);
	}
	if (!(run->custom = calloc(run->ncols + 1, sizeof *run->custom)))
		return "out of memory";
	dynbuf_init(&unsent, 1 << 16);
	for (size_t col = 0; col < run->ncols; col++) {
		const char *name = run->spare[col], *near;
		if (!name || (run->custom[col] = custom_fields_by_label(&run->fields, CF_OPPORTUNITY, name)))
			continue;
		if (unsent.len)
			dynbuf_add(&unsent, ", ", 2);
		dynbuf_add(&unsent, name, strlen(name));
		if ((near = custom_fields_nearest(&run->fields, CF_OPPORTUNITY, name))) {
			char hint[300];
			snprintf(hint, sizeof hint, " (the deal custom field \"%s\"?)", near);
			dynbuf_add(&unsent, hint, strlen(hint));
		}
	}
	if (unsent.len)
		msg_info("%s: not sent (no deal field or deal custom field has their name): %s", run->rr.file,
		         unsent.data);
	dynbuf_free(&unsent);
	return NULL;
}

/* The header's columns no deal field takes (their names kept, as the
 * header's memory is the reader's): none, or run->spare. */
static bool find_spare_columns(struct deals_run *run)
{
	const struct csv_record *h = run->rr.header;
	bool any = false;

	run->ncols = h->nfields;
	if (!(run->spare = calloc(h->nfields + 1, sizeof *run->spare)))
		return false;
	for (size_t col = 0; col < h->nfields; col++) {
		bool used = h->lens[col] == 0 || results_is_outcome_column(h->fields[col]);
		for (int c = 0; c < DC_COUNT && !used; c++)
			used = run->col[c] == (int)col;
		if (!used && !(run->spare[col] = strdup(h->fields[col])))
			return false;
		any = any || !used;
	}
	if (!any) {
		free(run->spare);
		run->spare = NULL;
	}
	return true;
}

int deals_file(const struct config *cfg, struct session *shared)
{
	struct deals_run run = { .col = { 0 } };
	struct session own, *s = shared ? shared : &own;
	int status;

	dedupe_init(&run.accounts.map);
	if ((status = record_rows_open(&run.rr, cfg, &deals_kind, &run, 4 * API_BULK_MAX)) != EXIT_OK)
		goto out;
	for (int c = 0; c < DC_COUNT; c++)
		run.col[c] = header_find(run.rr.header, column_names[c]);
	if (run.col[DC_NAME] < 0) {
		struct msg_pos pos = { run.rr.file, run.rr.header->line, 0 };
		msg_error(&pos, "no column for the deal's name: name one name or deal_name");
		status = EXIT_INPUT;
		goto out;
	}
	if (!find_spare_columns(&run)) {
		status = EXIT_INTERNAL;
		goto out;
	}
	/* --owner and --stage are resolved before any output exists */
	if ((shared || (status = session_open(&own, cfg)) == EXIT_OK) &&
	    (status = load_stages(&run, s)) == EXIT_OK)
		status = record_rows_run(&run.rr, s);
	if (!shared)
		session_close(&own);
out:
	record_rows_close(&run.rr);
	free(run.accounts.id);
	cJSON_Delete(run.accounts.list);
	dedupe_free(&run.accounts.map);
	cJSON_Delete(run.stages);
	for (size_t col = 0; run.spare && col < run.ncols; col++)
		free(run.spare[col]);
	free(run.spare);
	free(run.custom);
	custom_fields_free(&run.fields);
	return status;
}

int cmd_deals(const struct config *cfg)
{
	return deals_file(cfg, NULL);
}

/* ---- the command line: --help, options, what they must say together ---- */

static const char help[] =
"Usage: apollo-csv deals [OPTIONS] FILE\n"
"\n"
"Make one Apollo deal (opportunity) per row of FILE with POST opportunities.\n"
"Columns are found by name (case, spaces, _ and - do not matter):\n"
"  name             the deal's name (needed)\n"
"  account          the company: a domain (acme.com, https://www.acme.com/)\n"
"                   or an Apollo account id. A domain Apollo has no account\n"
"                   for fails the row, unless --create-accounts; one that\n"
"                   several accounts have fails it too, naming them\n"
"  amount           $50,000.00, 50000, 50k, 1.2m, EUR 12,500, 50.000,00 EUR\n"
"                   (with --decimal-comma). Sent as plain digits; an amount\n"
"                   that cannot be read for certain makes the row invalid\n"
"  stage            the stage's name (from Apollo's opportunity stages) or id;\n"
"                   a name found in several pipelines needs the pipeline\n"
"  pipeline         the pipeline of the stage (its name or id), where stage\n"
"                   names repeat across pipelines\n"
"  closed_date      as spreadsheets write dates: 2026-12-31, 12/31/2026,\n"
"                   31.12.2026, 31-Dec-2026, an Excel day number...; sent as\n"
"                   YYYY-MM-DD\n"
"  owner            the user who owns the deal (email, name or id)\n"
"  LABEL            any other column named as one of the team's deal custom\n"
"                   fields: its value converted by the field's type (a\n"
"                   picklist's label, a date, a number...); one that does\n"
"                   not fit is left out and named in _reason\n"
"FILE.results.csv says for every row _status created (with _account_id and\n"
"_deal_id), duplicate (the same deal as an earlier row), invalid, failed\n"
"or unprocessed, and why in _reason.\n"
"\n"
"Apollo makes a second deal when asked twice, so none is asked twice: a\n"
"request whose answer was lost is looked for with opportunities/search\n"
"before it is sent again, and --resume never sends a row the last run\n"
"finished.\n"
"\n"
"      --create-accounts   make an account for a domain Apollo has none for\n"
"                          (accounts/bulk_create, 100 a call)\n"
"      --decimal-comma     amounts are written 50.000,00 (',' before the cents)\n"
"      --date-format dmy|mdy|ymd  how to read 03/04/2026 (default: only when\n"
"                          it cannot be mistaken; otherwise the row is invalid)\n"
"      --owner USER        the owner for rows without one\n"
"      --stage NAME        the stage for rows without one\n"
"      --strict-fields     a custom value that does not fit makes its row\n"
"                          invalid, instead of being left out of the deal\n"
"      --pipeline NAME|ID  the pipeline stages are looked up in, for rows\n"
"                          without a pipeline column (default: any)\n"
"\n"
RECORDS_WRITING_AND_TALKING
"Exit status: 0 every row made; 1 some rows need attention; 2 bad command\n"
"line; 3 FILE cannot be read or lacks a needed column; 4 no key, a refused\n"
"key, or an --owner or --stage that names nothing; 5 stopped early: run\n"
"again with --resume; 6 the results file cannot be written; 130, 143 stopped\n"
"by Ctrl-C or SIGTERM: run again with --resume.\n";

static int set_create_accounts(struct config *cfg, char *v) { (void)v; cfg->create_accounts = true; return EXIT_OK; }
static const struct cli_option opt_create_accounts = { "create-accounts", 0, false, set_create_accounts,
	NULL };

static const struct cli_option *const options[] = {
	OPTIONS_READING_FILE, OPTIONS_WRITING, &opt_resume, OPTIONS_MESSAGES, OPTIONS_TALKING, &opt_settle,
	&opt_stage, &opt_pipeline, &opt_owner, &opt_date_format, &opt_create_accounts, &opt_decimal_comma,
	&opt_strict_fields, NULL
};

static int check(struct config *cfg)
{
	int rc;
	if ((rc = cli_check_files(cfg, "deals")) != EXIT_OK || (rc = cli_check_resume(cfg, "deals")) != EXIT_OK)
		return rc;
	return cli_check_one_file(cfg, "deals");
}

const struct command deals_command = {
	.name = "deals", .id = CMD_DEALS, .help = help, .options = options, .check = check, .run = cmd_deals,
	.overview = "  deals FILE      one deal (opportunity) per row\n"
};
