/* record_shapes.h - records in the shape Apollo sends them: every field
 * Apollo's documented examples carry is present, and a field with no value
 * is null (not left out, not ""), as in apollo-api.md §2-12. The seed
 * writes only the fields it sets; these fill in the rest when it is
 * loaded, so that a client meets the nulls it will meet in Apollo.
 *
 * A field already there is left as it is; only missing ones are added. */
#ifndef SANDBOX_RECORD_SHAPES_H
#define SANDBOX_RECORD_SHAPES_H

#include <stdbool.h>
#include <cjson/cJSON.h>

/* a contact (apollo-api.md §2) */
void shape_contact(cJSON *c);
/* A contact a request made stores only what it was given and what it
 * gains: its id, team, the fields it was sent, email_status, its dates and
 * name, and the lists and objects routes change in place (phone_numbers,
 * label_ids, custom_field_errors, typed_custom_fields, emailer_campaign_ids,
 * contact_campaign_statuses). What every such contact starts with the same
 * is not stored: the fields it was not sent and the ones no request sets
 * (null), contact_emails ([]), source, original_source,
 * source_display_name, existence_level, and the sandbox's own _job_change
 * (false) and _owner_permission (true), which jbool reads with those
 * defaults. Half of a contact's values: a long bulk_create run spent its
 * time making them (1.19 -> 0.73 GB for 400,000 contacts).
 *
 * shape_contact_is_made: c is such a contact (it has no existence_level;
 * a seed or state contact always has one).
 * shape_contact_made: a copy of it with every field, in the order Apollo's
 * reply has them, then any other members in their order; with_own: the
 * sandbox's own '_' fields too (a state file keeps them). NULL when out of
 * memory. */
bool shape_contact_is_made(const cJSON *c);
cJSON *shape_contact_made(const cJSON *c, bool with_own);
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
