/* web/http_server.c - see web/http_server.h. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "web/http_server.h"

#define MAX_BODY (1024 * 1024)     /* a JSON request; uploads go to a file */

/* one request while its body arrives */
struct pending {
	bool refused;                  /* answered at once; the body is not read */
	bool upload;
	char *body;
	size_t len;
	bool body_too_big;
	char *upload_path;
	int fd;
	unsigned long long bytes;
	bool upload_too_big;
	bool done;                     /* answered */
};

static const char CSP[] = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; "
                          "form-action 'self'; base-uri 'none'";

static void common_headers(struct MHD_Response *resp)
{
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "Content-Security-Policy", CSP);
}

void web_reply_json(struct web_reply *rp, int status, char *json)
{
	free(rp->body);
	rp->status = status;
	rp->type = "application/json; charset=utf-8";
	rp->body = json;
	rp->len = json ? strlen(json) : 0;
}

void web_reply_error(struct web_reply *rp, int status, const char *fmt, ...)
{
	char msg[2048];
	cJSON *o = cJSON_CreateObject();
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	cJSON_AddStringToObject(o, "error", msg);
	web_reply_json(rp, status, cJSON_PrintUnformatted(o));
	cJSON_Delete(o);
}

const char *web_query(const struct web_request *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *web_header(const struct web_request *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, name);
}

static enum MHD_Result queue(struct MHD_Connection *conn, struct web_reply *rp)
{
	struct MHD_Response *resp = NULL;
	enum MHD_Result ret;

	if (rp->file) {
		int fd = open(rp->file, O_RDONLY | O_CLOEXEC);
		struct stat st;
		if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
			resp = MHD_create_response_from_fd((uint64_t)st.st_size, fd);
		} else {
			if (fd >= 0)
				close(fd);
			free(rp->file);
			rp->file = NULL;
			web_reply_error(rp, 404, "that file is not there any more");
		}
	}
	if (!resp && rp->data)
		resp = MHD_create_response_from_buffer(rp->len, (void *)rp->data, MHD_RESPMEM_PERSISTENT);
	else if (!resp)
		resp = MHD_create_response_from_buffer(rp->len, rp->body ? rp->body : (char *)"",
		                                       MHD_RESPMEM_MUST_COPY);
	if (!resp)
		return MHD_NO;
	common_headers(resp);
	if (rp->type)
		MHD_add_response_header(resp, "Content-Type", rp->type);
	if (rp->attachment) {
		char cd[600];
		snprintf(cd, sizeof cd, "attachment; filename=\"%s\"", rp->attachment);
		MHD_add_response_header(resp, "Content-Disposition", cd);
	}
	ret = MHD_queue_response(conn, (unsigned)(rp->status ? rp->status : 200), resp);
	MHD_destroy_response(resp);
	return ret;
}

static void reply_free(struct web_reply *rp)
{
	free(rp->body);
	free(rp->file);
	free(rp->attachment);
	memset(rp, 0, sizeof *rp);
}

/* a refusal: JSON for the API, a line of HTML for a person */
static enum MHD_Result refuse(struct MHD_Connection *conn, const char *url, int status, const char *why)
{
	struct web_reply rp = { 0 };
	enum MHD_Result ret;

	if (strncmp(url, "/api/", 5) == 0) {
		web_reply_error(&rp, status, "%s", why);
	} else {
		size_t n = strlen(why) + 200;
		rp.body = malloc(n);
		if (rp.body)
			snprintf(rp.body, n, "<!doctype html><meta charset=utf-8><title>apollo-csv</title>"
			         "<p>%s</p>\n", why);
		rp.len = rp.body ? strlen(rp.body) : 0;
		rp.status = status;
		rp.type = "text/html; charset=utf-8";
	}
	ret = queue(conn, &rp);
	reply_free(&rp);
	return ret;
}

static enum MHD_Result set_cookie(struct MHD_Connection *conn, const struct gate *g)
{
	struct MHD_Response *resp = MHD_create_response_from_buffer(0, (char *)"", MHD_RESPMEM_PERSISTENT);
	char cookie[200];
	enum MHD_Result ret;

