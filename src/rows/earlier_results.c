/* rows/earlier_results.c - see rows/earlier_results.h. The reader here reads only what apollo-csv
 * writes (RFC 4180, comma, LF or CRLF, maybe a BOM and Excel guards), and
 * keeps byte offsets, which libcsv does not give. */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "files/formula_guard.h"
#include "rows/earlier_results.h"

static const char *const col_names[JC_COUNT] = {
	"_row", "_status", "_reason", "_contact_id", "_account_id", "_sequence_status",
	"_sequence_reason", "_task_id or _deal_id",
};

/* one record's bytes, up to and including its line end; 0 at the end of
 * the file or at half a record (no line end after it) */
static int read_record(struct journal *j)
{
	bool quoted = false;
	int c;

	dynbuf_reset(&j->rec);
	while ((c = getc(j->f)) != EOF) {
		if (!dynbuf_addc(&j->rec, (char)c)) {
			snprintf(j->error, sizeof j->error, "%s: a row longer than the limit", j->path);
			return -1;
		}
		if (c == '"')
			quoted = !quoted;
		else if (c == '\n' && !quoted)
			return 1;
	}
	if (ferror(j->f)) {
		snprintf(j->error, sizeof j->error, "%s: %s", j->path, strerror(errno));
		return -1;
	}
	return 0;
}

static bool add_offset(struct journal *j, size_t off)
{
	if (j->nfields == j->cap) {
		size_t ncap = j->cap ? j->cap * 2 : 64;
		size_t *n = realloc(j->offs, ncap * sizeof *n);
		if (!n)
			return false;
		j->offs = n;
		j->cap = ncap;
	}
	j->offs[j->nfields++] = off;
	return true;
}

/* splits j->rec into cells */
static int split_record(struct journal *j)
{
	const char *p = j->rec.data, *end = p + j->rec.len;
	bool ok = true;

	if (end > p && end[-1] == '\n')
		end--;
	if (end > p && end[-1] == '\r')
		end--;
	dynbuf_reset(&j->cells);
	j->nfields = 0;
	for (;;) {
		size_t start = j->cells.len;
		if (p < end && *p == '"') {
			for (p++; p < end; p++) {
				if (*p == '"' && p + 1 < end && p[1] == '"')
					ok = ok && dynbuf_addc(&j->cells, *p++);
				else if (*p == '"')
					break;
				else
					ok = ok && dynbuf_addc(&j->cells, *p);
			}
			p++;
		} else {
			for (; p < end && *p != ','; p++)
				ok = ok && dynbuf_addc(&j->cells, *p);
		}
		ok = ok && dynbuf_addc(&j->cells, '\0') && add_offset(j, start);
		if (p >= end || *p != ',')
			break;
		p++;
	}
	if (!ok) {
		snprintf(j->error, sizeof j->error, "%s: out of memory", j->path);
		return -1;
	}
	return 0;
}

int journal_open(struct journal *j, const char *path)
{
	int rc;

	memset(j, 0, sizeof *j);
	for (int c = 0; c < JC_COUNT; c++)
		j->col[c] = -1;
	dynbuf_init(&j->rec, 256u << 20);
	dynbuf_init(&j->cells, 256u << 20);
	j->path = strdup(path);
	if (!(j->f = fopen(path, "rb"))) {
		snprintf(j->error, sizeof j->error, "%s: %s", path, strerror(errno));
		return -1;
	}
	rc = read_record(j);
	if (rc <= 0) {
		if (!rc)
			snprintf(j->error, sizeof j->error, "%s: no header line", path);
		return -1;
	}
	j->pos = (off_t)j->rec.len;
	if (split_record(j) < 0)
		return -1;
	if (j->nfields && strncmp(j->cells.data, "\xEF\xBB\xBF", 3) == 0)
		j->offs[0] += 3;
	j->ncols = j->nfields;
	/* the last column of each name: an input column may carry the name too */
	for (size_t i = 0; i < j->nfields; i++) {
		const char *name = j->cells.data + j->offs[i];
		for (int c = 0; c < JC_RECORD; c++)
			if (strcmp(name, col_names[c]) == 0)
				j->col[c] = (int)i;
		if (strcmp(name, "_task_id") == 0 || strcmp(name, "_deal_id") == 0)
			j->col[JC_RECORD] = (int)i;
	}
	if (j->col[JC_ROW] < 0 || j->col[JC_STATUS] < 0) {
		snprintf(j->error, sizeof j->error, "%s: not a results file of apollo-csv (no _row and "
		         "_status columns)", path);
		return -1;
	}
	return 0;
}

int journal_next(struct journal *j)
{
	int rc = read_record(j);
	if (rc <= 0)
		return rc;
	if (split_record(j) < 0)
		return -1;
	if (j->nfields != j->ncols)
		return 0;   /* a torn row: the journal ends before it */
	j->pos += (off_t)j->rec.len;
	return 1;
}

const char *journal_cell(const struct journal *j, enum journal_col c)
{
	const char *s;
	if (j->col[c] < 0 || (size_t)j->col[c] >= j->nfields)
		return "";
	s = j->cells.data + j->offs[j->col[c]];
	return excel_is_guarded(s, strlen(s)) ? s + 1 : s;
}

void journal_close(struct journal *j)
{
	if (j->f)
		fclose(j->f);
	dynbuf_free(&j->rec);
	dynbuf_free(&j->cells);
	free(j->offs);
	free(j->path);
	memset(j, 0, sizeof *j);
}

bool journal_row_number(const char *s, unsigned long long *out)
{
	char *end;
	if (!*s)
		return false;
	errno = 0;
	*out = strtoull(s, &end, 10);
	return !errno && !*end;
}

int journal_prefix(const char *path, const char *redo, unsigned long long *rows, off_t *bytes,
                   size_t *ncols, char *err, size_t errlen)
{
	struct journal j;
	unsigned long long n = 0, row;
	int rc;

	if (journal_open(&j, path) < 0) {
		snprintf(err, errlen, "%s", j.error);
		journal_close(&j);
		return -1;
	}
	*bytes = j.pos;
	*ncols = j.ncols;
	while ((rc = journal_next(&j)) == 1) {
		if (!journal_row_number(journal_cell(&j, JC_ROW), &row) || row != n + 1)
			break;
		if (redo && strcmp(journal_cell(&j, JC_STATUS), redo) == 0)
			break;
		n = row;
		*bytes = j.pos;
	}
	if (rc < 0) {
		snprintf(err, errlen, "%s", j.error);
		journal_close(&j);
		return -1;
	}
	*rows = n;
	journal_close(&j);
	return 0;
}

bool journal_is_empty(const char *path)
{
	FILE *f = fopen(path, "rb");
	int c;
	bool empty = true;
	if (!f)
		return true;
	while (empty && (c = getc(f)) != EOF)
		empty = c != '\n';
	fclose(f);
	return empty;
}
