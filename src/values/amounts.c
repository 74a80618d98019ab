/* values/amounts.c - see values/sheet_values.h: money amounts as spreadsheets write
 * them. The number stays a string of decimal digits from start to end, so
 * "1.2345k" scales to 1234.5 exactly; no floating point ever rounds it.
 *
 * A cell is peeled from the outside in: currency, sign, k/m/bn suffix;
 * what is left must be digits with thousands separators and at most one
 * decimal point, read with the file's convention (decimal_comma). */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "values/sheet_internal.h"

/* a double keeps 15 significant decimal digits exactly */
#define MAX_SIGNIFICANT 15
#define AMOUNT_OUT 48

/* part of a cell */
struct span {
	const char *start, *end;
};

/* a number as its digits, with the decimal point after `point` of them */
struct decimal {
	char digits[SHEET_CELL_MAX + 16];
	int len;
	int point;
};

enum number_fault { NUM_OK, NUM_NO_DIGITS, NUM_GROUPS, NUM_TWO_POINTS, NUM_TWO_NUMBERS, NUM_LETTERS, NUM_STRAY };

/* what reading the digits found */
struct number_scan {
	enum number_fault fault;
	const char *at; /* the stray character, for NUM_STRAY */
	int separators; /* thousands separators */
	bool point;
};

static const char *const currencies[] = {
	"$", "\xE2\x82\xAC" /* € */, "\xC2\xA3" /* £ */, "\xC2\xA5" /* ¥ */, "\xE2\x82\xB9" /* ₹ */,
	"USD", "EUR", "GBP", "JPY", "INR", "CHF", "CAD", "AUD",
};

/* ---- peeling the cell ---- */

static bool is_letter(const char *p)
{
	return isalpha((unsigned char)*p);
}

static void trim_blanks(struct span *v)
{
	size_t n;

	while (v->start < v->end && (n = sheet_blank_at(v->start)) > 0)
		v->start += n;
	while (v->end > v->start && (n = sheet_blank_before(v->start, v->end)) > 0)
		v->end -= n;
}

/* a currency symbol or code at the start of v, then at its end; a code
 * only as a word of its own ("USD50" yes, "XUSD50" no) */
static void strip_currency(struct span *v)
{
	for (size_t i = 0; i < sizeof currencies / sizeof currencies[0]; i++) {
		const char *c = currencies[i];
		size_t n = strlen(c);
		if ((size_t)(v->end - v->start) >= n && strncasecmp(v->start, c, n) == 0 &&
		    !(is_letter(c) && is_letter(v->start + n))) {
			v->start += n;
			break;
		}
	}
	trim_blanks(v);
	for (size_t i = 0; i < sizeof currencies / sizeof currencies[0]; i++) {
		const char *c = currencies[i];
		size_t n = strlen(c);
		if ((size_t)(v->end - v->start) >= n && strncasecmp(v->end - n, c, n) == 0 &&
		    !(is_letter(c) && v->end - n > v->start && is_letter(v->end - n - 1))) {
			v->end -= n;
			break;
		}
	}
	trim_blanks(v);
}

/* -5, −5, (500), 500- */
static bool looks_negative(struct span v)
{
	return v.start < v.end && (*v.start == '-' || *v.start == '(' || v.end[-1] == '-' ||
	                           v.end[-1] == ')' || strncmp(v.start, "\xE2\x88\x92", 3) == 0);
}

/* k, m or mm, b or bn at the end of v: how many zeros it adds */
static int strip_suffix(struct span *v)
{
	static const struct {
		const char *suffix;
		int zeros;
	} suffixes[] = { { "k", 3 }, { "m", 6 }, { "mm", 6 }, { "b", 9 }, { "bn", 9 } };
	const char *word = v->end;

	while (word > v->start && is_letter(word - 1))
		word--;
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++)
		if ((size_t)(v->end - word) == strlen(suffixes[i].suffix) &&
		    strncasecmp(word, suffixes[i].suffix, strlen(suffixes[i].suffix)) == 0) {
			v->end = word;
			trim_blanks(v);
			return suffixes[i].zeros;
		}
	return 0;
}

