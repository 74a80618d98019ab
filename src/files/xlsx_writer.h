/* files/xlsx_writer.h - a finished CSV output turned into an .xlsx workbook.
 *
 * An output whose final name ends in ".xlsx" (any case) is still written
 * as CSV first, under its temporary name or as its journal, so a kill
 * leaves nothing half-made under the final name; files/csv_writer.c calls
 * xlsx_from_csv when it commits, and renames the workbook into place.
 *
 * The workbook (libxlsxwriter, constant_memory: memory stays flat however
 * many rows) holds:
 *  - the rows, every cell a text cell (number format "@"): ids, phones,
 *    postal codes and every other digit string stay as written, and no cell
 *    is ever a formula, whatever it starts with. Only the columns the
 *    caller declares numeric hold numbers, and only where the cell is a
 *    canonical decimal (xlsx_canonical_number); declared date columns hold
 *    dates where the cell is YYYY-MM-DD (xlsx_iso_date). A bold header row,
 *    frozen, with an autofilter; widths fitted to the first rows; _status
 *    and _sequence_status cells coloured by outcome. Past Excel's row limit
 *    the rows go on in a second sheet, header repeated.
 *  - charts the caller asks for (a Charts sheet, ranges on the rows' sheet).
 *  - "About this run": the command line (xlsx_set_run), when the file was
 *    written, how many rows; with a _status column, the count of each
 *    status, and each distinct _reason and _sequence_reason with its count
 *    and what overrides it (xlsx_set_run's note).
 *
 * Knows bytes and records only: what a reason means comes from the caller. */
#ifndef APOLLO_XLSX_WRITER_H
#define APOLLO_XLSX_WRITER_H

#include <stdbool.h>
#include <stddef.h>

enum xlsx_chart_type { XLSX_CHART_COLUMN, XLSX_CHART_BAR };

/* one chart: a group of bars per row, named by `category`'s cell, one bar
 * per `series` column (header names, NULL-terminated) */
struct xlsx_chart {
	const char *title;
	enum xlsx_chart_type type;
	const char *category;
	const char *const *series;
	const char *value_axis;        /* the value axis' title, or NULL */
};

struct xlsx_options {
	const char *sheet;             /* the rows' sheet; NULL: "Rows" */
	const char *about;             /* what the file holds, one sentence, or NULL */
	const char *const *numeric;    /* header names holding numbers; NULL-terminated */
	const char *const *dates;      /* header names holding YYYY-MM-DD dates */
	const struct xlsx_chart *charts;
	size_t ncharts;
};

/* What a reason word means and the flag that overrides it, for the About
 * sheet; NULL when there is nothing to say. */
typedef const char *(*xlsx_reason_note_fn)(const char *reason);

/* The run's command line (the API key never in it) and its reason notes,
 * for every workbook this process writes. Both are kept as given. */
void xlsx_set_run(const char *command_line, xlsx_reason_note_fn note);

/* true when path ends in ".xlsx", any case */
bool xlsx_is_name(const char *path);

/* Writes the workbook of csv_path (comma-separated, cells as the CSV writer
 * wrote them: a formula guard is undone) to xlsx_path, which it creates or
 * replaces. opt may be NULL. 0, or -1 with err set. */
int xlsx_from_csv(const char *csv_path, char delimiter, const char *xlsx_path,
                  const struct xlsx_options *opt, char *err, size_t errlen);

/* A cell a numeric column holds as a number: an optional minus, digits
 * without a leading zero (but "0" itself, and "0.5"), an optional fraction,
 * at most 15 significant digits (what a double keeps). */
bool xlsx_canonical_number(const char *s, size_t len, double *value);
/* A cell a date column holds as a date: YYYY-MM-DD, a real day, 1900-9999. */
bool xlsx_iso_date(const char *s, size_t len, int *year, int *month, int *day);

#endif
