/* values/dates.c - see values/sheet_values.h: dates as spreadsheets write them, and
 * the time and offset that may follow. This file only reads what a cell
 * says; where a local time falls on the timeline is values/due_times.c's job.
 *
 * A date is up to three fields (numbers or an English month name) with
 * separators between them, optionally after a weekday; or an Excel day
 * number. The fields are read first and interpreted afterwards, so every
 * written form goes through the same checks. */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "values/sheet_internal.h"

#define DIGITS "0123456789"
/* Excel's day 0, as days since 1970-01-01 */
#define EXCEL_DAY_ZERO (-25569L)

static const char *const month_names[12] = { "January", "February", "March",     "April",
	                                     "May",     "June",     "July",      "August",
	                                     "September", "October", "November", "December" };
static const char *const weekday_names[7] = { "Monday", "Tuesday",  "Wednesday", "Thursday",
	                                      "Friday", "Saturday", "Sunday" };

/* A cell being read: where reading has got to, and where reasons go */
struct date_text {
	const char *cell;
	const char *what; /* "a date", then "a date and time" past the date */
	const char *p;
	enum date_order order;
	char *why;
	size_t whylen;
};

/* One field of a date: a number with its digit count, or a month name */
struct field {
	int value;
	int digits; /* 0: a month name, value 1..12 */
};

bool date_order_from(const char *s, enum date_order *out)
{
	static const struct {
		const char *name;
		enum date_order order;
	} names[] = { { "auto", DATE_AUTO }, { "dmy", DATE_DMY }, { "mdy", DATE_MDY }, { "ymd", DATE_YMD } };

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcasecmp(s, names[i].name) == 0) {
			*out = names[i].order;
			return true;
		}
	return false;
}

