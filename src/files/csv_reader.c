/* files/csv_reader.c - streaming CSV reader on libcsv; see files/csv_reader.h. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/msg.h"
#include "files/csv_reader.h"
#include "files/formula_guard.h"
#include "files/xlsx_sheet.h"

#define READ_BUF_SIZE (256 * 1024)
#define SAMPLE_SIZE (64 * 1024)

/* libcsv's parser states (csv.h keeps them private; the values are part of
 * libcsv 3's struct layout that csv.h does publish) */
enum { ROW_NOT_BEGUN = 0, FIELD_NOT_BEGUN = 1, FIELD_BEGUN = 2, FIELD_MIGHT_HAVE_ENDED = 3 };

/* Spaces are content: cells are kept verbatim; clean-up trims later. */
static int no_space(unsigned char c)
{
	(void)c;
	return 0;
}

static int init_parser(struct csv_parser *p, char delim, bool strict)
{
	unsigned char opts = strict ? (CSV_STRICT | CSV_STRICT_FINI) : 0;
	if (csv_init(p, opts) != 0)
		return -1;
	csv_set_delim(p, (unsigned char)delim);
	csv_set_space_func(p, no_space);
	return 0;
}

static bool in_quote(const struct csv_parser *p)
{
	return p->quoted && (p->pstate == FIELD_BEGUN || p->pstate == FIELD_MIGHT_HAVE_ENDED);
}

static void cb_field(void *s, size_t len, void *data)
{
	struct csv_reader *r = data;
	const char *f = s ? s : "";
	bool ok = true;

	if (r->nfields == r->fields_cap) {
		size_t nc = r->fields_cap ? r->fields_cap * 2 : 32;
		size_t *no = realloc(r->offs, nc * sizeof *no);
		size_t *nl = no ? realloc(r->lens, nc * sizeof *nl) : NULL;
		if (no)
			r->offs = no;
		if (nl)
			r->lens = nl;
		if (!no || !nl)
			return; /* out of memory: the field is lost and reported below */
		r->fields_cap = nc;
	}
	if (len > r->opt.max_field && !r->too_big_col)
		r->too_big_col = r->nfields + 1;
	if (len >= 2 && f[0] == '\'' && excel_is_guarded(f, len)) {
		f++, len--;
		r->unguarded = true;
	}
	r->offs[r->nfields] = r->text.len;
	if (r->seg_has_nul && memchr(f, '\0', len)) {
		/* NUL cannot live in a C string or a spreadsheet: show it as U+FFFD */
		for (size_t i = 0; i < len && ok; i++)
			ok = f[i] ? dynbuf_addc(&r->text, f[i]) : dynbuf_add(&r->text, "\xEF\xBF\xBD", 3);
		if (!r->had_nul)
			r->nul_col = r->nfields + 1;
		r->had_nul = true;
	} else {
		ok = dynbuf_add(&r->text, f, len);
	}
	ok = ok && dynbuf_addc(&r->text, '\0');
	if (!ok)
		return;
	r->lens[r->nfields] = r->text.len - 1 - r->offs[r->nfields];
	r->nfields++;
}

static void cb_row(int c, void *data)
{
	(void)c;
	((struct csv_reader *)data)->done = true;
}

static bool known_none(const char *c, size_t l, void *x)
{
	(void)c, (void)l, (void)x;
	return false;
}

static void size_limit_message(struct csv_reader *r);

/* A whole line without a quote, at the start of a record: its cells are
 * the text between delimiters, which is what strict libcsv makes of it
 * (spaces are content, the line end closes the record), so it is split
 * here without feeding libcsv byte by byte. A blank line, a line with a
 * quote or a NUL, a record already begun, or a line not ended yet go to
 * libcsv. True when the record is complete. */
