/* jsonbuf.h - JSON text written straight into a growing buffer, byte for
 * byte as cJSON_PrintUnformatted would write it. For replies too large and
 * too frequent to build as cJSON trees first (bulk_create's items): a tree
 * costs a malloc per value, the text one realloc now and then. */
#ifndef SANDBOX_JSONBUF_H
#define SANDBOX_JSONBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <cjson/cJSON.h>

struct jsonbuf {
	char *data;
	size_t len, cap;
	bool oom;          /* a write failed: jb_take gives NULL */
};

/* room for n more bytes (and a NUL); false when out of memory */
bool jb_reserve(struct jsonbuf *b, size_t n);
/* text as it is (punctuation, keys known to need no escaping); inline, as
 * a reply makes thousands of these small writes */
static inline void jb_raw(struct jsonbuf *b, const char *text, size_t len)
{
	if (b->len + len + 1 > b->cap && !jb_reserve(b, len))
		return;
	memcpy(b->data + b->len, text, len);
	b->len += len;
}
#define jb_lit(b, literal) jb_raw((b), (literal), sizeof(literal) - 1)
/* a quoted string, escaped as cJSON escapes it */
void jb_string(struct jsonbuf *b, const char *s);
/* any value (NULL writes null) */
void jb_value(struct jsonbuf *b, const cJSON *v);
/* the text (malloc'd, NUL-terminated; the caller frees it), or NULL when
 * out of memory; the buffer is empty afterwards */
char *jb_take(struct jsonbuf *b);
void jb_free(struct jsonbuf *b);

#endif
