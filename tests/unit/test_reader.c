/* test_reader.c - files/csv_reader.h: the streaming CSV reader on real files. */
#include "files/csv_reader.h"
#include "files/readahead.h"
#include "rows/profiles.h"
#include "unit.h"

static struct csv_reader *open_reader_opt(const char *name, const char *data, size_t len,
                                          const struct csv_reader_options *opt)
{
	const char *path = unit_write(name, data, len);
	struct csv_reader *r = calloc(1, sizeof *r);

	ck_assert_ptr_nonnull(r);
	ck_assert_msg(csv_reader_open(r, path, opt) == 0, "csv_reader_open: %s", r->error);
	return r;
}

static struct csv_reader *open_reader(const char *name, const char *text)
{
	struct csv_reader_options opt = { 0 };
	return open_reader_opt(name, text, strlen(text), &opt);
}

static void close_reader(struct csv_reader *r)
{
	csv_reader_close(r);
	free(r);
}

/* The next record, which must exist. */
static const struct csv_record *next(struct csv_reader *r)
{
	const struct csv_record *rec = NULL;
	int rc = csv_reader_next(r, &rec);
	ck_assert_msg(rc == 1, "csv_reader_next returned %d (%s)", rc, r->error);
	return rec;
}

static void expect_end(struct csv_reader *r)
{
	const struct csv_record *rec = NULL;
	ck_assert_int_eq(csv_reader_next(r, &rec), 0);
}

/* A well-formed record: number, line and cells. */
static void expect_record(const struct csv_record *rec, unsigned long long number,
                          unsigned long line, size_t n, const char *const *cells)
{
	ck_assert_msg(rec->error == NULL, "record %llu: unexpected error: %s", rec->number,
	              rec->error);
	ck_assert_uint_eq(rec->number, number);
	ck_assert_uint_eq(rec->line, line);
	ck_assert_uint_eq(rec->nfields, n);
	for (size_t i = 0; i < n; i++) {
		ck_assert_uint_eq(rec->lens[i], strlen(cells[i]));
		ck_assert_str_eq(rec->fields[i], cells[i]);
	}
}

#define CELLS(...) (const char *const[]){ __VA_ARGS__ }
#define NCELLS(...) (sizeof(CELLS(__VA_ARGS__)) / sizeof(const char *))
#define EXPECT(rec, number, line, ...) \
	expect_record((rec), (number), (line), NCELLS(__VA_ARGS__), CELLS(__VA_ARGS__))

/* ---- plain lines split without libcsv ---- */

/* the records of text as the tool reads them and with every line through
 * libcsv: the same, byte for byte; returns how many */
static unsigned long same_both_ways(const char *name, const char *text)
{
	struct csv_reader_options plain = { 0 }, strict = { .libcsv_only = true };
	struct csv_reader *a = open_reader_opt(name, text, strlen(text), &plain);
	struct csv_reader *b = open_reader_opt(name, text, strlen(text), &strict);
	const struct csv_record *ra, *rb;
	unsigned long n = 0;
	int rc;

	while ((rc = csv_reader_next(a, &ra)) == 1) {
		ck_assert_int_eq(csv_reader_next(b, &rb), 1);
		ck_assert_uint_eq(ra->number, rb->number);
		ck_assert_uint_eq(ra->line, rb->line);
		ck_assert_uint_eq(ra->nfields, rb->nfields);
		for (size_t i = 0; i < ra->nfields; i++) {
			ck_assert_uint_eq(ra->lens[i], rb->lens[i]);
			ck_assert_mem_eq(ra->fields[i], rb->fields[i], ra->lens[i]);
		}
		ck_assert_int_eq(ra->error == NULL, rb->error == NULL);
		if (ra->error)
			ck_assert_str_eq(ra->error, rb->error);
		ck_assert_uint_eq(ra->error_col, rb->error_col);
		ck_assert_uint_eq(ra->raw_len, rb->raw_len);
		ck_assert_mem_eq(ra->raw, rb->raw, ra->raw_len);
		ck_assert_int_eq(ra->raw_is_cells, rb->raw_is_cells);
		n++;
	}
	ck_assert_int_eq(rc, 0);
	ck_assert_int_eq(csv_reader_next(b, &rb), 0);
	close_reader(a);
	close_reader(b);
	return n;
}

