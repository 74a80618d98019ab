/* jsonbuf.c - see jsonbuf.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonbuf.h"

/* room for n more bytes and a NUL */
static bool reserve(struct jsonbuf *b, size_t n)
{
	size_t nc;
	char *nd;
	if (b->oom)
		return false;
	if (b->len + n + 1 <= b->cap)
		return true;
	nc = b->cap ? b->cap : 4096;
	while (nc < b->len + n + 1)
		nc *= 2;
	nd = realloc(b->data, nc);
	if (!nd) {
		b->oom = true;
		return false;
	}
	b->data = nd;
	b->cap = nc;
	return true;
}

void jb_raw(struct jsonbuf *b, const char *text, size_t len)
{
	if (!reserve(b, len))
		return;
	memcpy(b->data + b->len, text, len);
	b->len += len;
}

/* cJSON's escape for byte c (below 32, '"' or '\\'), into out; its length */
static size_t escape(unsigned char c, char out[8])
{
	switch (c) {
	case '"': return (size_t)snprintf(out, 8, "\\\"");
	case '\\': return (size_t)snprintf(out, 8, "\\\\");
	case '\b': return (size_t)snprintf(out, 8, "\\b");
	case '\f': return (size_t)snprintf(out, 8, "\\f");
	case '\n': return (size_t)snprintf(out, 8, "\\n");
	case '\r': return (size_t)snprintf(out, 8, "\\r");
	case '\t': return (size_t)snprintf(out, 8, "\\t");
	default: return (size_t)snprintf(out, 8, "\\u%04x", c);
	}
}

void jb_string(struct jsonbuf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	jb_lit(b, "\"");
	while (*p) {
		/* the run of bytes that need no escape, copied at once */
		size_t n = 0;
		char esc[8];
		while (p[n] >= 32 && p[n] != '"' && p[n] != '\\')
			n++;
		jb_raw(b, (const char *)p, n);
		p += n;
		if (*p) {
			jb_raw(b, esc, escape(*p, esc));
			p++;
		}
	}
	jb_lit(b, "\"");
}

void jb_value(struct jsonbuf *b, const cJSON *v)
{
	char *text;
	if (!v || cJSON_IsNull(v)) {
		jb_lit(b, "null");
		return;
	}
	if (cJSON_IsString(v)) {
		jb_string(b, v->valuestring);
		return;
	}
	/* numbers, booleans, arrays, objects: rare here, so cJSON prints them */
	text = cJSON_PrintUnformatted(v);
	if (!text) {
		b->oom = true;
		return;
	}
	jb_raw(b, text, strlen(text));
	free(text);
}

char *jb_take(struct jsonbuf *b)
{
	char *out = NULL;
	if (reserve(b, 0)) {
		b->data[b->len] = '\0';
		out = b->data;
		b->data = NULL;
	}
	jb_free(b);
	return out;
}

void jb_free(struct jsonbuf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
	b->oom = false;
}
