/* test_xlsx_writer.c - the typing rules of an .xlsx output: which cells of
 * a numeric column are numbers (the rest stay text, exactly as written),
 * which cells of a date column are dates, and which names are workbooks. */
#include "config.h"

#include "files/xlsx_writer.h"
#include "unit.h"

static bool num(const char *s, double *v)
{
	return xlsx_canonical_number(s, strlen(s), v);
}

START_TEST(canonical_decimals_are_numbers)
{
	static const struct { const char *s; double v; } yes[] = {
		{ "0", 0 }, { "7", 7 }, { "1048575", 1048575 }, { "-3", -3 }, { "12.5", 12.5 },
		{ "0.5", 0.5 }, { "-0.25", -0.25 }, { "52.60", 52.6 }, { "123456789012345", 123456789012345.0 },
		{ "0.000123456789012345", 0.000123456789012345 },
	};
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		double v = -1;
		ck_assert_msg(num(yes[i].s, &v), "%s is a number", yes[i].s);
		ck_assert_msg(v == yes[i].v, "%s read as %g", yes[i].s, v);
	}
}
END_TEST

START_TEST(ids_codes_and_odd_numbers_stay_text)
{
	/* leading zeros (a code, a postal code, a phone), more digits than a
	 * double keeps (an id), hex ids, exponents, signs, spaces, separators */
	static const char *const no[] = {
		"", "-", "007", "00", "-01", "02134", "0044 20 7946 0958", "1234567890123456",
		"123456789012345678901", "5e1234567890abcdef012345", "1e5", "+1", "1.", ".5", "1.2.3",
		" 1", "1 ", "1,000", "12%", "0x1F", "inf", "nan", "1.0000000000000001", "--1", "0.",
	};
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
		double v;
		ck_assert_msg(!num(no[i], &v), "\"%s\" must stay text", no[i]);
	}
}
END_TEST

START_TEST(iso_days_are_dates)
{
	int y, m, d;
	ck_assert(xlsx_iso_date("2026-12-31", 10, &y, &m, &d) && y == 2026 && m == 12 && d == 31);
	ck_assert(xlsx_iso_date("2024-02-29", 10, &y, &m, &d));
	ck_assert(xlsx_iso_date("2000-02-29", 10, &y, &m, &d));
	ck_assert(!xlsx_iso_date("1900-02-29", 10, &y, &m, &d));
	ck_assert(!xlsx_iso_date("2026-02-29", 10, &y, &m, &d));
	ck_assert(!xlsx_iso_date("2026-13-01", 10, &y, &m, &d));
	ck_assert(!xlsx_iso_date("2026-04-31", 10, &y, &m, &d));
	ck_assert(!xlsx_iso_date("2026-00-10", 10, &y, &m, &d));
	ck_assert(!xlsx_iso_date("1899-12-31", 10, &y, &m, &d));
	ck_assert(!xlsx_iso_date("2026-1-01", 9, &y, &m, &d));
	ck_assert(!xlsx_iso_date("2026/01/01", 10, &y, &m, &d));
	ck_assert(!xlsx_iso_date("2026-01-01T10:00:00Z", 20, &y, &m, &d));
	ck_assert(!xlsx_iso_date("31.12.2026", 10, &y, &m, &d));
}
END_TEST

START_TEST(xlsx_names)
{
	ck_assert(xlsx_is_name("out.xlsx"));
	ck_assert(xlsx_is_name("dir/OUT.XLSX"));
	ck_assert(xlsx_is_name("a.Xlsx"));
	ck_assert(!xlsx_is_name(".xlsx"));
	ck_assert(!xlsx_is_name("out.xlsx.gz"));
	ck_assert(!xlsx_is_name("out.xls"));
	ck_assert(!xlsx_is_name("out.csv"));
	ck_assert(!xlsx_is_name("-"));
	ck_assert(!xlsx_is_name(NULL));
}
END_TEST

START_TEST(a_csv_that_cannot_be_read_back_is_refused)
{
	char err[512];
	FILE *fp = fopen(unit_path("bad.csv"), "w");
	ck_assert_ptr_nonnull(fp);
	fputs("a,b\n\"open,x\n", fp);
	fclose(fp);
	ck_assert_int_eq(xlsx_from_csv(unit_path("bad.csv"), ',', unit_path("bad.xlsx"), NULL, err,
	                               sizeof err), -1);
	ck_assert_msg(strstr(err, "bad.csv") != NULL, "err: %s", err);
	ck_assert_int_eq(xlsx_from_csv(unit_path("none.csv"), ',', unit_path("none.xlsx"), NULL, err,
	                               sizeof err), -1);
	ck_assert_int_ne(access(unit_path("none.xlsx"), F_OK), 0);
}
END_TEST

static Suite *xlsx_suite(void)
{
	Suite *s = suite_create("xlsx_writer");
	TCase *t = tcase_create("typing");
	TCase *f = tcase_create("files");

	tcase_add_test(t, canonical_decimals_are_numbers);
	tcase_add_test(t, ids_codes_and_odd_numbers_stay_text);
	tcase_add_test(t, iso_days_are_dates);
	tcase_add_test(t, xlsx_names);
	suite_add_tcase(s, t);
	tcase_add_unchecked_fixture(f, unit_tmp_setup, unit_tmp_teardown);
	tcase_add_test(f, a_csv_that_cannot_be_read_back_is_refused);
	suite_add_tcase(s, f);
	return s;
}

int main(void)
{
	return unit_run(xlsx_suite());
}
