/* commands/export_contacts.c - every contact a search finds, all pages, into a
 * spreadsheet (report/contact_rows.c).
 *
 * Apollo shows no more than 500 pages of 100 (50,000 contacts) of one
 * search. A search that finds more is read twice, oldest first and newest
 * first, which reaches 100,000; beyond that it is split by contact stage.
 * Contacts are merged by id, so none is written twice, and the export
 * counts what it wrote against what Apollo says the search holds: an
 * export that is short says so and exits 1, never passing for complete. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "apollo/api.h"
#include "apollo/custom_field_lookup.h"
#include "apollo/resolve.h"
#include "commands/export_contacts.h"
#include "common/exit_codes.h"
#include "common/msg.h"
#include "common/run_summary.h"
#include "report/contact_rows.h"
#include "rows/dedupe.h"

#define CAP_PAGES API_PAGE_CAP

struct contacts_run {
	const struct config *cfg;
	struct http_client *hc;
	struct contact_export x;
	struct contact_names names;
	cJSON *labels, *stages, *sequences, *users;
	struct custom_fields fields;   /* the team's, for a column each */
	char *fields_why;              /* why there are none: a key that may not read them */
	const char *sequence_id;       /* --sequence, resolved */
	struct dedupe_set seen;        /* ids written */
	unsigned long long written;    /* distinct contacts */
	unsigned long long unstated;   /* of them, sent without their sequence statuses */
	unsigned long calls;
	char error[1200];
};

/* Writes the contacts of pages first..last of q; how many new ones via
 * run->written. -1 on a failed request (run->error). */
static int read_pages(struct contacts_run *run, const struct api_contact_query *q, long first, long last,
                      long *total)
{
	size_t batch = (size_t)run->cfg->jobs;
	long *pages = calloc(batch, sizeof *pages);
	cJSON **out = calloc(batch, sizeof *out);
	int rc = 0;

	if (!pages || !out) {
		free(pages);
		free(out);
		snprintf(run->error, sizeof run->error, "out of memory");
		return -1;
	}
	for (long p = first; p <= last && !rc; p += (long)batch) {
		size_t n = 0;
		struct http_request failed;
		for (; n < batch && p + (long)n <= last; n++) {
			pages[n] = p + (long)n;
			out[n] = cJSON_CreateArray();
		}
		if (api_search_contacts(run->hc, q, pages, n, out, total, &failed) < 0) {
			snprintf(run->error, sizeof run->error, "%s", failed.message);
			rc = -1;
		}
		for (size_t i = 0; i < n; i++) {
			const cJSON *c;
			cJSON_ArrayForEach(c, out[i]) {
				const char *id = api_str(c, "id");
				if (!*id || dedupe_check_add(&run->seen, id, strlen(id), (unsigned long)run->written + 1))
					continue;
				run->written++;
				run->unstated += !contact_statuses_given(c);
				if (!run->sequence_id || contact_in_sequence(c, run->sequence_id))
					contact_export_write(&run->x, c);
			}
			cJSON_Delete(out[i]);
		}
		run->calls += n;
	}
	free(pages);
	free(out);
	return rc;
}

static long pages_for(long total)
{
	long p = (total + API_PAGE_SIZE - 1) / API_PAGE_SIZE;
	return p > CAP_PAGES ? CAP_PAGES : p;
}

/* Every contact of one search; *found is Apollo's count of them. The
 * search is read oldest first, an order that does not shift while pages
 * are read; past the cap it is read newest first too. What was written is
 * counted against *found either way. 0 when all were reached, 1 when some
 * were not, -1 on a failed request. */
