/* test_xlsx.c - reading .xlsx workbooks: values/excel_cells.h (numbers and
 * dates as a spreadsheet shows them) and files/csv_reader.h over workbooks
 * built here, part by part, with libzip (so every XML form the reader must
 * take is written out in the test: rich text, phonetic runs, _x000D_,
 * inline strings, cells and rows without an r attribute, styles, the 1904
 * date system, errors, hidden sheets). */
#include <zip.h>

#include "files/csv_reader.h"
#include "values/excel_cells.h"
#include "unit.h"

/* ---- numbers and dates ---- */

static void number_is(double v, const char *want)
{
	char out[64];
	excel_number_text(v, out, sizeof out);
	ck_assert_msg(strcmp(out, want) == 0, "%.17g shows as \"%s\", expected \"%s\"", v, out, want);
}

START_TEST(numbers_without_float_noise)
{
	number_is(0.1, "0.1");
	number_is(0.1 + 0.2, "0.3");            /* 0.30000000000000004 at 17 digits */
	number_is(5551234567.0, "5551234567");
	number_is(123456789012345.0, "123456789012345");
	number_is(1234567.5, "1234567.5");
	number_is(-42, "-42");
	number_is(-0.25, "-0.25");
	number_is(0, "0");
	number_is(2.0 / 3, "0.666666666666667");
	number_is(1e20, "1E+20");
	number_is(1.5e-10, "1.5E-10");
	number_is(0.001, "0.001");
}
END_TEST

static void serial_is(double v, enum excel_num_kind k, bool d1904, const char *want)
{
	char out[64] = "";
	ck_assert_msg(excel_serial_text(v, k, d1904, out, sizeof out), "%g is no date", v);
	ck_assert_msg(strcmp(out, want) == 0, "%g shows as \"%s\", expected \"%s\"", v, out, want);
}

START_TEST(dates_and_times_as_iso_8601)
{
	char out[64];
	serial_is(46086, EXCEL_DATE, false, "2026-03-05");
	serial_is(46086.604166666664, EXCEL_DATETIME, false, "2026-03-05T14:30:00");
	serial_is(0.604166666664, EXCEL_TIME, false, "14:30:00");
	serial_is(1, EXCEL_DATE, false, "1900-01-01");
	serial_is(59, EXCEL_DATE, false, "1900-02-28");
	serial_is(60, EXCEL_DATE, false, "1900-02-29");   /* Excel's phantom day */
	serial_is(61, EXCEL_DATE, false, "1900-03-01");
	serial_is(44000.999999999, EXCEL_DATETIME, false, "2020-06-19T00:00:00");
	serial_is(44624, EXCEL_DATE, true, "2026-03-05");
	serial_is(0, EXCEL_DATE, true, "1904-01-01");
	ck_assert(!excel_serial_text(-1, EXCEL_DATE, false, out, sizeof out));
	ck_assert(!excel_serial_text(3e6, EXCEL_DATE, false, out, sizeof out));
}
END_TEST

