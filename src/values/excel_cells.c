/* values/excel_cells.c - workbook numbers and dates as text; see values/excel_cells.h. */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "values/excel_cells.h"

enum excel_num_kind excel_builtin_kind(unsigned id)
{
	if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) ||
	    (id >= 50 && id <= 58))
		return EXCEL_DATE;
	if (id == 22)
		return EXCEL_DATETIME;
	if ((id >= 18 && id <= 21) || id == 32 || id == 33 || (id >= 45 && id <= 47))
		return EXCEL_TIME;
	return EXCEL_NUMBER;
}

enum excel_num_kind excel_format_kind(const char *code)
{
	bool date = false, time = false;
	char prev = 0;   /* the last date/time letter seen, lower case */

	for (const char *p = code; *p; p++) {
		char c = (char)tolower((unsigned char)*p);
		if (*p == ';')
			break;           /* the first section decides */
		if (*p == '"') {         /* literal text */
			const char *e = strchr(p + 1, '"');
			if (!e)
				break;
			p = e;
			continue;
		}
		if (*p == '\\' || *p == '_' || *p == '*') {
			if (!p[1])
				break;
			p++;                  /* an escaped or padding character */
			continue;
		}
		if (*p == '[') {          /* [Red], [Magenta], [$-409], or elapsed [h] [mm] [ss] */
			const char *e = strchr(p, ']');
			char b = (char)tolower((unsigned char)p[1]);
			bool elapsed = e && e > p + 1 && (b == 'h' || b == 'm' || b == 's');
			if (!e)
				break;
			for (const char *q = p + 1; elapsed && q < e; q++)
				elapsed = tolower((unsigned char)*q) == b;
			if (elapsed)
				time = true, prev = b;
			p = e;
			continue;
		}
		if (strncasecmp(p, "General", 7) == 0) {
			p += 6;
			continue;
		}
		if (strncasecmp(p, "AM/PM", 5) == 0 || strncasecmp(p, "A/P", 3) == 0) {
			time = true;
			p += c == 'a' && p[1] == '/' ? 2 : 4;
			continue;
		}
		if (c == 'y' || c == 'd') {
			date = true;
			prev = c;
		} else if (c == 'h' || c == 's') {
			time = true;
			prev = c;
		} else if (c == 'm') {
			/* minutes right after hours or before seconds, else months */
			const char *q = p;
			while (*q && tolower((unsigned char)*q) == 'm')
				q++;
			while (*q == ':' || *q == ' ')
				q++;
			if (prev == 'h' || tolower((unsigned char)*q) == 's')
				time = true;
			else
				date = true;
			prev = 'm';
			p = q - 1;
			while (p > code && *p != 'm' && *p != 'M')
				p--;
		} else if (c == '0' || c == '#' || c == '?') {
			if (!date && !time)
				return EXCEL_NUMBER;  /* a number format */
		}
	}
	if (date && time)
		return EXCEL_DATETIME;
	if (date)
		return EXCEL_DATE;
	if (time)
		return EXCEL_TIME;
	return EXCEL_NUMBER;
}

unsigned excel_format_zero_pad(const char *code)
{
	size_t n = strspn(code, "0");
	return n >= 2 && n <= 30 && (code[n] == '\0' || code[n] == ';') ? (unsigned)n : 0;
}

