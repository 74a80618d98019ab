/* cli/options.c - the options several commands take, each with the check
 * of its value, and the value parsers the commands' own options use too.
 * Nothing here opens a file: a value is checked as text, the work starts
 * only when the whole command line is read. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "apollo/api.h"
#include "apollo/skip_reasons.h"
#include "cli/command.h"
#include "common/exit_codes.h"
#include "common/msg.h"
#include "common/near_names.h"
#include "files/csv_reader.h"
#include "values/fields.h"
#include "values/ids.h"
#include "values/sheet_values.h"
#include "values/start_time.h"

int cli_usage_error(const char *fmt, const char *arg)
{
	struct msg_pos none = { 0 };
	char text[1024];
	snprintf(text, sizeof text, fmt, arg);
	msg_error(&none, "%s", text);
	fprintf(stderr, "Try 'apollo-csv --help' or 'apollo-csv COMMAND --help'.\n");
	return EXIT_USAGE;
}

bool cli_parse_long(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

bool cli_parse_duration(const char *s, long *out)
{
	char *end;
	long v, mult = 1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || v < 0)
		return false;
	if (*end == 's' || *end == 'm' || *end == 'h' || *end == 'd') {
		mult = *end == 's' ? 1 : *end == 'm' ? 60 : *end == 'h' ? 3600 : 86400;
		end++;
	}
	if (*end || v > 10L * 86400 / mult)
		return false;
	*out = v * mult;
	return true;
}

bool cli_push(const char ***list, size_t *n, const char *v)
{
	const char **nl = realloc(*list, (*n + 1) * sizeof *nl);
	if (!nl)
		return false;
	nl[(*n)++] = v;
	*list = nl;
	return true;
}

/* --from a@x.com,b@x.com: several mailboxes in one value too */
static bool push_split(const char ***list, size_t *n, char *v)
{
	for (char *tok = strtok(v, ","); tok; tok = strtok(NULL, ","))
		if (*tok && !cli_push(list, n, tok))
			return false;
	return true;
}

/* "1M", "512K", "2MiB", "1048576" */
static bool parse_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long v;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s)
		return false;
	if (*end) {
		unsigned long long mult;
		if (strcasecmp(end, "k") == 0 || strcasecmp(end, "kib") == 0 || strcasecmp(end, "kb") == 0)
			mult = 1024;
		else if (strcasecmp(end, "m") == 0 || strcasecmp(end, "mib") == 0 || strcasecmp(end, "mb") == 0)
			mult = 1024 * 1024;
		else if (strcasecmp(end, "g") == 0 || strcasecmp(end, "gib") == 0 || strcasecmp(end, "gb") == 0)
			mult = 1024ULL * 1024 * 1024;
		else
			return false;
		if (v > (unsigned long long)-1 / mult)
			return false;
		v *= mult;
	}
	if (v < 16 || v > (1ULL << 31))
		return false;
	*out = (size_t)v;
	return true;
}

/* ---- reading ---- */

static int set_format(struct config *cfg, char *v) { cfg->format = v; return EXIT_OK; }
const struct cli_option opt_format = { "format", 0, true, set_format, "@formats" };

static bool near_standard_field(const char *name)
{
	for (int f = 0; f < F_COUNT; f++)
		if (name_distance(name, field_name((enum field)f)) <= 2)
			return true;
	return false;
}

static int set_map(struct config *cfg, char *arg)
{
	const char *eq = strchr(arg, '=');
	char *name;
	enum field f;
	struct map_override *nm;
	bool custom;

	if (!eq || eq == arg)
		return cli_usage_error("--map %s: expected FIELD=HEADER, e.g. --map email=\"E-mail address\"", arg);
	if (!(name = strndup(arg, (size_t)(eq - arg))))
		return cli_usage_error("%s", "out of memory");
	/* a FIELD that is no standard field is a custom field's label or id,
	 * known once the team's fields are (rows/mapping.h); but one written
	 * as a field is written and near one is a typo of it */
	custom = !field_parse(name, &f);
	if (custom && strspn(name, "abcdefghijklmnopqrstuvwxyz_") == strlen(name) && near_standard_field(name)) {
		char text[900];
		snprintf(text, sizeof text, "--map %s: unknown field \"%s\"; the fields are %s", arg, name,
		         field_list());
		free(name);
		return cli_usage_error("%s", text);
	}
	nm = realloc(cfg->maps, (cfg->nmaps + 1) * sizeof *nm);
	if (!nm) {
		free(name);
		return cli_usage_error("%s", "out of memory");
	}
	cfg->maps = nm;
	nm[cfg->nmaps].field = custom ? F_COUNT : f;
	nm[cfg->nmaps].custom = custom ? name : NULL;
	if (!custom)
		free(name);
	nm[cfg->nmaps].header = eq + 1;
	cfg->nmaps++;
	return EXIT_OK;
}
const struct cli_option opt_map = { "map", 0, true, set_map, NULL };

