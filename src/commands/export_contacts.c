/* commands/export_contacts.c - every contact a search finds, all pages, into a
 * spreadsheet (report/contact_rows.c).
 *
 * Apollo shows no more than 500 pages of 100 (50,000 contacts) of one
 * search. A search that finds more is read from both ends, oldest first
 * and newest first, which reaches 100,000; the newest-first read stops
 * where it meets the first, so each contact costs about one page slot.
 * Beyond 100,000 the search is split by contact stage (a stage still
 * larger, by contact list), each piece read the same way, and the few no
 * piece holds (no stage, no list) are looked for from both ends; a read
 * still short reads its newest pages again for contacts added meanwhile.
 * Contacts are merged by id, so none is written twice, and each read counts what it
 * got against what Apollo says the search holds: an export that is short
 * says so and exits 1, never passing for complete. */
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

/* One search (a part of the export) as it is read: Apollo's count of it,
 * and which of its contacts have been read, so that a read can stop as
 * soon as it has them all. A part of a split search counts its contacts
 * for the search it was split from too (up). */
struct part {
	struct part *up;
	struct dedupe_set ids;         /* the part's contacts read so far */
	long total;                    /* Apollo's count, as of the latest reply */
	long most;                     /* the largest count any reply gave: contacts
	                                * deleted while the search is read move the
	                                * unread ones onto pages read already, so a
	                                * count that falls cannot say the part is whole */
	long distinct;                 /* of them, read */
	char newest[40];               /* the newest created_at the oldest-first read saw */
	bool passed;                   /* a newest-first page went older than that */
	bool met;                      /* a page had a contact the part had read already */
	bool ascending;                /* the read under way */
};

static void part_init(struct part *p, struct part *up)
{
	memset(p, 0, sizeof *p);
	p->up = up;
	p->total = -1;
	p->most = -1;
	dedupe_init(&p->ids);
}

/* all read, as far as Apollo's count says */
static bool part_done(const struct part *p)
{
	return p->most >= 0 && p->distinct >= p->most;
}

/* one contact the part's search returned: counted for the part and the
 * searches above it, written once whatever part read it first */
static void part_take(struct contacts_run *run, struct part *part, const cJSON *c)
{
	const char *id = api_str(c, "id");
	const char *created = api_str(c, "created_at");
	size_t len = strlen(id);

	if (!*id)
		return;
	if (*created) {
		if (part->ascending) {
			if (strcmp(created, part->newest) > 0)
				snprintf(part->newest, sizeof part->newest, "%s", created);
		} else if (*part->newest && strcmp(created, part->newest) < 0) {
			part->passed = true;
		}
	}
	for (struct part *p = part; p; p = p->up)
		if (!dedupe_check_add(&p->ids, id, len, 1))
			p->distinct++;
		else if (p == part)
			part->met = true;
	if (dedupe_check_add(&run->seen, id, len, (unsigned long)run->written + 1))
		return;
	run->written++;
	run->unstated += !contact_statuses_given(c);
	if (!run->sequence_id || contact_in_sequence(c, run->sequence_id))
		contact_export_write(&run->x, c);
}

/* Pages first..last of q, batch at a time; stops early once the
 * part has every contact Apollo counts for it or, newest first, once it
 * went past the newest contact the oldest-first read saw. -1 on a failed
 * request (run->error). */
