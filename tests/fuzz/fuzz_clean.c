/* fuzz_clean.c - libFuzzer target: value clean-up and checks on any bytes:
 * clean_* (src/values/clean.c), validate_email (src/rows/validate.c), split_full_name
 * (src/rows/mapping.c), parse_instant, parse_instant_precise, parse_clock and
 * zone_known (src/values/start_time.c); sheet_date, sheet_due, sheet_amount and
 * the task words (src/sheet_*.c). The whole input is the value, both as
 * (pointer, length) and as a C string (cut at the first NUL), the way a
 * cell reaches them; validate_email also sees clean_email's output, as in
 * a run. Checks what the headers promise: a clock is a minute of the day,
 * cleaned values are C strings of their stated length, a date read is
 * YYYY-MM-DD, a due time YYYY-MM-DDTHH:MM:SSZ, an amount plain digits with
 * at most one point and no trailing zero after it. */
#include "config.h"

#include <string.h>

#include "common/dynbuf.h"
#include "rows/mapping.h"
#include "rows/validate.h"
#include "values/clean.h"
#include "values/sheet_values.h"
#include "values/start_time.h"
#include "fuzz.h"

/* "2026-12-01" (or "" for a blank cell) */
static void check_date(const char *d, size_t len)
{
	if (!*d)
		return;
	if (strlen(d) != len)
		abort();
	for (size_t i = 0; i < len; i++)
		if (i == 4 || i == 7 ? d[i] != '-' : i == 10 ? d[i] != 'T' : i == 13 || i == 16 ? d[i] != ':'
		    : i == 19 ? d[i] != 'Z' : (d[i] < '0' || d[i] > '9'))
			abort();
}

static void check_amount(const char *a)
{
	const char *point = strchr(a, '.');
	if (!*a)
		return;
	if (a[0] == '0' && a[1] && a[1] != '.')
		abort();   /* a leading zero */
	for (const char *p = a; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p == '.' && p == point && p[1])))
			abort();
	if (point && a[strlen(a) - 1] == '0')
		abort();   /* a trailing zero after the point */
}

static void check_sheet(const char *s)
{
	char date[11], due[21], amount[48], why[200];
	for (int order = DATE_AUTO; order <= DATE_YMD; order++) {
		if (!sheet_date(s, (enum date_order)order, date, why, sizeof why))
			check_date(date, 10);
		if (!sheet_due(s, (enum date_order)order, order == DATE_DMY ? "Europe/Berlin" : NULL, due, why,
		               sizeof why))
			check_date(due, 20);
	}
	for (int comma = 0; comma < 2; comma++)
		if (!sheet_amount(s, comma, amount, why, sizeof why))
			check_amount(amount);
	task_type_from(s);
	task_priority_from(s);
	task_status_from(s);
}

static void check_buf(const struct dynbuf *b)
{
	if (b->len && strlen(b->data) != b->len)
		abort();   /* an embedded NUL or a missing terminator */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static void (*const cleaners[])(const char *, size_t, struct dynbuf *) = {
		clean_text, clean_email, clean_phone, clean_domain, clean_lower, clean_match_key,
	};
	char *s = fuzz_strdup(data, size);
	size_t slen = strlen(s);
	struct dynbuf out, first, last;
	time_t t;
	double d;
	int minute;

	dynbuf_init(&out, 1 << 20);
	dynbuf_init(&first, 1 << 20);
	dynbuf_init(&last, 1 << 20);

	for (size_t i = 0; i < sizeof cleaners / sizeof cleaners[0]; i++) {
		cleaners[i](s, slen, &out);
		check_buf(&out);
	}
	clean_email(s, slen, &out);
	validate_email(out.len ? out.data : "");
	validate_email(s);

	split_full_name(s, &first, &last);
	check_buf(&first);
	check_buf(&last);

	if (parse_instant(s, &t)) {
		char buf[64];
		format_instant(t, buf, sizeof buf);
	}
	parse_instant_precise(s, &d);
	if (parse_clock(s, &minute) && (minute < 0 || minute >= 24 * 60))
		abort();
	zone_known(s);
	check_sheet(s);

	dynbuf_free(&out);
	dynbuf_free(&first);
	dynbuf_free(&last);
	free(s);
	return 0;
}
