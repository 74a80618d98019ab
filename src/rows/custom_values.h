/* rows/custom_values.h - a row's cells in the columns rows/mapping.h gave
 * custom fields, converted by each field's type (values/custom_fields.h)
 * into typed_custom_fields, and the cells that do not fit as problems that
 * name the column, the field, the value and what would fit. A blank cell
 * sends nothing; "(clear)" empties the field where there is one to empty
 * (an update), and sends nothing to a new record. Nothing here knows HTTP. */
#ifndef APOLLO_CUSTOM_VALUES_H
#define APOLLO_CUSTOM_VALUES_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "common/dynbuf.h"
#include "files/csv_reader.h"
#include "rows/mapping.h"

struct custom_problem {
	size_t col;              /* 0-based column */
	char text[700];          /* "Persona: \"Gatekeeper\" is not one of Persona's values: ..." */
};

struct custom_row {
	cJSON *typed;            /* {"<bare id>": value, ...}; NULL: nothing to send */
	struct custom_problem *bad;
	size_t nbad;
	struct dynbuf reason;    /* the problems, "; "-joined, for a _reason */
};

void custom_row_init(struct custom_row *r);
void custom_row_free(struct custom_row *r);
/* Reads rec's custom cells (none when m has no custom fields); r's earlier
 * contents are dropped. clears: "(clear)" sends an empty value (an update)
 * rather than nothing (a create). */
void custom_row_read(struct custom_row *r, const struct column_map *m, const struct csv_record *rec,
                     const struct cf_reading *how, bool clears);
/* does m map any column to a custom field? */
bool custom_columns(const struct column_map *m);

#endif