static int read_pages(struct contacts_run *run, const struct api_contact_query *q, struct part *part,
                      long first, long last, size_t batch)
{
	long *pages = calloc(batch, sizeof *pages);
	cJSON **out = calloc(batch, sizeof *out);
	int rc = 0;

	if (!pages || !out) {
		free(pages);
		free(out);
		snprintf(run->error, sizeof run->error, "out of memory");
		return -1;
	}
	part->ascending = q->ascending;
	for (long p = first; p <= last && !rc; p += (long)batch) {
		size_t n = 0;
		struct http_request failed;
		if (part_done(part) || (!q->ascending && part->passed))
			break;
		for (; n < batch && p + (long)n <= last; n++) {
			pages[n] = p + (long)n;
			out[n] = cJSON_CreateArray();
		}
		if (api_search_contacts(run->hc, q, pages, n, out, &part->total, &failed) < 0) {
			snprintf(run->error, sizeof run->error, "%s", failed.message);
			rc = -1;
		}
		if (part->total > part->most)
			part->most = part->total;
		for (size_t i = 0; i < n; i++) {
			const cJSON *c;
			cJSON_ArrayForEach(c, out[i])
				part_take(run, part, c);
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

/* The rest of a part whose first page (oldest first) is read: oldest
 * first up to the cap, then, when Apollo counts more than that, newest
 * first, only as far as the ones not yet read: pages enough for the count
 * that is missing, then one at a time until the part is whole or the
 * pages reach contacts older than the newest the first read saw (so
 * contacts added while it reads are not lost). Stops early once the part
 * is whole, which makes it the hunt for the few a split did not reach. */
static int read_ends(struct contacts_run *run, struct api_contact_query *q, struct part *part)
{
	size_t jobs = (size_t)run->cfg->jobs;
	long need;

	q->sort_by_field = "contact_created_at";
	q->ascending = true;
	if (read_pages(run, q, part, 2, pages_for(part->total), jobs) < 0)
		return -1;
	if (part_done(part) || part->total <= (long)CAP_PAGES * API_PAGE_SIZE)
		return 0;
	q->ascending = false;
	need = pages_for(part->total - part->distinct);
	if (read_pages(run, q, part, 1, need, jobs) < 0)
		return -1;
	/* one page a time: each may be the last */
	return read_pages(run, q, part, need + 1, CAP_PAGES, 1);
}

/* Contacts added while the part was read come first newest first: when
 * the part is short, its newest pages are read again, a page at a time,
 * down to the first contact it had already (one round: what is added even
 * later leaves it short, and the export says so). */
static int catch_up(struct contacts_run *run, struct api_contact_query *q, struct part *part)
{
	q->sort_by_field = "contact_created_at";
	q->ascending = false;
	part->met = false;
	for (long p = 1; p <= CAP_PAGES && !part_done(part) && !part->met; p++) {
		long before = part->distinct;
		part->passed = false;      /* going past older contacts is no stop here */
		if (read_pages(run, q, part, p, p, 1) < 0)
			return -1;
		if (part->distinct == before && !part->met)
			break;      /* an empty page: nothing further */
	}
	return 0;
}

static int read_part(struct contacts_run *run, struct api_contact_query *q, struct part *up);

/* a list of accounts may share a contact list's name: only the contacts' split them */
static bool contact_list(const cJSON *label)
{
	const char *modality = api_str(label, "modality");
	return !*modality || strcmp(modality, "contacts") == 0;
}

/* A part more than two reads reach, split: by stage, or (already one
 * stage) by contact list, each piece read as a part of its own. A contact
 * in several lists is read once for each (written once); one in no stage
 * or no list is left to the hunt from both ends (read_part). Stops once
 * the pieces read hold every contact of the part. */
static int split(struct contacts_run *run, struct api_contact_query *q, struct part *part)
{
	bool by_stage = !q->nstages && cJSON_GetArraySize(run->stages) > 0;
	const cJSON *pieces = by_stage ? run->stages : run->labels, *it;

	if (!by_stage && q->nlabels)
		return 0;
	msg_info("%ld contacts are more than two reads reach; reading them %s", part->total,
	         by_stage ? "stage by stage" : "list by list");
	cJSON_ArrayForEach(it, pieces) {
		const char *id = api_str(it, "id");
		const char *const *ids = by_stage ? q->stage_ids : q->label_ids;
		int rc;
		if (!by_stage && !contact_list(it))
			continue;
		if (by_stage) {
			q->stage_ids = &id;
			q->nstages = 1;
		} else {
			q->label_ids = &id;
			q->nlabels = 1;
		}
		rc = read_part(run, q, part);
		if (by_stage) {
			q->stage_ids = ids;
			q->nstages = 0;
		} else {
			q->label_ids = ids;
			q->nlabels = 0;
		}
		if (rc < 0)
			return -1;
		if (part_done(part))
			break;
	}
	return 0;
}

/* Every contact of one search (the export's, or a part of it), each read
 * about once: its first page (oldest first) says how many there are; up
 * to two caps' worth are read from both ends (read_ends); more is split
 * (split) and what the pieces did not reach is hunted for from both ends.
 * 0 when every contact Apollo counts was read, 1 when some were not (past
 * the cap, or contacts came and went while it was read), -1 on a failed
 * request. */
static int read_part(struct contacts_run *run, struct api_contact_query *q, struct part *up)
{
	struct part part;
	int rc;

	part_init(&part, up);
	q->sort_by_field = "contact_created_at";
	q->ascending = true;
	rc = read_pages(run, q, &part, 1, 1, 1);
	if (!rc && part.total < 0) {
		snprintf(run->error, sizeof run->error, "Apollo's reply gives no total_entries, so the "
		         "export could not know when it has every contact");
		rc = -1;
	}
	if (!rc && part.total > 2L * CAP_PAGES * API_PAGE_SIZE)
		rc = split(run, q, &part);
	if (!rc)
		rc = read_ends(run, q, &part);
	if (!rc && !part_done(&part))
		rc = catch_up(run, q, &part);
	if (!rc)
		rc = part_done(&part) ? 0 : 1;
	dedupe_free(&part.ids);
	return rc;
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

/* The whole search; short when some of what Apollo counts was not read. */
static int read_all(struct contacts_run *run, struct api_contact_query *q, bool *short_export)
{
	int rc = read_part(run, q, NULL);

	q->sort_by_field = NULL;
	if (rc < 0)
		return -1;
	*short_export = rc == 1;
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
