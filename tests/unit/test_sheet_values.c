/* test_sheet_values.c - values/sheet_values.h: dates, due times, amounts and task
 * fields as spreadsheets write them. Refusals are compared in full, so a
 * changed wording shows here, and each one must start by quoting the
 * value the user wrote. */
#include "values/sheet_values.h"
#include "unit.h"

static char why[160];

/* a refusal names the value: it starts with it (trimmed, perhaps cut
 * short with "..."), quoted */
static void names_value(const char *in, const char *reason)
{
	const char *s = in + strspn(in, " ");
	const char *close = reason[0] == '"' ? strstr(reason + 1, "\" ") : NULL;
	size_t n;

	ck_assert_msg(close != NULL, "\"%s\": the reason quotes nothing: %s", in, reason);
	n = (size_t)(close - (reason + 1));
	if (n > 3 && strncmp(close - 3, "...", 3) == 0)
		n -= 3;
	ck_assert_msg(n > 0 && strncmp(reason + 1, s, n) == 0, "\"%s\": the reason does not quote it: %s",
	              in, reason);
}

/* ---- dates ---- */

static void date_is(const char *in, enum date_order order, const char *want)
{
	char out[11] = "x";
	const char *r = sheet_date(in, order, out, why, sizeof why);
	ck_assert_msg(r == NULL, "sheet_date(\"%s\") refused: %s", in, r);
	ck_assert_msg(strcmp(out, want) == 0, "sheet_date(\"%s\") = \"%s\", expected \"%s\"", in, out,
	              want);
}

static void date_refused(const char *in, enum date_order order, const char *reason)
{
	char out[11] = "x";
	const char *r = sheet_date(in, order, out, why, sizeof why);
	ck_assert_msg(r != NULL, "sheet_date(\"%s\") accepted as \"%s\"", in, out);
	ck_assert_msg(r == why, "sheet_date(\"%s\"): the reason is not in why", in);
	ck_assert_msg(strcmp(r, reason) == 0, "sheet_date(\"%s\"):\n  got      %s\n  expected %s", in, r,
	              reason);
	ck_assert_msg(out[0] == '\0', "sheet_date(\"%s\") refused but left \"%s\" in out", in, out);
	names_value(in, r);
}

START_TEST(date_orders_by_name)
{
	enum date_order o = DATE_AUTO;

	ck_assert(date_order_from("dmy", &o) && o == DATE_DMY);
	ck_assert(date_order_from("mdy", &o) && o == DATE_MDY);
	ck_assert(date_order_from("ymd", &o) && o == DATE_YMD);
	ck_assert(date_order_from("auto", &o) && o == DATE_AUTO);
	ck_assert(date_order_from("DMY", &o) && o == DATE_DMY);
	ck_assert(!date_order_from("dd/mm/yyyy", &o));
	ck_assert(!date_order_from("", &o));
}
END_TEST

START_TEST(iso_dates)
{
	date_is("2026-12-01", DATE_AUTO, "2026-12-01");
	date_is("2026-12-01 00:00:00", DATE_AUTO, "2026-12-01");
	date_is("2026-12-01T00:00:00Z", DATE_AUTO, "2026-12-01");
	date_is("2026-12-01T23:30:00-05:00", DATE_AUTO, "2026-12-01");
	date_is("2026/12/01", DATE_AUTO, "2026-12-01");
	date_is("2026.12.1", DATE_AUTO, "2026-12-01");
	/* four digits first is year first, whatever the order says */
	date_is("2026-12-01", DATE_MDY, "2026-12-01");
	date_is("2026-12-01", DATE_DMY, "2026-12-01");
}
END_TEST

START_TEST(numeric_dates_in_the_order_given)
{
	date_is("12/01/2026", DATE_MDY, "2026-12-01");
	date_is("12/01/2026", DATE_DMY, "2026-01-12");
	date_is("01.12.2026", DATE_DMY, "2026-12-01");
	date_is("1-12-2026", DATE_DMY, "2026-12-01");
	date_is("1/2/2026", DATE_MDY, "2026-01-02");
	date_is("2026/12/01", DATE_YMD, "2026-12-01");
	date_is("26/12/01", DATE_YMD, "2026-12-01");
}
END_TEST

START_TEST(auto_settles_when_a_part_is_over_12_or_both_are_equal)
{
	date_is("13/01/2026", DATE_AUTO, "2026-01-13");
	date_is("01/13/2026", DATE_AUTO, "2026-01-13");
	date_is("31.12.2026", DATE_AUTO, "2026-12-31");
	date_is("05/05/2026", DATE_AUTO, "2026-05-05");
}
END_TEST

START_TEST(auto_refuses_an_ambiguous_date)
{
	date_refused("03/04/2026", DATE_AUTO,
	             "\"03/04/2026\" could be 3 April 2026 (dmy) or 4 March 2026 (mdy): use "
	             "--date-format dmy or mdy");
	date_refused("1.12.2026", DATE_AUTO,
	             "\"1.12.2026\" could be 1 December 2026 (dmy) or 12 January 2026 (mdy): use "
	             "--date-format dmy or mdy");
}
END_TEST

