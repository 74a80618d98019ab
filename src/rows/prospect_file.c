/* rows/prospect_file.c - see rows/prospect_file.h. */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "common/exit_codes.h"
#include "common/msg.h"
#include "common/run_summary.h"
#include "files/xlsx_writer.h"
#include "rows/prospect_file.h"
#include "rows/results.h"

/* "leads.csv" and "leads.csv.gz" -> "leads.results.csv"; a workbook's
 * results are a workbook: "leads.xlsx" -> "leads.results.xlsx" */
char *default_results_path(const char *input)
{
	return sibling_path(input, xlsx_is_name(input) ? ".results.xlsx" : ".results.csv");
}

char *sibling_path(const char *input, const char *suffix)
{
	static const char *const exts[] = { ".csv", ".tsv", ".txt", ".xlsx" };
	size_t len = strlen(input);
	char *out = malloc(len + strlen(suffix) + 1);

	if (!out)
		return NULL;
	memcpy(out, input, len + 1);
	if (len > 3 && strcmp(out + len - 3, ".gz") == 0)
		out[len -= 3] = '\0';
	for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
		size_t el = strlen(exts[i]);
		if (len > el && strcasecmp(out + len - el, exts[i]) == 0) {
			out[len -= el] = '\0';
			break;
		}
	}
	strcat(out, suffix);
	return out;
}

static void report_reading(const struct csv_reader *r, const char *file)
{
	struct msg_pos pos = { file, 0, 0 };
	csv_reader_tell_sheet(r, file);
	if (r->in.sniffed_legacy)
		msg_warn(&pos, "not valid UTF-8: read as Windows-1252 (use --encoding to choose another)");
	else if (r->in.enc == ENC_UTF16LE || r->in.enc == ENC_UTF16BE)
		msg_info("%s: read as %s", file, encoding_name(r->in.enc));
	if (r->sniff.delimiter_from_sep_line)
		msg_info("%s: delimiter \"%c\" from the file's sep= line", file, r->sniff.delimiter);
	/* Excel's sep= line is not a preamble worth a word */
	if (r->preamble_lines > (r->sniff.delimiter_from_sep_line ? 1u : 0u)) {
		unsigned long n = r->preamble_lines;
		const char *what = r->book ? "row" : "line";
		msg_info("%s: the header is on %s %lu; the %lu %s%s before it %s skipped",
		         file, what, r->sniff.header_line, n, what, n == 1 ? "" : "s",
		         n == 1 ? "is" : "are");
	}
}

static void report_fallback(const struct csv_reader *r, const char *file)
{
	struct msg_pos pos = { file, 0, 0 };
	if (r->in.fallback_bytes)
		msg_warn(&pos, "%lu byte%s that are not valid UTF-8 (the first at byte %llu) "
		         "were read as Windows-1252", r->in.fallback_bytes,
		         r->in.fallback_bytes == 1 ? "" : "s", r->in.first_fallback);
}

/* the mapping, shown unless -q: a person sees what goes where before any
 * row is read (and before anything is sent) */
static void report_mapping(const struct column_map *m, const struct csv_record *h,
                           const bool *skip, bool verbose, const char *file)
{
	struct dynbuf text;
	const char *line;
	bool first = true;

	dynbuf_init(&text, (size_t)-1);
	mapping_describe(m, h, skip, verbose, &text);
	for (line = dynbuf_cstr(&text); *line; first = false) {
		const char *nl = strchr(line, '\n');
		int len = (int)(nl ? nl - line : (ptrdiff_t)strlen(line));
		if (first)
			msg_info("%s: %.*s", file, len, line);
		else
			msg_info("%.*s", len, line);
		line += len + (nl != NULL);
	}
	dynbuf_free(&text);
}

void prospects_warn_exported_ids(const struct prospect_file *pf, bool contact_ids, bool account_ids)
{
	const struct column_map *m = &pf->map;
	struct msg_pos pos = { pf->name, pf->header_line, 0 };

	pos.col = (unsigned long)m->col[F_CONTACT_ID] + 1;
	if (contact_ids && m->col[F_CONTACT_ID] >= 0)
		msg_warn(&pos, "%s: ids from an Apollo export; they cannot be checked offline, and "
		         "import does not send them (Apollo finds a contact by its email)",
		         m->name[F_CONTACT_ID]);
	pos.col = (unsigned long)m->col[F_ACCOUNT_ID] + 1;
	if (account_ids && m->col[F_ACCOUNT_ID] >= 0)
		msg_warn(&pos, "%s: ids from an Apollo export; they cannot be checked offline, and a "
		         "link Apollo refuses is dropped at import, the contact still made",
		         m->name[F_ACCOUNT_ID]);
}

bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int prospects_load_profiles(const struct config *cfg, struct profile_set *profiles,
                            const struct profile **forced)
{
	char err[1024];

	*forced = NULL;
	if (profiles_load(profiles, profiles_dir(), err, sizeof err) < 0) {
		struct msg_pos none = { 0 };
		msg_error(&none, "%s", err);
		profiles_free(profiles);
		return EXIT_CONFIG;
	}
	if (cfg->format && !(*forced = profiles_find(profiles, cfg->format))) {
		struct msg_pos none = { 0 };
		char names[512] = "";
		for (size_t i = 0; i < profiles->n; i++)
			snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s",
			         i ? ", " : "", profiles->v[i].name);
		msg_error(&none, "--format %s: no such profile; the profiles are %s", cfg->format, names);
		profiles_free(profiles);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* the custom fields' part of the mapping; an exit code, the message printed */
static int map_custom(struct prospect_file *pf, const struct mapping_request *req, const struct csv_record *h,
                      const struct custom_source *src)
{
	struct msg_pos pos = { pf->name, h->line, 0 };
	const struct custom_fields *set = NULL;
	char err[2048];
	int rc;

	if (!src || !src->get) {
		if (mapping_no_custom(req, src && src->missing ? src->missing : "the team's custom fields", err,
		                      sizeof err) < 0) {
			msg_error(&pos, "%s", err);
			return EXIT_USAGE;
		}
		/* (check, which names what is missing: the columns left may be
		 * custom fields, which --fields would check) */
		if (src && src->missing)
			pf->map.custom_unknown = "--fields FILE";
		return EXIT_OK;
	}
	if (!mapping_wants_custom(&pf->map, req, h))
		return EXIT_OK;
	if ((rc = src->get(src->ctx, &set)) != EXIT_OK)
		return rc;
	if (mapping_add_custom(&pf->map, req, h, set, src->modality, err, sizeof err) < 0) {
		msg_error(&pos, "%s", err);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

int prospects_open(struct prospect_file *pf, const struct config *cfg,
                   const struct profile_set *profiles, const struct profile *forced,
                   const char *path)
{
	return prospects_open_custom(pf, cfg, profiles, forced, path, NULL);
}

int prospects_open_custom(struct prospect_file *pf, const struct config *cfg, const struct profile_set *profiles,
                          const struct profile *forced, const char *path, const struct custom_source *src)
{
	struct csv_reader_options ropt = {
		.delimiter = cfg->delimiter,
		.encoding = cfg->encoding,
		.max_field = cfg->max_field,
		.sheet = cfg->sheet,
		.known_header = profiles_known_header,
		.known_header_ctx = (void *)profiles,
	};
	const struct csv_record *header;
	char err[2048];
	bool *skip;
	int rc;

	memset(pf, 0, sizeof *pf);
	pf->name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	if (csv_reader_open(&pf->reader, path, &ropt) < 0) {
		struct msg_pos pos = { pf->name, 0, 0 };
		msg_error(&pos, "%s", pf->reader.error);
		csv_reader_close(&pf->reader);
		return EXIT_INPUT;
	}
	report_reading(&pf->reader, pf->name);
	rc = csv_reader_next(&pf->reader, &header);
	if (rc <= 0) {
		struct msg_pos pos = { pf->name, 0, 0 };
		msg_error(&pos, "%s", rc < 0 ? pf->reader.error
		          : "the file is empty: there is no header line naming the columns");
		csv_reader_close(&pf->reader);
		return EXIT_INPUT;
	}
	if (header->error) {
		struct msg_pos pos = { pf->name, header->error_line ? header->error_line : header->line,
		                       header->error_col };
		msg_error(&pos, "the header line cannot be read: %s", header->error);
		csv_reader_close(&pf->reader);
		return EXIT_INPUT;
	}
	skip = results_outcome_columns(header);
	{
		struct mapping_request req = {
			.profiles = profiles, .forced = forced, .overrides = cfg->maps,
			.noverrides = cfg->nmaps, .skip_col = skip, .file = pf->name,
		};
		if (!skip || mapping_build(&pf->map, &req, header, err, sizeof err) < 0) {
			struct msg_pos pos = { pf->name, header->line, 0 };
			msg_error(&pos, "%s", skip ? err : "out of memory");
			free(skip);
			csv_reader_close(&pf->reader);
			return EXIT_INPUT;
		}
		if ((rc = map_custom(pf, &req, header, src)) != EXIT_OK) {
			free(skip);
			mapping_free(&pf->map);
			csv_reader_close(&pf->reader);
			return rc;
		}
	}
	pf->header = header;
	pf->header_line = header->line;
	report_mapping(&pf->map, header, skip, cfg->verbose, pf->name);
	run_summary_mapping(mapping_json(&pf->map, header, skip, pf->name));
	free(skip);
	return EXIT_OK;
}

void prospects_report_fallback(const struct prospect_file *pf)
{
	report_fallback(&pf->reader, pf->name);
}

void prospects_close(struct prospect_file *pf)
{
	mapping_free(&pf->map);
	csv_reader_close(&pf->reader);
}
