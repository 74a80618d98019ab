/* files/xlsx_book.h - an .xlsx workbook opened for reading: its sheets, its
 * number formats and its shared strings.
 *
 * A workbook is a zip (libzip) of XML parts (expat for the small ones,
 * files/xml_scan.h for the shared strings, which grow with the sheet):
 * xl/workbook.xml names
 * the sheets, its relationships say which part holds each, xl/styles.xml
 * says which cells carry a date or time format, xl/sharedStrings.xml holds
 * the text cells refer to by number. The shared strings are the one part
 * held in memory (capped at XLSX_MAX_STRINGS bytes); a sheet's rows are
 * streamed by files/xlsx_sheet.h. Nothing here knows CSV. */
#ifndef APOLLO_XLSX_BOOK_H
#define APOLLO_XLSX_BOOK_H

#include <stdbool.h>
#include <stddef.h>

#include "common/dynbuf.h"
#include "values/excel_cells.h"

#define XLSX_MAX_STRINGS ((size_t)1 << 30)   /* 1 GiB of shared strings */

/* what the first bytes of a file say it is */
enum xlsx_magic {
	XLSX_NOT = 0,     /* neither: a text file, a gzip ... */
	XLSX_ZIP,         /* a zip: an .xlsx, or some other archive */
	XLSX_OLE2         /* an OLE2 compound file: .xls, or an encrypted workbook */
};
enum xlsx_magic xlsx_magic(const unsigned char *p, size_t n);
/* For an OLE2 file: true when it holds an encrypted (password-protected)
 * workbook rather than an old .xls; reads the file. */
bool xlsx_ole2_encrypted(const char *path);

struct xlsx_sheet_info {
	char *name;
	char *part;          /* the zip entry holding it, e.g. xl/worksheets/sheet1.xml */
	bool hidden;         /* hidden or very hidden */
	bool chart;          /* a chart sheet: no rows */
};

struct xlsx_book {
	void *zip;           /* zip_t */
	struct xlsx_sheet_info *sheets;
	size_t nsheets;
	bool date1904;
	unsigned char *xf_kind;   /* enum excel_num_kind of each cell style */
	unsigned char *xf_pad;    /* and its zero padding (excel_format_zero_pad) */
	size_t nxf;
	char *strings_part;       /* the zip entry of the shared strings */
	struct dynbuf strings;    /* the shared strings, each NUL-terminated */
	size_t *string_at;
	size_t nstrings, strings_cap;
	char error[512];
};

/* Opens the zip and reads the sheet list and the styles. 0, or -1 with
 * b->error (not a zip, no xl/workbook.xml, a broken part). */
int xlsx_book_open(struct xlsx_book *b, const char *path);
/* The sheet that `want` names: a name (exact, then ignoring case) or a
 * 1-based number; NULL for the first visible sheet. -1 with b->error
 * listing the sheets when none matches. */
long xlsx_book_pick(struct xlsx_book *b, const char *want);
/* Reads the shared strings. 0, or -1 with b->error. */
int xlsx_book_load_strings(struct xlsx_book *b);
/* Shared string i, or NULL past the end */
const char *xlsx_book_string(const struct xlsx_book *b, size_t i, size_t *len);
/* The number format kind of cell style s, and its zero padding (*pad) */
enum excel_num_kind xlsx_book_style_kind(const struct xlsx_book *b, unsigned long s, unsigned *pad);
void xlsx_book_close(struct xlsx_book *b);

/* Internal to files/xlsx_*.c: a part's inflated size and a stream over it. */
long long xlsx_book_part_size(struct xlsx_book *b, const char *part);
void *xlsx_book_part_open(struct xlsx_book *b, const char *part);   /* zip_file_t */
/* An OOXML string's _xHHHH_ escapes (Excel writes a CR as _x000D_) decoded
 * in place from offset `from` of buf to its end. */
void xlsx_unescape(struct dynbuf *buf, size_t from);

#endif