static int set_strict_fields(struct config *cfg, char *v) { (void)v; cfg->strict_fields = true; return EXIT_OK; }
const struct cli_option opt_strict_fields = { "strict-fields", 0, false, set_strict_fields, NULL };

static int set_encoding(struct config *cfg, char *arg)
{
	if (!encoding_parse(arg, &cfg->encoding))
		return cli_usage_error("--encoding %s: use utf-8, utf-16le, utf-16be, windows-1252 or latin-1", arg);
	return EXIT_OK;
}
const struct cli_option opt_encoding = { "encoding", 0, true, set_encoding,
	"utf-8 utf-16le utf-16be windows-1252 latin-1" };

static int set_sheet(struct config *cfg, char *arg)
{
	if (!*arg)
		return cli_usage_error("--sheet %s: give a sheet's name, or its number (1 is the first)", arg);
	cfg->sheet = arg;
	return EXIT_OK;
}
const struct cli_option opt_sheet = { "sheet", 0, true, set_sheet, NULL };

static int set_delimiter(struct config *cfg, char *s)
{
	if (strcasecmp(s, "tab") == 0 || strcmp(s, "\\t") == 0 || strcmp(s, "\t") == 0)
		cfg->delimiter = '\t';
	else if (strlen(s) == 1 && s[0] != '"' && s[0] != '\n' && s[0] != '\r')
		cfg->delimiter = s[0];
	else
		return cli_usage_error("--delimiter %s: give one character, e.g. , ; | or tab", s);
	return EXIT_OK;
}
const struct cli_option opt_delimiter = { "delimiter", 0, true, set_delimiter, NULL };

bool cli_parse_size(const char *s, size_t *out)
{
	return parse_size(s, out);
}

static int set_max_field_size(struct config *cfg, char *arg)
{
	if (!parse_size(arg, &cfg->max_field))
		return cli_usage_error("--max-field-size %s: give a size from 16 bytes to 2G, e.g. 1M or 512K", arg);
	return EXIT_OK;
}
const struct cli_option opt_max_field_size = { "max-field-size", 0, true, set_max_field_size, NULL };

/* ---- writing ---- */

static int set_output(struct config *cfg, char *v) { cfg->output = v; return EXIT_OK; }
const struct cli_option opt_output = { "output", 'o', true, set_output, NULL };
static int set_errors(struct config *cfg, char *v) { cfg->errors = v; return EXIT_OK; }
const struct cli_option opt_errors = { "errors", 0, true, set_errors, NULL };
static int set_excel(struct config *cfg, char *v) { (void)v; cfg->excel = true; return EXIT_OK; }
const struct cli_option opt_excel = { "excel", 0, false, set_excel, NULL };
static int set_raw(struct config *cfg, char *v) { (void)v; cfg->raw = true; return EXIT_OK; }
const struct cli_option opt_raw = { "raw", 0, false, set_raw, NULL };
static int set_force(struct config *cfg, char *v) { (void)v; cfg->force = true; return EXIT_OK; }
const struct cli_option opt_force = { "force", 0, false, set_force, NULL };
static int set_resume(struct config *cfg, char *v) { (void)v; cfg->resume = true; return EXIT_OK; }
const struct cli_option opt_resume = { "resume", 0, false, set_resume, NULL };

/* ---- messages ---- */

