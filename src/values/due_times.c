/* values/due_times.c - see values/sheet_values.h: a due date and time as written in a
 * cell (read by values/dates.c) placed on the timeline. A time without an
 * offset is local to a zone; the C library's tz database says what that
 * zone's clocks showed, switched in with TZ (values/start_time.h), so this is not
 * thread-safe, like the rest of the time code. */
#include "config.h"

#include <stdlib.h>
#include <time.h>

#include "values/sheet_internal.h"
#include "values/start_time.h"

#define DAY 86400L

/* seconds east of UTC of the current TZ's clocks at t */
static long utc_offset_at(time_t t)
{
	struct tm tm;
	localtime_r(&t, &tm);
	return tm.tm_gmtoff;
}

/* The instants at which the current TZ's clocks show `local` (seconds since
 * 1970-01-01 00:00 on the clock): none in a gap, two in a fold. The
 * offsets a day either side are the ones that can apply; *jump is how far
 * the clocks move between them. */
static int instants_showing(time_t local, time_t found[2], long *jump)
{
	long offsets[2] = { utc_offset_at(local - DAY), utc_offset_at(local + DAY) };
	int n = 0;

	for (int i = 0; i < 2; i++) {
		time_t t = local - offsets[i];
		if ((i == 0 || offsets[1] != offsets[0]) && t + utc_offset_at(t) == local)
			found[n++] = t;
	}
	*jump = labs(offsets[1] - offsets[0]);
	return n;
}

static const char *place_in_zone(const char *cell, const char *zone, time_t local, time_t *out,
                                 char *why, size_t whylen)
{
	char *saved = zone_switch(zone);
	time_t found[2];
	long jump;
	int n = instants_showing(local, found, &jump);

	zone_switch_back(saved);
	if (n == 0 && jump % 3600 == 0)
		return sheet_refuse(why, whylen, cell,
		                    "does not exist in %s (the clocks go forward %ld hour%s that night)", zone,
		                    jump / 3600, jump == 3600 ? "" : "s");
	if (n == 0)
		return sheet_refuse(why, whylen, cell,
		                    "does not exist in %s (the clocks go forward %ld minutes that night)", zone,
		                    jump / 60);
	/* in a fold, the first time the clocks show it */
	*out = n == 2 && found[1] < found[0] ? found[1] : found[0];
	return NULL;
}

const char *sheet_due(const char *s, enum date_order order, const char *zone, char out[21], char *why,
                      size_t whylen)
{
	char cell[SHEET_CELL_MAX];
	struct sheet_when w;
	time_t local, t;
	const char *r;

	out[0] = '\0';
	if (!sheet_cell(s, cell, sizeof cell))
		return sheet_refuse(why, whylen, s, "is too long to be a date and time");
	if (!*cell)
		return NULL;
	if (zone && *zone && !zone_known(zone))
		return sheet_refuse(why, whylen, cell,
		                    "cannot be placed: there is no time zone \"%s\" (names look like "
		                    "Europe/Berlin)",
		                    zone);
	r = sheet_read_when(cell, order, &w, why, whylen);
	if (r)
		return r;
	local = (time_t)sheet_days_from_civil(w.y, w.m, w.d) * DAY + w.secs;
	t = local - w.offset;
	if (!w.has_offset && zone && *zone && (r = place_in_zone(cell, zone, local, &t, why, whylen)))
		return r;
	format_instant(t, out, 21);
	return NULL;
}
