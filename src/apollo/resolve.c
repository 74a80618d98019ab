/* apollo/resolve.c - see apollo/resolve.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "apollo/api.h"
#include "apollo/reply_shape.h"
#include "apollo/resolve.h"
#include "common/exit_codes.h"
#include "common/near_names.h"

void resolver_init(struct resolver *rv, struct http_client *hc)
{
	memset(rv, 0, sizeof *rv);
	rv->hc = hc;
}

void resolver_free(struct resolver *rv)
{
	cJSON_Delete(rv->users.items);
	cJSON_Delete(rv->mailboxes.items);
	rv->users.items = rv->mailboxes.items = NULL;
}

static int lookup_failed(struct resolver *rv, const char *what, const struct http_request *r)
{
	snprintf(rv->error, sizeof rv->error, "cannot look up %s: %s", what, r->message);
	rv->lookup_failed = true;
	return r->outcome == HTTP_REFUSED && (r->status == 401 || r->status == 403) ? EXIT_CONFIG : EXIT_API;
}

/* the list, read on first use; a failure is kept and given again */
static int list_once(struct resolver *rv, struct resolver_list *l, const char *what,
                     int (*read)(struct http_client *hc, cJSON *out, struct http_request *failed))
{
	struct http_request failed;
	cJSON *items;

	rv->lookup_failed = false;
	if (l->items)
		return EXIT_OK;
	if (l->failed) {
		snprintf(rv->error, sizeof rv->error, "%s", l->why);
		rv->lookup_failed = true;
		return l->failed;
	}
	items = cJSON_CreateArray();
	if (read(rv->hc, items, &failed) < 0) {
		cJSON_Delete(items);
		l->failed = lookup_failed(rv, what, &failed);
		snprintf(l->why, sizeof l->why, "%s", rv->error);
		return l->failed;
	}
	l->items = items;
	return EXIT_OK;
}

static int read_users(struct http_client *hc, cJSON *out, struct http_request *failed)
{
	return api_list_users(hc, false, out, failed);
}

/* Appends to a message; a and b may be Apollo's names and ids, so each
 * goes in on one line without control characters (reply_quote) */
static void append(char *buf, size_t size, const char *fmt, const char *a, const char *b)
{
	size_t len = strlen(buf);
	char qa[260], qb[260];
	if (len < size)
		snprintf(buf + len, size - len, fmt, reply_quote(a, 200, qa, sizeof qa), reply_quote(b, 200, qb, sizeof qb));
}

#define SEQUENCE_SUGGESTIONS 5

static const char *const list_them_all =
	"`apollo-csv export sequences` writes them all, with their ids, to sequences.csv";

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* Apollo's created_at ("2025-09-29T11:10:56.231Z", "...+02:00") as
 * "2025-09-29 11:10 UTC" ("UTC+02:00"); without a zone, the date alone
 * (a time without its zone would mislead); false for anything else */
static bool sequence_created(const char *at, char *out, size_t size)
{
	const char *zone;

	if (strlen(at) < 10 || !digits(at, 4) || at[4] != '-' || !digits(at + 5, 2) || at[7] != '-' ||
	    !digits(at + 8, 2))
		return false;
	if (at[10] != 'T' || strlen(at) < 16 || !digits(at + 11, 2) || at[13] != ':' || !digits(at + 14, 2)) {
		snprintf(out, size, "%.10s", at);
		return true;
	}
	zone = at + 16 + strspn(at + 16, ":.0123456789");
	if (strcmp(zone, "Z") == 0 || strcmp(zone, "+00:00") == 0 || strcmp(zone, "-00:00") == 0)
		snprintf(out, size, "%.10s %.5s UTC", at, at + 11);
	else if ((*zone == '+' || *zone == '-') && strlen(zone) == 6 && digits(zone + 1, 2) &&
	         zone[3] == ':' && digits(zone + 4, 2))
		snprintf(out, size, "%.10s %.5s UTC%s", at, at + 11, zone);
	else
		snprintf(out, size, "%.10s", at);
	return true;
}

/* " 5 steps, created 2025-09-29 11:10 UTC, active": what tells apart
 * sequences of one name, each part left out when Apollo did not say it */
static void describe_sequence(char *buf, size_t size, const cJSON *s)
{
	const cJSON *steps = cJSON_GetObjectItemCaseSensitive(s, "num_steps");
	const cJSON *active = cJSON_GetObjectItemCaseSensitive(s, "active");
	const char *created = api_str(s, "created_at"), *sep = "  ";
	char part[80];

	append(buf, size, "\n  %s%s", api_str(s, "id"), "");
	if (cJSON_IsNumber(steps) || (cJSON_IsString(steps) && strspn(steps->valuestring, "0123456789") &&
	                              !steps->valuestring[strspn(steps->valuestring, "0123456789")])) {
		long n = cJSON_IsNumber(steps) ? (long)steps->valuedouble : atol(steps->valuestring);
		snprintf(part, sizeof part, "%ld step%s", n, n == 1 ? "" : "s");
		append(buf, size, "%s%s", sep, part);
		sep = ", ";
	}
	if (sequence_created(created, part, sizeof part)) {
		append(buf, size, "%screated %s", sep, part);
		sep = ", ";
	}
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(s, "archived")))
		append(buf, size, "%s%s", sep, "archived");
	else if (cJSON_IsBool(active))
		append(buf, size, "%s%s", sep, cJSON_IsTrue(active) ? "active" : "paused");
}