START_TEST(plain_lines_read_as_libcsv_reads_them)
{
	ck_assert_uint_eq(same_both_ways("plain-mixed.csv",
	                                 "first,last,email,phone\n"
	                                 "Ana, Lima ,ana@x.com,+55 (21) 5555-0645\n"
	                                 "\n"
	                                 "\"Bo, Jr\",Ek,bo@x.com,\n"
	                                 ",,,\r\n"
	                                 "'=1+1,x,y,z\r"
	                                 "\"multi\nline\",a,b,c\n"
	                                 "  ,\t,tab\there,end\n"
	                                 "short,row\n"
	                                 "a,b\"c,d,e\n"
	                                 "last,line,no,end"),
	                  10);
	ck_assert_uint_eq(same_both_ways("plain-semicolon.csv",
	                                 "a;b;c\n1;2,5;3\n\"x;y\";z;w\n;;\n"),
	                  4);
}
END_TEST

/* ---- lines and records ---- */

static void three_rows(const char *name, const char *text)
{
	struct csv_reader *r = open_reader(name, text);
	EXPECT(next(r), 0, 1, "a", "b");
	EXPECT(next(r), 1, 2, "1", "2");
	EXPECT(next(r), 2, 3, "3", "4");
	expect_end(r);
	close_reader(r);
}

START_TEST(lines_with_lf)
{
	three_rows("lf.csv", "a,b\n1,2\n3,4\n");
}
END_TEST

START_TEST(lines_with_crlf)
{
	three_rows("crlf.csv", "a,b\r\n1,2\r\n3,4\r\n");
}
END_TEST

START_TEST(lines_with_lone_cr)
{
	three_rows("cr.csv", "a,b\r1,2\r3,4\r");
}
END_TEST

START_TEST(final_line_without_line_end_is_a_record)
{
	three_rows("noeol.csv", "a,b\n1,2\n3,4");
}
END_TEST

START_TEST(blank_lines_are_skipped_but_counted)
{
	struct csv_reader *r = open_reader("blank.csv", "a,b\n\n1,2\n\n\n3,4\n");
	EXPECT(next(r), 0, 1, "a", "b");
	EXPECT(next(r), 1, 3, "1", "2");
	EXPECT(next(r), 2, 6, "3", "4");
	expect_end(r);
	close_reader(r);
}
END_TEST

START_TEST(embedded_newlines_move_the_next_line_number)
{
	struct csv_reader *r = open_reader("embedded.csv",
		"a,b\n"
		"\"x\ny\",2\n"              /* lines 2-3 */
		"3,\"p\r\nq\r\nr\"\n"       /* lines 4-6 */
		"5,6\n");                   /* line 7 */
	EXPECT(next(r), 0, 1, "a", "b");
	EXPECT(next(r), 1, 2, "x\ny", "2");
	EXPECT(next(r), 2, 4, "3", "p\r\nq\r\nr");
	EXPECT(next(r), 3, 7, "5", "6");
	expect_end(r);
	close_reader(r);
}
END_TEST

START_TEST(embedded_newlines_with_crlf_file)
{
	struct csv_reader *r = open_reader("embedded-crlf.csv",
		"a,b\r\n\"multi\r\nline\",2\r\n3,4\r\n");
	EXPECT(next(r), 0, 1, "a", "b");
	EXPECT(next(r), 1, 2, "multi\r\nline", "2");
	EXPECT(next(r), 2, 4, "3", "4");
	expect_end(r);
	close_reader(r);
}
END_TEST

START_TEST(doubled_quotes_are_one_quote)
{
	struct csv_reader *r = open_reader("dq.csv",
		"a,b\n\"say \"\"hi\"\"\",\"\"\"\"\n\"\",x\n");
	EXPECT(next(r), 0, 1, "a", "b");
	EXPECT(next(r), 1, 2, "say \"hi\"", "\"");
	EXPECT(next(r), 2, 3, "", "x");
	close_reader(r);
}
END_TEST

