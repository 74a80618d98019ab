#!/bin/sh
# Contacts: bulk_create's 100 limit and dedupe (matches by email, then name
# and company, returned unchanged), create with run_dedupe updating in
# place (empty values clear), view, PATCH and PUT, bulk_update (a job above
# 100), and search with pagination.
. "$(dirname "$0")/sandbox-lib.sh"
sandbox_start

# 101 contacts is one too many
items=$(awk 'BEGIN { for (i = 1; i <= 101; i++) printf "%s{\"email\":\"p%d@bulk-test.com\"}", (i > 1 ? "," : ""), i }')
api POST contacts/bulk_create "{\"contacts\":[$items]}"
expect_code 422
expect_body 'Please limit your array to 100 contacts or fewer.'
api POST contacts/bulk_create '{"contacts":"nope"}'
expect_code 422
expect_body 'contact_attributes'
# an account id of 24 hex digits the team does not have (an export from
# another team) refuses the whole call, and makes none of its contacts
api POST contacts/bulk_create '{"run_dedupe":true,"contacts":[
 {"first_name":"Ok","last_name":"Fine","email":"ok@foreign-acct-test.com"},
 {"first_name":"Fo","last_name":"Reign","email":"fo@foreign-acct-test.com","account_id":"5f2a0000000000000000abcd"}]}'
expect_code 422
expect_body '{"error":"Parameters misconfigured. 5f2a0000000000000000abcd is not a valid ID"}'
api POST contacts/search '{"q_keywords":"foreign-acct-test"}'
expect_body '"total_entries":0'

# dedupe: an existing contact by email (any case), and by name + company;
# within one request the second copy matches the first
api POST contacts/bulk_create '{"run_dedupe":true,"append_label_names":["Imported"],"contacts":[
 {"first_name":"Ana","last_name":"Diaz","email":"ANA.DIAZ@quillmetrics.io","title":"Changed"},
 {"first_name":"Neu","last_name":"Kontakt","email":"neu.kontakt@dedupe-test.com","organization_name":"Dedupe Test"},
 {"first_name":"Neu","last_name":"Kontakt","organization_name":"dedupe test"},
 {"first_name":"Zed","last_name":"Fresh","email":"zed@dedupe-test.com"}]}'
expect_code 200
[ "$(grep -o '"email":"[^"]*"' body | tr '\n' ' ')" = '"email":"neu.kontakt@dedupe-test.com" "email":"zed@dedupe-test.com" "email":"ana.diaz@quillmetrics.io" "email":"neu.kontakt@dedupe-test.com" ' ] ||
	fail "created/existing split: $(cat body)"
expect_no_body '"title":"Changed"'
# without run_dedupe, a second contact with the same email is created
api POST contacts/bulk_create '{"contacts":[{"first_name":"Zed","last_name":"Again","email":"zed@dedupe-test.com"}]}'
expect_code 200
expect_body '"existing_contacts":[]'
stats
expect_stat '"duplicate_emails":1'

# create with run_dedupe updates the match in place; an empty value clears
api POST contacts '{"run_dedupe":true,"first_name":"Neu","last_name":"Kontakt","email":"neu.kontakt@dedupe-test.com","title":"CTO","organization_name":""}'
expect_code 200
expect_body '"title":"CTO"'
expect_body '"organization_name":null'
id=$(grep -o '"contact":{"id":"[0-9a-f]*"' body | sed 's/.*"id":"\(.*\)"/\1/')
[ -n "$id" ] || fail "no contact id: $(cat body)"
api GET "contacts/$id"
expect_code 200
expect_body '"title":"CTO"'
expect_body '"email_status":"verified"'
expect_no_body '"_job_change"'
api PATCH "contacts/$id" '{"title":"CEO","label_names":["Board"]}'
expect_code 200
expect_body '"title":"CEO"'
expect_body '"name":"Board"'
api PUT "contacts/$id" '{"email":"unverified.neu@dedupe-test.com"}'
expect_code 200
expect_body '"email_status":"unverified"'
api PATCH contacts/0123456789abcdef01234567 '{"title":"x"}'
expect_code 422
expect_body 'does not exist'
api POST contacts '{"first_name":"Bad","account_id":"ffffffffffffffffffffffff"}'
expect_code 422
expect_body 'Parameters misconfigured. ffffffffffffffffffffffff is not a valid ID'

# bulk_update: shared values for ids, or attributes per contact
api POST contacts/bulk_update "{\"contact_ids\":[\"$id\"],\"title\":\"Chair\"}"
expect_code 200
expect_body '"title":"Chair"'
api POST contacts/bulk_update "{\"contact_attributes\":[{\"id\":\"$id\",\"city\":\"Lyon\"}],\"async\":true}"
expect_code 200
expect_body '"job_type":"contact_bulk_update"'
api GET "contacts/$id"
expect_body '"city":"Lyon"'
api POST contacts/bulk_update '{"contact_ids":["0123456789abcdef01234567"],"title":"x"}'
expect_code 422
expect_body '"error":"Validation failed"'
api POST contacts/bulk_update '{}'
expect_code 422
expect_body 'Please provide either contact_ids or contact_attributes'

# search: keywords, pagination, sort
api POST contacts/search '{"q_keywords":"dedupe-test.com","per_page":2,"page":1,"sort_by_field":"contact_created_at","sort_ascending":true}'
expect_code 200
expect_body '"total_entries":3'
expect_body '"total_pages":2'
[ "$(grep -o '"email":"[^"]*"' body | head -1)" = '"email":"unverified.neu@dedupe-test.com"' ] ||
	fail "ascending sort: $(grep -o '"email":"[^"]*"' body | tr '\n' ' ')"
api POST contacts/search '{"sort_by_field":"bogus"}'
expect_code 422
expect_body '"skip_alert_dialog":true'
stats
expect_stat '"POST /api/v1/contacts/bulk_create":5'
exit 0
