/* test_input.c - files/input.h: encoding sniffing and decoding, gzip input. */
#include <stdint.h>
#include <zlib.h>

#include "common/progress.h"
#include "files/input.h"
#include "files/row_count.h"
#include "unit.h"

/* Reads the whole decoded stream in small pieces (so that the piecewise
 * decoding is exercised); fails the test on a read error. The input stays
 * open for the caller to inspect. */
static char *read_all(struct input *in, size_t *len)
{
	size_t n = 0, cap = 1 << 16;
	char *out = malloc(cap + 1);

	ck_assert_ptr_nonnull(out);
	for (;;) {
		long got;
		if (cap - n < 100) {
			cap *= 2;
			out = realloc(out, cap + 1);
			ck_assert_ptr_nonnull(out);
		}
		got = input_read(in, out + n, 100);
		ck_assert_msg(got >= 0, "input_read failed: %s", in->error);
		if (got == 0)
			break;
		n += (size_t)got;
	}
	out[n] = '\0';
	*len = n;
	return out;
}

static struct input *open_input(const char *path, enum encoding forced)
{
	struct input *in = calloc(1, sizeof *in);
	ck_assert_ptr_nonnull(in);
	ck_assert_msg(input_open(in, path, forced) == 0, "input_open %s: %s", path, in->error);
	return in;
}

static void close_input(struct input *in)
{
	input_close(in);
	free(in);
}

/* Decodes bytes written to a temp file and compares with the UTF-8 expected. */
static struct input *decode_expect(const char *name, const void *bytes, size_t n,
                                   enum encoding forced, const char *expected)
{
	const char *path = unit_write(name, bytes, n);
	struct input *in = open_input(path, forced);
	size_t len;
	char *got = read_all(in, &len);

	ck_assert_uint_eq(len, strlen(expected));
	ck_assert_mem_eq(got, expected, len);
	free(got);
	return in;
}

/* ---- encodings ---- */

START_TEST(utf8_bom_is_stripped)
{
	static const char bytes[] = "\xEF\xBB\xBF" "email,name\nana@x.com,Jos\xC3\xA9\n";
	struct input *in = decode_expect("bom.csv", bytes, sizeof bytes - 1, ENC_AUTO,
	                                 "email,name\nana@x.com,Jos\xC3\xA9\n");
	ck_assert_int_eq(in->enc, ENC_UTF8);
	ck_assert(in->had_bom);
	ck_assert(!in->sniffed_legacy);
	ck_assert_uint_eq(in->fallback_bytes, 0);
	close_input(in);
}
END_TEST

START_TEST(plain_utf8_is_passed_through)
{
	static const char text[] = "name\nJos\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\n";
	struct input *in = decode_expect("plain.csv", text, sizeof text - 1, ENC_AUTO, text);
	ck_assert_int_eq(in->enc, ENC_UTF8);
	ck_assert(!in->had_bom);
	ck_assert(!in->compressed);
	ck_assert_uint_eq(in->fallback_bytes, 0);
	close_input(in);
}
END_TEST

/* "Name\né😀\n" in UTF-16LE with a BOM (😀 is the pair D83D DE00) */
START_TEST(utf16le_with_bom_is_converted)
{
	static const unsigned char bytes[] = {
		0xFF, 0xFE, 'N', 0, 'a', 0, 'm', 0, 'e', 0, '\n', 0,
		0xE9, 0x00, 0x3D, 0xD8, 0x00, 0xDE, '\n', 0
	};
	struct input *in = decode_expect("le.csv", bytes, sizeof bytes, ENC_AUTO,
	                                 "Name\n\xC3\xA9\xF0\x9F\x98\x80\n");
	ck_assert_int_eq(in->enc, ENC_UTF16LE);
	ck_assert(in->had_bom);
	close_input(in);
}
END_TEST

START_TEST(utf16be_with_bom_is_converted)
{
	static const unsigned char bytes[] = {
		0xFE, 0xFF, 0, 'N', 0, 'a', 0, 'm', 0, 'e', 0, '\n',
		0x00, 0xE9, 0xD8, 0x3D, 0xDE, 0x00, 0, '\n'
	};
	struct input *in = decode_expect("be.csv", bytes, sizeof bytes, ENC_AUTO,
	                                 "Name\n\xC3\xA9\xF0\x9F\x98\x80\n");
	ck_assert_int_eq(in->enc, ENC_UTF16BE);
	ck_assert(in->had_bom);
	close_input(in);
}
END_TEST

