/* apollo/custom_field_lookup.h - the team's custom fields, asked of Apollo:
 * GET fields?source=custom, the current list, and when that answers 404
 * (an older API) or 403 (a key scoped without api/v1/fields/index) the
 * deprecated GET typed_custom_fields, which a key may still be allowed.
 * One look-up (two requests at most) per call; a caller that needs the
 * fields again keeps them (a snapshot, the journal) rather than asking
 * again. A look-up that failed is never read as "no custom fields".
 * Knows nothing of CSV or rows. */
#ifndef APOLLO_CUSTOM_FIELD_LOOKUP_H
#define APOLLO_CUSTOM_FIELD_LOOKUP_H

#include "apollo/http.h"
#include "values/custom_fields.h"

/* 0 with set filled (custom fields only, every modality); -1 with failed
 * holding the request that failed and its message (a refusal, a fault, or
 * a reply custom_fields_from_json could not read; failed->json is NULL).
 * Both requests are optional (apollo/http.h): a key refused both lists
 * (HTTP_REFUSED, 403) does not stop the client. */
int custom_field_lookup(struct http_client *hc, struct custom_fields *set, struct http_request *failed);

#endif