START_TEST(number_formats_that_are_dates)
{
	ck_assert_int_eq(excel_format_kind("yyyy-mm-dd"), EXCEL_DATE);
	ck_assert_int_eq(excel_format_kind("mm/dd/yyyy"), EXCEL_DATE);
	ck_assert_int_eq(excel_format_kind("d-mmm-yy"), EXCEL_DATE);
	ck_assert_int_eq(excel_format_kind("[$-409]mmmm d, yyyy;@"), EXCEL_DATE);
	ck_assert_int_eq(excel_format_kind("yyyy\\-mm\\-dd"), EXCEL_DATE);
	ck_assert_int_eq(excel_format_kind("yyyy-mm-dd hh:mm:ss"), EXCEL_DATETIME);
	ck_assert_int_eq(excel_format_kind("m/d/yyyy h:mm"), EXCEL_DATETIME);
	ck_assert_int_eq(excel_format_kind("hh:mm"), EXCEL_TIME);
	ck_assert_int_eq(excel_format_kind("h:mm:ss AM/PM"), EXCEL_TIME);
	ck_assert_int_eq(excel_format_kind("[h]:mm:ss"), EXCEL_TIME);
	ck_assert_int_eq(excel_format_kind("mm:ss"), EXCEL_TIME);
	ck_assert_int_eq(excel_format_kind("General"), EXCEL_NUMBER);
	ck_assert_int_eq(excel_format_kind("0.00"), EXCEL_NUMBER);
	ck_assert_int_eq(excel_format_kind("#,##0"), EXCEL_NUMBER);
	ck_assert_int_eq(excel_format_kind("0%"), EXCEL_NUMBER);
	ck_assert_int_eq(excel_format_kind("@"), EXCEL_NUMBER);
	ck_assert_int_eq(excel_format_kind("\"day\" 0"), EXCEL_NUMBER);
	ck_assert_int_eq(excel_format_kind("[Magenta]0"), EXCEL_NUMBER);   /* a colour, not minutes */
	ck_assert_int_eq(excel_format_kind("[Red]#,##0.00"), EXCEL_NUMBER);
	ck_assert_uint_eq(excel_format_zero_pad("00000"), 5);
	ck_assert_uint_eq(excel_format_zero_pad("00000;@"), 5);
	ck_assert_uint_eq(excel_format_zero_pad("0"), 0);
	ck_assert_uint_eq(excel_format_zero_pad("0.00"), 0);
	ck_assert_int_eq(excel_builtin_kind(14), EXCEL_DATE);
	ck_assert_int_eq(excel_builtin_kind(22), EXCEL_DATETIME);
	ck_assert_int_eq(excel_builtin_kind(20), EXCEL_TIME);
	ck_assert_int_eq(excel_builtin_kind(0), EXCEL_NUMBER);
	ck_assert_int_eq(excel_builtin_kind(49), EXCEL_NUMBER);
}
END_TEST

START_TEST(cell_references)
{
	char ref[16];
	unsigned long row;
	excel_cell_ref(3, 17, ref, sizeof ref);
	ck_assert_str_eq(ref, "C17");
	excel_cell_ref(28, 1, ref, sizeof ref);
	ck_assert_str_eq(ref, "AB1");
	excel_cell_ref(16384, 0, ref, sizeof ref);
	ck_assert_str_eq(ref, "XFD");
	ck_assert_uint_eq(excel_ref_col("AB17", &row), 28);
	ck_assert_uint_eq(row, 17);
	ck_assert_uint_eq(excel_ref_col("17", &row), 0);
}
END_TEST

/* ---- workbooks ---- */

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
           "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

struct part {
	const char *name, *xml;
};

static void add_part(zip_t *z, const char *name, const char *xml)
{
	zip_source_t *src = zip_source_buffer(z, xml, strlen(xml), 0);
	ck_assert(src != NULL);
	ck_assert(zip_file_add(z, name, src, ZIP_FL_OVERWRITE) >= 0);
}

/* a workbook of the given sheets (name, xml, hidden) with the given
 * shared strings and styles; NULL parts are left out */
static const char *make_book(const char *file, const char *workbook_pr, const char *const *sheets,
                             size_t n, const char *strings, const char *styles)
{
	static char path[512];
	char wb[4096], rels[4096], name[64];
	size_t o, ro;
	int err;
	zip_t *z;

	snprintf(path, sizeof path, "%s/%s", unit_dir, file);
	z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	ck_assert(z != NULL);
	o = (size_t)snprintf(wb, sizeof wb, "<?xml version=\"1.0\"?><workbook " NS ">%s<sheets>",
	                     workbook_pr ? workbook_pr : "");
	ro = (size_t)snprintf(rels, sizeof rels,
	                      "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	                      "<Relationship Id=\"rS\" Type=\"" REL "sharedStrings\" Target=\"sharedStrings.xml\"/>"
	                      "<Relationship Id=\"rY\" Type=\"" REL "styles\" Target=\"/xl/styles.xml\"/>");
	for (size_t i = 0; i < n; i++) {
		const char *sname = sheets[3 * i], *xml = sheets[3 * i + 1], *hidden = sheets[3 * i + 2];
		o += (size_t)snprintf(wb + o, sizeof wb - o, "<sheet name=\"%s\" sheetId=\"%zu\" %s r:id=\"rId%zu\"/>",
		                      sname, i + 1, hidden ? "state=\"hidden\"" : "", i + 1);
		ro += (size_t)snprintf(rels + ro, sizeof rels - ro,
		                       "<Relationship Id=\"rId%zu\" Type=\"" REL "worksheet\" Target=\"worksheets/s%zu.xml\"/>",
		                       i + 1, i + 1);
		snprintf(name, sizeof name, "xl/worksheets/s%zu.xml", i + 1);
		add_part(z, name, xml);
	}
	snprintf(wb + o, sizeof wb - o, "</sheets></workbook>");
	snprintf(rels + ro, sizeof rels - ro, "</Relationships>");
	add_part(z, "xl/workbook.xml", wb);
	add_part(z, "xl/_rels/workbook.xml.rels", rels);
	if (strings)
		add_part(z, "xl/sharedStrings.xml", strings);
	if (styles)
		add_part(z, "xl/styles.xml", styles);
	ck_assert(zip_close(z) == 0);
	return path;
}

