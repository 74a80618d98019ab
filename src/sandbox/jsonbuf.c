/* jsonbuf.c - see jsonbuf.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "jsonbuf.h"

bool jb_reserve(struct jsonbuf *b, size_t n)
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

/* cJSON's escape for byte c (below 32, '"' or '\\') at out; its length */
static size_t escape(unsigned char c, char *out)
{
	static const char hex[] = "0123456789abcdef";
	char short_form = c == '"' ? '"' : c == '\\' ? '\\' : c == '\b' ? 'b' : c == '\f' ? 'f'
	                : c == '\n' ? 'n' : c == '\r' ? 'r' : c == '\t' ? 't' : 0;
	out[0] = '\\';
	if (short_form) {
		out[1] = short_form;
		return 2;
	}
	memcpy(out + 1, "u00", 3);
	out[4] = hex[c >> 4];
	out[5] = hex[c & 15];
	return 6;
}

void jb_string(struct jsonbuf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t n = strlen((const char *)p);
	char *o;
	/* room for the worst case (every byte a \u00XX) once, not per byte */
	if (!jb_reserve(b, 6 * n + 2))
		return;
	o = b->data + b->len;
	*o++ = '"';
	for (; *p; p++) {
		if (*p >= 32 && *p != '"' && *p != '\\')
			*o++ = (char)*p;
		else
			o += escape(*p, o);
	}
	*o++ = '"';
	b->len = (size_t)(o - b->data);
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
	if (jb_reserve(b, 0)) {
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
