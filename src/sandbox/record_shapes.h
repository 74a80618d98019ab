/* record_shapes.h - records in the shape Apollo sends them: every field
 * Apollo's documented examples carry is present, and a field with no value
 * is null (not left out, not ""), as in apollo-api.md §2-12. The seed
 * writes only the fields it sets; these fill in the rest when it is
 * loaded, so that a client meets the nulls it will meet in Apollo.
 *
 * A field already there is left as it is; only missing ones are added. */
#ifndef SANDBOX_RECORD_SHAPES_H
#define SANDBOX_RECORD_SHAPES_H

#include <cjson/cJSON.h>

/* a contact (apollo-api.md §2) */
void shape_contact(cJSON *c);
/* The fields no request sets on a contact: null on every contact the API
 * makes, until Apollo has a value (its CRM links, enrichment, activity).
 * A contact made by a request does not store them (17 of its ~50 values:
 * a long bulk_create run spends its time making values); they are put
 * into c, a copy about to be sent, after sanitized_phone, where Apollo's
 * reply has them, unless c has them already (a seed or state contact). */
void shape_contact_unset(cJSON *c);
/* one of a contact's contact_campaign_statuses (§5): finished_at,
 * paused_at, inactive_reason, failure_reason, current_step_position...
 * null when unset */
void shape_membership(cJSON *st);
/* an account (§6) */
void shape_account(cJSON *a);
/* a user of the team (§10); team_id is the team's */
void shape_user(cJSON *u, const char *team_id);
/* a mailbox (email account, §10) */
void shape_mailbox(cJSON *m);
/* an account stage (GET /account_stages, §6): display_name the name's,
 * category and is_meeting_set null when unset */
void shape_account_stage(cJSON *st, const char *team_id);

#endif