static const char strings_xml[] =
	"<?xml version=\"1.0\"?><sst " NS " count=\"6\" uniqueCount=\"6\">"
	"<si><t>First Name</t></si>"
	"<si><t>Email</t></si>"
	"<si><r><rPr><b/></rPr><t>Zo</t></r><r><t xml:space=\"preserve\">\xC3\xAB M </t></r>"
	"<rPh sb=\"0\" eb=\"1\"><t>ignored reading</t></rPh></si>"
	"<si><t>a &amp; b &lt;c&gt; line_x000D_\nnext</t></si>"
	"<si><t>Phone</t></si>"
	"<si><t>Joined</t></si>"
	"</sst>";

/* cellXfs: 0 General, 1 a custom date, 2 built-in 22 (date and time), 3 text */
static const char styles_xml[] =
	"<?xml version=\"1.0\"?><styleSheet " NS ">"
	"<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy\\-mm\\-dd\"/></numFmts>"
	"<cellStyleXfs count=\"2\"><xf numFmtId=\"14\"/><xf numFmtId=\"0\"/></cellStyleXfs>"
	"<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"22\"/>"
	"<xf numFmtId=\"49\"/></cellXfs></styleSheet>";

static const char main_sheet[] =
	"<?xml version=\"1.0\"?><worksheet " NS "><sheetData>"
	"<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"B2\" t=\"s\"><v>1</v></c>"
	"<c r=\"C2\" t=\"s\"><v>4</v></c><c r=\"D2\" t=\"s\"><v>5</v></c><c r=\"E2\" t=\"inlineStr\"><is><t>Notes</t></is></c></row>"
	"<row r=\"3\"><c r=\"A3\" t=\"s\"><v>2</v></c><c r=\"B3\" t=\"inlineStr\"><is><r><t>zoe@</t></r><r><t>example.com</t></r></is></c>"
	"<c r=\"C3\"><v>5551234567</v></c><c r=\"D3\" s=\"1\"><v>46086</v></c>"
	"<c r=\"E3\" t=\"s\"><v>3</v></c><c r=\"H3\" s=\"3\"/></row>"
	"<row r=\"4\" spans=\"1:5\"/>"
	"<row r=\"6\"><c t=\"str\"><f>A6</f><v>Ben</v></c><c><v>0.1</v></c><c t=\"b\"><v>1</v></c>"
	"<c s=\"2\"><v>46086.604166666664</v></c><c t=\"e\"><v>#N/A</v></c></row>"
	"<row><c r=\"A7\"><v>-42</v></c><c r=\"B7\" t=\"s\"><v>99</v></c></row>"
	"</sheetData></worksheet>";

static const char other_sheet[] =
	"<?xml version=\"1.0\"?><worksheet " NS "><sheetData>"
	"<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Email</t></is></c></row>"
	"<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>hidden@example.com</t></is></c></row>"
	"</sheetData></worksheet>";

static void cells_are(const struct csv_record *rec, unsigned long line, const char *const *want, size_t n)
{
	ck_assert_uint_eq(rec->line, line);
	ck_assert_msg(rec->nfields == n, "row %lu has %zu cells, expected %zu", line, rec->nfields, n);
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(strcmp(rec->fields[i], want[i]) == 0 && rec->lens[i] == strlen(want[i]),
		              "row %lu cell %zu is \"%s\", expected \"%s\"", line, i + 1, rec->fields[i], want[i]);
}

