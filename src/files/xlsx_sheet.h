/* files/xlsx_sheet.h - a workbook sheet's rows, streamed.
 *
 * The sheet's XML is inflated 64 KiB at a time and scanned (files/xml_scan.h,
 * several times faster than expat on a sheet) up to the end of each row:
 * memory holds one row, whatever the sheet's length. A row's cells are indexed by column (A is 0), gaps filled with
 * empty cells, each as the text a person sees in the spreadsheet
 * (values/excel_cells.h): shared and inline strings (rich-text runs
 * joined), TRUE and FALSE, numbers, dates and times as ISO 8601, a
 * formula's cached value (never its text), an error such as #N/A as its
 * text with `error_col` set. */
#ifndef APOLLO_XLSX_SHEET_H
#define APOLLO_XLSX_SHEET_H

#include <stdbool.h>
#include <stddef.h>

#include "common/dynbuf.h"
#include "files/xlsx_book.h"
#include "files/xml_scan.h"

#define XLSX_MAX_COLUMNS 16384    /* A to XFD */

struct xlsx_rows {
	struct xlsx_book *book;
	const char *part;
	void *zf;                 /* zip_file_t */
	struct xml_scan scan;
	long long size;           /* the part's inflated size, for progress */
	size_t max_field;

	/* the row read: valid until the next call */
	unsigned long row;        /* its number in the sheet, 1-based */
	size_t ncols;             /* up to the last cell that is not empty */
	const char **cells;
	size_t *lens;
	unsigned long error_col;  /* first cell holding an error, 1-based; 0 none */
	char error_text[32];      /* that error, e.g. #N/A */
	unsigned long too_big_col;/* first cell over max_field (cut), 1-based */

	/* being built */
	struct dynbuf text;
	size_t *offs;
	size_t cap;
	bool row_done;
	bool rows_done;           /* </sheetData> was read */
	unsigned long next_row, next_col;
	unsigned long col;        /* the cell being read, 1-based */
	char type;                /* its t attribute, one letter (xlsx_sheet.c) */
	unsigned long style;
	bool in_value, in_inline_text;
	int in_phonetic;
	struct dynbuf value;
	bool value_cut;           /* the cell ran over max_field */
	char error[512];
};

/* 0, or -1 with r->error. max_field: longest cell kept. */
int xlsx_rows_open(struct xlsx_rows *r, struct xlsx_book *b, size_t sheet, size_t max_field);
/* 1 with the row's fields set, 0 after the last row, -1 with r->error */
int xlsx_rows_next(struct xlsx_rows *r);
/* how much of the sheet was read, 0..1 (by its inflated share); -1 unknown */
double xlsx_rows_fraction(const struct xlsx_rows *r);
void xlsx_rows_close(struct xlsx_rows *r);

#endif
