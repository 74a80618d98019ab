/* files/xlsx_writer.c - see files/xlsx_writer.h. The CSV is read with
 * libcsv: a first pass over its header and first WIDTH_SAMPLE rows measures
 * the columns (widths must be set before the rows in constant_memory mode);
 * the second writes every row and counts the outcomes for the About sheet,
 * which is written last. (libxlsxwriter bundles a minizip
 * zip.h: libzip's must not be included in this file.) */
#include "config.h"

#include <csv.h>
#include <errno.h>
#include <libgen.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <xlsxwriter.h>

#include "common/msg.h"
#include "common/utf8.h"
#include "files/formula_guard.h"
#include "files/xlsx_writer.h"

#define WIDTH_SAMPLE 2000        /* rows measured for the column widths */
#define WIDTH_MAX 60
#define WIDTH_MIN 6
#define CELL_MAX 32767           /* Excel's longest cell, in characters */
#define TALLY_SLOTS 1024         /* distinct values counted per column */
#define TALLY_MAX 500
#define ROWS_PER_SHEET (LXW_ROW_MAX - 1)

static const char *run_command_line;
static xlsx_reason_note_fn run_note;

void xlsx_set_run(const char *command_line, xlsx_reason_note_fn note)
{
	run_command_line = command_line;
	run_note = note;
}

bool xlsx_is_name(const char *path)
{
	size_t n = path ? strlen(path) : 0;
	return n > 5 && strcasecmp(path + n - 5, ".xlsx") == 0;
}

/* ---- cell typing ---- */

bool xlsx_canonical_number(const char *s, size_t len, double *value)
{
	size_t i = 0, digits = 0;
	bool frac = false, significant = false;
	char buf[40];

	if (len && s[0] == '-')
		i++;
	if (i == len || s[i] < '0' || s[i] > '9')
		return false;
	if (s[i] == '0' && i + 1 < len && s[i + 1] != '.')
		return false;              /* 007, -01: an id or a code, not a number */
	for (; i < len; i++) {
		if (s[i] == '.' && !frac && i + 1 < len) {
			frac = true;
			continue;
		}
		if (s[i] < '0' || s[i] > '9')
			return false;
		if (s[i] != '0')
			significant = true;
		if (significant)
			digits++;
	}
	if (digits > 15 || len >= sizeof buf)
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	*value = strtod(buf, NULL);
	return true;
}

static bool two_digits(const char *s, int *v)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return false;
	*v = (s[0] - '0') * 10 + (s[1] - '0');
	return true;
}

bool xlsx_iso_date(const char *s, size_t len, int *year, int *month, int *day)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int hi, lo, m, d, y, last;

	if (len != 10 || s[4] != '-' || s[7] != '-' || !two_digits(s, &hi) || !two_digits(s + 2, &lo) ||
	    !two_digits(s + 5, &m) || !two_digits(s + 8, &d))
		return false;
	y = hi * 100 + lo;
	if (y < 1900 || m < 1 || m > 12 || d < 1)
		return false;
	last = days[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	if (d > last)
		return false;
	*year = y;
	*month = m;
	*day = d;
	return true;
}

/* ---- reading the CSV back ---- */

typedef int (*row_fn)(void *ctx, char **f, const size_t *lens, size_t n);

struct csv_pass {
	char *text;               /* the row's cells, each NUL-terminated */
	size_t len, cap;
	size_t *off, *lens;
	char **ptrs;
	size_t n, fcap;
	bool oom, last_cr;
	int stop;                 /* the row function's non-zero answer */
	row_fn row;
	void *ctx;
};

