/* test_writer.c - files/csv_writer.h: quoting, Excel mode, atomic replacement,
 * gzip output; devices and FIFOs written in place, links followed. */
#include <sys/types.h>
#include <sys/wait.h>

#include "files/csv_reader.h"
#include "files/csv_writer.h"
#include "files/input.h"
#include "unit.h"

static void open_ok(struct csv_writer *w, const char *path, const struct csv_writer_options *opt)
{
	ck_assert_msg(csv_writer_open(w, path, opt) == 0, "csv_writer_open %s: %s", path, w->error);
}

static void commit_ok(struct csv_writer *w)
{
	ck_assert_msg(csv_writer_commit(w) == 0, "csv_writer_commit: %s", w->error);
}

/* One row of n cells (cells may hold NUL-free text only). */
static void write_row(struct csv_writer *w, const char *const *cells, size_t n)
{
	for (size_t i = 0; i < n; i++)
		csv_writer_cstr(w, cells[i]);
	csv_writer_end_row(w);
}

#define CELLS(...) (const char *const[]){ __VA_ARGS__ }
#define NCELLS(...) (sizeof(CELLS(__VA_ARGS__)) / sizeof(const char *))
#define ROW(w, ...) write_row((w), CELLS(__VA_ARGS__), NCELLS(__VA_ARGS__))

/* Writes one row with the options and returns the file's bytes. */
static char *one_row_file(const char *name, const struct csv_writer_options *opt,
                          const char *const *cells, size_t n, size_t *len)
{
	struct csv_writer w;
	const char *path = unit_path(name);
	char *out;

	open_ok(&w, path, opt);
	write_row(&w, cells, n);
	commit_ok(&w);
	out = unit_read(path, len);
	ck_assert_ptr_nonnull(out);
	return out;
}

static void expect_bytes(const char *got, size_t len, const char *expected)
{
	ck_assert_msg(len == strlen(expected) && memcmp(got, expected, len) == 0,
	              "wrote [%.*s], expected [%s]", (int)len, got, expected);
}

/* ---- quoting ---- */

START_TEST(plain_cells_are_not_quoted)
{
	struct csv_writer_options opt = { .raw = true };
	size_t len;
	char *got = one_row_file("plain.csv", &opt, CELLS("ana@x.com", "Ana Diaz", "", "=x"), 4, &len);
	expect_bytes(got, len, "ana@x.com,Ana Diaz,,=x\n");
	free(got);
}
END_TEST

/* Spaces are content (RFC 4180): kept, and not a reason to quote. */
START_TEST(rfc4180_quoting)
{
	struct csv_writer_options opt = { 0 };
	size_t len;
	char *got = one_row_file("quoted.csv", &opt,
		CELLS("a,b", "say \"hi\"", "two\nlines", "cr\rhere", " lead", "trail ", "\""), 7, &len);
	expect_bytes(got, len,
		"\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\", lead,trail ,\"\"\"\"\n");
	free(got);
}
END_TEST

START_TEST(inner_spaces_and_tabs_are_not_quoted)
{
	struct csv_writer_options opt = { 0 };
	size_t len;
	char *got = one_row_file("inner.csv", &opt, CELLS("a b", "a\tb", "a;b"), 3, &len);
	expect_bytes(got, len, "a b,a\tb,a;b\n");
	free(got);
}
END_TEST

START_TEST(other_delimiter_is_quoted)
{
	struct csv_writer_options opt = { .delimiter = ';' };
	size_t len;
	char *got = one_row_file("semi.csv", &opt, CELLS("a;b", "a,b", "c"), 3, &len);
	expect_bytes(got, len, "\"a;b\";a,b;c\n");
	free(got);
}
END_TEST

/* ---- the formula guard, by default ---- */

START_TEST(default_guards_formula_cells)
{
	struct csv_writer_options opt = { 0 };
	size_t len;
	char *got = one_row_file("default-guards.csv", &opt,
		CELLS("=x", "+1 555 0100", "-5", "@b", "\tx", "'=x", "\rx", "a=b", "'abc"), 9, &len);
	expect_bytes(got, len, "'=x,'+1 555 0100,'-5,'@b,'\tx,''=x,\"'\rx\",a=b,'abc\n");
	free(got);
}
END_TEST

/* --raw: formulas as they are; only a cell that would read back as guarded
 * gets its apostrophe, so apollo-csv still reads every cell exactly */