	if (!resp)
		return MHD_NO;
	common_headers(resp);
	snprintf(cookie, sizeof cookie, "%s=%s; Path=/; HttpOnly; SameSite=Strict", GATE_COOKIE, g->token);
	MHD_add_response_header(resp, "Set-Cookie", cookie);
	/* the token leaves the address bar (and the history) */
	MHD_add_response_header(resp, "Location", "/");
	ret = MHD_queue_response(conn, 303, resp);
	MHD_destroy_response(resp);
	return ret;
}

static void pending_free(struct pending *p, bool keep_upload)
{
	if (!p)
		return;
	if (p->fd >= 0)
		close(p->fd);
	if (p->upload_path && (!keep_upload || p->upload_too_big))
		unlink(p->upload_path);
	free(p->upload_path);
	free(p->body);
	free(p);
}

static enum MHD_Result first_call(struct web_server *ws, struct MHD_Connection *conn, const char *url,
                                  const char *method, struct pending *p)
{
	struct gate_ask ask = {
		.method = method,
		.path = url,
		.host = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Host"),
		.cookie_token = MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, GATE_COOKIE),
		.query_token = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "token"),
		.csrf = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, GATE_CSRF_HEADER),
		.origin = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Origin"),
	};
	enum gate_verdict v = gate_check(&ws->gate, &ask);

	switch (v) {
	case GATE_PASS:
		break;
	case GATE_SET_COOKIE:
		p->refused = true;
		return set_cookie(conn, &ws->gate);
	case GATE_BAD_METHOD:
		p->refused = true;
		return refuse(conn, url, 405, gate_refusal(v));
	default:
		p->refused = true;
		return refuse(conn, url, 403, gate_refusal(v));
	}
	if (strcmp(method, "POST") == 0 && ws->opt.upload_path && strcmp(url, ws->opt.upload_path) == 0) {
		const char *length = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
		const char *name = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-File-Name");
		struct web_request rq = { .conn = conn, .method = method, .path = url, .body = "" };
		char err[600] = "";

		p->upload = true;
		if (length && strtoull(length, NULL, 10) > ws->opt.max_upload) {
			p->refused = true;
			return refuse(conn, url, 413, "the file is bigger than serve takes (--max-upload)");
		}
		p->upload_path = ws->opt.upload_target(ws->opt.arg, &rq, name ? name : "", err, sizeof err);
		if (!p->upload_path) {
			p->refused = true;
			return refuse(conn, url, 400, err);
		}
		p->fd = open(p->upload_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		if (p->fd < 0) {
			char why[700];
			snprintf(why, sizeof why, "the upload cannot be stored: %s", strerror(errno));
			free(p->upload_path);
			p->upload_path = NULL;
			p->refused = true;
			return refuse(conn, url, 500, why);
		}
	}
	return MHD_YES;
}

static void take_data(struct web_server *ws, struct pending *p, const char *data, size_t n)
{
	if (p->upload) {
		if (p->upload_too_big || p->fd < 0)
			return;
		if (p->bytes + n > ws->opt.max_upload) {
			/* the rest is read and dropped; the reply says why */
			p->upload_too_big = true;
			close(p->fd);
			p->fd = -1;
			unlink(p->upload_path);
			return;
		}
		for (size_t off = 0; off < n;) {
			ssize_t w = write(p->fd, data + off, n - off);
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0) {
				close(p->fd);
				p->fd = -2;        /* a write failed */
				return;
			}
			off += (size_t)w;
		}
		p->bytes += n;
		return;
	}
	if (p->body_too_big || p->len + n > MAX_BODY) {
		p->body_too_big = true;
		return;
	}
	char *b = realloc(p->body, p->len + n + 1);
	if (!b) {
		p->body_too_big = true;
		return;
	}
	memcpy(b + p->len, data, n);
	p->len += n;
	b[p->len] = '\0';
	p->body = b;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
	struct web_server *ws = cls;
	struct pending *p = *con_cls;
	struct web_reply rp = { 0 };
	enum MHD_Result ret;
	(void)version;

	if (!p) {
		if (!(p = calloc(1, sizeof *p)))
			return MHD_NO;
		p->fd = -1;
		*con_cls = p;
		return first_call(ws, conn, url, method, p);
	}
	if (p->refused || p->done) {
		*upload_data_size = 0;      /* answered already: the body is dropped */
		return MHD_YES;
	}
	if (*upload_data_size) {
		take_data(ws, p, upload_data, *upload_data_size);
		*upload_data_size = 0;
		return MHD_YES;
	}
	p->done = true;
	if (p->upload && p->upload_too_big)
		return refuse(conn, url, 413, "the file is bigger than serve takes (--max-upload)");
	if (p->upload && p->fd == -2)
		return refuse(conn, url, 500, "the upload could not be written to disk (is the disk full?)");
	if (!p->upload && p->body_too_big)
		return refuse(conn, url, 413, "the request is too big");
	if (p->upload && p->fd >= 0) {
		close(p->fd);
		p->fd = -1;
	}
	struct web_request rq = {
		.conn = conn, .method = method, .path = url, .body = p->body ? p->body : "", .body_len = p->len,
		.upload_path = p->upload ? p->upload_path : NULL, .upload_bytes = p->bytes,
	};
	ws->opt.handler(ws->opt.arg, &rq, &rp);
	if (p->upload && rp.status >= 400)
		unlink(p->upload_path);
	else if (p->upload) {
		free(p->upload_path);       /* kept: the handler has it now */
		p->upload_path = NULL;
	}
	ret = queue(conn, &rp);
	reply_free(&rp);
	return ret;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)conn;
	(void)toe;
	/* an upload cut off before its end leaves nothing behind */
	pending_free(*con_cls, false);
	*con_cls = NULL;
}

