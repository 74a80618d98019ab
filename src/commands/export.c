/* commands/export.c - `apollo-csv export sequences`: every sequence's numbers,
 * all pages of Apollo's sequence search, narrowed to the ones asked for,
 * as CSV or JSON (report/sequence_report.c). With --wait, numbers Apollo is still
 * computing ("loading") are asked for again until they arrive. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "apollo/api.h"
#include "apollo/resolve.h"
#include "cli/command.h"
#include "commands/export.h"
#include "commands/export_accounts.h"
#include "commands/export_contacts.h"
#include "commands/session.h"
#include "common/exit_codes.h"
#include "common/msg.h"
#include "common/run_summary.h"
#include "report/sequence_report.h"

#define WAIT_STEP 10   /* seconds between asks while numbers are loading */

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcasecmp(s + a - b, suffix) == 0;
}

static bool wanted(const struct config *cfg, const cJSON *seq)
{
	if (cfg->active_only && (!cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(seq, "active")) ||
	                         cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(seq, "archived"))))
		return false;
	if (!cfg->nsequences)
		return true;
	for (size_t i = 0; i < cfg->nsequences; i++)
		if (strcasecmp(api_str(seq, "name"), cfg->sequences[i]) == 0 ||
		    strcmp(api_str(seq, "id"), cfg->sequences[i]) == 0)
			return true;
	return false;
}

/* The sequences asked for; NULL after a printed error (*status set). */
static cJSON *fetch(const struct config *cfg, struct http_client *hc, const char *only_id, int *status)
{
	cJSON *all = cJSON_CreateArray(), *out = cJSON_CreateArray(), *s;
	struct http_request failed;
	struct msg_pos none = { 0 };
	char why[2048];

	if (api_list_sequences(hc, NULL, all, &failed) < 0) {
		msg_error(&none, "cannot read the sequences: %s", failed.message);
		*status = hc->refused ? EXIT_CONFIG : EXIT_API;
		cJSON_Delete(all);
		cJSON_Delete(out);
		return NULL;
	}
	cJSON_ArrayForEach(s, all)
		if (only_id ? strcmp(api_str(s, "id"), only_id) == 0 : wanted(cfg, s))
			cJSON_AddItemToArray(out, cJSON_Duplicate(s, 1));
	/* a --sequence that names nothing is a typo worth stopping for */
	for (size_t i = 0; !only_id && i < cfg->nsequences; i++) {
		bool found = false;
		cJSON_ArrayForEach(s, all)
			found = found || strcasecmp(api_str(s, "name"), cfg->sequences[i]) == 0 ||
			        strcmp(api_str(s, "id"), cfg->sequences[i]) == 0;
		if (!found) {
			sequence_not_found(why, sizeof why, cfg->sequences[i], all, false);
			msg_error(&none, "%s", why);
			*status = EXIT_CONFIG;
			cJSON_Delete(all);
			cJSON_Delete(out);
			return NULL;
		}
	}
	cJSON_Delete(all);
	if (!report_check(out, why, sizeof why)) {
		msg_error(&none, "cannot read the sequences' numbers: %s", why);
		*status = EXIT_API;
		cJSON_Delete(out);
		return NULL;
	}
	return out;
}

