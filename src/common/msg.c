/* common/msg.c - the message module: one format for every diagnostic, the API key
 * never printed. */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/msg.h"
#include "common/run_summary.h"

static bool quiet;
/* The keys to keep out of every message: each one registered, for the
 * process's life (serve's page may give a new key; the one before must
 * stay hidden too), read and added under a lock (serve answers requests on
 * several threads). */
#define SECRETS_MAX 8
static char *secrets[SECRETS_MAX];
static size_t nsecrets;
static pthread_mutex_t secrets_mu = PTHREAD_MUTEX_INITIALIZER;
static char *sheet_file, *sheet_ref;   /* a workbook's positions are cell references */

void msg_set_quiet(bool q)
{
	quiet = q;
}

void msg_register_secret(const char *s)
{
	if (!s || !*s)
		return;
	pthread_mutex_lock(&secrets_mu);
	for (size_t i = 0; i < nsecrets; i++)
		if (strcmp(secrets[i], s) == 0) {
			pthread_mutex_unlock(&secrets_mu);
			return;
		}
	if (nsecrets == SECRETS_MAX) {
		/* the oldest makes room (eight keys in one process is a test's doing) */
		free(secrets[0]);
		memmove(secrets, secrets + 1, (SECRETS_MAX - 1) * sizeof *secrets);
		nsecrets--;
	}
	if ((secrets[nsecrets] = strdup(s)))
		nsecrets++;
	pthread_mutex_unlock(&secrets_mu);
}

void msg_set_sheet(const char *file, const char *sheet)
{
	bool plain = sheet && *sheet;
	size_t o = 0;

	free(sheet_file);
	free(sheet_ref);
	sheet_file = sheet_ref = NULL;
	if (!file || !sheet)
		return;
	/* Excel's form: Leads!C7, or 'Q4 leads'!C7 when the name needs quotes */
	for (const char *p = sheet; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		      (*p >= '0' && *p <= '9') || *p == '_' || (unsigned char)*p >= 0x80))
			plain = false;
	sheet_ref = malloc(2 * strlen(sheet) + 3);
	sheet_file = strdup(file);
	if (!sheet_ref || !sheet_file) {
		free(sheet_ref);
		free(sheet_file);
		sheet_file = sheet_ref = NULL;
		return;
	}
	if (!plain)
		sheet_ref[o++] = '\'';
	for (const char *p = sheet; *p; p++) {
		if (*p == '\'')
			sheet_ref[o++] = '\'';
		sheet_ref[o++] = *p;
	}
	if (!plain)
		sheet_ref[o++] = '\'';
	sheet_ref[o] = '\0';
}

static void column_letters(unsigned long col, char out[8])
{
	char rev[8];
	int n = 0, o = 0;
	while (col > 0 && n < 7) {
		col--;
		rev[n++] = (char)('A' + col % 26);
		col /= 26;
	}
	while (n > 0)
		out[o++] = rev[--n];
	out[o] = '\0';
}

char *msg_format_pos(char *buf, unsigned long size, const struct msg_pos *pos)
{
	int n = snprintf(buf, size, "apollo-csv: ");
	if (pos && pos->file && n >= 0 && (unsigned long)n < size && pos->line && sheet_file &&
	    strcmp(pos->file, sheet_file) == 0) {
		char letters[8];
		column_letters(pos->col, letters);
		if (pos->col)
			snprintf(buf + n, size - n, "%s:%s!%s%lu: ", pos->file, sheet_ref, letters, pos->line);
		else
			snprintf(buf + n, size - n, "%s:%s row %lu: ", pos->file, sheet_ref, pos->line);
	} else if (pos && pos->file && n >= 0 && (unsigned long)n < size) {
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
	pthread_mutex_lock(&secrets_mu);
	for (size_t i = 0; i < nsecrets; i++) {
		const char *secret = secrets[i];
		size_t slen = strlen(secret);
		char *hit;
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
	pthread_mutex_unlock(&secrets_mu);
}

static void (*before_message)(void);

/* kind: NULL for an error, "warning: ", or "" for information, which the
 * run's summary leaves out */
static void vemit(const struct msg_pos *pos, const char *kind, const char *fmt, va_list ap)
{
	static const char prefix[] = "apollo-csv: ";
	char line[4096];
	size_t n;

	msg_format_pos(line, sizeof line, pos);
	n = strlen(line);
	if (kind)
		n += (size_t)snprintf(line + n, sizeof line - n, "%s", kind);
	if (n < sizeof line)
		vsnprintf(line + n, sizeof line - n, fmt, ap);
	msg_redact(line, sizeof line);
	if (before_message)
		before_message();
	fprintf(stderr, "%s\n", line);
	if (!kind || *kind)
		run_summary_message(!kind, line + sizeof prefix - 1);
}

void msg_set_before(void (*fn)(void))
{
	before_message = fn;
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
	vemit(NULL, "", fmt, ap);
	va_end(ap);
}
