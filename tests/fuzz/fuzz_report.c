/* fuzz_report.c - libFuzzer target: the export commands' reading of
 * Apollo's replies. The input is a JSON reply; its "emailer_campaigns"
 * (a sequence search) go through report_loading and report_write
 * (src/report/sequence_report.c) in each format, and its "contacts" (a contact
 * search) through contact_export (src/report/contact_rows.c) with the reply's
 * "labels", "contact_stages", "emailer_campaigns" and "users" as the names,
 * as `export sequences` and `export contacts` do. Files go to a temporary
 * folder (on /dev/shm when there is one: the writers sync). */
#include "config.h"

#include <string.h>

#include "apollo/api.h"
#include "report/contact_rows.h"
#include "report/sequence_report.h"
#include "fuzz.h"

static char dir[64];
static char path[128];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	snprintf(dir, sizeof dir, "%s", access("/dev/shm", W_OK) == 0 ? "/dev/shm/fuzz-report.XXXXXX"
	                                                                  : "/tmp/fuzz-report.XXXXXX");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		abort();
	}
	snprintf(path, sizeof path, "%s/out", dir);
	return 0;
}

static void contacts(const cJSON *reply, bool per_sequence, const char *only)
{
	struct contact_names names = {
		cJSON_GetObjectItemCaseSensitive(reply, "labels"),
		cJSON_GetObjectItemCaseSensitive(reply, "contact_stages"),
		cJSON_GetObjectItemCaseSensitive(reply, "emailer_campaigns"),
		cJSON_GetObjectItemCaseSensitive(reply, "users"),
	};
	struct csv_writer_options wopt = { .force = true };
	struct contact_export x;
	const cJSON *c;
	char err[600];

	if (contact_export_open(&x, path, &wopt, &names, err, sizeof err) < 0) {
		fprintf(stderr, "fuzz_report: %s\n", err);
		abort();
	}
	x.per_sequence = per_sequence;
	x.only_sequence = only;
	cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(reply, "contacts")) {
		contact_export_write(&x, c);
		(void)contact_in_sequence(c, "seq1");
	}
	if (contact_export_commit(&x, err, sizeof err) < 0) {
		fprintf(stderr, "fuzz_report: %s\n", err);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct {
		enum report_format format;
		bool fraction, excel;
	} runs[] = {
		{ REPORT_CSV, false, false }, { REPORT_CSV, true, true },
		{ REPORT_JSON, false, false }, { REPORT_HTML, false, false },
	};
	cJSON *reply = cJSON_ParseWithLength((const char *)data, size);
	const cJSON *seqs;
	char err[600];

	if (!reply)
		return 0;
	seqs = cJSON_GetObjectItemCaseSensitive(reply, "emailer_campaigns");
	if (!seqs && cJSON_IsArray(reply))
		seqs = reply;
	if (seqs) {
		(void)report_loading(seqs);
		for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++) {
			struct report_options opt = { runs[i].format, runs[i].fraction, { .force = true,
			                                                                   .excel = runs[i].excel } };
			if (report_write(seqs, path, &opt, err, sizeof err) < 0) {
				fprintf(stderr, "fuzz_report: %s\n", err);
				abort();
			}
		}
	}
	if (cJSON_GetObjectItemCaseSensitive(reply, "contacts")) {
		contacts(reply, false, NULL);
		contacts(reply, true, NULL);
		contacts(reply, true, "seq1");
	}
	cJSON_Delete(reply);
	return 0;
}