static int read_search(struct contacts_run *run, struct api_contact_query *q, long *found)
{
	unsigned long long before = run->written;
	long total = -1;

	q->sort_by_field = "contact_created_at";
	q->ascending = true;
	if (read_pages(run, q, 1, 1, &total) < 0)
		return -1;
	if (total < 0) {
		snprintf(run->error, sizeof run->error, "Apollo's reply gives no total_entries, so the "
		         "export could not know when it has every contact");
		return -1;
	}
	*found = total;
	if (read_pages(run, q, 2, pages_for(total), &total) < 0)
		return -1;
	if (total > (long)CAP_PAGES * API_PAGE_SIZE) {
		/* past the cap: the newest 50,000 too */
		q->ascending = false;
		if (read_pages(run, q, 1, pages_for(total), &total) < 0)
			return -1;
	}
	q->sort_by_field = NULL;
	return run->written - before >= (unsigned long long)*found ? 0 : 1;
}

/* Appends "\n  ID  NAME" to run->error for each item of list (of
 * `modality`, when it is given and the item says) whose name is `name`
 * (NULL: every item); whole lines only, as many as fit. */
static void list_items(struct contacts_run *run, const cJSON *list, const char *name, const char *modality)
{
	const cJSON *it;
	cJSON_ArrayForEach(it, list) {
		size_t len = strlen(run->error);
		int n;
		if ((modality && *api_str(it, "modality") && strcmp(api_str(it, "modality"), modality)) ||
		    (name && strcasecmp(api_str(it, "name"), name)))
			continue;
		n = snprintf(run->error + len, sizeof run->error - len, "\n  %s  %s", api_str(it, "id"),
		             api_str(it, "name"));
		if (n < 0 || (size_t)n >= sizeof run->error - len) {
			run->error[len] = '\0';
			return;
		}
	}
}

/* The item of list named (or with the id) name_or_id: an id settles it; a
 * name must be one item's (of `modality`, when given: a list of accounts
 * may share a contact list's name). EXIT_OK with *id, else EXIT_CONFIG
 * with run->error: no such item, or several (each named, not guessed). */
static int id_for(struct contacts_run *run, const cJSON *list, const char *name_or_id, const char *modality,
                  const char *option, const char *what, const char *whats, const char **id)
{
	const cJSON *it, *hit = NULL;
	int matches = 0;

	cJSON_ArrayForEach(it, list)
		if (strcmp(api_str(it, "id"), name_or_id) == 0) {
			*id = api_str(it, "id");
			return EXIT_OK;
		}
	cJSON_ArrayForEach(it, list)
		if ((!modality || !*api_str(it, "modality") || strcmp(api_str(it, "modality"), modality) == 0) &&
		    strcasecmp(api_str(it, "name"), name_or_id) == 0) {
			hit = hit ? hit : it;
			matches++;
		}
	if (matches == 1) {
		*id = api_str(hit, "id");
		return EXIT_OK;
	}
	if (matches > 1) {
		snprintf(run->error, sizeof run->error, "%s \"%s\": %d %s have this name; name one by its id:", option,
		         name_or_id, matches, whats);
		list_items(run, list, name_or_id, modality);
	} else {
		snprintf(run->error, sizeof run->error, "%s \"%s\": no such %s; the %s are:", option, name_or_id,
		         what, whats);
		list_items(run, list, NULL, modality);
	}
	return EXIT_CONFIG;
}

/* ids for names: labels and stages, as the filters need them */
static int ids_for(struct contacts_run *run, const cJSON *list, const char *const *names, size_t n,
                   const char **ids, const char *what)
{
	bool labels = strcmp(what, "--label") == 0;
	int rc;
	for (size_t i = 0; i < n; i++)
		if ((rc = id_for(run, list, names[i], labels ? "contacts" : NULL, what, labels ? "list" : "stage",
		                 labels ? "contact lists" : "contact stages", &ids[i])) != EXIT_OK)
			return rc;
	return EXIT_OK;
}

/* the lists of names the rows need; a user list needs a master key, so
 * without one owners are shown by id */