START_TEST(two_digit_years_follow_excel)
{
	date_is("1/12/26", DATE_DMY, "2026-12-01");
	date_is("1/12/00", DATE_DMY, "2000-12-01");
	date_is("1/12/29", DATE_DMY, "2029-12-01");
	date_is("1/12/30", DATE_DMY, "1930-12-01");
	date_is("12/31/99", DATE_AUTO, "1999-12-31");
	date_is("1-Dec-26", DATE_AUTO, "2026-12-01");
	date_refused("01/12/026", DATE_DMY, "\"01/12/026\" is not a date (the year needs four digits or two)");
}
END_TEST

START_TEST(year_first_order_wants_the_year_first)
{
	date_refused("12/01/2026", DATE_YMD,
	             "\"12/01/2026\" is not a date (the year is last, but --date-format ymd puts it first)");
}
END_TEST

START_TEST(month_names)
{
	date_is("1-Dec-2026", DATE_AUTO, "2026-12-01");
	date_is("1 Dec 2026", DATE_AUTO, "2026-12-01");
	date_is("Dec 1, 2026", DATE_AUTO, "2026-12-01");
	date_is("December 1 2026", DATE_AUTO, "2026-12-01");
	date_is("DECEMBER 1, 2026", DATE_AUTO, "2026-12-01");
	date_is("Tue, 1 Dec 2026", DATE_AUTO, "2026-12-01");
	date_is("Tuesday 1 December 2026", DATE_AUTO, "2026-12-01");
	date_is("Sept 3 2026", DATE_AUTO, "2026-09-03");
	date_is("3 sept. 2026", DATE_AUTO, "2026-09-03");
	date_is("2026-Dec-01", DATE_AUTO, "2026-12-01");
	/* the name settles the order, whatever --date-format says */
	date_is("Dec 1, 2026", DATE_DMY, "2026-12-01");
	date_is("1 Dec 2026", DATE_MDY, "2026-12-01");
}
END_TEST

START_TEST(a_weekday_must_match_the_date)
{
	date_refused("Wed, 1 Dec 2026", DATE_AUTO,
	             "\"Wed, 1 Dec 2026\" is not a date (1 December 2026 is a Tuesday)");
}
END_TEST

START_TEST(excel_day_numbers)
{
	date_is("46357", DATE_AUTO, "2026-12-01");
	date_is("20000", DATE_AUTO, "1954-10-03");
	date_is("99999", DATE_AUTO, "2173-10-13");
	date_is("46357.75", DATE_AUTO, "2026-12-01");
	date_refused("19999", DATE_AUTO,
	             "\"19999\" is not a date (a plain number is an Excel day number only from 20000 to "
	             "99999)");
	date_refused("2026", DATE_AUTO,
	             "\"2026\" is not a date (a plain number is an Excel day number only from 20000 to "
	             "99999)");
	date_refused("100000", DATE_AUTO,
	             "\"100000\" is not a date (a plain number is an Excel day number only from 20000 to "
	             "99999)");
}
END_TEST

START_TEST(february_the_31st)
{
	date_refused("31/02/2026", DATE_AUTO, "\"31/02/2026\" is not a date (February has 28 days in 2026)");
	date_refused("02/31/2026", DATE_MDY, "\"02/31/2026\" is not a date (February has 28 days in 2026)");
}
END_TEST

START_TEST(leap_years)
{
	date_refused("29/02/2026", DATE_AUTO, "\"29/02/2026\" is not a date (February has 28 days in 2026)");
	date_is("29/02/2028", DATE_AUTO, "2028-02-29");
	date_is("2000-02-29", DATE_AUTO, "2000-02-29");
	date_refused("1900-02-29", DATE_AUTO, "\"1900-02-29\" is not a date (February has 28 days in 1900)");
	date_refused("29 Feb 2100", DATE_AUTO, "\"29 Feb 2100\" is not a date (February has 28 days in 2100)");
}
END_TEST

START_TEST(impossible_months_and_days)
{
	date_refused("2026-13-01", DATE_AUTO, "\"2026-13-01\" is not a date (there is no month 13)");
	date_refused("2026-04-31", DATE_AUTO, "\"2026-04-31\" is not a date (April has 30 days)");
	date_refused("2026-12-00", DATE_AUTO, "\"2026-12-00\" is not a date (there is no day 0)");
	date_refused("13/14/2026", DATE_AUTO, "\"13/14/2026\" is not a date (neither 13 nor 14 is a month)");
	date_refused("12/31/2026", DATE_DMY,
	             "\"12/31/2026\" is not a date (there is no month 31; --date-format dmy puts the day "
	             "first)");
	date_refused("31/12/2026", DATE_MDY,
	             "\"31/12/2026\" is not a date (there is no month 31; --date-format mdy puts the "
	             "month first)");
	date_refused("1850-06-01", DATE_AUTO, "\"1850-06-01\" is not a date (years before 1900 are not taken)");
}
END_TEST

