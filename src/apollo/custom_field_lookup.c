/* apollo/custom_field_lookup.c - see apollo/custom_field_lookup.h. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "apollo/api.h"
#include "apollo/custom_field_lookup.h"

/* The reply read into set; false with r's message saying why not. */
static bool readable(struct http_request *r, const char *path, struct custom_fields *set)
{
	char err[400];

	if (custom_fields_from_json(set, r->json, err, sizeof err) == 0)
		return true;
	snprintf(r->message, sizeof r->message, "%s: %s", path, err);
	return false;
}

static int failure(struct http_request *failed, struct http_request *r)
{
	api_keep_failure(failed, r);
	http_request_free(r);
	return -1;
}

int custom_field_lookup(struct http_client *hc, struct custom_fields *set, struct http_request *failed)
{
	struct http_request r, *pr = &r;

	set->fields = NULL;
	set->n = 0;
	/* optional: a 403 or 404 here must not stop the client before the
	 * older list is asked */
	http_request_init(&r, "GET", "fields", NULL, "fields?source=custom");
	r.optional = true;
	http_run(hc, &pr, 1);
	if (r.outcome == HTTP_OK)
		return readable(&r, "fields", set) ? (http_request_free(&r), 0) : failure(failed, &r);
	if (r.outcome != HTTP_REFUSED || (r.status != 403 && r.status != 404))
		return failure(failed, &r);
	http_request_free(&r);
	http_request_init(&r, "GET", "typed_custom_fields", NULL, "typed_custom_fields");
	/* a key that may read neither list is the caller's to judge: import
	 * goes on without custom fields, saying so */
	r.optional = true;
	http_run(hc, &pr, 1);
	if (r.outcome == HTTP_OK && readable(&r, "typed_custom_fields", set)) {
		http_request_free(&r);
		return 0;
	}
	return failure(failed, &r);
}
