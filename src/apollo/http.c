/* apollo/http.c - see apollo/http.h. One curl multi handle drives every
 * transfer; a connection is kept alive and reused between requests. */
#include "config.h"

#include <curl/curl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "apollo/http.h"
#include "apollo/param_forms.h"
#include "common/dynbuf.h"
#include "common/interrupt.h"
#include "common/msg.h"

#define MAX_REPLY (64 * 1024 * 1024)
#define MAX_429_IN_A_ROW 50
#define MAX_BACKOFF_MS 30000

struct http_transfer {
	CURL *easy;
	struct http_request *req;
	struct dynbuf body;
	struct rate_reading rate;
	char curl_error[CURL_ERROR_SIZE];
	double started;
	time_t apollo_date;        /* the reply's Date header, 0: none */
};

static double now_mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static size_t on_body(char *data, size_t size, size_t n, void *arg)
{
	struct http_transfer *t = arg;
	return dynbuf_add(&t->body, data, size * n) ? size * n : 0;
}

static size_t on_header(char *data, size_t size, size_t n, void *arg)
{
	struct http_transfer *t = arg;
	size_t len = size * n;
	rate_reading_header(&t->rate, data, len);
	if (len > 5 && len < 200 && strncasecmp(data, "date:", 5) == 0) {
		char line[200];
		memcpy(line, data + 5, len - 5);
		line[len - 5] = '\0';
		line[strcspn(line, "\r\n")] = '\0';
		t->apollo_date = curl_getdate(line, NULL);
		if (t->apollo_date < 0)
			t->apollo_date = 0;
	}
	return len;
}

static struct curl_slist *append_or_free(struct curl_slist *h, const char *line)
{
	struct curl_slist *n = curl_slist_append(h, line);
	if (!n)
		curl_slist_free_all(h);
	return n;
}

int http_client_init(struct http_client *hc, const struct api_settings *s,
                     const struct http_options *opt, char *err, size_t errlen)
{
	char header[2048];
	struct curl_slist *h = NULL;

	memset(hc, 0, sizeof *hc);
	hc->settings = s;
	hc->opt = *opt;
	if (hc->opt.jobs < 1)
		hc->opt.jobs = 1;
	hc->rng = (unsigned long long)time(NULL) ^ ((unsigned long long)getpid() << 32);
	pacer_init(&hc->pacer);
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK || !(hc->multi = curl_multi_init())) {
		snprintf(err, errlen, "cannot start libcurl");
		return -1;
	}
	curl_multi_setopt(hc->multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)hc->opt.jobs);
	curl_multi_setopt(hc->multi, CURLMOPT_MAXCONNECTS, (long)hc->opt.jobs + 1);
	snprintf(header, sizeof header, "x-api-key: %s", s->key);
	h = curl_slist_append(h, header);
	/* a failed append leaves the list as it was: free what there is */
	h = h ? append_or_free(h, "Content-Type: application/json") : NULL;
	h = h ? append_or_free(h, "Accept: application/json") : NULL;
	h = h ? append_or_free(h, "Cache-Control: no-cache") : NULL;
	/* no "Expect: 100-continue" round trip before each body */
	h = h ? append_or_free(h, "Expect:") : NULL;
	memset(header, 0, sizeof header);
	if (!h) {
		snprintf(err, errlen, "out of memory");
		curl_multi_cleanup(hc->multi);
		hc->multi = NULL;
		return -1;
	}
	hc->headers = h;
	if (hc->opt.verbose)
		msg_info("requests go to %s with the key from %s, sent only as the x-api-key header "
		         "(never shown)",
		         s->base_url, s->key_source);
	return 0;
}

void http_client_free(struct http_client *hc)
{
	if (hc->multi)
		curl_multi_cleanup(hc->multi);
	curl_slist_free_all(hc->headers);
	pacer_free(&hc->pacer);
	hc->multi = NULL;
	hc->headers = NULL;
}

void http_request_init(struct http_request *r, const char *method, const char *scope,
                       char *body, const char *path_fmt, ...)
{
	va_list ap;
	memset(r, 0, sizeof *r);
	r->method = method;
	r->scope = scope;
	r->body = body;
	va_start(ap, path_fmt);
	vsnprintf(r->path, sizeof r->path, path_fmt, ap);
	va_end(ap);
}