static bool plain_line(struct csv_reader *r, const char *seg, size_t n, bool ends)
{
	const char *p, *end, *d;
	size_t len = n;

	if (r->opt.libcsv_only || !ends || r->parser.pstate != ROW_NOT_BEGUN || r->seg_has_nul)
		return false;
	while (len && (seg[len - 1] == '\n' || seg[len - 1] == '\r'))
		len--;
	if (!len || memchr(seg, '"', len))
		return false;
	for (p = seg, end = seg + len;; p = d + 1) {
		d = memchr(p, r->sniff.delimiter, (size_t)(end - p));
		cb_field((void *)p, d ? (size_t)(d - p) : (size_t)(end - p), r);
		if (!d)
			break;
	}
	r->done = true;
	return true;
}

/* ---- workbooks ---- */

struct csv_workbook {
	struct xlsx_book book;
	struct xlsx_rows rows;
	size_t sheet;
	unsigned long header_row;
	char errbuf[300];
};

#define SNIFF_ROWS 100

/* what the file's first bytes say it is; XLSX_NOT when it cannot be read
 * (input_open then says why) */
static enum xlsx_magic file_magic(const char *path)
{
	unsigned char head[8];
	struct stat st;
	ssize_t n;
	int fd;

	/* only a regular file: a pipe or a FIFO would lose what is read here
	 * (a workbook there is caught after input_open, in the first block) */
	if (strcmp(path, "-") == 0 || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return XLSX_NOT;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return XLSX_NOT;
	n = read(fd, head, sizeof head);
	close(fd);
	return n > 0 ? xlsx_magic(head, (size_t)n) : XLSX_NOT;
}

/* a cell in the sample's CSV, its line ends made spaces (one row, one
 * line); false when the sample is full */
static bool add_sniff_cell(struct dynbuf *b, const char *s, size_t len)
{
	bool quote = memchr(s, ',', len) || memchr(s, '"', len), ok = true;
	if (quote)
		ok = dynbuf_addc(b, '"');
	for (size_t i = 0; i < len && ok; i++) {
		char c = s[i] == '\n' || s[i] == '\r' ? ' ' : s[i];
		if (c == '"')
			ok = dynbuf_addc(b, '"');
		ok = ok && dynbuf_addc(b, c);
	}
	return ok && (!quote || dynbuf_addc(b, '"'));
}

/* The header row, found as in a CSV file among the first rows that are not
 * blank (a title row above it, or an empty first row, is skipped). */
static int find_header_row(struct csv_reader *r, struct csv_workbook *wb)
{
	struct dynbuf sample;
	unsigned long rows[SNIFF_ROWS];
	size_t n = 0;
	bool eof = false;
	int rc = 1;

	dynbuf_init(&sample, SAMPLE_SIZE * 4);
	while (n < SNIFF_ROWS && sample.len < SAMPLE_SIZE) {
		size_t before = sample.len;
		bool whole = true;
		rc = xlsx_rows_next(&wb->rows);
		if (rc < 0) {
			dynbuf_free(&sample);
			snprintf(r->error, sizeof r->error, "%s", wb->rows.error);
			return -1;
		}
		if (rc == 0) {
			eof = true;
			break;
		}
		if (wb->rows.ncols == 0)
			continue;
		for (size_t i = 0; i < wb->rows.ncols; i++) {
			if (i)
				whole = whole && dynbuf_addc(&sample, ',');
			whole = whole && add_sniff_cell(&sample, wb->rows.cells[i], wb->rows.lens[i]);
		}
		whole = whole && dynbuf_addc(&sample, '\n');
		if (!whole) {
			/* a row too long for the sample ends it, not half in it */
			sample.len = before;
			if (sample.data)
				sample.data[before] = '\0';
			break;
		}
		rows[n++] = wb->rows.row;
	}
	if (n == 0) {
		dynbuf_free(&sample);
		return 0;
	}
	sniff_csv(sample.data, sample.len, eof, ',', r->opt.known_header,
	          r->opt.known_header_ctx, &r->sniff);
	dynbuf_free(&sample);
	if (r->sniff.header_line < 1 || r->sniff.header_line > n)
		r->sniff.header_line = 1;
	r->preamble_lines = r->sniff.header_line - 1;
	wb->header_row = rows[r->sniff.header_line - 1];
	r->sniff.header_line = wb->header_row;
	r->sniff.header_offset = 0;
	return 0;
}

static int open_workbook(struct csv_reader *r, const char *path)
{
	struct csv_workbook *wb = calloc(1, sizeof *wb);
	long sheet;

	if (!wb) {
		snprintf(r->error, sizeof r->error, "out of memory");
		return -1;
	}
	r->book = wb;
	if (xlsx_book_open(&wb->book, path) < 0 ||
	    (sheet = xlsx_book_pick(&wb->book, r->opt.sheet)) < 0 ||
	    xlsx_book_load_strings(&wb->book) < 0) {
		snprintf(r->error, sizeof r->error, "%s", wb->book.error);
		return -1;
	}
	wb->sheet = (size_t)sheet;
	r->sheet_name = wb->book.sheets[sheet].name;
	r->sheet_number = (size_t)sheet + 1;
	r->sheet_count = wb->book.nsheets;
	r->sniff.delimiter = ',';
	if (xlsx_rows_open(&wb->rows, &wb->book, wb->sheet, r->opt.max_field) < 0) {
		snprintf(r->error, sizeof r->error, "%s", wb->rows.error);
		return -1;
	}
	if (find_header_row(r, wb) < 0)
		return -1;
	/* read again from the top: the rows above the header are skipped */
	xlsx_rows_close(&wb->rows);
	if (xlsx_rows_open(&wb->rows, &wb->book, wb->sheet, r->opt.max_field) < 0) {
		snprintf(r->error, sizeof r->error, "%s", wb->rows.error);
		return -1;
	}
	return 0;
}

/* a sheet's name as Excel writes it in a reference: Leads, 'Q4 leads' */
static void quoted_sheet(const char *name, char *out, size_t size)
{
	bool plain = *name != '\0';
	size_t o = 0;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		      *p == '_' || (unsigned char)*p >= 0x80))
			plain = false;
	if (!plain && o + 1 < size)
		out[o++] = '\'';
	for (const char *p = name; *p && o + 3 < size; p++) {
		if (*p == '\'' && !plain)
			out[o++] = '\'';
		out[o++] = *p;
	}
	if (!plain)
		out[o++] = '\'';
	out[o] = '\0';
}

