/* files/xml_scan.c - the worksheet XML scanner; see files/xml_scan.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/utf8.h"
#include "files/xml_scan.h"

#define SCAN_CHUNK (64 * 1024)

void xml_scan_init(struct xml_scan *s, xml_scan_read_fn read, void *ctx)
{
	memset(s, 0, sizeof *s);
	s->read = read;
	s->ctx = ctx;
	dynbuf_init(&s->atts, 64 * 1024);
	dynbuf_init(&s->text, (size_t)-1);
}

void xml_scan_free(struct xml_scan *s)
{
	free(s->buf);
	s->buf = NULL;
	dynbuf_free(&s->atts);
	dynbuf_free(&s->text);
}

static enum xml_event fail(struct xml_scan *s, const char *why)
{
	snprintf(s->error, sizeof s->error, "%s", why);
	return XML_SCAN_ERROR;
}

/* More input after what is unread. 1 read some, 0 at the end, -1 error. */
static int more(struct xml_scan *s)
{
	long n;
	if (s->eof)
		return 0;
	if (s->pos > 0) {
		memmove(s->buf, s->buf + s->pos, s->len - s->pos);
		s->len -= s->pos;
		s->pos = 0;
	}
	if (s->cap - s->len < SCAN_CHUNK) {
		size_t nc = s->cap ? s->cap * 2 : 2 * SCAN_CHUNK;
		char *nb;
		if (nc > XML_SCAN_MAX_TAG + 2 * SCAN_CHUNK) {
			fail(s, "a tag is longer than 16 MiB");
			return -1;
		}
		nb = realloc(s->buf, nc + 1);
		if (!nb) {
			fail(s, "out of memory");
			return -1;
		}
		s->buf = nb;
		s->cap = nc;
	}
	n = s->read(s->ctx, s->buf + s->len, s->cap - s->len);
	if (n < 0) {
		fail(s, "the part cannot be read");
		return -1;
	}
	if (n == 0) {
		s->eof = true;
		return 0;
	}
	s->len += (size_t)n;
	__atomic_add_fetch(&s->consumed, (unsigned long long)n, __ATOMIC_RELAXED);
	s->buf[s->len] = '\0';
	return 1;
}

/* The entity at p (after its '&', up to `end`): its UTF-8 into out, its
 * length (to the ';') into *used. 0 when it is not one; -1 when the input
 * ends inside it. */
static int entity(const char *p, const char *end, char out[4], size_t *used)
{
	const char *semi = memchr(p, ';', (size_t)(end - p) < 12 ? (size_t)(end - p) : 12);
	size_t len;
	unsigned long cp = 0;

	if (!semi)
		return end - p < 12 ? -1 : 0;
	len = (size_t)(semi - p);
	*used = len + 1;
	if (len == 2 && p[0] == 'l' && p[1] == 't')
		return out[0] = '<', 1;
	if (len == 2 && p[0] == 'g' && p[1] == 't')
		return out[0] = '>', 1;
	if (len == 3 && memcmp(p, "amp", 3) == 0)
		return out[0] = '&', 1;
	if (len == 4 && memcmp(p, "quot", 4) == 0)
		return out[0] = '"', 1;
	if (len == 4 && memcmp(p, "apos", 4) == 0)
		return out[0] = '\'', 1;
	if (len >= 2 && p[0] == '#') {
		bool hex = p[1] == 'x';
		for (size_t i = hex ? 2 : 1; i < len; i++) {
			char c = p[i];
			int d = c >= '0' && c <= '9' ? c - '0'
			      : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
			      : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
			if (d < 0 || cp > 0x10FFFF)
				return 0;
			cp = cp * (hex ? 16 : 10) + (unsigned long)d;
		}
		if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		return (int)utf8_put(out, cp);
	}
	return 0;
}

/* Raw text (not a character reference) into s->text with CR LF and a lone
 * CR made LF, as XML reads them: a CR that is data comes as &#13; or as
 * Excel's _x000D_. A CR ending one piece and an LF starting the next are
 * one line end. */
static bool add_raw_text(struct xml_scan *s, const char *p, size_t n)
{
	const char *cr = memchr(p, '\r', n);
	if (!cr && !(s->after_cr && n && p[0] == '\n')) {
		s->after_cr = false;
		return n == 0 || dynbuf_add(&s->text, p, n);
	}
	for (size_t i = 0; i < n; i++) {
		char c = p[i];
		if (c == '\n' && s->after_cr) {
			s->after_cr = false;
			continue;
		}
		s->after_cr = c == '\r';
		if (!dynbuf_addc(&s->text, s->after_cr ? '\n' : c))
			return false;
	}
	return true;
}