START_TEST(things_that_are_not_dates)
{
	date_refused("soon", DATE_AUTO,
	             "\"soon\" is not a date (write it like 2026-12-01, 01/12/2026 or 1 Dec 2026)");
	date_refused("Dex 1 2026", DATE_AUTO, "\"Dex 1 2026\" is not a date (\"Dex\" is not a month)");
	date_refused("1/12", DATE_DMY, "\"1/12\" is not a date (it has no year)");
	date_refused("Dec 1", DATE_AUTO, "\"Dec 1\" is not a date (it has no year)");
	date_refused("1/12-2026", DATE_DMY,
	             "\"1/12-2026\" is not a date (write it like 2026-12-01, 01/12/2026 or 1 Dec 2026)");
	date_refused("1 12 2026", DATE_DMY,
	             "\"1 12 2026\" is not a date (write it like 2026-12-01, 01/12/2026 or 1 Dec 2026)");
	date_refused("2026-12-01 noon", DATE_AUTO,
	             "\"2026-12-01 noon\" is not a date and time (cannot read the time \"noon\")");
}
END_TEST

START_TEST(blank_dates_are_not_errors)
{
	char out[11] = "x";

	ck_assert_ptr_null(sheet_date("", DATE_AUTO, out, why, sizeof why));
	ck_assert_str_eq(out, "");
	strcpy(out, "x");
	ck_assert_ptr_null(sheet_date("   ", DATE_AUTO, out, why, sizeof why));
	ck_assert_str_eq(out, "");
}
END_TEST

START_TEST(spaces_around_a_date_are_ignored)
{
	date_is("  2026-12-01  ", DATE_AUTO, "2026-12-01");
	date_refused(" 31/02/2026 ", DATE_AUTO, "\"31/02/2026\" is not a date (February has 28 days in 2026)");
}
END_TEST

START_TEST(a_long_value_is_shortened_in_the_reason)
{
	date_refused("This is a very long note that somebody typed into the date column", DATE_AUTO,
	             "\"This is a very long note that somebody t...\" is not a date (write it like "
	             "2026-12-01, 01/12/2026 or 1 Dec 2026)");
}
END_TEST

/* ---- due times ---- */

static void due_is(const char *in, const char *zone, const char *want)
{
	char out[21] = "x";
	const char *r = sheet_due(in, DATE_AUTO, zone, out, why, sizeof why);
	ck_assert_msg(r == NULL, "sheet_due(\"%s\", %s) refused: %s", in, zone ? zone : "NULL", r);
	ck_assert_msg(strcmp(out, want) == 0, "sheet_due(\"%s\", %s) = \"%s\", expected \"%s\"", in,
	              zone ? zone : "NULL", out, want);
}

static void due_refused(const char *in, const char *zone, const char *reason)
{
	char out[21] = "x";
	const char *r = sheet_due(in, DATE_AUTO, zone, out, why, sizeof why);
	ck_assert_msg(r != NULL, "sheet_due(\"%s\", %s) accepted as \"%s\"", in, zone ? zone : "NULL", out);
	ck_assert_msg(strcmp(r, reason) == 0, "sheet_due(\"%s\", %s):\n  got      %s\n  expected %s", in,
	              zone ? zone : "NULL", r, reason);
	ck_assert_msg(out[0] == '\0', "sheet_due(\"%s\") refused but left \"%s\" in out", in, out);
	names_value(in, r);
}

START_TEST(due_without_a_zone_is_utc)
{
	due_is("2026-12-01", NULL, "2026-12-01T00:00:00Z");
	due_is("2026-12-01 14:30", NULL, "2026-12-01T14:30:00Z");
	due_is("2026-12-01 14:30", "", "2026-12-01T14:30:00Z");
	due_is("2026-12-01 14:30", "UTC", "2026-12-01T14:30:00Z");
}
END_TEST

START_TEST(due_times_of_day)
{
	due_is("2026-12-01 14:30:15", NULL, "2026-12-01T14:30:15Z");
	due_is("2026-12-01T14:30", NULL, "2026-12-01T14:30:00Z");
	due_is("2026-12-01 2:30 PM", NULL, "2026-12-01T14:30:00Z");
	due_is("2026-12-01 2:30pm", NULL, "2026-12-01T14:30:00Z");
	due_is("2026-12-01 9:05 a.m.", NULL, "2026-12-01T09:05:00Z");
	due_is("2026-12-01 12:05 AM", NULL, "2026-12-01T00:05:00Z");
	due_is("2026-12-01 12:05 PM", NULL, "2026-12-01T12:05:00Z");
	due_is("2026-12-01 14:30:15.250", NULL, "2026-12-01T14:30:15Z");
	due_is("12/13/2026 14:30", NULL, "2026-12-13T14:30:00Z");
	due_is("Dec 1, 2026 2:30 PM", NULL, "2026-12-01T14:30:00Z");
	due_is("Tue, 1 Dec 2026 14:30 GMT", NULL, "2026-12-01T14:30:00Z");
}
END_TEST

