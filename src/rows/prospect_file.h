/* rows/prospect_file.h - opening a prospect file the way every command does:
 * the mapping profiles, the reader with its sniffing, the header, the
 * column mapping, and the messages about each (check, import, enroll). */
#ifndef APOLLO_PROSPECT_FILE_H
#define APOLLO_PROSPECT_FILE_H

#include "cli/command_line.h"
#include "files/csv_reader.h"
#include "rows/mapping.h"
#include "rows/profiles.h"

struct prospect_file {
	const char *name;              /* for messages: the path or <stdin> */
	struct csv_reader reader;
	const struct csv_record *header;     /* valid until the first row is read */
	unsigned long header_line;
	struct column_map map;
};

/* The profiles, and the one --format names (or NULL). An exit code. */
int prospects_load_profiles(const struct config *cfg, struct profile_set *profiles,
                            const struct profile **forced);
/* Opens path, reads its header and maps its columns, and shows the
 * mapping (unless -q; -v adds column numbers). An exit code; on failure
 * the message is printed and nothing is left open. */
int prospects_open(struct prospect_file *pf, const struct config *cfg,
                   const struct profile_set *profiles, const struct profile *forced,
                   const char *path);
void prospects_close(struct prospect_file *pf);

/* Where the team's custom fields come from, for the columns no standard
 * field takes: asked at most once, and only when the header has such a
 * column or --map names a custom field (a file whose every column is
 * standard needs no look-up). */
struct custom_source {
	/* EXIT_OK with *set (the caller's, outliving the file), or an exit
	 * code after a printed message; NULL: none can be known, and a --map
	 * of a custom field is refused saying it needs `missing` */
	int (*get)(void *ctx, const struct custom_fields **set);
	void *ctx;
	enum cf_modality modality;
	const char *missing;
};
/* prospects_open, with the columns no standard field took mapped to the
 * custom fields of src (rows/mapping.h, mapping_add_custom) before the
 * mapping is shown. src NULL: as a source with no get. */
int prospects_open_custom(struct prospect_file *pf, const struct config *cfg, const struct profile_set *profiles,
                          const struct profile *forced, const char *path, const struct custom_source *src);
/* check's warning, one line a column, when the file's rows held Apollo ids
 * (an export's contact or account ids; the caller counted them): nothing
 * offline can tell whether they are still good, nor whether they are this
 * team's. A column of other ids (left out row by row) gets none. */
void prospects_warn_exported_ids(const struct prospect_file *pf, bool contact_ids, bool account_ids);
/* warnings about the bytes, once the file has been read */
void prospects_report_fallback(const struct prospect_file *pf);
/* true when both names are the same existing file (a link, ./x and x) */
bool same_file(const char *a, const char *b);
/* "leads.csv.gz" + ".people.csv" -> "leads.people.csv" (malloc'd) */
char *sibling_path(const char *input, const char *suffix);
/* "leads.csv.gz" -> "leads.results.csv" (malloc'd) */
char *default_results_path(const char *input);

#endif
