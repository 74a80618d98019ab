/* commands/prospect.c - `apollo-csv prospect FILE`: from a list of company
 * domains to people enrolled in a sequence, with a follow-up task and a
 * deal per company if asked.
 *
 * Four steps, each writing a file beside FILE, and each the command that
 * does it alone, so every promise of those holds here too:
 *   1. research (commands/prospect_research.c): FILE.domains.csv and
 *      FILE.people.csv, the people found with an email; until both are
 *      written, what it bought is journaled in FILE.research.partial
 *   2. import of FILE.people.csv (accounts, contacts, the sequence):
 *      FILE.people.results.csv, one row per person, with its Domain Row
 *   3. --type: a task per company, for the first person imported there
 *      (FILE.tasks.csv, FILE.tasks.results.csv)
 *   4. --deal: a deal per company, on its account (FILE.deals.csv,
 *      FILE.deals.results.csv)
 * One session (one set of look-ups) serves them all. --resume keeps the
 * research of the run before, finished or not (its credits are not spent
 * again), and goes on with the steps after it, each with its own --resume. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/command.h"
#include "commands/deals.h"
#include "commands/import.h"
#include "commands/prospect.h"
#include "commands/prospect_research.h"
#include "commands/research_journal.h"
#include "commands/session.h"
#include "commands/tasks.h"
#include "common/exit_codes.h"
#include "common/msg.h"
#include "common/run_summary.h"
#include "files/csv_reader.h"
#include "files/csv_writer.h"
#include "rows/dedupe.h"
#include "rows/find_column.h"
#include "rows/prospect_file.h"
#include "values/sheet_values.h"

struct prospect_paths {
	char *people, *domains, *research, *people_results, *tasks, *deals;
};

/* the company of each Domain Row: its first person imported (created or
 * existing), with the contact's and the account's ids */
struct company {
	char *contact_id, *account_id, *name, *domain;
};

static void free_paths(struct prospect_paths *p)
{
	free(p->people);
	free(p->domains);
	free(p->research);
	free(p->people_results);
	free(p->tasks);
	free(p->deals);
}

/* "{company}" in the deal's name becomes the company's name */
static void deal_name(const char *tmpl, const char *company, char *out, size_t size)
{
	const char *at = strstr(tmpl, "{company}");
	if (!at)
		snprintf(out, size, "%s", tmpl);
	else
		snprintf(out, size, "%.*s%s%s", (int)(at - tmpl), tmpl, company, at + strlen("{company}"));
}

/* Reads the import's results: one company per Domain Row. The companies
 * are returned in the order of their first person (malloc'd; *n). */
static struct company *companies_of(const char *results, size_t *n, int *status)
{
	static const char *const row_names[] = { "domainrow", NULL }, *const contact_names[] = { "contactid", NULL };
	static const char *const account_names[] = { "accountid", NULL }, *const company_names[] = { "company", NULL };
	static const char *const domain_names[] = { "domain", NULL };
	struct csv_reader_options ropt = { 0 };
	struct csv_reader r;
	const struct csv_record *rec;
	struct company *out = NULL;
	struct dedupe_set seen;
	size_t cap = 0;
	int col[6], rc;

	*n = 0;
	*status = EXIT_OK;
	if (csv_reader_open(&r, results, &ropt) < 0 || csv_reader_next(&r, &rec) != 1) {
		struct msg_pos pos = { results, 0, 0 };
		msg_error(&pos, "%s", r.error[0] ? r.error : "empty");
		csv_reader_close(&r);
		*status = EXIT_INPUT;
		return NULL;
	}
	col[0] = header_find(rec, row_names);
	col[1] = header_find(rec, contact_names);
	col[2] = header_find(rec, account_names);
	col[3] = header_find(rec, company_names);
	col[4] = header_find(rec, domain_names);
	/* the import's own _status: found by its exact name */
	col[5] = -1;
	for (size_t c = 0; c < rec->nfields; c++)
		if (strcmp(rec->fields[c], "_status") == 0)
			col[5] = (int)c;
	dedupe_init(&seen);
	while ((rc = csv_reader_next(&r, &rec)) == 1) {
		const char *row = header_cell(rec, col[0]), *st = header_cell(rec, col[5]);
		if (!*header_cell(rec, col[1]) || (strcmp(st, "created") && strcmp(st, "existing")) ||
		    dedupe_check_add(&seen, row, strlen(row), 1))
			continue;
		if (*n == cap) {
			struct company *c = realloc(out, (cap = cap ? cap * 2 : 64) * sizeof *c);
			if (!c)
				break;
			out = c;
		}
		out[(*n)++] = (struct company){ strdup(header_cell(rec, col[1])), strdup(header_cell(rec, col[2])),
		                                strdup(header_cell(rec, col[3])), strdup(header_cell(rec, col[4])) };
	}
	dedupe_free(&seen);
	csv_reader_close(&r);
	return out;
}