void http_request_free(struct http_request *r)
{
	free(r->body);
	cJSON_Delete(r->json);
	r->body = NULL;
	r->json = NULL;
}

static void copy_text(char *out, size_t outlen, const char *s, size_t len)
{
	size_t k = 0;
	/* one line, no control characters, at most outlen - 1 bytes */
	for (size_t i = 0; i < len && k + 1 < outlen; i++)
		out[k++] = (unsigned char)s[i] < 0x20 ? ' ' : s[i];
	while (k > 0 && out[k - 1] == ' ')
		k--;
	out[k] = '\0';
}

/* Apollo sometimes says which record a 422 is about: error_details
 * {contact_id, field, message} or deleted_contact_ids[]. Kept in the
 * words, so two refusals about different records read differently. */
static void add_details(const cJSON *j, char *out, size_t outlen)
{
	const cJSON *d = cJSON_GetObjectItemCaseSensitive(j, "error_details");
	const cJSON *del = cJSON_GetObjectItemCaseSensitive(j, "deleted_contact_ids"), *id;
	size_t len = strlen(out);

	if (cJSON_IsObject(d)) {
		const cJSON *m = cJSON_GetObjectItemCaseSensitive(d, "message");
		const cJSON *c = cJSON_GetObjectItemCaseSensitive(d, "contact_id");
		const cJSON *f = cJSON_GetObjectItemCaseSensitive(d, "field");
		snprintf(out + len, outlen - len, " (%s%s%s%s%s)",
		         cJSON_IsString(m) ? m->valuestring : "",
		         cJSON_IsString(f) ? ", field " : "", cJSON_IsString(f) ? f->valuestring : "",
		         cJSON_IsString(c) ? ", contact " : "", cJSON_IsString(c) ? c->valuestring : "");
	}
	if (!cJSON_IsArray(del))
		return;
	cJSON_ArrayForEach(id, del) {
		len = strlen(out);
		if (cJSON_IsString(id))
			snprintf(out + len, outlen - len, "%s%s", id == del->child ? " (deleted: " : ", ",
			         id->valuestring);
		if (!id->next) {
			len = strlen(out);
			snprintf(out + len, outlen - len, ")");
		}
	}
}

void apollo_error_message(const char *body, size_t len, char *out, size_t outlen)
{
	static const char *const keys[] = { "error", "message", "error_message" };
	cJSON *j = len ? cJSON_ParseWithLength(body, len) : NULL;

	out[0] = '\0';
	for (size_t i = 0; j && i < sizeof keys / sizeof keys[0]; i++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, keys[i]);
		if (cJSON_IsString(v) && *v->valuestring) {
			copy_text(out, outlen, v->valuestring, strlen(v->valuestring));
			break;
		}
	}
	if (out[0])
		add_details(j, out, outlen);
	cJSON_Delete(j);
	if (!out[0])
		copy_text(out, outlen, body, len < 300 ? len : 300);
	if (!out[0])
		snprintf(out, outlen, "(no message)");
}

/* Does this refusal stop every request, not just r? A 401 (the key), a
 * 403 (the key's scope, the team's plan or its permissions) and a 404 from
 * an endpoint without an id in its path (a base URL that is not Apollo's
 * API: a 404 there cannot be about a record) do; hc->refusal and
 * refusal_fix then say which and what to do. Apollo's own words are kept
 * in r->message. */
enum apollo_forbidden apollo_forbidden_kind(const struct http_request *r)
{
	const cJSON *code = cJSON_GetObjectItemCaseSensitive(r->json, "error_code");
	/* "only available to Apollo users on paid plans", "not accessible with
	 * this access token on a free plan" (the latter with API_INACCESSIBLE) */
	if (strstr(r->message, " plan"))
		return FORBIDDEN_PLAN;
	if (cJSON_IsString(code) && strcmp(code->valuestring, "API_INACCESSIBLE") == 0)
		return FORBIDDEN_SCOPE;
	return FORBIDDEN_OTHER;
}