START_TEST(due_order_applies_to_the_date)
{
	char out[21];

	ck_assert_ptr_null(sheet_due("01/12/2026 09:00", DATE_DMY, NULL, out, why, sizeof why));
	ck_assert_str_eq(out, "2026-12-01T09:00:00Z");
	ck_assert_ptr_null(sheet_due("01/12/2026 09:00", DATE_MDY, NULL, out, why, sizeof why));
	ck_assert_str_eq(out, "2026-01-12T09:00:00Z");
}
END_TEST

START_TEST(due_offsets)
{
	due_is("2026-12-01T14:30:00Z", "Europe/Berlin", "2026-12-01T14:30:00Z");
	due_is("2026-12-01T14:30+02:00", NULL, "2026-12-01T12:30:00Z");
	due_is("2026-12-01T14:30+0200", NULL, "2026-12-01T12:30:00Z");
	due_is("2026-12-01 14:30-05", NULL, "2026-12-01T19:30:00Z");
	due_is("2026-12-01 14:30 -05:00", "Asia/Tokyo", "2026-12-01T19:30:00Z");
	due_is("2026-12-01 14:30 UTC", "America/New_York", "2026-12-01T14:30:00Z");
	due_is("2026-12-01 14:30 GMT", "America/New_York", "2026-12-01T14:30:00Z");
	due_is("2026-12-01 20:00+05:30", NULL, "2026-12-01T14:30:00Z");
	due_is("2026-12-01 01:00+02:00", NULL, "2026-11-30T23:00:00Z");
}
END_TEST

START_TEST(due_local_to_a_zone)
{
	due_is("2026-12-01 09:00", "Europe/Berlin", "2026-12-01T08:00:00Z");
	due_is("2026-07-01 09:00", "Europe/Berlin", "2026-07-01T07:00:00Z");
	due_is("2026-12-01", "Europe/Berlin", "2026-11-30T23:00:00Z");
	due_is("2026-12-01 09:00", "America/New_York", "2026-12-01T14:00:00Z");
	due_is("2026-03-29 01:59", "Europe/Berlin", "2026-03-29T00:59:00Z");
	due_is("2026-03-29 03:00", "Europe/Berlin", "2026-03-29T01:00:00Z");
}
END_TEST

START_TEST(due_in_a_dst_gap_is_refused)
{
	due_refused("2026-03-29 02:30", "Europe/Berlin",
	            "\"2026-03-29 02:30\" does not exist in Europe/Berlin (the clocks go forward 1 hour that "
	            "night)");
	due_refused("2026-03-08 02:30", "America/New_York",
	            "\"2026-03-08 02:30\" does not exist in America/New_York (the clocks go forward 1 hour "
	            "that night)");
	due_refused("2026-10-04 02:15", "Australia/Lord_Howe",
	            "\"2026-10-04 02:15\" does not exist in Australia/Lord_Howe (the clocks go forward 30 "
	            "minutes that night)");
}
END_TEST

START_TEST(due_in_a_dst_fold_is_the_earlier_instant)
{
	due_is("2026-11-01 01:30", "America/New_York", "2026-11-01T05:30:00Z");
	due_is("2026-10-25 02:30", "Europe/Berlin", "2026-10-25T00:30:00Z");
}
END_TEST

START_TEST(due_in_an_unknown_zone_is_refused)
{
	due_refused("2026-12-01 09:00", "Mars/Olympus",
	            "\"2026-12-01 09:00\" cannot be placed: there is no time zone \"Mars/Olympus\" (names "
	            "look like Europe/Berlin)");
	due_refused("2026-12-01 09:00", "America",
	            "\"2026-12-01 09:00\" cannot be placed: there is no time zone \"America\" (names look "
	            "like Europe/Berlin)");
}
END_TEST

START_TEST(due_excel_fractions_are_the_time_of_day)
{
	due_is("46357", NULL, "2026-12-01T00:00:00Z");
	due_is("46357.5", NULL, "2026-12-01T12:00:00Z");
	due_is("46357.604166666667", NULL, "2026-12-01T14:30:00Z");
	due_is("46357.5", "Europe/Berlin", "2026-12-01T11:00:00Z");
	/* rounds to the second, into the next day if need be */
	due_is("46357.99999999", NULL, "2026-12-02T00:00:00Z");
}
END_TEST

