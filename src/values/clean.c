#include "config.h"

#include <string.h>
#include <strings.h>

#include "values/clean.h"

static size_t space_len(const char *s, size_t len)
{
	if (len >= 1 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r'))
		return 1;
	if (len >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
		return 2; /* U+00A0, pasted from web pages */
	return 0;
}

/* true when s[0..len) has a run of white space (or any tab, line end or
 * no-break space) that clean_text would fold */
static bool needs_folding(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ') {
			if (i + 1 < len && s[i + 1] == ' ')
				return true;
		} else if (c == '\t' || c == '\n' || c == '\r' || c == 0xC2) {
			if (c != 0xC2 || (i + 1 < len && (unsigned char)s[i + 1] == 0xA0))
				return true;
		}
	}
	return false;
}

void clean_text(const char *in, size_t len, struct dynbuf *out)
{
	size_t i = 0;
	bool pending_space = false;

	dynbuf_reset(out);
	/* the common case: trim the ends, copy the rest at once */
	for (size_t sl; (sl = space_len(in, len)) != 0; in += sl, len -= sl)
		;
	while (len > 0 && (in[len - 1] == ' ' || in[len - 1] == '\t' || in[len - 1] == '\n' ||
	                   in[len - 1] == '\r' ||
	                   (len >= 2 && (unsigned char)in[len - 2] == 0xC2 &&
	                    (unsigned char)in[len - 1] == 0xA0)))
		len -= (unsigned char)in[len - 1] == 0xA0 ? 2 : 1;
	if (!needs_folding(in, len)) {
		dynbuf_add(out, in, len);
		dynbuf_cstr(out);
		return;
	}
	while (i < len) {
		size_t sl = space_len(in + i, len - i);
		if (sl) {
			pending_space = out->len > 0;
			i += sl;
			continue;
		}
		if (pending_space)
			dynbuf_addc(out, ' ');
		pending_space = false;
		dynbuf_addc(out, in[i++]);
	}
	dynbuf_cstr(out);
}

static void lower_ascii(struct dynbuf *b)
{
	for (size_t i = 0; i < b->len; i++)
		if (b->data[i] >= 'A' && b->data[i] <= 'Z')
			b->data[i] = (char)(b->data[i] - 'A' + 'a');
}

void clean_email(const char *in, size_t len, struct dynbuf *out)
{
	const char *lt, *gt;
	clean_text(in, len, out);
	lt = out->len ? memchr(out->data, '<', out->len) : NULL;
	gt = lt ? memchr(lt, '>', out->len - (size_t)(lt - out->data)) : NULL;
	if (lt && gt && gt > lt + 1) {
		size_t n = (size_t)(gt - lt - 1);
		memmove(out->data, lt + 1, n);
		out->len = n;
		out->data[n] = '\0';
	}
	if (out->len >= 7 && strncasecmp(out->data, "mailto:", 7) == 0) {
		memmove(out->data, out->data + 7, out->len - 7);
		out->len -= 7;
		out->data[out->len] = '\0';
	}
	lower_ascii(out);
}

void clean_phone(const char *in, size_t len, struct dynbuf *out)
{
	size_t k = 0;
	clean_text(in, len, out);
	while (k < out->len && out->data[k] == '\'')
		k++;
	if (k) {
		memmove(out->data, out->data + k, out->len - k);
		out->len -= k;
		out->data[out->len] = '\0';
	}
}

void clean_domain(const char *in, size_t len, struct dynbuf *out)
{
	size_t start = 0, end;
	const char *d;

	clean_text(in, len, out);
	lower_ascii(out);
	d = dynbuf_cstr(out);
	if (strncmp(d, "http://", 7) == 0)
		start = 7;
	else if (strncmp(d, "https://", 8) == 0)
		start = 8;
	else if (strncmp(d, "//", 2) == 0)
		start = 2;
	if (strncmp(d + start, "www.", 4) == 0)
		start += 4;
	end = start;
	while (end < out->len && !strchr("/?#: ", d[end]))
		end++;
	while (end > start && d[end - 1] == '.')
		end--;
	memmove(out->data, d + start, end - start);
	out->len = end - start;
	dynbuf_cstr(out);
	if (out->data)
		out->data[out->len] = '\0';
}

void clean_lower(const char *in, size_t len, struct dynbuf *out)
{
	clean_text(in, len, out);
	lower_ascii(out);
}

/* what a match key keeps of byte c: letters lower-cased, digits and every
 * byte of a non-ASCII letter as they are; 0 for what it drops */
static char key_char(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return (char)(c - 'A' + 'a');
	if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80)
		return (char)c;
	return 0;
}

void clean_match_key(const char *in, size_t len, struct dynbuf *out)
{
	dynbuf_reset(out);
	for (size_t i = 0; i < len; i++) {
		char k = key_char((unsigned char)in[i]);
		if (k)
			dynbuf_addc(out, k);
	}
	dynbuf_cstr(out);
}

void clean_match_key_into(const char *in, size_t len, char *out, size_t size)
{
	size_t o = 0;
	for (size_t i = 0; i < len && o + 1 < size; i++) {
		char k = key_char((unsigned char)in[i]);
		if (k)
			out[o++] = k;
	}
	out[o] = '\0';
}

char *clean_line(char *s)
{
	char *e;
	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}