START_TEST(raw_writes_formulas_as_they_are)
{
	struct csv_writer_options opt = { .raw = true };
	size_t len;
	char *got = one_row_file("raw.csv", &opt,
		CELLS("=x", "+1", "-5", "@b", "'=x", "''@y", "'abc"), 7, &len);
	expect_bytes(got, len, "=x,+1,-5,@b,''=x,'''@y,'abc\n");
	free(got);
}
END_TEST

START_TEST(raw_copy_only_without_guards)
{
	struct csv_writer w;
	const char *plain[] = { "a", "b c", "1-2" }, *formula[] = { "a", "=1+1", "c" };
	const char *dash[] = { "-5" }, *guarded[] = { "'=x" };
	const size_t lens[] = { 1, 3, 3 }, flens[] = { 1, 4, 1 }, one[] = { 2 }, three[] = { 3 };

	open_ok(&w, unit_path("guards-any.csv"), &(struct csv_writer_options){ 0 });
	ck_assert(!csv_writer_guards_any(&w, plain, lens, 3));
	ck_assert(csv_writer_guards_any(&w, formula, flens, 3));
	ck_assert(csv_writer_guards_any(&w, dash, one, 1));
	ck_assert(csv_writer_guards_any(&w, guarded, three, 1));
	csv_writer_abort(&w);
	open_ok(&w, unit_path("guards-any-raw.csv"), &(struct csv_writer_options){ .raw = true });
	ck_assert(!csv_writer_guards_any(&w, formula, flens, 3));
	ck_assert(!csv_writer_guards_any(&w, dash, one, 1));
	ck_assert(csv_writer_guards_any(&w, guarded, three, 1));
	csv_writer_abort(&w);
}
END_TEST

/* a line copied with csv_writer_line_cells reads as the same bytes as
 * its cells written one by one, guards included, in each position; a
 * quoted line that needs a guard is left to the caller */
static void line_cells_as_fields(const char *line, const char *const *cells, size_t n, bool copied)
{
	struct csv_writer a, b;
	size_t lens[8], la, lb;
	char *ga, *gb;

	for (size_t i = 0; i < n; i++)
		lens[i] = strlen(cells[i]);
	open_ok(&a, unit_path("line-cells.csv"), &(struct csv_writer_options){ .force = true });
	open_ok(&b, unit_path("line-fields.csv"), &(struct csv_writer_options){ .force = true });
	csv_writer_cstr(&a, "before");
	ck_assert_int_eq(csv_writer_line_cells(&a, line, strlen(line), cells, lens, n), copied);
	if (!copied)
		for (size_t i = 0; i < n; i++)
			csv_writer_field(&a, cells[i], lens[i]);
	csv_writer_cstr(&a, "after");
	csv_writer_end_row(&a);
	csv_writer_cstr(&b, "before");
	for (size_t i = 0; i < n; i++)
		csv_writer_field(&b, cells[i], lens[i]);
	csv_writer_cstr(&b, "after");
	csv_writer_end_row(&b);
	commit_ok(&a);
	commit_ok(&b);
	ga = unit_read(unit_path("line-cells.csv"), &la);
	gb = unit_read(unit_path("line-fields.csv"), &lb);
	ck_assert_ptr_nonnull(ga);
	ck_assert_ptr_nonnull(gb);
	expect_bytes(ga, la, gb);
	free(ga);
	free(gb);
}

START_TEST(line_copy_holds_the_guards)
{
	line_cells_as_fields("a,b c,1-2", CELLS("a", "b c", "1-2"), 3, true);
	line_cells_as_fields("=1+1,b,c", CELLS("=1+1", "b", "c"), 3, true);
	line_cells_as_fields("Ana,+55 (21) 5555-0645,x", CELLS("Ana", "+55 (21) 5555-0645", "x"), 3, true);
	line_cells_as_fields("a,,-5", CELLS("a", "", "-5"), 3, true);
	line_cells_as_fields(",@b,,=c,", CELLS("", "@b", "", "=c", ""), 5, true);
	line_cells_as_fields("\"a,b\",c", CELLS("a,b", "c"), 2, true);
	line_cells_as_fields("\"a,b\",=c", CELLS("a,b", "=c"), 2, false);
}
END_TEST

/* ---- Excel mode ---- */

