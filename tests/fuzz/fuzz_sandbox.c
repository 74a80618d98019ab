/* fuzz_sandbox.c - libFuzzer target: apollo-sandbox's reading of a request
 * and the route handlers' parameter handling, without libmicrohttpd's
 * event loop. The input is a request:
 *
 *     METHOD PATH[?QUERY]\n
 *     BODY
 *
 * PATH goes through the server's routing (find_route, with its {id}); the
 * query string through collect_arg, as MHD hands it the decoded arguments;
 * the body as read_params takes it (parsed, a JSON object, no api_key);
 * then the route's handler runs with the master key on the store loaded
 * from samples/sandbox-seed.json, and its reply is printed. The store goes
 * back to the seed after every request that may change it.
 *
 * server.c is compiled into this file to reach its static functions (the
 * production build is unchanged). */
#include "../../src/sandbox/server.c"

#include "fuzz.h"

static struct sandbox sb;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char err[600];
	(void)argc;
	(void)argv;
	memset(&sb, 0, sizeof sb);
	if (store_open(&sb.store, SEED_PATH, NULL, 1, err, sizeof err) < 0) {
		fprintf(stderr, "fuzz_sandbox: %s\n", err);
		abort();
	}
	pthread_mutex_init(&sb.lock, NULL);
	strmap_init(&sb.rates);
	sb.requests = cJSON_CreateObject();
	sb.responses = cJSON_CreateObject();
	sb.faults = cJSON_CreateObject();
	sb.rng = 0x9E3779B97F4A7C15ULL;
	return 0;
}

static int hex(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
	     : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* in place, as MHD decodes a query argument: %XX and '+' */
static void unescape(char *s)
{
	char *o = s;
	for (; *s; s++) {
		if (*s == '+') {
			*o++ = ' ';
		} else if (*s == '%' && hex(s[1]) >= 0 && hex(s[2]) >= 0) {
			*o++ = (char)(hex(s[1]) * 16 + hex(s[2]));
			s += 2;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
}

static void query_args(char *q, cJSON *params)
{
	while (q && *q) {
		char *amp = strchr(q, '&'), *eq;
		if (amp)
			*amp = '\0';
		eq = strchr(q, '=');
		if (eq)
			*eq = '\0';
		unescape(q);
		if (eq)
			unescape(eq + 1);
		/* MHD passes a key without '=' with a NULL value */
		if (*q)
			collect_arg(params, MHD_GET_ARGUMENT_KIND, q, eq ? eq + 1 : NULL);
		q = amp ? amp + 1 : NULL;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	struct request r = { .sb = &sb, .status = 200, .master = true };
	const struct route *rt;
	const char *known;
	char *line, *sp, *path, *query;
	const char *body;
	size_t body_len;

	if (!nl)
		return 0;
	line = fuzz_strdup(data, (size_t)(nl - data));
	body = (const char *)nl + 1;
	body_len = size - (size_t)(nl - data) - 1;
	sp = strchr(line, ' ');
	if (!sp) {
		free(line);
		return 0;
	}
	*sp = '\0';
	path = sp + 1;
	query = strchr(path, '?');
	if (query)
		*query++ = '\0';
	r.method = line;

	/* the route, as handle_api finds it from the URL */
	rt = api_path(path) ? find_route(line, api_path(path), r.id, sizeof r.id, &known) : NULL;
	if (!rt) {
		free(line);
		return 0;
	}
	/* read_params, with the query string as MHD would hand it over */
	if (body_len > 0) {
		r.params = cJSON_ParseWithLength(body, body_len);
		if (!r.params || !cJSON_IsObject(r.params))
			goto out;
	} else {
		r.params = cJSON_CreateObject();
	}
	query_args(query, r.params);
	if (cJSON_GetObjectItemCaseSensitive(r.params, "api_key"))
		goto out;
	/* as handle_api does: a route's reading before the lock */
	prepare(rt, &r);

	pthread_mutex_lock(&sb.lock);
	/* as handle_api does: a route that may write drops the kept searches */
	if (!rt->reads_only)
		search_cache_forget(&sb.searches);
	rt->fn(&r);
	pthread_mutex_unlock(&sb.lock);
	if (r.reply) {
		char *text = cJSON_PrintUnformatted(r.reply);
		if (!text)
			abort();
		free(text);
	}
	if (r.status < 100 || r.status > 599)
		abort();
	/* the store back to the seed, and so the kept searches with it (as
	 * /_sandbox/reset does): a kept hit list points into the store */
	if (strcmp(line, "GET") != 0) {
		search_cache_forget(&sb.searches);
		if (store_reset(&sb.store) < 0)
			abort();
	}
out:
	if (r.prepared_free)
		r.prepared_free(r.prepared);
	cJSON_Delete(r.params);
	cJSON_Delete(r.reply);
	free(line);
	return 0;
}
