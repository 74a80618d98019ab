/* web/gate.c - see web/gate.h. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "web/gate.h"

bool gate_init(struct gate *g, const char *listen_addr, int port)
{
	unsigned char raw[GATE_TOKEN_LEN / 2];
	size_t got = 0;

	memset(g, 0, sizeof *g);
	while (got < sizeof raw) {
		ssize_t n = getrandom(raw + got, sizeof raw - got, 0);
		if (n <= 0)
			return false;
		got += (size_t)n;
	}
	for (size_t i = 0; i < sizeof raw; i++)
		snprintf(g->token + 2 * i, 3, "%02x", raw[i]);
	snprintf(g->hosts[g->nhosts++], sizeof g->hosts[0], "127.0.0.1:%d", port);
	snprintf(g->hosts[g->nhosts++], sizeof g->hosts[0], "localhost:%d", port);
	if (listen_addr && *listen_addr && strcmp(listen_addr, "127.0.0.1") != 0) {
		/* an IPv6 address goes in brackets in a Host header */
		if (strchr(listen_addr, ':'))
			snprintf(g->hosts[g->nhosts++], sizeof g->hosts[0], "[%s]:%d", listen_addr, port);
		else
			snprintf(g->hosts[g->nhosts++], sizeof g->hosts[0], "%s:%d", listen_addr, port);
	}
	for (int i = 0; i < g->nhosts; i++) {
		char host[sizeof g->hosts[0]];
		/* a copy: gcc cannot tell the two members of g apart (-Wrestrict) */
		memcpy(host, g->hosts[i], sizeof host);
		snprintf(g->origins[i], sizeof g->origins[i], "http://%s", host);
	}
	return true;
}

bool gate_same(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	unsigned char diff = la != lb;
	for (size_t i = 0; i < la; i++)
		diff |= (unsigned char)(a[i] ^ b[i % (lb ? lb : 1)]);
	return diff == 0;
}

static bool one_of(const char *v, const char (*list)[300], int n)
{
	for (int i = 0; v && i < n; i++)
		if (strcmp(v, list[i]) == 0)
			return true;
	return false;
}

enum gate_verdict gate_check(const struct gate *g, const struct gate_ask *a)
{
	bool reading = a->method && (strcmp(a->method, "GET") == 0 || strcmp(a->method, "HEAD") == 0);
	bool changing = a->method && strcmp(a->method, "POST") == 0;
	bool origin_ok = false;

	if (!a->host || !one_of(a->host, g->hosts, g->nhosts))
		return GATE_BAD_HOST;
	if (!reading && !changing)
		return GATE_BAD_METHOD;
	/* the address serve printed: the one way in without the cookie */
	if (reading && a->query_token && a->path && strcmp(a->path, "/") == 0)
		return gate_same(a->query_token, g->token) ? GATE_SET_COOKIE : GATE_NO_SESSION;
	if (!a->cookie_token || !gate_same(a->cookie_token, g->token))
		return GATE_NO_SESSION;
	if (reading)
		return GATE_PASS;
	if (!a->csrf || strcmp(a->csrf, "1") != 0)
		return GATE_NO_CSRF;
	for (int i = 0; a->origin && i < g->nhosts; i++)
		origin_ok = origin_ok || strcmp(a->origin, g->origins[i]) == 0;
	if (a->origin && !origin_ok)
		return GATE_NO_CSRF;
	return GATE_PASS;
}

const char *gate_refusal(enum gate_verdict v)
{
	switch (v) {
	case GATE_BAD_HOST:
		return "this server answers only to the address apollo-csv serve printed "
		       "(the Host header names another)";
	case GATE_NO_SESSION:
		return "open the address apollo-csv serve printed (with its ?token=); "
		       "this browser has no session, or an old one";
	case GATE_NO_CSRF:
		return "a change must come from this server's own page (the X-Apollo-CSV header "
		       "is missing, or the request comes from another site)";
	case GATE_BAD_METHOD:
		return "only GET and POST are answered";
	default:
		return "";
	}
}
