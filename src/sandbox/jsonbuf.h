/* jsonbuf.h - JSON text written straight into a growing buffer, byte for
 * byte as cJSON_PrintUnformatted would write it. For replies too large and
 * too frequent to build as cJSON trees first (bulk_create's items): a tree
 * costs a malloc per value, the text one realloc now and then. */
#ifndef SANDBOX_JSONBUF_H
#define SANDBOX_JSONBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <cjson/cJSON.h>

struct jsonbuf {
	char *data;
	size_t len, cap;
	bool oom;          /* a write failed: jb_take gives NULL */
};

/* text as it is (punctuation, keys known to need no escaping) */
void jb_raw(struct jsonbuf *b, const char *text, size_t len);
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
