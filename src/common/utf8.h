/* common/utf8.h - a code point written as UTF-8, for the readers that decode
 * (files/input.c from Windows-1252 and UTF-16, the workbook's XML scanner
 * and its _xHHHH_ escapes); and where text is cut without splitting a
 * character (a workbook's cells, read or written). */
#ifndef APOLLO_UTF8_H
#define APOLLO_UTF8_H

#include <stddef.h>

/* cp (at most 0x10FFFF) into out (room for 4 bytes); returns the length */
static inline size_t utf8_put(char *out, unsigned long cp)
{
	unsigned char *o = (unsigned char *)out;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* n, or less, so that s[0..n) ends with a whole character: for text cut at
 * n bytes (s[n] may be anything, even the end) */
static inline size_t utf8_whole(const char *s, size_t n)
{
	size_t k = n, need;
	unsigned char lead;
	while (k > 0 && ((unsigned char)s[k - 1] & 0xC0) == 0x80 && n - k < 3)
		k--;
	if (k == 0)
		return n;
	lead = (unsigned char)s[k - 1];
	need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
	return n - (k - 1) < need ? k - 1 : n;
}

#endif
