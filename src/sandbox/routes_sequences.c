/* routes_sequences.c - sequences (emailer campaigns): search with metrics,
 * add_contact_ids with every skip reason, remove_or_stop_contact_ids.
 *
 * Enrolment checks, in this order, each waived by its flag:
 *   contact_not_found
 *   contacts_already_exists_in_current_campaign
 *   contacts_without_email                  sequence_no_email
 *   contacts_unverified_email               sequence_unverified_email
 *   contacts_with_job_change                sequence_job_change
 *   contacts_active_in_other_campaigns      sequence_active_in_other_campaigns (active or paused)
 *   contacts_finished_in_other_campaigns    sequence_finished_in_other_campaigns
 *   contacts_in_same_company                sequence_same_company_in_same_campaign
 *   contacts_without_ownership_permission   contacts_without_ownership_permission
 *
 * Metrics follow from the sequence's memberships (seq_metrics.h), counted
 * as they change (enrolments.h). A sequence marked stats_loading in the
 * seed answers "loading" for every metric. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "record_shapes.h"
#include "sandbox.h"

static void count_sequence(struct sandbox *sb, const char *seq_id, struct seq_counts *n)
{
	enrolments_count(&sb->store.enrolments, store_list(&sb->store, "contacts"), seq_id,
	                 sb->cfg.time_scale, (long long)time(NULL), n);
}

static double ratio(long a, long b)
{
	return b > 0 ? (double)((long)((double)a / (double)b * 1000 + 0.5)) / 1000 : 0;
}

void sequence_add_stats(struct sandbox *sb, cJSON *out)
{
	static const char *const names[] = {
		"unique_scheduled", "unique_delivered", "unique_bounced", "unique_hard_bounced",
		"unique_spam_blocked", "unique_opened", "unique_clicked", "unique_replied",
		"unique_demoed", "unique_unsubscribed", "bounce_rate", "hard_bounce_rate", "open_rate",
		"click_rate", "reply_rate", "spam_block_rate", "opt_out_rate", "demo_rate",
	};
	const char *seq_id = jstr(out, "id");
	cJSON *seq = store_find(&sb->store, IX_SEQUENCE_ID, seq_id);
	cJSON *cs = cJSON_AddObjectToObject(out, "contact_statuses");
	struct seq_counts n;

	cJSON_DeleteItemFromObjectCaseSensitive(out, "stats_loading");
	if (jbool(seq, "stats_loading", false)) {
		for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
			cJSON_AddStringToObject(out, names[i], "loading");
		cJSON_AddStringToObject(cs, "active", "loading");
		cJSON_AddStringToObject(cs, "paused", "loading");
		cJSON_AddStringToObject(cs, "finished", "loading");
		cJSON_AddBoolToObject(out, "loaded_stats", false);
		return;
	}
	count_sequence(sb, seq_id, &n);
	cJSON_AddNumberToObject(out, "unique_scheduled", n.scheduled);
	cJSON_AddNumberToObject(out, "unique_delivered", n.delivered);
	cJSON_AddNumberToObject(out, "unique_bounced", n.bounced);
	cJSON_AddNumberToObject(out, "unique_hard_bounced", n.hard_bounced);
	cJSON_AddNumberToObject(out, "unique_spam_blocked", n.spam_blocked);
	cJSON_AddNumberToObject(out, "unique_opened", n.opened);
	cJSON_AddNumberToObject(out, "unique_clicked", n.clicked);
	cJSON_AddNumberToObject(out, "unique_replied", n.replied);
	cJSON_AddNumberToObject(out, "unique_demoed", n.demoed);
	cJSON_AddNumberToObject(out, "unique_unsubscribed", n.unsubscribed);
	cJSON_AddNumberToObject(out, "bounce_rate", ratio(n.bounced, n.scheduled));
	cJSON_AddNumberToObject(out, "hard_bounce_rate", ratio(n.hard_bounced, n.scheduled));
	cJSON_AddNumberToObject(out, "open_rate", ratio(n.opened, n.delivered));
	cJSON_AddNumberToObject(out, "click_rate", ratio(n.clicked, n.delivered));
	cJSON_AddNumberToObject(out, "reply_rate", ratio(n.replied, n.delivered));
	cJSON_AddNumberToObject(out, "spam_block_rate", ratio(n.spam_blocked, n.scheduled));
	cJSON_AddNumberToObject(out, "opt_out_rate", ratio(n.unsubscribed, n.delivered));
	cJSON_AddNumberToObject(out, "demo_rate", ratio(n.demoed, n.delivered));
	cJSON_AddNumberToObject(cs, "active", n.active);
	cJSON_AddNumberToObject(cs, "paused", n.paused);
	cJSON_AddNumberToObject(cs, "finished", n.finished);
	cJSON_AddNumberToObject(cs, "failed", n.failed);
	cJSON_AddNumberToObject(cs, "bounced", n.bounced);
	cJSON_AddBoolToObject(out, "loaded_stats", true);
}

static cJSON *sequence_out(struct sandbox *sb, const cJSON *seq)
{
	cJSON *out = store_public(seq);
	sequence_add_stats(sb, out);
	return out;
}

void route_sequences_search(struct request *r)
{
	const char *q = param_str(r, "q_name");
	long page, per_page, total = 0;
	cJSON *out, *list, *s;

	if (!page_params(r, &page, &per_page))
		return;
	out = cJSON_CreateObject();
	list = cJSON_CreateArray();
	cJSON_ArrayForEach(s, store_list(&r->sb->store, "sequences")) {
		if (q && *q && !strcasestr(jstr(s, "name"), q))
			continue;
		if (total >= (page - 1) * per_page && total < page * per_page)
			cJSON_AddItemToArray(list, sequence_out(r->sb, s));
		total++;
	}
	cJSON_AddItemToObject(out, "pagination", pagination(page, per_page, total, false));
	cJSON_AddArrayToObject(out, "breadcrumbs");
	cJSON_AddItemToObject(out, "emailer_campaigns", list);
	cJSON_AddNullToObject(out, "num_fetch_result");
	reply_json(r, 200, out);
}

/* the contact's membership of seq, or NULL */
static cJSON *membership(cJSON *c, const char *seq_id)
{
	cJSON *st;
	cJSON_ArrayForEach(st, cJSON_GetObjectItemCaseSensitive(c, "contact_campaign_statuses"))
		if (strcmp(jstr(st, "emailer_campaign_id"), seq_id) == 0)
			return st;
	return NULL;
}

