/* commands/import_chunk.h - what import does to one chunk of rows at Apollo, stage
 * by stage: accounts (--accounts), contacts (bulk_create with dedupe),
 * changed fields of existing contacts (--existing update), and the
 * sequence (add_contact_ids, grouped by unpause time). Each stage runs its
 * requests together and writes every row's outcome into the row; a row
 * whose request was stopped by a rate limit ends `unprocessed`, so
 * --resume sends it again. Speaks rows and apollo_api, never HTTP. */
#ifndef APOLLO_IMPORT_CHUNK_H
#define APOLLO_IMPORT_CHUNK_H

#include <stdbool.h>
#include <stddef.h>

#include "apollo/enrich.h"
#include "apollo/http.h"
#include "apollo/resolve.h"
#include "rows/chunk.h"
#include "values/custom_fields.h"

struct import_plan {
	bool accounts;
	bool update_existing;
	const char *const *labels;
	size_t nlabels;
	const char *owner_id;              /* NULL: the key's user */
	bool enrol;
	struct sequence_ref sequence;
	const char *const *mailbox_ids;
	size_t nmailboxes;
	const char *user_id;               /* NULL: the key's user */
	unsigned allow;                    /* enum api_allow bits */
	const char *paused_until;          /* Apollo's form, NULL: none */
	int start_at;                      /* minute of the day, -1: none */
	const char *timezone;              /* for rows without one */
	size_t enroll_chunk;
	bool enrich;                       /* --enrich */
	long max_credits;                  /* --max-credits, -1: no limit */
	const struct custom_fields *custom_fields;  /* the team's, when a column feeds
	                                   * one: their labels for Apollo's custom_field_errors */
};

#define MAX_SKIP_CODES 24

struct import_tally {
	unsigned long long enrolled, already, skipped, seq_failed;
	unsigned long long accounts_created, accounts_matched;
	struct {
		char code[64];
		unsigned long long n;
	} skips[MAX_SKIP_CODES];
	size_t nskips;
	bool gave_up;                      /* some request ran out of retries */
	/* --enrich */
	unsigned long long enrich_asked, enriched, enrich_no_email, enrich_no_match;
	unsigned long long enrich_failed, enrich_over_limit;
	struct api_credits credits;
	double credits_before;             /* the resumed run's, about */
	/* --accounts: the accounts the run has learnt, by domain and name
	 * (NULL until the first is asked for) */
	struct account_links *links;
};

void import_chunk_run(struct http_client *hc, const struct import_plan *plan, struct chunk *c,
                      struct import_tally *t);
/* --resume: a row an earlier run linked to account_id (by its company,
 * not by an id of its own), so that its company is not asked for again */
void import_learn_account(struct import_tally *t, const char *website, const char *email, const char *company,
                          const char *account_id);
/* what the tally holds beyond its counts (the accounts learnt) */
void import_tally_free(struct import_tally *t);
/* count one skip code */
void import_tally_skip(struct import_tally *t, const char *code);
/* the summary lines: the counts, and each skip code in plain words with
 * the --allow that would override it */
void import_tally_report(const struct import_tally *t, const char *sequence_name);

#endif