START_TEST(excel_mode_writes_bom_and_crlf)
{
	struct csv_writer_options opt = { .excel = true };
	struct csv_writer w;
	const char *path = unit_path("excel.csv");
	size_t len;
	char *got;

	open_ok(&w, path, &opt);
	ROW(&w, "email", "name");
	ROW(&w, "a@x.com", "Ana");
	commit_ok(&w);
	got = unit_read(path, &len);
	expect_bytes(got, len, "\xEF\xBB\xBF" "email,name\r\na@x.com,Ana\r\n");
	free(got);
}
END_TEST

START_TEST(excel_mode_guards_formula_cells)
{
	struct csv_writer_options opt = { .excel = true };
	size_t len;
	char *got = one_row_file("guards.csv", &opt,
		CELLS("=x", "+1", "-a", "@b", "\tx", "'=x", "\rx"), 7, &len);
	expect_bytes(got, len, "\xEF\xBB\xBF" "'=x,'+1,'-a,'@b,'\tx,''=x,\"'\rx\"\r\n");
	free(got);
}
END_TEST

START_TEST(excel_mode_leaves_harmless_cells)
{
	struct csv_writer_options opt = { .excel = true };
	size_t len;
	char *got = one_row_file("harmless.csv", &opt,
		CELLS("'abc", "a=b", "a+b", "'", "O'Brien", "1-2"), 6, &len);
	expect_bytes(got, len, "\xEF\xBB\xBF" "'abc,a=b,a+b,',O'Brien,1-2\r\n");
	free(got);
}
END_TEST