static int load_names(struct contacts_run *run)
{
	struct http_request failed;
	run->labels = cJSON_CreateArray();
	run->stages = cJSON_CreateArray();
	run->sequences = cJSON_CreateArray();
	run->users = cJSON_CreateArray();
	if (api_list_labels(run->hc, run->labels, &failed) < 0 ||
	    api_list_sequences(run->hc, NULL, run->sequences, &failed) < 0) {
		snprintf(run->error, sizeof run->error, "cannot read Apollo's lists and sequences: %s",
		         failed.message);
		return run->hc->refused ? EXIT_CONFIG : EXIT_API;
	}
	/* a key without access to stages shows them by id (and cannot --stage) */
	if (api_list_contact_stages(run->hc, !run->cfg->stage, run->stages, &failed) < 0) {
		if (run->cfg->stage || failed.outcome != HTTP_REFUSED) {
			snprintf(run->error, sizeof run->error, "cannot read Apollo's contact stages: %s", failed.message);
			return run->hc->refused ? EXIT_CONFIG : EXIT_API;
		}
		if (run->cfg->verbose)
			msg_info("stages are shown by id: %s", failed.message);
	}
	/* only a master key may list users: without it, owners are shown by id */
	if (api_list_users(run->hc, true, run->users, &failed) < 0 && run->cfg->verbose)
		msg_info("owners are shown by id: %s", failed.message);
	/* every custom field a column: one look-up. A key that may not read
	 * them gets the export without them, and is told */
	if (custom_field_lookup(run->hc, &run->fields, &failed) < 0) {
		if (run->hc->refused || failed.outcome != HTTP_REFUSED) {
			snprintf(run->error, sizeof run->error, "cannot read the team's custom fields: %s", failed.message);
			return run->hc->refused ? EXIT_CONFIG : EXIT_API;
		}
		run->fields_why = strdup(failed.message);
	}
	run->names = (struct contact_names){ run->labels, run->stages, run->sequences, run->users, &run->fields };
	return EXIT_OK;
}

/* as import resolves its --sequence: a misspelt name gets the names near
 * it, a shared one each sequence's id and what tells them apart */
static int resolve_sequence_filter(struct contacts_run *run)
{
	const char *name = run->cfg->nsequences ? run->cfg->sequences[0] : NULL;
	const cJSON *s;
	int ids = 0, names = 0;

	if (!name)
		return EXIT_OK;
	cJSON_ArrayForEach(s, run->sequences) {
		ids += strcmp(api_str(s, "id"), name) == 0;
		names += strcasecmp(api_str(s, "name"), name) == 0;
	}
	if (!ids && names > 1)
		sequences_sharing_name(run->error, sizeof run->error, name, run->sequences);
	else if (!ids && !names)
		sequence_not_found(run->error, sizeof run->error, name, run->sequences, false);
	else
		return id_for(run, run->sequences, name, NULL, "--sequence", "sequence", "sequences",
		              &run->sequence_id);
	return EXIT_CONFIG;
}

/* The search, split by stage when two reads cannot reach all of it. */
static int read_all(struct contacts_run *run, struct api_contact_query *q, bool *short_export)
{
	long found = 0;
	int rc = read_search(run, q, &found);
	const cJSON *st;

	if (rc <= 0)
		return rc;
	if (q->nstages || found <= 2L * CAP_PAGES * API_PAGE_SIZE) {
		/* short, but not for the cap (contacts came and went while it was
		 * read), or already narrowed to one stage: say so */
		*short_export = true;
		return 0;
	}
	msg_info("%ld contacts are more than two reads reach; reading them stage by stage", found);
	cJSON_ArrayForEach(st, run->stages) {
		const char *id = api_str(st, "id");
		long part;
		q->stage_ids = &id;
		q->nstages = 1;
		rc = read_search(run, q, &part);
		q->nstages = 0;
		if (rc < 0)
			return -1;
	}
	/* contacts without a stage cannot be asked for on their own */
	*short_export = run->written < (unsigned long long)found;
	return 0;
}