static bool in_other(cJSON *c, const char *seq_id, bool finished)
{
	cJSON *st;
	cJSON_ArrayForEach(st, cJSON_GetObjectItemCaseSensitive(c, "contact_campaign_statuses")) {
		const char *s = jstr(st, "status");
		if (strcmp(jstr(st, "emailer_campaign_id"), seq_id) == 0)
			continue;
		if (finished ? strcmp(s, "finished") == 0
		             : (strcmp(s, "active") == 0 || strcmp(s, "paused") == 0))
			return true;
	}
	return false;
}

/* another contact of the same account is active or paused in seq (the
 * account's contacts from the index, not every contact) */
static bool same_company_active(struct sandbox *sb, cJSON *c, const char *seq_id)
{
	const char *acct = jstr(c, "account_id");
	size_t n;
	void *const *same = *acct ? multimap_get(&sb->store.account_contacts, acct, &n) : NULL;
	for (size_t i = 0; same && i < n; i++) {
		cJSON *o = same[i], *st;
		if (o == c)
			continue;
		st = membership(o, seq_id);
		if (st && (strcmp(jstr(st, "status"), "active") == 0 || strcmp(jstr(st, "status"), "paused") == 0))
			return true;
	}
	return false;
}

static const char *skip_reason(struct request *r, cJSON *c, const char *seq_id)
{
	const char *email = jstr(c, "email"), *status = jstr(c, "email_status");
	if (!c)
		return "contact_not_found";
	if (membership(c, seq_id))
		return "contacts_already_exists_in_current_campaign";
	if (!*email && !param_bool(r, "sequence_no_email", false))
		return "contacts_without_email";
	if (*email && strcmp(status, "verified") != 0 && strcmp(status, "likely to engage") != 0 &&
	    !param_bool(r, "sequence_unverified_email", false))
		return "contacts_unverified_email";
	if (jbool(c, "_job_change", false) && !param_bool(r, "sequence_job_change", false))
		return "contacts_with_job_change";
	if (in_other(c, seq_id, false) && !param_bool(r, "sequence_active_in_other_campaigns", false))
		return "contacts_active_in_other_campaigns";
	if (in_other(c, seq_id, true) && !param_bool(r, "sequence_finished_in_other_campaigns", false))
		return "contacts_finished_in_other_campaigns";
	if (!param_bool(r, "sequence_same_company_in_same_campaign", false) &&
	    same_company_active(r->sb, c, seq_id))
		return "contacts_in_same_company";
	if (!jbool(c, "_owner_permission", true) &&
	    !param_bool(r, "contacts_without_ownership_permission", false))
		return "contacts_without_ownership_permission";
	return NULL;
}