START_TEST(due_times_that_cannot_be)
{
	due_refused("2026-12-01 25:00", NULL,
	            "\"2026-12-01 25:00\" is not a date and time (there is no hour 25)");
	due_refused("2026-12-01 24:00", NULL,
	            "\"2026-12-01 24:00\" is not a date and time (there is no hour 24)");
	due_refused("2026-12-01 14:60", NULL,
	            "\"2026-12-01 14:60\" is not a date and time (there is no minute 60)");
	due_refused("2026-12-01 14:30:61", NULL,
	            "\"2026-12-01 14:30:61\" is not a date and time (there is no second 61)");
	due_refused("2026-12-01 13:30 PM", NULL,
	            "\"2026-12-01 13:30 PM\" is not a date and time (with AM or PM there is no hour 13)");
	due_refused("2026-12-01 14:30+15:00", NULL,
	            "\"2026-12-01 14:30+15:00\" is not a date and time (the offset +15:00 is out of range)");
	due_refused("2026-12-01 14:30 CET", NULL,
	            "\"2026-12-01 14:30 CET\" is not a date and time (cannot read \"CET\" after the time)");
	due_refused("2026-12-01 14:30+02:", NULL,
	            "\"2026-12-01 14:30+02:\" is not a date and time (cannot read \"+02:\" after the time)");
	due_refused("2026-12-01 1430", NULL,
	            "\"2026-12-01 1430\" is not a date and time (cannot read the time \"1430\")");
	due_refused("31/02/2026 09:00", NULL, "\"31/02/2026 09:00\" is not a date (February has 28 days in 2026)");
}
END_TEST

START_TEST(due_blank_is_not_an_error)
{
	char out[21] = "x";

	ck_assert_ptr_null(sheet_due("  ", DATE_AUTO, "Europe/Berlin", out, why, sizeof why));
	ck_assert_str_eq(out, "");
}
END_TEST

START_TEST(due_puts_tz_back)
{
	char out[21];

	setenv("TZ", "Asia/Tokyo", 1);
	ck_assert_ptr_null(sheet_due("2026-12-01 09:00", DATE_AUTO, "Europe/Berlin", out, why, sizeof why));
	ck_assert_str_eq(getenv("TZ"), "Asia/Tokyo");
	unsetenv("TZ");
	ck_assert_ptr_null(sheet_due("2026-12-01 09:00", DATE_AUTO, "Europe/Berlin", out, why, sizeof why));
	ck_assert_ptr_null(getenv("TZ"));
}
END_TEST

/* ---- amounts ---- */

static void amount_is(const char *in, bool decimal_comma, const char *want)
{
	char out[48] = "x";
	const char *r = sheet_amount(in, decimal_comma, out, why, sizeof why);
	ck_assert_msg(r == NULL, "sheet_amount(\"%s\", %s) refused: %s", in,
	              decimal_comma ? "comma" : "point", r);
	ck_assert_msg(strcmp(out, want) == 0, "sheet_amount(\"%s\", %s) = \"%s\", expected \"%s\"", in,
	              decimal_comma ? "comma" : "point", out, want);
}

static void amount_refused(const char *in, bool decimal_comma, const char *reason)
{
	char out[48] = "x";
	const char *r = sheet_amount(in, decimal_comma, out, why, sizeof why);
	ck_assert_msg(r != NULL, "sheet_amount(\"%s\", %s) accepted as \"%s\"", in,
	              decimal_comma ? "comma" : "point", out);
	ck_assert_msg(strcmp(r, reason) == 0, "sheet_amount(\"%s\", %s):\n  got      %s\n  expected %s", in,
	              decimal_comma ? "comma" : "point", r, reason);
	ck_assert_msg(out[0] == '\0', "sheet_amount(\"%s\") refused but left \"%s\" in out", in, out);
	names_value(in, r);
}

START_TEST(plain_amounts)
{
	amount_is("50000", false, "50000");
	amount_is("1234.5", false, "1234.5");
	amount_is("1234.50", false, "1234.5");
	amount_is("1234.00", false, "1234");
	amount_is("0", false, "0");
	amount_is("0.00", false, "0");
	amount_is(".5", false, "0.5");
	amount_is("5.", false, "5");
	amount_is("007", false, "7");
	amount_is("0.05", false, "0.05");
}
END_TEST

START_TEST(currency_symbols_and_codes)
{
	amount_is("$50,000.00", false, "50000");
	amount_is("$ 50,000", false, "50000");
	amount_is("50,000 $", false, "50000");
	amount_is("\xE2\x82\xAC" "50", false, "50");       /* €50 */
	amount_is("50 \xE2\x82\xAC", false, "50");         /* 50 € */
	amount_is("\xC2\xA3" "1,234.50", false, "1234.5"); /* £1,234.50 */
	amount_is("\xC2\xA5" "1000", false, "1000");       /* ¥1000 */
	amount_is("\xE2\x82\xB9 2500", false, "2500");     /* ₹ 2500 */
	amount_is("USD 50,000", false, "50000");
	amount_is("USD50000", false, "50000");
	amount_is("50,000 usd", false, "50000");
	amount_is("50000EUR", false, "50000");
	amount_is("GBP 12", false, "12");
}
END_TEST

START_TEST(thousands_separators)
{
	amount_is("1,234,567.89", false, "1234567.89");
	amount_is("1 000 000", false, "1000000");
	amount_is("1\xC2\xA0" "000", false, "1000");         /* no-break space */
	amount_is("1\xE2\x80\xAF" "000,5", true, "1000.5"); /* narrow no-break space */
	amount_is("1'000'000", false, "1000000");
	amount_is("1'000,25", true, "1000.25");
	amount_is("1\xE2\x80\x99" "000", false, "1000"); /* 1’000 */
	amount_is("\xC2\xA0" "50\xC2\xA0", false, "50");
}
END_TEST

