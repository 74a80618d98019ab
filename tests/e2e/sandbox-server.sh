#!/bin/sh
# apollo-sandbox as a server: start on a free port with --port-file, keys
# and scopes (401 text, 403 API_INACCESSIBLE), unknown routes, bad bodies,
# the body size cap, introspection and reset, a clean stop on SIGTERM, and
# the --state round trip.
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

# --state: what was created survives a stop and a start
sandbox_stop
[ "$sandbox_rc" = 0 ] || fail "apollo-sandbox exited $sandbox_rc on SIGTERM"
sandbox_start --state state.json
api POST contacts/bulk_create '{"contacts":[{"first_name":"Stella","last_name":"State","email":"stella@statefile-test.com","organization_name":"Statefile"}]}'
expect_code 200
expect_body '"created_contacts":[{'
sandbox_stop
[ -s state.json ] || fail "no state file after SIGTERM"
sandbox_start --state state.json
api POST contacts/search '{"q_keywords":"stella@statefile-test.com"}'
expect_code 200
expect_body '"email":"stella@statefile-test.com"'
expect_body '"total_entries":1'
exit 0