START_TEST(excel_guard_inside_quotes)
{
	struct csv_writer_options opt = { .excel = true };
	size_t len;
	char *got = one_row_file("guard-quoted.csv", &opt, CELLS("=HYPERLINK(\"x\",\"y\")"), 1, &len);
	expect_bytes(got, len, "\xEF\xBB\xBF" "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"\r\n");
	free(got);
}
END_TEST

/* ---- round trip ---- */

static const char *const tricky[] = {
	"", " ", "plain", "a,b", "\"", "\"\"", "say \"hi\"", "two\nlines", "two\r\nlines",
	"cr\ronly", "=SUM(A1)", "+1 555 0100", "-5", "@handle", "\tindented", "\rcr first",
	"'=x", "''=x", "'abc", "'", "''", "a=b", " lead", "trail ",
	"Jos\xC3\xA9 M\xC3\xBCller", "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E \xF0\x9F\x98\x80",
	"semi;colon|pipe", "tab\tinside", "=HYPERLINK(\"http://x\",\"y\")", ("\xE2\x82\xAC" "100,00")
};

/* in each form: guarded (the default), raw, Excel */
static const struct csv_writer_options forms[] = { { 0 }, { .raw = true }, { .excel = true } };

START_TEST(round_trip_restores_every_cell)
{
	struct csv_writer_options wopt = forms[_i];
	struct csv_reader_options ropt = { 0 };
	const size_t n = sizeof tricky / sizeof tricky[0];
	char name[32];
	const char *path;
	struct csv_writer w;
	struct csv_reader *r = calloc(1, sizeof *r);
	const struct csv_record *rec;

	snprintf(name, sizeof name, "roundtrip%d.csv", _i);
	path = unit_path(name);
	ck_assert_uint_eq(n, 30);
	open_ok(&w, path, &wopt);
	ROW(&w, "id", "value", "end");
	for (size_t i = 0; i < n; i++) {
		char id[16];
		snprintf(id, sizeof id, "%zu", i);
		ROW(&w, id, tricky[i], "end");
	}
	commit_ok(&w);

	ck_assert_msg(csv_reader_open(r, path, &ropt) == 0, "csv_reader_open: %s", r->error);
	ck_assert_int_eq(csv_reader_next(r, &rec), 1);
	ck_assert_uint_eq(rec->nfields, 3);
	ck_assert_str_eq(rec->fields[1], "value");
	for (size_t i = 0; i < n; i++) {
		ck_assert_int_eq(csv_reader_next(r, &rec), 1);
		ck_assert_msg(rec->error == NULL, "cell %zu: %s", i, rec->error);
		ck_assert_uint_eq(rec->number, i + 1);
		ck_assert_uint_eq(rec->nfields, 3);
		ck_assert_uint_eq(rec->lens[1], strlen(tricky[i]));
		ck_assert_msg(strcmp(rec->fields[1], tricky[i]) == 0, "cell %zu: [%s] came back as [%s]",
		              i, tricky[i], rec->fields[1]);
		ck_assert_str_eq(rec->fields[2], "end");
	}
	ck_assert_int_eq(csv_reader_next(r, &rec), 0);
	csv_reader_close(r);
	free(r);
}
END_TEST

/* ---- files ---- */

START_TEST(existing_file_is_kept_without_force)
{
	struct csv_writer_options opt = { 0 };
	struct csv_writer w;
	const char *path = unit_write_str("exists.csv", "old\n");
	char *got;

	ck_assert_int_eq(csv_writer_open(&w, path, &opt), -1);
	ck_assert_msg(strstr(w.error, "--force") != NULL, "error: %s", w.error);
	got = unit_read(path, NULL);
	ck_assert_str_eq(got, "old\n");
	free(got);
	ck_assert_int_eq(unit_count_entries(unit_dir, "exists.csv.tmp"), 0);
}
END_TEST

START_TEST(existing_file_is_replaced_with_force)
{
	struct csv_writer_options opt = { .force = true };
	struct csv_writer w;
	const char *path = unit_write_str("replace.csv", "old,contents,here\n");
	char *got;

	open_ok(&w, path, &opt);
	ROW(&w, "new");
	commit_ok(&w);
	got = unit_read(path, NULL);
	ck_assert_str_eq(got, "new\n");
	free(got);
}
END_TEST

START_TEST(final_name_appears_only_at_commit)
{
	struct csv_writer_options opt = { 0 };
	struct csv_writer w;
	const char *dir = unit_subdir("atomic");
	char path[1024];

	snprintf(path, sizeof path, "%s/out.csv", dir);
	open_ok(&w, path, &opt);
	ROW(&w, "a", "b");
	ck_assert(!unit_exists(path));
	ck_assert_int_eq(unit_count_entries(dir, ".tmp"), 1);
	commit_ok(&w);
	ck_assert(unit_exists(path));
	ck_assert_int_eq(unit_count_entries(dir, NULL), 1);
	ck_assert_int_eq(unit_count_entries(dir, ".tmp"), 0);
}
END_TEST

START_TEST(commit_leaves_no_temp_file)
{
	struct csv_writer_options opt = { .force = true };
	struct csv_writer w;
	const char *dir = unit_subdir("commit");
	char path[1024];
	char *got;

	snprintf(path, sizeof path, "%s/results.csv", dir);
	for (int round = 0; round < 3; round++) {
		open_ok(&w, path, &opt);
		ROW(&w, "round", round == 0 ? "0" : round == 1 ? "1" : "2");
		commit_ok(&w);
	}
	ck_assert_int_eq(unit_count_entries(dir, "tmp"), 0);
	ck_assert_int_eq(unit_count_entries(dir, NULL), 1);
	got = unit_read(path, NULL);
	ck_assert_str_eq(got, "round,2\n");
	free(got);
}
END_TEST

START_TEST(abort_leaves_nothing)
{
	struct csv_writer_options opt = { 0 };
	struct csv_writer w;
	const char *dir = unit_subdir("abort");
	char path[1024];

	snprintf(path, sizeof path, "%s/out.csv", dir);
	open_ok(&w, path, &opt);
	for (int i = 0; i < 20000; i++)            /* more than one buffer */
		ROW(&w, "ana@x.com", "Ana Diaz", "Quillmetrics");
	csv_writer_abort(&w);
	ck_assert(!unit_exists(path));
	ck_assert_int_eq(unit_count_entries(dir, NULL), 0);
}
END_TEST

START_TEST(abort_keeps_the_old_file)
{
	struct csv_writer_options opt = { .force = true };
	struct csv_writer w;
	const char *dir = unit_subdir("abort-old");
	char path[1024];
	FILE *fp;
	char *got;

	snprintf(path, sizeof path, "%s/out.csv", dir);
	fp = fopen(path, "w");
	ck_assert_ptr_nonnull(fp);
	fputs("old\n", fp);
	fclose(fp);
	open_ok(&w, path, &opt);
	ROW(&w, "new");
	csv_writer_abort(&w);
	got = unit_read(path, NULL);
	ck_assert_str_eq(got, "old\n");
	free(got);
	ck_assert_int_eq(unit_count_entries(dir, NULL), 1);
}
END_TEST

START_TEST(output_gets_the_usual_file_mode)
{
	struct csv_writer_options opt = { 0 };
	struct csv_writer w;
	const char *path = unit_path("mode.csv");
	struct stat st;
	mode_t old = umask(022);

	open_ok(&w, path, &opt);
	ROW(&w, "x");
	commit_ok(&w);
	umask(old);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0644);
}
END_TEST