START_TEST(a_sheet_read_as_records)
{
	const char *sheets[] = { "Hidden one", other_sheet, "h", "Leads", main_sheet, NULL };
	const char *path = make_book("a.xlsx", NULL, sheets, 2, strings_xml, styles_xml);
	struct csv_reader_options opt = { 0 };
	struct csv_reader r;
	const struct csv_record *rec;
	const char *h[] = { "First Name", "Email", "Phone", "Joined", "Notes" };
	const char *r3[] = { "Zo\xC3\xAB M ", "zoe@example.com", "5551234567", "2026-03-05",
	                     "a & b <c> line\r\nnext" };
	const char *r6[] = { "Ben", "0.1", "TRUE", "2026-03-05T14:30:00", "#N/A" };
	const char *r7[] = { "-42", "#REF!", "", "", "" };

	ck_assert_msg(csv_reader_open(&r, path, &opt) == 0, "%s", r.error);
	ck_assert_str_eq(r.sheet_name, "Leads");
	ck_assert_uint_eq(r.sheet_number, 2);
	ck_assert_int_eq(csv_reader_next(&r, &rec), 1);
	cells_are(rec, 2, h, 5);
	ck_assert_int_eq(csv_reader_next(&r, &rec), 1);
	cells_are(rec, 3, r3, 5);   /* the styled empty H3 is no cell */
	ck_assert(rec->error == NULL);
	ck_assert_int_eq(csv_reader_next(&r, &rec), 1);   /* the empty row 4 is skipped */
	cells_are(rec, 6, r6, 5);
	ck_assert_msg(rec->error && strstr(rec->error, "Leads!E6") && strstr(rec->error, "#N/A"),
	              "the error cell is not named: %s", rec->error ? rec->error : "(none)");
	ck_assert_uint_eq(rec->error_col, 5);
	ck_assert_int_eq(csv_reader_next(&r, &rec), 1);
	cells_are(rec, 7, r7, 5);
	ck_assert(rec->error != NULL);   /* a shared string the workbook lacks */
	ck_assert_int_eq(csv_reader_next(&r, &rec), 0);
	ck_assert(csv_reader_fraction(&r) == 1.0);
	csv_reader_close(&r);
}
END_TEST

START_TEST(sheets_picked_by_name_or_number)
{
	const char *sheets[] = { "Hidden one", other_sheet, "h", "Leads", main_sheet, NULL };
	const char *path = make_book("b.xlsx", NULL, sheets, 2, strings_xml, styles_xml);
	struct csv_reader_options opt = { .sheet = "hidden ONE" };
	struct csv_reader r;
	const struct csv_record *rec;

	ck_assert_msg(csv_reader_open(&r, path, &opt) == 0, "%s", r.error);
	ck_assert_int_eq(csv_reader_next(&r, &rec), 1);
	ck_assert_int_eq(csv_reader_next(&r, &rec), 1);
	ck_assert_str_eq(rec->fields[0], "hidden@example.com");
	csv_reader_close(&r);

	opt.sheet = "2";
	ck_assert_msg(csv_reader_open(&r, path, &opt) == 0, "%s", r.error);
	ck_assert_str_eq(r.sheet_name, "Leads");
	csv_reader_close(&r);

	opt.sheet = "Q4";
	ck_assert(csv_reader_open(&r, path, &opt) < 0);
	ck_assert_msg(strstr(r.error, "no sheet \"Q4\"") && strstr(r.error, "\"Hidden one\" (hidden), \"Leads\""),
	              "%s", r.error);
	csv_reader_close(&r);
}
END_TEST

START_TEST(the_1904_date_system)
{
	static const char sheet[] =
		"<?xml version=\"1.0\"?><worksheet " NS "><sheetData>"
		"<row r=\"1\"><c t=\"inlineStr\"><is><t>Email</t></is></c><c t=\"inlineStr\"><is><t>Joined</t></is></c></row>"
		"<row r=\"2\"><c t=\"inlineStr\"><is><t>a@example.com</t></is></c><c s=\"1\"><v>44624</v></c></row>"
		"</sheetData></worksheet>";
	const char *sheets[] = { "S", sheet, NULL };
	const char *path = make_book("c.xlsx", "<workbookPr date1904=\"1\"/>", sheets, 1, NULL, styles_xml);
	struct csv_reader_options opt = { 0 };
	struct csv_reader r;
	const struct csv_record *rec;

	ck_assert_msg(csv_reader_open(&r, path, &opt) == 0, "%s", r.error);
	ck_assert_int_eq(csv_reader_next(&r, &rec), 1);
	ck_assert_int_eq(csv_reader_next(&r, &rec), 1);
	ck_assert_str_eq(rec->fields[1], "2026-03-05");
	csv_reader_close(&r);
}
END_TEST