static void enrol(struct request *r, cJSON *c, const char *seq_id, cJSON *mailbox,
                  const char *status, const char *unpause_at)
{
	cJSON *st = cJSON_CreateObject(), *list;
	char id[25], now[32];
	const char *user = param_str(r, "user_id");

	store_new_id(&r->sb->store, id);
	store_now(now);
	cJSON_AddStringToObject(st, "id", id);
	cJSON_AddStringToObject(st, "emailer_campaign_id", seq_id);
	cJSON_AddStringToObject(st, "status", status);
	cJSON_AddStringToObject(st, "added_at", now);
	jset_str(st, "added_by_user_id", user ? user : jstr(mailbox, "user_id"));
	jset_str(st, "send_email_from_user_id", jstr(mailbox, "user_id"));
	jset_str(st, "send_email_from_email_account_id", jstr(mailbox, "id"));
	jset_str(st, "send_email_from_email_address", jstr(mailbox, "email"));
	jset_str(st, "inactive_reason", NULL);
	jset_str(st, "failure_reason", NULL);
	jset_str(st, "finished_at", NULL);
	jset_str(st, "paused_at", strcmp(status, "paused") == 0 ? now : NULL);
	jset_str(st, "auto_unpause_at", unpause_at);
	cJSON_AddNumberToObject(st, "current_step_position", 1);
	shape_membership(st);
	cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(c, "contact_campaign_statuses"), st);
	list = cJSON_GetObjectItemCaseSensitive(c, "emailer_campaign_ids");
	if (!cJSON_IsArray(list))
		list = cJSON_AddArrayToObject(c, "emailer_campaign_ids");
	cJSON_AddItemToArray(list, cJSON_CreateString(seq_id));
	enrolments_add(&r->sb->store.enrolments, c, st);
}

static cJSON *steps(const cJSON *seq)
{
	cJSON *out = cJSON_CreateArray();
	const cJSON *n = cJSON_GetObjectItemCaseSensitive(seq, "num_steps");
	int count = cJSON_IsNumber(n) ? n->valueint : 1;
	for (int i = 0; i < count && i < 20; i++) {
		cJSON *s = cJSON_CreateObject();
		char id[40];
		snprintf(id, sizeof id, "%.20s%04d", jstr(seq, "id"), i + 1);
		cJSON_AddStringToObject(s, "id", id);
		cJSON_AddStringToObject(s, "emailer_campaign_id", jstr(seq, "id"));
		cJSON_AddNumberToObject(s, "position", i + 1);
		cJSON_AddNumberToObject(s, "wait_time", i == 0 ? 0 : 3);
		cJSON_AddStringToObject(s, "type", i % 3 == 2 ? "call" : "auto_email");
		cJSON_AddStringToObject(s, "wait_mode", "day");
		cJSON_AddItemToArray(out, s);
	}
	return out;
}

/* the mailboxes, as a list; NULL after a 422 */
static cJSON *mailboxes(struct request *r, cJSON *ids)
{
	cJSON *list = cJSON_CreateArray(), *id;
	cJSON_ArrayForEach(id, ids) {
		cJSON *mb = cJSON_IsString(id) ? store_find(&r->sb->store, IX_MAILBOX_ID, id->valuestring) : NULL;
		if (!mb) {
			reply_error(r, 422, "Parameters misconfigured. %s is not a valid ID",
			            cJSON_IsString(id) ? id->valuestring : "?");
			cJSON_Delete(list);
			return NULL;
		}
		if (!jbool(mb, "active", true)) {
			reply_error(r, 422, "These mailboxes are no longer active. %s", jstr(mb, "email"));
			cJSON_Delete(list);
			return NULL;
		}
		cJSON_AddItemReferenceToArray(list, mb);
	}
	return list;
}