START_TEST(utf16le_without_bom_is_recognised)
{
	static const char text[] = "email,first name\nana@x.com,Ana\n";
	unsigned char bytes[2 * sizeof text];
	size_t n = 0;
	struct input *in;

	for (const char *p = text; *p; p++) {
		bytes[n++] = (unsigned char)*p;
		bytes[n++] = 0;
	}
	in = decode_expect("le-nobom.csv", bytes, n, ENC_AUTO, text);
	ck_assert_int_eq(in->enc, ENC_UTF16LE);
	ck_assert(!in->had_bom);
	close_input(in);
}
END_TEST

START_TEST(utf16_lone_surrogate_becomes_replacement_char)
{
	/* LE: 'a', a lone high surrogate D800 followed by 'b', 'c' */
	static const unsigned char bytes[] = {
		0xFF, 0xFE, 'a', 0, 0x00, 0xD8, 'b', 0, 'c', 0
	};
	struct input *in = decode_expect("lone.csv", bytes, sizeof bytes, ENC_AUTO,
	                                 "a\xEF\xBF\xBD" "bc");
	close_input(in);
}
END_TEST

START_TEST(cp1252_bytes_are_converted)
{
	/* "José,€5,“hi”" in Windows-1252 */
	static const char bytes[] = "name,price,quote\nJos\xE9,\x80" "5,\x93hi\x94\n";
	struct input *in = decode_expect("cp1252.csv", bytes, sizeof bytes - 1, ENC_AUTO,
	                                 "name,price,quote\nJos\xC3\xA9,\xE2\x82\xAC" "5,"
	                                 "\xE2\x80\x9Chi\xE2\x80\x9D\n");
	ck_assert_int_eq(in->enc, ENC_CP1252);
	ck_assert(in->sniffed_legacy);
	close_input(in);
}
END_TEST

START_TEST(forced_latin1_reads_0x80_as_c1_control)
{
	static const char bytes[] = "a\x80z";
	struct input *in = decode_expect("latin1.csv", bytes, 3, ENC_LATIN1, "a\xC2\x80z");
	ck_assert_int_eq(in->enc, ENC_LATIN1);
	ck_assert(!in->sniffed_legacy); /* asked for, not detected */
	close_input(in);
}
END_TEST

START_TEST(forced_cp1252_reads_0x80_as_euro)
{
	static const char bytes[] = "a\x80z";
	struct input *in = decode_expect("cp1252-forced.csv", bytes, 3, ENC_CP1252,
	                                 "a\xE2\x82\xAC" "z");
	ck_assert_int_eq(in->enc, ENC_CP1252);
	ck_assert(!in->sniffed_legacy);
	close_input(in);
}
END_TEST

START_TEST(forced_latin1_reads_valid_utf8_bytes_as_latin1)
{
	/* "é" as UTF-8 is C3 A9; forced Latin-1 must give "Ã©" */
	static const char bytes[] = "\xC3\xA9";
	struct input *in = decode_expect("forced-utf8.csv", bytes, 2, ENC_LATIN1,
	                                 "\xC3\x83\xC2\xA9");
	close_input(in);
}
END_TEST

/* 70 KiB of ASCII (more than the 64 KiB sniffing sample), then "café" with
 * é in Windows-1252, then a € in Windows-1252. */
START_TEST(late_invalid_utf8_byte_is_read_as_cp1252_and_counted)
{
	const size_t ascii = 70 * 1024;
	size_t n = ascii + 32, len;
	char *bytes = malloc(n), *got, *expected;
	struct input *in;
	const char *path;

	ck_assert_ptr_nonnull(bytes);
	for (size_t i = 0; i < ascii; i++)
		bytes[i] = (i % 16 == 15) ? '\n' : (char)('a' + i % 16);
	memcpy(bytes + ascii, "caf\xE9\nprice \x80" "5\n", 13);
	n = ascii + 13;
	path = unit_write("late.csv", bytes, n);

	in = open_input(path, ENC_AUTO);
	ck_assert_int_eq(in->enc, ENC_UTF8);
	ck_assert(!in->sniffed_legacy);
	got = read_all(in, &len);

	expected = malloc(n + 16);
	memcpy(expected, bytes, ascii);
	memcpy(expected + ascii, "caf\xC3\xA9\nprice \xE2\x82\xAC" "5\n", 16);
	ck_assert_uint_eq(len, ascii + 16);
	ck_assert_mem_eq(got, expected, len);
	ck_assert_uint_eq(in->fallback_bytes, 2);
	ck_assert_uint_eq(in->first_fallback, ascii + 3);
	close_input(in);
	free(bytes);
	free(got);
	free(expected);
}
END_TEST