START_TEST(fields_are_kept_verbatim)
{
	struct csv_reader *r = open_reader("spaces.csv",
		"a,b,c\n  lead,trail  ,\" both \"\n\t,x , \n");
	EXPECT(next(r), 0, 1, "a", "b", "c");
	EXPECT(next(r), 1, 2, "  lead", "trail  ", " both ");
	EXPECT(next(r), 2, 3, "\t", "x ", " ");
	close_reader(r);
}
END_TEST

START_TEST(empty_cells_are_kept)
{
	struct csv_reader *r = open_reader("empties.csv", "a,b,c\n,,\nx,,\n");
	EXPECT(next(r), 0, 1, "a", "b", "c");
	EXPECT(next(r), 1, 2, "", "", "");
	EXPECT(next(r), 2, 3, "x", "", "");
	close_reader(r);
}
END_TEST

START_TEST(empty_file_has_no_records)
{
	struct csv_reader *r = open_reader("empty.csv", "");
	expect_end(r);
	expect_end(r);
	close_reader(r);
}
END_TEST

/* CRLF whose CR is the last byte of the first 64 KiB read block and whose
 * LF starts the next one: still one line end. */
START_TEST(crlf_split_across_read_blocks)
{
	const size_t rows = 6000;
	size_t cap = 17 + rows * 16 + 1, n = 0;
	char *text = malloc(cap);
	struct csv_reader *r;
	struct csv_reader_options opt = { 0 };

	ck_assert_ptr_nonnull(text);
	n += (size_t)sprintf(text, "id,name_xxxxxxx\r\n");    /* 17 bytes */
	for (size_t i = 1; i <= rows; i++)
		n += (size_t)sprintf(text + n, "%06zu,abcdefg\r\n", i); /* 16 bytes */
	ck_assert_int_eq(text[65535], '\r');
	ck_assert_int_eq(text[65536], '\n');
	r = open_reader_opt("split-crlf.csv", text, n, &opt);
	EXPECT(next(r), 0, 1, "id", "name_xxxxxxx");
	for (size_t i = 1; i <= rows; i++) {
		char id[16];
		snprintf(id, sizeof id, "%06zu", i);
		EXPECT(next(r), i, i + 1, id, "abcdefg");
	}
	expect_end(r);
	close_reader(r);
	free(text);
}
END_TEST

/* ---- sniffing ---- */

static void sniffs_delimiter(char d)
{
	char text[256];
	struct csv_reader *r;

	snprintf(text, sizeof text, "Name%cEmail%cCompany\nAna%cana@x.com%cAcme, Inc.\n"
	         "Bob%cbob@y.com%cInitech\n", d, d, d, d, d, d);
	r = open_reader("delim.csv", text);
	ck_assert_int_eq(r->sniff.delimiter, d);
	ck_assert(!r->sniff.delimiter_from_sep_line);
	EXPECT(next(r), 0, 1, "Name", "Email", "Company");
	EXPECT(next(r), 1, 2, "Ana", "ana@x.com", "Acme, Inc.");
	EXPECT(next(r), 2, 3, "Bob", "bob@y.com", "Initech");
	close_reader(r);
}

START_TEST(sniffs_comma)
{
	struct csv_reader *r = open_reader("comma.csv", "name,email\nAna,a@x.com\n");
	ck_assert_int_eq(r->sniff.delimiter, ',');
	EXPECT(next(r), 0, 1, "name", "email");
	close_reader(r);
}
END_TEST

START_TEST(sniffs_semicolon)
{
	sniffs_delimiter(';');
}
END_TEST

START_TEST(sniffs_tab)
{
	sniffs_delimiter('\t');
}
END_TEST

START_TEST(sniffs_pipe)
{
	sniffs_delimiter('|');
}
END_TEST

START_TEST(forced_delimiter_wins)
{
	struct csv_reader_options opt = { .delimiter = ';' };
	static const char text[] = "a,b;c\n1,2;3\n";
	struct csv_reader *r = open_reader_opt("forced.csv", text, strlen(text), &opt);
	ck_assert_int_eq(r->sniff.delimiter, ';');
	EXPECT(next(r), 0, 1, "a,b", "c");
	close_reader(r);
}
END_TEST