static void on_field(void *s, size_t len, void *data)
{
	struct csv_pass *p = data;

	if (p->oom)
		return;
	if (!s)
		s = "", len = 0;   /* libcsv gives NULL for an empty first cell */
	/* a cell a spreadsheet-safe CSV guarded is written as it was meant */
	if (len >= 2 && ((char *)s)[0] == '\'' && excel_is_guarded(s, len)) {
		s = (char *)s + 1;
		len--;
	}
	if (p->len + len + 1 > p->cap) {
		size_t cap = (p->cap ? p->cap * 2 : 4096) + len;
		char *t = realloc(p->text, cap);
		if (!t) {
			p->oom = true;
			return;
		}
		p->text = t;
		p->cap = cap;
	}
	if (p->n == p->fcap) {
		size_t cap = p->fcap ? p->fcap * 2 : 64;
		size_t *o = realloc(p->off, cap * sizeof *o), *l = o ? realloc(p->lens, cap * sizeof *l) : NULL;
		char **q = l ? realloc(p->ptrs, cap * sizeof *q) : NULL;
		if (o)
			p->off = o;
		if (l)
			p->lens = l;
		if (!q) {
			p->oom = true;
			return;
		}
		p->ptrs = q;
		p->fcap = cap;
	}
	memcpy(p->text + p->len, s, len);
	p->text[p->len + len] = '\0';
	p->off[p->n] = p->len;
	p->lens[p->n++] = len;
	p->len += len + 1;
}

static void on_row(int c, void *data)
{
	struct csv_pass *p = data;
	bool crlf_tail = p->n == 0 && c == '\n' && p->last_cr;

	p->last_cr = c == '\r';
	if (crlf_tail || p->oom || p->stop)
		goto done;
	if (p->n == 0)
		on_field("", 0, p);    /* an empty line is a row of one empty cell */
	for (size_t i = 0; i < p->n; i++)
		p->ptrs[i] = p->text + p->off[i];
	if (!p->oom)
		p->stop = p->row(p->ctx, p->ptrs, p->lens, p->n);
done:
	p->n = 0;
	p->len = 0;
}

static int no_space(unsigned char c)
{
	(void)c;
	return 0;
}

/* Calls row for each record of path; 0, the row function's non-zero
 * answer, or -1 with err set. */
static int read_csv(const char *path, char delimiter, row_fn row, void *ctx, char *err, size_t errlen)
{
	struct csv_parser parser;
	struct csv_pass p = { .row = row, .ctx = ctx };
	FILE *fp = fopen(path, "rb");
	char buf[1 << 16];
	size_t n;
	bool first = true;
	int rc = 0;

	if (!fp) {
		snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
		return -1;
	}
	if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0) {
		fclose(fp);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	csv_set_delim(&parser, (unsigned char)(delimiter ? delimiter : ','));
	csv_set_space_func(&parser, no_space);
	while (!p.stop && !p.oom && (n = fread(buf, 1, sizeof buf, fp)) > 0) {
		const char *b = buf;
		if (first && n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
			b += 3;
			n -= 3;
		}
		first = false;
		if (csv_parse(&parser, b, n, on_field, on_row, &p) != n) {
			snprintf(err, errlen, "cannot read back %s: %s", path, csv_strerror(csv_error(&parser)));
			rc = -1;
			break;
		}
	}
	if (!rc && ferror(fp)) {
		snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
		rc = -1;
	}
	if (!rc && !p.stop && csv_fini(&parser, on_field, on_row, &p) != 0) {
		snprintf(err, errlen, "cannot read back %s: %s", path, csv_strerror(csv_error(&parser)));
		rc = -1;
	}
	if (!rc && p.oom) {
		snprintf(err, errlen, "out of memory");
		rc = -1;
	}
	csv_free(&parser);
	fclose(fp);
	free(p.text);
	free(p.off);
	free(p.lens);
	free(p.ptrs);
	return rc ? rc : p.stop;
}

/* ---- the first pass: widths and counts ---- */

struct tally_entry {
	char *value;
	unsigned long long n;
	size_t order;
};

/* the distinct values of one column and how often each occurs */
struct tally {
	int col;                  /* -1: no such column */
	struct tally_entry *slot; /* TALLY_SLOTS, open addressing */
	size_t distinct;
	unsigned long long others;  /* rows whose value came after TALLY_MAX distinct ones */
};

enum { T_STATUS, T_SEQ_STATUS, T_REASON, T_SEQ_REASON, T_COUNT };
static const char *const tally_columns[T_COUNT] = { "_status", "_sequence_status", "_reason",
                                                    "_sequence_reason" };

enum col_type { COL_TEXT, COL_NUMBER, COL_DATE };

