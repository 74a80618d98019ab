/* rows/results_amend.c - see rows/results_amend.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/dynbuf.h"
#include "files/csv_reader.h"
#include "files/csv_writer.h"
#include "files/xlsx_writer.h"
#include "rows/find_column.h"
#include "rows/results_amend.h"

/* the last column of this name: the run's own outcome columns come after
 * FILE's, which may hold an earlier run's */
static int last_column(const struct csv_record *header, const char *name)
{
	int found = -1;
	for (size_t c = 0; c < header->nfields; c++)
		if (strcmp(header->fields[c], name) == 0)
			found = (int)c;
	return found;
}

int results_amend(const char *path, bool excel, bool raw, const struct amend *amends, size_t n,
                  char *err, size_t errlen)
{
	struct csv_reader_options ropt = { .delimiter = ',' };
	struct csv_writer_options wopt = { .excel = excel, .raw = raw, .force = true };
	struct csv_reader r;
	struct csv_writer w;
	const struct csv_record *rec;
	struct dynbuf cell;
	int rowcol, reasoncol, rc;
	size_t next = 0;

	memset(&w, 0, sizeof w);
	if (xlsx_is_name(path)) {
		/* a workbook is not read back here: the summary names the rows */
		snprintf(err, errlen, "%s is a workbook; the second copies are named in the summary only", path);
		return -1;
	}
	if (csv_reader_open(&r, path, &ropt) < 0 || csv_reader_next(&r, &rec) != 1) {
		snprintf(err, errlen, "%s: %s", path, r.error[0] ? r.error : "empty");
		csv_reader_close(&r);
		return -1;
	}
	if ((rowcol = last_column(rec, "_row")) < 0 || (reasoncol = last_column(rec, "_reason")) < 0) {
		snprintf(err, errlen, "%s: no _row or _reason column", path);
		csv_reader_close(&r);
		return -1;
	}
	if (csv_writer_open(&w, path, &wopt) < 0) {
		snprintf(err, errlen, "%s", w.error);
		csv_reader_close(&r);
		return -1;
	}
	dynbuf_init(&cell, 64u << 20);
	do {
		unsigned long long row = rec->number ? strtoull(header_cell(rec, rowcol), NULL, 10) : 0;
		while (next < n && amends[next].row < row)
			next++;
		for (size_t c = 0; c < rec->nfields; c++) {
			const char *f = rec->fields[c];
			if ((int)c == reasoncol && rec->number && next < n && amends[next].row == row) {
				cell.len = 0;
				dynbuf_add(&cell, f, strlen(f));
				if (*f)
					dynbuf_add(&cell, "; ", 2);
				dynbuf_add(&cell, amends[next].reason, strlen(amends[next].reason));
				csv_writer_field(&w, cell.data ? cell.data : "", cell.len);
			} else {
				csv_writer_cstr(&w, f);
			}
		}
		csv_writer_end_row(&w);
	} while ((rc = csv_reader_next(&r, &rec)) == 1);
	dynbuf_free(&cell);
	if (rc < 0) {
		snprintf(err, errlen, "%s: %s", path, r.error);
		csv_writer_abort(&w);
		csv_reader_close(&r);
		return -1;
	}
	csv_reader_close(&r);
	if (csv_writer_commit(&w) < 0) {
		snprintf(err, errlen, "%s: %s", path, w.error);
		return -1;
	}
	return 0;
}
