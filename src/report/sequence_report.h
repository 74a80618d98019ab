/* report/sequence_report.h - sequence performance as a spreadsheet (CSV), JSON,
 * or a self-contained HTML page (a table, and per sequence a funnel chart
 * and bounce / unsubscribe bars, in inline SVG; no script, nothing fetched,
 * readable when printed): one row per sequence with its counts and rates,
 * from Apollo's sequence search. Apollo sends rates as fractions and may send "loading" for a
 * number it is still computing; the report says `loading`, never a fake
 * zero, and reads the spam rate under both its names. Knows sequences as
 * cJSON objects from apollo_api, and the CSV writer; nothing of HTTP. */
#ifndef APOLLO_SEQUENCE_REPORT_H
#define APOLLO_SEQUENCE_REPORT_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "files/csv_writer.h"

enum report_format { REPORT_CSV, REPORT_JSON, REPORT_HTML };

struct report_options {
	enum report_format format;
	bool fraction_rates;       /* rates as Apollo sends them (0.526), not 52.6 */
	struct csv_writer_options writer;
};

/* true when any metric of any sequence is still "loading" */
bool report_loading(const cJSON *sequences);
/* Is every metric of every sequence a number (or a string that is one),
 * "loading", or absent or null? false with err naming the first that is
 * not ("emailer_campaigns/search: reply field emailer_campaigns[2].open_rate
 * is the string "n/a", expected a number or "loading""): a cell left blank
 * for it would pass for a metric Apollo did not send. */
bool report_check(const cJSON *sequences, char *err, size_t errlen);
/* Writes the report to path ("-": standard output). 0, or -1 with err set. */
int report_write(const cJSON *sequences, const char *path, const struct report_options *opt,
                 char *err, size_t errlen);

#endif
