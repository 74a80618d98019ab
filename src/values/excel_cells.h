/* values/excel_cells.h - a workbook cell's stored value as the text a person
 * sees in the spreadsheet.
 *
 * Numbers as Excel's General format shows them, without float noise (0.1
 * stays 0.1, 5551234567 stays that, never 5.55E+09); numbers in a date or
 * time number format as ISO 8601 (2026-03-05, 2026-03-05T14:30:00,
 * 14:30:00), from either date system (1900, with Excel's phantom
 * 1900-02-29, or 1904). Pure functions: nothing here reads a file. */
#ifndef APOLLO_EXCEL_CELLS_H
#define APOLLO_EXCEL_CELLS_H

#include <stdbool.h>
#include <stddef.h>

/* what a number format does to a number */
enum excel_num_kind {
	EXCEL_NUMBER = 0,   /* General, 0.00, @ ...: the number itself */
	EXCEL_DATE,         /* y, m, d only */
	EXCEL_DATETIME,     /* a date and a time of day */
	EXCEL_TIME          /* h, m, s only */
};

/* Excel's built-in number formats (ids 0..163 not in numFmts) */
enum excel_num_kind excel_builtin_kind(unsigned id);
/* a custom format code from styles.xml, e.g. "yyyy\-mm\-dd;@" */
enum excel_num_kind excel_format_kind(const char *code);

/* For a format made only of zeros ("00000", as postal codes are kept):
 * the width a whole number is padded to with leading zeros; else 0. */
unsigned excel_format_zero_pad(const char *code);

/* The shortest text with at most 15 significant digits that reads back as
 * v, plain up to 15 integer digits ("5551234567", "0.1", "-42"), else in
 * Excel's exponent form ("1E+20", "1.5E-10"). Returns the length. */
size_t excel_number_text(double v, char *out, size_t size);

/* A serial in a date or time kind as ISO 8601; false when it is no date
 * (negative, or past 9999-12-31): the caller shows the number. */
bool excel_serial_text(double serial, enum excel_num_kind kind, bool date1904,
                       char *out, size_t size);

/* "C17" from a 1-based column and row; "AB" alone when row is 0 */
void excel_cell_ref(unsigned long col, unsigned long row, char *out, size_t size);
/* the column of "C17" (or "C"), 1-based; 0 when s does not start with one */
unsigned long excel_ref_col(const char *s, unsigned long *row);

#endif