struct survey {
	size_t ncols;
	unsigned long long sampled;  /* data rows measured (first pass) */
	unsigned long long rows;  /* data rows (second pass) */
	unsigned *width;          /* characters */
	enum col_type *type;
	char **names;
	struct tally tally[T_COUNT];
	const struct xlsx_options *opt;
	bool oom;
};

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static void tally_add(struct tally *t, const char *v)
{
	size_t i;

	if (!*v)
		return;
	for (i = hash(v) % TALLY_SLOTS; t->slot[i].value; i = (i + 1) % TALLY_SLOTS)
		if (strcmp(t->slot[i].value, v) == 0) {
			t->slot[i].n++;
			return;
		}
	if (t->distinct >= TALLY_MAX || !(t->slot[i].value = strdup(v))) {
		t->others++;
		return;
	}
	t->slot[i].n = 1;
	t->slot[i].order = t->distinct++;
}

/* the entries in order of first appearance; malloc'd, NULL when none */
static struct tally_entry **tally_sorted(const struct tally *t)
{
	struct tally_entry **out = t->distinct ? calloc(t->distinct, sizeof *out) : NULL;
	if (out)
		for (size_t i = 0; i < TALLY_SLOTS; i++)
			if (t->slot[i].value)
				out[t->slot[i].order] = &t->slot[i];
	return out;
}

static bool listed(const char *const *list, const char *name)
{
	for (; list && *list; list++)
		if (strcmp(*list, name) == 0)
			return true;
	return false;
}