static bool refusal_of_all(struct http_client *hc, const struct http_request *r, long status)
{
	enum apollo_forbidden why = status == 403 ? apollo_forbidden_kind(r) : FORBIDDEN_OTHER;

	if (status == 401 || (status == 403 && why == FORBIDDEN_SCOPE)) {
		/* said where the key came from, so the right one gets fixed */
		snprintf(hc->refusal, sizeof hc->refusal, "Apollo refused the key from %s: %.500s (HTTP %ld)",
		         hc->settings->key_source, r->message, status);
		hc->refusal_fix = status == 401 ? "fix the key"
		                  : "use a key whose scope includes this endpoint, or a master key";
	} else if (status == 403) {
		/* the key is good; the team's plan or its permissions are not */
		snprintf(hc->refusal, sizeof hc->refusal, "Apollo refused %s for this team: %.500s (HTTP 403)",
		         r->scope, r->message);
		hc->refusal_fix = why == FORBIDDEN_PLAN ? "upgrade the team's Apollo plan"
		                                        : "ask the team's Apollo admin for access";
	} else if (status == 404 && strcmp(r->path, r->scope) == 0) {
		snprintf(hc->refusal, sizeof hc->refusal, "there is no Apollo endpoint at %s/%s (HTTP 404: "
		         "%.300s)", hc->settings->base_url, r->scope, r->message);
		hc->refusal_fix = "check APOLLO_BASE_URL (Apollo's is " APOLLO_DEFAULT_BASE_URL ")";
	} else {
		return false;
	}
	hc->refused = true;
	return true;
}

static double backoff_delay(struct http_client *hc, int attempt)
{
	double ms = (double)hc->opt.backoff_ms * pow(2, attempt - 1);
	if (ms > MAX_BACKOFF_MS)
		ms = MAX_BACKOFF_MS;
	/* jitter: somewhere in the upper half, so parallel retries spread out */
	hc->rng = hc->rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return ms / 1000.0 * (0.5 + (double)(hc->rng >> 11) / (double)(1ULL << 53) / 2);
}

/* The URL, method and body r goes with: the JSON body as a query string
 * where APOLLO_PARAMS says so (apollo/param_forms.h), unless the URL would
 * be too long for a server to take. *url is malloc'd. */
static bool request_form(struct http_client *hc, const struct http_request *r, char **url,
                         const char **method, const char **body)
{
	const struct param_form *pf = param_form_find(r->scope);
	const char *base = hc->settings->base_url;
	char *qs = NULL;
	size_t n;

	*method = r->method;
	*body = r->body;
	if (param_form_use_query(pf, hc->settings->params) && (qs = param_query_string(r->body)) &&
	    (n = strlen(base) + strlen(r->path) + strlen(qs) + 3) <= PARAM_QUERY_URL_MAX) {
		if ((*url = malloc(n)))
			snprintf(*url, n, "%s/%s%s%s", base, r->path, *qs ? "?" : "", qs);
		*method = pf->method;
		*body = NULL;
	} else {
		n = strlen(base) + strlen(r->path) + 2;
		if ((*url = malloc(n)))
			snprintf(*url, n, "%s/%s", base, r->path);
	}
	free(qs);
	return *url != NULL;
}

static struct http_transfer *transfer_start(struct http_client *hc, struct http_request *r)
{
	struct http_transfer *t = calloc(1, sizeof *t);
	const char *method, *body;
	char *url = NULL;