static int next_sheet_row(struct csv_reader *r, const struct csv_record **out)
{
	struct csv_workbook *wb = r->book;
	struct xlsx_rows *x = &wb->rows;
	size_t n;
	int rc;

	if (r->finished)
		return 0;
	do {
		rc = xlsx_rows_next(x);
		if (rc < 0) {
			snprintf(r->error, sizeof r->error, "%s", x->error);
			return -1;
		}
		if (rc == 0) {
			r->finished = true;
			return 0;
		}
	} while (x->ncols == 0 || x->row < wb->header_row);
	if (r->next_number == 0)
		r->header_cols = x->ncols;
	/* a row is as wide as the header: the empty cells a sheet leaves out
	 * at its end are there, and nothing beyond it is lost */
	n = x->ncols > r->header_cols ? x->ncols : r->header_cols;
	if (n > r->fields_cap) {
		size_t *nl = realloc(r->lens, n * sizeof *nl);
		const char **np = nl ? realloc(r->ptrs, n * sizeof *np) : NULL;
		if (nl)
			r->lens = nl;
		if (np)
			r->ptrs = np, r->ptrs_cap = n;
		if (!np) {
			snprintf(r->error, sizeof r->error, "out of memory");
			return -1;
		}
		r->fields_cap = n;
	}
	for (size_t i = 0; i < n; i++) {
		const char *c = i < x->ncols ? x->cells[i] : "";
		size_t len = i < x->ncols ? x->lens[i] : 0;
		/* a cell our CSV guarded, kept with its apostrophe by the
		 * spreadsheet it went through, is its value, as in a CSV file */
		if (len >= 2 && c[0] == '\'' && excel_is_guarded(c, len))
			c++, len--;
		r->ptrs[i] = c;
		r->lens[i] = len;
	}
	memset(&r->rec, 0, sizeof r->rec);
	r->rec.number = r->next_number++;
	r->rec.line = x->row;
	r->rec.nfields = n;
	r->rec.fields = r->ptrs;
	r->rec.lens = r->lens;
	r->rec.raw = "";
	if (x->error_col) {
		char ref[24], sheet[80];
		excel_cell_ref(x->error_col, x->row, ref, sizeof ref);
		quoted_sheet(r->sheet_name, sheet, sizeof sheet);
		snprintf(wb->errbuf, sizeof wb->errbuf,
		         "the cell %s!%s holds the spreadsheet error %s (a formula that could not be "
		         "worked out): correct or clear it in the workbook", sheet, ref, x->error_text);
		r->rec.error = wb->errbuf;
		r->rec.error_col = x->error_col;
	} else if (x->too_big_col) {
		r->too_big_col = x->too_big_col;
		size_limit_message(r);
		r->rec.error = r->errbuf;
		r->rec.error_col = x->too_big_col;
	}
	*out = &r->rec;
	return 1;
}

