/* documented_forms.h - the form Apollo's documents give each endpoint the
 * sandbox answers: its one method, whether its parameters go in the query
 * string or a JSON body, and their names (array parameters in the query
 * carry "[]"). With --strict-docs the server refuses any request in
 * another form, so that a test can show a client speaks Apollo's
 * documented API and not only what Apollo (and the sandbox) tolerate:
 *
 *   405  a method the endpoint is not documented with (POST users/search)
 *   422  a JSON body on a GET; body parameters where the query is
 *        documented, or query parameters where a body is; an array in the
 *        query without "[]"; a parameter the endpoint does not document
 *
 * Each refusal is {"error": "<METHOD> <route> is not in the documented
 * form: <why>"}. The table is in documented_forms.c, with its sources. */
#ifndef SANDBOX_DOCUMENTED_FORMS_H
#define SANDBOX_DOCUMENTED_FORMS_H

#include <stdbool.h>
#include <stddef.h>
#include <cjson/cJSON.h>

/* route: as the server names it ("contacts/{id}"); body: the JSON body
 * (NULL when there is none; an empty object carries no parameter); query:
 * an object whose member names are the query string's keys as sent
 * ("contact_ids[]"). true when the request is in the documented form;
 * else false with *status (405 or 422) and the reason in msg. */
bool documented_form_check(const char *route, const char *method, const cJSON *body, bool has_body,
                           const cJSON *query, int *status, char *msg, size_t msgsize);

#endif
