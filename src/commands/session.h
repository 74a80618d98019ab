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
};

/* An exit code; on failure the message has been printed. */
int session_open(struct session *s, const struct config *cfg);
void session_close(struct session *s);
/* the summary lines on API calls, retries, 429s and requests left */
void session_report_calls(const struct session *s);

#endif
