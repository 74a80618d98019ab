/* commands/prospect_research.c - see commands/prospect_research.h. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "commands/prospect_research.h"
#include "commands/research_journal.h"
#include "common/exit_codes.h"
#include "common/msg.h"
#include "common/run_summary.h"
#include "files/csv_reader.h"
#include "files/csv_writer.h"
#include "rows/dedupe.h"
#include "rows/find_column.h"
#include "rows/results.h"
#include "values/clean.h"

static const char *const domain_names[] = { "domain", "website", "companydomain", "companywebsite",
	"websiteurl", "url", "companyurl", NULL };
static const char *const title_names[] = { "titles", "title", "jobtitles", "persontitles", "targettitles",
	NULL };
static const char *const seniority_names[] = { "seniorities", "seniority", "targetseniorities", NULL };

/* a row of FILE and what research made of it */
struct domain_row {
	char *domain;                  /* cleaned; NULL: no research */
	char *titles, *seniorities;    /* the row's own, as written; NULL: the options' */
	enum row_status status;
	char *reason;
	char *org_id, *org_name;
	size_t people, without_email;
};

/* a person the search found, to be matched for the email */
struct found {
	size_t row;                    /* index into rows */
	char *id;
	cJSON *person;                 /* after bulk_match, when it gave an email */
	bool settled;                  /* matched (now or by the journal), or past the limit */
};

struct research {
	const struct config *cfg;
	struct http_client *hc;
	struct domain_row *rows;
	size_t n, cap;
	struct found *found;
	size_t nfound, capfound;
	struct research_counts *counts;
	struct research_journal journal;
	char error[1200];              /* why research stopped */
	int stop_status;               /* and the exit status it gives */
};

static char *dup_or_null(const char *s)
{
	return s && *s ? strdup(s) : NULL;
}

/* ---- reading FILE ---- */

static bool add_row(struct research *rs, const struct csv_record *rec, int cols[3], struct dedupe_set *seen)
{
	struct domain_row *d;
	struct dynbuf dom;
	unsigned long first;

	if (rs->n == rs->cap) {
		size_t cap = rs->cap ? rs->cap * 2 : 256;
		struct domain_row *r = realloc(rs->rows, cap * sizeof *r);
		if (!r)
			return false;
		rs->rows = r;
		rs->cap = cap;
	}
	d = &rs->rows[rs->n++];
	memset(d, 0, sizeof *d);
	if (rec->error) {
		d->status = ST_INVALID;
		d->reason = strdup(rec->error);
		return true;
	}
	dynbuf_init(&dom, 1 << 16);
	clean_domain(header_cell(rec, cols[0]), strlen(header_cell(rec, cols[0])), &dom);
	if (!dom.len || !strchr(dom.data, '.')) {
		d->status = ST_INVALID;
		d->reason = *header_cell(rec, cols[0]) ? strdup("not a company domain (like acme.com)")
		                                       : strdup("no domain");
	} else if ((first = dedupe_check_add(seen, dom.data, dom.len, (unsigned long)rec->number))) {
		char why[96];
		snprintf(why, sizeof why, "the same domain as row %lu", first);
		d->status = ST_DUPLICATE;
		d->reason = strdup(why);
	} else {
		d->domain = strdup(dom.data);
		d->titles = dup_or_null(header_cell(rec, cols[1]));
		d->seniorities = dup_or_null(header_cell(rec, cols[2]));
		d->status = ST_READY;
		rs->counts->domains++;
	}
	dynbuf_free(&dom);
	return true;
}