/* Fetches, waits out "loading" if asked, writes. An exit code. */
static int export_report(const struct config *cfg, struct http_client *hc, const char *only_id,
                         const char *path)
{
	struct report_options opt = {
		.format = cfg->report_format == 2 || ends_with(path, ".html") || ends_with(path, ".htm")
		          ? REPORT_HTML
		          : cfg->report_format == 1 || ends_with(path, ".json") ? REPORT_JSON : REPORT_CSV,
		.fraction_rates = cfg->fraction_rates,
		.writer = { .excel = cfg->excel, .raw = cfg->raw, .force = cfg->force },
	};
	time_t give_up = time(NULL) + cfg->wait;
	struct msg_pos none = { 0 };
	int status = EXIT_OK;
	char err[1024];
	cJSON *seqs;

	if (xlsx_is_name(path) && opt.format != REPORT_CSV) {
		msg_error(&none, "%s: a workbook holds the report's table and charts; --format %s goes with "
		          "another name", path, opt.format == REPORT_HTML ? "html" : "json");
		return EXIT_USAGE;
	}
	while ((seqs = fetch(cfg, hc, only_id, &status)) && report_loading(seqs) && time(NULL) < give_up) {
		msg_info("Apollo is still computing some numbers; asking again in %d s", WAIT_STEP);
		cJSON_Delete(seqs);
		sleep(WAIT_STEP);
	}
	if (!seqs)
		return status;
	if (report_write(seqs, path, &opt, err, sizeof err) < 0) {
		msg_error(&none, "%s", err);
		cJSON_Delete(seqs);
		return EXIT_OUTPUT;
	}
	run_summary_file("report", path);
	if (report_loading(seqs)) {
		msg_warn(&none, "%s: some numbers say \"loading\": Apollo was still computing them%s",
		         path, cfg->wait ? " when --wait ran out" : "; --wait waits for them");
		status = EXIT_ATTENTION;
	}
	msg_info("%d sequence%s: %s", cJSON_GetArraySize(seqs), cJSON_GetArraySize(seqs) == 1 ? "" : "s",
	         strcmp(path, "-") ? path : "standard output");
	cJSON_Delete(seqs);
	return status;
}

int export_sequence_report(const struct config *cfg, struct http_client *hc,
                           const char *sequence_id, const char *sequence_name, const char *path)
{
	(void)sequence_name;
	return export_report(cfg, hc, sequence_id, path);
}

int cmd_export(const struct config *cfg)
{
	struct session s;
	int status = session_open(&s, cfg);

	if (status == EXIT_OK && cfg->export_contacts) {
		status = export_contacts(cfg, &s.hc);
		session_report_calls(&s);
	} else if (status == EXIT_OK && cfg->export_accounts) {
		status = export_accounts(cfg, &s.hc);
		session_report_calls(&s);
	} else if (status == EXIT_OK) {
		static const char *const defaults[] = { "sequences.csv", "sequences.json", "sequences.html" };
		const char *path = cfg->output ? cfg->output : defaults[cfg->report_format];
		status = export_report(cfg, &s.hc, NULL, path);
		session_report_calls(&s);
	}
	session_close(&s);
	return status;
}

/* ---- the command line: --help, options, what they must say together ---- */

