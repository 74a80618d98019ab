/* common/msg.c - the message module: one format for every diagnostic, the API key
 * never printed. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/msg.h"

static bool quiet;
static char *secret;

void msg_set_quiet(bool q)
{
	quiet = q;
}

void msg_register_secret(const char *s)
{
	free(secret);
	secret = (s && *s) ? strdup(s) : NULL;
}

char *msg_format_pos(char *buf, unsigned long size, const struct msg_pos *pos)
{
	int n = snprintf(buf, size, "apollo-csv: ");
	if (pos && pos->file && n >= 0 && (unsigned long)n < size) {
		if (pos->line && pos->col)
			snprintf(buf + n, size - n, "%s:%lu:%lu: ", pos->file, pos->line, pos->col);
		else if (pos->line)
			snprintf(buf + n, size - n, "%s:%lu: ", pos->file, pos->line);
		else
			snprintf(buf + n, size - n, "%s: ", pos->file);
	}
	return buf;
}

/* Replace every occurrence of the registered secret with "[REDACTED]". */
void msg_redact(char *text, size_t size)
{
	size_t slen;
	char *hit;

	if (!secret)
		return;
	slen = strlen(secret);
	while ((hit = strstr(text, secret)) != NULL) {
		static const char mask[] = "[REDACTED]";
		size_t tail = strlen(hit + slen) + 1;
		size_t mlen = sizeof mask - 1;
		if ((size_t)(hit - text) + mlen + tail > size)
			mlen = 0;
		memmove(hit + mlen, hit + slen, tail);
		memcpy(hit, mask, mlen);
	}
}

static void vemit(const struct msg_pos *pos, const char *kind, const char *fmt, va_list ap)
{
	char line[4096];
	size_t n;

	msg_format_pos(line, sizeof line, pos);
	n = strlen(line);
	if (kind)
		n += (size_t)snprintf(line + n, sizeof line - n, "%s", kind);
	if (n < sizeof line)
		vsnprintf(line + n, sizeof line - n, fmt, ap);
	msg_redact(line, sizeof line);
	fprintf(stderr, "%s\n", line);
}

void msg_error(const struct msg_pos *pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vemit(pos, NULL, fmt, ap);
	va_end(ap);
}

void msg_warn(const struct msg_pos *pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vemit(pos, "warning: ", fmt, ap);
	va_end(ap);
}

void msg_info(const char *fmt, ...)
{
	va_list ap;
	if (quiet)
		return;
	va_start(ap, fmt);
	vemit(NULL, NULL, fmt, ap);
	va_end(ap);
}
