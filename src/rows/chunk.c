/* rows/chunk.c - see rows/chunk.h. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rows/chunk.h"

#define BLOCK_SIZE (256 * 1024)

struct arena_block {
	struct arena_block *next;
	size_t used, size;
	char data[];
};

static void *arena_alloc(struct chunk *c, size_t n)
{
	struct arena_block *b = c->blocks;
	n = (n + 15) & ~(size_t)15;
	if (!b || b->size - b->used < n) {
		size_t size = n > BLOCK_SIZE ? n : BLOCK_SIZE;
		b = malloc(sizeof *b + size);
		if (!b)
			return NULL;
		b->size = size;
		b->used = 0;
		b->next = c->blocks;
		c->blocks = b;
	}
	b->used += n;
	return b->data + b->used - n;
}

void chunk_init(struct chunk *c)
{
	memset(c, 0, sizeof *c);
}

void chunk_reset(struct chunk *c)
{
	/* keep one block for the next chunk */
	while (c->blocks && c->blocks->next) {
		struct arena_block *n = c->blocks->next;
		free(c->blocks);
		c->blocks = n;
	}
	if (c->blocks)
		c->blocks->used = 0;
	c->n = c->nsend = 0;
}

void chunk_free(struct chunk *c)
{
	while (c->blocks) {
		struct arena_block *n = c->blocks->next;
		free(c->blocks);
		c->blocks = n;
	}
	free(c->rows);
	memset(c, 0, sizeof *c);
}

const char *chunk_strdup(struct chunk *c, const char *s)
{
	size_t n;
	char *p;
	if (!s)
		return NULL;
	n = strlen(s) + 1;
	if ((p = arena_alloc(c, n)))
		memcpy(p, s, n);
	return p ? p : "";
}

const char *chunk_trimmed(struct chunk *c, const char *s)
{
	size_t n;
	char *p;
	if (!s)
		return NULL;
	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (!(p = arena_alloc(c, n + 1)))
		return "";
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

const char *chunk_printf(struct chunk *c, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return chunk_strdup(c, buf);
}

struct held_row *chunk_hold(struct chunk *c, const struct csv_record *rec)
{
	struct held_row *h;
	size_t total = 0;
	char *text;
	const char **fields;
	size_t *lens;

	if (c->n == c->cap) {
		size_t ncap = c->cap ? c->cap * 2 : 256;
		struct held_row *n = realloc(c->rows, ncap * sizeof *n);
		if (!n)
			return NULL;
		c->rows = n;
		c->cap = ncap;
	}
	for (size_t i = 0; i < rec->nfields; i++)
		total += rec->lens[i] + 1;
	fields = arena_alloc(c, (rec->nfields + 1) * sizeof *fields);
	lens = arena_alloc(c, (rec->nfields + 1) * sizeof *lens);
	text = arena_alloc(c, total + rec->raw_len + 1);
	if (!fields || !lens || !text)
		return NULL;
	h = &c->rows[c->n++];
	memset(h, 0, sizeof *h);
	h->rec = *rec;
	for (size_t i = 0; i < rec->nfields; i++) {
		memcpy(text, rec->fields[i], rec->lens[i]);
		text[rec->lens[i]] = '\0';
		fields[i] = text;
		lens[i] = rec->lens[i];
		text += rec->lens[i] + 1;
	}
	if (rec->raw)
		memcpy(text, rec->raw, rec->raw_len);
	text[rec->raw_len] = '\0';
	h->rec.fields = fields;
	h->rec.lens = lens;
	h->rec.raw = rec->raw ? text : NULL;
	h->rec.error = chunk_strdup(c, rec->error);
	return h;
}

struct held_row *chunk_hold_result(struct chunk *c, const struct csv_record *rec, const struct row_result *res)
{
	struct held_row *h = chunk_hold(c, rec);
	if (!h)
		return NULL;
	h->res = *res;
	h->res.reason = chunk_strdup(c, res->reason);
	h->res.contact_id = chunk_strdup(c, res->contact_id);
	h->res.account_id = chunk_strdup(c, res->account_id);
	h->res.sequence_status = chunk_strdup(c, res->sequence_status);
	h->res.sequence_reason = chunk_strdup(c, res->sequence_reason);
	h->res.record_id = chunk_strdup(c, res->record_id);
	h->res.count = chunk_strdup(c, res->count);
	return h;
}