START_TEST(gz_name_writes_gzip)
{
	struct csv_writer_options opt = { 0 };
	struct csv_writer w;
	const char *path = unit_path("out.csv.gz");
	struct input *in = calloc(1, sizeof *in);
	char *raw, *expected, buf[8192];
	size_t rawlen, elen = 0, glen = 0;
	long got;

	open_ok(&w, path, &opt);
	expected = malloc(30000 * 40);
	ck_assert_ptr_nonnull(expected);
	for (int i = 0; i < 30000; i++) {
		char email[32];
		snprintf(email, sizeof email, "p%d@x.com", i);
		ROW(&w, email, "Ana, Diaz");
		elen += (size_t)sprintf(expected + elen, "%s,\"Ana, Diaz\"\n", email);
	}
	commit_ok(&w);

	raw = unit_read(path, &rawlen);
	ck_assert_ptr_nonnull(raw);
	ck_assert_uint_ge(rawlen, 18);
	ck_assert_int_eq((unsigned char)raw[0], 0x1f);
	ck_assert_int_eq((unsigned char)raw[1], 0x8b);
	ck_assert_uint_lt(rawlen, elen);

	ck_assert_int_eq(input_open(in, path, ENC_AUTO), 0);
	ck_assert(in->compressed);
	while ((got = input_read(in, buf, sizeof buf)) > 0) {
		ck_assert_uint_le(glen + (size_t)got, elen);
		ck_assert_mem_eq(buf, expected + glen, (size_t)got);
		glen += (size_t)got;
	}
	ck_assert_int_eq(got, 0);
	ck_assert_uint_eq(glen, elen);
	input_close(in);
	free(in);
	free(raw);
	free(expected);
	ck_assert_int_eq(unit_count_entries(unit_dir, "out.csv.gz.tmp"), 0);
}
END_TEST

START_TEST(missing_folder_fails_cleanly)
{
	struct csv_writer_options opt = { 0 };
	struct csv_writer w;
	const char *path = unit_path("no-such-folder/out.csv");

	ck_assert_int_eq(csv_writer_open(&w, path, &opt), -1);
	ck_assert_msg(strstr(w.error, "cannot create") != NULL, "error: %s", w.error);
	ck_assert(!unit_exists(path));
	csv_writer_abort(&w);   /* frees what open allocated; must be harmless */
}
END_TEST

START_TEST(read_only_folder_fails_cleanly)
{
	struct csv_writer_options opt = { 0 };
	struct csv_writer w;
	const char *dir = unit_subdir("readonly");
	char path[1024];
	int rc;

	snprintf(path, sizeof path, "%s/out.csv", dir);
	ck_assert_int_eq(chmod(dir, 0555), 0);
	rc = csv_writer_open(&w, path, &opt);
	if (rc == 0) {
		/* only root (which ignores the permission bits) gets here;
		 * the writer must still clean up after itself */
		ck_assert_msg(geteuid() == 0, "created a file in a 0555 folder");
	} else {
		ck_assert_msg(strstr(w.error, "cannot create") != NULL, "error: %s", w.error);
		ck_assert_msg(strstr(w.error, strerror(EACCES)) != NULL, "error: %s", w.error);
	}
	csv_writer_abort(&w);
	chmod(dir, 0700);
	ck_assert_int_eq(unit_count_entries(dir, NULL), 0);
}
END_TEST

/* ---- what the name names (files/output_target.h) ---- */

/* A FIFO is written in place: the reader at its other end gets the whole
 * CSV, without --force, and it is still a FIFO afterwards. */
