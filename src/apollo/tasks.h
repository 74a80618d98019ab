/* apollo/tasks.h - Apollo's tasks (apollo-api.md §11) in terms of contact
 * ids and settings: tasks/bulk_create for tasks that share their
 * settings, tasks for the rest.
 *
 * Apollo makes a second task when a create is sent twice, so no create is
 * sent twice blindly: each request goes once (apollo/http.h, `once`); one
 * that Apollo may have done without a reply reaching us is looked for
 * with tasks/search (by contact and content, made since the run began by
 * Apollo's clock) and sent again only if its task is not there. Knows nothing of CSV or rows. */
#ifndef APOLLO_API_TASKS_H
#define APOLLO_API_TASKS_H

#include "apollo/api.h"
#include "apollo/send_once.h"

#define API_TASKS_PER_CALL 100   /* contacts per tasks/bulk_create: Apollo's maximum
                                  * is not documented; 100 as for contacts */

/* one task; "" or NULL for a field not set */
struct api_task {
	const char *contact_id;
	const char *user_id;
	const char *type;          /* call, action_item, ... */
	const char *status;        /* scheduled, completed, skipped */
	const char *due_at;        /* ISO 8601 */
	const char *priority;      /* high, medium, low */
	const char *note;
	const char *title;         /* only tasks (single) takes a title */
};

/* Makes tasks[0..n), telling hooks what is sent and made (may be NULL);
 * after an interrupted run (hooks->resumed) it first looks for the tasks
 * that run made before it could write so down. out[i]:
 *   API_CREATED   id = the task's id; reason "found" when a look found it
 *                 (made by an earlier try or run) rather than a reply
 *   API_REFUSED   Apollo's words in message
 *   API_STOPPED   not sent: the rate limit (message)
 *   API_GAVE_UP   not made, no answer after every retry: safe to send again
 *   API_UNKNOWN   may have been made: looking for it failed, or found
 *                 several that fit (message)
 *   API_UNCONFIRMED  a 200 whose reply does not show it (message) */
void api_create_tasks(struct http_client *hc, const struct api_task *tasks, size_t n,
                      const struct once_hooks *hooks, struct api_item *out);

/* The end of a run: counts[i] = how many tasks made since `since`
 * (Apollo's clock; 0: any time) have task i's content; more than one is a
 * second copy. 0, or -1 with why the search failed. */
int api_count_tasks(struct http_client *hc, const struct api_task *tasks, size_t n, double since,
                    unsigned *counts, char *why, size_t whylen);

#endif
