/* values/custom_fields.h - a team's custom fields and the spreadsheet values
 * that go into them.
 *
 * Apollo lists a team's fields with GET /fields?source=custom (ids
 * "contact.<24-hex>", with a label, a modality and a type) and, in its older
 * form, GET /typed_custom_fields (bare ids, "name"); records key their
 * values (typed_custom_fields) by the bare 24-hex id. A picklist takes the
 * id of one of its values, not the label a person reads; a date is
 * YYYY-MM-DD. See ../shared/apollo-custom-fields.md.
 *
 * This file knows no HTTP: the definitions come from a reply the caller
 * fetched (apollo/custom_field_lookup.h) or from a snapshot file that
 * `apollo-csv fields -o FILE` wrote, and the values from a cell. */
#ifndef APOLLO_CUSTOM_FIELDS_H
#define APOLLO_CUSTOM_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "common/dynbuf.h"

/* which kind of record a field belongs to (Apollo's "modality") */
enum cf_modality {
	CF_CONTACT,
	CF_ACCOUNT,
	CF_OPPORTUNITY,
	CF_MODALITIES
};

enum cf_type {
	CF_TEXT,             /* string, textarea, text, url, email, phone */
	CF_NUMBER,           /* number, currency */
	CF_DATE,
	CF_DATETIME,
	CF_BOOLEAN,
	CF_PICKLIST,
	CF_MULTIPICKLIST,    /* multipicklist, multi_select */
	CF_UNSUPPORTED       /* a type apollo-csv cannot write (e.g. lookup_user) */
};

struct cf_option {
	char *id;            /* the picklist value's id: what Apollo takes */
	char *label;         /* what a person reads and writes */
};

struct custom_field {
	char *id;            /* bare 24-hex, as typed_custom_fields keys it */
	char *label;
	enum cf_modality modality;
	enum cf_type type;
	char *type_name;     /* Apollo's own word for the type, for messages */
	long max_length;     /* text: the longest value taken; 0 when not known */
	struct cf_option *options;
	size_t noptions;
};

struct custom_fields {
	struct custom_field *fields;
	size_t n;
};

/* ---- definitions ---- */

/* Reads a reply of GET /fields (object with "fields"), of GET
 * /typed_custom_fields (object with "typed_custom_fields") or a snapshot
 * (custom_fields_to_json's form) into set, keeping custom fields only.
 * 0, or -1 with err naming what was wrong (the reply's field, its type). */
int custom_fields_from_json(struct custom_fields *set, const cJSON *json, char *err, size_t errlen);
/* The snapshot form: {"fields":[{"id":"contact.<hex>","label",...}]}, which
 * custom_fields_from_json reads back; the caller owns the result. */
cJSON *custom_fields_to_json(const struct custom_fields *set);
void custom_fields_free(struct custom_fields *set);

const char *cf_modality_name(enum cf_modality m);     /* "contact", "account", "opportunity" */
/* The field of this modality whose label is header (compared as headers
 * are: case, spaces and punctuation do not count); NULL when none. */
const struct custom_field *custom_fields_by_label(const struct custom_fields *set, enum cf_modality m,
                                                  const char *header);
/* By "contact.<hex>" or a bare "<hex>"; NULL when none. */
const struct custom_field *custom_fields_by_id(const struct custom_fields *set, const char *id);
/* The label of this modality nearest to header, for "not sent: did you mean
 * ...?"; NULL when none is close. */
const char *custom_fields_nearest(const struct custom_fields *set, enum cf_modality m, const char *header);

/* ---- values ---- */

enum cf_value_kind {
	CF_VALUE_NONE,       /* a blank cell: nothing is sent, nothing is cleared */
	CF_VALUE_SET,        /* *out holds what to send */
	CF_VALUE_CLEAR,      /* "(clear)": the field is emptied */
	CF_VALUE_BAD         /* the value does not fit: why says what would */
};

/* A cell converted for field f: text checked against its length, numbers
 * as the amount cleaner reads them, dates and date-times (every
 * spreadsheet form the tool reads) as ISO 8601, booleans from
 * yes/no/true/false/1/0/x/checked, a picklist label to its value's id
 * (case does not count), a multi-picklist's ;-separated labels to their
 * ids. For CF_VALUE_SET, out holds the value as a JSON item to put under
 * the field's id in typed_custom_fields (the caller owns it). For
 * CF_VALUE_BAD, why holds a sentence naming the value and what would fit
 * (for a picklist, its labels, at most 10). */
enum cf_value_kind custom_value_convert(const struct custom_field *f, const char *cell, size_t len,
                                        cJSON **out, char *why, size_t whylen);
/* A stored value (a typed_custom_fields item of a record) as a person
 * reads it in a spreadsheet: picklist ids back to labels, dates as
 * YYYY-MM-DD, booleans as true/false, several values joined with "; ".
 * Appended to out. */
void custom_value_show(const struct custom_field *f, const cJSON *stored, struct dynbuf *out);

/* ---- added with the implementation ---- */

/* Write forms (values/custom_fields.c). Apollo documents every value in
 * typed_custom_fields as a string, so numbers ("1234.5"), booleans
 * ("true"/"false"), dates ("YYYY-MM-DD"), date-times ("YYYY-MM-DDTHH:MM:SSZ",
 * or the date alone when no time was written) and picklists (the value's
 * id) are sent as strings. A multi-picklist is sent as a JSON array of
 * value ids: the schema's "string" gives no separator for several ids, and
 * an array is what Apollo itself stores and returns for such a field (a
 * record's typed_custom_fields), so the value written is the value read
 * back; the sandbox takes both. custom_fields_from_json overwrites set
 * (free an earlier one first); on -1 set is left empty. */

/* The value that empties f in typed_custom_fields ("(clear)"): an empty
 * list for a multi-picklist (its write form is a list), else "". */
cJSON *custom_value_empty(const struct custom_field *f);

/* the cell that clears a field: the same word as rows/roundtrip.h's
 * ROUNDTRIP_CLEAR (values/ cannot include rows/; a unit test holds them
 * equal) */
#define CUSTOM_VALUE_CLEAR "(clear)"

/* "contact", "account", "opportunity" (case does not count) -> *m; false
 * when it is none of them */
bool cf_modality_from_name(const char *s, enum cf_modality *m);

/* Only the fields of modality m are kept (the others freed), in order. */
void custom_fields_keep(struct custom_fields *set, enum cf_modality m);

/* How the file writes dates and numbers (--date-format, --decimal-comma):
 * dates is an enum date_order (values/sheet_values.h); decimal_comma says
 * which reading of a number is tried first. custom_value_convert reads with
 * { DATE_AUTO, false }. A number only the other convention reads ("1.234,5")
 * is taken either way; one both read differently is refused. */
struct cf_reading {
	int dates;
	bool decimal_comma;
};
enum cf_value_kind custom_value_convert_as(const struct custom_field *f, const char *cell, size_t len,
                                           const struct cf_reading *how, cJSON **out, char *why,
                                           size_t whylen);

#endif