/* FILE.tasks.csv or FILE.deals.csv from the companies: whole or not at all */
static int write_step_file(const struct config *cfg, const char *path, const struct company *co, size_t n,
                           bool deals)
{
	struct csv_writer_options wopt = { .raw = cfg->raw, .force = true };
	struct csv_writer w;
	struct msg_pos none = { 0 };

	if (csv_writer_open(&w, path, &wopt) < 0) {
		msg_error(&none, "%s: %s", path, w.error);
		return EXIT_OUTPUT;
	}
	if (deals) {
		csv_writer_cstr(&w, "name");
		csv_writer_cstr(&w, "account");
		csv_writer_cstr(&w, "amount");
		csv_writer_cstr(&w, "closed_date");
		csv_writer_cstr(&w, "domain");
	} else {
		csv_writer_cstr(&w, "contact_id");
		csv_writer_cstr(&w, "company");
		csv_writer_cstr(&w, "domain");
	}
	csv_writer_end_row(&w);
	for (size_t i = 0; i < n; i++) {
		if (deals) {
			char name[600];
			deal_name(cfg->deal_name, *co[i].name ? co[i].name : co[i].domain, name, sizeof name);
			csv_writer_cstr(&w, name);
			csv_writer_cstr(&w, co[i].account_id);
			csv_writer_cstr(&w, cfg->deal_amount ? cfg->deal_amount : "");
			csv_writer_cstr(&w, cfg->closed_date ? cfg->closed_date : "");
		} else {
			csv_writer_cstr(&w, co[i].contact_id);
			csv_writer_cstr(&w, co[i].name);
		}
		csv_writer_cstr(&w, co[i].domain);
		csv_writer_end_row(&w);
	}
	if (csv_writer_commit(&w) < 0) {
		msg_error(&none, "%s: %s", path, w.error);
		return EXIT_OUTPUT;
	}
	run_summary_file(deals ? "deals" : "tasks", path);
	return EXIT_OK;
}

/* steps 3 and 4: a task and a deal per company */
static int follow_ups(const struct config *cfg, struct session *s, const struct prospect_paths *p)
{
	struct company *co;
	size_t n;
	int status, rc = EXIT_OK;

	if (!cfg->task_type && !cfg->deal_name)
		return EXIT_OK;
	if (!(co = companies_of(p->people_results, &n, &status)) && status != EXIT_OK)
		return status;
	if (cfg->task_type && (rc = write_step_file(cfg, p->tasks, co, n, false)) == EXIT_OK) {
		struct config t = *cfg;
		char *files[] = { p->tasks, NULL };
		t.command = CMD_TASKS;
		t.files = files;
		t.nfiles = 1;
		t.output = t.errors = NULL;
		msg_info("a follow-up task for each of %zu companies: %s", n, p->tasks);
		status = exit_code_worst(status, tasks_file(&t, s));
	}
	status = exit_code_worst(status, rc);
	if (cfg->deal_name && (rc = write_step_file(cfg, p->deals, co, n, true)) == EXIT_OK) {
		struct config d = *cfg;
		char *files[] = { p->deals, NULL };
		d.command = CMD_DEALS;
		d.files = files;
		d.nfiles = 1;
		d.output = d.errors = NULL;
		d.create_accounts = false;   /* each row names its account by id */
		msg_info("a deal for each of %zu companies: %s", n, p->deals);
		status = exit_code_worst(status, deals_file(&d, s));
	}
	status = exit_code_worst(status, rc);
	for (size_t i = 0; i < n; i++) {
		free(co[i].contact_id);
		free(co[i].account_id);
		free(co[i].name);
		free(co[i].domain);
	}
	free(co);
	return status;
}

