#!/bin/sh
# validate-selftest.sh - tests/contract/validate.py on a small record file
# written by hand: which exchanges it reports against doc/apollo-contract.yaml,
# which it lets pass (Apollo's real variations: nulls, numeric strings,
# "loading", both parameter forms), and its exit status. Each case is one
# line of the file; the test asserts exactly which lines are reported.
set -u
TOP_SRCDIR=${TOP_SRCDIR:-$(dirname "$0")/../..}
PY=/usr/bin/python3
VALIDATE=$TOP_SRCDIR/tests/contract/validate.py
CONTRACT=$TOP_SRCDIR/doc/apollo-contract.yaml
WORK=$(mktemp -d "${TMPDIR:-/tmp}/contract.XXXXXX") || exit 99
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 99

fail() {
	echo "FAIL validate-selftest: $*"
	[ -s out ] && { echo "--- validate.py said:"; cat out; }
	exit 1
}

"$PY" -c 'import yaml, jsonschema' 2> /dev/null || {
	echo "SKIP validate-selftest: python3-yaml or python3-jsonschema is missing (./quickstart installs them)"
	exit 77
}

# x LINE-OF-JSON: one exchange; its line number is its case number
: > rec.jsonl
x() { printf '%s\n' "$1" >> rec.jsonl; }
T='"user_agent":"apollo-csv/0.1.0","base":"/api/v1","request_type":"application/json"'
J='"reply_type":"application/json; charset=utf-8"'
C='"user_agent":"curl/7.88.1","base":"/api/v1","request_type":"application/json"'

