/* commands/session.c - see commands/session.h. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "apollo/api.h"
#include "commands/session.h"
#include "common/exit_codes.h"
#include "common/msg.h"
#include "common/run_summary.h"
#include "values/start_time.h"

static int fail(const char *text, int code)
{
	struct msg_pos none = { 0 };
	msg_error(&none, "%s", text);
	return code;
}

static int resolve_names(struct session *s, const struct config *cfg)
{
	struct import_plan *p = &s->plan;
	int rc;

	if (cfg->sequence && cfg->command != CMD_EXPORT) {
		p->enrol = cfg->command != CMD_UNENROLL;
		if ((rc = resolve_sequence(&s->rv, cfg->sequence, cfg->sequence_by_id,
		                           cfg->allow_inactive || cfg->command == CMD_UNENROLL,
		                           &p->sequence)) != EXIT_OK)
			return fail(s->rv.error, rc);
	}
	if (cfg->nmailboxes) {
		s->mailbox_ids = calloc(cfg->nmailboxes, sizeof *s->mailbox_ids);
		s->mailbox_ptrs = calloc(cfg->nmailboxes, sizeof *s->mailbox_ptrs);
		if (!s->mailbox_ids || !s->mailbox_ptrs)
			return fail("out of memory", EXIT_INTERNAL);
		if ((rc = resolve_mailboxes(&s->rv, cfg->mailboxes, cfg->nmailboxes, s->mailbox_ids)) != EXIT_OK)
			return fail(s->rv.error, rc);
		for (size_t i = 0; i < cfg->nmailboxes; i++)
			s->mailbox_ptrs[i] = s->mailbox_ids[i];
		p->mailbox_ids = s->mailbox_ptrs;
		p->nmailboxes = cfg->nmailboxes;
	}
	if (cfg->user) {
		if ((rc = resolve_user(&s->rv, cfg->user, s->user_id)) != EXIT_OK)
			return fail(s->rv.error, rc);
		p->user_id = s->user_id;
	}
	if (cfg->owner) {
		if ((rc = resolve_user(&s->rv, cfg->owner, s->owner_id)) != EXIT_OK)
			return fail(s->rv.error, rc);
		p->owner_id = s->owner_id;
	}
	return EXIT_OK;
}

int session_open(struct session *s, const struct config *cfg)
{
	struct http_options hopt = {
		.jobs = cfg->jobs, .retries = cfg->retries, .timeout_ms = cfg->timeout_ms,
		.backoff_ms = cfg->backoff_ms, .max_wait = cfg->max_wait, .verbose = cfg->verbose,
	};
	struct import_plan *p = &s->plan;
	char err[2048];

	memset(s, 0, sizeof *s);
	if (api_settings_load(&s->settings, cfg->api_key_file, err, sizeof err) < 0)
		return fail(err, EXIT_CONFIG);
	if (http_client_init(&s->hc, &s->settings, &hopt, err, sizeof err) < 0)
		return fail(err, EXIT_INTERNAL);
	s->hc_on = true;
	resolver_init(&s->rv, &s->hc);
	p->accounts = cfg->accounts;
	p->update_existing = cfg->update_existing;
	p->enrich = cfg->enrich;
	p->max_credits = cfg->max_credits;
	if (cfg->command == CMD_IMPORT || cfg->command == CMD_PROSPECT) {
		p->labels = cfg->labels;
		p->nlabels = cfg->nlabels;
	}
	p->allow = cfg->allow;
	p->start_at = cfg->start_at;
	p->timezone = cfg->timezone;
	p->enroll_chunk = cfg->enroll_chunk;
	if (cfg->paused_until) {
		if (cfg->paused_until_t <= time(NULL)) {
			snprintf(err, sizeof err, "--paused-until %s is in the past", cfg->paused_until);
			return fail(err, EXIT_USAGE);
		}
		format_instant((time_t)cfg->paused_until_t, s->paused_until, sizeof s->paused_until);
		p->paused_until = s->paused_until;
	}
	return resolve_names(s, cfg);
}

void session_close(struct session *s)
{
	resolver_free(&s->rv);
	if (s->hc_on) {
		/* every request and every stop, whatever the run came to */
		run_summary_calls(s->hc.stats.calls, s->hc.stats.retries, s->hc.stats.limited);
		if (s->hc.refused)
			run_summary_stop(s->hc.refusal, false);
		else if (s->hc.stopped)
			run_summary_stop(s->hc.stop_reason, false);
		http_client_free(&s->hc);
	}
	api_settings_free(&s->settings);
	free(s->mailbox_ids);
	free(s->mailbox_ptrs);
	s->hc_on = false;
}