static void research_summary(const struct config *cfg, const struct research_counts *c)
{
	msg_info("%s: %llu domain%s researched: %llu with people, %llu with nobody found; %llu people with an "
	         "email to import", cfg->files[0], c->domains, c->domains == 1 ? "" : "s", c->with_people,
	         c->nothing, c->people);
	if (c->over_limit)
		msg_info("%llu more not researched or matched: the credit limit was reached", c->over_limit);
	char limit[64] = "", kept[96] = "", maybe[96] = "";
	if (cfg->max_credits >= 0)
		snprintf(limit, sizeof limit, " of --max-credits %ld", cfg->max_credits);
	if (c->kept_credits > 0)
		snprintf(kept, sizeof kept, ", %g of them by the run that was stopped", c->kept_credits);
	if (c->credits.maybe > 0)
		snprintf(maybe, sizeof maybe, ", and at most %g more for calls whose answer was lost",
		         c->credits.maybe);
	msg_info("credits used: %g%s (Apollo's count%s)%s", c->credits.used, limit, kept, maybe);
	if (c->credits.uncounted > 0)
		msg_info("credits: at most %g more that Apollo's replies did not count (no credits_consumed)",
		         c->credits.uncounted);
}

int cmd_prospect(const struct config *cfg)
{
	struct prospect_paths p = { 0 };
	struct msg_pos none = { 0 };
	struct research_counts counts;
	struct session s;
	int status;
	bool have;

	if (cfg->deal_amount || cfg->closed_date) {
		char digits[48], date[11], why[512];
		if ((cfg->deal_amount && sheet_amount(cfg->deal_amount, cfg->decimal_comma, digits, why, sizeof why)) ||
		    (cfg->closed_date && sheet_date(cfg->closed_date, (enum date_order)cfg->date_order, date, why,
		                                    sizeof why))) {
			msg_error(&none, "%s: %s", cfg->deal_amount && sheet_amount(cfg->deal_amount, cfg->decimal_comma,
			          digits, why, sizeof why) ? "--amount" : "--closed-date", why);
			return EXIT_USAGE;
		}
	}
	if (!(p.people = sibling_path(cfg->files[0], ".people.csv")) ||
	    !(p.domains = sibling_path(cfg->files[0], ".domains.csv")) ||
	    !(p.research = sibling_path(cfg->files[0], ".research.partial")) ||
	    !(p.people_results = sibling_path(cfg->files[0], ".people.results.csv")) ||
	    !(p.tasks = sibling_path(cfg->files[0], ".tasks.csv")) ||
	    !(p.deals = sibling_path(cfg->files[0], ".deals.csv"))) {
		free_paths(&p);
		return EXIT_INTERNAL;
	}
	have = access(p.people, F_OK) == 0 && access(p.domains, F_OK) == 0;
	if (!cfg->resume && !cfg->force && access(p.research, F_OK) == 0) {
		msg_error(&none, "%s: a prospect run was stopped while it researched; use --resume to go on "
		          "with it (what it bought is kept: no credit is spent on it again), or --force to "
		          "research again", p.research);
		free_paths(&p);
		return EXIT_OUTPUT;
	}
	if (!cfg->resume && !cfg->force && (access(p.people, F_OK) == 0 || access(p.domains, F_OK) == 0)) {
		msg_error(&none, "%s: an earlier prospect run's files are there; use --resume to go on with "
		          "it (its research is kept: no credits are spent again), or --force to research again",
		          p.people);
		free_paths(&p);
		return EXIT_OUTPUT;
	}
	/* names are resolved before anything is spent: a typo costs nothing */
	if ((status = session_open(&s, cfg)) != EXIT_OK)
		goto out;
	s.plan.accounts = true;          /* each company's people on its account */
	if (cfg->resume && have) {
		msg_info("%s: the research of the earlier run is kept (%s); no credits spent on it again",
		         cfg->files[0], p.people);
		/* a run killed after writing both files left its journal */
		if ((status = research_journal_discard(p.research)) != EXIT_OK)
			goto out;
	} else {
		if ((status = prospect_research(cfg, &s.hc, p.people, p.domains, p.research, &counts)) != EXIT_OK)
			goto out;
		research_summary(cfg, &counts);
		msg_info("domains: %s; people: %s", p.domains, p.people);
	}
	{
		struct config imp = *cfg;
		char *files[] = { p.people, NULL };
		imp.command = CMD_IMPORT;
		imp.files = files;
		imp.nfiles = 1;
		imp.output = imp.errors = NULL;
		imp.format = NULL;
		imp.maps = NULL;
		imp.nmaps = 0;
		imp.accounts = true;
		imp.enrich = false;
		status = import_file(&imp, &s);
	}
	if (status != EXIT_OK && status != EXIT_ATTENTION) {
		msg_error(&none, "the follow-up tasks and deals wait for the import: run the same command with "
		          "--resume");
		goto out;
	}
	status = exit_code_worst(status, follow_ups(cfg, &s, &p));
out:
	session_close(&s);
	free_paths(&p);
	return status;
}