	if (!t || !request_form(hc, r, &url, &method, &body) || !(t->easy = curl_easy_init())) {
		free(url);
		free(t);
		return NULL;
	}
	t->req = r;
	dynbuf_init(&t->body, MAX_REPLY);
	rate_reading_clear(&t->rate);
	curl_easy_setopt(t->easy, CURLOPT_URL, url);
	curl_easy_setopt(t->easy, CURLOPT_HTTPHEADER, hc->headers);
	curl_easy_setopt(t->easy, CURLOPT_CUSTOMREQUEST, method);
	if (body) {
		curl_easy_setopt(t->easy, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(t->easy, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
	} else if (strcmp(method, "GET") == 0) {
		curl_easy_setopt(t->easy, CURLOPT_HTTPGET, 1L);
		curl_easy_setopt(t->easy, CURLOPT_CUSTOMREQUEST, NULL);
	} else {
		/* the parameters went in the URL: an empty body */
		curl_easy_setopt(t->easy, CURLOPT_POSTFIELDS, "");
		curl_easy_setopt(t->easy, CURLOPT_POSTFIELDSIZE, 0L);
	}
	curl_easy_setopt(t->easy, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(t->easy, CURLOPT_WRITEDATA, t);
	curl_easy_setopt(t->easy, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(t->easy, CURLOPT_HEADERDATA, t);
	curl_easy_setopt(t->easy, CURLOPT_ERRORBUFFER, t->curl_error);
	curl_easy_setopt(t->easy, CURLOPT_PRIVATE, t);
	curl_easy_setopt(t->easy, CURLOPT_TIMEOUT_MS, hc->opt.timeout_ms);
	curl_easy_setopt(t->easy, CURLOPT_CONNECTTIMEOUT_MS, 15000L);
	curl_easy_setopt(t->easy, CURLOPT_NOSIGNAL, 1L);
	/* the key must never travel anywhere but the configured host */
	curl_easy_setopt(t->easy, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(t->easy, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(t->easy, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(t->easy, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(t->easy, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(t->easy, CURLOPT_USERAGENT, r->probe ? "apollo-csv/" PACKAGE_VERSION " (preflight probe)"
	                                                      : "apollo-csv/" PACKAGE_VERSION);
	/* libcurl sends a request again, unseen, when a kept-alive connection
	 * turns out dead: harmless for a dedupe'd create, a second task here */
	if (r->once)
		curl_easy_setopt(t->easy, CURLOPT_FRESH_CONNECT, 1L);
	t->started = now_mono();
	if (curl_multi_add_handle(hc->multi, t->easy) != CURLM_OK) {
		curl_easy_cleanup(t->easy);
		dynbuf_free(&t->body);
		free(t);
		free(url);
		return NULL;
	}
	r->t = t;
	if (!r->first_sent) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		r->first_sent = (double)ts.tv_sec + ts.tv_nsec / 1e9;
	}
	r->attempts++;
	hc->stats.calls++;
	pacer_sent(&hc->pacer, r->scope, t->started);
	if (hc->opt.verbose)
		msg_info("> %s %s (%zu bytes)", method, url + strlen(hc->settings->base_url) + 1,
		         body ? strlen(body) : (size_t)0);
	free(url);
	return t;
}

static void transfer_end(struct http_client *hc, struct http_transfer *t)
{
	curl_multi_remove_handle(hc->multi, t->easy);
	curl_easy_cleanup(t->easy);
	dynbuf_free(&t->body);
	t->req->t = NULL;
	free(t);
}

/* Retry r later, or give up when its retries are spent; a request sent
 * once gives up at once when Apollo may have done it (reached). */
static void retry_or_give_up(struct http_client *hc, struct http_request *r, const char *why,
                             bool reached)
{
	hc->stats.faults++;
	r->faults++;
	snprintf(r->message, sizeof r->message, "%s", why);
	if (r->once && reached) {
		r->maybe_done = true;
		r->outcome = HTTP_GAVE_UP;
		return;
	}
	if (r->attempts > hc->opt.retries) {
		char buf[sizeof r->message];
		snprintf(buf, sizeof buf, "%s (gave up after %d tries)", why, r->attempts);
		snprintf(r->message, sizeof r->message, "%s", buf);
		r->outcome = HTTP_GAVE_UP;
		return;
	}
	hc->stats.retries++;
	r->not_before = now_mono() + backoff_delay(hc, r->attempts);
}

static void stop_client(struct http_client *hc, const char *scope, long wait)
{
	if (hc->stopped)
		return;
	hc->stopped = true;
	hc->resume_at = time(NULL) + wait;
	snprintf(hc->stop_reason, sizeof hc->stop_reason,
	         "Apollo's rate limit for %s is spent for the next %ld min (longer than --max-wait)",
	         scope, (wait + 59) / 60);
}

void http_client_stop(struct http_client *hc, const char *reason)
{
	if (hc->stopped)
		return;
	hc->stopped = true;
	hc->resume_at = time(NULL);
	snprintf(hc->stop_reason, sizeof hc->stop_reason, "%s", reason);
}

static void handle_429(struct http_client *hc, struct http_request *r, struct http_transfer *t)
{
	/* whole seconds from Apollo; a fraction from a stand-in whose clock
	 * runs fast (apollo-sandbox --time-scale) */
	double wait = t->rate.retry_after > 0 ? t->rate.retry_after : 60;
	double now = now_mono();

	hc->stats.limited++;
	apollo_error_message(t->body.data, t->body.len, r->message, sizeof r->message);
	pacer_limited(&hc->pacer, r->scope, wait, rate_window_named(r->message), now);
	if (wait > hc->opt.max_wait) {
		stop_client(hc, r->scope, (long)ceil(wait));
		r->outcome = HTTP_STOPPED;
		return;
	}
	if (++r->limited > MAX_429_IN_A_ROW) {
		snprintf(r->message, sizeof r->message, "Apollo answered 429 (rate limit) %d times in a row",
		         r->limited);
		r->outcome = HTTP_GAVE_UP;
		return;
	}
	/* a 429 is not a fault: it does not use up a retry */
	r->attempts--;
	r->not_before = now + wait;
	hc->stats.waited += wait;
}

static void finish(struct http_client *hc, struct http_transfer *t, CURLcode res)
{
	struct http_request *r = t->req;
	long status = 0;
	char why[400];

	curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
	r->status = status;
	pacer_reply(&hc->pacer, r->scope, &t->rate, t->started, now_mono());
	if (status) {
		double took = now_mono() - t->started;
		if (took > hc->slowest)
			hc->slowest = took;
		/* Apollo's clock when the request went out: the Date header has
		 * whole seconds, so a second less */
		if (t->apollo_date && !hc->apollo_start)
			hc->apollo_start = (double)t->apollo_date - ceil(took) - 1;
	}
	if (hc->opt.verbose)
		msg_info("< %ld %s in %.2f s%s%s", status, r->path, now_mono() - t->started,
		         res != CURLE_OK ? ": " : "", res != CURLE_OK ? t->curl_error : "");
	if (res != CURLE_OK || status == 0) {
		snprintf(why, sizeof why, "no reply from Apollo (%s)",
		         t->curl_error[0] ? t->curl_error : curl_easy_strerror(res));
		retry_or_give_up(hc, r, why, res != CURLE_COULDNT_CONNECT && res != CURLE_COULDNT_RESOLVE_HOST);
	} else if (status == 429) {
		handle_429(hc, r, t);
	} else if (status >= 500) {
		char msg[300];
		apollo_error_message(t->body.data, t->body.len, msg, sizeof msg);
		snprintf(why, sizeof why, "Apollo answered %ld: %s", status, msg);
		retry_or_give_up(hc, r, why, true);
	} else if (status >= 300) {
		/* a redirect is not followed (the key stays with the configured
		 * host) and counts as a refusal */
		apollo_error_message(t->body.data, t->body.len, r->message, sizeof r->message);
		/* kept: a refusal may name the records it is about */
		r->json = t->body.len ? cJSON_ParseWithLength(t->body.data, t->body.len) : NULL;
		r->outcome = HTTP_REFUSED;
		if (!hc->refused && !r->optional && refusal_of_all(hc, r, status))
			snprintf(r->message, sizeof r->message, "%s", hc->refusal);
	} else if (!(r->json = t->body.len ? cJSON_ParseWithLength(t->body.data, t->body.len) : NULL)) {
		snprintf(why, sizeof why, "Apollo's reply (HTTP %ld, %zu bytes) is not valid JSON",
		         status, t->body.len);
		retry_or_give_up(hc, r, why, true);
	} else {
		r->outcome = HTTP_OK;
	}
	/* Apollo's words go into results files: never with the key in them */
	msg_redact(r->message, sizeof r->message);
	transfer_end(hc, t);
	if (r->outcome != HTTP_PENDING && r->done)
		r->done(r, r->done_arg);
}

/* Starts what may start now; returns when the earliest waiting request
 * may start (0: none waits on time), and its scope in *next_scope. */
static double start_ready(struct http_client *hc, struct http_request **reqs, size_t n, int *running,
                          const char **next_scope)
{
	double now = now_mono(), next = 0;

	if (interrupted() && !hc->stopped) {
		char why[100];
		snprintf(why, sizeof why, "stopped by %s", interrupt_name());
		http_client_stop(hc, why);
	}
	for (size_t i = 0; i < n && *running < hc->opt.jobs; i++) {
		struct http_request *r = reqs[i];
		double wake;
		if (r->outcome != HTTP_PENDING || r->t)
			continue;
		if (hc->refused) {
			r->outcome = HTTP_REFUSED;
			snprintf(r->message, sizeof r->message, "%s", hc->refusal);
			continue;
		}
		if (hc->stopped) {
			r->outcome = HTTP_STOPPED;
			snprintf(r->message, sizeof r->message, "%s", hc->stop_reason);
			continue;
		}
		if (now < r->not_before) {
			if (!next || r->not_before < next) {
				next = r->not_before;
				*next_scope = r->scope;
			}
			continue;
		}
		if (!pacer_may_send(&hc->pacer, r->scope, now, &wake)) {
			if (wake && wake - now > hc->opt.max_wait) {
				stop_client(hc, r->scope, (long)ceil(wake - now));
				r->outcome = HTTP_STOPPED;
				snprintf(r->message, sizeof r->message, "%s", hc->stop_reason);
				continue;
			}
			if (wake && (!next || wake < next)) {
				next = wake;
				*next_scope = r->scope;
			}
			continue;
		}
		if (!transfer_start(hc, r)) {
			r->outcome = HTTP_GAVE_UP;
			snprintf(r->message, sizeof r->message, "cannot start a transfer (out of memory)");
			continue;
		}
		(*running)++;
		snprintf(hc->scope_now, sizeof hc->scope_now, "%s", r->scope);
	}
	return next;
}

/* The wait, if the run waits now, for the progress display; the tick at
 * most four times a second, and at once when a wait begins or ends. */
static void tell_wait(struct http_client *hc, int running, double next, const char *scope)
{
	double now = now_mono();
	bool on = running == 0 && next > now + 0.2 && scope;

	if (on && (!hc->wait.on || strcmp(hc->wait.scope, scope))) {
		hc->wait.rate = pacer_held_until(&hc->pacer, scope) >= next - 0.001;
		hc->wait.window = hc->wait.rate ? pacer_held_window(&hc->pacer, scope) : -1;
		snprintf(hc->wait.scope, sizeof hc->wait.scope, "%s", scope);
	}
	if (on)
		hc->wait.until = time(NULL) + (time_t)ceil(next - now);
	if (!hc->tick)
		return;
	if (on != hc->wait.on || now - hc->last_tick >= 0.25) {
		hc->wait.on = on;
		hc->last_tick = now;
		hc->tick(hc->tick_arg);
	}
	hc->wait.on = on;
}

static bool all_done(struct http_request **reqs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (reqs[i]->outcome == HTTP_PENDING)
			return false;
	return true;
}

/* finished transfers to their outcomes; how many there were */
static int collect(struct http_client *hc, int *running)
{
	CURLMsg *m;
	int left, n = 0;
	while ((m = curl_multi_info_read(hc->multi, &left))) {
		struct http_transfer *t = NULL;
		if (m->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&t);
		(*running)--;
		n++;
		finish(hc, t, m->data.result);
	}
	return n;
}

void http_run(struct http_client *hc, struct http_request **reqs, size_t n)
{
	int running = 0;

	while (!all_done(reqs, n)) {
		const char *next_scope = NULL;
		double next = start_ready(hc, reqs, n, &running, &next_scope);
		int still = 0, timeout_ms = 1000;

		if (all_done(reqs, n))
			break;
		tell_wait(hc, running, next, next_scope);
		curl_multi_perform(hc->multi, &still);
		if (collect(hc, &running))
			continue;   /* something may start now */
		if (next) {
			double ms = (next - now_mono()) * 1000;
			timeout_ms = ms < 1 ? 1 : ms > 1000 ? 1000 : (int)ms;
		}
		curl_multi_poll(hc->multi, NULL, 0, timeout_ms, NULL);
	}
	if (hc->wait.on) {
		hc->wait.on = false;
		if (hc->tick)
			hc->tick(hc->tick_arg);
	}
}