int export_contacts(const struct config *cfg, struct http_client *hc)
{
	struct contacts_run run = { .cfg = cfg, .hc = hc };
	struct csv_writer_options wopt = { .excel = cfg->excel, .raw = cfg->raw, .force = cfg->force };
	const char *path = cfg->output ? cfg->output : "contacts.csv";
	const char **label_ids = calloc(cfg->nlabels + 1, sizeof *label_ids);
	const char *stage_id = NULL;
	struct api_contact_query q = { .q_keywords = cfg->query };
	struct msg_pos none = { 0 };
	bool short_export = false;
	char err[1024];
	int status;

	dedupe_init(&run.seen);
	if (!label_ids)
		status = EXIT_INTERNAL;
	else if ((status = load_names(&run)) == EXIT_OK &&
	         (status = ids_for(&run, run.labels, cfg->labels, cfg->nlabels, label_ids, "--label")) == EXIT_OK &&
	         (!cfg->stage || (status = ids_for(&run, run.stages, &cfg->stage, 1, &stage_id, "--stage")) == EXIT_OK))
		status = resolve_sequence_filter(&run);
	if (status != EXIT_OK) {
		msg_error(&none, "%s", run.error[0] ? run.error : "out of memory");
		goto out;
	}
	q.label_ids = label_ids;
	q.nlabels = cfg->nlabels;
	q.stage_ids = stage_id ? &stage_id : NULL;
	q.nstages = stage_id ? 1 : 0;
	if (contact_export_open(&run.x, path, &wopt, &run.names, err, sizeof err) < 0) {
		msg_error(&none, "%s", err);
		status = EXIT_OUTPUT;
		goto out;
	}
	run.x.per_sequence = cfg->per_sequence;
	run.x.only_sequence = cfg->per_sequence ? run.sequence_id : NULL;
	if (read_all(&run, &q, &short_export) < 0) {
		msg_error(&none, "export stopped: %s; %s", run.error,
		          strcmp(path, "-") ? "nothing was written" : "the output so far is incomplete");
		contact_export_abort(&run.x);
		status = hc->refused ? EXIT_CONFIG : EXIT_API;
		goto out;
	}
	if (contact_export_commit(&run.x, err, sizeof err) < 0) {
		msg_error(&none, "%s", err);
		status = EXIT_OUTPUT;
		goto out;
	}
	run_summary_file("contacts", path);
	msg_info("%llu row%s (%llu contact%s read): %s", run.x.rows, run.x.rows == 1 ? "" : "s",
	         run.written, run.written == 1 ? "" : "s", strcmp(path, "-") ? path : "standard output");
	if (short_export) {
		msg_warn(&none, "%s is NOT complete: fewer contacts were read than Apollo counts for the "
		         "search (past its 50,000 cap, or contacts changed while it was read); narrow it "
		         "with --label, --stage or --query, or export again", path);
		status = EXIT_ATTENTION;
	}
	if (run.fields_why) {
		msg_warn(&none, "%s has no custom fields: this key may not read them (%s)", path, run.fields_why);
		status = EXIT_ATTENTION;
	}
	if (run.unstated) {
		msg_warn(&none, "%s: %llu contact%s came without their sequence statuses (contact_campaign_statuses): "
		         "%s", path, run.unstated, run.unstated == 1 ? "" : "s", run.sequence_id
		         ? "they could not be checked against --sequence, and are not in the file"
		         : "their sequence columns are empty for want of an answer, not because they are in none");
		status = EXIT_ATTENTION;
	}
out:
	free(label_ids);
	dedupe_free(&run.seen);
	cJSON_Delete(run.labels);
	cJSON_Delete(run.stages);
	cJSON_Delete(run.sequences);
	cJSON_Delete(run.users);
	custom_fields_free(&run.fields);
	free(run.fields_why);
	return status;
}