START_TEST(suffixes_scale_exactly)
{
	amount_is("50k", false, "50000");
	amount_is("50K", false, "50000");
	amount_is("50 k", false, "50000");
	amount_is("1.5k", false, "1500");
	amount_is("2.25m", false, "2250000");
	amount_is("2.25M", false, "2250000");
	amount_is("2mm", false, "2000000");
	amount_is("2 MM", false, "2000000");
	amount_is("1.2345k", false, "1234.5");
	amount_is("3bn", false, "3000000000");
	amount_is("3b", false, "3000000000");
	amount_is("1.5 B", false, "1500000000");
	amount_is("0.1k", false, "100");
	amount_is("$50k", false, "50000");
	amount_is("50k USD", false, "50000");
	amount_is("1,5k", true, "1500");
	amount_is("1.234,5k", true, "1234500");
}
END_TEST

START_TEST(decimal_comma)
{
	amount_is("50.000,00 \xE2\x82\xAC", true, "50000");
	amount_is("12,34", true, "12.34");
	amount_is("1.234.567,89", true, "1234567.89");
	amount_is("1 234,56", true, "1234.56");
	amount_is("50.000", true, "50000");
	amount_is("50", true, "50");
}
END_TEST

START_TEST(the_other_convention_is_pointed_out)
{
	amount_refused("12,34", false, "\"12,34\" is not an amount: with a decimal comma use --decimal-comma");
	amount_refused("50.000,00 \xE2\x82\xAC", false,
	               "\"50.000,00 \xE2\x82\xAC\" is not an amount: with a decimal comma use --decimal-comma");
	amount_refused("1.000.000", false,
	               "\"1.000.000\" is not an amount: with a decimal comma use --decimal-comma");
	amount_refused("50,000.00", true,
	               "\"50,000.00\" is not an amount: with a decimal point, leave out --decimal-comma");
}
END_TEST

START_TEST(groups_must_be_three_digits)
{
	amount_refused("1,00", false, "\"1,00\" is not an amount: with a decimal comma use --decimal-comma");
	amount_refused("1,0000", false, "\"1,0000\" is not an amount: with a decimal comma use --decimal-comma");
	amount_refused("1,234,5678", false,
	               "\"1,234,5678\" is not an amount (thousands are grouped in threes: 1,000,000)");
	amount_refused("1,,000", false, "\"1,,000\" is not an amount (thousands are grouped in threes: 1,000,000)");
	amount_refused("1234,567", false,
	               "\"1234,567\" is not an amount: with a decimal comma use --decimal-comma");
	amount_refused("1234,567,000", false,
	               "\"1234,567,000\" is not an amount (thousands are grouped in threes: 1,000,000)");
	amount_refused("1.00", true, "\"1.00\" is not an amount: with a decimal point, leave out --decimal-comma");
	amount_refused("1.234.56", true,
	               "\"1.234.56\" is not an amount (thousands are grouped in threes: 1.000.000)");
}
END_TEST

START_TEST(one_separator_before_three_digits_reads_both_ways)
{
	amount_refused("1.500", false,
	               "\"1.500\" could be 1.5 or 1500 (if dots group thousands in this file, use "
	               "--decimal-comma)");
	amount_refused("$50.000", false,
	               "\"$50.000\" could be 50 or 50000 (if dots group thousands in this file, use "
	               "--decimal-comma)");
	amount_refused("1,500", true,
	               "\"1,500\" could be 1.5 or 1500 (if commas group thousands in this file, leave out "
	               "--decimal-comma)");
	/* but not when only one reading makes sense */
	amount_is("0.500", false, "0.5");
	amount_is("1234.567", false, "1234.567");
	amount_is("1,500", false, "1500");
	amount_is("1.500,25", true, "1500.25");
}
END_TEST

START_TEST(negatives_are_refused)
{
	const char *negative[] = { "-5", "(500)", "500-", "-$5", "$-5", "\xE2\x88\x92" "5", "($1,000.00)" };
	char reason[160];

	for (size_t i = 0; i < sizeof negative / sizeof negative[0]; i++) {
		snprintf(reason, sizeof reason, "\"%s\" is negative (amounts are zero or more)", negative[i]);
		amount_refused(negative[i], false, reason);
	}
}
END_TEST

START_TEST(too_many_significant_digits)
{
	amount_is("123456789012345", false, "123456789012345");
	amount_is("1234567890.12345", false, "1234567890.12345");
	amount_is("1000000000000000000", false, "1000000000000000000");
	amount_refused("1234567890123456", false,
	               "\"1234567890123456\" has 16 significant digits (at most 15 are kept exactly)");
	amount_refused("1,234,567,890,123,456", false,
	               "\"1,234,567,890,123,456\" has 16 significant digits (at most 15 are kept exactly)");
	amount_refused("12.345678901234567", false,
	               "\"12.345678901234567\" has 17 significant digits (at most 15 are kept exactly)");
}
END_TEST