void route_sequences_add(struct request *r)
{
	struct sandbox *sb = r->sb;
	cJSON *seq = store_find(&sb->store, IX_SEQUENCE_ID, r->id);
	cJSON *from = param_array(r, "send_email_from_email_account_id");
	cJSON *ids = param_array(r, "contact_ids"), *labels = param_array(r, "label_names");
	const char *status = param_str(r, "status"), *unpause = param_str(r, "auto_unpause_at");
	const char *seq_param = param_str(r, "emailer_campaign_id");
	cJSON *boxes, *out, *done, *skipped, *targets, *it;
	int turn = 0;

	if (!seq) {
		reply_error(r, 422, "Parameters misconfigured. %s is not a valid ID", r->id);
		return;
	}
	if (!from || !cJSON_GetArraySize(from) || (seq_param && strcmp(seq_param, r->id) != 0)) {
		reply_error(r, 422, "Please specify a emailer_campaign_id and send_email_from_email_account_id.");
		return;
	}
	if (!ids && !labels) {
		reply_error(r, 422, "Please specify either contact_ids or label_names.");
		return;
	}
	if (status && strcmp(status, "active") != 0 && strcmp(status, "paused") != 0) {
		reply_error(r, 422, "status must be active or paused");
		return;
	}
	if (unpause && *unpause && (!status || strcmp(status, "paused") != 0)) {
		reply_error(r, 422, "auto_unpause_at can only be set with status paused");
		return;
	}
	boxes = mailboxes(r, from);
	if (!boxes)
		return;
	/* the contacts asked for: by id, or every contact on the lists */
	targets = cJSON_CreateArray();
	if (ids) {
		cJSON_ArrayForEach(it, ids)
			if (cJSON_IsString(it))
				cJSON_AddItemToArray(targets, cJSON_CreateString(it->valuestring));
	} else {
		cJSON *c;
		cJSON_ArrayForEach(c, store_list(&sb->store, "contacts")) {
			cJSON *lid;
			bool hit = false;
			cJSON_ArrayForEach(lid, cJSON_GetObjectItemCaseSensitive(c, "label_ids")) {
				cJSON *l = cJSON_IsString(lid) ? store_find(&sb->store, IX_LABEL_ID, lid->valuestring) : NULL;
				cJSON *n;
				cJSON_ArrayForEach(n, labels)
					hit = hit || (l && cJSON_IsString(n) && strcasecmp(n->valuestring, jstr(l, "name")) == 0);
			}
			if (hit)
				cJSON_AddItemToArray(targets, cJSON_CreateString(jstr(c, "id")));
		}
	}
	out = cJSON_CreateObject();
	done = cJSON_AddArrayToObject(out, "contacts");
	skipped = cJSON_CreateObject();
	cJSON_ArrayForEach(it, targets) {
		cJSON *c = store_find(&sb->store, IX_CONTACT_ID, it->valuestring);
		const char *why = c ? skip_reason(r, c, r->id) : "contact_not_found";
		if (why) {
			if (!cJSON_GetObjectItemCaseSensitive(skipped, it->valuestring))
				cJSON_AddStringToObject(skipped, it->valuestring, why);
			continue;
		}
		/* several mailboxes: each contact gets the next in turn */
		enrol(r, c, r->id, cJSON_GetArrayItem(boxes, turn++ % cJSON_GetArraySize(boxes)),
		      status ? status : "active", unpause && *unpause ? unpause : NULL);
		cJSON_AddItemToArray(done, store_public_contact(c));
	}
	cJSON_Delete(targets);
	cJSON_Delete(boxes);
	cJSON_AddItemToObject(out, "skipped_contact_ids", skipped);
	cJSON_AddItemToObject(out, "emailer_campaign", sequence_out(sb, seq));
	cJSON_AddItemToObject(out, "emailer_steps", steps(seq));
	cJSON_AddArrayToObject(out, "emailer_touches");
	{
		cJSON *team = cJSON_AddObjectToObject(out, "team");
		cJSON_AddStringToObject(team, "id", store_team_id(&sb->store));
	}
	cJSON_AddNullToObject(out, "signals_hash");
	reply_json(r, 200, out);
}