/* Text from pos up to the next '<' (or what the buffer holds), decoded into
 * s->text. 1 some text, 0 none here, -1 error. */
static int text_run(struct xml_scan *s)
{
	const char *p = s->buf + s->pos, *end = s->buf + s->len;
	const char *lt = memchr(p, '<', (size_t)(end - p));
	const char *stop = lt ? lt : end;

	dynbuf_reset(&s->text);
	if (!s->want_text) {
		s->pos = (size_t)(stop - s->buf);
		return 0;
	}
	while (p < stop) {
		const char *amp = memchr(p, '&', (size_t)(stop - p));
		const char *upto = amp ? amp : stop;
		char ent[4];
		size_t used = 0;
		int n;

		if (upto > p && !add_raw_text(s, p, (size_t)(upto - p)))
			return fail(s, "out of memory"), -1;
		p = upto;
		if (!amp)
			break;
		n = entity(p + 1, end, ent, &used);
		if (n < 0 && !s->eof)
			break;   /* cut by the buffer's end: the rest after more input */
		if (n <= 0)
			return fail(s, "an unknown entity or a lone & in the text"), -1;
		s->after_cr = false;
		if (!dynbuf_add(&s->text, ent, (size_t)n))
			return fail(s, "out of memory"), -1;
		p += 1 + used;
	}
	s->pos = (size_t)(p - s->buf);
	return s->text.len > 0;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void set_name(struct xml_scan *s, const char *p, size_t len)
{
	const char *colon = memchr(p, ':', len);
	if (colon) {
		len -= (size_t)(colon + 1 - p);
		p = colon + 1;
	}
	if (len >= sizeof s->name)
		len = sizeof s->name - 1;
	memcpy(s->name, p, len);
	s->name[len] = '\0';
}

/* a value's text, entities decoded, into s->atts; its offset */
static bool add_value(struct xml_scan *s, const char *p, const char *end, size_t *at)
{
	*at = s->atts.len;
	while (p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		const char *upto = amp ? amp : end;
		char ent[4];
		size_t used = 0;
		int n;
		if (!dynbuf_add(&s->atts, p, (size_t)(upto - p)))
			return false;
		if (!amp)
			break;
		n = entity(amp + 1, end, ent, &used);
		if (n <= 0)
			return false;
		if (!dynbuf_add(&s->atts, ent, (size_t)n))
			return false;
		p = amp + 1 + used;
	}
	return dynbuf_addc(&s->atts, '\0');
}

/* A tag starting at pos ('<'), whole in the buffer: the event, or 0 when
 * the buffer ends inside it (more input is needed). */
static int tag(struct xml_scan *s)
{
	char *p = s->buf + s->pos + 1, *end = s->buf + s->len;
	size_t offs[XML_SCAN_ATTS * 2];
	char *q;

	if (p >= end)
		return 0;
	if (*p == '!') {
		const char *close;
		if (end - p >= 3 && p[1] == '-' && p[2] == '-') {
			close = memmem(p + 3, (size_t)(end - p - 3), "-->", 3);
			if (!close)
				return 0;
			s->pos = (size_t)(close + 3 - s->buf);
			return -2;   /* skipped */
		}
		if (end - p >= 8 && memcmp(p, "![CDATA[", 8) == 0) {
			close = memmem(p + 8, (size_t)(end - p - 8), "]]>", 3);
			if (!close)
				return 0;
			dynbuf_reset(&s->text);
			if (!s->want_text) {
				s->pos = (size_t)(close + 3 - s->buf);
				return -2;
			}
			if (!dynbuf_add(&s->text, p + 8, (size_t)(close - (p + 8))))
				return fail(s, "out of memory");
			s->pos = (size_t)(close + 3 - s->buf);
			return XML_SCAN_TEXT;
		}
		if (end - p < 8)
			return 0;
		return fail(s, "the part has a DOCTYPE or another declaration no sheet has");
	}
	if (*p == '?') {
		const char *close = memmem(p + 1, (size_t)(end - p - 1), "?>", 2);
		if (!close)
			return 0;
		s->pos = (size_t)(close + 2 - s->buf);
		return -2;
	}
	if (*p == '/') {
		char *gt = memchr(p, '>', (size_t)(end - p));
		if (!gt)
			return 0;
		q = p + 1;
		while (q < gt && !is_space(*q))
			q++;
		set_name(s, p + 1, (size_t)(q - (p + 1)));
		s->pos = (size_t)(gt + 1 - s->buf);
		return XML_SCAN_END;
	}
	/* a start tag: its name, then name="value" pairs, then > or /> */
	q = p;
	while (q < end && !is_space(*q) && *q != '>' && *q != '/')
		q++;
	if (q >= end)
		return 0;
	set_name(s, p, (size_t)(q - p));
	s->natts = 0;
	dynbuf_reset(&s->atts);
	for (;;) {
		char *an, quote, *vend;
		size_t anl, at, nat;
		while (q < end && is_space(*q))
			q++;
		if (q >= end)
			return 0;
		if (*q == '>') {
			s->pos = (size_t)(q + 1 - s->buf);
			break;
		}
		if (*q == '/') {
			if (q + 1 >= end)
				return 0;
			if (q[1] != '>')
				return fail(s, "a / inside a tag");
			s->pending_end = true;
			s->pos = (size_t)(q + 2 - s->buf);
			break;
		}
		an = q;
		while (q < end && *q != '=' && !is_space(*q) && *q != '>' && *q != '/')
			q++;
		anl = (size_t)(q - an);
		while (q < end && is_space(*q))
			q++;
		if (q >= end)
			return 0;
		if (*q != '=' || anl == 0)
			return fail(s, "an attribute without a value");
		q++;
		while (q < end && is_space(*q))
			q++;
		if (q >= end)
			return 0;
		quote = *q;
		if (quote != '"' && quote != '\'')
			return fail(s, "an attribute value without quotes");
		vend = memchr(q + 1, quote, (size_t)(end - q - 1));
		if (!vend)
			return 0;
		if (s->natts < XML_SCAN_ATTS) {
			nat = s->atts.len;
			if (dynbuf_add(&s->atts, an, anl) && dynbuf_addc(&s->atts, '\0') &&
			    add_value(s, q + 1, vend, &at)) {
				offs[2 * s->natts] = nat;
				offs[2 * s->natts + 1] = at;
				s->natts++;
			} else {
				/* too long to keep (or not decodable): left out */
				s->atts.len = nat;
				if (s->atts.data)
					s->atts.data[nat] = '\0';
			}
		}
		q = vend + 1;
	}
	for (size_t i = 0; i < s->natts; i++) {
		s->att_name[i] = s->atts.data + offs[2 * i];
		s->att_value[i] = s->atts.data + offs[2 * i + 1];
	}
	return XML_SCAN_START;
}

enum xml_event xml_scan_next(struct xml_scan *s)
{
	if (s->pending_end) {
		s->pending_end = false;
		return XML_SCAN_END;
	}
	for (;;) {
		int rc;
		if (s->pos >= s->len) {
			rc = more(s);
			if (rc < 0)
				return XML_SCAN_ERROR;
			if (rc == 0)
				return XML_SCAN_END_OF_INPUT;
		}
		if (!s->started) {
			unsigned char *u = (unsigned char *)s->buf;
			if (s->len < 4 && !s->eof) {
				if (more(s) < 0)
					return XML_SCAN_ERROR;
				continue;
			}
			s->started = true;
			if (s->len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF) ||
			                    u[0] == 0 || u[1] == 0))
				return fail(s, "the sheet's XML is UTF-16, which apollo-csv does not read");
			if (s->len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
				s->pos = 3;
			continue;
		}
		if (s->buf[s->pos] != '<') {
			size_t before = s->pos;
			rc = text_run(s);
			if (rc < 0)
				return XML_SCAN_ERROR;
			if (rc > 0)
				return XML_SCAN_TEXT;
			if (s->pos == before && more(s) <= 0) {
				if (s->eof)
					return fail(s, "the part ends inside an entity");
				return XML_SCAN_ERROR;
			}
			continue;
		}
		s->after_cr = false;   /* a tag between a CR and an LF: two line ends */
		rc = tag(s);
		if (rc == XML_SCAN_ERROR)
			return XML_SCAN_ERROR;
		if (rc == -2)
			continue;
		if (rc > 0)
			return (enum xml_event)rc;
		/* the tag is cut by the buffer's end */
		rc = more(s);
		if (rc < 0)
			return XML_SCAN_ERROR;
		if (rc == 0)
			return fail(s, "the part ends inside a tag");
	}
}

const char *xml_scan_att(const struct xml_scan *s, const char *name)
{
	for (size_t i = 0; i < s->natts; i++)
		if (strcmp(s->att_name[i], name) == 0)
			return s->att_value[i];
	return NULL;
}