START_TEST(things_that_are_not_amounts)
{
	amount_refused("abc", false,
	               "\"abc\" is not an amount (only a currency like $ or USD, and k, m or bn, can go with "
	               "the number)");
	amount_refused("50 dollars", false,
	               "\"50 dollars\" is not an amount (only a currency like $ or USD, and k, m or bn, can go "
	               "with the number)");
	amount_refused("1.5E+06", false,
	               "\"1.5E+06\" is not an amount (only a currency like $ or USD, and k, m or bn, can go "
	               "with the number)");
	amount_refused("$", false, "\"$\" is not an amount (it has no digits)");
	amount_refused("k", false, "\"k\" is not an amount (it has no digits)");
	amount_refused("100-200", false, "\"100-200\" holds more than one number");
	amount_refused("50 60", false, "\"50 60\" holds more than one number");
	amount_refused("50000 60000", false, "\"50000 60000\" holds more than one number");
	amount_refused("50%", false, "\"50%\" is not an amount (\"%\" is not part of one)");
	amount_refused("~50", false, "\"~50\" is not an amount (\"~\" is not part of one)");
	amount_refused("1.2.3", true, "\"1.2.3\" is not an amount (thousands are grouped in threes: 1.000.000)");
	amount_refused("1,2,3", false, "\"1,2,3\" is not an amount (thousands are grouped in threes: 1,000,000)");
	amount_refused("1.5.", false, "\"1.5.\" is not an amount (it has two decimal points)");
}
END_TEST

START_TEST(blank_amounts_are_not_errors)
{
	char out[48] = "x";

	ck_assert_ptr_null(sheet_amount("", false, out, why, sizeof why));
	ck_assert_str_eq(out, "");
	strcpy(out, "x");
	ck_assert_ptr_null(sheet_amount(" \xC2\xA0 ", true, out, why, sizeof why));
	ck_assert_str_eq(out, "");
}
END_TEST

START_TEST(a_small_why_buffer_is_cut_not_overrun)
{
	char small[12], out[48];
	const char *r = sheet_amount("12,34", false, out, small, sizeof small);

	ck_assert_ptr_eq(r, small);
	ck_assert_str_eq(small, "\"12,34\" is ");
}
END_TEST

/* ---- task fields ---- */

