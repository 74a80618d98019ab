/* files/input.c - open, decompress and decode an input file to UTF-8. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/utf8.h"
#include "files/input.h"

#define DECODED_BLOCK (256 * 1024)

static bool decode_block(void *arg, unsigned b);

/* Windows-1252 bytes 0x80..0x9F; the five it leaves undefined map to the C1
 * control of the same value, as Latin-1 would. */
static const unsigned short cp1252_high[32] = {
	0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
	0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178
};

static unsigned long legacy_codepoint(unsigned char b, enum encoding enc)
{
	if (b >= 0x80 && b < 0xA0 && enc != ENC_LATIN1)
		return cp1252_high[b - 0x80];
	return b;
}

/* Length of the UTF-8 sequence at p (1..4), 0 if invalid, or -1 if it is
 * valid so far but cut off by the end of the buffer. */
static int utf8_seq(const unsigned char *p, size_t n)
{
	unsigned char c = p[0];
	int len;
	unsigned long cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		len = 2, cp = c & 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3, cp = c & 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4, cp = c & 0x07;
	else
		return 0;
	for (int i = 1; i < len; i++) {
		if ((size_t)i >= n)
			return -1;
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3F);
		/* reject overlong forms and surrogates as soon as they show */
		if (i == 1 && len == 3 && c == 0xE0 && p[1] < 0xA0)
			return 0;
		if (i == 1 && len == 3 && c == 0xED && p[1] >= 0xA0)
			return 0;
		if (i == 1 && len == 4 && c == 0xF0 && p[1] < 0x90)
			return 0;
		if (i == 1 && len == 4 && c == 0xF4 && p[1] >= 0x90)
			return 0;
	}
	(void)cp;
	return len;
}

size_t utf8_valid_prefix(const unsigned char *p, size_t n)
{
	size_t i = 0;
	while (i < n) {
		int l = utf8_seq(p + i, n - i);
		if (l <= 0)
			break;
		i += (size_t)l;
	}
	return i;
}

enum encoding input_sniff_encoding(const unsigned char *p, size_t n, bool at_eof,
                                   size_t *bom_len)
{
	size_t zeros_even = 0, zeros_odd = 0, probe, valid;

	*bom_len = 0;
	if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
		*bom_len = 3;
		return ENC_UTF8;
	}
	if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE) {
		*bom_len = 2;
		return ENC_UTF16LE;
	}
	if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
		*bom_len = 2;
		return ENC_UTF16BE;
	}
	/* UTF-16 without a BOM: mostly-ASCII text has a zero in every other byte */
	probe = n < 1024 ? n : 1024;
	for (size_t i = 0; i < probe; i++)
		if (p[i] == 0)
			{ if (i % 2) zeros_odd++; else zeros_even++; }
	if (probe >= 8 && zeros_odd * 10 >= probe * 4 && zeros_even * 10 < probe)
		return ENC_UTF16LE;
	if (probe >= 8 && zeros_even * 10 >= probe * 4 && zeros_odd * 10 < probe)
		return ENC_UTF16BE;
	valid = utf8_valid_prefix(p, n);
	if (valid == n)
		return ENC_UTF8;
	/* a sequence cut by the end of the sample is not evidence */
	if (!at_eof && n - valid < 4 && utf8_seq(p + valid, n - valid) == -1)
		return ENC_UTF8;
	return ENC_CP1252;
}

const char *encoding_name(enum encoding e)
{
	switch (e) {
	case ENC_UTF8: return "UTF-8";
	case ENC_UTF16LE: return "UTF-16LE";
	case ENC_UTF16BE: return "UTF-16BE";
	case ENC_CP1252: return "Windows-1252";
	case ENC_LATIN1: return "Latin-1";
	case ENC_AUTO: break;
	}
	return "auto";
}

bool encoding_parse(const char *s, enum encoding *out)
{
	static const struct { const char *name; enum encoding enc; } names[] = {
		{ "auto", ENC_AUTO }, { "utf-8", ENC_UTF8 }, { "utf8", ENC_UTF8 },
		{ "utf-16le", ENC_UTF16LE }, { "utf-16be", ENC_UTF16BE },
		{ "utf16le", ENC_UTF16LE }, { "utf16be", ENC_UTF16BE },
		{ "windows-1252", ENC_CP1252 }, { "cp1252", ENC_CP1252 },
		{ "latin-1", ENC_LATIN1 }, { "latin1", ENC_LATIN1 },
		{ "iso-8859-1", ENC_LATIN1 },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcasecmp(s, names[i].name) == 0) {
			*out = names[i].enc;
			return true;
		}
	return false;
}

