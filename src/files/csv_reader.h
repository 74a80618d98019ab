/* files/csv_reader.h - the streaming CSV reader.
 *
 * Built on libcsv in strict mode, fed one physical line at a time so that
 * every record knows the line it starts on. A whole line with no quote in
 * it that starts a record is split at the delimiter without libcsv: the
 * same cells, without a state machine run over every byte (most of the
 * reading time of a file a spreadsheet saved, which quotes only the cells
 * that need it). A record that cannot be parsed
 * strictly (stray quote, unterminated quote, field over the size limit) is
 * still returned, split leniently, with `error` saying what is wrong: the
 * caller turns it into an invalid row and the reading goes on. An
 * unterminated quote is cut at the end of the line where it began and the
 * lines after it are read again as records of their own.
 *
 * A workbook (.xlsx, found by its first bytes, not its name) is read the
 * same way, one record a sheet row (files/xlsx_sheet.h): `line` is the row's
 * number in the sheet, blank rows are skipped as blank lines are, and the
 * header is found among the first rows as in a CSV file.
 *
 * Cells that a spreadsheet-safe export neutralised (see files/formula_guard.h) are
 * restored as they are read. Memory is bounded by the field size limit,
 * not by the file size. */
#ifndef APOLLO_CSV_IN_H
#define APOLLO_CSV_IN_H

#include <csv.h>
#include <stdbool.h>
#include <stddef.h>

#include "common/dynbuf.h"
#include "files/input.h"
#include "files/sniff.h"

#define CSV_DEFAULT_MAX_FIELD (1024 * 1024)

struct csv_reader_options {
	char delimiter;             /* 0: detect */
	enum encoding encoding;     /* ENC_AUTO: detect */
	size_t max_field;           /* 0: CSV_DEFAULT_MAX_FIELD */
	sniff_known_header_fn known_header;
	void *known_header_ctx;
	const char *sheet;          /* a workbook's sheet, by name or number; NULL the first visible */
	bool libcsv_only;           /* every line through libcsv, plain ones too (for the tests
	                             * that compare the two ways) */
};

struct csv_record {
	unsigned long long number;  /* 0: the header; 1: the first data row */
	unsigned long line;         /* physical line the record starts on */
	size_t nfields;
	const char **fields;        /* NUL-terminated UTF-8 */
	const size_t *lens;
	const char *error;          /* NULL, or why the record is malformed */
	unsigned long error_line;   /* where the problem is (0: the record's line) */
	unsigned long error_col;    /* spreadsheet column of the problem, 0 if none */
	const char *raw;            /* the record as read (UTF-8), without its line end */
	size_t raw_len;
	bool raw_is_cells;          /* raw is exactly `fields` as comma-separated CSV */
};

struct csv_workbook;            /* files/csv_reader.c */

struct csv_reader {
	struct input in;
	/* a workbook: its sheet's rows (NULL for CSV) */
	struct csv_workbook *book;
	const char *sheet_name;         /* the sheet read */
	size_t sheet_number, sheet_count;
	size_t header_cols;
	struct csv_reader_options opt;
	struct csv_parser parser;
	struct sniff_result sniff;
	unsigned long preamble_lines;   /* lines skipped before the header */

	char *buf;                      /* decoded input */
	size_t buf_len, buf_pos;
	bool in_eof;
	struct dynbuf replay;           /* lines to read again after a runaway quote */
	size_t replay_pos;
	bool pending_cr;                /* a CR ended the last segment */

	unsigned long line;             /* physical line of the next byte */
	bool finished;

	/* the record being built */
	struct dynbuf raw;              /* its bytes as read, for recovery */
	struct dynbuf text;             /* field bytes, each NUL-terminated */
	size_t *offs, *lens;
	const char **ptrs;
	size_t ptrs_cap;
	bool raw_cut;                   /* a malformed row was too long to keep whole */
	bool unguarded;                 /* a cell's spreadsheet guard was removed */
	bool seg_has_nul;               /* the record's bytes so far hold a NUL */
	unsigned long too_big_col;      /* first cell over max_field, 1-based */
	size_t nfields, fields_cap;
	bool done;
	bool had_nul;
	unsigned long nul_col;
	unsigned long quote_line;       /* line where the open quoted field began */
	size_t quote_raw_end;           /* raw length at the end of that line */
	char errbuf[256];
	struct csv_record rec;
	unsigned long long next_number;

	char error[600];                /* fatal error text, for csv_reader_next == -1 */
};

/* Opens, sniffs encoding, delimiter and header line. 0, or -1 with
 * r->error set (the file cannot be opened or read). */
int csv_reader_open(struct csv_reader *r, const char *path, const struct csv_reader_options *opt);
/* 1 with *rec set (valid until the next call), 0 at the end, -1 on a fatal
 * read error (r->error). The first record is the header. */
int csv_reader_next(struct csv_reader *r, const struct csv_record **rec);
void csv_reader_close(struct csv_reader *r);
/* For a workbook: says which sheet is read, and has messages about `file`
 * give cell references in it (common/msg.h). Nothing for a CSV file. */
void csv_reader_tell_sheet(const struct csv_reader *r, const char *file);
/* How much of the file has been read, 0..1, or -1 when not known. */
double csv_reader_fraction(const struct csv_reader *r);

#endif