void sequences_sharing_name(char *buf, size_t size, const char *name, const cJSON *list)
{
	const cJSON *s;
	int matches = 0;

	cJSON_ArrayForEach(s, list)
		matches += strcasecmp(api_str(s, "name"), name) == 0;
	snprintf(buf, size, "--sequence \"%s\": %d sequences have this name; choose one with "
	         "--sequence-id ID:", name, matches);
	cJSON_ArrayForEach(s, list)
		if (strcasecmp(api_str(s, "name"), name) == 0)
			describe_sequence(buf, size, s);
}

void sequence_not_found(char *buf, size_t size, const char *name, const cJSON *list, bool searched)
{
	size_t n = (size_t)cJSON_GetArraySize(list), nnear, out[SEQUENCE_SUGGESTIONS], shown, i = 0;
	const char **names = calloc(n ? n : 1, sizeof *names);
	const cJSON *s;

	if (!names) {
		snprintf(buf, size, "--sequence \"%s\": no sequence has this name or id", name);
		return;
	}
	cJSON_ArrayForEach(s, list)
		names[i++] = api_str(s, "name");
	if (searched) {
		names_by_distance(name, names, n, out, SEQUENCE_SUGGESTIONS);
		nnear = n;
	} else {
		nnear = near_names(name, names, n, out, SEQUENCE_SUGGESTIONS);
	}
	free(names);
	shown = nnear < SEQUENCE_SUGGESTIONS ? nnear : SEQUENCE_SUGGESTIONS;
	if (!n) {
		snprintf(buf, size, "--sequence \"%s\": the team has no sequences", name);
		return;
	}
	if (!nnear) {
		snprintf(buf, size, "--sequence \"%s\": no sequence has this name or id, nor a name close "
		         "to it; %s", name, list_them_all);
		return;
	}
	snprintf(buf, size, "--sequence \"%s\": no sequence has this name or id; the nearest name%s:",
	         name, shown == 1 ? "" : "s");
	for (i = 0; i < shown; i++) {
		s = cJSON_GetArrayItem(list, (int)out[i]);
		append(buf, size, "\n  %s  %s", api_str(s, "id"), api_str(s, "name"));
	}
	if (nnear > shown) {
		char more[32];
		snprintf(more, sizeof more, "%zu", nnear - shown);
		append(buf, size, "\n(%s more; %s)", more, list_them_all);
	}
}

/* an id given with --sequence-id that no sequence has */
static int no_such_id(struct resolver *rv, const char *id, const cJSON *list)
{
	const cJSON *s;

	cJSON_ArrayForEach(s, list)
		if (strcasecmp(api_str(s, "name"), id) == 0) {
			snprintf(rv->error, sizeof rv->error, "--sequence-id %s: that is a sequence's name, not "
			         "its id; give a name with --sequence", id);
			return EXIT_CONFIG;
		}
	snprintf(rv->error, sizeof rv->error, "--sequence-id %s: no sequence has this id; %s", id,
	         list_them_all);
	return EXIT_CONFIG;
}

/* the sequence with this id (which settles it) or name in list, or NULL;
 * *matches says how many have it */
static const cJSON *find_sequence(const cJSON *list, const char *name_or_id, bool by_id, int *matches)
{
	const cJSON *s, *hit = NULL;

	*matches = 0;
	cJSON_ArrayForEach(s, list)
		if (strcmp(api_str(s, "id"), name_or_id) == 0) {
			*matches = 1;
			return s;
		}
	if (!by_id)
		cJSON_ArrayForEach(s, list)
			if (strcasecmp(api_str(s, "name"), name_or_id) == 0) {
				hit = hit ? hit : s;
				++*matches;
			}
	return hit;
}

int resolve_sequence(struct resolver *rv, const char *name_or_id, bool by_id, bool allow_inactive,
                     struct sequence_ref *out)
{
	cJSON *list = cJSON_CreateArray();
	const cJSON *hit;
	struct http_request failed;
	bool searched = false;
	int matches, rc = EXIT_CONFIG;

