/* commands/export.c - `apollo-csv export sequences`: every sequence's numbers,
 * all pages of Apollo's sequence search, narrowed to the ones asked for,
 * as CSV or JSON (report/sequence_report.c). With --wait, numbers Apollo is still
 * computing ("loading") are asked for again until they arrive. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "apollo/api.h"
#include "commands/export.h"
#include "common/exit_codes.h"
#include "commands/export_contacts.h"
#include "common/msg.h"
#include "report/sequence_report.h"
#include "commands/session.h"

#define WAIT_STEP 10   /* seconds between asks while numbers are loading */

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcasecmp(s + a - b, suffix) == 0;
}

static bool wanted(const struct config *cfg, const cJSON *seq)
{
	if (cfg->active_only && (!cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(seq, "active")) ||
	                         cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(seq, "archived"))))
		return false;
	if (!cfg->nsequences)
		return true;
	for (size_t i = 0; i < cfg->nsequences; i++)
		if (strcasecmp(api_str(seq, "name"), cfg->sequences[i]) == 0 ||
		    strcmp(api_str(seq, "id"), cfg->sequences[i]) == 0)
			return true;
	return false;
}

/* The sequences asked for; NULL after a printed error (*status set). */
static cJSON *fetch(const struct config *cfg, struct http_client *hc, const char *only_id, int *status)
{
	cJSON *all = cJSON_CreateArray(), *out = cJSON_CreateArray(), *s;
	struct http_request failed;
	struct msg_pos none = { 0 };

	if (api_list_sequences(hc, NULL, all, &failed) < 0) {
		msg_error(&none, "cannot read the sequences: %s", failed.message);
		*status = hc->refused ? EXIT_CONFIG : EXIT_API;
		cJSON_Delete(all);
		cJSON_Delete(out);
		return NULL;
	}
	cJSON_ArrayForEach(s, all)
		if (only_id ? strcmp(api_str(s, "id"), only_id) == 0 : wanted(cfg, s))
			cJSON_AddItemToArray(out, cJSON_Duplicate(s, 1));
	/* a --sequence that names nothing is a typo worth stopping for */
	for (size_t i = 0; !only_id && i < cfg->nsequences; i++) {
		bool found = false;
		cJSON_ArrayForEach(s, all)
			found = found || strcasecmp(api_str(s, "name"), cfg->sequences[i]) == 0 ||
			        strcmp(api_str(s, "id"), cfg->sequences[i]) == 0;
		if (!found) {
			msg_error(&none, "--sequence \"%s\": no sequence has this name or id", cfg->sequences[i]);
			*status = EXIT_CONFIG;
			cJSON_Delete(all);
			cJSON_Delete(out);
			return NULL;
		}
	}
	cJSON_Delete(all);
	return out;
}

/* Fetches, waits out "loading" if asked, writes. An exit code. */
static int export_report(const struct config *cfg, struct http_client *hc, const char *only_id,
                         const char *path)
{
	struct report_options opt = {
		.format = cfg->report_format == 2 || ends_with(path, ".html") || ends_with(path, ".htm")
		          ? REPORT_HTML
		          : cfg->report_format == 1 || ends_with(path, ".json") ? REPORT_JSON : REPORT_CSV,
		.fraction_rates = cfg->fraction_rates,
		.writer = { .excel = cfg->excel, .force = cfg->force },
	};
	time_t give_up = time(NULL) + cfg->wait;
	struct msg_pos none = { 0 };
	int status = EXIT_OK;
	char err[1024];
	cJSON *seqs;

	while ((seqs = fetch(cfg, hc, only_id, &status)) && report_loading(seqs) && time(NULL) < give_up) {
		msg_info("Apollo is still computing some numbers; asking again in %d s", WAIT_STEP);
		cJSON_Delete(seqs);
		sleep(WAIT_STEP);
	}
	if (!seqs)
		return status;
	if (report_write(seqs, path, &opt, err, sizeof err) < 0) {
		msg_error(&none, "%s", err);
		cJSON_Delete(seqs);
		return EXIT_OUTPUT;
	}
	if (report_loading(seqs)) {
		msg_warn(&none, "%s: some numbers say \"loading\": Apollo was still computing them%s",
		         path, cfg->wait ? " when --wait ran out" : "; --wait waits for them");
		status = EXIT_ATTENTION;
	}
	msg_info("%d sequence%s: %s", cJSON_GetArraySize(seqs), cJSON_GetArraySize(seqs) == 1 ? "" : "s",
	         strcmp(path, "-") ? path : "standard output");
	cJSON_Delete(seqs);
	return status;
}

int export_sequence_report(const struct config *cfg, struct http_client *hc,
                           const char *sequence_id, const char *sequence_name, const char *path)
{
	(void)sequence_name;
	return export_report(cfg, hc, sequence_id, path);
}

int cmd_export(const struct config *cfg)
{
	struct session s;
	int status = session_open(&s, cfg);

	if (status == EXIT_OK && cfg->export_contacts) {
		status = export_contacts(cfg, &s.hc);
		session_report_calls(&s);
	} else if (status == EXIT_OK) {
		static const char *const defaults[] = { "sequences.csv", "sequences.json", "sequences.html" };
		const char *path = cfg->output ? cfg->output : defaults[cfg->report_format];
		status = export_report(cfg, &s.hc, NULL, path);
		session_report_calls(&s);
	}
	session_close(&s);
	return status;
}