START_TEST(sep_line_sets_the_delimiter)
{
	struct csv_reader *r = open_reader("sep.csv", "sep=;\nname;company\nAna;Acme, Inc.\n");
	ck_assert_int_eq(r->sniff.delimiter, ';');
	ck_assert(r->sniff.delimiter_from_sep_line);
	ck_assert_uint_eq(r->sniff.header_line, 2);
	ck_assert_uint_eq(r->preamble_lines, 1);
	EXPECT(next(r), 0, 2, "name", "company");
	EXPECT(next(r), 1, 3, "Ana", "Acme, Inc.");
	expect_end(r);
	close_reader(r);
}
END_TEST

static struct profile_set profiles;

static void load_profiles(void)
{
	char err[512];
	ck_assert_msg(profiles_load(&profiles, unit_formats_dir(), err, sizeof err) == 0,
	              "profiles_load: %s", err);
}

START_TEST(linkedin_preamble_is_skipped)
{
	static const char text[] =
		"Notes:\n"
		"\"When exporting your connection data, you may notice that some of the email "
		"addresses are missing. You will only see email addresses for connections who "
		"have allowed their connections to see or download their email address.\"\n"
		"\n"
		"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
		"Ana,Diaz,https://www.linkedin.com/in/anadiaz,ana@quillmetrics.io,Quillmetrics,CTO,"
		"12 Mar 2024\n";
	struct csv_reader_options opt = { .known_header = profiles_known_header };
	struct csv_reader *r;

	load_profiles();
	opt.known_header_ctx = &profiles;
	r = open_reader_opt("Connections.csv", text, strlen(text), &opt);
	ck_assert_uint_eq(r->sniff.header_line, 4);
	ck_assert_uint_eq(r->preamble_lines, 3);
	ck_assert_int_eq(r->sniff.delimiter, ',');
	EXPECT(next(r), 0, 4, "First Name", "Last Name", "URL", "Email Address", "Company",
	       "Position", "Connected On");
	EXPECT(next(r), 1, 5, "Ana", "Diaz", "https://www.linkedin.com/in/anadiaz",
	       "ana@quillmetrics.io", "Quillmetrics", "CTO", "12 Mar 2024");
	expect_end(r);
	close_reader(r);
	profiles_free(&profiles);
}
END_TEST

/* ---- malformed records ---- */

START_TEST(stray_quote_in_unquoted_cell)
{
	struct csv_reader *r = open_reader("stray.csv", "x,y,z\na,b\"c,d\n1,2,3\n");
	const struct csv_record *rec;

	EXPECT(next(r), 0, 1, "x", "y", "z");
	rec = next(r);
	ck_assert_ptr_nonnull(rec->error);
	ck_assert_uint_eq(rec->number, 1);
	ck_assert_uint_eq(rec->line, 2);
	ck_assert_uint_eq(rec->error_col, 2);
	ck_assert_uint_eq(rec->nfields, 3);     /* still split, leniently */
	ck_assert_str_eq(rec->fields[0], "a");
	ck_assert_str_eq(rec->fields[1], "b\"c");
	ck_assert_str_eq(rec->fields[2], "d");
	EXPECT(next(r), 2, 3, "1", "2", "3");
	expect_end(r);
	close_reader(r);
}
END_TEST

START_TEST(text_after_closing_quote)
{
	struct csv_reader *r = open_reader("after.csv", "x,y\n\"ab\"x,y\n1,2\n");
	const struct csv_record *rec;

	EXPECT(next(r), 0, 1, "x", "y");
	rec = next(r);
	ck_assert_ptr_nonnull(rec->error);
	ck_assert_msg(strstr(rec->error, "closing quote") != NULL, "error: %s", rec->error);
	ck_assert_uint_eq(rec->line, 2);
	ck_assert_uint_eq(rec->error_col, 1);
	EXPECT(next(r), 2, 3, "1", "2");
	expect_end(r);
	close_reader(r);
}
END_TEST

