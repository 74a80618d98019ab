/* web/http_server.h - the local web front end's HTTP side: libmicrohttpd on
 * a loopback address, every request through the gate (web/gate.h) before
 * anything else, request bodies collected (bounded) or, for an upload,
 * streamed into a file the caller names, and replies with the headers
 * every reply carries (no caching, no framing, no sniffing, a strict
 * content security policy; never a CORS header).
 *
 * The caller (commands/serve.c) answers each request that passed the gate
 * with a handler; one thread a connection, so a handler may take a while
 * (a check of a big file) without holding the page's other requests. */
#ifndef APOLLO_WEB_HTTP_SERVER_H
#define APOLLO_WEB_HTTP_SERVER_H

#include <stdbool.h>
#include <stddef.h>

#include "web/gate.h"

struct web_request {
	void *conn;                    /* struct MHD_Connection */
	const char *method, *path;
	const char *body;              /* the body (NUL-terminated), "" if none */
	size_t body_len;
	/* an upload: the file its body went into, and its size */
	const char *upload_path;
	unsigned long long upload_bytes;
};

struct web_reply {
	int status;
	const char *type;              /* Content-Type; static */
	char *body;                    /* malloc'd, taken */
	size_t len;
	char *file;                    /* or a file to send (malloc'd, taken) */
	char *attachment;              /* its name for the browser (malloc'd, taken) */
	const void *data;              /* or static bytes */
};

/* the page's request; the reply filled in */
typedef void (*web_handler)(void *arg, const struct web_request *rq, struct web_reply *rp);
/* For a request whose body is a file (an upload): the path to write it
 * to, malloc'd, or NULL with a message in err (answered 400). name: the
 * X-File-Name header, as sent. */
typedef char *(*web_upload_target)(void *arg, const struct web_request *rq, const char *name,
                                   char *err, size_t errlen);

struct web_server_options {
	const char *listen_addr;       /* "127.0.0.1" unless --listen */
	int port;                      /* 0: a free one */
	unsigned long long max_upload; /* bytes */
	const char *upload_path;       /* the path whose POST body is a file */
	web_handler handler;
	web_upload_target upload_target;
	void *arg;
};

struct web_server {
	struct web_server_options opt;
	struct gate gate;
	void *daemon;
	int port;
};

/* 0, or -1 with err set (the address taken, no randomness for a token) */
int web_server_start(struct web_server *ws, const struct web_server_options *opt, char *err, size_t errlen);
void web_server_stop(struct web_server *ws);

/* a query argument or a header of the request being answered, or NULL */
const char *web_query(const struct web_request *rq, const char *name);
const char *web_header(const struct web_request *rq, const char *name);

/* reply helpers: text taken (malloc'd); a message as {"error": message} */
void web_reply_json(struct web_reply *rp, int status, char *json);
void web_reply_error(struct web_reply *rp, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