/* ---- the command line: --help, options, what they must say together ---- */

static const char help[] =
"Usage: apollo-csv prospect [OPTIONS] FILE\n"
"\n"
"From a list of company domains to people in Apollo. FILE has a domain (or\n"
"website) column, and may have titles and seniorities columns (several\n"
"separated by ;) that override --title and --seniority for that row.\n"
"\n"
"  1. Research: each domain's organization (organizations/bulk_enrich, 10\n"
"     a call), the people there with those titles and seniorities\n"
"     (mixed_people/api_search: no credits, up to 1,000 domains a search),\n"
"     and for --per-company of them the email (people/bulk_match, 10 a\n"
"     call). Writes FILE.domains.csv (each row: found, not_found, invalid\n"
"     or duplicate, with the organization and how many people) and\n"
"     FILE.people.csv (one row per person, with the Domain Row it came\n"
"     from). Costs credits: about one an organization and one a person.\n"
"     Until both are written, what each call bought is kept in\n"
"     FILE.research.partial before the next call goes: a run stopped or\n"
"     killed half-way loses one call at most, and --resume buys none of\n"
"     the rest again.\n"
"  2. Import of FILE.people.csv, as import does, accounts included, and\n"
"     with --sequence the enrolment: FILE.people.results.csv.\n"
"  3. With --type: a follow-up task per company, for its first person\n"
"     (FILE.tasks.csv and its results).\n"
"  4. With --deal: a deal per company, on its account (FILE.deals.csv and\n"
"     its results).\n"
"\n"
"Research:\n"
"      --title TITLE       a job title to look for (repeatable)\n"
"      --seniority LEVEL   e.g. vp, director, c_suite, manager (repeatable)\n"
"      --per-company N     people per company, at most (default 3)\n"
"      --max-credits N     spend no more than N credits on the research\n"
"\n"
"Import and sequence: --sequence, --sequence-id, --from, --user, --label,\n"
"--owner, --allow, --policy, --allow-inactive, --paused-until,\n"
"--enroll-chunk, --report, --rates, --wait, as for import.\n"
"\n"
"Follow-ups:\n"
"      --type TYPE         a task per company (as tasks reads it); with\n"
"      --due WHEN          its due time (needed), --priority, --status,\n"
"                          --note, --timezone; the owner is --owner (needed)\n"
"      --deal NAME         a deal per company; {company} in NAME becomes the\n"
"                          company's name, e.g. \"{company} - new business\"\n"
"      --amount AMOUNT, --stage NAME, --closed-date DATE  the deal's\n"
"      --pipeline NAME|ID  the pipeline of --stage, where stage names repeat\n"
"      --date-format dmy|mdy|ymd, --decimal-comma: how to read them\n"
"\n"
"      --resume            keep the research of the run before, finished or\n"
"                          stopped half-way (no credit is spent on it\n"
"                          again), and resume each step after it\n"
"      --force             research again (credits are spent again)\n"
"      --excel, --raw, --encoding, --delimiter, --max-field-size, --sheet\n"
"\n"
TALKING_TO_APOLLO
"\n"
"Messages: -q, --quiet; -v, --verbose; --progress; --no-progress.\n"
"\n"
FOR_SCRIPTS
"\n"
"Exit status: the worst of the steps, as for import: 0 all done; 1 some rows\n"
"need attention; 2 bad command line; 3 FILE cannot be read or has no domain\n"
"column; 4 no key, a refused key or a name that names nothing; 5 Apollo\n"
"stopped answering (run again with --resume); 6 a file cannot be written;\n"
"130, 143 stopped by Ctrl-C or SIGTERM (run again with --resume).\n";