# 1 valid: a bulk_create as the tool sends it, answered with nulls where Apollo sends them
x '{"method":"POST","path":"/contacts/bulk_create","query":"",'"$T"',"request_body":"{\"contacts\":[{\"first_name\":\"Ana\",\"email\":\"ana@ex.io\",\"phone\":\"555\",\"phone_numbers\":[{\"raw_number\":\"555\",\"position\":0}]}],\"run_dedupe\":true}","status":200,'"$J"',"reply_body":"{\"created_contacts\":[{\"id\":\"c1\",\"email\":\"ana@ex.io\",\"owner_id\":null,\"account_id\":null,\"title\":null}],\"existing_contacts\":[]}","deliberate":false}'
# 2 bad: a body key of the wrong type (run_dedupe as text)
x '{"method":"POST","path":"/contacts/bulk_create","query":"",'"$T"',"request_body":"{\"contacts\":[{\"email\":\"b@ex.io\"}],\"run_dedupe\":\"yes\"}","status":200,'"$J"',"reply_body":"{\"created_contacts\":[],\"existing_contacts\":[]}","deliberate":false}'
# 3 bad: a path the contract does not have
x '{"method":"GET","path":"/contacts/c1/notes","query":"",'"$T"',"request_body":"","status":404,'"$J"',"reply_body":"{\"error\":\"Record not found.\"}","deliberate":false}'
# 4 bad: a reply without its list (email_accounts)
x '{"method":"GET","path":"/email_accounts","query":"",'"$T"',"request_body":"","status":200,'"$J"',"reply_body":"{\"mailboxes\":[]}","deliberate":false}'
# 5 valid: page numbers as strings, a metric still "loading", a rate 0.526
x '{"method":"POST","path":"/emailer_campaigns/search","query":"",'"$T"',"request_body":"{\"q_name\":\"Q3\",\"page\":1,\"per_page\":100}","status":200,'"$J"',"reply_body":"{\"pagination\":{\"page\":\"2\",\"per_page\":\"100\",\"total_entries\":150,\"total_pages\":\"2\"},\"emailer_campaigns\":[{\"id\":\"s1\",\"name\":\"Q3\",\"active\":true,\"unique_delivered\":\"loading\",\"open_rate\":0.526,\"reply_rate\":0}]}","deliberate":false}'
# 6 valid: the documented query form (no body) of remove_or_stop
x '{"method":"POST","path":"/emailer_campaigns/remove_or_stop_contact_ids","query":"emailer_campaign_ids%5B%5D=s1&contact_ids%5B%5D=c1&contact_ids%5B%5D=c2&mode=remove",'"$T"',"request_body":"","status":200,'"$J"',"reply_body":"{\"entity_progress_job\":{\"id\":\"j1\",\"entity_ids\":[\"c1\",\"c2\"]}}","deliberate":false}'
# 7 bad: the query form without a required parameter (mode), and one it does not have
x '{"method":"POST","path":"/emailer_campaigns/remove_or_stop_contact_ids","query":"emailer_campaign_ids%5B%5D=s1&contact_ids%5B%5D=c1&async=true",'"$T"',"request_body":"","status":200,'"$J"',"reply_body":"{\"contacts\":[]}","deliberate":false}'
# 8 valid: users/search as documented (GET, page numbers as query text)
x '{"method":"GET","path":"/users/search","query":"page=1&per_page=100",'"$T"',"request_body":"","status":200,'"$J"',"reply_body":"{\"pagination\":{\"page\":\"1\",\"per_page\":\"100\"},\"users\":[{\"id\":\"u1\",\"email\":null}]}","deliberate":false}'
# 9 bad: a method the path does not have
x '{"method":"DELETE","path":"/labels","query":"",'"$T"',"request_body":"","status":405,'"$J"',"reply_body":"{\"error\":\"Method not allowed for this route.\"}","deliberate":false}'
# 10 valid: 401 as Apollo sends it, plain text
x '{"method":"GET","path":"/labels","query":"",'"$T"',"request_body":"","status":401,"reply_type":"text/plain; charset=utf-8","reply_body":"Invalid API key. See https://docs.apollo.io/reference/authentication for how to authenticate.","deliberate":false}'
# 11 bad: a 429 without its message
x '{"method":"POST","path":"/contacts/search","query":"",'"$T"',"request_body":"{\"page\":1,\"per_page\":100}","status":429,'"$J"',"reply_body":"{\"error\":\"slow down\"}","deliberate":false}'
# 12 valid: a reply broken on purpose (a fault) is not read
x '{"method":"GET","path":"/labels","query":"",'"$T"',"request_body":"","status":200,'"$J"',"reply_body":"[{\"id\":\"l1\",<html>502</html>","deliberate":true,"why":"fault:malformed"}'
# 13 valid: another client'"'"'s malformed request, and the refusal it got, are not judged
x '{"method":"POST","path":"/contacts/bulk_create","query":"",'"$C"',"request_body":"{not json","status":400,'"$J"',"reply_body":"{\"detail\":\"bad\"}","deliberate":false}'
# 14 bad: another client'"'"'s valid request, answered off the contract (labels wrapped)
x '{"method":"GET","path":"/labels","query":"",'"$C"',"request_body":"","status":200,'"$J"',"reply_body":"{\"labels\":[]}","deliberate":false}'
# 15 bad: a contact id null where the tool needs one
x '{"method":"POST","path":"/contacts/search","query":"",'"$T"',"request_body":"{\"q_keywords\":\"ana\",\"page\":1,\"per_page\":100}","status":200,'"$J"',"reply_body":"{\"contacts\":[{\"id\":null,\"email\":\"ana@ex.io\"}],\"pagination\":{\"page\":1,\"total_entries\":\"1\"}}","deliberate":false}'
# 16 valid: a refusal in each of Apollo'"'"'s error shapes (422 with error and extras)
x '{"method":"POST","path":"/contacts/bulk_update","query":"",'"$T"',"request_body":"{\"contact_attributes\":[{\"id\":\"c1\",\"title\":\"CTO\"}]}","status":422,'"$J"',"reply_body":"{\"error\":\"Cannot update contact as it is deleted.\",\"deleted_contact_ids\":[\"c1\"]}","deliberate":false}'
# 17 valid: add_contact_ids in the documented query form, two mailboxes, booleans as true/false
x '{"method":"POST","path":"/emailer_campaigns/s1/add_contact_ids","query":"emailer_campaign_id=s1&contact_ids%5B%5D=c1&send_email_from_email_account_id%5B%5D=m1&send_email_from_email_account_id%5B%5D=m2&sequence_no_email=false&sequence_unverified_email=true&status=paused&auto_unpause_at=2026-12-01T09%3A00%3A00Z",'"$T"',"request_body":"","status":200,'"$J"',"reply_body":"{\"contacts\":[{\"id\":\"c1\",\"contact_campaign_statuses\":[{\"emailer_campaign_id\":\"s1\",\"status\":\"paused\",\"finished_at\":null}]}],\"skipped_contact_ids\":{}}","deliberate":false}'
# 18 bad: a boolean written 1 in the query form, and no contacts (neither ids nor lists)
x '{"method":"POST","path":"/emailer_campaigns/s1/add_contact_ids","query":"emailer_campaign_id=s1&send_email_from_email_account_id=m1&sequence_no_email=1",'"$T"',"request_body":"","status":200,'"$J"',"reply_body":"{\"contacts\":[],\"skipped_contact_ids\":{\"c1\":\"contact_not_found\"}}","deliberate":false}'
P='"user_agent":"apollo-csv/0.1.0 (preflight probe)","base":"/api/v1","request_type":"application/json"'
# 19 valid: doctor'"'"'s incomplete bulk_create, refused with 422 as Apollo documents
x '{"method":"POST","path":"/contacts/bulk_create","query":"",'"$P"',"request_body":"{}","status":422,'"$J"',"reply_body":"{\"error\":\"Please provide an array of contact attributes in the \\\"contact_attributes\\\" parameter.\"}","deliberate":false}'
# 20 bad: a probe answered 200: something may have been made
x '{"method":"POST","path":"/opportunities","query":"",'"$P"',"request_body":"{}","status":200,'"$J"',"reply_body":"{\"opportunity\":{\"id\":\"o1\"}}","deliberate":false}'
# 21 valid: update_stages as the tool sends it (a JSON body), answered with the contacts
x '{"method":"POST","path":"/contacts/update_stages","query":"",'"$T"',"request_body":"{\"contact_ids\":[\"c1\",\"c2\"],\"contact_stage_id\":\"st1\"}","status":200,'"$J"',"reply_body":"{\"contacts\":[{\"id\":\"c1\",\"contact_stage_id\":\"st1\"},{\"id\":\"c2\",\"contact_stage_id\":\"st1\"}]}","deliberate":false}'
# 22 valid: update_owners in the documented query form, answered id/owner_id/crm_owner_id
x '{"method":"POST","path":"/contacts/update_owners","query":"contact_ids%5B%5D=c1&owner_id=u1",'"$T"',"request_body":"","status":200,'"$J"',"reply_body":"{\"contacts\":[{\"id\":\"c1\",\"owner_id\":\"u1\",\"crm_owner_id\":null}]}","deliberate":false}'
# 23 bad: accounts/bulk_update with custom values shared by account_ids (only per account_attributes item)
x '{"method":"POST","path":"/accounts/bulk_update","query":"",'"$T"',"request_body":"{\"account_ids\":[\"a1\"],\"typed_custom_fields\":{\"f1\":\"x\"}}","status":200,'"$J"',"reply_body":"{\"accounts\":[{\"id\":\"a1\"}]}","deliberate":false}'
# 24 valid: accounts/bulk_update per account, a multipicklist as an array; custom fields listed by /fields
x '{"method":"POST","path":"/accounts/bulk_update","query":"",'"$T"',"request_body":"{\"account_attributes\":[{\"id\":\"a1\",\"account_stage_id\":\"s1\",\"typed_custom_fields\":{\"f1\":[\"v1\",\"v2\"],\"f2\":\"2027-01-31\",\"f3\":\"\"}}]}","status":200,'"$J"',"reply_body":"{\"accounts\":[{\"id\":\"a1\",\"typed_custom_fields\":{\"f1\":[\"v1\",\"v2\"]},\"custom_field_errors\":{}}]}","deliberate":false}'
# 25 bad: a custom field of /fields without its label
x '{"method":"GET","path":"/fields","query":"source=custom",'"$T"',"request_body":"","status":200,'"$J"',"reply_body":"{\"fields\":[{\"id\":\"contact.f1\",\"modality\":\"contact\",\"type\":\"date\",\"source\":\"custom\"}]}","deliberate":false}'