static const char help[] =
"Usage: apollo-csv export sequences [OPTIONS]\n"
"       apollo-csv export contacts [OPTIONS]\n"
"       apollo-csv export accounts [-o FILE]\n"
"\n"
"export contacts writes every contact a search finds (every page), one row\n"
"each: contact_id, the fields update can send back (first_name, last_name,\n"
"email, title, organization_name, linkedin_url, present_raw_address, and the\n"
"phones by type: direct_phone, corporate_phone, mobile_phone, home_phone,\n"
"other_phone), what Apollo knows (email_status, phone, city, state, country,\n"
"time_zone, account_id, owner, lists, stage, created_at; owner, lists and\n"
"stage are editable too), every custom field of contacts (a column named by\n"
"its label: picklist labels, ISO dates), the sequence columns (sequence,\n"
"status, step, added_at, finished_at, failure_reason, inactive_reason;\n"
"several sequences are joined with \"; \") and _checksum.\n"
"Apollo shows at most 50,000 contacts of a search; past that the search is\n"
"read from both ends (newest first only as far as it must), past 100,000\n"
"stage by stage (a stage past 100,000 list by list), each contact about\n"
"once, and an export that is still short says so and exits 1.\n"
"      --label NAME        contacts on this list (repeatable)\n"
"      --stage NAME        contacts at this stage\n"
"      --query TEXT        contacts whose name, title, company or email has TEXT\n"
"      --sequence NAME|ID  contacts with a status in this sequence\n"
"      --sequence-id ID    the same, by id only (for a name several share)\n"
"      --per-sequence      one row per contact and sequence\n"
"  -o, --output FILE       where to write (default contacts.csv)\n"
"                          (a name ending .xlsx: an Excel workbook)\n"
"      --excel, --raw, --force, --api-key-file, --jobs, --retries,\n"
"      --backoff, --timeout, --max-wait, -q, -v\n"
"\n"
"export accounts writes every account of the team (accounts/search, every\n"
"page) in the columns of Apollo's own accounts export: Company Name, Account\n"
"Stage, Lists, Account Owner, Website, Company Linkedin Url, Company Phone,\n"
"Apollo Account Id, every custom field of accounts by its label, then\n"
"_checksum; update sends its edits back (default file accounts.csv).\n"
"\n"
"export sequences:\n"
"Write one row per sequence with its numbers, from Apollo's sequence search\n"
"(every page): id, name, active, archived, num_steps, created_at, the counts\n"
"unique_scheduled, unique_delivered, unique_bounced, unique_hard_bounced,\n"
"unique_spam_blocked, unique_opened, unique_clicked, unique_replied,\n"
"unique_demoed, unique_unsubscribed, and the rates bounce, hard bounce,\n"
"spam block, open, click, reply, demo and opt-out. Apollo sends rates as\n"
"fractions; they are written as percentages with one decimal (52.6 for\n"
"0.526) in columns named *_rate_percent. A number Apollo is still computing\n"
"is written as \"loading\", never as 0.\n"
"\n"
"      --sequence NAME|ID  only this sequence (repeatable)\n"
"      --sequence-id ID    only the sequence with this id (repeatable)\n"
"      --active            only active sequences (not archived)\n"
"      --format csv|json|html  (default csv; json or html for an -o name ending\n"
"                          .json or .html). html: one self-contained page, a\n"
"                          table and per sequence a funnel chart (scheduled,\n"
"                          delivered, opened, clicked, replied) and bounce /\n"
"                          unsubscribe bars; no script, nothing fetched\n"
"      --rates fraction    rates as Apollo sends them, in *_rate columns\n"
"      --wait DURATION     while numbers say \"loading\", ask again every 10 s\n"
"                          for up to DURATION (e.g. 5m)\n"
"  -o, --output FILE       where to write (default sequences.csv, .json or\n"
"                          .html; - for standard output; a name ending .xlsx:\n"
"                          a workbook with the numbers and their charts)\n"
"      --excel             for Excel: UTF-8 BOM and CRLF line ends\n"
"      --raw               cells starting with = + - @ as they are, not\n"
"                          guarded by an apostrophe (CSV only)\n"
"      --force             replace an existing file\n"
"      --api-key-file FILE, --jobs N, --retries N, --backoff MS, --timeout D,\n"
"      --max-wait D: as for import\n"
"  -q, --quiet, -v, --verbose\n"
"\n"
FOR_SCRIPTS
"\n"
"Exit status: 0 written; 1 written, but some numbers are still loading (or\n"
"the contacts are not all there, or came without their sequences); 2 bad\n"
"command line; 4 no key, a refused key, or a --sequence, --label or --stage\n"
"that names nothing, or several (each is named: give its id); 5 Apollo did\n"
"not answer; 6 the file cannot be written; 130, 143 stopped by Ctrl-C or\n"
"SIGTERM (nothing written: run it again).\n";

/* export's --format is the report's, not a mapping profile */
static int set_report_format(struct config *cfg, char *arg)
{
	if (strcmp(arg, "csv") && strcmp(arg, "json") && strcmp(arg, "html"))
		return cli_usage_error("--format %s: use csv, json or html", arg);
	cfg->report_format = strcmp(arg, "json") == 0 ? 1 : strcmp(arg, "html") == 0 ? 2 : 0;
	return EXIT_OK;
}
static const struct cli_option opt_report_format = { "format", 0, true, set_report_format,
	"csv json html" };