/* --title and --seniority: several of each */
static int set_title(struct config *cfg, char *arg)
{
	if (!*arg)
		return cli_usage_error("%s", "--title needs a job title");
	if (!cli_push(&cfg->titles, &cfg->ntitles, arg))
		return cli_usage_error("%s", "out of memory");
	return EXIT_OK;
}
static const struct cli_option opt_title = { "title", 0, true, set_title, NULL };

static int set_seniority(struct config *cfg, char *arg)
{
	if (!*arg)
		return cli_usage_error("%s", "--seniority needs a level");
	if (!cli_push(&cfg->seniorities, &cfg->nseniorities, arg))
		return cli_usage_error("%s", "out of memory");
	return EXIT_OK;
}
static const struct cli_option opt_seniority = { "seniority", 0, true, set_seniority, NULL };

static int set_per_company(struct config *cfg, char *arg)
{
	long v;
	if (!cli_parse_long(arg, 1, 100, &v))
		return cli_usage_error("--per-company %s: give a number of people from 1 to 100", arg);
	cfg->per_company = (size_t)v;
	return EXIT_OK;
}
static const struct cli_option opt_per_company = { "per-company", 0, true, set_per_company, NULL };

static int set_deal(struct config *cfg, char *arg)
{
	if (!*arg)
		return cli_usage_error("%s", "--deal needs a name, e.g. \"{company} - new business\"");
	cfg->deal_name = arg;
	return EXIT_OK;
}
static const struct cli_option opt_deal = { "deal", 0, true, set_deal, NULL };

static int set_amount(struct config *cfg, char *v) { cfg->deal_amount = v; return EXIT_OK; }
static const struct cli_option opt_amount = { "amount", 0, true, set_amount, NULL };
static int set_closed_date(struct config *cfg, char *v) { cfg->closed_date = v; return EXIT_OK; }
static const struct cli_option opt_closed_date = { "closed-date", 0, true, set_closed_date, NULL };

static const struct cli_option *const options[] = {
	OPTIONS_READING_FILE, &opt_excel, &opt_raw, &opt_force, &opt_resume, OPTIONS_MESSAGES, OPTIONS_TALKING,
	&opt_title, &opt_seniority, &opt_per_company, &opt_max_credits, &opt_label, &opt_owner,
	&opt_sequence, &opt_sequence_id, OPTIONS_ENROLLING, &opt_timezone, OPTIONS_TASK_VALUES, &opt_deal, &opt_amount,
	&opt_stage, &opt_pipeline, &opt_closed_date, &opt_date_format, &opt_decimal_comma, NULL
};

static int check(struct config *cfg)
{
	int rc;
	if ((rc = cli_check_files(cfg, "prospect")) != EXIT_OK || (rc = cli_check_resume(cfg, "prospect")) != EXIT_OK)
		return rc;
	if (cfg->nfiles != 1 || strcmp(cfg->files[0], "-") == 0)
		return cli_usage_error("%s", "prospect: name one FILE of company domains (it is read twice, so "
		                       "not standard input)");
	if ((rc = cli_need_mailbox(cfg, "prospect")) != EXIT_OK)
		return rc;
	if (!cfg->sequence && (cfg->nmailboxes || cfg->user || cfg->allow || cfg->paused_until ||
	                       cfg->allow_inactive || cfg->report))
		return cli_usage_error("%s", "prospect: --from, --user, --allow, --policy, --paused-until and "
		                       "--report go with --sequence");
	if (cfg->task_type && (!cfg->task_due || !cfg->owner))
		return cli_usage_error("%s", "prospect: a follow-up task (--type) needs --due WHEN and --owner USER");
	if (!cfg->task_type && (cfg->task_due || cfg->task_priority || cfg->task_status || cfg->task_note))
		return cli_usage_error("%s", "prospect: --due, --priority, --status and --note go with --type");
	if (!cfg->deal_name && (cfg->deal_amount || cfg->closed_date || cfg->stage || cfg->pipeline))
		return cli_usage_error("%s", "prospect: --amount, --closed-date, --stage and --pipeline go with "
		                       "--deal");
	return EXIT_OK;
}

const struct command prospect_command = {
	.name = "prospect", .id = CMD_PROSPECT, .help = help, .options = options, .check = check, .run = cmd_prospect,
	.overview = "  prospect FILE   from company domains to people in Apollo: research,\n"
	            "                  import, sequence, and a task and a deal per company\n"
};
