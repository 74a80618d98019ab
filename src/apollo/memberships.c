/* apollo/memberships.c - see apollo/memberships.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apollo/api.h"
#include "apollo/memberships.h"
#include "apollo/reply_shape.h"
#include "values/start_time.h"

/* the contact's membership of the sequence, from a GET contacts/{id} reply:
 * nothing known unless the reply is that very contact, its fields of the
 * types Apollo documents (another contact's statuses are not this one's) */
static void read_membership(const cJSON *reply, const char *id, const char *sequence_id, struct api_membership *m)
{
	const cJSON *contact = cJSON_GetObjectItemCaseSensitive(reply, "contact");
	const cJSON *statuses = cJSON_GetObjectItemCaseSensitive(contact, "contact_campaign_statuses"), *st;
	struct reply_check rc;

	reply_check_init(&rc, "contacts");
	if (!reply_member(&rc, reply, "", "contact", "!{id!:s,contact_campaign_statuses:[{emailer_campaign_id:s,"
	                  "status:s,added_at:s}]}") || strcmp(api_str(contact, "id"), id) != 0)
		return;
	/* a contact sent back without its statuses tells nothing of them */
	if (!cJSON_IsArray(statuses))
		return;
	m->state = API_MEMBER_NOT_IN;
	cJSON_ArrayForEach(st, statuses) {
		if (strcmp(api_str(st, "emailer_campaign_id"), sequence_id) != 0)
			continue;
		m->state = API_MEMBER_IN;
		snprintf(m->status, sizeof m->status, "%s", api_str(st, "status"));
		if (!parse_instant_precise(api_str(st, "added_at"), &m->added_at))
			m->added_at = 0;
		return;
	}
}

void api_look_up_memberships(struct http_client *hc, const char *sequence_id, const char *const *ids,
                             size_t n, struct api_membership *out)
{
	struct http_request *reqs = calloc(n + 1, sizeof *reqs);
	struct http_request **pr = calloc(n + 1, sizeof *pr);

	memset(out, 0, n * sizeof *out);
	if (!reqs || !pr) {
		free(reqs);
		free(pr);
		return;   /* every one unknown */
	}
	for (size_t i = 0; i < n; i++) {
		http_request_init(&reqs[i], "GET", "contacts", NULL, "contacts/%s", ids[i]);
		/* a key that may not look contacts up still finishes its run */
		reqs[i].optional = true;
		pr[i] = &reqs[i];
	}
	http_run(hc, pr, n);
	for (size_t i = 0; i < n; i++) {
		if (reqs[i].outcome == HTTP_OK)
			read_membership(reqs[i].json, ids[i], sequence_id, &out[i]);
		http_request_free(&reqs[i]);
	}
	free(reqs);
	free(pr);
}

enum api_added api_added_since(const struct api_membership *m, double run_start)
{
	if (m->state != API_MEMBER_IN || m->added_at <= 0 || run_start <= 0)
		return API_ADDED_UNKNOWN;
	return m->added_at >= run_start - API_ADDED_MARGIN ? API_ADDED_SINCE : API_ADDED_BEFORE;
}