START_TEST(unterminated_quote_is_cut_at_its_line)
{
	struct csv_reader *r = open_reader("runaway.csv",
		"a,b\n1,2\n3,\"oops\n4,5\n6,7\n8,9\n");
	const struct csv_record *rec;

	EXPECT(next(r), 0, 1, "a", "b");
	EXPECT(next(r), 1, 2, "1", "2");
	rec = next(r);
	ck_assert_ptr_nonnull(rec->error);
	ck_assert_msg(strstr(rec->error, "line 3") != NULL, "error: %s", rec->error);
	ck_assert_uint_eq(rec->number, 2);
	ck_assert_uint_eq(rec->line, 3);
	ck_assert_uint_eq(rec->error_line, 3);
	ck_assert_uint_eq(rec->error_col, 2);
	ck_assert_str_eq(rec->fields[0], "3");
	EXPECT(next(r), 3, 4, "4", "5");
	EXPECT(next(r), 4, 5, "6", "7");
	EXPECT(next(r), 5, 6, "8", "9");
	expect_end(r);
	close_reader(r);
}
END_TEST

/* Regression: in a file that quotes every cell (HubSpot and Salesforce
 * exports do), an open quote on line 3 must not be "closed" by the first
 * quote of line 4: the error names line 3 and line 4 is its own row. */
START_TEST(unterminated_quote_in_a_fully_quoted_file)
{
	struct csv_reader *r = open_reader("runaway-quoted.csv",
		"\"a\",\"b\"\n\"1\",\"2\"\n\"3\",\"oops\n\"4\",\"5\"\n\"6\",\"7\"\n");
	const struct csv_record *rec;

	EXPECT(next(r), 0, 1, "a", "b");
	EXPECT(next(r), 1, 2, "1", "2");
	rec = next(r);
	ck_assert_ptr_nonnull(rec->error);
	ck_assert_uint_eq(rec->line, 3);
	ck_assert_msg(rec->error_line == 3, "error on line %lu: %s", rec->error_line, rec->error);
	ck_assert_uint_eq(rec->error_col, 2);
	EXPECT(next(r), 3, 4, "4", "5");
	EXPECT(next(r), 4, 5, "6", "7");
	expect_end(r);
	close_reader(r);
}
END_TEST

START_TEST(unterminated_quote_on_the_last_line)
{
	struct csv_reader *r = open_reader("runaway-last.csv", "a,b\n1,2\n3,\"oops");
	const struct csv_record *rec;

	EXPECT(next(r), 0, 1, "a", "b");
	EXPECT(next(r), 1, 2, "1", "2");
	rec = next(r);
	ck_assert_ptr_nonnull(rec->error);
	ck_assert_uint_eq(rec->line, 3);
	ck_assert_uint_eq(rec->error_line, 3);
	ck_assert_uint_eq(rec->error_col, 2);
	expect_end(r);
	close_reader(r);
}
END_TEST

/* The record starts on line 2; the problem is on line 3. */
START_TEST(error_in_a_multi_line_record_names_the_problem_line)
{
	struct csv_reader *r = open_reader("multi-bad.csv", "a,b\n\"x\ny\"z,1\n2,3\n");
	const struct csv_record *rec;

	EXPECT(next(r), 0, 1, "a", "b");
	rec = next(r);
	ck_assert_ptr_nonnull(rec->error);
	ck_assert_uint_eq(rec->line, 2);
	ck_assert_uint_eq(rec->error_line, 3);
	ck_assert_uint_eq(rec->error_col, 1);
	EXPECT(next(r), 2, 4, "2", "3");
	expect_end(r);
	close_reader(r);
}
END_TEST

static void fill(char *p, char c, size_t n)
{
	memset(p, c, n);
	p[n] = '\0';
}

/* Regression: an unquoted cell over max_field is caught even when its
 * whole line is parsed at once (libcsv's entry_pos is back to 0 by then). */
