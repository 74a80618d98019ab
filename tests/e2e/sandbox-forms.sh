#!/bin/sh
# sandbox-forms.sh - the same request in both parameter forms Apollo's
# clients use gives the same answer: a JSON body (what Apollo's CLI and the
# older docs send) and the query string Apollo's OpenAPI document gives
# (booleans as "true"/"false", numbers as numeric strings, arrays as name[]
# repeated). Each case is asked both ways from the same state (a reset, the
# same --id-seed) and the answers compared, timestamps aside; each also
# checks that the values were read (a flag that changes the outcome, an
# ascending sort), so two answers that both ignore a parameter cannot pass.
. "$(dirname "$0")/sandbox-lib.sh"

PY=/usr/bin/python3
sandbox_start --id-seed 7 --rate minute=0,hour=0,day=0

reset() { curl -s -o /dev/null -X POST "$ROOT/_sandbox/reset" || fail "no reset"; }
# call METHOD PATH-AND-QUERY [JSON] OUT: as api, the body kept in OUT
call() {
	api "$1" "$2" "$3"
	expect_code 200
	cp body "$4"
}
# same A B WHAT: the two answers alike once timestamps are set aside
same() {
	"$PY" - "$1" "$2" <<'EOF' || fail "$3: the JSON body and the query string gave different answers:
$(diff "$1" "$2" | head -20)"
import json, re, sys
def load(p):
    text = re.sub(r'"\d{4}-\d\d-\d\dT[0-9:.]+(Z|[+-]\d\d:\d\d)"', '"T"', open(p).read())
    return json.loads(text)
sys.exit(0 if load(sys.argv[1]) == load(sys.argv[2]) else 1)
EOF
}
# py FILE EXPR: EXPR over the JSON of FILE (as d) must hold
holds() {
	"$PY" -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ($2) else 1)" "$1" ||
		fail "$3: $(head -c 800 "$1")"
}

seq=68a341a19db4d0b1be231e36           # Webinar Invitees
unverified=651d32751f4aefbb6e04f477    # enrolled only with sequence_unverified_email
busy=651fd62629fa283962c00eed          # active in another sequence
mb1=63f0ff60a17484057a224f85
mb2=63f13c8c5da9b76e5e52d4eb

# ---- emailer_campaigns/{id}/add_contact_ids ----
add_body="{\"emailer_campaign_id\":\"$seq\",\"contact_ids\":[\"$unverified\",\"$busy\"],
 \"send_email_from_email_account_id\":[\"$mb1\",\"$mb2\"],\"sequence_unverified_email\":true,
 \"sequence_active_in_other_campaigns\":false,\"status\":\"active\"}"
add_query="emailer_campaign_id=$seq&contact_ids[]=$unverified&contact_ids[]=$busy"
add_query="$add_query&send_email_from_email_account_id[]=$mb1&send_email_from_email_account_id[]=$mb2"
add_query="$add_query&sequence_unverified_email=true&sequence_active_in_other_campaigns=false&status=active"
reset
call POST "emailer_campaigns/$seq/add_contact_ids" "$add_body" add.body.json
reset
call POST "emailer_campaigns/$seq/add_contact_ids?$add_query" "" add.query.json
same add.body.json add.query.json add_contact_ids
holds add.query.json "[c['id'] for c in d['contacts']] == ['$unverified'] and d['skipped_contact_ids'] == {'$busy': 'contacts_active_in_other_campaigns'}" \
	"add_contact_ids: the flags were not read from the query"
# the flag as "false" is false: the unverified contact is skipped
reset
call POST "emailer_campaigns/$seq/add_contact_ids?$(echo "$add_query" | sed 's/sequence_unverified_email=true/sequence_unverified_email=false/')" "" add.false.json
holds add.false.json "d['skipped_contact_ids'].get('$unverified') == 'contacts_unverified_email'" \
	'add_contact_ids: sequence_unverified_email=false was taken as true'

# ---- emailer_campaigns/remove_or_stop_contact_ids ----
reset
call POST "emailer_campaigns/$seq/add_contact_ids" "$add_body" /dev/null
call POST emailer_campaigns/remove_or_stop_contact_ids \
	"{\"emailer_campaign_ids\":[\"$seq\"],\"contact_ids\":[\"$unverified\"],\"mode\":\"mark_as_finished\"}" stop.body.json
reset
call POST "emailer_campaigns/$seq/add_contact_ids" "$add_body" /dev/null
call POST "emailer_campaigns/remove_or_stop_contact_ids?emailer_campaign_ids[]=$seq&contact_ids[]=$unverified&mode=mark_as_finished" "" stop.query.json
same stop.body.json stop.query.json remove_or_stop_contact_ids
holds stop.query.json "d['num_contacts'] == 1 and [s['status'] for s in d['contacts'][0]['contact_campaign_statuses'] if s['emailer_campaign_id'] == '$seq'] == ['finished']" \
	'remove_or_stop_contact_ids: the contact was not marked finished'