static int set_quiet(struct config *cfg, char *v) { (void)v; cfg->quiet = true; return EXIT_OK; }
const struct cli_option opt_quiet = { "quiet", 'q', false, set_quiet, NULL };
static int set_verbose(struct config *cfg, char *v) { (void)v; cfg->verbose = true; return EXIT_OK; }
const struct cli_option opt_verbose = { "verbose", 'v', false, set_verbose, NULL };
static int set_progress(struct config *cfg, char *v) { (void)v; cfg->progress = 1; return EXIT_OK; }
const struct cli_option opt_progress = { "progress", 0, false, set_progress, NULL };
static int set_no_progress(struct config *cfg, char *v) { (void)v; cfg->progress = 0; return EXIT_OK; }
const struct cli_option opt_no_progress = { "no-progress", 0, false, set_no_progress, NULL };
static int set_json(struct config *cfg, char *v) { (void)v; cfg->json = true; return EXIT_OK; }
const struct cli_option opt_json = { "json", 0, false, set_json, NULL };
static int set_summary(struct config *cfg, char *v) { cfg->summary = v; return EXIT_OK; }
const struct cli_option opt_summary = { "summary", 0, true, set_summary, NULL };

/* ---- talking to Apollo ---- */

static int set_api_key_file(struct config *cfg, char *v) { cfg->api_key_file = v; return EXIT_OK; }
const struct cli_option opt_api_key_file = { "api-key-file", 0, true, set_api_key_file, NULL };

static int set_jobs(struct config *cfg, char *arg)
{
	long v;
	if (!cli_parse_long(arg, 1, 16, &v))
		return cli_usage_error("--jobs %s: give a number from 1 to 16", arg);
	cfg->jobs = (int)v;
	return EXIT_OK;
}
const struct cli_option opt_jobs = { "jobs", 0, true, set_jobs, NULL };

static int set_retries(struct config *cfg, char *arg)
{
	long v;
	if (!cli_parse_long(arg, 0, 20, &v))
		return cli_usage_error("--retries %s: give a number from 0 to 20", arg);
	cfg->retries = (int)v;
	return EXIT_OK;
}
const struct cli_option opt_retries = { "retries", 0, true, set_retries, NULL };

static int set_timeout(struct config *cfg, char *arg)
{
	long v;
	if (!cli_parse_duration(arg, &v) || v < 1)
		return cli_usage_error("--timeout %s: give a duration such as 60 or 2m", arg);
	cfg->timeout_ms = v * 1000;
	return EXIT_OK;
}
const struct cli_option opt_timeout = { "timeout", 0, true, set_timeout, NULL };

static int set_settle(struct config *cfg, char *arg)
{
	long v;
	if (!cli_parse_duration(arg, &v) || v < 1 || v > 3600)
		return cli_usage_error("--settle %s: give a duration from 1s to 1h, such as 5 or 30s", arg);
	cfg->settle = (double)v;
	return EXIT_OK;
}
const struct cli_option opt_settle = { "settle", 0, true, set_settle, NULL };

static int set_backoff(struct config *cfg, char *arg)
{
	long v;
	if (!cli_parse_long(arg, 1, 60000, &v))
		return cli_usage_error("--backoff %s: give milliseconds from 1 to 60000", arg);
	cfg->backoff_ms = v;
	return EXIT_OK;
}
const struct cli_option opt_backoff = { "backoff", 0, true, set_backoff, NULL };

static int set_max_wait(struct config *cfg, char *arg)
{
	if (!cli_parse_duration(arg, &cfg->max_wait))
		return cli_usage_error("--max-wait %s: give a duration such as 90s, 15m or 2h", arg);
	return EXIT_OK;
}
const struct cli_option opt_max_wait = { "max-wait", 0, true, set_max_wait, NULL };

/* ---- what the records are about ---- */

static int set_label(struct config *cfg, char *arg)
{
	if (!*arg)
		return cli_usage_error("%s", "--label needs a list name");
	if (!cli_push(&cfg->labels, &cfg->nlabels, arg))
		return cli_usage_error("%s", "out of memory");
	return EXIT_OK;
}
const struct cli_option opt_label = { "label", 0, true, set_label, NULL };

static int set_owner(struct config *cfg, char *v) { cfg->owner = v; return EXIT_OK; }
const struct cli_option opt_owner = { "owner", 0, true, set_owner, NULL };
static int set_stage(struct config *cfg, char *v) { cfg->stage = v; return EXIT_OK; }
const struct cli_option opt_stage = { "stage", 0, true, set_stage, NULL };
static int set_pipeline(struct config *cfg, char *arg)
{
	if (!*arg)
		return cli_usage_error("%s", "--pipeline needs a pipeline's name or id");
	cfg->pipeline = arg;
	return EXIT_OK;
}
const struct cli_option opt_pipeline = { "pipeline", 0, true, set_pipeline, NULL };