/* About 300 KB of 2-, 3- and 4-byte characters in 11-byte units: whatever
 * the read block size, some blocks end inside a character. Such a cut
 * character is valid UTF-8, not fallback bytes. */
START_TEST(utf8_sequences_across_read_blocks_are_not_fallbacks)
{
	static const char unit[] = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\n"; /* aé€😀 */
	const size_t units = 300 * 1000 / 11;
	size_t n = units * 11, len;
	char *bytes = malloc(n), *got;
	struct input *in;

	ck_assert_ptr_nonnull(bytes);
	ck_assert_uint_eq(sizeof unit - 1, 11);
	for (size_t i = 0; i < units; i++)
		memcpy(bytes + i * 11, unit, 11);
	in = open_input(unit_write("boundary.csv", bytes, n), ENC_AUTO);
	ck_assert_int_eq(in->enc, ENC_UTF8);
	got = read_all(in, &len);
	ck_assert_uint_eq(in->fallback_bytes, 0);
	ck_assert_uint_eq(len, n);
	ck_assert_mem_eq(got, bytes, n);
	close_input(in);
	free(bytes);
	free(got);
}
END_TEST

START_TEST(sniff_does_not_judge_a_sequence_cut_by_the_sample_end)
{
	static const unsigned char cut[] = { 'a', 'b', 0xE2, 0x82 };
	size_t bom = 99;
	ck_assert_int_eq(input_sniff_encoding(cut, sizeof cut, false, &bom), ENC_UTF8);
	ck_assert_uint_eq(bom, 0);
	/* at the end of the file the same bytes are not UTF-8 */
	ck_assert_int_eq(input_sniff_encoding(cut, sizeof cut, true, &bom), ENC_CP1252);
}
END_TEST

START_TEST(encoding_names_parse)
{
	enum encoding e;
	ck_assert(encoding_parse("UTF-8", &e) && e == ENC_UTF8);
	ck_assert(encoding_parse("cp1252", &e) && e == ENC_CP1252);
	ck_assert(encoding_parse("Windows-1252", &e) && e == ENC_CP1252);
	ck_assert(encoding_parse("latin-1", &e) && e == ENC_LATIN1);
	ck_assert(encoding_parse("ISO-8859-1", &e) && e == ENC_LATIN1);
	ck_assert(encoding_parse("utf-16le", &e) && e == ENC_UTF16LE);
	ck_assert(!encoding_parse("ebcdic", &e));
	ck_assert_str_eq(encoding_name(ENC_CP1252), "Windows-1252");
}
END_TEST

/* ---- utf8_valid_prefix ---- */

static size_t prefix(const char *s, size_t n)
{
	return utf8_valid_prefix((const unsigned char *)s, n);
}

START_TEST(utf8_prefix_accepts_valid_sequences)
{
	ck_assert_uint_eq(prefix("", 0), 0);
	ck_assert_uint_eq(prefix("abc", 3), 3);
	ck_assert_uint_eq(prefix("\xC3\xA9", 2), 2);              /* é */
	ck_assert_uint_eq(prefix("\xE2\x82\xAC", 3), 3);          /* € */
	ck_assert_uint_eq(prefix("\xED\x9F\xBF", 3), 3);          /* U+D7FF, last before surrogates */
	ck_assert_uint_eq(prefix("\xEE\x80\x80", 3), 3);          /* U+E000, first after */
	ck_assert_uint_eq(prefix("\xF0\x9F\x98\x80", 4), 4);      /* U+1F600 */
	ck_assert_uint_eq(prefix("\xF4\x8F\xBF\xBF", 4), 4);      /* U+10FFFF */
	ck_assert_uint_eq(prefix("\xF0\x90\x80\x80", 4), 4);      /* U+10000 */
}
END_TEST

