#!/bin/sh
# A contact a request made is stored without the values every such contact
# starts with (record_shapes.h), yet every reply shows it whole: each field
# Apollo's reply has, in that order, null / [] / "api" / "full" where it
# has no value, none of the sandbox's own _ fields; a field set later
# (PATCH) shows at its place; a state file holds it whole, own fields
# included, and a sandbox started from that file shows the same contact.
. "$(dirname "$0")/sandbox-lib.sh"
sandbox_start --state state.json

api POST contacts/bulk_create '{"run_dedupe":true,"contacts":[
 {"first_name":"Mae","last_name":"Made","email":"mae@made-test.com"}]}'
expect_code 200
id=$(json_ids | head -n 1)
[ -n "$id" ] || fail "no contact id: $(cat body)"
api GET "contacts/$id"
expect_code 200
cp body first.json

# check.py FILE [own]: the contact's keys in Apollo's order, its starting values
cat > check.py <<'PY'
import json, sys
pairs = json.load(open(sys.argv[1]), object_pairs_hook=lambda p: p)
c = dict(pairs)["contact"] if sys.argv[2] == "reply" else None
if c is None:
    c = [x for x in dict(pairs)["contacts"] if dict(x)["id"] == sys.argv[3]][0]
keys = [k for k, _ in c]
want = ("id team_id first_name last_name email title organization_name account_id contact_stage_id "
        "present_raw_address linkedin_url city state country owner_id time_zone website_url email_status "
        "creator_id phone_numbers sanitized_phone email_source organization_id person_id twitter_url "
        "facebook_url headline photo_url last_activity_date email_unsubscribed salesforce_id "
        "salesforce_lead_id salesforce_contact_id salesforce_account_id hubspot_vid crm_id crm_owner_id "
        "merged_crm_ids contact_emails custom_field_errors label_ids typed_custom_fields "
        "emailer_campaign_ids contact_campaign_statuses source original_source source_display_name "
        "existence_level created_at updated_at").split()
if sys.argv[2] == "state":
    want += ["_job_change", "_owner_permission"]
want += ["name"]
if keys != want:
    sys.exit("keys: %s\nwant: %s" % (keys, want))
v = dict(c)
expect = {"first_name": "Mae", "email": "mae@made-test.com", "email_status": "verified",
          "title": None, "creator_id": None, "sanitized_phone": None, "email_source": None,
          "phone_numbers": [], "contact_emails": [], "custom_field_errors": [], "typed_custom_fields": [],
          "emailer_campaign_ids": [], "contact_campaign_statuses": [], "source": "api",
          "original_source": "api", "source_display_name": "Created from API",
          "existence_level": "full", "name": "Mae Made", "city": sys.argv[4] if len(sys.argv) > 4 else None}
if sys.argv[2] == "state":
    expect.update({"_job_change": False, "_owner_permission": True})
for k, e in expect.items():
    if v[k] != e:
        sys.exit("%s: %r, expected %r" % (k, v[k], e))
PY
/usr/bin/python3 check.py first.json reply || fail "the made contact as shown"

# a field set later shows at its place, the labels too
api PATCH "contacts/$id" '{"city":"Oslo","label_names":["Made Later"]}'
expect_code 200
/usr/bin/python3 check.py body reply - Oslo || fail "the made contact after PATCH"
api GET "contacts/$id"
cp body patched.json
# a contact search shows it the same way
api POST contacts/search '{"q_keywords":"made-test.com"}'
expect_code 200
/usr/bin/python3 check.py body search "$id" Oslo || fail "the made contact in a search"

# the state file holds it whole, with the sandbox's own fields
sandbox_stop
[ "$sandbox_rc" = 0 ] || fail "the sandbox exited with $sandbox_rc: $(cat sandbox.err)"
/usr/bin/python3 check.py state.json state "$id" Oslo || fail "the made contact in the state file"
sandbox_start --state state.json
api GET "contacts/$id"
expect_code 200
cmp -s body patched.json || fail "after a restart from the state file: $(cat body) was $(cat patched.json)"
exit 0
