# sandbox-deals.sh - apollo-sandbox's deals (opportunities): create with the
# amount as digits or a number (commas or currency signs blank it), the
# closed date, the stage's name and won/closed flags, the ids checked;
# search by GET and POST with sort and pagination.
. "$(dirname "$0")/sandbox-lib.sh"

field() { grep -o "\"$1\":\"[^\"]*\"" body | head -n 1 | sed 's/^"[^"]*":"\(.*\)"$/\1/'; }
expect_count() {
	grep -qF -- "\"$1\":$2," stats || grep -qF -- "\"$1\":$2}" stats ||
		fail "stats: $1 is not $2: $(cat stats)"
}
# stage_where FRAGMENT: the first stage object holding FRAGMENT
stage_where() { grep -o "{[^{}]*$1[^{}]*}" body | head -n 1; }
# first_amount: the first "amount": of the body, as printed
first_amount() { grep -o '"amount":[^,]*' body | head -n 1 | sed 's/"amount"://'; }

sandbox_start

api GET users/search
owner=$(field id)
api GET opportunity_stages
expect_code 200
won=$(stage_where '"is_won":true')
open=$(stage_where '"is_closed":false')
[ -n "$won" ] && [ -n "$open" ] || fail "the seed needs a won stage and an open one: $(cat body)"
won_id=$(echo "$won" | grep -o '"id":"[^"]*"' | sed 's/.*:"//; s/"$//')
won_name=$(echo "$won" | grep -o '"name":"[^"]*"' | sed 's/.*:"//; s/"$//')
open_id=$(echo "$open" | grep -o '"id":"[^"]*"' | sed 's/.*:"//; s/"$//')
api POST accounts '{"name": "Dealwise Ltd", "domain": "dealwise.example"}'
account=$(field id)
[ -n "$owner" ] && [ -n "$account" ] || fail "no owner or account"

# a full deal: the amount string becomes a number, the date a timestamp
api POST opportunities "{\"name\": \"Dealwise renewal\", \"amount\": \"12500.50\", \"closed_date\": \"2026-10-15\",
	\"opportunity_stage_id\": \"$won_id\", \"account_id\": \"$account\", \"owner_id\": \"$owner\"}"
expect_code 200
expect_body '{"opportunity":{"id":"'
expect_body '"name":"Dealwise renewal"'
expect_body '"amount":12500.5,'
expect_body '"closed_date":"2026-10-15T00:00:00.000+00:00"'
expect_body "\"opportunity_stage_id\":\"$won_id\""
expect_body "\"stage_name\":\"$won_name\""
expect_body '"is_won":true'
expect_body '"is_closed":true'
expect_body "\"account_id\":\"$account\""
expect_body "\"owner_id\":\"$owner\""
expect_body '"source":"api"'
expect_body "\"account\":{\"id\":\"$account\""
expect_body '"iso_code":"USD"'

# amounts: a JSON number is fine; commas, signs or letters make it blank
api POST opportunities "{\"name\": \"Numeric\", \"amount\": 900, \"opportunity_stage_id\": \"$open_id\"}"
expect_code 200
expect_body '"amount":900,'
expect_body '"is_won":false'
expect_body '"is_closed":false'
for amount in '"12,500"' '"$500"' '"500 USD"' '"1e3"' '""' 'null'; do
	api POST opportunities "{\"name\": \"Blank\", \"amount\": $amount}"
	expect_code 200
	expect_body '"amount":null'
done
api POST opportunities '{"name": "Digits", "amount": "75000"}'
expect_code 200
expect_body '"amount":75000,'
expect_body '"closed_date":null'
expect_body '"stage_name":null'
stats
expect_count opportunities 9

# refusals
api POST opportunities '{"amount": "100"}'
expect_code 422
expect_body '{"error":"Name is required"}'
api POST opportunities '{"name": ""}'
expect_code 422
expect_body '{"error":"Name is required"}'
for date in 2026-02-30 15/10/2026 tomorrow 20261015; do
	api POST opportunities "{\"name\": \"Dated\", \"closed_date\": \"$date\"}"
	expect_code 422
	expect_body '{"error":"closed_date is not a valid date"}'
done
api POST opportunities '{"name": "Dated", "closed_date": 20261015}'
expect_code 422
api POST opportunities '{"name": "Orphan", "account_id": "000000000000000000000000"}'
expect_code 422
expect_body '{"error":"Parameters misconfigured. 000000000000000000000000 is not a valid ID"}'
api POST opportunities '{"name": "Orphan", "opportunity_stage_id": "111111111111111111111111"}'
expect_code 422
expect_body 'Parameters misconfigured. 111111111111111111111111 is not a valid ID'
api POST opportunities '{"name": "Orphan", "owner_id": "222222222222222222222222"}'
expect_code 422
expect_body 'Parameters misconfigured. 222222222222222222222222 is not a valid ID'
api POST opportunities '{"name": "Odd", "amount": {"value": 5}}'
expect_code 422
stats
expect_count opportunities 9
expect_count "POST /api/v1/opportunities" 20

# search: GET and POST, sort by amount (blank lowest), pagination
api GET 'opportunities/search?sort_by_field=amount'
expect_code 200
expect_body '{"opportunities":[{"id":"'
expect_body '"breadcrumbs":[]'
expect_body '"total_entries":9,'
[ "$(first_amount)" = 75000 ] || fail "amount, descending, does not start with 75000: $(head -c 400 body)"
api POST opportunities/search '{"sort_by_field": "amount", "sort_ascending": true}'
expect_code 200
[ "$(first_amount)" = null ] || fail "amount, ascending, does not start blank: $(head -c 400 body)"
api POST opportunities/search '{"sort_by_field": "is_won", "per_page": 1}'
expect_body '"name":"Dealwise renewal"'
api POST opportunities/search '{"per_page": 4, "page": 3}'
expect_code 200
expect_body '"pagination":{"page":3,"per_page":4,"total_entries":9,"total_pages":3}'
[ "$(grep -o '"source":"api"' body | wc -l)" -eq 1 ] || fail "page 3 of 4 should hold 1 deal: $(cat body)"
api GET 'opportunities/search?sort_by_field=closed_date'
expect_code 422
expect_body '{"error":"Invalid sort criteria","skip_alert_dialog":true}'
api GET 'opportunities/search?per_page=101'
expect_code 422

stats
expect_count "GET /api/v1/opportunities/search" 3
expect_count "POST /api/v1/opportunities/search" 3
exit 0
