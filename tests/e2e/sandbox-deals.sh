# sandbox-deals.sh - apollo-sandbox's deals (opportunities): create with the
# amount as digits or a number (commas or currency signs blank it), the
# closed date, the stage's name, pipeline and won/closed flags, the ids
# checked; search by GET and POST with sort and pagination; the seed with
# three pipelines whose stage names repeat.
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
# the default seed: every stage in the one pipeline
pipeline=63bbd790bc0bd49cf23db3a4
[ "$(grep -o '"opportunity_pipeline_id":"[0-9a-f]*"' body | sort -u)" = "\"opportunity_pipeline_id\":\"$pipeline\"" ] &&
	[ "$(grep -o '"opportunity_pipeline_id":' body | wc -l)" -eq 5 ] ||
	fail "the stages are not all in pipeline $pipeline: $(cat body)"
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
expect_body "\"opportunity_pipeline_id\":\"$pipeline\""
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
expect_body '"opportunity_pipeline_id":null'
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

# sandbox-seed-pipelines.json: the default seed but for the deal stages (a
# change to one seed belongs in both)
PIPES=$TOP_SRCDIR/samples/sandbox-seed-pipelines.json
but_stages() { sed '/^ "opportunity_pipelines": \[/,/^ \],/d; /^ "opportunity_stages": \[/,/^ \],/d' "$1"; }
but_stages "$TOP_SRCDIR/samples/sandbox-seed.json" > seed.rest
but_stages "$PIPES" > pipes.rest
cmp -s seed.rest pipes.rest ||
	fail "sandbox-seed-pipelines.json differs from the default seed outside the stages: $(diff seed.rest pipes.rest | head -20)"

# three pipelines; Discovery, Contract Sent and Closed Won in more than one,
# Closed Won twice in Partners; each stage names its pipeline
sandbox_stop
sandbox_start --seed "$PIPES"
api GET opportunity_stages
expect_code 200
names() { grep -o "\"name\":\"$1\"" body | wc -l; }
[ "$(grep -o '"opportunity_pipeline_id":' body | wc -l)" -eq 12 ] || fail "not 12 stages: $(cat body)"
[ "$(names Discovery)" -eq 2 ] && [ "$(names 'Contract Sent')" -eq 2 ] && [ "$(names 'Closed Won')" -eq 4 ] &&
	[ "$(names 'Closed Lost')" -eq 2 ] || fail "stage names do not repeat as they should: $(cat body)"
# stage ID NAME PIPELINE-ID PIPELINE-NAME: the stage is listed so
stage() {
	expect_body "{\"id\":\"$1\",\"name\":\"$2\",\"opportunity_pipeline_id\":\"$3\",\"opportunity_pipeline_name\":\"$4\","
}
A=63bbd790bc0bd49cf23db3a4 B=63bbd790ad157164d0c1e846 C=63bbd7903123b4542fe09c5e
stage 63bbd79078c6628c3283af1d Discovery $A 'New business'
stage 63bbd79064d4b7354c299367 'Demo Scheduled' $A 'New business'
stage 63bbd7900d6186646f489eaf 'Proposal Sent' $A 'New business'
stage 63bbd790aced940475265f34 'Closed Won' $A 'New business'
stage 63bbd790712ca1a1ff1b130a 'Closed Lost' $A 'New business'
stage 63bbd790f9497d5149505ef9 Discovery $B Renewals
stage 63bbd790b4330f2470279f48 'Contract Sent' $B Renewals
stage 63bbd79006e110b4f249d07c 'Closed Won' $B Renewals
stage 63bbd790829c1f306edae423 'Closed Lost' $B Renewals
stage 63bbd790f3a204099d09cb1f 'Contract Sent' $C Partners
stage 63bbd7900dcb7ae433ecc9c5 'Closed Won' $C Partners
stage 63bbd790209f2b6a806a697d 'Closed Won' $C Partners
# a deal carries its stage's pipeline
api POST opportunities '{"name": "Partner deal", "opportunity_stage_id": "63bbd790209f2b6a806a697d"}'
expect_code 200
expect_body '"is_won":true'
expect_body '"opportunity_stage_id":"63bbd790209f2b6a806a697d","stage_name":"Closed Won","opportunity_pipeline_id":"'$C'"'
api POST opportunities '{"name": "Renewal deal", "opportunity_stage_id": "63bbd790f9497d5149505ef9"}'
expect_code 200
expect_body '"opportunity_stage_id":"63bbd790f9497d5149505ef9","stage_name":"Discovery","opportunity_pipeline_id":"'$B'"'
exit 0
