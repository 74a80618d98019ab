/* web/gate.h - who may ask the local web front end anything: the checks
 * every request to `apollo-csv serve` passes before it is read, as pure
 * functions of what the request carries (so that they are tested alone).
 *
 *   1. The Host header names this server: 127.0.0.1:PORT or localhost:PORT
 *      (or the --listen address). Another name is a page of another site
 *      that had its name point at 127.0.0.1 (DNS rebinding).
 *   2. The session token: given once in the address serve printed
 *      (/?token=...), then carried by an HttpOnly SameSite=Strict cookie.
 *   3. A request that changes anything (any method but GET and HEAD) has
 *      the header X-Apollo-CSV: 1, which a form or an image of another
 *      site cannot send, and, when it has an Origin, this server's.
 * Anything else (OPTIONS included) is refused; no CORS header is ever sent. */
#ifndef APOLLO_WEB_GATE_H
#define APOLLO_WEB_GATE_H

#include <stdbool.h>

#define GATE_COOKIE "apollo_csv_session"
#define GATE_CSRF_HEADER "X-Apollo-CSV"
#define GATE_TOKEN_LEN 32      /* hex digits */

struct gate {
	char token[GATE_TOKEN_LEN + 1];
	char hosts[3][300];        /* the Host values taken: "127.0.0.1:PORT", ... */
	int nhosts;
	char origins[3][310];      /* "http://" each */
};

/* what a request carries that the gate looks at; NULL when absent */
struct gate_ask {
	const char *method;
	const char *path;
	const char *host;
	const char *cookie_token;  /* the GATE_COOKIE cookie's value */
	const char *query_token;   /* ?token= */
	const char *csrf;          /* the GATE_CSRF_HEADER header */
	const char *origin;
};

enum gate_verdict {
	GATE_PASS,
	GATE_SET_COOKIE,           /* the right ?token= on GET /: set the cookie, go to / */
	GATE_BAD_HOST,             /* 403 */
	GATE_NO_SESSION,           /* 403: no token, or a wrong one */
	GATE_NO_CSRF,              /* 403: a change without the header, or from another origin */
	GATE_BAD_METHOD,           /* 405 */
};

/* A fresh token from the system's random source; false when it has none. */
bool gate_init(struct gate *g, const char *listen_addr, int port);
enum gate_verdict gate_check(const struct gate *g, const struct gate_ask *a);
/* the reason for a refusal, in words, for the reply's body */
const char *gate_refusal(enum gate_verdict v);
/* a and b equal, in a time that does not depend on where they differ */
bool gate_same(const char *a, const char *b);

#endif
