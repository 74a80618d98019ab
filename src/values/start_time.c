/* values/start_time.c - see values/start_time.h. Local times come from the C library's
 * time zone database (tzdata), switched with TZ: not thread-safe, and only
 * the main thread calls it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "values/start_time.h"

bool parse_instant(const char *s, time_t *out)
{
	double t;
	if (!parse_instant_precise(s, &t))
		return false;
	*out = (time_t)t;
	return true;
}

bool parse_instant_precise(const char *s, double *out)
{
	double frac = 0;
	struct tm tm = { 0 };
	int y, mo, d, h = 0, mi = 0, sec = 0, n = 0, oh = 0, om = 0;
	char sign = 0;
	const char *p;

	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3)
		return false;
	p = s + n;
	if (*p == 'T' || *p == ' ') {
		int k = 0;
		if (sscanf(p + 1, "%2d:%2d%n", &h, &mi, &k) != 2)
			return false;
		p += 1 + k;
		if (*p == ':') {
			if (sscanf(p + 1, "%2d%n", &sec, &k) != 1)
				return false;
			p += 1 + k;
			if (*p == '.')
				for (double scale = 0.1; *++p >= '0' && *p <= '9'; scale /= 10)
					frac += (*p - '0') * scale;
		}
		if (*p == 'Z') {
			p++;
		} else if (*p == '+' || *p == '-') {
			sign = *p;
			if (sscanf(p + 1, "%2d:%2d%n", &oh, &om, &k) != 2)
				return false;
			p += 1 + k;
		}
	}
	if (*p || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
		return false;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	*out = (double)timegm(&tm) + frac;
	if (sign)
		*out += (sign == '+' ? -1 : 1) * (oh * 3600 + om * 60);
	return true;
}

bool parse_clock(const char *s, int *minute_of_day)
{
	int h, m, n = 0;
	if (sscanf(s, "%2d:%2d%n", &h, &m, &n) != 2 || s[n] || h < 0 || h > 23 || m < 0 || m > 59)
		return false;
	*minute_of_day = h * 60 + m;
	return true;
}

void format_instant(time_t t, char *buf, size_t size)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

bool zone_known(const char *zone)
{
	char path[512];
	struct stat st;
	if (!*zone || zone[0] == '/' || strstr(zone, "..") || strlen(zone) > 200)
		return false;
	if (strcmp(zone, "UTC") == 0)
		return true;
	snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", zone);
	/* a file: "America" is a folder, which the C library would take as UTC */
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

char *zone_switch(const char *zone)
{
	char *saved = getenv("TZ") ? strdup(getenv("TZ")) : NULL;
	setenv("TZ", zone, 1);
	tzset();
	return saved;
}

void zone_switch_back(char *saved)
{
	if (saved) {
		setenv("TZ", saved, 1);
		free(saved);
	} else {
		unsetenv("TZ");
	}
	tzset();
}

bool next_local_time(const char *zone, int minute_of_day, time_t now, time_t *out)
{
	char *saved;
	struct tm tm;
	time_t t;

	if (!zone_known(zone))
		return false;
	saved = zone_switch(zone);
	localtime_r(&now, &tm);
	for (int day = 0; day < 3; day++) {
		struct tm want = tm;
		want.tm_mday += day;
		want.tm_hour = minute_of_day / 60;
		want.tm_min = minute_of_day % 60;
		want.tm_sec = 0;
		want.tm_isdst = -1;
		t = mktime(&want);
		if (t > now)
			break;
	}
	zone_switch_back(saved);
	*out = t;
	return true;
}