# ---- emailer_campaigns/search ----
reset
call POST emailer_campaigns/search '{"q_name":"Duplicate","page":"1","per_page":1}' seqs.body.json
call POST 'emailer_campaigns/search?q_name=Duplicate&page=1&per_page=1' "" seqs.query.json
same seqs.body.json seqs.query.json emailer_campaigns/search
holds seqs.query.json "len(d['emailer_campaigns']) == 1 and d['pagination']['total_entries'] == 2" \
	'emailer_campaigns/search: q_name or per_page not read from the query'

# ---- users/search, GET and POST ----
call GET 'users/search?page=2&per_page=1' "" users.get.json
call POST users/search '{"page":"2","per_page":1}' users.post.json
call POST 'users/search?page=2&per_page=1' "" users.postq.json
same users.get.json users.post.json 'users/search (GET query, POST body)'
same users.get.json users.postq.json 'users/search (GET query, POST query)'
holds users.get.json "len(d['users']) == 1 and str(d['pagination']['page']) == '2'" 'users/search: page not read'

# ---- opportunities/search, GET and POST ----
for amount in 300 100 200; do
	call POST opportunities "{\"name\":\"Forms deal $amount\",\"amount\":\"$amount\"}" /dev/null
done
call GET 'opportunities/search?sort_by_field=amount&sort_ascending=true&page=1&per_page=5' "" deals.get.json
call POST opportunities/search '{"sort_by_field":"amount","sort_ascending":true,"page":"1","per_page":"5"}' deals.post.json
same deals.get.json deals.post.json opportunities/search
holds deals.get.json "[o['amount'] for o in d['opportunities']] == [100, 200, 300]" \
	'opportunities/search: sort_ascending=true not read from the query'
call GET 'opportunities/search?sort_by_field=amount&sort_ascending=false' "" deals.desc.json
holds deals.desc.json "[o['amount'] for o in d['opportunities']] == [300, 200, 100]" \
	'opportunities/search: sort_ascending=false taken as true'

# ---- mixed_people/api_search ----
call POST mixed_people/api_search \
	'{"q_organization_domains_list":["quillmetrics.io","mosslight.io"],"person_seniorities":["vp","manager"],"include_similar_titles":"false","page":1,"per_page":"3"}' \
	people.body.json
call POST 'mixed_people/api_search?q_organization_domains_list[]=quillmetrics.io&q_organization_domains_list[]=mosslight.io&person_seniorities[]=vp&person_seniorities[]=manager&include_similar_titles=false&page=1&per_page=3' \
	"" people.query.json
same people.body.json people.query.json mixed_people/api_search
holds people.query.json "0 < len(d['people']) <= 3 and d['total_entries'] >= len(d['people'])" \
	'mixed_people/api_search: no people, or per_page not read'
call POST 'mixed_people/api_search?q_organization_domains_list[]=quillmetrics.io&person_seniorities[]=vp' "" people.vp.json
holds people.vp.json "d['total_entries'] < $("$PY" -c "import json; print(json.load(open('people.query.json'))['total_entries'])")" \
	'mixed_people/api_search: the query arrays were not read as filters'

# ---- people/bulk_match: the options in the query, details in the body ----
person=66c0ac81a6a10dc84554446a
call POST people/bulk_match "{\"details\":[{\"id\":\"$person\"}],\"reveal_phone_number\":true}" match.body.json
call POST 'people/bulk_match?reveal_phone_number=true' "{\"details\":[{\"id\":\"$person\"}]}" match.query.json
"$PY" -c "
import json, sys
for f in sys.argv[1:]:
    d = json.load(open(f)); d.pop('request_id', None); json.dump(d, open(f, 'w'))" match.body.json match.query.json
same match.body.json match.query.json people/bulk_match
holds match.query.json "d['matches'][0]['id'] == '$person' and 'phone' in d['matches'][0]" \
	'people/bulk_match: reveal_phone_number=true in the query was not read'

# ---- organizations/bulk_enrich ----
call POST organizations/bulk_enrich '{"domains":["quillmetrics.io","brightlane-logistics.com"]}' orgs.body.json
call POST 'organizations/bulk_enrich?domains[]=quillmetrics.io&domains[]=brightlane-logistics.com' "" orgs.query.json
same orgs.body.json orgs.query.json organizations/bulk_enrich
holds orgs.query.json "sorted(o['primary_domain'] for o in d['organizations']) == ['brightlane-logistics.com', 'quillmetrics.io']" \
	'organizations/bulk_enrich: domains[] not read'

# what reached the sandbox since the last reset: both forms of each, none refused
stats
expect_stat '"POST /api/v1/emailer_campaigns/search":2'
expect_stat '"GET /api/v1/users/search":1'
expect_stat '"POST /api/v1/users/search":2'
expect_stat '"GET /api/v1/opportunities/search":2'
expect_stat '"POST /api/v1/organizations/bulk_enrich":2'
expect_stat '"strict_refusals":{}'
exit 0