START_TEST(oversized_unquoted_cell_is_an_error)
{
	struct csv_reader_options opt = { .max_field = 64 };
	char big[101], text[256];
	struct csv_reader *r;
	const struct csv_record *rec;

	fill(big, 'x', 100);
	snprintf(text, sizeof text, "a,b\n%s,y\n1,2\n", big);
	r = open_reader_opt("big.csv", text, strlen(text), &opt);
	EXPECT(next(r), 0, 1, "a", "b");
	rec = next(r);
	ck_assert_msg(rec->error != NULL, "a 100-byte cell passed a 64-byte limit");
	ck_assert_msg(strstr(rec->error, "64 bytes") != NULL, "error: %s", rec->error);
	ck_assert_uint_eq(rec->line, 2);
	ck_assert_uint_eq(rec->error_col, 1);
	EXPECT(next(r), 2, 3, "1", "2");
	expect_end(r);
	close_reader(r);
}
END_TEST

/* The same cell without a line end, so the limit is seen mid-cell. */
START_TEST(oversized_last_cell_without_line_end_is_an_error)
{
	struct csv_reader_options opt = { .max_field = 64 };
	char big[101], text[256];
	struct csv_reader *r;
	const struct csv_record *rec;

	fill(big, 'x', 100);
	snprintf(text, sizeof text, "a,b\n1,%s", big);
	r = open_reader_opt("big-eof.csv", text, strlen(text), &opt);
	EXPECT(next(r), 0, 1, "a", "b");
	rec = next(r);
	ck_assert_ptr_nonnull(rec->error);
	ck_assert_msg(strstr(rec->error, "64 bytes") != NULL, "error: %s", rec->error);
	ck_assert_uint_eq(rec->error_col, 2);
	expect_end(r);
	close_reader(r);
}
END_TEST

/* An open quote whose field runs over the limit across lines: the record
 * ends with the quote's line, and the lines after it are rows again. */
START_TEST(quoted_runaway_over_max_field)
{
	struct csv_reader_options opt = { .max_field = 64 };
	char line[31], text[512];
	struct csv_reader *r;
	const struct csv_record *rec;

	fill(line, 'x', 30);
	snprintf(text, sizeof text, "a,b\n1,\"runaway\n%s\n%s\n%s\n2,3\n", line, line, line);
	r = open_reader_opt("runaway-big.csv", text, strlen(text), &opt);
	EXPECT(next(r), 0, 1, "a", "b");
	rec = next(r);
	ck_assert_ptr_nonnull(rec->error);
	ck_assert_msg(strstr(rec->error, "line 2") != NULL, "error: %s", rec->error);
	ck_assert_msg(strstr(rec->error, "64 bytes") != NULL, "error: %s", rec->error);
	ck_assert_uint_eq(rec->line, 2);
	ck_assert_uint_eq(rec->error_line, 2);
	ck_assert_uint_eq(rec->error_col, 2);
	ck_assert_str_eq(rec->fields[0], "1");
	EXPECT(next(r), 2, 3, line);
	EXPECT(next(r), 3, 4, line);
	EXPECT(next(r), 4, 5, line);
	EXPECT(next(r), 5, 6, "2", "3");
	expect_end(r);
	close_reader(r);
}
END_TEST

/* Regression: likewise for a quoted cell that closes on its own line. */
START_TEST(oversized_quoted_cell_on_one_line_is_an_error)
{
	struct csv_reader_options opt = { .max_field = 64 };
	char big[101], text[256];
	struct csv_reader *r;
	const struct csv_record *rec;

	fill(big, 'x', 100);
	snprintf(text, sizeof text, "a,b\n1,\"%s\"\n2,3\n", big);
	r = open_reader_opt("big-quoted.csv", text, strlen(text), &opt);
	EXPECT(next(r), 0, 1, "a", "b");
	rec = next(r);
	ck_assert_msg(rec->error != NULL, "a 100-byte quoted cell passed a 64-byte limit");
	ck_assert_uint_eq(rec->line, 2);
	ck_assert_uint_eq(rec->error_col, 2);
	EXPECT(next(r), 2, 3, "2", "3");
	expect_end(r);
	close_reader(r);
}
END_TEST