/* ---- reading the digits ---- */

/* the length of a thousands separator at p: `group`, a blank, or an
 * apostrophe (1'000, also as Excel's typographic ’); else 0 */
static size_t separator_at(const char *p, char group, bool *blank)
{
	size_t n = sheet_blank_at(p);

	*blank = n > 0;
	if (n)
		return n;
	if (*p == group || *p == '\'')
		return 1;
	return strncmp(p, "\xE2\x80\x99", 3) == 0 ? 3 : 0;
}

static struct number_scan fault(enum number_fault f, const char *at)
{
	return (struct number_scan){ f, at, 0, false };
}

/* a separator closing a group of `run` digits: the first group has one
 * to three digits (not a leading zero), every later one three */
static bool group_ok(const struct number_scan *scan, const struct decimal *d, int run)
{
	if (scan->separators == 0)
		return run >= 1 && run <= 3 && d->digits[0] != '0';
	return run == 3;
}

static struct number_scan scan_number(struct span v, bool decimal_comma, struct decimal *d)
{
	char point = decimal_comma ? ',' : '.', group = decimal_comma ? '.' : ',';
	struct number_scan scan = { NUM_OK, NULL, 0, false };
	int run = 0; /* digits since the last separator */
	bool blank = false;
	size_t n;

	d->len = 0;
	for (const char *p = v.start; p < v.end; p += n) {
		n = 1;
		if (isdigit((unsigned char)*p)) {
			d->digits[d->len++] = *p;
			run++;
		} else if (*p == point) {
			if (scan.point)
				return fault(NUM_TWO_POINTS, p);
			if (scan.separators && run != 3)
				return fault(NUM_GROUPS, p);
			scan.point = true;
			d->point = d->len;
		} else if ((n = separator_at(p, group, &blank)) > 0) {
			if (scan.point || !group_ok(&scan, d, run))
				return fault(blank ? NUM_TWO_NUMBERS : NUM_GROUPS, p);
			scan.separators++;
			run = 0;
		} else if (is_letter(p)) {
			return fault(NUM_LETTERS, p);
		} else {
			bool between = d->len > 0 && (strchr("-/;&|~", *p) || strncmp(p, "\xE2\x80\x93", 3) == 0);
			return fault(between ? NUM_TWO_NUMBERS : NUM_STRAY, p);
		}
	}
	if (d->len == 0)
		return fault(NUM_NO_DIGITS, NULL);
	if (scan.separators && !scan.point && run != 3)
		return fault(blank ? NUM_TWO_NUMBERS : NUM_GROUPS, NULL);
	if (!scan.point)
		d->point = d->len;
	return scan;
}

/* ---- writing it plain ---- */

static void scale_up(struct decimal *d, int zeros)
{
	d->point += zeros;
	while (d->len < d->point)
		d->digits[d->len++] = '0';
}

static int significant_digits(const struct decimal *d)
{
	int first = 0, last = d->len;

	while (first < last && d->digits[first] == '0')
		first++;
	while (last > first && d->digits[last - 1] == '0')
		last--;
	return last - first;
}

/* "1234.5": false when it does not fit in size */
static bool plain_text(const struct decimal *d, char *buf, size_t size)
{
	int first = 0, last = d->len;
	int n;

	while (first < d->point - 1 && d->digits[first] == '0')
		first++;
	while (last > d->point && d->digits[last - 1] == '0')
		last--;
	n = snprintf(buf, size, "%.*s%s%s%.*s", d->point - first, d->digits + first,
	             d->point == first ? "0" : "", last > d->point ? "." : "", last - d->point,
	             d->digits + d->point);
	return n >= 0 && (size_t)n < size;
}

/* ---- reasons ---- */

/* bytes in the UTF-8 character at p */
static int utf8_length(const char *p)
{
	int n = 1;
	while (((unsigned char)p[n] & 0xC0) == 0x80)
		n++;
	return n;
}

