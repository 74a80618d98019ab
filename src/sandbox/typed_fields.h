/* typed_fields.h - a team's custom fields in apollo-sandbox: their
 * definitions (the seed's typed_custom_fields, in the shape of GET
 * /typed_custom_fields), the two lists Apollo serves (GET /fields, GET
 * /typed_custom_fields), and the typed values records keep under
 * typed_custom_fields, keyed by the field's bare 24-hex id.
 *
 * A value is checked by its field's type: text (string, textarea) up to
 * text_field_max_length, number, date (YYYY-MM-DD), datetime (ISO 8601; a
 * bare date too, as Apollo's own example sends), boolean (JSON true/false
 * or "true"/"false"), picklist (the id of one of its values), multipicklist
 * (an array of value ids or one string of ids joined by ';'; kept as an
 * array). "" or null clears the field. A value that does not fit, or a key
 * that is no custom field of the record's kind, is answered as
 * --custom-field-errors says: "record" (the default) keeps the record
 * without that value and names it in the record's custom_field_errors
 * {"<bare id>": "<message>"}; "422" refuses the whole request with
 * {"error":"Validation failed","error_details":{"<kind>_id","field":
 * "<bare id>","message"}}. Which of the two Apollo does is UNCONFIRMED
 * (shared/apollo-custom-fields.md §1.4). */
#ifndef SANDBOX_TYPED_FIELDS_H
#define SANDBOX_TYPED_FIELDS_H

#include <stdbool.h>
#include <cjson/cJSON.h>

#include "sandbox.h"

/* the definition of a custom field by its bare id; NULL when none */
const cJSON *typed_field(struct store *s, const char *id);

/* Before anything is changed: typed_custom_fields, when sent, must be an
 * object, and with --custom-field-errors=422 every value must fit its
 * field of this modality ("contact", "account", "opportunity"). false
 * after a 422. record_id: the record written to, NULL for a new one. */
bool typed_values_check(struct request *r, const cJSON *tcf, const char *modality, const char *record_id);

/* Writes the values of tcf (when an object) onto record's
 * typed_custom_fields: sent values overwrite, "" and null clear, the
 * others stay. custom_field_errors becomes this write's errors. */
void typed_values_apply(struct sandbox *sb, cJSON *record, const cJSON *tcf, const char *modality);

#endif
