#!/bin/sh
# apollo-sandbox as a server: start on a free port with --port-file, keys
# and scopes (401 text, 403 API_INACCESSIBLE), unknown routes, bad bodies,
# the body size cap, introspection and reset, a clean stop on SIGTERM, the
# ids it makes (--id-seed), and the --state round trip.
. "$(dirname "$0")/sandbox-lib.sh"

sandbox_start
api GET auth/health
expect_code 200
expect_body '"is_logged_in":true'
# /v1 is accepted as well as /api/v1
code=$(curl -s -o body -w '%{http_code}' -H "x-api-key: $KEY" "$ROOT/v1/auth/health")
expect_code 200

# keys
KEY=not-a-key api GET auth/health
expect_code 401
expect_body "Invalid API key."
KEY= api GET auth/health
expect_code 401
code=$(curl -s -o body -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
	--data '{"api_key":"sandbox-master-key"}' "$BASE/contacts/search")
expect_code 401
KEY=sandbox-limited-key api POST contacts/search '{}'
expect_code 200
KEY=sandbox-limited-key api POST contacts/bulk_create '{"contacts":[]}'
expect_code 403
expect_body '"error_code":"API_INACCESSIBLE"'
expect_body 'api/v1/contacts/bulk_create'

# routes and bodies
api GET no/such/route
expect_code 404
api GET no/such/other/route
expect_code 404
api DELETE contacts/search
expect_code 405
api POST contacts/search '{"page": '
expect_code 400
expect_body '"error":"The request body is not valid JSON."'
api POST contacts/search '[1,2]'
expect_code 422
head -c 9000000 /dev/zero | tr '\0' ' ' > big.json
code=$(curl -s -o body -w '%{http_code}' -X POST -H "x-api-key: $KEY" -H 'Content-Type: application/json' \
	--data-binary @big.json "$BASE/contacts/search")
expect_code 413
api POST contacts/search '{"per_page": 101}'
expect_code 422
expect_body 'Per page not supported'
api POST contacts/search '{"page": 501, "per_page": 100}'
expect_code 422
# query-string parameters work as well as a JSON body, numbers as strings too
code=$(curl -s -o body -w '%{http_code}' -X POST -H "x-api-key: $KEY" "$BASE/contacts/search?page=2&per_page=5")
expect_code 200
expect_body '"page":2,"per_page":5'

# introspection counts what arrived, by route pattern and by status
api GET contacts/0123456789abcdef01234567
expect_code 422
expect_body 'Oops! This contact does not exist in Apollo.'
stats
expect_stat '"GET /api/v1/contacts/{id}":1'
# paths no route knows share one key: odd URLs cannot grow the stats
expect_stat '"GET /api/v1/<unknown>":2'
expect_stat '"DELETE /api/v1/contacts/search":1'
expect_stat '"401":3'
expect_stat '"403":1'
expect_stat '"duplicate_emails":0'
curl -s -o body -X POST "$ROOT/_sandbox/reset" || fail "reset"
stats
expect_stat '"requests":{}'

# ids as Apollo's: 24 lower-case hex digits, none the seed's; the same
# --id-seed gives the same ids (after a reset too), another seed others
# new_ids FILE: two new contacts' ids, one a line, into FILE
new_ids() {
	api POST contacts/bulk_create '{"contacts":[{"first_name":"Ida","last_name":"Hex","email":"ida@idseed-test.com"},{"first_name":"Ivo","last_name":"Hex","email":"ivo@idseed-test.com"}]}'
	expect_code 200
	grep -o '"created_contacts":\[.*' body | grep -o '{"id":"[^"]*"' | sed 's/{"id":"\(.*\)"/\1/' > "$1"
	[ "$(wc -l < "$1")" = 2 ] && [ "$(sort -u "$1" | wc -l)" = 2 ] || fail "not two ids: $(cat body)"
	while read -r id; do
		printf '%s\n' "$id" | grep -qx '[0-9a-f]\{24\}' || fail "id $id is not 24 lower-case hex digits"
		! grep -qF "\"$id\"" "$SEED" || fail "id $id is the seed's"
	done < "$1"
}
new_ids ids.1
curl -s -o body -X POST "$ROOT/_sandbox/reset" || fail "reset"
new_ids ids.2
cmp -s ids.1 ids.2 || fail "after a reset the ids are $(cat ids.2), not $(cat ids.1)"
sandbox_stop
sandbox_start --id-seed 1
new_ids ids.3
cmp -s ids.1 ids.3 || fail "--id-seed 1 gives $(cat ids.3), not the default's $(cat ids.1)"
sandbox_stop
sandbox_start --id-seed 2
new_ids ids.4
[ -z "$(sort ids.1 ids.4 | uniq -d)" ] || fail "--id-seed 2 gives the ids of seed 1: $(cat ids.4)"
sandbox_stop
"$APOLLO_SANDBOX" --id-seed x --port 0 -q 2> err && fail "--id-seed x was taken"
grep -qF -- '--id-seed x: not a valid value' err || fail "--id-seed x: $(cat err)"

# --state: what was created survives a stop and a start, and a new id
# after it is none of those made before
sandbox_start --state state.json
api POST contacts/bulk_create '{"contacts":[{"first_name":"Stella","last_name":"State","email":"stella@statefile-test.com","organization_name":"Statefile"}]}'
expect_code 200
expect_body '"created_contacts":[{'
stella=$(grep -o '"created_contacts":\[{"id":"[0-9a-f]*"' body | sed 's/.*"id":"//; s/"$//')
sandbox_stop
[ "$sandbox_rc" = 0 ] || fail "apollo-sandbox exited $sandbox_rc on SIGTERM"
[ -s state.json ] || fail "no state file after SIGTERM"
sandbox_start --state state.json
api POST contacts/search '{"q_keywords":"stella@statefile-test.com"}'
expect_code 200
expect_body '"email":"stella@statefile-test.com"'
expect_body '"total_entries":1'
expect_body "\"id\":\"$stella\""
new_ids ids.5
! grep -qxF "$stella" ids.5 || fail "after --state an id was made again: $stella"
exit 0