/* Reads more raw bytes behind the unread ones. Returns -1 on error. */
static int fill_raw(struct input *in)
{
	int n, errnum;

	if (in->raw_eof)
		return 0;
	if (in->raw_pos > 0) {
		memmove(in->raw, in->raw + in->raw_pos, in->raw_len - in->raw_pos);
		in->raw_len -= in->raw_pos;
		in->raw_pos = 0;
	}
	if (in->raw_len == sizeof in->raw)
		return 0;
	n = gzread(in->gz, in->raw + in->raw_len, (unsigned)(sizeof in->raw - in->raw_len));
	if (n > 0)
		__atomic_store_n(&in->file_pos, (unsigned long long)gzoffset(in->gz), __ATOMIC_RELAXED);
	if (n < 0) {
		const char *why = gzerror(in->gz, &errnum);
		if (errnum == Z_ERRNO)
			why = strerror(errno);
		/* zlib names the stream "<fd:N>: ", which means nothing to a user */
		else if (why && strncmp(why, "<fd:", 4) == 0 && strstr(why, ": "))
			why = strstr(why, ": ") + 2;
		snprintf(in->error, sizeof in->error, "%s%s", why ? why : "read error",
		         in->compressed ? " (the gzip file is truncated or corrupt)" : "");
		return -1;
	}
	if (n == 0) {
		in->raw_eof = true;
		/* zlib reports a cut-off gzip stream at the end, not as an error */
		gzerror(in->gz, &errnum);
		if (errnum == Z_BUF_ERROR) {
			snprintf(in->error, sizeof in->error,
			         "the gzip file is truncated (unexpected end of file)");
			return -1;
		}
	}
	in->raw_len += (size_t)n;
	return n;
}

int input_open(struct input *in, const char *path, enum encoding forced)
{
	int fd;
	size_t bom = 0;
	enum encoding sniffed;

	memset(in, 0, sizeof *in);
	in->path = path;
	in->name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	if (strcmp(path, "-") == 0)
		fd = dup(STDIN_FILENO);
	else
		fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(in->error, sizeof in->error, "cannot open: %s", strerror(errno));
		return -1;
	}
	{
		struct stat st;
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
			in->file_size = (unsigned long long)st.st_size;
	}
	in->gz = gzdopen(fd, "rb");
	if (!in->gz) {
		close(fd);
		snprintf(in->error, sizeof in->error, "cannot open: out of memory");
		return -1;
	}
	gzbuffer(in->gz, 128 * 1024);
	/* right after gzdopen this looks at the magic bytes */
	in->compressed = !gzdirect(in->gz);
	for (int b = 0; b < INPUT_BLOCKS; b++)
		if (!(in->block[b] = malloc(DECODED_BLOCK))) {
			snprintf(in->error, sizeof in->error, "cannot open: out of memory");
			return -1;
		}
	/* sniff on a full buffer (or the whole file if smaller) */
	while (!in->raw_eof && in->raw_len < sizeof in->raw)
		if (fill_raw(in) < 0)
			return -1;
	sniffed = input_sniff_encoding(in->raw, in->raw_len, in->raw_eof, &bom);
	in->had_bom = bom > 0;
	if (forced != ENC_AUTO) {
		in->enc = forced;
		/* a BOM of the forced encoding is still not content */
		if (!(bom && sniffed == forced))
			bom = 0;
	} else {
		in->enc = sniffed;
		in->sniffed_legacy = sniffed == ENC_CP1252;
	}
	in->raw_pos = bom;
	/* decoding runs blocks ahead on a worker thread from here on */
	in->cur = -1;
	fill_ahead_start(&in->ring, INPUT_BLOCKS, 0, decode_block, in);
	in->ring_on = true;
	return 0;
}

static size_t decode_utf8(struct input *in, char *out, size_t cap)
{
	size_t o = 0;
	const unsigned char *p = in->raw;

	while (in->raw_pos < in->raw_len && o + 4 <= cap) {
		size_t i = in->raw_pos;
		int l;
		/* fast path: a run of ASCII */
		if (p[i] < 0x80) {
			size_t end = in->raw_len, room = cap - o;
			size_t j = i;
			if (end - i > room)
				end = i + room;
			while (j + 8 <= end) {
				uint64_t w;
				memcpy(&w, p + j, 8);
				if (w & 0x8080808080808080ULL)
					break;
				j += 8;
			}
			while (j < end && p[j] < 0x80)
				j++;
			memcpy(out + o, p + i, j - i);
			o += j - i;
			in->raw_pos = j;
			continue;
		}
		l = utf8_seq(p + i, in->raw_len - i);
		if (l == -1 && !in->raw_eof)
			break; /* the rest of the sequence is in the next block */
		if (l > 0) {
			memcpy(out + o, p + i, (size_t)l);
			o += (size_t)l;
			in->raw_pos += (size_t)l;
			continue;
		}
		if (in->fallback_bytes++ == 0)
			in->first_fallback = in->raw_offset + i;
		o += utf8_put(out + o, legacy_codepoint(p[i], ENC_CP1252));
		in->raw_pos++;
	}
	return o;
}

