# sandbox-accounts.sh - apollo-sandbox's accounts: create never dedupes and
# cleans the domain; bulk_create's limits, all-or-nothing checks and
# run_dedupe (domain, then name; matches come back unchanged); search's
# name filter, label filter, sort and pagination.
. "$(dirname "$0")/sandbox-lib.sh"

# field NAME: the first "NAME":"value" of the body
field() { grep -o "\"$1\":\"[^\"]*\"" body | head -n 1 | sed 's/^"[^"]*":"\(.*\)"$/\1/'; }
# seeded ID: the seed holds ID (the sandbox's own ids are never the seed's)
seeded() { grep -qF "\"$1\"" "$SEED"; }
# expect_count KEY N: the stats hold "KEY":N exactly
expect_count() {
	grep -qF -- "\"$1\":$2," stats || grep -qF -- "\"$1\":$2}" stats ||
		fail "stats: $1 is not $2: $(cat stats)"
}

sandbox_start
stats
seed_accounts=$(grep -o '"accounts":[0-9]*' stats | sed 's/.*://')
[ -n "$seed_accounts" ] || fail "no account count in the stats: $(cat stats)"

api GET users/search
expect_code 200
owner=$(field id)
[ -n "$owner" ] || fail "no user in the seed"

# create: name or domain required
api POST accounts '{"phone": "+1 555 0100"}'
expect_code 422
expect_body '{"error":"Please specify at least a name or domain."}'
api POST accounts '{"name": {"not": "a name"}}'
expect_code 422
expect_body 'Please specify at least a name or domain.'

# the domain is kept without scheme, www., case or path
api POST accounts '{"name": "Quokkaplex Labs", "domain": "https://www.Quokkaplex-Labs.example/about"}'
expect_code 200
expect_body '{"account":{"id":"'
expect_body '"domain":"quokkaplex-labs.example"'
expect_body '"modality":"account"'
expect_body '"source":"api"'
expect_body '"created_at":"'
first=$(field id)

# no dedupe on create: the same account twice is two accounts
api POST accounts '{"name": "Quokkaplex Labs", "domain": "quokkaplex-labs.example"}'
expect_code 200
second=$(field id)
[ -n "$second" ] && [ "$second" != "$first" ] || fail "create deduped: $first then $second"

api POST accounts "{\"name\": \"Owned Co\", \"owner_id\": \"000000000000000000000000\"}"
expect_code 422
expect_body 'Parameters misconfigured. 000000000000000000000000 is not a valid ID'

# bulk_create: the array is required, and at most 100 long
api POST accounts/bulk_create '{"run_dedupe": true}'
expect_code 422
expect_body 'Please provide an array of account attributes in the \"accounts\" parameter.'
api POST accounts/bulk_create '{"accounts": "Quokkaplex Labs"}'
expect_code 422
expect_body 'Please provide an array of account attributes'
many=$(awk 'BEGIN { printf "{\"accounts\": ["; for (i = 1; i <= 101; i++) printf "%s{\"name\": \"Co %d\"}", (i > 1 ? "," : ""), i; print "]}" }')
api POST accounts/bulk_create "$many"
expect_code 422
expect_body '{"error":"Please limit your array to 100 accounts or fewer."}'

# one bad item and nothing is created
api POST accounts/bulk_create '{"accounts": [{"name": "Fine Co"}, "not an object"]}'
expect_code 422
expect_body 'accounts[1]'
api POST accounts/bulk_create '{"accounts": [{"name": "Fine Co"}, {"phone": "1"}]}'
expect_code 422
expect_body 'accounts[1]'
api POST accounts/bulk_create '{"accounts": [{"name": "Fine Co", "owner_id": "ffffffffffffffffffffffff"}]}'
expect_code 422
expect_body 'ffffffffffffffffffffffff is not a valid ID'
stats
expect_count accounts $((seed_accounts + 2))

# run_dedupe: by domain (cleaned), then by name in any case; matches unchanged
api POST accounts/bulk_create "{\"run_dedupe\": true, \"owner_id\": \"$owner\",
	\"append_label_names\": [\"Quokkaplex Targets\"], \"accounts\": [
	{\"name\": \"Other Name\", \"domain\": \"http://WWW.quokkaplex-labs.example/\"},
	{\"name\": \"QUOKKAPLEX LABS\"},
	{\"name\": \"Brand New Co\", \"domain\": \"brand-new.example\"}]}"
expect_code 200
expect_body '"created_accounts":[{"id":"'
expect_body '"existing_accounts":[{"id":"'"$first"'"'
expect_body '},{"id":"'"$first"'"'
expect_body '"name":"Brand New Co"'
expect_body '"owner_id":"'"$owner"'"'
expect_body '"source":"api"'
expect_no_body '"name":"Other Name"'
[ "$(grep -o '"created_at"' body | wc -l)" -eq 3 ] || fail "expected 3 accounts back: $(cat body)"
label=$(grep -o '"label_ids":\["[0-9a-f]*"' body | head -n 1 | sed 's/.*\["//; s/"$//')
[ -n "$label" ] || fail "append_label_names gave the new account no list: $(cat body)"

# without run_dedupe the same domain makes a new account
api POST accounts/bulk_create '{"accounts": [{"name": "Quokkaplex Labs West", "domain": "quokkaplex-labs.example"}]}'
expect_code 200
expect_body '"existing_accounts":[]'
expect_body '"name":"Quokkaplex Labs West"'
stats
expect_count accounts $((seed_accounts + 4))
expect_count "POST /api/v1/accounts/bulk_create" 8
expect_count "POST /api/v1/accounts" 5

# search: name filter, pagination
api POST accounts/search '{"q_organization_name": "quokkaplex", "per_page": 2, "page": 2}'
expect_code 200
expect_body '"pagination":{"page":2,"per_page":2,"total_entries":3,"total_pages":2}'
expect_body '"breadcrumbs":[]'
expect_body '"partial_results_only":false'
expect_body '"num_fetch_result":null'
[ "$(json_ids | wc -l)" -ge 1 ] || fail "page 2 is empty: $(cat body)"
api POST accounts/search '{"q_organization_name": "no such company anywhere"}'
expect_code 200
expect_body '"accounts":[]'
expect_body '"total_entries":0'

# the label filter
api POST accounts/search "{\"account_label_ids\": [\"$label\"]}"
expect_code 200
expect_body '"total_entries":1,'
expect_body '"name":"Brand New Co"'
api POST accounts/search '{"account_label_ids": {"id": 1}}'
expect_code 422

# sorting: the newest (made by this test) first, the oldest (seeded) last
api POST accounts/search '{"sort_by_field": "account_created_at", "per_page": 1}'
expect_code 200
id=$(field id)
[ -n "$id" ] && ! seeded "$id" || fail "newest first is not a new account: $(cat body)"
api POST accounts/search '{"sort_by_field": "account_created_at", "sort_ascending": true, "per_page": 1}'
expect_code 200
id=$(field id)
[ -n "$id" ] && seeded "$id" || fail "oldest first is not a seeded account: $(cat body)"
api POST accounts/search '{"sort_by_field": "name"}'
expect_code 422
expect_body '{"error":"Invalid sort criteria","skip_alert_dialog":true}'
api POST accounts/search '{"per_page": 101}'
expect_code 422

stats
expect_count "POST /api/v1/accounts/search" 8
expect_count accounts $((seed_accounts + 4))
exit 0