void csv_reader_tell_sheet(const struct csv_reader *r, const char *file)
{
	if (!r->book) {
		if (r->opt.sheet) {
			struct msg_pos pos = { file, 0, 0 };
			msg_warn(&pos, "--sheet %s: this is a CSV file, not a workbook; it has no sheets",
			         r->opt.sheet);
		}
		return;
	}
	msg_set_sheet(file, r->sheet_name);
	if (r->sheet_count > 1)
		msg_info("%s: read the sheet \"%s\" (%zu of %zu; --sheet picks another)", file,
		         r->sheet_name, r->sheet_number, r->sheet_count);
	else
		msg_info("%s: read the sheet \"%s\"", file, r->sheet_name);
}

double csv_reader_fraction(const struct csv_reader *r)
{
	if (r->book)
		return xlsx_rows_fraction(&r->book->rows);
	return input_fraction_read(&r->in);
}

int csv_reader_open(struct csv_reader *r, const char *path, const struct csv_reader_options *opt)
{
	enum xlsx_magic magic;

	memset(r, 0, sizeof *r);
	r->opt = *opt;
	if (!r->opt.max_field)
		r->opt.max_field = CSV_DEFAULT_MAX_FIELD;
	if (!r->opt.known_header)
		r->opt.known_header = known_none;
	dynbuf_init(&r->replay, (size_t)-1);
	dynbuf_init(&r->raw, r->opt.max_field * 4 + 2 * READ_BUF_SIZE);
	dynbuf_init(&r->text, (size_t)-1);
	r->buf = malloc(READ_BUF_SIZE);
	if (!r->buf) {
		snprintf(r->error, sizeof r->error, "out of memory");
		return -1;
	}
	magic = file_magic(path);
	if (magic == XLSX_OLE2) {
		snprintf(r->error, sizeof r->error, "%s",
		         xlsx_ole2_encrypted(path)
		         ? "a password-protected Excel workbook, which apollo-csv cannot read: open it in "
		           "Excel, remove the password (File > Info > Protect Workbook) and save it again as .xlsx"
		         : "an Excel 97-2003 workbook (.xls), which apollo-csv does not read: open it in "
		           "Excel or LibreOffice and save it as .xlsx (Excel Workbook) or as CSV UTF-8");
		return -1;
	}
	if (magic == XLSX_ZIP)
		return open_workbook(r, path);
	if (input_open(&r->in, path, r->opt.encoding) < 0) {
		snprintf(r->error, sizeof r->error, "%s", r->in.error);
		return -1;
	}
	/* sniff on the first block */
	while (r->buf_len < SAMPLE_SIZE && !r->in_eof) {
		long n = input_read(&r->in, r->buf + r->buf_len, READ_BUF_SIZE - r->buf_len);
		if (n < 0) {
			snprintf(r->error, sizeof r->error, "%s", r->in.error);
			return -1;
		}
		if (n == 0)
			r->in_eof = true;
		r->buf_len += (size_t)n;
	}
	/* a workbook is read through its zip directory, which a pipe (or a
	 * gzip around it) does not give */
	if (xlsx_magic((const unsigned char *)r->buf, r->buf_len) != XLSX_NOT) {
		snprintf(r->error, sizeof r->error, "%s",
		         strcmp(path, "-") == 0
		         ? "standard input holds an Excel workbook, which apollo-csv reads only from a "
		           "file: give the file's name instead of -"
		         : "the file holds a compressed Excel workbook: uncompress it (gunzip) and give "
		           "the .xlsx file");
		return -1;
	}
	sniff_csv(r->buf, r->buf_len, r->in_eof, r->opt.delimiter, r->opt.known_header,
	          r->opt.known_header_ctx, &r->sniff);
	r->buf_pos = r->sniff.header_offset;
	r->line = r->sniff.header_line;
	r->preamble_lines = r->sniff.header_line - 1;
	if (init_parser(&r->parser, r->sniff.delimiter, true) < 0) {
		snprintf(r->error, sizeof r->error, "out of memory");
		return -1;
	}
	return 0;
}

