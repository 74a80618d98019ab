/* commands/fields.c - `apollo-csv fields`: the team's custom fields, as a
 * person needs them to fill a spreadsheet (label, modality, type, the
 * values a picklist takes), or with -o the snapshot `check --fields`
 * validates files against without asking Apollo. One look-up
 * (apollo/custom_field_lookup.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "apollo/custom_field_lookup.h"
#include "cli/command.h"
#include "commands/fields.h"
#include "commands/session.h"
#include "common/dynbuf.h"
#include "common/exit_codes.h"
#include "common/msg.h"
#include "files/csv_writer.h"
#include "files/output_target.h"

/* "picklist: Economic Buyer; Champion" / "string, at most 255 characters" */
static void describe(const struct custom_field *f, struct dynbuf *out)
{
	char buf[64];

	dynbuf_reset(out);
	dynbuf_add(out, f->type_name, strlen(f->type_name));
	if (f->max_length > 0) {
		snprintf(buf, sizeof buf, ", at most %ld characters", f->max_length);
		dynbuf_add(out, buf, strlen(buf));
	}
	if (f->type == CF_UNSUPPORTED)
		dynbuf_add(out, " (apollo-csv cannot write it)", 29);
	for (size_t k = 0; k < f->noptions; k++) {
		dynbuf_add(out, k ? "; " : ": ", 2);
		dynbuf_add(out, f->options[k].label, strlen(f->options[k].label));
	}
	dynbuf_cstr(out);
}

static void list(const struct custom_fields *set)
{
	int width = 5;
	struct dynbuf d;

	for (size_t i = 0; i < set->n; i++)
		if ((int)strlen(set->fields[i].label) > width)
			width = (int)strlen(set->fields[i].label);
	dynbuf_init(&d, 1 << 20);
	printf("%-*s  %-11s  %s\n", width, "LABEL", "MODALITY", "TYPE");
	for (size_t i = 0; i < set->n; i++) {
		describe(&set->fields[i], &d);
		printf("%-*s  %-11s  %s\n", width, set->fields[i].label, cf_modality_name(set->fields[i].modality),
		       d.len ? d.data : "");
	}
	dynbuf_free(&d);
	fflush(stdout);
}

/* the snapshot, through the CSV writer's file handling (temporary name,
 * rename, --force) */
static int save(const struct config *cfg, const struct custom_fields *set)
{
	cJSON *snap = custom_fields_to_json(set);
	char *text = cJSON_Print(snap);
	struct csv_writer w;
	struct msg_pos none = { 0 };

	cJSON_Delete(snap);
	if (!text)
		return EXIT_INTERNAL;
	if (csv_writer_open(&w, cfg->output, &(struct csv_writer_options){ .force = cfg->force }) < 0) {
		msg_error(&none, "%s: %s", cfg->output, w.error);
		free(text);
		return EXIT_OUTPUT;
	}
	csv_writer_cells(&w, text, strlen(text));
	csv_writer_end_row(&w);
	free(text);
	if (csv_writer_commit(&w) < 0) {
		msg_error(&none, "%s: %s", cfg->output, w.error);
		return EXIT_OUTPUT;
	}
	msg_info("%zu custom field%s written to %s", set->n, set->n == 1 ? "" : "s",
	         strcmp(cfg->output, "-") ? cfg->output : "standard output");
	return EXIT_OK;
}

int cmd_fields(const struct config *cfg)
{
	struct session s;
	struct custom_fields set;
	struct http_request failed;
	struct msg_pos none = { 0 };
	int status;

	/* a file that is there already costs no look-up to refuse */
	if (cfg->output && !cfg->force && output_kind(cfg->output) == OUTPUT_FILE && access(cfg->output, F_OK) == 0) {
		msg_error(&none, "%s: already exists; use --force to replace it, or -o to choose another name",
		          cfg->output);
		return EXIT_OUTPUT;
	}
	if ((status = session_open(&s, cfg)) != EXIT_OK)
		return status;
	if (custom_field_lookup(&s.hc, &set, &failed) < 0) {
		msg_error(&none, "cannot read the team's custom fields: %s", failed.message);
		status = s.hc.refused || failed.outcome == HTTP_REFUSED ? EXIT_CONFIG : EXIT_API;
	} else {
		enum cf_modality m;
		if (cfg->modality && cf_modality_from_name(cfg->modality, &m))
			custom_fields_keep(&set, m);
		if (cfg->output)
			status = save(cfg, &set);
		else if (set.n == 0)
			msg_info("the team has no custom fields%s%s", cfg->modality ? " on " : "",
			         cfg->modality ? cfg->modality : "");
		else
			list(&set);
		custom_fields_free(&set);
	}
	session_report_calls(&s);
	session_close(&s);
	return status;
}

/* ---- the command line ---- */

static const char help[] =
"Usage: apollo-csv fields [-o FILE] [--modality contact|account|opportunity]\n"
"\n"
"List the team's custom fields: label, modality (contact, account or\n"
"opportunity), type and, for a picklist, the values it takes. One look-up:\n"
"GET /fields?source=custom, or the older GET /typed_custom_fields when a\n"
"key may not read the first.\n"
"\n"
"      --modality M        only the fields of contacts, accounts or\n"
"                          opportunities\n"
"  -o, --output FILE       write the fields as JSON (a snapshot) instead,\n"
"                          for checking files against them without asking\n"
"                          Apollo; - for standard output\n"
"      --force             replace an existing file\n"
"      --api-key-file FILE, --jobs N, --retries N, --backoff MS, --timeout D,\n"
"      --max-wait D: as for import\n"
"  -q, --quiet, -v, --verbose\n"
"\n"
"Exit status: 0 listed or written; 2 bad command line; 4 no key, or a key\n"
"Apollo refused; 5 Apollo did not answer, or its answer could not be read;\n"
"6 the file cannot be written.\n";

static int set_modality(struct config *cfg, char *arg)
{
	enum cf_modality m;
	if (!cf_modality_from_name(arg, &m))
		return cli_usage_error("--modality %s: use contact, account or opportunity", arg);
	cfg->modality = arg;
	return EXIT_OK;
}
static const struct cli_option opt_modality = { "modality", 0, true, set_modality,
	"contact account opportunity" };

static const struct cli_option *const options[] = {
	&opt_modality, &opt_output, &opt_force, &opt_quiet, &opt_verbose, OPTIONS_TALKING, NULL
};

static int check(struct config *cfg)
{
	if (cfg->nfiles)
		return cli_usage_error("fields: unexpected argument \"%s\" (fields reads no file)", cfg->files[0]);
	return EXIT_OK;
}

const struct command fields_command = {
	.name = "fields", .id = CMD_FIELDS, .help = help, .options = options, .check = check, .run = cmd_fields,
	.overview = "  fields          the team's custom fields (label, type, picklist values);\n"
	            "                  -o FILE saves them as JSON\n"
};
