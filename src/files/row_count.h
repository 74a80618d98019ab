/* files/row_count.h - the records in a plain CSV file, counted before it
 * is read, so that a progress display can say "N of TOTAL" from the start.
 * A quick pass over the bytes: line ends outside double quotes. */
#ifndef APOLLO_ROW_COUNT_H
#define APOLLO_ROW_COUNT_H

/* The records (lines, a quoted line break not counted) in the file at
 * path, or -1 when it is not a plain regular file that can be counted
 * this way: standard input ("-"), a FIFO, a gzip file or a workbook, or
 * one that cannot be read (the reader says why, later). */
long long row_count_records(const char *path);
/* The data rows: the records after the header and the lines before it
 * (preamble_lines, as the reader found them); -1 when not counted. */
long long row_count_data(const char *path, unsigned long preamble_lines);

#endif
