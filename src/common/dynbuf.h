/* common/dynbuf.h - a growable byte buffer with a maximum size (after curl's
 * dynbuf): CSV fields, records and HTTP bodies never grow without bound. */
#ifndef APOLLO_DYNBUF_H
#define APOLLO_DYNBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

struct dynbuf {
	char *data;     /* always NUL-terminated when len > 0 or after dynbuf_cstr */
	size_t len;
	size_t alloc;
	size_t max;     /* dynbuf_add fails past this many bytes */
};

void dynbuf_init(struct dynbuf *b, size_t max);
void dynbuf_free(struct dynbuf *b);
void dynbuf_reset(struct dynbuf *b);
/* false when the result would exceed max or memory ran out; b is unchanged */
bool dynbuf_add_slow(struct dynbuf *b, const void *data, size_t len);
static inline bool dynbuf_add(struct dynbuf *b, const void *data, size_t len)
{
	/* the common case: it fits in what is allocated */
	if (len < b->alloc - b->len && b->len + len <= b->max) {
		if (len)
			memcpy(b->data + b->len, data, len);
		b->len += len;
		b->data[b->len] = '\0';
		return true;
	}
	return dynbuf_add_slow(b, data, len);
}
/* one byte; inline because clean-up and writers call it per character */
static inline bool dynbuf_addc(struct dynbuf *b, char c)
{
	if (b->len + 1 < b->alloc && b->len < b->max) {
		b->data[b->len++] = c;
		b->data[b->len] = '\0';
		return true;
	}
	return dynbuf_add_slow(b, &c, 1);
}
/* a C string view of the contents (valid until the next change) */
const char *dynbuf_cstr(struct dynbuf *b);

#endif