/* What sheets hold beyond plain cells: a postal code kept with a "00000"
 * format, raw CR LF in text (LF, as XML reads it) beside a &#13; (a CR that
 * is data), a cell our CSV guarded and a spreadsheet kept with its
 * apostrophe, a long attribute before the rows, and after </sheetData>
 * whatever may come (here: a long range list, then text that is no XML). */
START_TEST(what_else_sheets_hold)
{
	static const char styles[] =
		"<?xml version=\"1.0\"?><styleSheet " NS ">"
		"<numFmts count=\"1\"><numFmt numFmtId=\"165\" formatCode=\"00000\"/></numFmts>"
		"<cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"165\"/></cellXfs></styleSheet>";
	struct dynbuf x;
	const char *sheets[] = { "S", NULL, NULL };
	const char *path;
	struct csv_reader_options opt = { 0 };
	struct csv_reader r;
	const struct csv_record *rec;

	dynbuf_init(&x, (size_t)-1);
	dynbuf_add(&x, "<worksheet " NS "><sheetViews><sheetView><selection sqref=\"",
	           strlen("<worksheet " NS "><sheetViews><sheetView><selection sqref=\""));
	for (int i = 0; i < 20000; i++)
		dynbuf_add(&x, "A1 B2 ", 6);
	static const char rows[] =
		"\"/></sheetView></sheetViews><sheetData>"
		"<row r=\"1\"><c t=\"inlineStr\"><is><t>Email</t></is></c><c t=\"inlineStr\"><is><t>Zip</t></is></c>"
		"<c t=\"inlineStr\"><is><t>Notes</t></is></c><c t=\"inlineStr\"><is><t>Title</t></is></c></row>"
		"<row r=\"2\"><c t=\"inlineStr\"><is><t>a@example.com</t></is></c><c s=\"1\"><v>2134</v></c>"
		"<c t=\"inlineStr\"><is><t>one\r\ntwo\rthree&#13;&#10;four</t></is></c>"
		"<c t=\"inlineStr\"><is><t>'=HYPERLINK(\"x\")</t></is></c></row>"
		"</sheetData><conditionalFormatting sqref=\"";
	dynbuf_add(&x, rows, strlen(rows));
	for (int i = 0; i < 20000; i++)
		dynbuf_add(&x, "C3 D4 ", 6);
	dynbuf_add(&x, "\"><oops & not xml", 17);
	sheets[1] = x.data;
	path = make_book("e.xlsx", NULL, sheets, 1, NULL, styles);
	ck_assert_msg(csv_reader_open(&r, path, &opt) == 0, "%s", r.error);
	ck_assert_int_eq(csv_reader_next(&r, &rec), 1);
	ck_assert_int_eq(csv_reader_next(&r, &rec), 1);
	ck_assert_str_eq(rec->fields[1], "02134");
	ck_assert_str_eq(rec->fields[2], "one\ntwo\nthree\r\nfour");
	ck_assert_str_eq(rec->fields[3], "=HYPERLINK(\"x\")");
	ck_assert_int_eq(csv_reader_next(&r, &rec), 0);
	csv_reader_close(&r);
	dynbuf_free(&x);
}
END_TEST

/* many rows: the parser stops at each row's end and resumes across the
 * 64 KiB blocks the sheet is inflated in */