static unsigned utf8_chars(const char *s, size_t len)
{
	unsigned n = 0;
	for (size_t i = 0; i < len && n < WIDTH_MAX; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

static int survey_header(struct survey *s, char **f, const size_t *lens, size_t n)
{
	s->ncols = n;
	s->width = calloc(n, sizeof *s->width);
	s->type = calloc(n, sizeof *s->type);
	s->names = calloc(n, sizeof *s->names);
	if (!s->width || !s->type || !s->names)
		return s->oom = true, 1;
	for (size_t c = 0; c < n; c++) {
		/* the bold name and its filter button */
		s->width[c] = utf8_chars(f[c], lens[c]) + 3;
		s->type[c] = listed(s->opt ? s->opt->numeric : NULL, f[c]) ? COL_NUMBER
		           : listed(s->opt ? s->opt->dates : NULL, f[c]) ? COL_DATE : COL_TEXT;
		if (!(s->names[c] = strdup(f[c])))
			return s->oom = true, 1;
		/* the last of a name: results put their own after the input's */
		for (int t = 0; t < T_COUNT; t++)
			if (strcmp(f[c], tally_columns[t]) == 0)
				s->tally[t].col = (int)c;
	}
	for (int t = 0; t < T_COUNT; t++)
		if (s->tally[t].col >= 0 && !(s->tally[t].slot = calloc(TALLY_SLOTS, sizeof *s->tally[t].slot)))
			return s->oom = true, 1;
	return 0;
}

#define SAMPLED 2   /* survey_row's answer once it has seen enough */

static int survey_row(void *ctx, char **f, const size_t *lens, size_t n)
{
	struct survey *s = ctx;

	if (!s->width)
		return survey_header(s, f, lens, n);
	for (size_t c = 0; c < n && c < s->ncols; c++) {
		unsigned w = utf8_chars(f[c], lens[c]) + 1;
		if (w > s->width[c])
			s->width[c] = w;
	}
	return ++s->sampled < WIDTH_SAMPLE ? 0 : SAMPLED;
}

static void survey_free(struct survey *s)
{
	for (int t = 0; t < T_COUNT; t++) {
		if (s->tally[t].slot)
			for (size_t i = 0; i < TALLY_SLOTS; i++)
				free(s->tally[t].slot[i].value);
		free(s->tally[t].slot);
	}
	for (size_t c = 0; s->names && c < s->ncols; c++)
		free(s->names[c]);
	free(s->names);
	free(s->width);
	free(s->type);
}

/* ---- the second pass: the rows ---- */

enum { F_TEXT, F_HEADER, F_GOOD, F_NOTE, F_BAD, F_DATE, F_TITLE, F_COUNT };

struct book {
	lxw_workbook *wb;
	lxw_worksheet *ws;            /* the rows' sheet being written */
	lxw_worksheet *first;         /* the first one, which charts refer to */
	char first_name[LXW_SHEETNAME_MAX + 1];
	lxw_format *fmt[F_COUNT];
	struct survey *s;
	const char *sheet;
	unsigned sheets;
	lxw_row_t row;                /* next row in the current sheet */
	bool header_seen;
	unsigned long long cut;       /* cells longer than Excel takes */
	lxw_error lerr;
};

static int status_format(const char *v)
{
	static const char *const good[] = { "created", "updated", "enrolled", "found", "ready",
		"unchanged", NULL };
	static const char *const note[] = { "existing", "duplicate", "skipped", "already_enrolled",
		"not_found", "unprocessed", NULL };
	static const char *const bad[] = { "failed", "invalid", NULL };
	return listed(good, v) ? F_GOOD : listed(note, v) ? F_NOTE : listed(bad, v) ? F_BAD : F_TEXT;
}

static void keep_error(struct book *b, lxw_error e)
{
	if (e != LXW_NO_ERROR && b->lerr == LXW_NO_ERROR)
		b->lerr = e;
}

/* Does s[i..] read as an escaped character, _xHHHH_? */
static bool is_escape(const char *s, size_t len, size_t i)
{
	if (i + 7 > len || s[i] != '_' || s[i + 1] != 'x' || s[i + 6] != '_')
		return false;
	for (size_t k = i + 2; k < i + 6; k++)
		if (!((s[k] >= '0' && s[k] <= '9') || (s[k] >= 'a' && s[k] <= 'f') ||
		      (s[k] >= 'A' && s[k] <= 'F')))
			return false;
	return true;
}

/* A cell's text as Excel must be given it: spreadsheets read _xHHHH_ in a
 * cell as the character HHHH (libxlsxwriter writes control characters so),
 * so a cell that holds such text itself has its '_' written as _x005F_.
 * NULL when nothing needs it; else malloc'd. */
static char *escape_escapes(const char *v, size_t len)
{
	const char *u = memchr(v, '_', len);
	size_t n = 0;
	char *out, *o;

	for (size_t i = u ? (size_t)(u - v) : len; i < len; i++)
		n += is_escape(v, len, i);
	if (!n || !(out = malloc(len + n * 6 + 1)))
		return NULL;
	o = out;
	for (size_t i = 0; i < len; i++) {
		if (is_escape(v, len, i)) {
			memcpy(o, "_x005F", 6);
			o += 6;
		}
		*o++ = v[i];
	}
	*o = '\0';
	return out;
}

/* a text cell, cut to what Excel takes (at a character's start) */
static void write_text(struct book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *v,
                       size_t len, lxw_format *fmt)
{
	char *cut = NULL, *esc = escape_escapes(v, len);

	if (esc) {
		v = esc;
		len = strlen(esc);
	}

	if (len > CELL_MAX) {
		size_t n = utf8_whole(v, CELL_MAX);
		if ((cut = malloc(n + 1))) {
			memcpy(cut, v, n);
			cut[n] = '\0';
			v = cut;
		}
		b->cut++;
	}
	keep_error(b, worksheet_write_string(ws, r, c, v, fmt));
	free(cut);
	free(esc);
}

static void write_cell(struct book *b, size_t c, const char *v, size_t len)
{
	const struct survey *s = b->s;
	double d;
	int y, m, day;
	int f = F_TEXT;

	if (!len)
		return;
	if (s->type[c] == COL_NUMBER && xlsx_canonical_number(v, len, &d)) {
		keep_error(b, worksheet_write_number(b->ws, b->row, (lxw_col_t)c, d, NULL));
		return;
	}
	if (s->type[c] == COL_DATE && xlsx_iso_date(v, len, &y, &m, &day)) {
		lxw_datetime dt = { .year = y, .month = m, .day = day };
		keep_error(b, worksheet_write_datetime(b->ws, b->row, (lxw_col_t)c, &dt, b->fmt[F_DATE]));
		return;
	}
	if ((int)c == s->tally[T_STATUS].col || (int)c == s->tally[T_SEQ_STATUS].col)
		f = status_format(v);
	write_text(b, b->ws, b->row, (lxw_col_t)c, v, len, b->fmt[f]);
}

/* the current sheet's frame: its filter over the rows written */
static void finish_sheet(struct book *b)
{
	if (!b->ws)
		return;
	keep_error(b, worksheet_autofilter(b->ws, 0, 0, b->row ? b->row - 1 : 0,
	                                   (lxw_col_t)(b->s->ncols - 1)));
}

static int start_sheet(struct book *b)
{
	char name[LXW_SHEETNAME_MAX + 1];

	finish_sheet(b);
	b->sheets++;
	if (b->sheets == 1)
		snprintf(name, sizeof name, "%s", b->sheet);
	else
		snprintf(name, sizeof name, "%.20s (%u)", b->sheet, b->sheets);
	if (!(b->ws = workbook_add_worksheet(b->wb, name)))
		return -1;
	if (b->sheets == 1) {
		b->first = b->ws;
		snprintf(b->first_name, sizeof b->first_name, "%s", name);
	}
	worksheet_freeze_panes(b->ws, 1, 0);
	/* widths before the rows: constant_memory writes each row as it goes */
	for (size_t c = 0; c < b->s->ncols; c++) {
		unsigned w = b->s->width[c] < WIDTH_MIN ? WIDTH_MIN : b->s->width[c];
		keep_error(b, worksheet_set_column(b->ws, (lxw_col_t)c, (lxw_col_t)c,
		                                   w > WIDTH_MAX ? WIDTH_MAX : w,
		                                   b->s->type[c] == COL_TEXT ? b->fmt[F_TEXT] : NULL));
	}
	for (size_t c = 0; c < b->s->ncols; c++)
		write_text(b, b->ws, 0, (lxw_col_t)c, b->s->names[c], strlen(b->s->names[c]), b->fmt[F_HEADER]);
	b->row = 1;
	return 0;
}

static int book_row(void *ctx, char **f, const size_t *lens, size_t n)
{
	struct book *b = ctx;

	/* the header (the survey kept its names), and again on each sheet
	 * past Excel's row limit */
	if (!b->header_seen) {
		b->header_seen = true;
		return start_sheet(b) < 0;
	}
	if (b->row >= ROWS_PER_SHEET && start_sheet(b) < 0)
		return 1;
	for (size_t c = 0; c < n && c < b->s->ncols; c++)
		write_cell(b, c, f[c], lens[c]);
	b->s->rows++;
	for (int t = 0; t < T_COUNT; t++)
		if (b->s->tally[t].col >= 0 && (size_t)b->s->tally[t].col < n)
			tally_add(&b->s->tally[t], f[b->s->tally[t].col]);
	b->row++;
	return b->lerr != LXW_NO_ERROR;
}

/* ---- charts ---- */

static int column_of(const struct survey *s, const char *name)
{
	for (size_t c = 0; c < s->ncols; c++)
		if (strcmp(s->names[c], name) == 0)
			return (int)c;
	return -1;
}

static void add_charts(struct book *b, const struct xlsx_options *opt)
{
	lxw_worksheet *ws = NULL;
	lxw_row_t last = (lxw_row_t)(b->s->rows < ROWS_PER_SHEET ? b->s->rows : ROWS_PER_SHEET);
	unsigned placed = 0;

	if (!opt || !opt->ncharts || !b->s->rows)
		return;
	for (size_t i = 0; i < opt->ncharts; i++) {
		const struct xlsx_chart *ch = &opt->charts[i];
		int cat = column_of(b->s, ch->category);
		lxw_chart *chart;

		if (cat < 0)
			continue;
		if (!ws && !(ws = workbook_add_worksheet(b->wb, "Charts")))
			return;
		chart = workbook_add_chart(b->wb, ch->type == XLSX_CHART_BAR ? LXW_CHART_BAR : LXW_CHART_COLUMN);
		if (!chart)
			return;
		chart_title_set_name(chart, ch->title);
		if (ch->value_axis)
			chart_axis_set_name(chart->y_axis, ch->value_axis);
		for (const char *const *sname = ch->series; sname && *sname; sname++) {
			int col = column_of(b->s, *sname);
			lxw_chart_series *series;
			if (col < 0)
				continue;
			series = chart_add_series(chart, NULL, NULL);
			chart_series_set_categories(series, b->first_name, 1, (lxw_col_t)cat, last, (lxw_col_t)cat);
			chart_series_set_values(series, b->first_name, 1, (lxw_col_t)col, last, (lxw_col_t)col);
			chart_series_set_name_range(series, b->first_name, 0, (lxw_col_t)col);
		}
		keep_error(b, worksheet_insert_chart(ws, (lxw_row_t)(1 + placed * 20), 1, chart));
		placed++;
	}
}

/* ---- the About sheet ---- */

static void about_pair(struct book *b, lxw_worksheet *ws, lxw_row_t *r, const char *k, const char *v)
{
	keep_error(b, worksheet_write_string(ws, *r, 0, k, b->fmt[F_HEADER]));
	if (v && *v)
		keep_error(b, worksheet_write_string(ws, *r, 1, v, b->fmt[F_TEXT]));
	(*r)++;
}

static void about_tally(struct book *b, lxw_worksheet *ws, lxw_row_t *r, int t, bool notes)
{
	const struct tally *ty = &b->s->tally[t];
	struct tally_entry **e;

	if (ty->col < 0)
		return;
	(*r)++;
	keep_error(b, worksheet_write_string(ws, *r, 0, tally_columns[t], b->fmt[F_HEADER]));
	keep_error(b, worksheet_write_string(ws, *r, 1, "rows", b->fmt[F_HEADER]));
	if (notes)
		keep_error(b, worksheet_write_string(ws, *r, 2, "what it means, and what lets such a row in",
		                                     b->fmt[F_HEADER]));
	(*r)++;
	if (!ty->distinct) {
		keep_error(b, worksheet_write_string(ws, (*r)++, 0, "(none)", b->fmt[F_TEXT]));
		return;
	}
	if (!(e = tally_sorted(ty)))
		return;
	for (size_t i = 0; i < ty->distinct; i++) {
		const char *v = e[i]->value;
		const char *note = notes && run_note ? run_note(v) : NULL;
		int f = t == T_STATUS || t == T_SEQ_STATUS ? status_format(v) : F_TEXT;
		write_text(b, ws, *r, 0, v, strlen(v), b->fmt[f]);
		keep_error(b, worksheet_write_number(ws, *r, 1, (double)e[i]->n, NULL));
		if (note)
			keep_error(b, worksheet_write_string(ws, *r, 2, note, b->fmt[F_TEXT]));
		(*r)++;
	}
	if (ty->others) {
		keep_error(b, worksheet_write_string(ws, *r, 0, "(other values)", b->fmt[F_TEXT]));
		keep_error(b, worksheet_write_number(ws, (*r)++, 1, (double)ty->others, NULL));
	}
	free(e);
}

static void add_about(struct book *b, const struct xlsx_options *opt)
{
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, "About this run");
	lxw_row_t r = 0;
	char when[64], rows[64], *cmd = NULL;
	time_t now = time(NULL);
	struct tm tm;

	if (!ws)
		return;
	worksheet_set_column(ws, 0, 0, 40, NULL);
	worksheet_set_column(ws, 1, 1, 12, NULL);
	worksheet_set_column(ws, 2, 2, 80, NULL);
	keep_error(b, worksheet_write_string(ws, r++, 0, "About this run", b->fmt[F_TITLE]));
	r++;
	if (opt && opt->about)
		about_pair(b, ws, &r, "what this file holds", opt->about);
	if (run_command_line && (cmd = strdup(run_command_line)))
		msg_redact(cmd, strlen(cmd));   /* the key, should it be in a word of it */
	about_pair(b, ws, &r, "command", cmd ? cmd : "");
	free(cmd);
	gmtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S UTC", &tm);
	about_pair(b, ws, &r, "written", when);
	keep_error(b, worksheet_write_string(ws, r, 0, "rows", b->fmt[F_HEADER]));
	keep_error(b, worksheet_write_number(ws, r++, 1, (double)b->s->rows, NULL));
	if (b->sheets > 1) {
		snprintf(rows, sizeof rows, "%u sheets (Excel takes %d rows a sheet)", b->sheets, ROWS_PER_SHEET);
		about_pair(b, ws, &r, "spread over", rows);
	}
	if (b->cut) {
		snprintf(rows, sizeof rows, "%llu cells cut to %d characters", b->cut, CELL_MAX);
		about_pair(b, ws, &r, "too long for Excel", rows);
	}
	about_tally(b, ws, &r, T_STATUS, false);
	about_tally(b, ws, &r, T_REASON, true);
	about_tally(b, ws, &r, T_SEQ_STATUS, false);
	about_tally(b, ws, &r, T_SEQ_REASON, true);
}

/* ---- the workbook ---- */

static void make_formats(struct book *b)
{
	static const struct { int f; lxw_color_t bg, fg; } colours[] = {
		{ F_GOOD, 0xC6EFCE, 0x006100 }, { F_NOTE, 0xFFEB9C, 0x9C5700 }, { F_BAD, 0xFFC7CE, 0x9C0006 },
	};
	for (int f = 0; f < F_COUNT; f++) {
		b->fmt[f] = workbook_add_format(b->wb);
		format_set_num_format(b->fmt[f], f == F_DATE ? "yyyy-mm-dd" : "@");
	}
	format_set_bold(b->fmt[F_HEADER]);
	format_set_bold(b->fmt[F_TITLE]);
	format_set_font_size(b->fmt[F_TITLE], 14);
	for (size_t i = 0; i < sizeof colours / sizeof colours[0]; i++) {
		format_set_bg_color(b->fmt[colours[i].f], colours[i].bg);
		format_set_font_color(b->fmt[colours[i].f], colours[i].fg);
	}
}

int xlsx_from_csv(const char *csv_path, char delimiter, const char *xlsx_path,
                  const struct xlsx_options *opt, char *err, size_t errlen)
{
	struct survey s = { .opt = opt };
	struct book b = { .s = &s, .sheet = opt && opt->sheet ? opt->sheet : "Rows" };
	lxw_workbook_options wopt = { .constant_memory = LXW_TRUE };
	char *dir = strdup(xlsx_path);
	struct stat st;
	int rc;

	for (int t = 0; t < T_COUNT; t++)
		s.tally[t].col = -1;
	err[0] = '\0';
	if (!dir) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	rc = read_csv(csv_path, delimiter, survey_row, &s, err, errlen);
	if (rc == SAMPLED)
		rc = 0;
	if (rc != 0 || s.oom || !s.width) {
		if (!err[0])
			snprintf(err, errlen, s.width || s.oom ? "out of memory" : "no header row to write");
		goto out;
	}
	if (s.ncols > LXW_COL_MAX) {
		snprintf(err, errlen, "%zu columns: a workbook sheet holds at most %d", s.ncols, LXW_COL_MAX);
		rc = -1;
		goto out;
	}
	/* libxlsxwriter's own temporary files go beside the output, not /tmp */
	wopt.tmpdir = dirname(dir);
	wopt.use_zip64 = stat(csv_path, &st) == 0 && st.st_size > (1LL << 30);
	if (!(b.wb = workbook_new_opt(xlsx_path, &wopt))) {
		snprintf(err, errlen, "cannot start the workbook");
		rc = -1;
		goto out;
	}
	make_formats(&b);
	rc = read_csv(csv_path, delimiter, book_row, &b, err, errlen);
	finish_sheet(&b);
	if (rc == 0 && b.lerr == LXW_NO_ERROR) {
		add_charts(&b, opt);
		add_about(&b, opt);
	}
	{
		lxw_error e = workbook_close(b.wb);
		keep_error(&b, e);
	}
	if (rc > 0 || (rc == 0 && b.lerr != LXW_NO_ERROR)) {
		snprintf(err, errlen, "%s", b.lerr != LXW_NO_ERROR ? lxw_strerror(b.lerr) : "out of memory");
		rc = -1;
	}
out:
	survey_free(&s);
	free(dir);
	return rc ? -1 : 0;
}
