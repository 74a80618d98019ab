/* seq_metrics.c - see seq_metrics.h. */
#include "config.h"

#include <stdint.h>
#include <string.h>
#include <time.h>

#include "seq_metrics.h"

/* simulated seconds from enrolment to delivery */
enum { DELIVERY_AFTER = 600 };

static uint64_t pair_hash(const char *a, const char *b)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (const char *p = a; *p; p++)
		h = (h ^ (unsigned char)*p) * 0x100000001b3ULL;
	h = (h ^ '|') * 0x100000001b3ULL;
	for (const char *p = b; *p; p++)
		h = (h ^ (unsigned char)*p) * 0x100000001b3ULL;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

double seq_iso_seconds(const char *iso)
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	if (!strptime(iso, "%Y-%m-%dT%H:%M:%S", &tm))
		return -1;
	return (double)timegm(&tm);
}

/* The simulated seconds after enrolment at which each event happens
 * (a hash picks them); -1 for the events that never do. */
static void thresholds(uint64_t h, double t[EV_COUNT])
{
	unsigned bounce = (unsigned)(h % 100), engage = (unsigned)((h / 100) % 100);
	double opened_at = DELIVERY_AFTER + (double)((h >> 20) % (48 * 3600));

	for (int i = 0; i < EV_COUNT; i++)
		t[i] = -1;
	if (bounce < 4) {
		t[EV_BOUNCED] = DELIVERY_AFTER;
		if (bounce < 2)
			t[EV_HARD_BOUNCED] = DELIVERY_AFTER;
		return;
	}
	if (bounce == 4) {
		t[EV_SPAM_BLOCKED] = DELIVERY_AFTER;
		return;
	}
	t[EV_DELIVERED] = DELIVERY_AFTER;
	if (engage >= 45)
		return;
	t[EV_OPENED] = opened_at;
	if (engage < 9)
		t[EV_CLICKED] = opened_at + (double)((h >> 36) % (24 * 3600));
	if (engage < 6)
		t[EV_REPLIED] = opened_at + (double)((h >> 44) % (72 * 3600));
	if (engage < 1)
		t[EV_DEMOED] = opened_at + 7 * 86400;
	if ((h / 10000) % 100 < 2)
		t[EV_UNSUBSCRIBED] = opened_at + 3600;
}

/* the simulated time since enrolment at `now` (an unreadable or pre-1970
 * added_at counts as long ago) */
static double elapsed(double now, double added, double scale)
{
	return added < 0 ? 1e12 : (now - added) * scale;
}

/* the first whole second at which elapsed() reaches threshold; elapsed()
 * grows with now, so an estimate is walked to the exact second */
static long long first_second(double added, double scale, double threshold)
{
	double guess;
	long long t;
	if (added < 0)
		return elapsed(0, added, scale) >= threshold ? SEQ_ALWAYS : SEQ_NEVER;
	guess = added + threshold / scale;
	if (!(guess < 4e18))
		return SEQ_NEVER;
	t = (long long)guess;
	while (elapsed((double)(t - 1), added, scale) >= threshold)
		t--;
	while (elapsed((double)t, added, scale) < threshold)
		t++;
	return t;
}

void seq_event_times(const char *contact_id, const char *seq_id, const char *added_at,
                     double time_scale, long long at[EV_COUNT])
{
	double t[EV_COUNT], added = seq_iso_seconds(added_at);
	thresholds(pair_hash(contact_id, seq_id), t);
	for (int i = 0; i < EV_COUNT; i++)
		at[i] = t[i] < 0 ? SEQ_NEVER : first_second(added, time_scale, t[i]);
}

void seq_counts_event(struct seq_counts *n, enum seq_event ev, int sign)
{
	long *field[EV_COUNT] = {
		[EV_BOUNCED] = &n->bounced, [EV_HARD_BOUNCED] = &n->hard_bounced,
		[EV_SPAM_BLOCKED] = &n->spam_blocked, [EV_DELIVERED] = &n->delivered,
		[EV_OPENED] = &n->opened, [EV_CLICKED] = &n->clicked, [EV_REPLIED] = &n->replied,
		[EV_DEMOED] = &n->demoed, [EV_UNSUBSCRIBED] = &n->unsubscribed,
	};
	*field[ev] += sign;
}

void seq_counts_status(struct seq_counts *n, const char *status, int sign)
{
	if (strcmp(status, "active") == 0)
		n->active += sign;
	else if (strcmp(status, "paused") == 0)
		n->paused += sign;
	else if (strcmp(status, "finished") == 0)
		n->finished += sign;
	else if (strcmp(status, "failed") == 0)
		n->failed += sign;
}
