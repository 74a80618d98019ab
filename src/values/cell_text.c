/* values/cell_text.c - the text of a cell as the sheet_*.c files see it: trimmed,
 * and quoted at the start of every reason they give. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "values/sheet_internal.h"

/* longest quote of a value in a reason; the rest becomes "..." */
#define QUOTE_MAX 40

size_t sheet_blank_at(const char *p)
{
	if (*p == ' ' || *p == '\t')
		return 1;
	if (strncmp(p, "\xC2\xA0", 2) == 0) /* no-break space */
		return 2;
	if (strncmp(p, "\xE2\x80\xAF", 3) == 0) /* narrow no-break space */
		return 3;
	return 0;
}

size_t sheet_blank_before(const char *start, const char *end)
{
	for (size_t n = 1; n <= 3 && end - start >= (ptrdiff_t)n; n++)
		if (sheet_blank_at(end - n) == n)
			return n;
	return 0;
}

bool sheet_cell(const char *s, char *cell, size_t size)
{
	const char *end = s + strlen(s);
	size_t n;

	while ((n = sheet_blank_at(s)) > 0)
		s += n;
	while ((n = sheet_blank_before(s, end)) > 0)
		end -= n;
	if ((size_t)(end - s) >= size)
		return false;
	memcpy(cell, s, (size_t)(end - s));
	cell[end - s] = '\0';
	return true;
}

/* how many bytes of value to quote: all, or QUOTE_MAX cut back to the
 * start of a UTF-8 character */
static int quoted_length(const char *value, bool *cut)
{
	size_t n = strlen(value);

	*cut = n > QUOTE_MAX;
	if (!*cut)
		return (int)n;
	n = QUOTE_MAX;
	while (n > 0 && ((unsigned char)value[n] & 0xC0) == 0x80)
		n--;
	return (int)n;
}

const char *sheet_refuse(char *why, size_t whylen, const char *value, const char *fmt, ...)
{
	va_list ap;
	bool cut;
	int quoted = quoted_length(value, &cut);
	int n = snprintf(why, whylen, "\"%.*s%s\" ", quoted, value, cut ? "..." : "");

	if (n >= 0 && (size_t)n < whylen) {
		va_start(ap, fmt);
		vsnprintf(why + n, whylen - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return why;
}