START_TEST(utf8_prefix_rejects_overlong_forms)
{
	ck_assert_uint_eq(prefix("\xC0\x80", 2), 0);              /* NUL, 2 bytes */
	ck_assert_uint_eq(prefix("\xC1\xBF", 2), 0);
	ck_assert_uint_eq(prefix("\xE0\x80\xAF", 3), 0);          /* '/', 3 bytes */
	ck_assert_uint_eq(prefix("\xE0\x9F\xBF", 3), 0);
	ck_assert_uint_eq(prefix("\xF0\x80\x80\xAF", 4), 0);      /* '/', 4 bytes */
	ck_assert_uint_eq(prefix("\xF0\x8F\xBF\xBF", 4), 0);
}
END_TEST

START_TEST(utf8_prefix_rejects_surrogates_and_out_of_range)
{
	ck_assert_uint_eq(prefix("\xED\xA0\x80", 3), 0);          /* U+D800 */
	ck_assert_uint_eq(prefix("\xED\xBF\xBF", 3), 0);          /* U+DFFF */
	ck_assert_uint_eq(prefix("\xF4\x90\x80\x80", 4), 0);      /* U+110000 */
	ck_assert_uint_eq(prefix("\xF5\x80\x80\x80", 4), 0);
	ck_assert_uint_eq(prefix("\xFF", 1), 0);
}
END_TEST

START_TEST(utf8_prefix_stops_at_the_first_bad_byte)
{
	ck_assert_uint_eq(prefix("ab\x80" "cd", 5), 2);           /* lone continuation */
	ck_assert_uint_eq(prefix("\xC3\xA9\xE9x", 4), 2);         /* é then a cp1252 é */
	ck_assert_uint_eq(prefix("a\xC3", 2), 1);                 /* cut short */
	ck_assert_uint_eq(prefix("a\xF0\x9F\x98", 4), 1);
	ck_assert_uint_eq(prefix("a\xC3(", 3), 1);                /* bad continuation */
	ck_assert_uint_eq(prefix("\xF0\x9F\x98\x80\xF0\x9F", 6), 4);
}
END_TEST

/* ---- gzip ---- */

static void write_gzip(const char *path, const char *mode, const void *data, size_t len)
{
	gzFile gz = gzopen(path, mode);
	ck_assert_ptr_nonnull(gz);
	ck_assert_int_eq(gzwrite(gz, data, (unsigned)len), (int)len);
	ck_assert_int_eq(gzclose(gz), Z_OK);
}

START_TEST(gzip_input_is_read_transparently)
{
	static const char text[] = "email,name\nana@x.com,Ana\nbob@y.com,Bob\n";
	const char *path = unit_path("contacts.csv");    /* no .gz: found by magic */
	struct input *in;
	size_t len;
	char *got;

	write_gzip(path, "wb", text, sizeof text - 1);
	in = open_input(path, ENC_AUTO);
	ck_assert(in->compressed);
	got = read_all(in, &len);
	ck_assert_uint_eq(len, sizeof text - 1);
	ck_assert_mem_eq(got, text, len);
	free(got);
	close_input(in);
}
END_TEST

START_TEST(concatenated_gzip_members_are_one_stream)
{
	static const char one[] = "email,name\nana@x.com,Ana\n";
	static const char two[] = "bob@y.com,Bob\ncy@z.com,Cy\n";
	const char *path = unit_path("two-members.csv.gz");
	struct input *in;
	size_t len;
	char *got;

	write_gzip(path, "wb", one, sizeof one - 1);
	write_gzip(path, "ab", two, sizeof two - 1);     /* appends a second member */
	in = open_input(path, ENC_AUTO);
	ck_assert(in->compressed);
	got = read_all(in, &len);
	ck_assert_uint_eq(len, sizeof one - 1 + sizeof two - 1);
	ck_assert_mem_eq(got, one, sizeof one - 1);
	ck_assert_mem_eq(got + sizeof one - 1, two, sizeof two - 1);
	free(got);
	close_input(in);
}
END_TEST

