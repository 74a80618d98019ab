#!/bin/sh
# Sequences: search with metrics ("loading" where the seed says so),
# add_contact_ids with every skip reason and the flag that waives it,
# label-based enrolment, paused enrolment, mailbox rotation, inactive
# mailboxes, and remove_or_stop_contact_ids in its three modes.
. "$(dirname "$0")/sandbox-lib.sh"
sandbox_start

# the first id of a list in the seed's notes
note() { sed -n "s/.*\"$1\": \[\"\([0-9a-f]*\)\".*/\1/p" "$SEED" | head -1; }
# a sequence id by name
seq_id() {
	api POST emailer_campaigns/search "{\"q_name\":\"$1\"}"
	sed -n 's/.*"emailer_campaigns":\[{"id":"\([0-9a-f]*\)".*/\1/p' body
}
# mailbox ids from the seed: the active ones, and the inactive one
mailboxes=$(tr -d ' \n' < "$SEED" | grep -o '"email_accounts":\[[^]]*\]' |
	grep -o '{"id":"[0-9a-f]*"[^}]*}' )
active_box=$(printf '%s\n' "$mailboxes" | grep '"active":true' | head -1 | sed 's/{"id":"\([0-9a-f]*\)".*/\1/')
second_box=$(printf '%s\n' "$mailboxes" | grep '"active":true' | sed -n 2p | sed 's/{"id":"\([0-9a-f]*\)".*/\1/')
dead_box=$(printf '%s\n' "$mailboxes" | grep '"active":false' | head -1 | sed 's/{"id":"\([0-9a-f]*\)".*/\1/')
[ -n "$active_box" ] && [ -n "$second_box" ] && [ -n "$dead_box" ] || fail "no mailboxes in the seed"

Q4=$(seq_id "Q4 Outbound")
[ -n "$Q4" ] || fail "no Q4 Outbound sequence: $(cat body)"
expect_body '"unique_scheduled":10'
expect_body '"contact_statuses":{"active":7,"paused":2,"finished":1'
LOADING=$(seq_id "Re-engage Cold")
expect_body '"open_rate":"loading"'
api POST emailer_campaigns/search '{"q_name":"Duplicate Name Sequence"}'
expect_body '"total_entries":2'

# a contact with nothing against it
api POST contacts/bulk_create '{"contacts":[{"first_name":"Olga","last_name":"Open","email":"olga@sequence-test.com"}]}'
fresh=$(json_ids | head -1)
[ -n "$fresh" ] || fail "no fresh contact"

active=$(note active_in_other); finished=$(note finished_in_other); noemail=$(note without_email)
unverified=$(note unverified_email); job=$(note job_change); company=$(note same_company_as_active)
owner=$(note no_ownership_permission); already=$(note already_in_Q4_Outbound)
ids="\"$fresh\",\"$active\",\"$finished\",\"$noemail\",\"$unverified\",\"$job\",\"$company\",\"$owner\",\"$already\",\"ffffffffffffffffffffffff\""

api POST "emailer_campaigns/$Q4/add_contact_ids" "{\"emailer_campaign_id\":\"$Q4\",\"contact_ids\":[$ids],\"send_email_from_email_account_id\":\"$active_box\"}"
expect_code 200
expect_body "\"$active\":\"contacts_active_in_other_campaigns\""
expect_body "\"$finished\":\"contacts_finished_in_other_campaigns\""
expect_body "\"$noemail\":\"contacts_without_email\""
expect_body "\"$unverified\":\"contacts_unverified_email\""
expect_body "\"$job\":\"contacts_with_job_change\""
expect_body "\"$company\":\"contacts_in_same_company\""
expect_body "\"$owner\":\"contacts_without_ownership_permission\""
expect_body "\"$already\":\"contacts_already_exists_in_current_campaign\""
expect_body '"ffffffffffffffffffffffff":"contact_not_found"'
expect_no_body "\"$fresh\":\""
expect_body "\"emailer_campaign_id\":\"$Q4\",\"status\":\"active\""
expect_body '"emailer_steps":[{'

# every flag waives its reason
api POST "emailer_campaigns/$Q4/add_contact_ids" "{\"emailer_campaign_id\":\"$Q4\",\"contact_ids\":[$ids],\"send_email_from_email_account_id\":\"$active_box\",
 \"sequence_active_in_other_campaigns\":true,\"sequence_finished_in_other_campaigns\":\"true\",\"sequence_no_email\":true,
 \"sequence_unverified_email\":true,\"sequence_job_change\":true,\"sequence_same_company_in_same_campaign\":true,
 \"contacts_without_ownership_permission\":true}"