/* The next piece of input: up to and including one line end, or what is
 * left of the buffer. Returns its length (0 at the end of input, or -1 on
 * a read error); *ends_line tells whether it ends a physical line. */
static long next_segment(struct csv_reader *r, const char **seg, bool *ends_line)
{
	const char *s, *nl, *cr, *end;
	size_t avail;
	bool from_replay = r->replay_pos < r->replay.len;

	if (from_replay) {
		s = r->replay.data + r->replay_pos;
		avail = r->replay.len - r->replay_pos;
	} else {
		if (r->replay.len) {
			dynbuf_reset(&r->replay);
			r->replay_pos = 0;
		}
		if (r->buf_pos >= r->buf_len) {
			long n;
			if (r->in_eof)
				return 0;
			n = input_read(&r->in, r->buf, READ_BUF_SIZE);
			if (n < 0) {
				snprintf(r->error, sizeof r->error, "%s", r->in.error);
				return -1;
			}
			r->buf_pos = 0;
			r->buf_len = (size_t)n;
			if (n == 0) {
				r->in_eof = true;
				return 0;
			}
		}
		s = r->buf + r->buf_pos;
		avail = r->buf_len - r->buf_pos;
	}
	*seg = s;
	*ends_line = false;
	if (r->pending_cr && s[0] == '\n') {
		/* the LF of a CRLF split between two blocks */
		end = s + 1;
	} else {
		nl = memchr(s, '\n', avail);
		cr = memchr(s, '\r', nl ? (size_t)(nl - s) : avail);
		if (cr && (size_t)(cr - s) + 1 < avail && cr[1] == '\n')
			end = cr + 2;
		else if (cr)
			end = cr + 1;
		else if (nl)
			end = nl + 1;
		else
			end = s + avail;
		*ends_line = end > s && (end[-1] == '\n' || end[-1] == '\r');
	}
	r->pending_cr = *ends_line && end[-1] == '\r';
	if (from_replay)
		r->replay_pos += (size_t)(end - s);
	else
		r->buf_pos += (size_t)(end - s);
	return end - s;
}

static void reset_record(struct csv_reader *r)
{
	dynbuf_reset(&r->text);
	r->nfields = 0;
	r->done = false;
	r->had_nul = false;
	r->unguarded = false;
	r->too_big_col = 0;
	r->nul_col = 0;
	r->rec.error = NULL;
	r->rec.error_line = 0;
	r->rec.error_col = 0;
	/* an open quote belongs to the record it opened in */
	r->quote_line = 0;
	r->quote_raw_end = 0;
}

static int restart_strict(struct csv_reader *r)
{
	csv_free(&r->parser);
	return init_parser(&r->parser, r->sniff.delimiter, true);
}

/* Split the raw bytes of a record strict parsing refused, as a person
 * would read them: a cell that starts with a quote runs to the next lone
 * quote ("" is a quote), and any text after that quote up to the delimiter
 * is kept as written; elsewhere quotes are plain characters. The line end
 * that closes the record is not part of the last cell. */