static int read_domains(struct research *rs)
{
	const struct config *cfg = rs->cfg;
	struct csv_reader_options ropt = { .delimiter = cfg->delimiter, .encoding = cfg->encoding,
	                                   .max_field = cfg->max_field, .sheet = cfg->sheet };
	struct csv_reader reader;
	const struct csv_record *rec;
	struct dedupe_set seen;
	int cols[3], rc, status = EXIT_OK;

	if (csv_reader_open(&reader, cfg->files[0], &ropt) < 0 || csv_reader_next(&reader, &rec) != 1) {
		struct msg_pos pos = { cfg->files[0], 0, 0 };
		msg_error(&pos, "%s", reader.error[0] ? reader.error : "the file is empty");
		csv_reader_close(&reader);
		return EXIT_INPUT;
	}
	csv_reader_tell_sheet(&reader, cfg->files[0]);
	cols[0] = header_find(rec, domain_names);
	cols[1] = header_find(rec, title_names);
	cols[2] = header_find(rec, seniority_names);
	if (cols[0] < 0) {
		struct msg_pos pos = { cfg->files[0], rec->line, 0 };
		msg_error(&pos, "no column of company domains: name one domain or website");
		csv_reader_close(&reader);
		return EXIT_INPUT;
	}
	dedupe_init(&seen);
	while ((rc = csv_reader_next(&reader, &rec)) == 1)
		if (!add_row(rs, rec, cols, &seen)) {
			struct msg_pos none = { 0 };
			msg_error(&none, "out of memory");
			status = EXIT_INTERNAL;
			break;
		}
	if (rc < 0) {
		struct msg_pos pos = { cfg->files[0], reader.line, 0 };
		msg_error(&pos, "%s", reader.error);
		status = EXIT_INPUT;
	}
	dedupe_free(&seen);
	csv_reader_close(&reader);
	return status;
}

/* ---- credits ---- */

static double credits_left(const struct research *rs)
{
	double left;
	if (rs->cfg->max_credits < 0)
		return -1;
	left = (double)rs->cfg->max_credits - rs->counts->credits.used - rs->counts->credits.maybe -
	       rs->counts->credits.uncounted;
	return left > 0 ? (double)(long)left : 0;
}

static void stop(struct research *rs, const char *what, const char *why)
{
	size_t n = strlen(what);
	if (!why)
		why = "no reason given";
	/* a reason that names the endpoint itself is not prefixed twice */
	if (strncmp(why, what, n) == 0 && why[n] == ':')
		what = NULL;
	if (!*rs->error)
		snprintf(rs->error, sizeof rs->error, "%s%s%s", what ? what : "", what ? ": " : "", why);
}

/* ---- what a stopped run bought ---- */

/* the journal's items by key, looked up as the research goes */
struct kept {
	struct dedupe_set keys;        /* key -> index + 1 */
	const cJSON **items;
	size_t n;
};

static bool kept_index(struct kept *k, const cJSON *map)
{
	const cJSON *it;
	dedupe_init(&k->keys);
	k->n = 0;
	if (!(k->items = calloc((size_t)cJSON_GetArraySize(map) + 1, sizeof *k->items)))
		return false;
	cJSON_ArrayForEach(it, map)
		if (!dedupe_check_add(&k->keys, it->string, strlen(it->string), k->n + 1))
			k->items[k->n++] = it;
	return true;
}

/* what was bought for key (a JSON null: "none"), or NULL: not bought */
static const cJSON *kept_find(const struct kept *k, const char *key)
{
	unsigned long i = dedupe_find(&k->keys, key, strlen(key));
	return i && strcmp(k->items[i - 1]->string, key) == 0 ? k->items[i - 1] : NULL;
}

static void kept_free(struct kept *k)
{
	dedupe_free(&k->keys);
	free(k->items);
}

/* Appends one call's answers to the journal before the next call goes;
 * when it cannot be written, nothing more is bought. */
static void write_down(struct research *rs, const char *call, double credits, const char *key,
                       const cJSON *bought)
{
	if (!cJSON_GetArraySize(bought) && credits <= 0)
		return;
	if (research_journal_add(&rs->journal, call, credits, key, bought) < 0) {
		char why[300];
		snprintf(why, sizeof why, "cannot write %s: %s", rs->journal.path, strerror(errno));
		stop(rs, "the research journal", why);
		rs->stop_status = EXIT_OUTPUT;
	}
}

/* ---- organizations ---- */

