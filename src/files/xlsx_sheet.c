/* files/xlsx_sheet.c - a sheet's rows streamed through files/xml_scan.h; see files/xlsx_sheet.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "common/utf8.h"
#include "files/xlsx_sheet.h"

static void row_reset(struct xlsx_rows *r)
{
	dynbuf_reset(&r->text);
	dynbuf_addc(&r->text, '\0');   /* offset 0: the empty cell */
	r->ncols = 0;
	r->error_col = 0;
	r->too_big_col = 0;
	r->next_col = 1;
}

static bool ensure_cols(struct xlsx_rows *r, size_t n)
{
	if (n <= r->cap)
		return true;
	size_t nc = r->cap ? r->cap : 32;
	while (nc < n)
		nc *= 2;
	size_t *no = realloc(r->offs, nc * sizeof *no);
	if (no)
		r->offs = no;
	size_t *nl = no ? realloc(r->lens, nc * sizeof *nl) : NULL;
	if (nl)
		r->lens = nl;
	const char **np = nl ? realloc(r->cells, nc * sizeof *np) : NULL;
	if (np)
		r->cells = np;
	if (!np)
		return false;
	r->cap = nc;
	return true;
}

/* the cell just read, as text, into column r->col */
static void store_cell(struct xlsx_rows *r)
{
	const char *v = r->value.data ? r->value.data : "";
	size_t vlen = r->value.len, at = r->text.len, len;
	char num[64];
	char t = r->type;

	if (r->col == 0 || r->col > XLSX_MAX_COLUMNS)
		return;
	if (t == 's') {
		size_t i = 0, k = 0;
		const char *s;
		while (k < vlen && v[k] >= '0' && v[k] <= '9' && i < ((size_t)1 << 40))
			i = i * 10 + (size_t)(v[k++] - '0');
		s = vlen && k == vlen ? xlsx_book_string(r->book, i, &len) : NULL;
		if (s)
			v = s, vlen = len;
		else if (vlen) {
			v = "#REF!", vlen = 5;   /* a string the workbook does not hold */
			if (!r->error_col)
				r->error_col = r->col, snprintf(r->error_text, sizeof r->error_text, "%s", v);
		}
	} else if (t == 'b') {
		bool yes = vlen && v[0] == '1';
		v = vlen ? (yes ? "TRUE" : "FALSE") : "";
		vlen = strlen(v);
	} else if (t == 'e') {
		if (vlen && !r->error_col) {
			r->error_col = r->col;
			snprintf(r->error_text, sizeof r->error_text, "%.*s", (int)(vlen < 24 ? vlen : 24), v);
		}
	} else if (t == 'n' && vlen) {
		/* a number: as its number format shows it */
		char *end;
		double d = strtod(v, &end);
		if (end != v && !*end) {
			unsigned pad;
			enum excel_num_kind kind = xlsx_book_style_kind(r->book, r->style, &pad);
			if (kind == EXCEL_NUMBER && pad && d >= 0 && d < 1e15 && d == (double)(long long)d)
				snprintf(num, sizeof num, "%0*lld", (int)pad, (long long)d);
			else if (kind == EXCEL_NUMBER ||
			         !excel_serial_text(d, kind, r->book->date1904, num, sizeof num))
				excel_number_text(d, num, sizeof num);
			v = num;
			vlen = strlen(num);
		}
	}
	if (vlen > r->max_field || r->value_cut) {
		/* the cell's text (a shared string, or what was read of it) is cut,
		 * at a character's start */
		if (vlen > r->max_field)
			vlen = r->max_field;
		vlen = utf8_whole(v, vlen);
		if (!r->too_big_col)
			r->too_big_col = r->col;
	}
	if (!ensure_cols(r, r->col))
		return;
	while (r->ncols < r->col) {
		r->lens[r->ncols] = 0;
		r->offs[r->ncols++] = 0;
	}
	r->offs[r->col - 1] = 0;
	r->lens[r->col - 1] = 0;
	if (vlen == 0 || !dynbuf_add(&r->text, v, vlen) || !dynbuf_addc(&r->text, '\0'))
		return;
	r->offs[r->col - 1] = at;
	r->lens[r->col - 1] = vlen;
}

/* a cell's t attribute as one letter: s shared string, i inline string,
 * S a formula's string, b boolean, e error, d ISO date, n number (the
 * default, and anything else) */
static char cell_type(const char *t)
{
	if (!t || !t[0])
		return 'n';
	if (!t[1])
		return t[0] == 's' || t[0] == 'b' || t[0] == 'e' || t[0] == 'd' ? t[0] : 'n';
	if (strcmp(t, "str") == 0)
		return 'S';
	return strcmp(t, "inlineStr") == 0 ? 'i' : 'n';
}