static void lenient_split(struct csv_reader *r, const char *raw, size_t len)
{
	char delim = r->sniff.delimiter;
	size_t i = 0;
	struct dynbuf cell;

	dynbuf_reset(&r->text);
	r->nfields = 0;
	r->seg_has_nul = true;
	dynbuf_init(&cell, (size_t)-1);
	while (len > 0 && (raw[len - 1] == '\n' || raw[len - 1] == '\r'))
		len--;
	for (;;) {
		dynbuf_reset(&cell);
		if (i < len && raw[i] == '"') {
			for (i++; i < len; i++) {
				if (raw[i] != '"') {
					dynbuf_addc(&cell, raw[i]);
				} else if (i + 1 < len && raw[i + 1] == '"') {
					dynbuf_addc(&cell, '"');
					i++;
				} else {
					/* the closing quote; stray text after it stays as written */
					i++;
					if (i < len && raw[i] != delim)
						dynbuf_addc(&cell, '"');
					break;
				}
			}
		}
		while (i < len && raw[i] != delim)
			dynbuf_addc(&cell, raw[i++]);
		cb_field(cell.data ? cell.data : "", cell.len, r);
		if (i >= len)
			break;
		i++; /* the delimiter */
	}
	dynbuf_free(&cell);
}

/* Skip the rest of the current physical line, keeping what fits in raw. */
static int skip_rest_of_line(struct csv_reader *r)
{
	for (;;) {
		const char *seg;
		bool ends;
		long n = next_segment(r, &seg, &ends);
		if (n <= 0)
			return (int)n;
		if (!dynbuf_add(&r->raw, seg, (size_t)n))
			r->raw_cut = true; /* what does not fit is dropped, and said */
		if (ends) {
			r->line++;
			return 1;
		}
	}
}

static const char *human_size(size_t n, char *buf, size_t size)
{
	if (n >= 1024 * 1024 && n % (1024 * 1024) == 0)
		snprintf(buf, size, "%zu MiB", n / (1024 * 1024));
	else if (n >= 1024 && n % 1024 == 0)
		snprintf(buf, size, "%zu KiB", n / 1024);
	else
		snprintf(buf, size, "%zu bytes", n);
	return buf;
}

static void size_limit_message(struct csv_reader *r)
{
	char sz[32];
	snprintf(r->errbuf, sizeof r->errbuf, "the cell is over the %s field size limit (--max-field-size)",
	         human_size(r->opt.max_field, sz, sizeof sz));
}

/* says so in r->errbuf when the row's bytes did not all fit */
static void note_cut(struct csv_reader *r)
{
	size_t n = strlen(r->errbuf);
	if (r->raw_cut)
		snprintf(r->errbuf + n, sizeof r->errbuf - n,
		         "; the row was too long to keep whole and was cut");
}

/* An open quote that never closed (or a quoted field over the size limit):
 * the record ends with the line where the quote began; the lines after it
 * are read again. */