"$PY" "$VALIDATE" "$CONTRACT" rec.jsonl > out 2> err
rc=$?
[ $rc = 1 ] || fail "exit status $rc, expected 1 (violations)"
reported=$(sed -n 's/^rec\.jsonl:\([0-9]*\):.*/\1/p' out | sort -n -u | tr '\n' ' ')
[ "$reported" = "2 3 4 7 9 11 14 15 18 20 23 25 " ] ||
	fail "reported lines: $reported, expected: 2 3 4 7 9 11 14 15 18 20 23 25"

# each report names the endpoint, the direction, the place and the fault
expect() { grep -F -- "$1" out | grep -qF -- "$2" || fail "no report with both: $1 / $2"; }
expect 'rec.jsonl:2: POST /contacts/bulk_create (bulk-create-contacts): request: body $.run_dedupe' "is not of type 'boolean'"
expect 'rec.jsonl:3: GET /contacts/c1/notes: request:' 'path not in the contract'
expect 'rec.jsonl:4: GET /email_accounts (get-a-list-of-email-accounts): reply 200: $:' "'email_accounts' is a required property"
expect 'rec.jsonl:7: POST /emailer_campaigns/remove_or_stop_contact_ids' 'query mode: required'
expect 'rec.jsonl:7: POST /emailer_campaigns/remove_or_stop_contact_ids' 'query async: not a parameter'
expect 'rec.jsonl:9: DELETE /labels: request:' 'method not allowed'
expect 'rec.jsonl:11: POST /contacts/search (search-for-contacts): reply 429: $:' "'message' is a required property"
expect 'rec.jsonl:14: GET /labels (get-a-list-of-all-lists): reply 200: $:' "is not of type 'array'"
expect 'rec.jsonl:15: POST /contacts/search (search-for-contacts): reply 200: $.contacts[0].id:' "None is not of type 'string'"
expect 'rec.jsonl:18: POST /emailer_campaigns/s1/add_contact_ids (add-contacts-to-sequence): request: query sequence_no_email $:' "'1' is not of type 'boolean'"
expect 'rec.jsonl:18: POST /emailer_campaigns/s1/add_contact_ids' 'one of contact_ids[], label_names[] is required'
expect 'rec.jsonl:20: POST /opportunities (create-deal):' 'a preflight probe was answered 200'
expect 'rec.jsonl:23: POST /accounts/bulk_update (bulk-update-accounts): request:' 'typed_custom_fields'
expect 'rec.jsonl:25: GET /fields (get-a-list-of-fields): reply 200:' "'label' is a required property"
[ "$(wc -l < out)" = 14 ] || fail "$(wc -l < out) reports, expected 14 (one per fault above)"

# a file without violations: status 0, and nothing on standard output
sed -n '1p;5p;6p;8p;10p;12p;13p;16p;17p;21p;22p;24p' rec.jsonl > clean.jsonl
"$PY" "$VALIDATE" "$CONTRACT" clean.jsonl > out 2> err || fail "clean file: exit status $?"
[ ! -s out ] || fail "clean file: it reported something"

# an unreadable record is an error, not a pass
"$PY" "$VALIDATE" "$CONTRACT" missing.jsonl > out 2> err
rc=$?
[ $rc = 2 ] || fail "missing record file: exit status $rc, expected 2"
exit 0