START_TEST(nul_byte_is_an_error_shown_as_replacement_char)
{
	static const char text[] = "a,b\nx\0y,z\n1,2\n";
	struct csv_reader_options opt = { 0 };
	struct csv_reader *r = open_reader_opt("nul.csv", text, sizeof text - 1, &opt);
	const struct csv_record *rec;

	EXPECT(next(r), 0, 1, "a", "b");
	rec = next(r);
	ck_assert_ptr_nonnull(rec->error);
	ck_assert_msg(strstr(rec->error, "NUL") != NULL, "error: %s", rec->error);
	ck_assert_uint_eq(rec->error_col, 1);
	ck_assert_uint_eq(rec->nfields, 2);
	ck_assert_str_eq(rec->fields[0], "x\xEF\xBF\xBDy");
	ck_assert_uint_eq(rec->lens[0], 5);
	ck_assert_str_eq(rec->fields[1], "z");
	EXPECT(next(r), 2, 3, "1", "2");
	close_reader(r);
}
END_TEST

/* ---- spreadsheet guards ---- */

START_TEST(excel_guards_are_removed)
{
	struct csv_reader *r = open_reader("guarded.csv",
		"a,b,c,d,e,f\n'=SUM(A1),'+1 555,''=x,'abc,'-5,\"'@home\"\n");
	EXPECT(next(r), 0, 1, "a", "b", "c", "d", "e", "f");
	EXPECT(next(r), 1, 2, "=SUM(A1)", "+1 555", "'=x", "'abc", "-5", "@home");
	close_reader(r);
}
END_TEST

START_TEST(lone_apostrophes_are_kept)
{
	struct csv_reader *r = open_reader("apos.csv", "a,b,c\n',''',O'Brien\n");
	EXPECT(next(r), 0, 1, "a", "b", "c");
	EXPECT(next(r), 1, 2, "'", "'''", "O'Brien");
	close_reader(r);
}
END_TEST

/* ---- encodings through the reader ---- */

START_TEST(utf16_file_is_read_as_utf8_records)
{
	/* "email;name\r\nana@x.com;José\r\n" as UTF-16LE with a BOM (é is U+00E9) */
	static const unsigned char bytes[] = {
		0xFF, 0xFE, 'e', 0, 'm', 0, 'a', 0, 'i', 0, 'l', 0, ';', 0, 'n', 0, 'a', 0,
		'm', 0, 'e', 0, '\r', 0, '\n', 0, 'a', 0, 'n', 0, 'a', 0, '@', 0, 'x', 0,
		'.', 0, 'c', 0, 'o', 0, 'm', 0, ';', 0, 'J', 0, 'o', 0, 's', 0, 0xE9, 0,
		'\r', 0, '\n', 0
	};
	struct csv_reader_options opt = { 0 };
	struct csv_reader *r = open_reader_opt("utf16.csv", (const char *)bytes, sizeof bytes, &opt);

	EXPECT(next(r), 0, 1, "email", "name");
	EXPECT(next(r), 1, 2, "ana@x.com", "Jos\xC3\xA9");
	expect_end(r);
	close_reader(r);
}
END_TEST

START_TEST(missing_file_fails_to_open)
{
	struct csv_reader *r = calloc(1, sizeof *r);
	struct csv_reader_options opt = { 0 };
	ck_assert_int_eq(csv_reader_open(r, unit_path("nope.csv"), &opt), -1);
	ck_assert_msg(strstr(r->error, "cannot open") != NULL, "error: %s", r->error);
	csv_reader_close(r);
	free(r);
}
END_TEST

/* ---- the share read, for the progress display ---- */

/* A file read to its end in blocks while thousands of its records are
 * still to be parsed: each batch but the last says less than all of it
 * was read, so the display does not take the rows so far for the total. */
