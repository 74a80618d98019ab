/* files/xlsx_sheet.c - a sheet's rows streamed through expat; see files/xlsx_sheet.h. */
#include "config.h"

#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "files/xlsx_sheet.h"

#define CHUNK (64 * 1024)

/* The sheet is parsed without namespace processing (a good part of
 * expat's time on a long sheet): an element's name is taken after its
 * prefix, if any (<c> and <x:c> are one), and the attributes read here
 * (r, t, s) carry none. */
static const char *local_name(const char *name)
{
	const char *colon = strchr(name, ':');
	return colon ? colon + 1 : name;
}

static const char *attr(const char **atts, const char *want)
{
	for (size_t i = 0; atts[i]; i += 2)
		if (atts[i][0] == want[0] && atts[i][1] == '\0')
			return atts[i + 1];
	return NULL;
}

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
	const char *t = r->type;

	if (r->col == 0 || r->col > XLSX_MAX_COLUMNS)
		return;
	if (strcmp(t, "s") == 0) {
		char *end;
		unsigned long i = strtoul(v, &end, 10);
		const char *s = vlen && !*end ? xlsx_book_string(r->book, i, &len) : NULL;
		if (s)
			v = s, vlen = len;
		else if (vlen) {
			v = "#REF!", vlen = 5;   /* a string the workbook does not hold */
			if (!r->error_col)
				r->error_col = r->col;
		}
	} else if (strcmp(t, "b") == 0) {
		bool yes = vlen && v[0] == '1';
		v = vlen ? (yes ? "TRUE" : "FALSE") : "";
		vlen = strlen(v);
	} else if (strcmp(t, "e") == 0) {
		if (vlen && !r->error_col)
			r->error_col = r->col;
	} else if (strcmp(t, "str") != 0 && strcmp(t, "inlineStr") != 0 &&
	           strcmp(t, "d") != 0 && vlen) {
		/* a number: as its number format shows it */
		char *end;
		double d = strtod(v, &end);
		if (end != v && !*end) {
			enum excel_num_kind kind = xlsx_book_style_kind(r->book, r->style);
			if (kind == EXCEL_NUMBER ||
			    !excel_serial_text(d, kind, r->book->date1904, num, sizeof num))
				excel_number_text(d, num, sizeof num);
			v = num;
			vlen = strlen(num);
		}
	}
	if (vlen > r->max_field || r->value_cut) {
		vlen = r->max_field;
		if (!r->too_big_col)
			r->too_big_col = r->col;
	}
	if (!ensure_cols(r, r->col))
		return;
	while (r->ncols < r->col)
		r->offs[r->ncols++] = 0;
	if (vlen == 0) {
		r->offs[r->col - 1] = 0;
		return;
	}
	if (!dynbuf_add(&r->text, v, vlen) || !dynbuf_addc(&r->text, '\0'))
		return;
	r->offs[r->col - 1] = at;
}

static void on_start(void *ud, const char *name, const char **atts)
{
	struct xlsx_rows *r = ud;
	const char *el = local_name(name);

	if (strcmp(el, "c") == 0) {
		const char *ref = attr(atts, "r"), *t = attr(atts, "t"), *s = attr(atts, "s");
		unsigned long col = ref ? excel_ref_col(ref, NULL) : 0;
		r->col = col ? col : r->next_col;
		r->next_col = r->col + 1;
		snprintf(r->type, sizeof r->type, "%s", t ? t : "n");
		r->style = s ? strtoul(s, NULL, 10) : 0;
		dynbuf_reset(&r->value);
		r->value_cut = false;
	} else if (strcmp(el, "v") == 0) {
		r->in_value = true;
	} else if (strcmp(el, "t") == 0 && strcmp(r->type, "inlineStr") == 0 && !r->in_phonetic) {
		r->in_inline_text = true;
	} else if (strcmp(el, "rPh") == 0) {
		r->in_phonetic++;
	} else if (strcmp(el, "row") == 0) {
		const char *n = attr(atts, "r");
		unsigned long num = n ? strtoul(n, NULL, 10) : 0;
		row_reset(r);
		r->row = num ? num : r->next_row;
		r->next_row = r->row + 1;
	}
}