static int set_max_credits(struct config *cfg, char *arg)
{
	long v;
	if (!cli_parse_long(arg, 0, 100000000, &v))
		return cli_usage_error("--max-credits %s: give a number of credits, e.g. 100", arg);
	cfg->max_credits = v;
	return EXIT_OK;
}
const struct cli_option opt_max_credits = { "max-credits", 0, true, set_max_credits, NULL };

/* ---- the sequence ---- */

static int set_sequence(struct config *cfg, char *v)
{
	if (cfg->sequence_by_id)
		return cli_usage_error("%s", "give --sequence NAME or --sequence-id ID, not both");
	cfg->sequence = v;
	return EXIT_OK;
}
const struct cli_option opt_sequence = { "sequence", 0, true, set_sequence, NULL };

/* an id is one word of letters and digits with a digit in it; a name
 * ("Q4 Outbound - SaaS", "Webinar") is refused here, before any look-up */
int cli_check_sequence_id(const char *v)
{
	if (!apollo_id_valid(v) || !strpbrk(v, "0123456789"))
		return cli_usage_error("--sequence-id \"%s\": give the sequence's id (24 letters and digits, "
		                       "e.g. 68da6940bf20258320608de3); a name goes with --sequence", v);
	return EXIT_OK;
}

static int set_sequence_id(struct config *cfg, char *v)
{
	if (cfg->sequence && !cfg->sequence_by_id)
		return cli_usage_error("%s", "give --sequence NAME or --sequence-id ID, not both");
	if (cli_check_sequence_id(v) != EXIT_OK)
		return EXIT_USAGE;
	cfg->sequence = v;
	cfg->sequence_by_id = true;
	return EXIT_OK;
}
const struct cli_option opt_sequence_id = { "sequence-id", 0, true, set_sequence_id, NULL };

static int set_from(struct config *cfg, char *arg)
{
	if (!push_split(&cfg->mailboxes, &cfg->nmailboxes, arg))
		return cli_usage_error("%s", "out of memory");
	return EXIT_OK;
}
const struct cli_option opt_from = { "from", 0, true, set_from, NULL };

static int set_user(struct config *cfg, char *v) { cfg->user = v; return EXIT_OK; }
const struct cli_option opt_user = { "user", 0, true, set_user, NULL };
static int set_allow_inactive(struct config *cfg, char *v) { (void)v; cfg->allow_inactive = true; return EXIT_OK; }
const struct cli_option opt_allow_inactive = { "allow-inactive", 0, false, set_allow_inactive, NULL };

static int set_policy(struct config *cfg, char *arg)
{
	if (strcmp(arg, "conservative") == 0)
		cfg->allow = 0;
	else if (strcmp(arg, "aggressive") == 0)
		cfg->allow |= ALLOW_UNVERIFIED | ALLOW_ACTIVE_IN_OTHER | ALLOW_FINISHED_IN_OTHER;
	else
		return cli_usage_error("--policy %s: use conservative or aggressive", arg);
	return EXIT_OK;
}
const struct cli_option opt_policy = { "policy", 0, true, set_policy, "conservative aggressive" };

static int set_allow(struct config *cfg, char *arg)
{
	unsigned bit;
	if (!skip_allow_parse(arg, &bit)) {
		char text[600];
		snprintf(text, sizeof text, "--allow %s: use one of %s", arg, skip_allow_list());
		return cli_usage_error("%s", text);
	}
	cfg->allow |= bit;
	return EXIT_OK;
}
const struct cli_option opt_allow = { "allow", 0, true, set_allow,
	"no-email unverified job-change active-in-other finished-in-other same-company" };

static int set_paused_until(struct config *cfg, char *arg)
{
	time_t t;
	if (!parse_instant(arg, &t))
		return cli_usage_error("--paused-until %s: give a time such as 2026-12-01T09:00:00Z, "
		                       "2026-12-01T09:00-05:00 or 2026-12-01 09:00 (UTC)", arg);
	cfg->paused_until = arg;
	cfg->paused_until_t = t;
	return EXIT_OK;
}
const struct cli_option opt_paused_until = { "paused-until", 0, true, set_paused_until, NULL };