void route_sequences_remove_or_stop(struct request *r)
{
	struct sandbox *sb = r->sb;
	cJSON *seqs = param_array(r, "emailer_campaign_ids"), *ids = param_array(r, "contact_ids");
	const char *mode = param_str(r, "mode");
	cJSON *out, *list, *s, *it;
	long n = 0;
	char now[32];

	if (!seqs || !ids || !mode) {
		reply_error(r, 422, "Please specify emailer_campaign_ids, contact_ids and mode.");
		return;
	}
	if (strcmp(mode, "mark_as_finished") != 0 && strcmp(mode, "remove") != 0 && strcmp(mode, "stop") != 0) {
		reply_error(r, 422, "mode must be mark_as_finished, remove or stop");
		return;
	}
	cJSON_ArrayForEach(s, seqs)
		if (!cJSON_IsString(s) || !store_find(&sb->store, IX_SEQUENCE_ID, s->valuestring)) {
			reply_error(r, 422, "Parameters misconfigured. %s is not a valid ID",
			            cJSON_IsString(s) ? s->valuestring : "?");
			return;
		}
	store_now(now);
	out = cJSON_CreateObject();
	list = cJSON_AddArrayToObject(out, "contacts");
	cJSON_ArrayForEach(it, ids) {
		cJSON *c = cJSON_IsString(it) ? store_find(&sb->store, IX_CONTACT_ID, it->valuestring) : NULL;
		bool touched = false;
		if (!c)
			continue;
		cJSON_ArrayForEach(s, seqs) {
			cJSON *st = membership(c, s->valuestring);
			if (!st)
				continue;
			touched = true;
			if (strcmp(mode, "remove") == 0) {
				cJSON *list_ids = cJSON_GetObjectItemCaseSensitive(c, "emailer_campaign_ids"), *x;
				int i = 0;
				enrolments_remove(&sb->store.enrolments, st);
				cJSON_DetachItemViaPointer(cJSON_GetObjectItemCaseSensitive(c, "contact_campaign_statuses"), st);
				cJSON_Delete(st);
				cJSON_ArrayForEach(x, list_ids) {
					if (cJSON_IsString(x) && strcmp(x->valuestring, s->valuestring) == 0) {
						cJSON_DeleteItemFromArray(list_ids, i);
						break;
					}
					i++;
				}
			} else if (strcmp(mode, "mark_as_finished") == 0) {
				jset_str(st, "status", "finished");
				jset_str(st, "inactive_reason", "manually finished");
				jset_str(st, "finished_at", now);
				/* on no step any more, as Apollo's example shows */
				jset_str(st, "current_step_position", NULL);
				enrolments_restatus(&sb->store.enrolments, st);
			} else {
				/* stop: progress halted (Apollo's exact result is not documented) */
				jset_str(st, "status", "paused");
				jset_str(st, "inactive_reason", "manually stopped");
				jset_str(st, "paused_at", now);
				jset_str(st, "auto_unpause_at", NULL);
				enrolments_restatus(&sb->store.enrolments, st);
			}
		}
		if (touched) {
			n++;
			cJSON_AddItemToArray(list, store_public_contact(c));
		}
	}
	{
		cJSON *seq_list = cJSON_AddArrayToObject(out, "emailer_campaigns");
		cJSON_ArrayForEach(s, seqs) {
			cJSON *o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "id", s->valuestring);
			cJSON_AddItemToArray(seq_list, o);
		}
	}
	cJSON_AddNumberToObject(out, "num_contacts", (double)n);
	{
		cJSON *first = store_find(&sb->store, IX_SEQUENCE_ID, cJSON_GetArrayItem(seqs, 0)->valuestring);
		cJSON *stats = sequence_out(sb, first);
		cJSON_AddItemToObject(out, "contact_statuses",
		                      cJSON_DetachItemFromObjectCaseSensitive(stats, "contact_statuses"));
		cJSON_Delete(stats);
	}
	cJSON_AddArrayToObject(out, "emailer_steps");
	reply_json(r, 200, out);
}