/* Apollo's answer for a row's domain: its organization, or none (null) */
static void take_organization(struct research *rs, struct domain_row *d, const cJSON *org)
{
	if (cJSON_IsObject(org)) {
		d->org_id = strdup(api_str(org, "id"));
		d->org_name = strdup(api_str(org, "name"));
		if (!d->org_id || !d->org_name)
			stop(rs, "organizations", "out of memory");
	} else {
		d->status = ST_NOT_FOUND;
		d->reason = strdup("Apollo has no organization for this domain");
	}
}

/* the organizations a stopped run bought: not bought again */
static void keep_organizations(struct research *rs)
{
	struct kept k;
	if (!kept_index(&k, rs->journal.organizations)) {
		stop(rs, "organizations", "out of memory");
		return;
	}
	for (size_t i = 0; i < rs->n; i++) {
		const cJSON *org = rs->rows[i].status == ST_READY ? kept_find(&k, rs->rows[i].domain) : NULL;
		if (org)
			take_organization(rs, &rs->rows[i], org);
	}
	kept_free(&k);
}

/* one organizations/bulk_enrich call, written down before the next */
static void enrich_call(struct research *rs, const char *const *domains, const size_t *which, size_t n)
{
	struct api_item out[API_ORGS_MAX];
	cJSON *bought = cJSON_CreateObject();
	double before = rs->counts->credits.used;

	memset(out, 0, sizeof out);
	api_enrich_organizations(rs->hc, domains, n, out, &rs->counts->credits);
	for (size_t k = 0; k < n; k++) {
		if (out[k].result != API_DONE) {
			stop(rs, "organizations/bulk_enrich", out[k].message);
		} else {
			cJSON *org = out[k].record ? out[k].record : cJSON_CreateNull();
			out[k].record = NULL;
			cJSON_AddItemToObject(bought, domains[k], org);
			take_organization(rs, &rs->rows[which[k]], org);
		}
		api_item_clear(&out[k]);
	}
	write_down(rs, "organizations/bulk_enrich", rs->counts->credits.used - before, "organizations", bought);
	cJSON_Delete(bought);
}

/* The rows' organizations, one call of 10 domains at a time, each call's
 * answers journaled before the next goes: a kill loses one call at most. */
static void find_organizations(struct research *rs)
{
	size_t next = 0;

	keep_organizations(rs);
	while (!*rs->error) {
		const char *domains[API_ORGS_MAX];
		size_t which[API_ORGS_MAX], n = 0, asked;
		double left = credits_left(rs);
		for (; next < rs->n && n < API_ORGS_MAX; next++)
			if (rs->rows[next].status == ST_READY && !rs->rows[next].org_id) {
				which[n] = next;
				domains[n++] = rs->rows[next].domain;
			}
		if (!n)
			break;
		/* one credit an organization found, at most */
		asked = left < 0 || (double)n <= left ? n : (size_t)left;
		if (asked)
			enrich_call(rs, domains, which, asked);
		for (size_t k = asked; k < n; k++) {
			rs->rows[which[k]].status = ST_NOT_FOUND;
			rs->rows[which[k]].reason = strdup("not researched: the --max-credits limit was reached");
			rs->counts->over_limit++;
		}
	}
}

/* ---- people ---- */

/* "VP Sales; Head of RevOps" -> its parts, in `parts` (pointing into buf) */
static size_t split_list(char *buf, const char **parts, size_t max)
{
	size_t n = 0;
	for (char *tok = strtok(buf, ";|\n"); tok && n < max; tok = strtok(NULL, ";|\n")) {
		while (*tok == ' ')
			tok++;
		for (char *e = tok + strlen(tok); e > tok && e[-1] == ' ';)
			*--e = '\0';
		if (*tok)
			parts[n++] = tok;
	}
	return n;
}

