/* commands/update_edits.h - what update reads from an edited row, for
 * contacts (commands/update.c) and accounts (commands/update_accounts.c)
 * alike: a name a person wrote (a stage, an owner) found in one of the
 * team's lists, and the custom-field cells that were edited, gathered into
 * the typed_custom_fields to send. */
#ifndef APOLLO_UPDATE_EDITS_H
#define APOLLO_UPDATE_EDITS_H

#include <stdbool.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "common/dynbuf.h"
#include "rows/chunk.h"
#include "values/custom_fields.h"

/* the id of the item of list whose id, or one of keys (NULL-ended), is v
 * (case does not count), or NULL; *several when more than one item has
 * the name (never guessed between) */
const char *edits_find_named(const cJSON *list, const char *v, const char *const *keys, bool *several);
/* "\"a\", \"b\", ...": the first ten names (key) of list, for a message, in
 * the chunk's arena; "none" when there are none */
const char *edits_some_names(struct chunk *c, const cJSON *list, const char *key);

/* A custom cell (cleaned text) converted for f as the file writes dates
 * and numbers (how), into *out and why as custom_value_convert_as does.
 * When the export's hash of the cell is known (had, was), a cell a person
 * reads the same as exported, in any date order (Excel rewrites
 * 2025-08-07 as 8/7/2025 in its own order), is no edit: CF_VALUE_NONE. */
enum cf_value_kind edits_custom_read(const struct custom_field *f, const char *text, size_t len,
                                     const struct cf_reading *how, bool had, uint32_t was, cJSON **out,
                                     char *why, size_t whylen);

/* Was a custom cell edited? kind and out are custom_value_convert's answer
 * for the cell; a value set that a person reads the same as before (a date
 * Excel only wrote otherwise) is no edit: the hash `was` of the exported
 * text (had), else Apollo's stored value (stored, may be NULL). Returns the
 * kind to act on (CF_VALUE_NONE when not edited; out is then deleted). */
enum cf_value_kind edits_custom_changed(const struct custom_field *f, enum cf_value_kind kind, cJSON **out,
                                        bool had, uint32_t was, const cJSON *stored);

/* The custom values of one row, gathered as they are read */
struct custom_edits {
	cJSON *typed;             /* {"<bare id>": value}, NULL: none yet */
	struct dynbuf names;      /* their labels, ", "-joined, for _reason */
	int n;
};
void custom_edits_init(struct custom_edits *e);
/* f's value: out (CF_VALUE_SET, taken) or emptied (CF_VALUE_CLEAR) */
void custom_edits_add(struct custom_edits *e, const struct custom_field *f, enum cf_value_kind kind, cJSON *out);
/* the values as JSON text and their labels into *json and *names (the
 * chunk's arena; both left alone when there are none); e is freed. The
 * count of values. */
int custom_edits_finish(struct custom_edits *e, struct chunk *c, const char **json, const char **names);

#endif
