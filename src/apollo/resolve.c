/* apollo/resolve.c - see apollo/resolve.h. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "apollo/api.h"
#include "apollo/resolve.h"
#include "common/exit_codes.h"

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

static void append(char *buf, size_t size, const char *fmt, const char *a, const char *b)
{
	size_t len = strlen(buf);
	if (len < size)
		snprintf(buf + len, size - len, fmt, a, b);
}

int resolve_sequence(struct resolver *rv, const char *name_or_id, bool allow_inactive,
                     struct sequence_ref *out)
{
	cJSON *list = cJSON_CreateArray(), *s, *hit = NULL;
	struct http_request failed;
	int matches = 0;

	rv->lookup_failed = false;
	/* q_name finds names containing the text; an id needs the full list */
	if (api_list_sequences(rv->hc, name_or_id, list, &failed) < 0) {
		cJSON_Delete(list);
		return lookup_failed(rv, "the sequence", &failed);
	}
	if (!cJSON_GetArraySize(list) && api_list_sequences(rv->hc, NULL, list, &failed) < 0) {
		cJSON_Delete(list);
		return lookup_failed(rv, "the sequence", &failed);
	}
	cJSON_ArrayForEach(s, list)
		if (strcmp(api_str(s, "id"), name_or_id) == 0) {
			hit = s;
			matches = 1;
			break;
		}
	if (!hit)
		cJSON_ArrayForEach(s, list)
			if (strcasecmp(api_str(s, "name"), name_or_id) == 0) {
				hit = hit ? hit : s;
				matches++;
			}
	if (matches != 1) {
		if (matches > 1) {
			snprintf(rv->error, sizeof rv->error, "--sequence \"%s\": %d sequences have this name; "
			         "name one by its id:", name_or_id, matches);
			cJSON_ArrayForEach(s, list)
				if (strcasecmp(api_str(s, "name"), name_or_id) == 0)
					append(rv->error, sizeof rv->error, "\n  %s  %s", api_str(s, "id"), api_str(s, "name"));
		} else {
			snprintf(rv->error, sizeof rv->error, "--sequence \"%s\": no sequence has this name or id%s",
			         name_or_id, cJSON_GetArraySize(list) ? "; sequences with similar names:" : "");
			cJSON_ArrayForEach(s, list)
				append(rv->error, sizeof rv->error, "\n  %s  %s", api_str(s, "id"), api_str(s, "name"));
		}
		cJSON_Delete(list);
		return EXIT_CONFIG;
	}
	snprintf(out->id, sizeof out->id, "%s", api_str(hit, "id"));
	snprintf(out->name, sizeof out->name, "%s", api_str(hit, "name"));
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
			         "send; reconnect it in Apollo or choose another", api_str(hit, "email"));
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