static bool add_found(struct research *rs, size_t row, const cJSON *person)
{
	if (rs->nfound == rs->capfound) {
		size_t cap = rs->capfound ? rs->capfound * 2 : 256;
		struct found *f = realloc(rs->found, cap * sizeof *f);
		if (!f)
			return false;
		rs->found = f;
		rs->capfound = cap;
	}
	rs->found[rs->nfound++] = (struct found){ row, strdup(api_str(person, "id")), NULL, false };
	return true;
}

/* the row among rows[0..n) whose organization the person works at (a
 * search's rows never share an organization's name: find_people) */
static struct domain_row *row_of(struct research *rs, const size_t *rows, size_t n, const cJSON *person,
                                 size_t *index)
{
	const char *org = api_str(cJSON_GetObjectItemCaseSensitive(person, "organization"), "name");
	for (size_t k = 0; *org && k < n; k++)
		if (strcasecmp(rs->rows[rows[k]].org_name, org) == 0 &&
		    rs->rows[rows[k]].people < rs->cfg->per_company) {
			*index = rows[k];
			return &rs->rows[rows[k]];
		}
	return NULL;
}

/* One search (up to 1,000 domains with the same titles and seniorities),
 * page by page until each has its people or nobody is left. */
static void search_group(struct research *rs, const size_t *rows, size_t n, const char *titles,
                         const char *seniorities)
{
	const struct config *cfg = rs->cfg;
	const char *dom[API_SEARCH_DOMAINS_MAX], *tparts[64], *sparts[64];
	char *tbuf = titles ? strdup(titles) : NULL, *sbuf = seniorities ? strdup(seniorities) : NULL;
	struct api_people_query q = { dom, n, cfg->titles, cfg->ntitles, cfg->seniorities, cfg->nseniorities };
	struct dedupe_set seen;        /* the people of the search's pages so far */
	size_t full = 0;

	for (size_t k = 0; k < n; k++)
		dom[k] = rs->rows[rows[k]].domain;
	if (tbuf) {
		q.titles = tparts;
		q.ntitles = split_list(tbuf, tparts, 64);
	}
	if (sbuf) {
		q.seniorities = sparts;
		q.nseniorities = split_list(sbuf, sparts, 64);
	}
	dedupe_init(&seen);
	for (long page = 1; page <= API_PAGE_CAP && full < n && !*rs->error; page++) {
		cJSON *people = cJSON_CreateArray(), *p;
		struct http_request failed;
		long total = 0, got, fresh = 0;
		if (api_search_people(rs->hc, &q, page, people, &total, &failed) < 0) {
			stop(rs, "mixed_people/api_search", failed.message);
			cJSON_Delete(people);
			break;
		}
		cJSON_ArrayForEach(p, people) {
			size_t index;
			const char *id = api_str(p, "id");
			struct domain_row *d;
			/* a person an earlier page gave is not found twice */
			if (dedupe_check_add(&seen, id, strlen(id), (unsigned long)page))
				continue;
			fresh++;
			if (!(d = row_of(rs, rows, n, p, &index)))
				continue;
			if (!cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(p, "has_email"))) {
				d->without_email++;
				continue;
			}
			if (!add_found(rs, index, p)) {
				stop(rs, "people", "out of memory");
				break;
			}
			if (++d->people == cfg->per_company)
				full++;
		}
		got = cJSON_GetArraySize(people);
		cJSON_Delete(people);
		if (got && !fresh && !*rs->error) {
			/* the reply has no page number to say so: Apollo did not take the
			 * page asked for, and reading on would read the same again */
			char why[300];
			snprintf(why, sizeof why, "page %ld of the search gives only people an earlier page gave: Apollo "
			         "did not take the page asked for, so the search cannot be read on", page);
			stop(rs, "mixed_people/api_search", why);
			break;
		}
		/* without a total, a full page may have more after it */
		if (total >= 0 ? page * API_PAGE_SIZE >= total : got < API_PAGE_SIZE)
			break;
	}
	dedupe_free(&seen);
	free(tbuf);
	free(sbuf);
}

