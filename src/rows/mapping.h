/* rows/mapping.h - from a file's header to Apollo fields, and from a row to a
 * cleaned contact.
 *
 * The profile is chosen from the header (or named with --format); the
 * generic profile fills in fields the chosen one does not name; --map
 * FIELD=HEADER has the last word. When two columns share a name the first
 * one is used and a warning says so. Unknown columns are not mapped, and
 * are still kept in the results by the caller. */
#ifndef APOLLO_MAPPING_H
#define APOLLO_MAPPING_H

#include <stdbool.h>
#include <stddef.h>

#include "common/dynbuf.h"
#include "files/csv_reader.h"
#include "rows/profiles.h"
#include "values/custom_fields.h"
#include "values/fields.h"

struct map_override {
	enum field field;        /* F_COUNT when custom names the field */
	const char *header;      /* "" : the field is not read from any column */
	const char *custom;      /* FIELD named no standard field: a custom field's
	                          * label or id ("contact.<hex>"), found once the
	                          * team's fields are known (mapping_add_custom);
	                          * NULL for a standard field */
};

/* a column's header name as messages show it (cut if longer) */
#define MAP_NAME_MAX 80

struct column_map {
	int col[F_COUNT];        /* 0-based input column, -1: none */
	const struct profile *profile;
	bool forced;             /* the profile is --format's */
	bool by_override[F_COUNT];         /* the column is --map's */
	char name[F_COUNT][MAP_NAME_MAX];  /* the header of col[f], "" if none */
	/* custom fields, once mapping_add_custom knew the team's (NULL before):
	 * per column, the custom field it feeds, NULL if none */
	const struct custom_field **custom;
	bool *custom_by_override;          /* per column: --map named it */
	char (*custom_name)[MAP_NAME_MAX]; /* per column: its header as shown */
	size_t ncols;
	const struct custom_fields *fields;  /* the team's, for the summary */
	enum cf_modality modality;
	/* the team's fields cannot be known here (check without --fields): the
	 * columns left may still be custom fields, and the summary says how
	 * to check them (the option, this text) rather than "not sent" */
	const char *custom_unknown;
};

struct mapping_request {
	const struct profile_set *profiles;
	const struct profile *forced;        /* --format, or NULL to choose */
	const struct map_override *overrides;
	size_t noverrides;
	const bool *skip_col;                /* columns never mapped (earlier outcome columns) */
	const char *file;                    /* for messages */
};

/* 0, or -1 with err set (a --map naming no column, a file with neither an
 * email nor a name column). Warnings go to stderr. */
int mapping_build(struct column_map *m, const struct mapping_request *req,
                  const struct csv_record *header, char *err, size_t errlen);

/* Does the mapping need the team's custom fields: a column no standard
 * field took (other than skipped ones), or a --map naming a custom field? */
bool mapping_wants_custom(const struct column_map *m, const struct mapping_request *req,
                          const struct csv_record *header);
/* The columns no standard field took, mapped to the custom fields of
 * modality mod by label (compared as headers are; the first column of a
 * label wins), and --map's custom fields (by label or id; a column --map
 * gives one is taken from the standard field the profile gave it). set
 * must outlive m. 0, or -1 with err set: a --map naming no custom field of
 * the modality (the nearest labels named), or no column. */
int mapping_add_custom(struct column_map *m, const struct mapping_request *req, const struct csv_record *header,
                       const struct custom_fields *set, enum cf_modality mod, char *err, size_t errlen);
/* a --map of a custom field while no custom fields can be known (check
 * without --fields): -1 with err saying so, else 0 */
int mapping_no_custom(const struct mapping_request *req, const char *how, char *err, size_t errlen);
void mapping_free(struct column_map *m);

/* What the mapping is, as lines for a person at a terminal (each ending
 * in a newline, without the program's prefix), appended to out:
 *     profile "hubspot" (HubSpot contacts export), chosen for its columns Record ID, Contact owner
 *       Email -> email
 *       Company Domain Name -> website_url
 *       Contact owner -> owner (not sent: import's owner is --owner)
 *       Persona -> custom field Persona (picklist)
 *       not sent: Record ID, Lifecycle Stage, Lead Sorce (near custom field "Lead Source")
 * verbose adds each column's number. skip: the columns never mapped
 * (earlier outcome columns), left out of the list of columns not sent. */
void mapping_describe(const struct column_map *m, const struct csv_record *header,
                      const bool *skip, bool verbose, struct dynbuf *out);

/* The same as JSON, for the run's summary (common/run_summary.h), a
 * malloc'd string (NULL when out of memory):
 *   {"file":"leads.csv","profile":"hubspot","title":"HubSpot contacts export",
 *    "chosen_by":"--format"|"header","columns":[{"column":1,"header":"Email",
 *    "field":"email","custom_field":null,"by_map":false,"outcome":false}, ...]}
 * field: the standard field the column feeds, or null; custom_field: the
 * custom field's label, or null; outcome: a column of earlier results,
 * never read. header is the cell as read (what --map takes). */
char *mapping_json(const struct column_map *m, const struct csv_record *header, const bool *skip,
                   const char *file);

/* A row seen as a contact. Values are cleaned when first asked for, so a
 * command pays only for the fields it uses; the record must stay valid
 * while the contact is used. */
struct contact {
	const struct column_map *map;
	const struct csv_record *rec;
	struct dynbuf val[F_COUNT];
	unsigned char ready[F_COUNT];   /* val[f] holds the cleaned value */
};

void contact_init(struct contact *c);
void contact_free(struct contact *c);
/* Points c at the mapped cells of rec. */
void mapping_apply(const struct column_map *m, const struct csv_record *rec, struct contact *c);
/* The cleaned value; never NULL: "" when the field is empty or not mapped.
 * A full name fills in missing first and last names. An Apollo id field
 * (contact_id, account_id) holds only an Apollo id (values/ids.h): the id
 * of another system, or what a spreadsheet left of one, is left out. */
const char *contact_get(struct contact *c, enum field f);
/* Why an id of this row was left out, for its _reason, written to buf
 * (which is returned); NULL when none was. Never a reason to refuse the
 * row: it is sent without the id. */
const char *contact_left_out_ids(struct contact *c, char *buf, size_t size);

/* Splits "Ana María Diaz" into "Ana" + "María Diaz", and "Diaz, Ana" into
 * "Ana" + "Diaz". Exposed for tests. */
void split_full_name(const char *full, struct dynbuf *first, struct dynbuf *last);

#endif
