/* files/sniff.h - find the delimiter and the header line in the opening bytes of
 * a (UTF-8) CSV file: Excel's "sep=;" line, preamble lines such as the
 * "Notes:" block LinkedIn puts before its header, and the delimiter among
 * , ; tab | . Pure functions on a buffer; nothing here reads files. */
#ifndef APOLLO_SNIFF_H
#define APOLLO_SNIFF_H

#include <stdbool.h>
#include <stddef.h>

/* Tells whether a header cell names a column some mapping profile knows. */
typedef bool (*sniff_known_header_fn)(const char *cell, size_t len, void *ctx);

struct sniff_result {
	char delimiter;
	bool delimiter_from_sep_line;   /* the file said "sep=X" */
	size_t header_offset;           /* byte offset of the header line */
	unsigned long header_line;      /* its physical line number, 1-based */
};

/* forced_delim: 0 to detect. at_eof: the sample is the whole file. */
void sniff_csv(const char *sample, size_t len, bool at_eof, char forced_delim,
               sniff_known_header_fn known, void *ctx, struct sniff_result *out);

#endif