size_t excel_number_text(double v, char *out, size_t size)
{
	char e[40], digits[20];
	int prec, exp10, nd = 0, n;
	bool neg;

	if (size < 2) {
		if (size)
			out[0] = '\0';
		return 0;
	}
	if (!isfinite(v))
		return (size_t)snprintf(out, size, "#NUM!");
	if (v == 0)
		return (size_t)snprintf(out, size, "0");
	if (fabs(v) < 1e15 && v == trunc(v)) {
		/* whole numbers (phones, counts, ids) are most numbers: no search */
		char buf[24];
		long long w = llabs((long long)v);
		int o = (int)sizeof buf;
		buf[--o] = '\0';
		do
			buf[--o] = (char)('0' + w % 10);
		while (w /= 10);
		if (v < 0)
			buf[--o] = '-';
		n = snprintf(out, size, "%s", buf + o);
		return (size_t)n < size ? (size_t)n : size - 1;
	}
	for (prec = 1; prec <= 15; prec++) {
		snprintf(e, sizeof e, "%.*e", prec - 1, v);
		if (strtod(e, NULL) == v)
			break;
	}
	if (prec > 15)
		snprintf(e, sizeof e, "%.14e", v);
	/* e: [-]d[.ddd]e[+-]xx */
	neg = e[0] == '-';
	for (const char *p = e + neg; *p && *p != 'e'; p++)
		if (isdigit((unsigned char)*p))
			digits[nd++] = *p;
	exp10 = atoi(strchr(e, 'e') + 1);
	while (nd > 1 && digits[nd - 1] == '0')
		nd--;
	digits[nd] = '\0';
	if (exp10 >= 15 || exp10 < -9) {
		/* Excel's General: 1E+20, 1.5E-10 */
		n = snprintf(out, size, "%s%c%s%s%sE%c%02d", neg ? "-" : "", digits[0],
		             nd > 1 ? "." : "", nd > 1 ? digits + 1 : "", "",
		             exp10 < 0 ? '-' : '+', abs(exp10));
		return (size_t)n < size ? (size_t)n : size - 1;
	}
	{
		char buf[64];
		int o = 0;
		if (neg)
			buf[o++] = '-';
		if (exp10 < 0) {
			buf[o++] = '0';
			buf[o++] = '.';
			for (int i = -1; i > exp10; i--)
				buf[o++] = '0';
			for (int i = 0; i < nd; i++)
				buf[o++] = digits[i];
		} else {
			for (int i = 0; i <= exp10; i++)
				buf[o++] = i < nd ? digits[i] : '0';
			if (nd > exp10 + 1) {
				buf[o++] = '.';
				for (int i = exp10 + 1; i < nd; i++)
					buf[o++] = digits[i];
			}
		}
		buf[o] = '\0';
		n = snprintf(out, size, "%s", buf);
		return (size_t)n < size ? (size_t)n : size - 1;
	}
}

/* days since 1970-01-01 to a civil date (H. Hinnant's algorithm) */
static void civil(long long z, int *y, int *m, int *d)
{
	long long era, doe, yoe, doy, mp;
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

bool excel_serial_text(double serial, enum excel_num_kind kind, bool date1904,
                       char *out, size_t size)
{
	long long days, secs;
	int y, m, d;
	double whole;

	if (!isfinite(serial) || serial < 0 || serial >= 2958466.0 || kind == EXCEL_NUMBER)
		return false;
	/* to the nearest second, as Excel shows it */
	secs = llround(serial * 86400.0);
	days = secs / 86400;
	secs %= 86400;
	whole = (double)days;
	if (date1904) {
		days += -24107;              /* 1904-01-01 is day -24107 since 1970 */
		civil(days, &y, &m, &d);
	} else if (whole == 60) {
		y = 1900, m = 2, d = 29;     /* Excel's phantom leap day */
	} else {
		/* serial 1 is 1900-01-01; after the phantom day, one less */
		days += whole < 60 ? -25568 : -25569;
		civil(days, &y, &m, &d);
	}
	switch (kind) {
	case EXCEL_DATE:
		snprintf(out, size, "%04d-%02d-%02d", y, m, d);
		break;
	case EXCEL_DATETIME:
		snprintf(out, size, "%04d-%02d-%02dT%02lld:%02lld:%02lld", y, m, d,
		         secs / 3600, secs / 60 % 60, secs % 60);
		break;
	default:
		snprintf(out, size, "%02lld:%02lld:%02lld", secs / 3600, secs / 60 % 60, secs % 60);
		break;
	}
	return true;
}

void excel_cell_ref(unsigned long col, unsigned long row, char *out, size_t size)
{
	char letters[8];
	int n = 0;
	while (col > 0 && n < 7) {
		col--;
		letters[n++] = (char)('A' + col % 26);
		col /= 26;
	}
	for (int i = 0; i < n / 2; i++) {
		char t = letters[i];
		letters[i] = letters[n - 1 - i];
		letters[n - 1 - i] = t;
	}
	letters[n] = '\0';
	if (row)
		snprintf(out, size, "%s%lu", letters, row);
	else
		snprintf(out, size, "%s", letters);
}

unsigned long excel_ref_col(const char *s, unsigned long *row)
{
	unsigned long col = 0;
	const char *p = s;
	while (isalpha((unsigned char)*p) && col <= 16384)
		col = col * 26 + (unsigned long)(toupper((unsigned char)*p++) - 'A' + 1);
	if (row)
		*row = isdigit((unsigned char)*p) ? strtoul(p, NULL, 10) : 0;
	return col;
}