START_TEST(task_types_from_friendly_spellings)
{
	const char *cases[][2] = {
		{ "call", "call" },
		{ "Call", "call" },
		{ "Phone call", "call" },
		{ "phone", "call" },
		{ "outreach_manual_email", "outreach_manual_email" },
		{ "Manual email", "outreach_manual_email" },
		{ "Email", "outreach_manual_email" },
		{ "linkedin_step_connect", "linkedin_step_connect" },
		{ "LinkedIn connect", "linkedin_step_connect" },
		{ "LinkedIn - Send connection request", "linkedin_step_connect" },
		{ "Connect", "linkedin_step_connect" },
		{ "linkedin_step_message", "linkedin_step_message" },
		{ "LinkedIn message", "linkedin_step_message" },
		{ "linkedin_step_view_profile", "linkedin_step_view_profile" },
		{ "LinkedIn view profile", "linkedin_step_view_profile" },
		{ "View profile", "linkedin_step_view_profile" },
		{ "linkedin_step_interact_post", "linkedin_step_interact_post" },
		{ "LinkedIn interact with post", "linkedin_step_interact_post" },
		{ "Interact with post", "linkedin_step_interact_post" },
		{ "action_item", "action_item" },
		{ "Action item", "action_item" },
		{ "To-do", "action_item" },
		{ "Todo", "action_item" },
		{ "TASK", "action_item" },
		{ "  action-item ", "action_item" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *got = task_type_from(cases[i][0]);
		ck_assert_msg(got && strcmp(got, cases[i][1]) == 0, "task_type_from(\"%s\") = %s, expected %s",
		              cases[i][0], got ? got : "NULL", cases[i][1]);
	}
	ck_assert_ptr_null(task_type_from("meeting"));
	ck_assert_ptr_null(task_type_from(""));
	ck_assert_ptr_null(task_type_from(" - "));
	ck_assert_ptr_null(task_type_from(NULL));
}
END_TEST

START_TEST(task_priorities_from_friendly_spellings)
{
	ck_assert_str_eq(task_priority_from("High"), "high");
	ck_assert_str_eq(task_priority_from("hi"), "high");
	ck_assert_str_eq(task_priority_from("URGENT"), "high");
	ck_assert_str_eq(task_priority_from("medium"), "medium");
	ck_assert_str_eq(task_priority_from("Med"), "medium");
	ck_assert_str_eq(task_priority_from("normal"), "medium");
	ck_assert_str_eq(task_priority_from("low"), "low");
	ck_assert_str_eq(task_priority_from("lo"), "low");
	ck_assert_ptr_null(task_priority_from("p1"));
	ck_assert_ptr_null(task_priority_from(""));
}
END_TEST

START_TEST(task_statuses_from_friendly_spellings)
{
	ck_assert_str_eq(task_status_from("scheduled"), "scheduled");
	ck_assert_str_eq(task_status_from("Open"), "scheduled");
	ck_assert_str_eq(task_status_from("to do"), "scheduled");
	ck_assert_str_eq(task_status_from("TODO"), "scheduled");
	ck_assert_str_eq(task_status_from("pending"), "scheduled");
	ck_assert_str_eq(task_status_from("Due"), "scheduled");
	ck_assert_str_eq(task_status_from("completed"), "completed");
	ck_assert_str_eq(task_status_from("Done"), "completed");
	ck_assert_str_eq(task_status_from("complete"), "completed");
	ck_assert_str_eq(task_status_from("skipped"), "skipped");
	ck_assert_str_eq(task_status_from("Skip"), "skipped");
	ck_assert_ptr_null(task_status_from("cancelled"));
	ck_assert_ptr_null(task_status_from(""));
}
END_TEST

START_TEST(task_value_lists_for_messages)
{
	ck_assert_str_eq(task_types_list, "call, outreach_manual_email, linkedin_step_connect, "
	                                  "linkedin_step_message, linkedin_step_view_profile, "
	                                  "linkedin_step_interact_post, action_item");
	ck_assert_str_eq(task_priorities_list, "high, medium, low");
	ck_assert_str_eq(task_statuses_list, "scheduled, completed, skipped");
}
END_TEST

static Suite *sheet_values_suite(void)
{
	Suite *s = suite_create("sheet_values");
	TCase *dates = tcase_create("sheet_date");
	TCase *due = tcase_create("sheet_due");
	TCase *amounts = tcase_create("sheet_amount");
	TCase *tasks = tcase_create("task fields");

	tcase_add_test(dates, date_orders_by_name);
	tcase_add_test(dates, iso_dates);
	tcase_add_test(dates, numeric_dates_in_the_order_given);
	tcase_add_test(dates, auto_settles_when_a_part_is_over_12_or_both_are_equal);
	tcase_add_test(dates, auto_refuses_an_ambiguous_date);
	tcase_add_test(dates, two_digit_years_follow_excel);
	tcase_add_test(dates, year_first_order_wants_the_year_first);
	tcase_add_test(dates, month_names);
	tcase_add_test(dates, a_weekday_must_match_the_date);
	tcase_add_test(dates, excel_day_numbers);
	tcase_add_test(dates, february_the_31st);
	tcase_add_test(dates, leap_years);
	tcase_add_test(dates, impossible_months_and_days);
	tcase_add_test(dates, things_that_are_not_dates);
	tcase_add_test(dates, blank_dates_are_not_errors);
	tcase_add_test(dates, spaces_around_a_date_are_ignored);
	tcase_add_test(dates, a_long_value_is_shortened_in_the_reason);
	suite_add_tcase(s, dates);

	tcase_add_test(due, due_without_a_zone_is_utc);
	tcase_add_test(due, due_times_of_day);
	tcase_add_test(due, due_order_applies_to_the_date);
	tcase_add_test(due, due_offsets);
	tcase_add_test(due, due_local_to_a_zone);
	tcase_add_test(due, due_in_a_dst_gap_is_refused);
	tcase_add_test(due, due_in_a_dst_fold_is_the_earlier_instant);
	tcase_add_test(due, due_in_an_unknown_zone_is_refused);
	tcase_add_test(due, due_excel_fractions_are_the_time_of_day);
	tcase_add_test(due, due_times_that_cannot_be);
	tcase_add_test(due, due_blank_is_not_an_error);
	tcase_add_test(due, due_puts_tz_back);
	suite_add_tcase(s, due);

	tcase_add_test(amounts, plain_amounts);
	tcase_add_test(amounts, currency_symbols_and_codes);
	tcase_add_test(amounts, thousands_separators);
	tcase_add_test(amounts, suffixes_scale_exactly);
	tcase_add_test(amounts, decimal_comma);
	tcase_add_test(amounts, the_other_convention_is_pointed_out);
	tcase_add_test(amounts, groups_must_be_three_digits);
	tcase_add_test(amounts, one_separator_before_three_digits_reads_both_ways);
	tcase_add_test(amounts, negatives_are_refused);
	tcase_add_test(amounts, too_many_significant_digits);
	tcase_add_test(amounts, things_that_are_not_amounts);
	tcase_add_test(amounts, blank_amounts_are_not_errors);
	tcase_add_test(amounts, a_small_why_buffer_is_cut_not_overrun);
	suite_add_tcase(s, amounts);

	tcase_add_test(tasks, task_types_from_friendly_spellings);
	tcase_add_test(tasks, task_priorities_from_friendly_spellings);
	tcase_add_test(tasks, task_statuses_from_friendly_spellings);
	tcase_add_test(tasks, task_value_lists_for_messages);
	suite_add_tcase(s, tasks);
	return s;
}

int main(void)
{
	return unit_run(sheet_values_suite());
}