/* export sequences takes several */
static int set_sequences(struct config *cfg, char *arg)
{
	if (!cli_push(&cfg->sequences, &cfg->nsequences, arg))
		return cli_usage_error("%s", "out of memory");
	cfg->sequence = arg;
	return EXIT_OK;
}
static const struct cli_option opt_sequences = { "sequence", 0, true, set_sequences, NULL };
/* an id only: for a name several sequences share */
static int set_sequence_ids(struct config *cfg, char *arg)
{
	return cli_check_sequence_id(arg) == EXIT_OK ? set_sequences(cfg, arg) : EXIT_USAGE;
}
static const struct cli_option opt_sequence_ids = { "sequence-id", 0, true, set_sequence_ids, NULL };

static int set_active(struct config *cfg, char *v) { (void)v; cfg->active_only = true; return EXIT_OK; }
static const struct cli_option opt_active = { "active", 0, false, set_active, NULL };
static int set_per_sequence(struct config *cfg, char *v) { (void)v; cfg->per_sequence = true; return EXIT_OK; }
static const struct cli_option opt_per_sequence = { "per-sequence", 0, false, set_per_sequence, NULL };
static int set_query(struct config *cfg, char *v) { cfg->query = v; return EXIT_OK; }
static const struct cli_option opt_query = { "query", 0, true, set_query, NULL };

static const struct cli_option *const options[] = {
	&opt_report_format, &opt_output, &opt_excel, &opt_raw, &opt_force, &opt_quiet, &opt_verbose,
	OPTIONS_SCRIPTS, OPTIONS_TALKING, &opt_label, &opt_per_sequence, &opt_query, &opt_stage, &opt_sequences,
	&opt_sequence_ids, &opt_active, &opt_rates, &opt_wait, NULL
};

static int check(struct config *cfg)
{
	if (cfg->nfiles != 1 || (strcmp(cfg->files[0], "sequences") && strcmp(cfg->files[0], "contacts") &&
	                         strcmp(cfg->files[0], "accounts")))
		return cli_usage_error("%s", "export: say what to export: apollo-csv export "
		                       "sequences|contacts|accounts [OPTIONS]");
	cfg->export_contacts = strcmp(cfg->files[0], "contacts") == 0;
	cfg->export_accounts = strcmp(cfg->files[0], "accounts") == 0;
	cfg->nfiles = 0;
	if (cfg->export_accounts && (cfg->nlabels || cfg->per_sequence || cfg->query || cfg->stage ||
	                             cfg->nsequences || cfg->active_only || cfg->fraction_rates || cfg->wait ||
	                             cfg->report_format))
		return cli_usage_error("%s", "export accounts: every account of the team; it takes -o and the "
		                       "file options only");
	if (!cfg->export_contacts && !cfg->export_accounts && (cfg->nlabels || cfg->per_sequence || cfg->query || cfg->stage))
		return cli_usage_error("%s", "export sequences: --label, --per-sequence, --query and --stage "
		                       "go with export contacts");
	if (cfg->export_contacts && (cfg->active_only || cfg->fraction_rates || cfg->wait || cfg->report_format))
		return cli_usage_error("%s", "export contacts: --active, --rates, --wait and --format go with "
		                       "export sequences");
	if (cfg->export_contacts && cfg->nsequences > 1)
		return cli_usage_error("%s", "export contacts: --sequence takes one sequence");
	return EXIT_OK;
}

const struct command export_command = {
	.name = "export", .id = CMD_EXPORT, .help = help, .options = options, .check = check, .run = cmd_export,
	.words = "sequences contacts accounts",
	.overview = "  export sequences  every sequence's numbers (delivered, opened, replied,\n"
	            "                  bounced, rates) as CSV or JSON\n"
	            "  export contacts contacts, their sequence statuses and a checksum, for\n"
	            "                  a spreadsheet\n"
	            "  export accounts accounts in Apollo's accounts-export columns, for a\n"
	            "                  spreadsheet\n"
};