/* the rows with an organization, grouped by their titles and seniorities */
static void find_people(struct research *rs)
{
	size_t *group = calloc(rs->n + 1, sizeof *group);
	bool *done = calloc(rs->n + 1, sizeof *done);

	if (!group || !done) {
		stop(rs, "people", "out of memory");
		goto out;
	}
	for (size_t i = 0; i < rs->n && !*rs->error; i++) {
		const struct domain_row *a = &rs->rows[i];
		size_t n = 0;
		if (done[i] || !a->org_id)
			continue;
		for (size_t j = i; j < rs->n && n < API_SEARCH_DOMAINS_MAX; j++) {
			const struct domain_row *b = &rs->rows[j];
			bool name_taken = false;
			if (done[j] || !b->org_id || strcmp(a->titles ? a->titles : "", b->titles ? b->titles : "") ||
			    strcmp(a->seniorities ? a->seniorities : "", b->seniorities ? b->seniorities : ""))
				continue;
			/* Apollo's people name their organization, not its domain: two
			 * of one name in a search could not be told apart, so the
			 * second waits for a search of its own */
			for (size_t k = 0; k < n && !name_taken; k++)
				name_taken = strcasecmp(rs->rows[group[k]].org_name, b->org_name) == 0;
			if (name_taken)
				continue;
			done[j] = true;
			group[n++] = j;
		}
		search_group(rs, group, n, a->titles, a->seniorities);
	}
out:
	free(group);
	free(done);
}

/* bulk_match's answer for a person found: with an email, one to import;
 * else (null: Apollo found nobody) one Apollo has no email for */
static void take_person(struct research *rs, struct found *f, const cJSON *person)
{
	struct domain_row *d = &rs->rows[f->row];
	f->settled = true;
	if (cJSON_IsObject(person) && *api_person_email(person)) {
		if (!(f->person = cJSON_Duplicate(person, 1)))
			stop(rs, "people", "out of memory");
		return;
	}
	d->people--;
	d->without_email++;
}

/* the people a stopped run matched: not matched again */
static void keep_people(struct research *rs)
{
	struct kept k;
	if (!kept_index(&k, rs->journal.people)) {
		stop(rs, "people", "out of memory");
		return;
	}
	for (size_t i = 0; i < rs->nfound; i++) {
		const cJSON *person = kept_find(&k, rs->found[i].id);
		if (person)
			take_person(rs, &rs->found[i], person);
	}
	kept_free(&k);
}

/* one people/bulk_match call, written down before the next */
static void match_call(struct research *rs, const struct api_person_query *q, const size_t *which, size_t n,
                       double allowance)
{
	struct api_item out[API_MATCH_MAX];
	cJSON *bought = cJSON_CreateObject();
	double before = rs->counts->credits.used;

	memset(out, 0, sizeof out);
	api_match_people(rs->hc, q, n, allowance, out, &rs->counts->credits);
	for (size_t k = 0; k < n; k++) {
		struct found *f = &rs->found[which[k]];
		if (out[k].result == API_DONE) {
			cJSON *person = out[k].record ? out[k].record : cJSON_CreateNull();
			out[k].record = NULL;
			cJSON_AddItemToObject(bought, f->id, person);
			take_person(rs, f, person);
		} else if (out[k].result == API_UNKNOWN) {
			/* the answer was lost and the credits leave no room to ask
			 * again: not "without an email", which nobody said */
			rs->rows[f->row].people--;
			rs->counts->over_limit++;
			f->settled = true;
		} else {
			stop(rs, "people/bulk_match", out[k].message);
		}
		api_item_clear(&out[k]);
	}
	write_down(rs, "people/bulk_match", rs->counts->credits.used - before, "people", bought);
	cJSON_Delete(bought);
}

/* The found people's emails: bulk_match by id, 10 a call, within the
 * credits left; each call's answers journaled before the next goes. */
