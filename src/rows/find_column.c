/* rows/find_column.c - see rows/find_column.h. */
#include "config.h"

#include <string.h>

#include "common/dynbuf.h"
#include "rows/find_column.h"
#include "rows/results.h"
#include "values/clean.h"

/* an earlier run's outcome column (_status, _reason, _task_id...) is never
 * read as a column of the file: "_status" is not a task's status. Its
 * _contact_id and _account_id are: they name what the row is about. */
static bool earlier_outcome(const char *name)
{
	return results_is_outcome_column(name) && strcmp(name, "_contact_id") != 0 &&
	       strcmp(name, "_account_id") != 0;
}

int header_find(const struct csv_record *h, const char *const *names)
{
	struct dynbuf key;
	int found = -1;

	dynbuf_init(&key, 4096);
	for (size_t i = 0; names[i] && found < 0; i++)
		for (size_t c = 0; c < h->nfields && found < 0; c++) {
			if (earlier_outcome(h->fields[c]))
				continue;
			clean_match_key(h->fields[c], h->lens[c], &key);
			if (key.len && strcmp(key.data, names[i]) == 0)
				found = (int)c;
		}
	dynbuf_free(&key);
	return found;
}

const char *header_cell(const struct csv_record *rec, int col)
{
	const char *v = col >= 0 && (size_t)col < rec->nfields ? rec->fields[col] : "";
	while (*v == ' ' || *v == '\t')
		v++;
	return v;
}
