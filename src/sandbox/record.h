/* record.h - --record FILE: every exchange on /api/v1 (and /v1) as one JSON
 * line, appended and flushed as it completes, so that a test can check
 * each request a client sent and each reply the sandbox gave against the
 * written contract (doc/apollo-contract.yaml, tests/contract/validate.py).
 *
 * A line: {"method", "base" ("/api/v1" or "/v1"), "path" (after the base,
 * with its leading slash), "query" (raw, without the "?"), "request_type",
 * "user_agent", "request_body", "status" (0: no answer was sent),
 * "reply_type", "reply_body", "deliberate", and "why" when deliberate}.
 * Bodies are text; bytes that are not UTF-8 become U+FFFD ("lossy": true).
 * deliberate: the answer is off-contract on purpose (a fault that breaks
 * or drops it, a reply form that is not Apollo's shape), so a checker
 * looks at its request only.
 *
 * The server answers one request at a time per connection (a thread each),
 * so an exchange lives in the connection's socket context while it is
 * answered; lines from many connections are written whole under a lock. */
#ifndef SANDBOX_RECORD_H
#define SANDBOX_RECORD_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct recorder {
	FILE *fp;
	pthread_mutex_t lock;
};

struct exchange {
	bool api;                  /* an API request is being answered */
	char method[16];
	char base[8];
	char *path, *query;
	char *request_type, *user_agent;
	char *request_body;
	size_t request_len;
	int status;                /* 0 until an answer is queued */
	char *reply_type;
	char *reply_body;
	size_t reply_len;
	const char *why;           /* static text; NULL: not deliberate */
};

/* Opens path for appending; -1 with err set when it cannot. */
int recorder_open(struct recorder *rec, const char *path, char *err, size_t errsize);
void recorder_close(struct recorder *rec);

/* the request's part, from the server's thread that reads it */
void exchange_request(struct exchange *x, const char *method, const char *base, const char *path,
                      const char *request_type, const char *user_agent, const char *body, size_t len);
/* the query string, as the URI came (NULL or "": none) */
void exchange_query(struct exchange *x, const char *query);
/* the answer queued for it (the last one counts) */
void exchange_reply(struct exchange *x, int status, const char *type, const char *body, size_t len);
/* the answer is off-contract on purpose, for this reason ("fault:malformed") */
void exchange_deliberate(struct exchange *x, const char *why);
/* writes x as one line (when it was an API request) and empties it */
void exchange_finish(struct recorder *rec, struct exchange *x);
void exchange_clear(struct exchange *x);

#endif