expect_code 200
[ "$(grep -o '"skipped_contact_ids":{[^}]*}' body)" = "\"skipped_contact_ids\":{\"$fresh\":\"contacts_already_exists_in_current_campaign\",\"$already\":\"contacts_already_exists_in_current_campaign\",\"ffffffffffffffffffffffff\":\"contact_not_found\"}" ] ||
	fail "with every flag: $(grep -o '"skipped_contact_ids":{[^}]*}' body)"
stats
expect_stat "\"$Q4\":17"

# label-based enrolment, paused until a time, two mailboxes in turn
WEB=$(seq_id "Webinar Invitees")
api POST contacts/bulk_create '{"append_label_names":["Webinar Nov"],"contacts":[{"first_name":"Lia","last_name":"One","email":"lia@label-test.com"},{"first_name":"Lou","last_name":"Two","email":"lou@label-test.com"}]}'
api POST "emailer_campaigns/$WEB/add_contact_ids" "{\"emailer_campaign_id\":\"$WEB\",\"label_names\":[\"Webinar Nov\"],\"send_email_from_email_account_id\":[\"$active_box\",\"$second_box\"],\"status\":\"paused\",\"auto_unpause_at\":\"2026-12-01T14:00:00Z\"}"
expect_code 200
expect_body '"skipped_contact_ids":{}'
expect_body '"auto_unpause_at":"2026-12-01T14:00:00Z"'
expect_body "\"send_email_from_email_account_id\":\"$active_box\""
expect_body "\"send_email_from_email_account_id\":\"$second_box\""
[ "$(grep -o '"status":"paused"' body | wc -l)" -eq 2 ] || fail "not paused"

# refusals
api POST "emailer_campaigns/$WEB/add_contact_ids" "{\"emailer_campaign_id\":\"$WEB\",\"contact_ids\":[\"$fresh\"],\"send_email_from_email_account_id\":\"$dead_box\"}"
expect_code 422
expect_body 'These mailboxes are no longer active.'
api POST "emailer_campaigns/$WEB/add_contact_ids" "{\"emailer_campaign_id\":\"$WEB\",\"contact_ids\":[\"$fresh\"]}"
expect_code 422
expect_body 'Please specify a emailer_campaign_id and send_email_from_email_account_id.'
api POST "emailer_campaigns/$WEB/add_contact_ids" "{\"emailer_campaign_id\":\"$WEB\",\"send_email_from_email_account_id\":\"$active_box\"}"
expect_code 422
expect_body 'Please specify either contact_ids or label_names.'
api POST "emailer_campaigns/$WEB/add_contact_ids" "{\"emailer_campaign_id\":\"$WEB\",\"contact_ids\":[\"$fresh\"],\"send_email_from_email_account_id\":\"$active_box\",\"auto_unpause_at\":\"2026-12-01T14:00:00Z\"}"
expect_code 422

# remove_or_stop_contact_ids: finished, stopped, removed
api POST emailer_campaigns/remove_or_stop_contact_ids "{\"emailer_campaign_ids\":[\"$Q4\"],\"contact_ids\":[\"$fresh\"],\"mode\":\"mark_as_finished\"}"
expect_code 200
expect_body '"inactive_reason":"manually finished"'
expect_body '"num_contacts":1'
api POST emailer_campaigns/remove_or_stop_contact_ids "{\"emailer_campaign_ids\":[\"$Q4\"],\"contact_ids\":[\"$active\"],\"mode\":\"stop\"}"
expect_code 200
expect_body '"inactive_reason":"manually stopped"'
api POST emailer_campaigns/remove_or_stop_contact_ids "{\"emailer_campaign_ids\":[\"$Q4\"],\"contact_ids\":[\"$job\"],\"mode\":\"remove\"}"
expect_code 200
api GET "contacts/$job"
expect_no_body "\"$Q4\""
api POST emailer_campaigns/remove_or_stop_contact_ids "{\"emailer_campaign_ids\":[\"$Q4\"],\"contact_ids\":[\"$job\"],\"mode\":\"pause\"}"
expect_code 422
exit 0
