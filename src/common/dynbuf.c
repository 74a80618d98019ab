#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "common/dynbuf.h"

void dynbuf_init(struct dynbuf *b, size_t max)
{
	b->data = NULL;
	b->len = b->alloc = 0;
	b->max = max;
}

void dynbuf_free(struct dynbuf *b)
{
	free(b->data);
	dynbuf_init(b, b->max);
}

void dynbuf_reset(struct dynbuf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

bool dynbuf_add_slow(struct dynbuf *b, const void *data, size_t len)
{
	size_t need;

	if (len > b->max || b->len > b->max - len)
		return false;
	need = b->len + len + 1;
	if (need > b->alloc) {
		size_t na = b->alloc ? b->alloc : 64;
		char *nd;
		while (na < need)
			na *= 2;
		nd = realloc(b->data, na);
		if (!nd)
			return false;
		b->data = nd;
		b->alloc = na;
	}
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
	return true;
}

const char *dynbuf_cstr(struct dynbuf *b)
{
	if (!b->data)
		return "";
	return b->data;
}
