/* commands/session.h - what import, enroll and unenroll set up before the first
 * row: the key and base URL, the HTTP client, and the names on the command
 * line resolved to ids (sequence, mailboxes, users) into an import plan. */
#ifndef APOLLO_SESSION_H
#define APOLLO_SESSION_H

#include "apollo/http.h"
#include "apollo/resolve.h"
#include "apollo/settings.h"
#include "cli/command_line.h"
#include "commands/import_chunk.h"
#include "common/progress.h"

struct session {
	struct api_settings settings;
	struct http_client hc;
	struct resolver rv;
	struct import_plan plan;
	char (*mailbox_ids)[64];
	const char **mailbox_ptrs;
	char user_id[64], owner_id[64];
	char paused_until[32];
	bool hc_on;
	struct progress *progress;   /* shown while requests run, or NULL */
	bool wait_said;              /* the current wait has its line (off a terminal) */
};

/* An exit code; on failure the message has been printed. */
int session_open(struct session *s, const struct config *cfg);
void session_close(struct session *s);
/* While requests run, p shows what they do ("creating contacts"), the
 * API calls so far and, while a rate window holds the run, until when;
 * off a terminal a wait of 5 s or more is said in one line. NULL stops it. */
void session_show_progress(struct session *s, struct progress *p);
/* the summary lines on API calls, retries, 429s and requests left */
void session_report_calls(const struct session *s);
/* After Apollo refused the run (s->hc.refused): the refusal, what to do
 * about it and that --resume then goes on, as one message. */
void session_say_refused(const struct session *s);

#endif