static void match_people(struct research *rs)
{
	size_t next = 0;

	keep_people(rs);
	while (!*rs->error) {
		struct api_person_query q[API_MATCH_MAX];
		size_t which[API_MATCH_MAX], n = 0, asked;
		double left = credits_left(rs);
		memset(q, 0, sizeof q);
		for (; next < rs->nfound && n < API_MATCH_MAX; next++)
			if (!rs->found[next].settled) {
				which[n] = next;
				q[n++].id = rs->found[next].id;
			}
		if (!n)
			break;
		asked = left < 0 || (double)n <= left ? n : (size_t)left;
		if (asked)
			match_call(rs, q, which, asked, left);
		for (size_t k = asked; k < n; k++) {
			rs->rows[rs->found[which[k]].row].people--;
			rs->found[which[k]].settled = true;
			rs->counts->over_limit++;
		}
	}
}

/* ---- the two files ---- */

static int write_people(struct research *rs, const char *path)
{
	static const char *const head[] = { "First Name", "Last Name", "Title", "Email", "Company", "Website",
		"LinkedIn URL", "Apollo Person ID", "Domain Row", "Domain" };
	struct csv_writer_options wopt = { .excel = rs->cfg->excel, .raw = rs->cfg->raw, .force = true };
	struct csv_writer w;
	struct msg_pos none = { 0 };

	if (csv_writer_open(&w, path, &wopt) < 0) {
		msg_error(&none, "%s: %s", path, w.error);
		return EXIT_OUTPUT;
	}
	for (size_t c = 0; c < sizeof head / sizeof *head; c++)
		csv_writer_cstr(&w, head[c]);
	csv_writer_end_row(&w);
	for (size_t k = 0; k < rs->nfound; k++) {
		const cJSON *p = rs->found[k].person;
		const struct domain_row *d = &rs->rows[rs->found[k].row];
		char row[32];
		if (!p)
			continue;
		snprintf(row, sizeof row, "%zu", rs->found[k].row + 1);
		csv_writer_cstr(&w, api_str(p, "first_name"));
		csv_writer_cstr(&w, api_str(p, "last_name"));
		csv_writer_cstr(&w, api_str(p, "title"));
		csv_writer_cstr(&w, api_person_email(p));
		csv_writer_cstr(&w, d->org_name);
		csv_writer_cstr(&w, d->domain);
		csv_writer_cstr(&w, api_str(p, "linkedin_url"));
		csv_writer_cstr(&w, api_str(p, "id"));
		csv_writer_cstr(&w, row);
		csv_writer_cstr(&w, d->domain);
		csv_writer_end_row(&w);
		rs->counts->people++;
	}
	if (csv_writer_commit(&w) < 0) {
		msg_error(&none, "%s: %s", path, w.error);
		return EXIT_OUTPUT;
	}
	run_summary_file("people", path);
	return EXIT_OK;
}

/* FILE again, each row with what research made of it */
static int write_domains(struct research *rs, const char *path)
{
	const struct config *cfg = rs->cfg;
	struct csv_reader_options ropt = { .delimiter = cfg->delimiter, .encoding = cfg->encoding,
	                                   .max_field = cfg->max_field, .sheet = cfg->sheet };
	struct csv_writer_options wopt = { .excel = cfg->excel, .raw = cfg->raw, .force = true };
	struct msg_pos none = { 0 };
	struct csv_reader reader;
	const struct csv_record *rec;
	struct results res;
	char err[1024];
	size_t i = 0;

	if (csv_reader_open(&reader, cfg->files[0], &ropt) < 0 || csv_reader_next(&reader, &rec) != 1) {
		msg_error(&none, "%s: %s", cfg->files[0], reader.error);
		csv_reader_close(&reader);
		return EXIT_INPUT;
	}
	if (results_open_kind(&res, RESULTS_DOMAINS, path, NULL, &wopt, rec, err, sizeof err) < 0) {
		msg_error(&none, "%s", err);
		csv_reader_close(&reader);
		return EXIT_OUTPUT;
	}
	while (csv_reader_next(&reader, &rec) == 1 && i < rs->n) {
		struct domain_row *d = &rs->rows[i++];
		struct row_result r = { .status = d->status, .reason = d->reason, .record_id = d->org_id };
		char count[32] = "", why[160];
		if (d->org_id) {
			r.status = d->people ? ST_FOUND : ST_NOT_FOUND;
			snprintf(count, sizeof count, "%zu", d->people);
			r.count = count;
			if (d->without_email)
				snprintf(why, sizeof why, "%zu %s with an email; %zu more without one Apollo may show",
				         d->people, d->people == 1 ? "person" : "people", d->without_email);
			else
				snprintf(why, sizeof why, "%zu %s with an email", d->people,
				         d->people == 1 ? "person" : "people");
			if (!d->people && !d->without_email)
				snprintf(why, sizeof why, "nobody found%s", cfg->ntitles || cfg->nseniorities || d->titles ||
				         d->seniorities ? " with the titles and seniorities asked for" : "");
			r.reason = why;
		}
		if (r.status == ST_FOUND)
			rs->counts->with_people++;
		else if (r.status == ST_NOT_FOUND)
			rs->counts->nothing++;
		results_write(&res, rec, &r);
	}
	csv_reader_close(&reader);
	if (i != rs->n) {
		results_abort(&res);
		msg_error(&none, "%s changed while it was read", cfg->files[0]);
		return EXIT_INPUT;
	}
	if (results_commit(&res, err, sizeof err) < 0) {
		msg_error(&none, "%s", err);
		return EXIT_OUTPUT;
	}
	return EXIT_OK;
}

