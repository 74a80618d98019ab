/* apollo/param_forms.h - how Apollo documents the parameters of each
 * endpoint we call, and the form they are sent in.
 *
 * Apollo's reference documents a few endpoints with query parameters
 * (arrays as name[]) and no body, and two list endpoints as GET, while
 * Apollo's own CLI sends the same parameters as a JSON body by POST
 * (shared/apollo-api.md sections 7-10, 12, 15). Both forms are believed to
 * work; the one switch, APOLLO_PARAMS (apollo/settings.h), picks:
 *   auto   the documented form, except where Apollo's own client is seen
 *          sending the body form (then that)
 *   query  the documented form everywhere
 *   body   a JSON body by POST everywhere, as before
 * apollo/http.c applies it to every request; callers always build a JSON
 * body. Knows nothing of CSV or rows. */
#ifndef APOLLO_PARAM_FORMS_H
#define APOLLO_PARAM_FORMS_H

#include <stdbool.h>
#include <stddef.h>

enum param_mode { PARAMS_AUTO, PARAMS_QUERY, PARAMS_BODY };

struct param_form {
	const char *scope;          /* the rate-limit scope, e.g. emailer_campaigns/search */
	const char *method;         /* the documented method */
	bool body_seen;             /* Apollo's own CLI sends a JSON body by POST */
};

/* A URL past this length is sent in the body form instead: a server may
 * refuse a longer one (414), and Apollo's own client sends the body. */
#define PARAM_QUERY_URL_MAX 8000

/* 0, or -1 when text is none of auto, query, body */
int param_mode_parse(const char *text, enum param_mode *out);
const char *param_mode_name(enum param_mode m);

/* The documented query form of scope, or NULL when Apollo documents a
 * JSON body (or the scope is not one we know). */
const struct param_form *param_form_find(const char *scope);

/* Does this request go in the query form under mode m? */
bool param_form_use_query(const struct param_form *f, enum param_mode m);

/* The query string for a JSON object's text: "a=1&ids[]=x&ids[]=y"
 * (booleans true/false, numbers without a needless fraction, nulls left
 * out, nested objects as name[key]=), malloc'd; "" for an empty object or
 * NULL body; NULL when out of memory or body is not a JSON object. */
char *param_query_string(const char *body);

#endif