START_TEST(long_sheets_stream_row_by_row)
{
	struct dynbuf x;
	const char *sheets[] = { "Big", NULL, NULL };
	const char *path;
	struct csv_reader_options opt = { 0 };
	struct csv_reader r;
	const struct csv_record *rec;
	unsigned long n = 0;
	char cell[128];

	dynbuf_init(&x, (size_t)-1);
	dynbuf_add(&x, "<worksheet " NS "><sheetData><row><c t=\"inlineStr\"><is><t>Email</t></is></c>"
	               "<c t=\"inlineStr\"><is><t>N</t></is></c></row>", strlen("<worksheet " NS "><sheetData><row><c t=\"inlineStr\"><is><t>Email</t></is></c><c t=\"inlineStr\"><is><t>N</t></is></c></row>"));
	for (int i = 1; i <= 20000; i++) {
		int len = snprintf(cell, sizeof cell, "<row><c t=\"inlineStr\"><is><t>p%d@example.com</t></is></c><c><v>%d</v></c></row>", i, i);
		dynbuf_add(&x, cell, (size_t)len);
	}
	dynbuf_add(&x, "</sheetData></worksheet>", 24);
	sheets[1] = x.data;
	path = make_book("d.xlsx", NULL, sheets, 1, NULL, NULL);
	ck_assert_msg(csv_reader_open(&r, path, &opt) == 0, "%s", r.error);
	ck_assert_int_eq(csv_reader_next(&r, &rec), 1);
	while (csv_reader_next(&r, &rec) == 1) {
		n++;
		snprintf(cell, sizeof cell, "p%lu@example.com", n);
		ck_assert_str_eq(rec->fields[0], cell);
		ck_assert_uint_eq(strtoul(rec->fields[1], NULL, 10), n);
		ck_assert_uint_eq(rec->line, n + 1);
	}
	ck_assert_uint_eq(n, 20000);
	csv_reader_close(&r);
	dynbuf_free(&x);
}
END_TEST

START_TEST(what_is_not_a_workbook_is_named)
{
	char path[512];
	FILE *f;
	struct csv_reader_options opt = { 0 };
	struct csv_reader r;
	static const unsigned char ole2[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
	zip_t *z;
	int err;

	snprintf(path, sizeof path, "%s/old.xls", unit_dir);
	f = fopen(path, "wb");
	fwrite(ole2, 1, 8, f);
	fclose(f);
	ck_assert(csv_reader_open(&r, path, &opt) < 0);
	ck_assert_msg(strstr(r.error, ".xls") && strstr(r.error, "save it as .xlsx"), "%s", r.error);
	csv_reader_close(&r);

	snprintf(path, sizeof path, "%s/locked.xlsx", unit_dir);
	f = fopen(path, "wb");
	fwrite(ole2, 1, 8, f);
	fwrite("E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0", 1, 32, f);
	fclose(f);
	ck_assert(csv_reader_open(&r, path, &opt) < 0);
	ck_assert_msg(strstr(r.error, "password-protected"), "%s", r.error);
	csv_reader_close(&r);

	snprintf(path, sizeof path, "%s/sheet.ods", unit_dir);
	z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	add_part(z, "mimetype", "application/vnd.oasis.opendocument.spreadsheet");
	add_part(z, "content.xml", "<office:document-content/>");
	zip_close(z);
	ck_assert(csv_reader_open(&r, path, &opt) < 0);
	ck_assert_msg(strstr(r.error, "OpenDocument spreadsheet (.ods)"), "%s", r.error);
	csv_reader_close(&r);

	snprintf(path, sizeof path, "%s/notes.zip", unit_dir);
	z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	add_part(z, "notes.txt", "hello");
	zip_close(z);
	ck_assert(csv_reader_open(&r, path, &opt) < 0);
	ck_assert_msg(strstr(r.error, "not an Excel workbook"), "%s", r.error);
	csv_reader_close(&r);
}
END_TEST

static Suite *xlsx_suite(void)
{
	Suite *s = suite_create("xlsx");
	TCase *cells = tcase_create("cells"), *books = tcase_create("workbooks");

	tcase_add_test(cells, numbers_without_float_noise);
	tcase_add_test(cells, dates_and_times_as_iso_8601);
	tcase_add_test(cells, number_formats_that_are_dates);
	tcase_add_test(cells, cell_references);
	suite_add_tcase(s, cells);

	tcase_add_unchecked_fixture(books, unit_tmp_setup, unit_tmp_teardown);
	tcase_add_test(books, a_sheet_read_as_records);
	tcase_add_test(books, sheets_picked_by_name_or_number);
	tcase_add_test(books, the_1904_date_system);
	tcase_add_test(books, long_sheets_stream_row_by_row);
	tcase_add_test(books, what_else_sheets_hold);
	tcase_add_test(books, what_is_not_a_workbook_is_named);
	suite_add_tcase(s, books);
	return s;
}

int main(void)
{
	return unit_run(xlsx_suite());
}
