/* common/msg.h - every diagnostic apollo-csv prints goes through here.
 *
 * One form: "apollo-csv: FILE:LINE:COL: message", with the parts that are not
 * known left out ("apollo-csv: FILE:LINE: message", "apollo-csv: message").
 * LINE is the physical line in the file (1 = first line), COL the spreadsheet
 * column (1 = column A). In a workbook registered with msg_set_sheet the
 * position is the sheet's cell: "apollo-csv: FILE:Leads!C17: message", or
 * "FILE:Leads row 17: " without a column. */
#ifndef APOLLO_MSG_H
#define APOLLO_MSG_H

#include <stdarg.h>
#include <stdbool.h>

struct msg_pos {
	const char *file;    /* NULL: no file */
	unsigned long line;  /* 0: unknown */
	unsigned long col;   /* 0: unknown */
};

void msg_set_quiet(bool quiet);
/* Positions in `file` are in the workbook sheet `sheet` (NULL: none). */
void msg_set_sheet(const char *file, const char *sheet);

/* errors and warnings always print, even when quiet */
void msg_error(const struct msg_pos *pos, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void msg_warn(const struct msg_pos *pos, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* information (summaries) is silenced by --quiet */
void msg_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The API key is redacted from every message: register it (each key given
 * to the process stays redacted; safe from any thread). */
void msg_register_secret(const char *secret);
/* The same for text that goes elsewhere (Apollo's words in a results
 * file): every occurrence of the secret in text[0..size) is masked. */
void msg_redact(char *text, size_t size);

/* fn runs before each message is printed (the progress display clears
 * its lines there, to draw them again below the message); NULL: none. */
void msg_set_before(void (*fn)(void));

/* "apollo-csv: FILE:LINE:COL: " into buf; returns buf */
char *msg_format_pos(char *buf, unsigned long size, const struct msg_pos *pos);

#endif