static int set_timezone(struct config *cfg, char *arg)
{
	if (!zone_known(arg))
		return cli_usage_error("--timezone %s: not a time zone this machine knows; use a name "
		                       "such as America/New_York, Europe/Berlin or UTC", arg);
	cfg->timezone = arg;
	return EXIT_OK;
}
const struct cli_option opt_timezone = { "timezone", 0, true, set_timezone, NULL };

static int set_enroll_chunk(struct config *cfg, char *arg)
{
	long v;
	if (!cli_parse_long(arg, 1, 1000, &v))
		return cli_usage_error("--enroll-chunk %s: give a number from 1 to 1000", arg);
	cfg->enroll_chunk = (size_t)v;
	return EXIT_OK;
}
const struct cli_option opt_enroll_chunk = { "enroll-chunk", 0, true, set_enroll_chunk, NULL };

/* ---- the sequence's numbers (export sequences, --report) ---- */

static int set_report(struct config *cfg, char *v) { cfg->report = v; return EXIT_OK; }
const struct cli_option opt_report = { "report", 0, true, set_report, NULL };

static int set_rates(struct config *cfg, char *arg)
{
	if (strcmp(arg, "percent") && strcmp(arg, "fraction"))
		return cli_usage_error("--rates %s: use percent or fraction", arg);
	cfg->fraction_rates = strcmp(arg, "fraction") == 0;
	return EXIT_OK;
}
const struct cli_option opt_rates = { "rates", 0, true, set_rates, "percent fraction" };

static int set_wait(struct config *cfg, char *arg)
{
	if (!cli_parse_duration(arg, &cfg->wait))
		return cli_usage_error("--wait %s: give a duration such as 90s or 10m", arg);
	return EXIT_OK;
}
const struct cli_option opt_wait = { "wait", 0, true, set_wait, NULL };

/* ---- values for blank cells (tasks, prospect's follow-up) ---- */

static int set_type(struct config *cfg, char *arg)
{
	if (!(cfg->task_type = task_type_from(arg))) {
		char text[600];
		snprintf(text, sizeof text, "--type %s: use one of %s", arg, task_types_list);
		return cli_usage_error("%s", text);
	}
	return EXIT_OK;
}
const struct cli_option opt_type = { "type", 0, true, set_type, task_types_list };

/* read with --timezone, by the command */
static int set_due(struct config *cfg, char *v) { cfg->task_due = v; return EXIT_OK; }
const struct cli_option opt_due = { "due", 0, true, set_due, NULL };

static int set_priority(struct config *cfg, char *arg)
{
	if (!(cfg->task_priority = task_priority_from(arg)))
		return cli_usage_error("--priority %s: use high, medium or low", arg);
	return EXIT_OK;
}
const struct cli_option opt_priority = { "priority", 0, true, set_priority, task_priorities_list };

static int set_status(struct config *cfg, char *arg)
{
	if (!(cfg->task_status = task_status_from(arg)))
		return cli_usage_error("--status %s: use scheduled, completed or skipped", arg);
	return EXIT_OK;
}
const struct cli_option opt_status = { "status", 0, true, set_status, task_statuses_list };

static int set_note(struct config *cfg, char *v) { cfg->task_note = v; return EXIT_OK; }
const struct cli_option opt_note = { "note", 0, true, set_note, NULL };

/* ---- how spreadsheet values are read (tasks, deals, prospect) ---- */

static int set_date_format(struct config *cfg, char *arg)
{
	enum date_order o;
	if (!date_order_from(arg, &o))
		return cli_usage_error("--date-format %s: use dmy, mdy or ymd", arg);
	cfg->date_order = (int)o;
	return EXIT_OK;
}
const struct cli_option opt_date_format = { "date-format", 0, true, set_date_format, "dmy mdy ymd" };

static int set_decimal_comma(struct config *cfg, char *v) { (void)v; cfg->decimal_comma = true; return EXIT_OK; }
const struct cli_option opt_decimal_comma = { "decimal-comma", 0, false, set_decimal_comma, NULL };