static void on_start(struct xlsx_rows *r)
{
	struct xml_scan *x = &r->scan;
	const char *el = x->name;

	if (el[0] == 'c' && !el[1]) {
		const char *ref = xml_scan_att(x, "r"), *t = xml_scan_att(x, "t"), *s = xml_scan_att(x, "s");
		unsigned long col = ref ? excel_ref_col(ref, NULL) : 0;
		r->col = col ? col : r->next_col;
		r->next_col = r->col + 1;
		r->type = cell_type(t);
		r->style = 0;
		for (; s && *s >= '0' && *s <= '9' && r->style < 1000000; s++)
			r->style = r->style * 10 + (unsigned long)(*s - '0');
		dynbuf_reset(&r->value);
		r->value_cut = false;
	} else if (el[0] == 'v' && !el[1]) {
		r->in_value = true;
	} else if (el[0] == 't' && !el[1] && r->type == 'i' && !r->in_phonetic) {
		r->in_inline_text = true;
	} else if (strcmp(el, "rPh") == 0) {
		r->in_phonetic++;
	} else if (strcmp(el, "row") == 0) {
		const char *n = xml_scan_att(x, "r");
		unsigned long num = n ? strtoul(n, NULL, 10) : 0;
		row_reset(r);
		r->row = num ? num : r->next_row;
		r->next_row = r->row + 1;
	}
	x->want_text = r->in_value || r->in_inline_text;
}

static void on_end(struct xlsx_rows *r)
{
	const char *el = r->scan.name;

	if (el[0] == 'v' && !el[1]) {
		r->in_value = false;
	} else if (el[0] == 't' && !el[1]) {
		r->in_inline_text = false;
	} else if (strcmp(el, "rPh") == 0) {
		if (r->in_phonetic)
			r->in_phonetic--;
	} else if (el[0] == 'c' && !el[1]) {
		if (r->type == 'i')
			xlsx_unescape(&r->value, 0);
		store_cell(r);
	} else if (strcmp(el, "row") == 0) {
		r->row_done = true;
	} else if (strcmp(el, "sheetData") == 0) {
		/* the rows are all read: what follows (merged cells, conditional
		 * formats, validations) is not scanned, so nothing in it can
		 * fail a sheet whose rows were read */
		r->rows_done = true;
	}
	r->scan.want_text = r->in_value || r->in_inline_text;
}

static void on_text(struct xlsx_rows *r)
{
	struct dynbuf *t = &r->scan.text;
	if ((r->in_value || r->in_inline_text) && !r->value_cut &&
	    !dynbuf_add(&r->value, t->data, t->len))
		r->value_cut = true;
}

static long read_part(void *ctx, char *dst, size_t n)
{
	return (long)zip_fread(ctx, dst, n);
}

int xlsx_rows_open(struct xlsx_rows *r, struct xlsx_book *b, size_t sheet, size_t max_field)
{
	memset(r, 0, sizeof *r);
	r->book = b;
	r->part = b->sheets[sheet].part;
	r->max_field = max_field;
	r->next_row = 1;
	dynbuf_init(&r->text, (size_t)-1);
	dynbuf_init(&r->value, max_field + 1);
	/* offset 0 is the empty cell even for cells before any <row> */
	row_reset(r);
	r->size = xlsx_book_part_size(b, r->part);
	r->zf = xlsx_book_part_open(b, r->part);
	xml_scan_init(&r->scan, read_part, r->zf);
	if (!r->zf) {
		snprintf(r->error, sizeof r->error, "the workbook's sheet \"%s\" cannot be read (%s): is the file damaged?",
		         b->sheets[sheet].name, r->part);
		return -1;
	}
	return 0;
}

int xlsx_rows_next(struct xlsx_rows *r)
{
	r->row_done = false;
	while (!r->row_done) {
		if (r->rows_done)
			return 0;
		switch (xml_scan_next(&r->scan)) {
		case XML_SCAN_START:
			on_start(r);
			break;
		case XML_SCAN_END:
			on_end(r);
			break;
		case XML_SCAN_TEXT:
			on_text(r);
			break;
		case XML_SCAN_END_OF_INPUT:
			return 0;
		default:
			snprintf(r->error, sizeof r->error,
			         "the workbook's sheet cannot be read near row %lu (%s): is the file damaged?",
			         r->row ? r->row : 1, r->scan.error);
			return -1;
		}
	}
	if (!ensure_cols(r, r->ncols ? r->ncols : 1))
		r->ncols = 0;
	/* trailing empty cells (styled, but blank) are not part of the row */
	while (r->ncols > 0 && r->offs[r->ncols - 1] == 0)
		r->ncols--;
	for (size_t i = 0; i < r->ncols; i++)
		r->cells[i] = r->text.data + r->offs[i];
	return 1;
}

double xlsx_rows_fraction(const struct xlsx_rows *r)
{
	unsigned long long done = __atomic_load_n(&r->scan.consumed, __ATOMIC_RELAXED);
	if (r->size <= 0)
		return -1;
	return done >= (unsigned long long)r->size ? 1.0 : (double)done / (double)r->size;
}

void xlsx_rows_close(struct xlsx_rows *r)
{
	xml_scan_free(&r->scan);
	if (r->zf)
		zip_fclose(r->zf);
	r->zf = NULL;
	free(r->offs);
	free(r->lens);
	free(r->cells);
	r->offs = r->lens = NULL;
	r->cells = NULL;
	dynbuf_free(&r->text);
	dynbuf_free(&r->value);
}