	rv->lookup_failed = false;
	/* q_name finds names containing the text, so a name right the first
	 * time costs one call; an id, or a name it does not find, needs the
	 * full list */
	if (!by_id) {
		if (api_list_sequences(rv->hc, name_or_id, list, &failed) < 0) {
			cJSON_Delete(list);
			return lookup_failed(rv, "the sequence", &failed);
		}
		searched = cJSON_GetArraySize(list) > 0;
	}
	if (!searched && api_list_sequences(rv->hc, NULL, list, &failed) < 0) {
		cJSON_Delete(list);
		return lookup_failed(rv, "the sequence", &failed);
	}
	hit = find_sequence(list, name_or_id, by_id, &matches);
	if (matches > 1)
		sequences_sharing_name(rv->error, sizeof rv->error, name_or_id, list);
	else if (!hit && by_id)
		rc = no_such_id(rv, name_or_id, list);
	else if (!hit)
		sequence_not_found(rv->error, sizeof rv->error, name_or_id, list, searched);
	if (matches != 1) {
		cJSON_Delete(list);
		return rc;
	}
	snprintf(out->id, sizeof out->id, "%s", api_str(hit, "id"));
	reply_quote(api_str(hit, "name"), sizeof out->name - 4, out->name, sizeof out->name);
	out->active = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(hit, "active"));
	out->archived = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(hit, "archived"));
	cJSON_Delete(list);
	if ((!out->active || out->archived) && !allow_inactive) {
		snprintf(rv->error, sizeof rv->error, "--sequence \"%s\" is %s: contacts added to it get "
		         "no emails; use --allow-inactive to add them anyway", out->name,
		         out->archived ? "archived" : "not active");
		return EXIT_CONFIG;
	}
	return EXIT_OK;
}

int resolve_mailboxes(struct resolver *rv, const char *const *names, size_t n, char (*ids)[64])
{
	int rc;

	if ((rc = list_once(rv, &rv->mailboxes, "the mailboxes", api_list_mailboxes)) != EXIT_OK)
		return rc;
	for (size_t i = 0; i < n; i++) {
		const cJSON *m, *hit = NULL;
		int matches = 0;
		char q[260];
		/* an id settles it; an address may be connected twice (a mailbox
		 * reconnected), and which is meant is not guessed */
		cJSON_ArrayForEach(m, rv->mailboxes.items)
			if (strcmp(api_str(m, "id"), names[i]) == 0) {
				hit = m;
				matches = 1;
				break;
			}
		if (!hit)
			cJSON_ArrayForEach(m, rv->mailboxes.items)
				if (strcasecmp(api_str(m, "email"), names[i]) == 0) {
					hit = hit ? hit : m;
					matches++;
				}
		if (matches > 1) {
			snprintf(rv->error, sizeof rv->error, "--from %s: %d mailboxes have this address; name one by "
			         "its id:", names[i], matches);
			cJSON_ArrayForEach(m, rv->mailboxes.items)
				if (strcasecmp(api_str(m, "email"), names[i]) == 0)
					append(rv->error, sizeof rv->error, "\n  %s  %s", api_str(m, "id"),
					       cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(m, "active")) ? "(not active)" : "");
			return EXIT_CONFIG;
		}
		if (!hit) {
			snprintf(rv->error, sizeof rv->error, "--from %s: no such mailbox; the team's mailboxes are:",
			         names[i]);
			cJSON_ArrayForEach(m, rv->mailboxes.items)
				append(rv->error, sizeof rv->error, "\n  %s%s", api_str(m, "email"),
				       cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(m, "active")) ? " (not active)" : "");
			return EXIT_CONFIG;
		}
		if (cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(hit, "active"))) {
			snprintf(rv->error, sizeof rv->error, "--from %s: this mailbox is not active, so it cannot "
			         "send; reconnect it in Apollo or choose another", reply_quote(api_str(hit, "email"), 200, q, sizeof q));
			return EXIT_CONFIG;
		}
		snprintf(ids[i], 64, "%s", api_str(hit, "id"));
	}
	return EXIT_OK;
}

int resolve_user(struct resolver *rv, const char *name, char id[64])
{
	const cJSON *u;
	int matches = 0, rc;

	if ((rc = list_once(rv, &rv->users, "the team's users", read_users)) != EXIT_OK)
		return rc;
	cJSON_ArrayForEach(u, rv->users.items)
		if (strcmp(api_str(u, "id"), name) == 0 || strcasecmp(api_str(u, "email"), name) == 0 ||
		    strcasecmp(api_str(u, "name"), name) == 0) {
			if (!matches++)
				snprintf(id, 64, "%s", api_str(u, "id"));
		}
	if (matches == 1)
		return EXIT_OK;
	snprintf(rv->error, sizeof rv->error, "user \"%s\": %s; the team's users are:", name,
	         matches ? "several users have this name" : "no such user");
	cJSON_ArrayForEach(u, rv->users.items)
		append(rv->error, sizeof rv->error, "\n  %s  %s", api_str(u, "email"), api_str(u, "name"));
	return EXIT_CONFIG;
}
