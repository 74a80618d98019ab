/* files/input.h - the byte source under the CSV reader.
 *
 * One path for a plain file, a gzip file (found by its magic bytes, not its
 * name; concatenated members too) and "-" for standard input. The input is
 * sniffed for its encoding and handed on as UTF-8: a UTF-8 BOM is dropped,
 * UTF-16 (with a BOM, or recognised by its zero bytes) is converted, and a
 * file whose opening bytes are not valid UTF-8 is read as Windows-1252.
 * Stray invalid bytes later in a UTF-8 file are read as Windows-1252 too and
 * counted, so nothing is silently dropped. */
#ifndef APOLLO_INPUT_H
#define APOLLO_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <zlib.h>

#include "common/fill_ahead.h"

enum encoding {
	ENC_AUTO = 0,
	ENC_UTF8,
	ENC_UTF16LE,
	ENC_UTF16BE,
	ENC_CP1252,
	ENC_LATIN1
};

#define INPUT_RAW_SIZE (64 * 1024)
#define INPUT_BLOCKS 4

struct input {
	const char *path;        /* as given; "-" is standard input */
	const char *name;        /* for messages */
	gzFile gz;
	bool compressed;
	enum encoding enc;
	bool had_bom;
	bool sniffed_legacy;     /* not UTF-8: detected, not asked for */
	unsigned char raw[INPUT_RAW_SIZE];
	size_t raw_pos, raw_len;
	bool raw_eof;
	unsigned long long raw_offset;     /* decoded-side bytes consumed so far */
	unsigned long fallback_bytes;      /* invalid UTF-8 bytes read as Windows-1252 */
	unsigned long long first_fallback; /* byte offset of the first one */
	char error[512];                   /* set when input_read returns -1 */
	unsigned long long file_size;      /* bytes in the file as stored; 0: unknown (a pipe) */
	unsigned long long file_pos;       /* of those, read so far (set by the worker: read
	                                    * it with input_fraction_read) */

	/* decoded UTF-8, blocks ahead: a worker thread decompresses and
	 * decodes up to INPUT_BLOCKS blocks while block[cur] is read */
	struct fill_ahead ring;
	bool ring_on;
	char *block[INPUT_BLOCKS];
	size_t block_len[INPUT_BLOCKS];
	int block_status[INPUT_BLOCKS];    /* 1 more to come, 0 the end, -1 an error */
	int cur;                           /* -1 before the first */
	size_t block_pos;
};

/* How much of the file has been read, 0..1; -1 when its size is unknown.
 * Safe to call while the worker reads ahead; for progress lines. */
double input_fraction_read(const struct input *in);

/* Opens and sniffs. Returns 0, or -1 with in->error set. */
int input_open(struct input *in, const char *path, enum encoding forced);
/* Up to cap bytes of UTF-8 (cap >= 16). Returns the count, 0 at the end,
 * -1 on a read error or a truncated or corrupt gzip stream (in->error). */
long input_read(struct input *in, char *buf, size_t cap);
void input_close(struct input *in);

const char *encoding_name(enum encoding e);
/* accepts utf-8, utf8, utf-16le, utf-16be, windows-1252, cp1252, latin-1,
 * iso-8859-1 (any case); returns false for anything else */
bool encoding_parse(const char *s, enum encoding *out);

/* Exposed for the unit tests. */
enum encoding input_sniff_encoding(const unsigned char *p, size_t n, bool at_eof,
                                   size_t *bom_len);
size_t utf8_valid_prefix(const unsigned char *p, size_t n);

#endif
