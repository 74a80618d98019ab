# sandbox-misc.sh - apollo-sandbox's small endpoints: email accounts, users
# (GET and POST, string pagination, master key only), labels (a bare array
# whose cached_count follows the contacts), custom fields, opportunity
# stages, usage stats per scope and window, health.
. "$(dirname "$0")/sandbox-lib.sh"

field() { grep -o "\"$1\":\"[^\"]*\"" body | head -n 1 | sed 's/^"[^"]*":"\(.*\)"$/\1/'; }
expect_count() {
	grep -qF -- "\"$1\":$2," stats || grep -qF -- "\"$1\":$2}" stats ||
		fail "stats: $1 is not $2: $(cat stats)"
}
# label_with NAME: the label object named NAME in the body (labels hold no
# nested objects)
label_with() { grep -o "{[^{}]*\"name\":\"$1\"[^{}]*}" body; }

# the limited key may also call users/search: the endpoint itself must
# then refuse it, as only a master key lists users
sed 's/"scopes"[[:space:]]*:[[:space:]]*\[/&"api\/v1\/users\/search", /' "$SEED" > seed.json
grep -q '"api/v1/users/search", ' seed.json || fail "could not give the limited key the users scope"
# no per-minute limit, so the usage stats show an unlimited window
sandbox_start --seed seed.json --rate minute=0,hour=200,day=600

api GET auth/health
expect_code 200
expect_body '{"healthy":true,"is_logged_in":true}'

# every mailbox, in one unpaginated list
api GET email_accounts
expect_code 200
expect_body '{"email_accounts":[{"id":"'
expect_body '"user_id":"'
expect_no_body '"pagination"'
api POST email_accounts '{}'
expect_code 405

# users: GET or POST, page and per_page written as strings
api GET users/search
expect_code 200
expect_body '{"pagination":{"page":"1","per_page":"25","total_entries":'
expect_body '"users":[{"id":"'
expect_body '"num_fetch_result":null'
users=$(grep -o '"total_entries":[0-9]*' body | sed 's/.*://')
[ "$users" -ge 2 ] || fail "the seed needs two users or more: $(cat body)"
email=$(field email)
api POST users/search '{"page": 2, "per_page": 1}'
expect_code 200
expect_body '"pagination":{"page":"2","per_page":"1","total_entries":'"$users"',"total_pages":'"$users"'}'
[ "$(json_ids | wc -l)" -eq 1 ] || fail "per_page 1 gave not one user: $(cat body)"
api GET "users/search?q_keywords=$email"
expect_code 200
expect_body '"total_entries":1,'
expect_body "\"email\":\"$email\""
api POST users/search '{"per_page": 0}'
expect_code 422
KEY=sandbox-limited-key
api GET users/search
expect_code 403
expect_body '"error":"This API key is not authorized to access api/v1/users/search.'
expect_body '"error_code":"API_INACCESSIBLE"'
# a scope it has works
api GET labels
expect_code 200
KEY=sandbox-master-key

# labels: a top-level array; _id and key beside id; counts follow contacts
api GET labels
expect_code 200
case $(head -c 2 body) in '[{') ;; *) fail "labels is not a bare array: $(head -c 200 body)" ;; esac
expect_body '"_id":"'
expect_body '"key":"'
expect_body '"modality":"contacts"'
api POST contacts '{"first_name": "Misc", "last_name": "One", "email": "misc.one@misc-test.example", "label_names": ["Misc Test List"]}'
expect_code 200
api GET labels
expect_code 200
label_with "Misc Test List" | grep -qF '"cached_count":1' || fail "Misc Test List should count 1: $(label_with "Misc Test List")"
id=$(label_with "Misc Test List" | grep -o '"id":"[0-9a-f]*"' | sed 's/.*:"//; s/"$//')
label_with "Misc Test List" | grep -qF "\"_id\":\"$id\"" || fail "_id is not id: $(label_with "Misc Test List")"
label_with "Misc Test List" | grep -qF '"key":"misc_test_list"' || fail "no key: $(label_with "Misc Test List")"
label_with "Misc Test List" | grep -qF '"team_id":"' || fail "no team_id: $(label_with "Misc Test List")"
api POST contacts '{"first_name": "Misc", "last_name": "Two", "email": "misc.two@misc-test.example", "label_names": ["Misc Test List", "misc test list"]}'
expect_code 200
api GET labels
label_with "Misc Test List" | grep -qF '"cached_count":2' || fail "Misc Test List should count 2: $(label_with "Misc Test List")"

api GET typed_custom_fields
expect_code 200
expect_body '{"typed_custom_fields":[{"id":"'
api GET opportunity_stages
expect_code 200
expect_body '{"opportunity_stages":[{"id":"'

# usage stats: per scope, the day, hour and minute windows
api GET auth/health
api POST usage_stats/api_usage_stats
expect_code 200
expect_body '"[\"api/v1/auth\", \"health\"]":{"day":{"limit":600,"consumed":2,"left_over":598},"hour":{"limit":200,"consumed":2,"left_over":198},"minute":{"limit":null,"consumed":2,"left_over":null}}'
expect_body '"[\"api/v1/users\", \"search\"]":{"day":{"limit":600,"consumed":5,"left_over":595}'
expect_body '"[\"api/v1/usage_stats\", \"api_usage_stats\"]":{"day":{"limit":600,"consumed":1,'
expect_body '"[\"api/v1/contacts\", \"create\"]":{"day":{"limit":600,"consumed":2,'
expect_no_body 'opportunities'
api POST usage_stats/api_usage_stats '{}'
expect_body '"[\"api/v1/usage_stats\", \"api_usage_stats\"]":{"day":{"limit":600,"consumed":2,'

stats
expect_count "GET /api/v1/users/search" 3
expect_count "POST /api/v1/users/search" 2
expect_count "GET /api/v1/labels" 4
expect_count "GET /api/v1/email_accounts" 1
expect_count "POST /api/v1/email_accounts" 1
expect_count "POST /api/v1/usage_stats/api_usage_stats" 2
expect_count "GET /api/v1/auth/health" 2
expect_count 403 1
expect_count 405 1
exit 0