void session_say_refused(const struct session *s)
{
	const struct http_client *hc = &s->hc;
	struct msg_pos none = { 0 };
	msg_error(&none, "%s. %c%s, then run the same command with --resume", hc->refusal,
	          toupper((unsigned char)hc->refusal_fix[0]), hc->refusal_fix + 1);
}

void session_report_calls(const struct session *s)
{
	const struct http_stats *st = &s->hc.stats;
	const long *left = s->hc.pacer.left;

	msg_info("API calls: %lu (%lu retried after a fault, %lu answered 429)", st->calls,
	         st->retries, st->limited);
	/* what the last reply said; a window Apollo does not report is left out */
	if (left[RW_HOUR] >= 0 && left[RW_DAY] >= 0)
		msg_info("requests left: %ld this hour, %ld today (as the last reply said)",
		         left[RW_HOUR], left[RW_DAY]);
	else if (left[RW_DAY] >= 0)
		msg_info("requests left: %ld today (as the last reply said)", left[RW_DAY]);
	else if (left[RW_HOUR] >= 0)
		msg_info("requests left: %ld this hour (as the last reply said)", left[RW_HOUR]);
}

/* "14:05:30 CET" for t, by this machine's clock and zone */
static void clock_time(char *out, size_t size, time_t t)
{
	struct tm tm;
	localtime_r(&t, &tm);
	if (!strftime(out, size, "%H:%M:%S %Z", &tm))
		snprintf(out, size, "?");
}

/* The time left by Apollo's rate windows: the calls each endpoint took
 * per row so far, for the rows still to do, through the windows to come
 * (apollo/pacer.h), at the run's own pace when no window holds it. */
static void give_eta(struct session *s)
{
	struct progress *p = s->progress;
	struct timespec ts;
	double now, busy;

	if (!p->total || p->done <= p->replayed || p->done > p->total)
		return;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	now = (double)ts.tv_sec + ts.tv_nsec / 1e9;
	busy = now - p->paced_from - pacer_held_time(&s->hc.pacer, now);
	progress_eta_given(p, pacer_eta(&s->hc.pacer, (double)(p->done - p->replayed),
	                                (double)(p->total - p->done), busy > 0 ? busy : 0, now));
}

static void rows_done(void *arg)
{
	struct session *s = arg;
	struct progress *p = s->progress;
	if (p && p->done > p->replayed)
		pacer_rows_done(&s->hc.pacer, (double)(p->done - p->replayed));
}

static void progress_tick(void *arg)
{
	static const char *const windows[RW_COUNT] = { "minute", "hour", "24-hour" };
	struct session *s = arg;
	const struct http_client *hc = &s->hc;
	const struct http_wait *w = &hc->wait;
	char note[160], line[240] = "", when[48];
	int n;

	n = snprintf(note, sizeof note, "%lu API call%s", hc->stats.calls, hc->stats.calls == 1 ? "" : "s");
	if (hc->pacer.left[RW_MINUTE] >= 0)
		n += snprintf(note + n, sizeof note - (size_t)n, ", %ld left this minute", hc->pacer.left[RW_MINUTE]);
	if (hc->pacer.left[RW_DAY] >= 0)
		snprintf(note + n, sizeof note - (size_t)n, ", %ld today", hc->pacer.left[RW_DAY]);
	progress_note(s->progress, note);
	give_eta(s);
	progress_stage(s->progress, api_scope_doing(hc->scope_now));
	if (w->on) {
		clock_time(when, sizeof when, w->until);
		if (w->rate)
			snprintf(line, sizeof line, "waiting for Apollo's %s limit until %s (local time) to go on %s",
			         w->window >= 0 ? windows[w->window] : "rate", when, api_scope_doing(w->scope));
		else
			snprintf(line, sizeof line, "waiting until %s (local time) to try %s again after a fault", when,
			         w->scope);
		if (!s->progress->on && !s->wait_said && w->until - time(NULL) >= 5) {
			msg_info("%s", line);
			s->wait_said = true;
		}
	} else {
		s->wait_said = false;
	}
	progress_wait(s->progress, line);
}

void session_show_progress(struct session *s, struct progress *p)
{
	s->progress = p;
	s->wait_said = false;
	s->hc.tick = p ? progress_tick : NULL;
	s->hc.tick_arg = p ? s : NULL;
	if (p) {
		p->on_rows = rows_done;
		p->on_rows_arg = s;
	}
}