static int recover_runaway(struct csv_reader *r, unsigned long quote_col, bool too_big)
{
	size_t keep = r->quote_raw_end;
	struct dynbuf rest;
	char sz[32];

	if (r->line == r->quote_line) {
		/* still inside the line where the quote began: that line ends
		 * the row, and nothing is read again */
		if (skip_rest_of_line(r) < 0)
			return -1;
		keep = r->raw.len;
	}
	if (keep > r->raw.len)
		keep = r->raw.len;
	if (keep == 0) {
		/* no quote line known: keep at least the first line, so that
		 * reading always moves on */
		while (keep < r->raw.len && r->raw.data[keep] != '\n' && r->raw.data[keep] != '\r')
			keep++;
		if (keep < r->raw.len)
			keep++;
		r->quote_line = r->line;
	}
	dynbuf_init(&rest, (size_t)-1);
	if (!dynbuf_add(&rest, r->raw.data + keep, r->raw.len - keep) ||
	    !dynbuf_add(&rest, r->replay.data ? r->replay.data + r->replay_pos : "",
	                r->replay.len - r->replay_pos)) {
		dynbuf_free(&rest);
		snprintf(r->error, sizeof r->error, "out of memory");
		return -1;
	}
	dynbuf_free(&r->replay);
	r->replay = rest;
	r->replay_pos = 0;
	r->line = r->quote_line + 1;
	r->pending_cr = false;
	lenient_split(r, r->raw.data, keep);
	if (too_big)
		snprintf(r->errbuf, sizeof r->errbuf,
		         "the quoted field that begins on line %lu has no closing quote, or is over "
		         "the %s field size limit (--max-field-size); the lines after it are read as rows",
		         r->quote_line, human_size(r->opt.max_field, sz, sizeof sz));
	else
		snprintf(r->errbuf, sizeof r->errbuf,
		         "unterminated quote: the quoted field that begins on line %lu has no closing "
		         "quote; the lines after it are read as rows", r->quote_line);
	note_cut(r);
	r->rec.error = r->errbuf;
	r->rec.error_line = r->quote_line;
	r->rec.error_col = quote_col;
	return restart_strict(r);
}

/* The record is malformed on `line`, with r->errbuf saying how: the rest
 * of that line still belongs to it; split what was read leniently and
 * parse strictly again from the next line. */
static int malformed_line(struct csv_reader *r, bool line_ended, unsigned long line,
                          unsigned long col)
{
	if (!line_ended && skip_rest_of_line(r) < 0)
		return -1;
	note_cut(r);
	lenient_split(r, r->raw.data, r->raw.len);
	r->rec.error = r->errbuf;
	r->rec.error_line = line;
	r->rec.error_col = col;
	return restart_strict(r);
}

static void finish_record(struct csv_reader *r, unsigned long rec_line)
{
	if (r->ptrs_cap < r->fields_cap) {
		const char **np = realloc(r->ptrs, r->fields_cap * sizeof *np);
		if (!np)
			r->nfields = 0; /* out of memory: an empty row, reported as invalid */
		else
			r->ptrs = np, r->ptrs_cap = r->fields_cap;
	}
	for (size_t i = 0; i < r->nfields; i++)
		r->ptrs[i] = r->text.data + r->offs[i];
	r->rec.number = r->next_number++;
	r->rec.line = rec_line;
	r->rec.nfields = r->nfields;
	r->rec.fields = r->ptrs;
	r->rec.lens = r->lens;
	r->rec.raw = r->raw.data ? r->raw.data : "";
	r->rec.raw_len = r->raw.len;
	while (r->rec.raw_len > 0 && (r->rec.raw[r->rec.raw_len - 1] == '\n' ||
	                              r->rec.raw[r->rec.raw_len - 1] == '\r'))
		r->rec.raw_len--;
	r->rec.raw_is_cells = !r->rec.error && !r->had_nul && !r->unguarded &&
	                      r->sniff.delimiter == ',' && r->nfields > 0;
	if (r->too_big_col && !r->rec.error) {
		size_limit_message(r);
		r->rec.error = r->errbuf;
		r->rec.error_col = r->too_big_col;
	}
	if (r->had_nul && !r->rec.error) {
		r->rec.error = "the cell contains a NUL byte (written as U+FFFD); is the file binary?";
		r->rec.error_col = r->nul_col;
	}
}