/* a stopped run's research, read back; what it cost counts against
 * --max-credits as this run's spending does */
static int open_journal(struct research *rs, const char *path)
{
	const struct research_journal *j = &rs->journal;
	int status = research_journal_open(&rs->journal, path, rs->cfg->resume);

	if (status != EXIT_OK)
		return status;
	if (j->torn)
		msg_info("%s: its last record was cut off when its run was stopped; that call is asked again",
		         path);
	if (j->calls)
		msg_info("%s: going on with the research of the run that was stopped (%s): what it bought "
		         "for %d domains and %d people (%g credits) is not bought again",
		         rs->cfg->files[0], path, cJSON_GetArraySize(j->organizations),
		         cJSON_GetArraySize(j->people), j->credits);
	rs->counts->credits.used += j->credits;
	rs->counts->kept_credits = j->credits;
	return EXIT_OK;
}

int prospect_research(const struct config *cfg, struct http_client *hc, const char *people_path,
                      const char *domains_path, const char *journal_path, struct research_counts *counts)
{
	struct research rs = { .cfg = cfg, .hc = hc, .counts = counts, .journal = { .fd = -1 } };
	struct msg_pos none = { 0 };
	int status;

	memset(counts, 0, sizeof *counts);
	if ((status = read_domains(&rs)) == EXIT_OK && (status = open_journal(&rs, journal_path)) == EXIT_OK) {
		find_organizations(&rs);
		if (!*rs.error)
			find_people(&rs);
		if (!*rs.error)
			match_people(&rs);
		if (*rs.error) {
			msg_error(&none, "the research stopped (%s); what it bought so far is kept in %s: run the "
			          "same command with --resume to go on without buying it again", rs.error,
			          journal_path);
			status = rs.stop_status ? rs.stop_status : hc->refused ? EXIT_CONFIG : EXIT_API;
		}
	}
	if (status == EXIT_OK && (status = write_people(&rs, people_path)) == EXIT_OK &&
	    (status = write_domains(&rs, domains_path)) == EXIT_OK)
		research_journal_remove(&rs.journal);
	research_journal_close(&rs.journal);
	for (size_t i = 0; i < rs.n; i++) {
		free(rs.rows[i].domain);
		free(rs.rows[i].titles);
		free(rs.rows[i].seniorities);
		free(rs.rows[i].reason);
		free(rs.rows[i].org_id);
		free(rs.rows[i].org_name);
	}
	for (size_t k = 0; k < rs.nfound; k++) {
		free(rs.found[k].id);
		cJSON_Delete(rs.found[k].person);
	}
	free(rs.rows);
	free(rs.found);
	return status;
}
