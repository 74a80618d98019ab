/* apollo/http.h - talking to Apollo over HTTP: libcurl multi with
 * keep-alive, the x-api-key header, pacing by the rate headers (apollo/pacer.h),
 * retries, and --verbose traces with the key never shown.
 *
 * Callers hand over a batch of requests; http_run performs them, several
 * at a time (--jobs), and returns when each has an outcome:
 *   HTTP_OK       a 2xx reply whose body is JSON (in `json`)
 *   HTTP_REFUSED  a 4xx other than 429: not retried; `message` is Apollo's
 *                 own words (from `error`, `message`, `error_message` or
 *                 the text of the body); after a 401 or 403, or a 404
 *                 from an endpoint with no id in its path, the client
 *                 is `refused` and every request still waiting ends so
 *   HTTP_GAVE_UP  5xx replies, dropped connections, timeouts or bodies
 *                 that are not JSON, retried with exponential backoff and
 *                 jitter until the retries ran out
 *   HTTP_STOPPED  a spent rate window would make it wait longer than
 *                 --max-wait; the client is then stopped (no more requests
 *                 start) and `resume_at` says when the window ends; so
 *                 does a Ctrl-C or SIGTERM (common/interrupt.h): the
 *                 requests in flight are let finish, no other starts
 * Each reply's Date header gives Apollo's own clock (apollo_start), so
 * that "was it made already?" never rests on this machine's clock.
 * Knows nothing of CSV or rows. */
#ifndef APOLLO_HTTP_H
#define APOLLO_HTTP_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <time.h>

#include "apollo/pacer.h"
#include "apollo/settings.h"

enum http_outcome { HTTP_PENDING, HTTP_OK, HTTP_REFUSED, HTTP_GAVE_UP, HTTP_STOPPED };

struct http_request {
	/* in */
	const char *method;        /* GET, POST, PATCH, PUT */
	char path[512];            /* after the base URL, e.g. contacts/bulk_create */
	const char *scope;         /* rate-limit scope: the path without ids */
	char *body;                /* JSON text (malloc'd, freed with the request) or NULL */
	bool optional;             /* a 401/403 to it does not stop the client (a look-up
	                            * the command can do without) */
	bool once;                 /* not safe to send twice (Apollo would make a second
	                            * task or deal): sent on a fresh connection, and a
	                            * fault after which Apollo may have done it ends the
	                            * request (HTTP_GAVE_UP, maybe_done) for the caller
	                            * to look before it sends it again */
	bool probe;                /* made incomplete on purpose, so that Apollo refuses
	                            * it before it does anything (doctor's scope
	                            * checks): its User-Agent says so, and a 2xx
	                            * to it is a finding, never a record made */
	/* out */
	enum http_outcome outcome;
	long status;               /* last HTTP status, 0 if none */
	cJSON *json;               /* the parsed body: HTTP_OK, and HTTP_REFUSED when JSON */
	char message[1000];        /* why, for every outcome but HTTP_OK */
	int faults;                /* tries lost to faults: a write may have been applied */
	bool maybe_done;           /* once: it may have been done although no reply said so */
	double first_sent;         /* this machine's clock at the first try: only for
	                            * telling a contact made by this request from
	                            * one made before (never to look for records) */
	/* Called once, when the request has its outcome, before http_run
	 * returns: a caller that must write down what was made at once
	 * (a journal) does it here. May be NULL. */
	void (*done)(struct http_request *r, void *arg);
	void *done_arg;
	/* internal */
	struct http_transfer *t;
	int attempts;              /* tries that count against --retries */
	int limited;               /* 429 replies to it */
	double not_before;
};

struct http_options {
	int jobs;                  /* requests in flight at once */
	int retries;               /* retries after the first try */
	long timeout_ms;           /* per attempt */
	long backoff_ms;           /* first retry delay; doubles each time */
	long max_wait;             /* seconds a spent rate window may hold the run */
	bool verbose;              /* trace each request and reply on stderr */
};

struct http_stats {
	unsigned long calls;       /* requests sent, retries included */
	unsigned long retries;
	unsigned long faults;      /* 5xx, dropped, timed out, not JSON */
	unsigned long limited;     /* 429 replies */
	double waited;             /* seconds held by rate windows */
};

struct http_client {
	const struct api_settings *settings;
	struct http_options opt;
	struct pacer pacer;
	struct http_stats stats;
	void *multi;               /* CURLM */
	void *share;
	struct curl_slist *headers;
	bool refused;              /* a 401 or 403, or a 404 from an endpoint
	                            * without an id in its path: the key, the
	                            * plan or the base URL cannot do this;
	                            * nothing more starts */
	char refusal[1000];        /* the sentence: "Apollo refused the key from
	                            * APOLLO_API_KEY: <Apollo's words> (HTTP 401)",
	                            * also the message of every request refused after */
	const char *refusal_fix;   /* what to do about it, lower case, to go before
	                            * ", then run ... --resume": "fix the key",
	                            * "upgrade the team's Apollo plan", ... */
	bool stopped;
	time_t resume_at;          /* when stopped */
	char stop_reason[300];
	double apollo_start;       /* Apollo's clock (seconds since the epoch, from the
	                            * Date header) when the first request it answered
	                            * went out, less a second; 0: no reply yet */
	double slowest;            /* the longest a reply took, in seconds */
	unsigned long long rng;
	/* what a progress display shows while http_run works */
	struct http_wait {
		bool on;               /* nothing in flight; the next request is held */
		bool rate;             /* by a rate window (else: a retry's backoff) */
		int window;            /* the spent window (enum rate_window), -1: not known */
		time_t until;          /* when it may start, by this machine's clock: only
		                        * for saying the time, never for deciding */
		char scope[96];
	} wait;
	char scope_now[96];        /* the scope of the request started last */
	/* Called while http_run works, at most four times a second and
	 * whenever a wait begins or ends; may be NULL. */
	void (*tick)(void *arg);
	void *tick_arg;
	double last_tick;
};

/* 0, or -1 with err set. */
int http_client_init(struct http_client *hc, const struct api_settings *s,
                     const struct http_options *opt, char *err, size_t errlen);
void http_client_free(struct http_client *hc);

/* A request ready for http_run; body is taken over (may be NULL). */
void http_request_init(struct http_request *r, const char *method, const char *scope,
                       char *body, const char *path_fmt, ...)
	__attribute__((format(printf, 5, 6)));
void http_request_free(struct http_request *r);

/* Performs every request in reqs[0..n) to an outcome. */
void http_run(struct http_client *hc, struct http_request **reqs, size_t n);

/* Stops the client as a spent rate window does: no request starts any
 * more, each ends HTTP_STOPPED with `reason`. For a caller that cannot go
 * on without an answer it did not get (a look-up that failed). */
void http_client_stop(struct http_client *hc, const char *reason);

/* Whose a 403 is, from its body: the key's scope (API_INACCESSIBLE), the
 * team's plan (Apollo's words name a paid or a free plan, with or without
 * API_INACCESSIBLE) or something else (the user's permissions). */
enum apollo_forbidden { FORBIDDEN_SCOPE, FORBIDDEN_PLAN, FORBIDDEN_OTHER };
enum apollo_forbidden apollo_forbidden_kind(const struct http_request *r);

/* Apollo's message in a reply body of any of its shapes, into out. */
void apollo_error_message(const char *body, size_t len, char *out, size_t outlen);

#endif