START_TEST(fifo_is_written_in_place)
{
	struct csv_writer_options opt = { 0 };
	struct csv_writer w;
	const char *dir = unit_subdir("fifo");
	char fifo[1024], got_path[1024];
	struct stat st;
	pid_t reader;
	int status;
	char *got;

	snprintf(fifo, sizeof fifo, "%s/out.csv", dir);
	snprintf(got_path, sizeof got_path, "%s/got", dir);
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	reader = fork();
	ck_assert_int_ge(reader, 0);
	if (reader == 0) {
		FILE *in = fopen(fifo, "rb"), *out = fopen(got_path, "wb");
		int c;
		while (in && out && (c = getc(in)) != EOF)
			putc(c, out);
		_exit(in && out && fclose(out) == 0 ? 0 : 1);
	}
	open_ok(&w, fifo, &opt);
	for (int i = 0; i < 20000; i++)            /* more than one buffer */
		ROW(&w, "ana@x.com", "Ana, Diaz");
	commit_ok(&w);
	ck_assert_int_eq(waitpid(reader, &status, 0), reader);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	ck_assert_int_eq(lstat(fifo, &st), 0);
	ck_assert(S_ISFIFO(st.st_mode));
	got = unit_read(got_path, NULL);
	ck_assert_ptr_nonnull(got);
	ck_assert_uint_eq(strlen(got), 20000 * strlen("ana@x.com,\"Ana, Diaz\"\n"));
	ck_assert(strncmp(got, "ana@x.com,\"Ana, Diaz\"\n", 22) == 0);
	free(got);
	ck_assert_int_eq(unit_count_entries(dir, NULL), 2);     /* no temporary file */
}
END_TEST

/* A link is followed: the file it points to gets the rows, the link stays
 * a link to it, and nothing else appears. */