/* ---- the calendar ---- */

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Howard Hinnant's days_from_civil and civil_from_days */
long sheet_days_from_civil(int y, int m, int d)
{
	long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (unsigned)((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1);
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

static void civil_from_days(long z, struct sheet_when *w)
{
	long era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	w->d = (int)(doy - (153 * mp + 2) / 5 + 1);
	w->m = (int)(mp < 10 ? mp + 3 : mp - 9);
	w->y = (int)(yoe + era * 400 + (w->m <= 2));
}

/* 0 = Monday */
static int weekday_of(int y, int m, int d)
{
	return (int)(((sheet_days_from_civil(y, m, d) + 3) % 7 + 7) % 7);
}

/* ---- reasons ---- */

#define EXAMPLES "write it like 2026-12-01, 01/12/2026 or 1 Dec 2026"

static const char *not_a_date(struct date_text *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* '"cell" is not a date (detail)'; fmt NULL for the examples */
static const char *not_a_date(struct date_text *t, const char *fmt, ...)
{
	char detail[100];
	va_list ap;

	if (!fmt)
		return sheet_refuse(t->why, t->whylen, t->cell, "is not %s (" EXAMPLES ")", t->what);
	va_start(ap, fmt);
	vsnprintf(detail, sizeof detail, fmt, ap);
	va_end(ap);
	return sheet_refuse(t->why, t->whylen, t->cell, "is not %s (%s)", t->what, detail);
}

/* NULL when y-m-d is a day of the calendar */
static const char *check_day(struct date_text *t, int y, int m, int d)
{
	if (y < 1900)
		return not_a_date(t, "years before 1900 are not taken");
	if (m < 1 || m > 12)
		return not_a_date(t, "there is no month %d", m);
	if (d < 1)
		return not_a_date(t, "there is no day 0");
	if (d <= days_in_month(y, m))
		return NULL;
	if (m == 2)
		return not_a_date(t, "February has %d days in %d", days_in_month(y, m), y);
	return not_a_date(t, "%s has %d days", month_names[m - 1], days_in_month(y, m));
}

static const char *set_day(struct date_text *t, int y, int m, int d, struct sheet_when *w)
{
	const char *r = check_day(t, y, m, d);
	if (!r) {
		w->y = y;
		w->m = m;
		w->d = d;
	}
	return r;
}

/* ---- reading the fields ---- */

static size_t letters_at(const char *p)
{
	size_t n = 0;
	while (isalpha((unsigned char)p[n]))
		n++;
	return n;
}

/* index into names for a name or an abbreviation of three letters or
 * more ("Dec", "Sept", "Tues"), else -1 */
static int name_index(const char *w, size_t n, const char *const *names, int count)
{
	if (n < 3)
		return -1;
	for (int i = 0; i < count; i++)
		if (n <= strlen(names[i]) && strncasecmp(w, names[i], n) == 0)
			return i;
	return -1;
}

/* a weekday before the date ("Tue, 1 Dec 2026"): its index, else -1 */
static int skip_weekday(struct date_text *t)
{
	size_t n = letters_at(t->p);
	int day = name_index(t->p, n, weekday_names, 7);
	const char *after = t->p + n;

	if (day < 0 || (*after != ',' && *after != ' '))
		return -1;
	after += strspn(after, ", ");
	t->p = after;
	return day;
}

static const char *read_field(struct date_text *t, struct field *f)
{
	size_t n = strspn(t->p, DIGITS);

	if (n > 0) {
		if (n > 4)
			return not_a_date(t, NULL);
		f->value = atoi(t->p);
		f->digits = (int)n;
		t->p += n;
		return NULL;
	}
	n = letters_at(t->p);
	if (n == 0)
		return not_a_date(t, NULL);
	f->value = name_index(t->p, n, month_names, 12) + 1;
	f->digits = 0;
	if (f->value == 0 && !strpbrk(t->cell, DIGITS))
		return not_a_date(t, NULL);
	if (f->value == 0)
		return not_a_date(t, "\"%.*s\" is not a month", (int)n, t->p);
	t->p += n;
	return NULL;
}

/* the separator between two fields, at most sep_size - 1 characters of it */
static bool read_separator(struct date_text *t, char *sep, size_t sep_size)
{
	size_t n = strspn(t->p, " -./,");

	if (n == 0 || n >= sep_size)
		return false;
	memcpy(sep, t->p, n);
	sep[n] = '\0';
	t->p += n;
	return true;
}

/* ---- making a date of the fields ---- */

/* Excel's rule for two-digit years: 00-29 -> 20xx, 30-99 -> 19xx */
static const char *year_of(struct date_text *t, struct field f, int *y)
{
	if (f.digits == 4)
		*y = f.value;
	else if (f.digits == 2)
		*y = f.value + (f.value < 30 ? 2000 : 1900);
	else
		return not_a_date(t, "the year needs four digits or two");
	return NULL;
}

static bool is_day_or_month(struct field f)
{
	return f.digits == 1 || f.digits == 2;
}

/* 1-Dec-2026, Dec 1, 2026, 2026-Dec-01 */
static const char *named_month_date(struct date_text *t, const struct field f[3], struct sheet_when *w)
{
	struct field day, year;
	int month, y = 0;
	const char *r;

	if (f[0].digits == 0) {
		month = f[0].value;
		day = f[1];
		year = f[2];
	} else if (f[1].digits == 0) {
		month = f[1].value;
		day = f[0].digits == 4 ? f[2] : f[0];
		year = f[0].digits == 4 ? f[0] : f[2];
	} else {
		return not_a_date(t, NULL);
	}
	if (!is_day_or_month(day))
		return not_a_date(t, NULL);
	r = year_of(t, year, &y);
	return r ? r : set_day(t, y, month, day.value, w);
}

/* "3 April 2026", for reasons that spell out a reading */
static void spell_date(char *buf, size_t size, int y, int m, int d)
{
	snprintf(buf, size, "%d %s %d", d, month_names[m - 1], y);
}

static bool is_day(int y, int m, int d)
{
	return y >= 1900 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

/* DATE_AUTO with the year last: the only reading that makes a date, or a
 * refusal naming both */
static const char *settle_day_month(struct date_text *t, int y, int a, int b, struct sheet_when *w)
{
	bool dmy = is_day(y, b, a), mdy = is_day(y, a, b);
	char first[32], second[32];

	if (dmy && mdy && a != b) {
		spell_date(first, sizeof first, y, b, a);
		spell_date(second, sizeof second, y, a, b);
		return sheet_refuse(t->why, t->whylen, t->cell,
		                    "could be %s (dmy) or %s (mdy): use --date-format dmy or mdy", first,
		                    second);
	}
	if (dmy)
		return set_day(t, y, b, a, w);
	if (mdy)
		return set_day(t, y, a, b, w);
	if (a > 12 && b > 12)
		return not_a_date(t, "neither %d nor %d is a month", a, b);
	/* one of them can be the month: say what is wrong with that reading */
	return b <= 12 ? check_day(t, y, b, a) : check_day(t, y, a, b);
}

/* 2026-12-01, 01.12.2026, 12/01/26 ... */
static const char *numeric_date(struct date_text *t, const struct field f[3], struct sheet_when *w)
{
	bool year_first = f[0].digits == 4 || t->order == DATE_YMD;
	int y = 0;
	const char *r;

	if (year_first) {
		if (f[2].digits == 4 && f[0].digits != 4)
			return not_a_date(t, "the year is last, but --date-format ymd puts it first");
		if (!is_day_or_month(f[1]) || !is_day_or_month(f[2]))
			return not_a_date(t, NULL);
		r = year_of(t, f[0], &y);
		return r ? r : set_day(t, y, f[1].value, f[2].value, w);
	}
	if (!is_day_or_month(f[0]) || !is_day_or_month(f[1]))
		return not_a_date(t, NULL);
	r = year_of(t, f[2], &y);
	if (r)
		return r;
	if (t->order == DATE_DMY && f[1].value > 12)
		return not_a_date(t, "there is no month %d; --date-format dmy puts the day first", f[1].value);
	if (t->order == DATE_DMY)
		return set_day(t, y, f[1].value, f[0].value, w);
	if (t->order == DATE_MDY && f[0].value > 12)
		return not_a_date(t, "there is no month %d; --date-format mdy puts the month first", f[0].value);
	if (t->order == DATE_MDY)
		return set_day(t, y, f[0].value, f[1].value, w);
	return settle_day_month(t, y, f[0].value, f[1].value, w);
}

static const char *check_weekday(struct date_text *t, int weekday, const struct sheet_when *w)
{
	char date[32];

	if (weekday < 0 || weekday == weekday_of(w->y, w->m, w->d))
		return NULL;
	spell_date(date, sizeof date, w->y, w->m, w->d);
	return not_a_date(t, "%s is a %s", date, weekday_names[weekday_of(w->y, w->m, w->d)]);
}

static const char *calendar_date(struct date_text *t, struct sheet_when *w)
{
	int weekday = skip_weekday(t);
	struct field f[3];
	char sep[2][8];
	const char *r;

	for (int i = 0; i < 3; i++) {
		if (i > 0 && !read_separator(t, sep[i - 1], sizeof sep[0]))
			return i == 2 && !*t->p ? not_a_date(t, "it has no year") : not_a_date(t, NULL);
		r = read_field(t, &f[i]);
		if (r)
			return r;
	}
	if (f[0].digits == 0 || f[1].digits == 0 || f[2].digits == 0)
		r = named_month_date(t, f, w);
	else if (strlen(sep[0]) == 1 && strchr("-/.", sep[0][0]) && strcmp(sep[0], sep[1]) == 0)
		r = numeric_date(t, f, w);
	else
		r = not_a_date(t, NULL);
	return r ? r : check_weekday(t, weekday, w);
}

/* ---- Excel day numbers ---- */

static bool is_day_number(const char *s)
{
	size_t n = strspn(s, DIGITS);

	if (n == 0 || !s[n])
		return n > 0;
	return n >= 5 && s[n] == '.' && s[n + 1] && !s[n + 1 + strspn(s + n + 1, DIGITS)];
}

/* the fraction of a day after the point, to the nearest second */
static long fraction_seconds(const char *digits)
{
	long long num = 0, den = 1;

	for (int i = 0; i < 12 && digits[i]; i++) {
		num = num * 10 + (digits[i] - '0');
		den *= 10;
	}
	return (long)((num * 86400 + den / 2) / den);
}

static const char *day_number(struct date_text *t, struct sheet_when *w)
{
	size_t n = strspn(t->cell, DIGITS);
	long serial = n <= 5 ? atol(t->cell) : 0, secs;

	if (serial < 20000)
		return not_a_date(t, "a plain number is an Excel day number only from 20000 to 99999");
	secs = t->cell[n] == '.' ? fraction_seconds(t->cell + n + 1) : 0;
	civil_from_days(EXCEL_DAY_ZERO + serial + secs / 86400, w);
	w->secs = (int)(secs % 86400);
	return NULL;
}

/* ---- the time and offset after a date ---- */

static int two_digits(const char *p)
{
	return isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) ? (p[0] - '0') * 10 + p[1] - '0'
	                                                                    : -1;
}

/* "AM", "pm", "a.m." -> 'a' or 'p', moving past it; else 0 */
static char read_am_pm(struct date_text *t)
{
	static const char *const forms[] = { "am", "a.m.", "pm", "p.m." };

	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		size_t n = strlen(forms[i]);
		if (strncasecmp(t->p, forms[i], n) == 0 && !isalpha((unsigned char)t->p[n])) {
			t->p += n;
			return forms[i][0];
		}
	}
	return 0;
}

static const char *read_clock(struct date_text *t, struct sheet_when *w)
{
	const char *clock = t->p;
	size_t n = strspn(t->p, DIGITS);
	int h = atoi(t->p), mi, s = 0;
	char half;

	if (n < 1 || n > 2 || t->p[n] != ':' || (mi = two_digits(t->p + n + 1)) < 0)
		return not_a_date(t, "cannot read the time \"%s\"", clock);
	t->p += n + 3;
	if (*t->p == ':') {
		if ((s = two_digits(t->p + 1)) < 0)
			return not_a_date(t, "cannot read the time \"%s\"", clock);
		t->p += 3;
		if (*t->p == '.' && isdigit((unsigned char)t->p[1]))
			t->p += 1 + strspn(t->p + 1, DIGITS);
	}
	t->p += strspn(t->p, " ");
	half = read_am_pm(t);
	if (half && (h < 1 || h > 12))
		return not_a_date(t, "with AM or PM there is no hour %d", h);
	if (half)
		h = h % 12 + (half == 'p' ? 12 : 0);
	if (h > 23)
		return not_a_date(t, "there is no hour %d", h);
	if (mi > 59)
		return not_a_date(t, "there is no minute %d", mi);
	if (s > 59)
		return not_a_date(t, "there is no second %d", s);
	w->secs = h * 3600 + mi * 60 + s;
	return NULL;
}

/* "Z", "UTC", "GMT", "+02:00", "+0200", "-05"; nothing is fine too */
static const char *read_offset(struct date_text *t, struct sheet_when *w)
{
	const char *text = t->p + strspn(t->p, " ");
	int sign = *text == '+' ? 1 : *text == '-' ? -1 : 0;
	int h = sign ? two_digits(text + 1) : -1, m = 0;
	const char *rest = h >= 0 ? text + 3 : NULL;

	if (!*text)
		return NULL;
	w->has_offset = true;
	if (strcasecmp(text, "Z") == 0 || strcasecmp(text, "UTC") == 0 || strcasecmp(text, "GMT") == 0)
		return NULL;
	if (rest && *rest) {
		rest += *rest == ':';
		m = two_digits(rest);
		rest = m >= 0 ? rest + 2 : NULL;
	}
	if (!rest || *rest)
		return not_a_date(t, "cannot read \"%s\" after the time", text);
	if (h > 14 || m > 59)
		return not_a_date(t, "the offset %s is out of range", text);
	w->offset = sign * (h * 3600 + m * 60);
	return NULL;
}

static const char *time_part(struct date_text *t, struct sheet_when *w)
{
	const char *r;

	if (!*t->p)
		return NULL;
	t->what = "a date and time";
	if (*t->p == 'T' || *t->p == 't')
		t->p++;
	else if (strspn(t->p, ", ") > 0)
		t->p += strspn(t->p, ", ");
	else
		return not_a_date(t, "cannot read \"%s\" after the date", t->p);
	r = read_clock(t, w);
	return r ? r : read_offset(t, w);
}

const char *sheet_read_when(const char *cell, enum date_order order, struct sheet_when *w, char *why,
                            size_t whylen)
{
	struct date_text t = { cell, "a date", cell, order, why, whylen };
	const char *r;

	memset(w, 0, sizeof *w);
	if (is_day_number(cell))
		return day_number(&t, w);
	r = calendar_date(&t, w);
	return r ? r : time_part(&t, w);
}

const char *sheet_date(const char *s, enum date_order order, char out[11], char *why, size_t whylen)
{
	char cell[SHEET_CELL_MAX];
	struct sheet_when w;
	const char *r;

	out[0] = '\0';
	if (!sheet_cell(s, cell, sizeof cell))
		return sheet_refuse(why, whylen, s, "is too long to be a date");
	if (!*cell)
		return NULL;
	r = sheet_read_when(cell, order, &w, why, whylen);
	if (!r)
		snprintf(out, 11, "%04u-%02u-%02u", (unsigned)w.y % 10000, (unsigned)w.m % 100, (unsigned)w.d % 100);
	return r;
}