START_TEST(gzip_utf16_is_decompressed_then_decoded)
{
	static const unsigned char bytes[] = { 0xFF, 0xFE, 'a', 0, 0xE9, 0, '\n', 0 };
	const char *path = unit_path("utf16.csv.gz");
	struct input *in;
	size_t len;
	char *got;

	write_gzip(path, "wb", bytes, sizeof bytes);
	in = open_input(path, ENC_AUTO);
	ck_assert(in->compressed);
	ck_assert_int_eq(in->enc, ENC_UTF16LE);
	got = read_all(in, &len);
	ck_assert_str_eq(got, "a\xC3\xA9\n");
	free(got);
	close_input(in);
}
END_TEST

/* about 1 MiB of hex that does not compress much, cut in half once
 * compressed: far more than the first 64 KiB block still decompresses */
START_TEST(truncated_gzip_is_an_error)
{
	const char *path = unit_path("cut.csv.gz");
	size_t n = 0, cap = 1100 * 1000, clen;
	char *text = malloc(cap), *comp, buf[4096];
	uint32_t x = 12345;
	struct input *in;
	long got;
	unsigned long long total = 0;

	ck_assert_ptr_nonnull(text);
	while (n + 32 < cap) {
		x = x * 1664525u + 1013904223u;
		n += (size_t)sprintf(text + n, "%08x,%08x\n", x, x ^ 0x5bd1e995u);
	}
	write_gzip(path, "wb", text, n);
	comp = unit_read(path, &clen);
	ck_assert_ptr_nonnull(comp);
	ck_assert_uint_gt(clen, 200 * 1024);
	unit_write("cut.csv.gz", comp, clen / 2);

	in = open_input(path, ENC_AUTO);
	ck_assert(in->compressed);
	while ((got = input_read(in, buf, sizeof buf)) > 0)
		total += (unsigned long long)got;
	ck_assert_int_eq(got, -1);
	ck_assert_msg(strstr(in->error, "truncated") != NULL, "error: %s", in->error);
	ck_assert_uint_lt(total, n);
	close_input(in);
	free(text);
	free(comp);
}
END_TEST

/* Opens and reads to the end: 0, or -1 when input_open or input_read
 * failed (in->error says why). Where the damage is found is up to the
 * implementation; that it is reported is not. */
static int open_and_drain(struct input *in, const char *path)
{
	char buf[4096];
	long got;

	if (input_open(in, path, ENC_AUTO) < 0)
		return -1;
	while ((got = input_read(in, buf, sizeof buf)) > 0)
		;
	return got < 0 ? -1 : 0;
}

/* a gzip file of a few hundred bytes */
static char *small_gzip(const char *path, size_t *clen)
{
	gzFile gz = gzopen(path, "wb");
	char *comp;
	ck_assert_ptr_nonnull(gz);
	for (int i = 0; i < 100; i++)
		gzprintf(gz, "row%d,%x\n", i, i * 7919);
	ck_assert_int_eq(gzclose(gz), Z_OK);
	comp = unit_read(path, clen);
	ck_assert_ptr_nonnull(comp);
	return comp;
}

START_TEST(small_truncated_gzip_is_an_error)
{
	const char *path = unit_path("small-cut.csv.gz");
	size_t clen;
	char *comp = small_gzip(path, &clen);
	struct input *in = calloc(1, sizeof *in);

	unit_write("small-cut.csv.gz", comp, clen - 4);    /* no length trailer */
	ck_assert_int_eq(open_and_drain(in, path), -1);
	ck_assert_msg(strstr(in->error, "truncated") != NULL, "error: %s", in->error);
	input_close(in);
	free(in);
	free(comp);
}
END_TEST

/* A big gzip file with a wrong CRC: the error shows at the end, and says
 * what is wrong. */
START_TEST(corrupt_gzip_is_an_error)
{
	const char *path = unit_path("corrupt.csv.gz");
	size_t n = 0, cap = 600 * 1000, clen;
	char *text = malloc(cap), *comp, buf[4096];
	uint32_t x = 777;
	struct input *in;
	long got;

	ck_assert_ptr_nonnull(text);
	while (n + 32 < cap) {
		x = x * 1664525u + 1013904223u;
		n += (size_t)sprintf(text + n, "%08x\n", x);
	}
	write_gzip(path, "wb", text, n);
	comp = unit_read(path, &clen);
	comp[clen - 8] ^= 0x55;                              /* the CRC-32 */
	unit_write("corrupt.csv.gz", comp, clen);
	in = open_input(path, ENC_AUTO);
	while ((got = input_read(in, buf, sizeof buf)) > 0)
		;
	ck_assert_int_eq(got, -1);
	ck_assert_msg(strstr(in->error, "corrupt") != NULL, "error: %s", in->error);
	close_input(in);
	free(text);
	free(comp);
}
END_TEST