/* the listening socket, bound here so that its port is known (and the gate
 * set up) before the first request can come; -1 with err set */
static int listen_on(const char *addr, int port, bool *v6, char *err, size_t errlen)
{
	struct sockaddr_in a4 = { 0 };
	struct sockaddr_in6 a6 = { 0 };
	struct sockaddr *sa;
	socklen_t len;
	int fd, on = 1;

	if (inet_pton(AF_INET, addr, &a4.sin_addr) == 1) {
		a4.sin_family = AF_INET;
		a4.sin_port = htons((uint16_t)port);
		sa = (struct sockaddr *)&a4;
		len = sizeof a4;
		*v6 = false;
	} else if (inet_pton(AF_INET6, addr, &a6.sin6_addr) == 1) {
		a6.sin6_family = AF_INET6;
		a6.sin6_port = htons((uint16_t)port);
		sa = (struct sockaddr *)&a6;
		len = sizeof a6;
		*v6 = true;
	} else {
		snprintf(err, errlen, "--listen %s: not an IP address", addr);
		return -1;
	}
	if ((fd = socket(sa->sa_family, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0) {
		snprintf(err, errlen, "cannot make a socket: %s", strerror(errno));
		return -1;
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
	if (bind(fd, sa, len) != 0 || listen(fd, 64) != 0) {
		snprintf(err, errlen, "cannot listen on %s port %d: %s", addr, port, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static int bound_port(int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;
	if (getsockname(fd, (struct sockaddr *)&ss, &len) != 0)
		return -1;
	if (ss.ss_family == AF_INET6)
		return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
	return ntohs(((struct sockaddr_in *)&ss)->sin_port);
}

int web_server_start(struct web_server *ws, const struct web_server_options *opt, char *err, size_t errlen)
{
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION;
	const char *listen_addr = opt->listen_addr ? opt->listen_addr : "127.0.0.1";
	bool v6 = false;
	int fd;

	memset(ws, 0, sizeof *ws);
	ws->opt = *opt;
	if ((fd = listen_on(listen_addr, opt->port, &v6, err, errlen)) < 0)
		return -1;
	ws->port = bound_port(fd);
	/* the gate is whole before the first request */
	if (ws->port <= 0 || !gate_init(&ws->gate, listen_addr, ws->port)) {
		snprintf(err, errlen, ws->port <= 0 ? "cannot read the port listened on" : "no random bytes for the session token");
		close(fd);
		return -1;
	}
	if (v6)
		flags |= MHD_USE_IPv6;
	ws->daemon = MHD_start_daemon(flags, 0, NULL, NULL, on_request, ws,
	                              MHD_OPTION_LISTEN_SOCKET, fd,
	                              MHD_OPTION_NOTIFY_COMPLETED, on_completed, ws,
	                              MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)300,
	                              MHD_OPTION_END);
	if (!ws->daemon) {
		snprintf(err, errlen, "cannot serve on %s port %d", listen_addr, ws->port);
		close(fd);
		return -1;
	}
	return 0;
}

void web_server_stop(struct web_server *ws)
{
	if (ws->daemon)
		MHD_stop_daemon(ws->daemon);
	ws->daemon = NULL;
}