int csv_reader_next(struct csv_reader *r, const struct csv_record **out)
{
	unsigned long rec_line = r->line, quote_col = 0;

	if (r->book)
		return next_sheet_row(r, out);
	if (r->finished)
		return 0;
	reset_record(r);
	dynbuf_reset(&r->raw);
	r->raw_cut = false;
	r->seg_has_nul = false;
	for (;;) {
		const char *seg;
		bool ends, was_quoted;
		size_t nf_before, parsed;
		unsigned long seg_line = r->line;
		long n = next_segment(r, &seg, &ends);

		if (n < 0)
			return -1;
		if (n == 0) {
			if (csv_fini(&r->parser, cb_field, cb_row, r) != 0 &&
			    csv_error(&r->parser) == CSV_EPARSE) {
				if (recover_runaway(r, quote_col, false) < 0)
					return -1;
				break;
			}
			if (r->done)
				break;
			r->finished = true;
			return 0;
		}
		if (r->parser.pstate == ROW_NOT_BEGUN) {
			/* a new record starts here (blank lines before it are not kept) */
			dynbuf_reset(&r->raw);
			rec_line = seg_line;
		}
		was_quoted = in_quote(&r->parser);
		nf_before = r->nfields;
		if (!dynbuf_add(&r->raw, seg, (size_t)n)) {
			/* the record is far over the limit: inside a quote that
			 * began on an earlier line, a runaway; else this line is
			 * simply too long */
			if (in_quote(&r->parser) && r->quote_line && r->quote_line < seg_line) {
				if (recover_runaway(r, quote_col, true) < 0)
					return -1;
				break;
			}
			r->raw_cut = true;
			size_limit_message(r);
			if (malformed_line(r, false, seg_line, r->nfields + 1) < 0)
				return -1;
			break;
		}
		/* NUL bytes are rare: look for them once a segment, not once a cell */
		r->seg_has_nul = r->seg_has_nul || memchr(seg, '\0', (size_t)n) != NULL;
		if (plain_line(r, seg, (size_t)n, ends)) {
			r->line++;
			break;
		}
		parsed = csv_parse(&r->parser, seg, (size_t)n, cb_field, cb_row, r);
		if (parsed < (size_t)n) {
			int state = r->parser.pstate;
			unsigned long col = r->nfields + 1;
			if (state == FIELD_MIGHT_HAVE_ENDED && r->quote_line < seg_line &&
			    r->quote_line >= rec_line && parsed >= 1 && seg[parsed - 1] == '"' &&
			    (parsed == 1 || seg[parsed - 2] == r->sniff.delimiter)) {
				/* a quoted cell ran over a line end and then closed on a
				 * quote that opens a cell of a later line: its own
				 * closing quote is what is missing */
				if (recover_runaway(r, quote_col, false) < 0)
					return -1;
				break;
			}
			if (ends)
				r->line++;
			snprintf(r->errbuf, sizeof r->errbuf, "%s",
			         state == FIELD_MIGHT_HAVE_ENDED
			         ? "text after the closing quote of a quoted cell (a quote inside a cell must be doubled: \"\")"
			         : "a quote inside a cell that does not start with a quote (quote the whole cell and double the quote: \"\")");
			if (malformed_line(r, ends, seg_line, col) < 0)
				return -1;
			break;
		}
		if (in_quote(&r->parser) && (!was_quoted || r->nfields > nf_before)) {
			r->quote_line = seg_line;
			quote_col = r->nfields + 1;
		}
		if (in_quote(&r->parser) && seg_line == r->quote_line)
			r->quote_raw_end = r->raw.len;
		if (ends)
			r->line++;
		if (r->parser.entry_pos > r->opt.max_field) {
			unsigned long col = r->nfields + 1;
			if (in_quote(&r->parser)) {
				if (recover_runaway(r, quote_col, true) < 0)
					return -1;
				break;
			}
			size_limit_message(r);
			if (malformed_line(r, ends, seg_line, col) < 0)
				return -1;
			break;
		}
		if (r->done)
			break;
	}
	finish_record(r, rec_line);
	*out = &r->rec;
	return 1;
}

void csv_reader_close(struct csv_reader *r)
{
	if (r->book) {
		xlsx_rows_close(&r->book->rows);
		xlsx_book_close(&r->book->book);
		free(r->book);
		r->book = NULL;
		r->sheet_name = NULL;
	}
	csv_free(&r->parser);
	input_close(&r->in);
	free(r->buf);
	free(r->offs);
	free(r->lens);
	free(r->ptrs);
	dynbuf_free(&r->replay);
	dynbuf_free(&r->raw);
	dynbuf_free(&r->text);
	r->buf = NULL;
	r->offs = r->lens = NULL;
	r->ptrs = NULL;
}