/* Regression: damage found while input_open reads its first block must
 * still say the gzip file is at fault (it once gave zlib's bare
 * "<fd:3>: incorrect data check"). */
START_TEST(small_corrupt_gzip_error_says_gzip)
{
	const char *path = unit_path("small-corrupt.csv.gz");
	size_t clen;
	char *comp = small_gzip(path, &clen);
	struct input *in = calloc(1, sizeof *in);

	comp[clen - 8] ^= 0x55;                              /* the CRC-32 */
	unit_write("small-corrupt.csv.gz", comp, clen);
	ck_assert_int_eq(open_and_drain(in, path), -1);
	ck_assert_msg(strstr(in->error, "gzip") != NULL, "error: %s", in->error);
	input_close(in);
	free(in);
	free(comp);
}
END_TEST

START_TEST(missing_file_fails_to_open)
{
	struct input *in = calloc(1, sizeof *in);
	ck_assert_int_eq(input_open(in, unit_path("no-such-file.csv"), ENC_AUTO), -1);
	ck_assert_msg(strstr(in->error, "cannot open") != NULL, "error: %s", in->error);
	ck_assert_msg(strstr(in->error, strerror(ENOENT)) != NULL, "error: %s", in->error);
	free(in);
}
END_TEST

START_TEST(empty_file_reads_nothing)
{
	struct input *in = open_input(unit_write("empty.csv", "", 0), ENC_AUTO);
	char buf[64];
	ck_assert_int_eq(input_read(in, buf, sizeof buf), 0);
	ck_assert_int_eq(in->enc, ENC_UTF8);
	close_input(in);
}
END_TEST


/* ---- rows counted before a run, for the progress display ---- */

START_TEST(row_count_skips_quoted_line_breaks)
{
	/* a header, a row with a quoted line break, a row without a final line end */
	ck_assert_int_eq(row_count_records(unit_write_str("count.csv",
	                 "email,note\na@x.com,\"two\nlines\"\nb@x.com,\"say \"\"hi\"\"\"\nc@x.com,x")), 4);
	ck_assert_int_eq(row_count_records(unit_write_str("count-crlf.csv", "email\r\na@x.com\r\n")), 2);
	ck_assert_int_eq(row_count_records(unit_write_str("count-empty.csv", "")), 0);
	/* a quote inside a field is a character, as the reader takes it */
	ck_assert_int_eq(row_count_records(unit_write_str("count-stray.csv", "name;note\nAl;5\" tall\nBo;x\nCy;y\n")), 4);
	/* old Mac line ends */
	ck_assert_int_eq(row_count_records(unit_write_str("count-cr.csv", "email\ra@x.com\rb@x.com")), 3);
}
END_TEST

START_TEST(row_count_leaves_what_it_cannot_count)
{
	static const unsigned char gz[] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3 };
	static const char zip[] = "PK\3\4 a workbook";
	ck_assert_int_eq(row_count_records(unit_write("count.csv.gz", gz, sizeof gz)), -1);
	ck_assert_int_eq(row_count_records(unit_write("count.xlsx", zip, sizeof zip - 1)), -1);
	ck_assert_int_eq(row_count_records(unit_write("count-utf16.csv", "\xff\xfe" "a\0\n\0", 6)), -1);
	ck_assert_int_eq(row_count_records("-"), -1);
	ck_assert_int_eq(row_count_records(unit_path("no-such-file.csv")), -1);
	ck_assert_int_eq(row_count_records(unit_subdir("count-dir")), -1);
}
END_TEST

START_TEST(progress_total_estimated_then_exact)
{
	struct progress p;
	unsigned long long done, total;
	bool about;

	progress_start(&p, 0, "leads.csv.gz");
	progress_estimate(&p, 1000, 0.25);
	ck_assert_uint_eq(p.total, 4000);
	ck_assert(p.total_about);
	progress_estimate(&p, 3900, 1);
	ck_assert_uint_eq(p.total, 3900);
	ck_assert(!p.total_about);
	/* exact stays exact */
	progress_estimate(&p, 10, 0.5);
	ck_assert_uint_eq(p.total, 3900);
	progress_rows(&p, 1200);
	ck_assert(progress_last(&done, &total, &about));
	ck_assert_uint_eq(done, 1200);
	ck_assert_uint_eq(total, 3900);
	ck_assert(!about);
	/* too little read to say */
	progress_start(&p, 0, "-");
	progress_estimate(&p, 5, 0.001);
	ck_assert_uint_eq(p.total, 0);
	progress_done(&p);
}
END_TEST