static void on_end(void *ud, const char *name)
{
	struct xlsx_rows *r = ud;
	const char *el = local_name(name);

	if (strcmp(el, "v") == 0) {
		r->in_value = false;
	} else if (strcmp(el, "t") == 0) {
		r->in_inline_text = false;
	} else if (strcmp(el, "rPh") == 0) {
		if (r->in_phonetic)
			r->in_phonetic--;
	} else if (strcmp(el, "c") == 0) {
		if (strcmp(r->type, "inlineStr") == 0)
			xlsx_unescape(&r->value, 0);
		store_cell(r);
	} else if (strcmp(el, "row") == 0) {
		r->row_done = true;
		XML_StopParser(r->parser, XML_TRUE);
	}
}

static void on_text(void *ud, const char *s, int len)
{
	struct xlsx_rows *r = ud;
	if ((r->in_value || r->in_inline_text) && !r->value_cut &&
	    !dynbuf_add(&r->value, s, (size_t)len))
		r->value_cut = true;
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
	r->size = xlsx_book_part_size(b, r->part);
	r->zf = xlsx_book_part_open(b, r->part);
	if (!r->zf) {
		snprintf(r->error, sizeof r->error, "the workbook's sheet \"%s\" cannot be read (%s): is the file damaged?",
		         b->sheets[sheet].name, r->part);
		return -1;
	}
	r->chunk = malloc(CHUNK);
	r->parser = XML_ParserCreate(NULL);
	if (!r->chunk || !r->parser) {
		snprintf(r->error, sizeof r->error, "out of memory");
		return -1;
	}
	XML_SetUserData(r->parser, r);
	XML_SetElementHandler(r->parser, on_start, on_end);
	XML_SetCharacterDataHandler(r->parser, on_text);
	return 0;
}

static int xml_failed(struct xlsx_rows *r)
{
	snprintf(r->error, sizeof r->error,
	         "the workbook's sheet is not valid XML near row %lu (%s): is the file damaged?",
	         r->next_row, XML_ErrorString(XML_GetErrorCode(r->parser)));
	return -1;
}

int xlsx_rows_next(struct xlsx_rows *r)
{
	r->row_done = false;
	if (r->suspended) {
		enum XML_Status st;
		r->suspended = false;
		st = XML_ResumeParser(r->parser);
		if (st == XML_STATUS_ERROR)
			return xml_failed(r);
		if (st == XML_STATUS_SUSPENDED)
			r->suspended = true;
	}
	while (!r->row_done) {
		zip_int64_t n;
		enum XML_Status st;
		if (r->finished)
			return 0;
		n = zip_fread(r->zf, r->chunk, CHUNK);
		if (n < 0) {
			snprintf(r->error, sizeof r->error, "the workbook's sheet cannot be read: %s",
			         zip_file_strerror(r->zf));
			return -1;
		}
		__atomic_add_fetch(&r->inflated, (unsigned long long)n, __ATOMIC_RELAXED);
		st = XML_Parse(r->parser, r->chunk, (int)n, n == 0);
		if (st == XML_STATUS_ERROR)
			return xml_failed(r);
		if (st == XML_STATUS_SUSPENDED)
			r->suspended = true;
		if (n == 0)
			r->finished = true;
	}
	if (!ensure_cols(r, r->ncols ? r->ncols : 1))
		r->ncols = 0;
	/* trailing empty cells (styled, but blank) are not part of the row */
	while (r->ncols > 0 && r->offs[r->ncols - 1] == 0)
		r->ncols--;
	for (size_t i = 0; i < r->ncols; i++) {
		r->cells[i] = r->text.data + r->offs[i];
		r->lens[i] = strlen(r->cells[i]);
	}
	return 1;
}

double xlsx_rows_fraction(const struct xlsx_rows *r)
{
	unsigned long long done = __atomic_load_n(&r->inflated, __ATOMIC_RELAXED);
	if (r->size <= 0)
		return -1;
	return done >= (unsigned long long)r->size ? 1.0 : (double)done / (double)r->size;
}

void xlsx_rows_close(struct xlsx_rows *r)
{
	if (r->parser)
		XML_ParserFree(r->parser);
	if (r->zf)
		zip_fclose(r->zf);
	r->parser = NULL;
	r->zf = NULL;
	free(r->chunk);
	free(r->offs);
	free(r->lens);
	free(r->cells);
	r->chunk = NULL;
	r->offs = r->lens = NULL;
	r->cells = NULL;
	dynbuf_free(&r->text);
	dynbuf_free(&r->value);
}
