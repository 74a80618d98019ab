/* files/csv_writer.h - the CSV writer for result files and exports.
 *
 * RFC 4180 quoting. The file is written under a temporary name beside the
 * final one and renamed only when complete, so a crash or a full disk never
 * leaves half a file under the final name; an existing file is replaced
 * only with `force`. A name ending in ".gz" is gzip-compressed. Every cell
 * that a spreadsheet would run as a formula is guarded (files/formula_guard.h)
 * unless `raw` asks for the cells as they are; Excel mode adds a UTF-8 BOM
 * and CRLF line ends. Either way the reader gets every cell back exactly.
 * "-" writes to standard output, a character device or a FIFO is written
 * in place, and a symbolic link is followed: the file it points to is the
 * one replaced (files/output_target.h). Every write error is kept and
 * reported by csv_writer_commit. A name ending in ".xlsx" (any case) is
 * still written as CSV, and turned into a workbook when committed
 * (files/xlsx_writer.h): under a temporary name, renamed into place, the
 * CSV then removed. */
#ifndef APOLLO_CSV_OUT_H
#define APOLLO_CSV_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <zlib.h>

#include "common/bgjob.h"
#include "files/xlsx_writer.h"

struct csv_writer_options {
	bool excel;
	bool raw;            /* formulas as they are, for a program to read */
	bool force;
	char delimiter;      /* 0: comma */
	/* a journal (import's results): written under this fixed name instead
	 * of a random temporary one, so a later run can find it */
	const char *work_path;
	bool append;         /* add to an existing work_path (no BOM again) */
	/* an .xlsx name: how the workbook's columns are typed, and its charts
	 * (NULL: every cell text) */
	const struct xlsx_options *xlsx;
	/* an .xlsx journal: keep work_path after the workbook is made (rows
	 * are left for a --resume, which reads the CSV); set before commit */
	bool keep_work;
};

struct csv_writer {
	char *path;          /* final name (where a link points) */
	char *tmp_path;      /* NULL for standard output, a device or a FIFO */
	bool in_place;       /* a device or a FIFO: fd is closed, nothing renamed */
	int fd;
	gzFile gz;
	struct csv_writer_options opt;
	char *buf;                /* being filled */
	size_t len;
	char *spare;              /* being written by the worker */
	size_t spare_len;
	struct bgjob job;
	bool job_on;
	bool row_started;
	int err;             /* first errno seen; 0 if none */
	char error[512];
};

/* 0, or -1 with w->error (exists without --force, cannot create). */
int csv_writer_open(struct csv_writer *w, const char *path, const struct csv_writer_options *opt);
void csv_writer_field(struct csv_writer *w, const char *s, size_t len);
void csv_writer_cstr(struct csv_writer *w, const char *s);
/* Cells already in this writer's CSV form (comma-separated, quoted as
 * needed), written as they are; only for a writer not in Excel mode, and
 * only when csv_writer_guards_any says none of them needs its guard. */
void csv_writer_cells(struct csv_writer *w, const char *csv, size_t len);
/* A record's n cells whose line as read, csv (comma-separated, without its
 * line end), is exactly those cells: written as csv_writer_field would
 * write each, from the line where that is a copy. A line that holds no
 * quote is the cells joined by commas, so a guard goes in front of its
 * cell in the copy; a quoted line that needs a guard is not copied (false:
 * the caller writes the cells one by one). Only for a writer not in Excel
 * mode whose delimiter is a comma. */
bool csv_writer_line_cells(struct csv_writer *w, const char *csv, size_t len, const char *const *cells,
                           const size_t *lens, size_t n);
/* true when csv_writer_field would add a guard to one of these n cells */
bool csv_writer_guards_any(const struct csv_writer *w, const char *const *cells, const size_t *lens,
                           size_t n);
void csv_writer_end_row(struct csv_writer *w);
/* Hand everything so far to the kernel and wait for it (a journal's rows
 * then survive a kill). 0, or -1 when a write failed (see commit). */
int csv_writer_flush(struct csv_writer *w);
/* Flush, sync and rename into place. 0, or -1 with w->error; on failure the
 * temporary file is removed and nothing appears under the final name. */
int csv_writer_commit(struct csv_writer *w);
/* Give up: remove the temporary file. */
void csv_writer_abort(struct csv_writer *w);

#endif