static const char *number_fault(const char *cell, struct span v, bool decimal_comma, struct number_scan scan,
                                char *why, size_t whylen)
{
	struct decimal other;
	const char *what = "is not an amount";

	switch (scan.fault) {
	case NUM_NO_DIGITS:
		return sheet_refuse(why, whylen, cell, "%s (it has no digits)", what);
	case NUM_LETTERS:
		return sheet_refuse(why, whylen, cell,
		                    "%s (only a currency like $ or USD, and k, m or bn, can go with the number)",
		                    what);
	case NUM_TWO_NUMBERS:
		return sheet_refuse(why, whylen, cell, "holds more than one number");
	case NUM_STRAY:
		return sheet_refuse(why, whylen, cell, "%s (\"%.*s\" is not part of one)", what,
		                    utf8_length(scan.at), scan.at);
	default:
		break;
	}
	if (scan_number(v, !decimal_comma, &other).fault == NUM_OK)
		return sheet_refuse(why, whylen, cell, "%s: %s", what,
		                    decimal_comma ? "with a decimal point, leave out --decimal-comma"
		                                  : "with a decimal comma use --decimal-comma");
	if (scan.fault == NUM_TWO_POINTS)
		return sheet_refuse(why, whylen, cell, "%s (it has two decimal %ss)", what,
		                    decimal_comma ? "comma" : "point");
	return sheet_refuse(why, whylen, cell, "%s (thousands are grouped in threes: 1%s000%s000)", what,
	                    decimal_comma ? "." : ",", decimal_comma ? "." : ",");
}

/* "1.500" is 1.5 to a file with decimal points and 1500 to one with
 * decimal commas: a lone separator before three digits reads both ways */
static const char *one_reading(const char *cell, struct span v, bool decimal_comma, int zeros,
                               const struct decimal *d, char *why, size_t whylen)
{
	struct decimal other;
	char mine[AMOUNT_OUT], theirs[AMOUNT_OUT];

	if (scan_number(v, !decimal_comma, &other).fault != NUM_OK)
		return NULL;
	scale_up(&other, zeros);
	if (!plain_text(d, mine, sizeof mine) || !plain_text(&other, theirs, sizeof theirs) ||
	    strcmp(mine, theirs) == 0)
		return NULL;
	return sheet_refuse(why, whylen, cell, "could be %s or %s (if %s group thousands in this file, %s)",
	                    mine, theirs, decimal_comma ? "commas" : "dots",
	                    decimal_comma ? "leave out --decimal-comma" : "use --decimal-comma");
}

const char *sheet_amount(const char *s, bool decimal_comma, char out[48], char *why, size_t whylen)
{
	char cell[SHEET_CELL_MAX];
	struct span v;
	struct decimal d;
	struct number_scan scan;
	int zeros;
	const char *r;

	out[0] = '\0';
	if (!sheet_cell(s, cell, sizeof cell))
		return sheet_refuse(why, whylen, s, "is too long to be an amount");
	if (!*cell)
		return NULL;
	v = (struct span){ cell, cell + strlen(cell) };
	if (looks_negative(v))
		return sheet_refuse(why, whylen, cell, "is negative (amounts are zero or more)");
	strip_currency(&v);
	if (looks_negative(v))
		return sheet_refuse(why, whylen, cell, "is negative (amounts are zero or more)");
	zeros = strip_suffix(&v);
	scan = scan_number(v, decimal_comma, &d);
	if (scan.fault != NUM_OK)
		return number_fault(cell, v, decimal_comma, scan, why, whylen);
	scale_up(&d, zeros);
	if (scan.point && scan.separators == 0 &&
	    (r = one_reading(cell, v, decimal_comma, zeros, &d, why, whylen)) != NULL)
		return r;
	if (significant_digits(&d) > MAX_SIGNIFICANT)
		return sheet_refuse(why, whylen, cell, "has %d significant digits (at most %d are kept exactly)",
		                    significant_digits(&d), MAX_SIGNIFICANT);
	if (!plain_text(&d, out, AMOUNT_OUT)) {
		out[0] = '\0';
		return sheet_refuse(why, whylen, cell, "has too many digits to be an amount");
	}
	return NULL;
}
