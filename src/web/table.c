/* web/table.c - see web/table.h. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "files/csv_reader.h"
#include "files/formula_guard.h"
#include "web/table.h"

static cJSON *cells(const struct csv_record *rec, bool unguard)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; a && i < rec->nfields; i++) {
		const char *s = rec->fields[i];
		if (unguard && excel_is_guarded(s, rec->lens[i]))
			s++;
		cJSON_AddItemToArray(a, cJSON_CreateString(s));
	}
	return a;
}

cJSON *table_page(const char *path, unsigned long long offset, unsigned long long limit, char *err,
                  size_t errlen)
{
	struct csv_reader r;
	struct csv_reader_options opt = { 0 };
	const struct csv_record *rec;
	cJSON *o, *rows = NULL;
	unsigned long long n = 0;
	int rc;

	if (csv_reader_open(&r, path, &opt) < 0) {
		snprintf(err, errlen, "%s", r.error);
		return NULL;
	}
	o = cJSON_CreateObject();
	while (o && (rc = csv_reader_next(&r, &rec)) == 1) {
		if (rec->number == 0) {
			cJSON_AddItemToObject(o, "header", cells(rec, false));
			rows = cJSON_AddArrayToObject(o, "rows");
			continue;
		}
		if (n++ < offset)
			continue;
		if (n > offset + limit) {
			cJSON_AddBoolToObject(o, "more", true);
			break;
		}
		cJSON_AddItemToArray(rows, cells(rec, true));
	}
	if (o && !cJSON_GetObjectItem(o, "more"))
		cJSON_AddBoolToObject(o, "more", false);
	if (o && !rows) {
		cJSON_AddArrayToObject(o, "header");
		cJSON_AddArrayToObject(o, "rows");
	}
	csv_reader_close(&r);
	return o;
}