START_TEST(link_is_followed)
{
	struct csv_writer_options opt = { .force = true };
	struct csv_writer w;
	const char *dir = unit_subdir("link");
	char link[1024], target[1024], to[64];
	struct stat st;
	ssize_t n;
	char *got;

	snprintf(link, sizeof link, "%s/link.csv", dir);
	snprintf(target, sizeof target, "%s/target.csv", dir);
	unit_write_str("link/target.csv", "old\n");
	ck_assert_int_eq(symlink("target.csv", link), 0);
	open_ok(&w, link, &opt);
	ROW(&w, "new");
	commit_ok(&w);
	ck_assert_int_eq(lstat(link, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	n = readlink(link, to, sizeof to - 1);
	ck_assert_int_eq(n, 10);
	to[n] = '\0';
	ck_assert_str_eq(to, "target.csv");
	got = unit_read(target, NULL);
	ck_assert_str_eq(got, "new\n");
	free(got);
	ck_assert_int_eq(unit_count_entries(dir, NULL), 2);
}
END_TEST

/* Without --force a link to an existing file is refused like the file. */
START_TEST(link_to_existing_file_needs_force)
{
	struct csv_writer_options opt = { 0 };
	struct csv_writer w;
	const char *dir = unit_subdir("link-old");
	char link[1024];

	snprintf(link, sizeof link, "%s/link.csv", dir);
	unit_write_str("link-old/target.csv", "old\n");
	ck_assert_int_eq(symlink("target.csv", link), 0);
	ck_assert_int_eq(csv_writer_open(&w, link, &opt), -1);
	ck_assert_msg(strstr(w.error, "already exists") != NULL, "error: %s", w.error);
}
END_TEST

/* A dangling link: its target is made where it points. */
START_TEST(dangling_link_target_is_made)
{
	struct csv_writer_options opt = { 0 };
	struct csv_writer w;
	const char *dir = unit_subdir("dangling");
	char link[1024], target[1024];
	struct stat st;
	char *got;

	snprintf(link, sizeof link, "%s/link.csv", dir);
	snprintf(target, sizeof target, "%s/made.csv", dir);
	ck_assert_int_eq(symlink(target, link), 0);        /* absolute */
	open_ok(&w, link, &opt);
	ROW(&w, "x");
	commit_ok(&w);
	ck_assert_int_eq(lstat(link, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	got = unit_read(target, NULL);
	ck_assert_str_eq(got, "x\n");
	free(got);
}
END_TEST

/* A dangling link into a folder that is not there: the error names the
 * target, and the link is left alone. */
START_TEST(dangling_link_without_folder_fails)
{
	struct csv_writer_options opt = { 0 };
	struct csv_writer w;
	const char *dir = unit_subdir("dangling-nodir");
	char link[1024];
	struct stat st;

	snprintf(link, sizeof link, "%s/link.csv", dir);
	ck_assert_int_eq(symlink("no-such-folder/x.csv", link), 0);
	ck_assert_int_eq(csv_writer_open(&w, link, &opt), -1);
	ck_assert_msg(strstr(w.error, "no-such-folder/x.csv (where the link points)") != NULL, "error: %s",
	              w.error);
	ck_assert_int_eq(lstat(link, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	ck_assert_int_eq(unit_count_entries(dir, NULL), 1);
}
END_TEST

/* Links in a loop are refused, not followed for ever. */
START_TEST(link_loop_is_refused)
{
	struct csv_writer_options opt = { .force = true };
	struct csv_writer w;
	const char *dir = unit_subdir("loop");
	char a[1024], b[1024];

	snprintf(a, sizeof a, "%s/a.csv", dir);
	snprintf(b, sizeof b, "%s/b.csv", dir);
	ck_assert_int_eq(symlink("b.csv", a), 0);
	ck_assert_int_eq(symlink("a.csv", b), 0);
	ck_assert_int_eq(csv_writer_open(&w, a, &opt), -1);
	ck_assert_msg(strstr(w.error, "cannot follow the link") != NULL, "error: %s", w.error);
}
END_TEST

/* A workbook cannot be made in place: a FIFO named .xlsx is refused
 * before it is opened (which would wait for a reader). */
START_TEST(fifo_named_xlsx_is_refused)
{
	struct csv_writer_options opt = { 0 };
	struct csv_writer w;
	const char *path = unit_path("out.xlsx");

	ck_assert_int_eq(mkfifo(path, 0600), 0);
	ck_assert_int_eq(csv_writer_open(&w, path, &opt), -1);
	ck_assert_msg(strstr(w.error, "device or FIFO") != NULL, "error: %s", w.error);
	unlink(path);
}
END_TEST

static Suite *writer_suite(void)
{
	Suite *s = suite_create("writer");
	TCase *quote = unit_tcase("quoting");
	TCase *excel = unit_tcase("excel");
	TCase *files = unit_tcase("files");
	TCase *targets = unit_tcase("targets");

	tcase_add_test(quote, plain_cells_are_not_quoted);
	tcase_add_test(quote, rfc4180_quoting);
	tcase_add_test(quote, inner_spaces_and_tabs_are_not_quoted);
	tcase_add_test(quote, other_delimiter_is_quoted);
	suite_add_tcase(s, quote);

	tcase_add_test(excel, default_guards_formula_cells);
	tcase_add_test(excel, raw_writes_formulas_as_they_are);
	tcase_add_test(excel, raw_copy_only_without_guards);
	tcase_add_test(excel, line_copy_holds_the_guards);
	tcase_add_test(excel, excel_mode_writes_bom_and_crlf);
	tcase_add_test(excel, excel_mode_guards_formula_cells);
	tcase_add_test(excel, excel_mode_leaves_harmless_cells);
	tcase_add_test(excel, excel_guard_inside_quotes);
	tcase_add_loop_test(excel, round_trip_restores_every_cell, 0, 3);
	suite_add_tcase(s, excel);

	tcase_add_test(files, existing_file_is_kept_without_force);
	tcase_add_test(files, existing_file_is_replaced_with_force);
	tcase_add_test(files, final_name_appears_only_at_commit);
	tcase_add_test(files, commit_leaves_no_temp_file);
	tcase_add_test(files, abort_leaves_nothing);
	tcase_add_test(files, abort_keeps_the_old_file);
	tcase_add_test(files, output_gets_the_usual_file_mode);
	tcase_add_test(files, gz_name_writes_gzip);
	tcase_add_test(files, missing_folder_fails_cleanly);
	tcase_add_test(files, read_only_folder_fails_cleanly);
	suite_add_tcase(s, files);

	tcase_add_test(targets, fifo_is_written_in_place);
	tcase_add_test(targets, link_is_followed);
	tcase_add_test(targets, link_to_existing_file_needs_force);
	tcase_add_test(targets, dangling_link_target_is_made);
	tcase_add_test(targets, dangling_link_without_folder_fails);
	tcase_add_test(targets, link_loop_is_refused);
	tcase_add_test(targets, fifo_named_xlsx_is_refused);
	suite_add_tcase(s, targets);
	return s;
}

int main(void)
{
	return unit_run(writer_suite());
}