static size_t decode_legacy(struct input *in, char *out, size_t cap)
{
	size_t o = 0;
	while (in->raw_pos < in->raw_len && o + 4 <= cap) {
		unsigned char b = in->raw[in->raw_pos++];
		if (b < 0x80)
			out[o++] = (char)b;
		else
			o += utf8_put(out + o, legacy_codepoint(b, in->enc));
	}
	return o;
}

static size_t decode_utf16(struct input *in, char *out, size_t cap)
{
	size_t o = 0;
	bool le = in->enc == ENC_UTF16LE;
	const unsigned char *p = in->raw;

	while (in->raw_len - in->raw_pos >= 2 && o + 4 <= cap) {
		size_t i = in->raw_pos;
		unsigned long u = le ? (p[i] | (p[i + 1] << 8)) : ((p[i] << 8) | p[i + 1]);
		if (u >= 0xD800 && u <= 0xDBFF) {
			unsigned long lo;
			if (in->raw_len - i < 4) {
				if (!in->raw_eof)
					break;
				u = 0xFFFD;
				in->raw_pos += 2;
			} else {
				lo = le ? (p[i + 2] | (p[i + 3] << 8)) : ((p[i + 2] << 8) | p[i + 3]);
				if (lo >= 0xDC00 && lo <= 0xDFFF) {
					u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
					in->raw_pos += 4;
				} else {
					u = 0xFFFD;
					in->raw_pos += 2;
				}
			}
		} else {
			if (u >= 0xDC00 && u <= 0xDFFF)
				u = 0xFFFD;
			in->raw_pos += 2;
		}
		o += utf8_put(out + o, u);
	}
	/* a lone odd byte at the very end cannot be a character */
	if (in->raw_eof && in->raw_len - in->raw_pos == 1 && o + 3 <= cap) {
		o += utf8_put(out + o, 0xFFFD);
		in->raw_pos++;
	}
	return o;
}

/* Decodes up to cap bytes (cap >= 16), reading more raw bytes as needed:
 * the count, 0 at the end, or -1 on an error (in->error). */
static long decode_some(struct input *in, char *buf, size_t cap)
{
	for (;;) {
		size_t got;
		switch (in->enc) {
		case ENC_UTF16LE:
		case ENC_UTF16BE:
			got = decode_utf16(in, buf, cap);
			break;
		case ENC_CP1252:
		case ENC_LATIN1:
			got = decode_legacy(in, buf, cap);
			break;
		default:
			got = decode_utf8(in, buf, cap);
			break;
		}
		if (got > 0)
			return (long)got;
		if (in->raw_eof && in->raw_pos >= in->raw_len)
			return 0;
		/* need more raw bytes (or an incomplete sequence waits for them) */
		in->raw_offset += in->raw_pos;
		if (fill_raw(in) < 0)
			return -1;
		if (in->raw_eof && in->raw_pos >= in->raw_len)
			return 0;
	}
}

/* Fills block b (on the worker thread): its length, and 1, 0 at the end,
 * or -1 on an error; false after the end or an error. */
static bool decode_block(void *arg, unsigned b)
{
	struct input *in = arg;
	size_t len = 0;
	long n = 1;

	while (len < DECODED_BLOCK / 2) {
		n = decode_some(in, in->block[b] + len, DECODED_BLOCK - len);
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	in->block_len[b] = len;
	in->block_status[b] = n < 0 ? -1 : n == 0 ? 0 : 1;
	return in->block_status[b] == 1;
}

long input_read(struct input *in, char *buf, size_t cap)
{
	for (;;) {
		int c = in->cur;
		if (c >= 0) {
			size_t avail = in->block_len[c] - in->block_pos;
			if (avail > 0) {
				size_t n = avail < cap ? avail : cap;
				memcpy(buf, in->block[c] + in->block_pos, n);
				in->block_pos += n;
				return (long)n;
			}
			if (in->block_status[c] != 1)
				return in->block_status[c];
			fill_ahead_give_back(&in->ring);
		}
		/* take the next block decoded ahead */
		if ((c = fill_ahead_take(&in->ring)) < 0)
			return 0; /* not reached: the last block says the end */
		in->cur = c;
		in->block_pos = 0;
	}
}

void input_close(struct input *in)
{
	if (in->ring_on)
		fill_ahead_stop(&in->ring);
	in->ring_on = false;
	for (int b = 0; b < INPUT_BLOCKS; b++) {
		free(in->block[b]);
		in->block[b] = NULL;
	}
	if (in->gz)
		gzclose(in->gz);
	in->gz = NULL;
}

double input_fraction_read(const struct input *in)
{
	unsigned long long pos = __atomic_load_n(&in->file_pos, __ATOMIC_RELAXED);
	if (!in->file_size)
		return -1;
	return pos >= in->file_size ? 1.0 : (double)pos / (double)in->file_size;
}