START_TEST(readahead_says_all_read_only_at_the_end)
{
	enum { ROWS = 20000 };
	static const char head[] = "email,first name\n";
	struct dynbuf text;
	struct csv_reader *r;
	struct readahead ra;
	const struct csv_record *rec;
	unsigned long long rows, seen = 0;
	double fraction, last = 0;
	int rc;

	dynbuf_init(&text, (size_t)-1);
	dynbuf_add(&text, head, sizeof head - 1);
	for (int i = 0; i < ROWS; i++) {
		char line[64];
		snprintf(line, sizeof line, "lead%05d@example.com,Lee\n", i);
		dynbuf_add(&text, line, strlen(line));
	}
	r = open_reader_opt("many.csv", text.data, text.len, &(struct csv_reader_options){ 0 });
	next(r);
	readahead_start(&ra, r);
	while ((rc = readahead_next(&ra, &rec)) == 1) {
		seen++;
		readahead_position(&ra, &rows, &fraction);
		ck_assert_uint_ge(rows, seen);
		ck_assert_msg(fraction >= last, "the share read went back from %f to %f", last, fraction);
		last = fraction;
		if (rows < ROWS)
			ck_assert_msg(fraction < 1.0, "all read at row %llu of %d", rows, ROWS);
	}
	ck_assert_int_eq(rc, 0);
	ck_assert_uint_eq(seen, ROWS);
	readahead_position(&ra, &rows, &fraction);
	ck_assert_uint_eq(rows, ROWS);
	ck_assert(fraction == 1.0);
	readahead_stop(&ra);
	close_reader(r);
	dynbuf_free(&text);
}
END_TEST

static Suite *reader_suite(void)
{
	Suite *s = suite_create("reader");
	TCase *lines = unit_tcase("lines");
	TCase *sniff = unit_tcase("sniffing");
	TCase *bad = unit_tcase("malformed");
	TCase *cells = unit_tcase("cells");

	tcase_add_test(lines, lines_with_lf);
	tcase_add_test(lines, plain_lines_read_as_libcsv_reads_them);
	tcase_add_test(lines, lines_with_crlf);
	tcase_add_test(lines, lines_with_lone_cr);
	tcase_add_test(lines, final_line_without_line_end_is_a_record);
	tcase_add_test(lines, blank_lines_are_skipped_but_counted);
	tcase_add_test(lines, embedded_newlines_move_the_next_line_number);
	tcase_add_test(lines, embedded_newlines_with_crlf_file);
	tcase_add_test(lines, empty_file_has_no_records);
	tcase_add_test(lines, crlf_split_across_read_blocks);
	tcase_add_test(lines, missing_file_fails_to_open);
	tcase_add_test(lines, readahead_says_all_read_only_at_the_end);
	suite_add_tcase(s, lines);

	tcase_add_test(sniff, sniffs_comma);
	tcase_add_test(sniff, sniffs_semicolon);
	tcase_add_test(sniff, sniffs_tab);
	tcase_add_test(sniff, sniffs_pipe);
	tcase_add_test(sniff, forced_delimiter_wins);
	tcase_add_test(sniff, sep_line_sets_the_delimiter);
	tcase_add_test(sniff, linkedin_preamble_is_skipped);
	suite_add_tcase(s, sniff);

	tcase_add_test(bad, stray_quote_in_unquoted_cell);
	tcase_add_test(bad, text_after_closing_quote);
	tcase_add_test(bad, unterminated_quote_is_cut_at_its_line);
	tcase_add_test(bad, unterminated_quote_on_the_last_line);
	tcase_add_test(bad, unterminated_quote_in_a_fully_quoted_file);
	tcase_add_test(bad, error_in_a_multi_line_record_names_the_problem_line);
	tcase_add_test(bad, oversized_unquoted_cell_is_an_error);
	tcase_add_test(bad, oversized_last_cell_without_line_end_is_an_error);
	tcase_add_test(bad, quoted_runaway_over_max_field);
	tcase_add_test(bad, oversized_quoted_cell_on_one_line_is_an_error);
	tcase_add_test(bad, nul_byte_is_an_error_shown_as_replacement_char);
	suite_add_tcase(s, bad);

	tcase_add_test(cells, doubled_quotes_are_one_quote);
	tcase_add_test(cells, fields_are_kept_verbatim);
	tcase_add_test(cells, empty_cells_are_kept);
	tcase_add_test(cells, excel_guards_are_removed);
	tcase_add_test(cells, lone_apostrophes_are_kept);
	tcase_add_test(cells, utf16_file_is_read_as_utf8_records);
	suite_add_tcase(s, cells);
	return s;
}

int main(void)
{
	return unit_run(reader_suite());
}
