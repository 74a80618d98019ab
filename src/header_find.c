/* header_find.c - see header_find.h. */
#include "config.h"

#include <string.h>

#include "clean.h"
#include "dynbuf.h"
#include "header_find.h"

int header_find(const struct csv_record *h, const char *const *names)
{
	struct dynbuf key;
	int found = -1;

	dynbuf_init(&key, 4096);
	for (size_t i = 0; names[i] && found < 0; i++)
		for (size_t c = 0; c < h->nfields && found < 0; c++) {
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
