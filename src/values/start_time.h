/* values/start_time.h - when a paused enrolment starts: --paused-until TIME for
 * everyone, or --start-at HH:MM in each contact's own time zone. */
#ifndef APOLLO_START_TIME_H
#define APOLLO_START_TIME_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* "2026-12-01T09:00:00Z", "2026-12-01T09:00+01:00", "2026-12-01 09:00"
 * (UTC) or "2026-12-01" (midnight UTC) -> seconds since the epoch */
bool parse_instant(const char *s, time_t *out);
/* the same, keeping fractions of a second */
bool parse_instant_precise(const char *s, double *out);
/* "09:30" -> 570 */
bool parse_clock(const char *s, int *minute_of_day);
/* an instant as Apollo writes them: 2026-12-01T14:00:00Z */
void format_instant(time_t t, char *buf, size_t size);

/* An IANA zone name this machine knows (America/New_York, Europe/Berlin,
 * UTC); names are checked against the system's zoneinfo files. */
bool zone_known(const char *zone);
/* Makes `zone` the C library's local time zone (TZ). Returns what
 * zone_switch_back() needs to put the previous one back; every switch is
 * followed by exactly one switch back. */
char *zone_switch(const char *zone);
void zone_switch_back(char *saved);
/* The next time the clock shows minute_of_day in `zone`, after `now`.
 * false for an unknown zone. */
bool next_local_time(const char *zone, int minute_of_day, time_t now, time_t *out);

#endif