START_TEST(progress_time_left_is_the_pace_of_this_run)
{
	struct progress p;

	progress_start(&p, 0, "leads.csv");
	progress_total(&p, 1000, false);
	progress_replayed(&p, 600);     /* an earlier run's rows: not paced */
	ck_assert(progress_eta(&p) < 0);
	/* 100 of this run's rows in 10 s: 300 left take 30 s */
	p.paced_from -= 10;
	progress_rows(&p, 700);
	ck_assert(progress_eta(&p) > 29.5 && progress_eta(&p) < 30.5);
	/* rows alone say nothing before 2 s of pace */
	progress_start(&p, 0, "leads.csv");
	progress_total(&p, 1000, false);
	progress_rows(&p, 10);
	ck_assert(progress_eta(&p) < 0);
	progress_done(&p);
}
END_TEST

static Suite *input_suite(void)
{
	Suite *s = suite_create("input");
	TCase *enc = unit_tcase("encodings");
	TCase *utf8 = tcase_create("utf8_valid_prefix");
	TCase *gz = unit_tcase("gzip");
	TCase *count = unit_tcase("rows_counted");

	tcase_add_test(enc, utf8_bom_is_stripped);
	tcase_add_test(enc, plain_utf8_is_passed_through);
	tcase_add_test(enc, utf16le_with_bom_is_converted);
	tcase_add_test(enc, utf16be_with_bom_is_converted);
	tcase_add_test(enc, utf16le_without_bom_is_recognised);
	tcase_add_test(enc, utf16_lone_surrogate_becomes_replacement_char);
	tcase_add_test(enc, cp1252_bytes_are_converted);
	tcase_add_test(enc, forced_latin1_reads_0x80_as_c1_control);
	tcase_add_test(enc, forced_cp1252_reads_0x80_as_euro);
	tcase_add_test(enc, forced_latin1_reads_valid_utf8_bytes_as_latin1);
	tcase_add_test(enc, late_invalid_utf8_byte_is_read_as_cp1252_and_counted);
	tcase_add_test(enc, utf8_sequences_across_read_blocks_are_not_fallbacks);
	tcase_add_test(enc, sniff_does_not_judge_a_sequence_cut_by_the_sample_end);
	tcase_add_test(enc, encoding_names_parse);
	tcase_add_test(enc, missing_file_fails_to_open);
	tcase_add_test(enc, empty_file_reads_nothing);
	suite_add_tcase(s, enc);

	tcase_add_test(utf8, utf8_prefix_accepts_valid_sequences);
	tcase_add_test(utf8, utf8_prefix_rejects_overlong_forms);
	tcase_add_test(utf8, utf8_prefix_rejects_surrogates_and_out_of_range);
	tcase_add_test(utf8, utf8_prefix_stops_at_the_first_bad_byte);
	suite_add_tcase(s, utf8);

	tcase_add_test(gz, gzip_input_is_read_transparently);
	tcase_add_test(gz, concatenated_gzip_members_are_one_stream);
	tcase_add_test(gz, gzip_utf16_is_decompressed_then_decoded);
	tcase_add_test(gz, truncated_gzip_is_an_error);
	tcase_add_test(gz, small_truncated_gzip_is_an_error);
	tcase_add_test(gz, corrupt_gzip_is_an_error);
	tcase_add_test(gz, small_corrupt_gzip_error_says_gzip);
	tcase_set_timeout(gz, 30);
	suite_add_tcase(s, gz);

	tcase_add_test(count, row_count_skips_quoted_line_breaks);
	tcase_add_test(count, row_count_leaves_what_it_cannot_count);
	tcase_add_test(count, progress_total_estimated_then_exact);
	tcase_add_test(count, progress_time_left_is_the_pace_of_this_run);
	suite_add_tcase(s, count);
	return s;
}

int main(void)
{
	return unit_run(input_suite());
}
