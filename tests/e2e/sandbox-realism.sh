#!/bin/sh
# sandbox-realism.sh - apollo-sandbox replies as Apollo does: null (not
# absent, not "") for the fields a record has no value for, in contacts
# (bulk_create items, search, view, add_contact_ids), accounts, tasks,
# deals, users, mailboxes and sequence memberships, from the seed or from a
# --state file; rates as fractions with
# a decimal point; each --variant's shapes and headers, from the command
# line and POST /_sandbox/variant; --strict-docs taking each documented form
# of the endpoints the tool calls and refusing every other one with its
# message (and counting it; =count only counts); and the error bodies of the
# --reply forms and of the 429 fault.
. "$(dirname "$0")/sandbox-lib.sh"

PY=/usr/bin/python3
# holds FILE EXPR WHAT: EXPR over FILE's JSON (d) holds, else fail with WHAT
holds() {
	"$PY" -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ($2) else 1)" "$1" ||
		fail "$3: $(head -c 1200 "$1")"
}
# nulls FILE PATH FIELD...: each FIELD of the object at PATH (Python, over d)
# is present and null
nulls() {
	f=$1 at=$2
	shift 2
	for field in "$@"; do
		holds "$f" "'$field' in $at and $at['$field'] is None" "$field is not null in $at"
	done
}
set_variant() {
	code=$(curl -s -o body -w '%{http_code}' -X POST --data-binary "{\"variant\":\"$1\"}" "$ROOT/_sandbox/variant")
}

sandbox_start
seq=68a341a19db4d0b1be231e36      # Webinar Invitees
mb=63f0ff60a17484057a224f85
no_email=6517eb13fb086dfede1589ca
no_account=66646d0d51d3c12febdd6ba6
finished=67b940a52d822eb625b52dbb   # finished in Q4 Outbound in the seed

# ---- nulls ----
api POST contacts/bulk_create '{"contacts":[{"email":"only.email@realism-test.example"}]}'
expect_code 200
cp body created.json
nulls created.json "d['created_contacts'][0]" first_name last_name title organization_name account_id \
	owner_id contact_stage_id
new=$("$PY" -c "import json; print(json.load(open('created.json'))['created_contacts'][0]['id'])")

api GET "contacts/$new"
expect_code 200
cp body new.json
nulls new.json "d['contact']" title account_id owner_id creator_id contact_stage_id organization_name \
	person_id organization_id linkedin_url last_activity_date sanitized_phone
holds new.json "d['contact']['email'] == 'only.email@realism-test.example' and d['contact']['contact_emails'] == []" \
	'a new contact lost its email or contact_emails'

api GET "contacts/$no_email"
expect_code 200
cp body no_email.json
nulls no_email.json "d['contact']" email email_status
api GET "contacts/$no_account"
expect_code 200
cp body no_account.json
nulls no_account.json "d['contact']" account_id person_id time_zone

# a finished membership from the seed: on no step, no failure
api GET "contacts/$finished"
expect_code 200
cp body finished.json
holds finished.json "[s for s in d['contact']['contact_campaign_statuses'] if s['status'] == 'finished' and s['current_step_position'] is None and s['failure_reason'] is None and s['paused_at'] is None and s['finished_at']]" \
	'a finished membership is not shaped as Apollo sends it'

# search: no field the tool reads is "" anywhere, and the nulls are there
api POST contacts/search '{"per_page":100}'
expect_code 200
cp body search.json
holds search.json "all(c.get(k) != '' for c in d['contacts'] for k in ('email','title','account_id','owner_id','contact_stage_id','organization_name','email_status'))" \
	'a contact in search has "" for a field'
holds search.json "all(k in c for c in d['contacts'] for k in ('email','title','account_id','owner_id','contact_stage_id','organization_name','creator_id','person_id'))" \
	'a contact in search lacks a field'

# enrolment: the new membership's unset fields are null
api POST "emailer_campaigns/$seq/add_contact_ids" \
	"{\"emailer_campaign_id\":\"$seq\",\"contact_ids\":[\"$new\"],\"send_email_from_email_account_id\":\"$mb\"}"
expect_code 200
cp body added.json
holds added.json "d['contacts'][0]['id'] == '$new'" 'the new contact was not enrolled'
nulls added.json "d['contacts'][0]['contact_campaign_statuses'][0]" finished_at paused_at inactive_reason \
	failure_reason auto_unpause_at current_step_id
holds added.json "d['contacts'][0]['contact_campaign_statuses'][0]['current_step_position'] == 1" \
	'a new membership is not on step 1'
nulls added.json "d['contacts'][0]" title account_id owner_id contact_stage_id
api POST emailer_campaigns/remove_or_stop_contact_ids \
	"{\"emailer_campaign_ids\":[\"$seq\"],\"contact_ids\":[\"$new\"],\"mode\":\"mark_as_finished\"}"
expect_code 200
cp body stopped.json
nulls stopped.json "d['contacts'][0]['contact_campaign_statuses'][0]" current_step_position failure_reason

# accounts, tasks, deals, users, mailboxes
api POST accounts '{"name":"Realism Nulls Ltd"}'
expect_code 200
cp body account.json
nulls account.json "d['account']" domain owner_id account_stage_id phone linkedin_url parent_account_id \
	last_activity_date
api POST accounts/search '{"per_page":100}'
expect_code 200
cp body accounts.json
holds accounts.json "all(k in a for a in d['accounts'] for k in ('domain','owner_id','account_stage_id','phone','organization_id','creator_id'))" \
	'a seed account lacks a field'
user=63bbd8f8fded92091c54ce8e
api POST tasks "{\"user_id\":\"$user\",\"contact_id\":\"$new\",\"type\":\"call\",\"status\":\"scheduled\",\"due_at\":\"2026-12-01\"}"
expect_code 200
cp body task.json
nulls task.json "d['task']" title note completed_at skipped_at opportunity_id emailer_campaign_id account_id
api POST opportunities '{"name":"Realism deal","amount":"1,000"}'
expect_code 200
cp body deal.json
nulls deal.json "d['opportunity']" amount owner_id account_id closed_date opportunity_stage_id
api GET users/search
expect_code 200
cp body users.json
holds users.json "all('title' in u and 'credit_limit' in u and u['deleted'] is False and u['team_id'] for u in d['users'])" \
	'a user lacks title, credit_limit, deleted or team_id'
api GET email_accounts
expect_code 200
cp body mailboxes.json
holds mailboxes.json "all(m['revoked_at'] is None and m['aliases'] == [] and 'last_synced_at' in m for m in d['email_accounts'])" \
	'a mailbox lacks its null fields'

# ---- rates: fractions, always with a decimal point ----
api POST emailer_campaigns/search '{"per_page":100}'
expect_code 200
grep -o '"[a-z_]*_rate":[^,}]*' body > rates
[ -s rates ] || fail "no rates in emailer_campaigns/search: $(head -c 600 body)"
! grep -v '"loading"' rates | grep -v ':[01]\.[0-9][0-9]*$' | grep -q . ||
	fail "a rate is not a fraction with a decimal point: $(grep -v '"loading"' rates | grep -v ':[01]\.[0-9]*$' | head -3)"
grep -q '"open_rate":0\.[0-9]*[1-9]' rates || fail "no open rate above 0 to check: $(cat rates)"
grep -q '"bounce_rate":0\.0' rates || fail "a zero rate is not written 0.0: $(cat rates)"

# a --state file written before the sandbox sent nulls (here: one with
# every null taken out) is filled out as it is loaded
sandbox_stop
sandbox_start --state state.json
sandbox_stop
"$PY" - <<'PY' || fail "could not strip the state's nulls"
import json
def strip(x):
    if isinstance(x, dict): return {k: strip(v) for k, v in x.items() if v is not None}
    if isinstance(x, list): return [strip(v) for v in x]
    return x
d = json.load(open('state.json'))
assert any('person_id' in c and c['person_id'] is None for c in d['contacts'])
json.dump(strip(d), open('state.json', 'w'))
PY
sandbox_start --state state.json
api GET "contacts/$no_account"
expect_code 200
cp body from_state.json
nulls from_state.json "d['contact']" account_id person_id time_zone
api GET "contacts/$finished"
cp body from_state.json
holds from_state.json "all('current_step_position' in s and 'failure_reason' in s for s in d['contact']['contact_campaign_statuses'])" \
	'memberships from a --state file lack their null fields'

# ---- variants ----
api_headers POST 'emailer_campaigns/search?per_page=2'
grep -qi '^x-24-hour-usage:' headers || fail "no 24-hour headers without a variant: $(cat headers)"

set_variant string-numbers
expect_code 200
expect_body '{"variants":["string-numbers"]}'
api POST 'emailer_campaigns/search?per_page=2'
cp body v.json
holds v.json "all(isinstance(d['pagination'][k], str) for k in ('page','per_page','total_entries','total_pages'))" \
	'string-numbers: pagination numbers are not strings'
holds v.json "all(isinstance(s[k], str) and float(s[k]) >= 0 for s in d['emailer_campaigns'] for k in ('unique_delivered','open_rate','spam_block_rate')) and all(isinstance(v, str) for s in d['emailer_campaigns'] for v in s['contact_statuses'].values())" \
	'string-numbers: metrics are not numeric strings'
api POST contacts/search '{"per_page":1}'
cp body v.json
holds v.json "d['pagination']['total_entries'] == '300'" 'string-numbers: contacts/search total_entries'

set_variant loading
expect_code 200
api POST 'emailer_campaigns/search?per_page=100'
cp body v.json
holds v.json "all(s[k] == 'loading' for s in d['emailer_campaigns'] for k in ('unique_scheduled','unique_opened','open_rate','bounce_rate')) and all(v == 'loading' for s in d['emailer_campaigns'] for v in s['contact_statuses'].values())" \
	'loading: a metric or a contact_statuses count is not "loading"'
api POST emailer_campaigns/remove_or_stop_contact_ids \
	"{\"emailer_campaign_ids\":[\"$seq\"],\"contact_ids\":[\"$new\"],\"mode\":\"mark_as_finished\"}"
cp body v.json
holds v.json "set(d['contact_statuses'].values()) == {'loading'}" 'loading: remove_or_stop contact_statuses'

set_variant old-names
expect_code 200
api_headers POST 'emailer_campaigns/search?per_page=100'
cp body v.json
holds v.json "all('spam_blocked_rate' in s and 'spam_block_rate' not in s for s in d['emailer_campaigns'])" \
	'old-names: spam_block_rate is not spam_blocked_rate'
for h in x-rate-limit-daily x-daily-usage x-daily-requests-left; do
	grep -qi "^$h:" headers || fail "old-names: no $h header: $(cat headers)"
done
! grep -qi '^x-24-hour\|^x-rate-limit-24-hour' headers || fail "old-names: 24-hour headers too: $(cat headers)"
grep -qi '^x-rate-limit-minute:' headers || fail "old-names: the minute window's headers went: $(cat headers)"

set_variant null-pages
api POST 'emailer_campaigns/search?per_page=2'
cp body v.json
holds v.json "d['pagination']['page'] is None and d['pagination']['per_page'] == 2" 'null-pages: page is not null'

set_variant int-rates
api POST 'emailer_campaigns/search?per_page=100'
cp body v.json
holds v.json "all(type(s[k]) is int and s[k] in (0, 1) for s in d['emailer_campaigns'] if s['unique_scheduled'] != 'loading' for k in ('open_rate','bounce_rate','reply_rate'))" \
	'int-rates: rates are not the integers 0 or 1'
grep -q '"open_rate":0[,}]' body || fail "int-rates: open_rate not written as an integer: $(head -c 400 body)"

set_variant 'string-numbers,null-pages'
api GET users/search
cp body v.json
holds v.json "d['pagination']['page'] is None and d['pagination']['total_entries'] == '4'" 'two variants at once'
set_variant 'nonesuch'
expect_code 422
expect_body 'no variant \"nonesuch\"'
stats
expect_stat '"variants":["string-numbers","null-pages"]'
set_variant none
expect_body '{"variants":[]}'
sandbox_stop

# from the command line, kept over a reset; a bad one stops it at start-up
timeout 10 "$APOLLO_SANDBOX" --port 0 --seed "$SEED" -q --variant loading,bogus 2> bad.err
[ $? = 2 ] || fail "--variant bogus did not stop apollo-sandbox with status 2"
grep -qF -- '--variant loading,bogus: no variant "bogus"' bad.err || fail "--variant bogus: $(cat bad.err)"
sandbox_start --variant old-names
curl -s -o /dev/null -X POST "$ROOT/_sandbox/reset"
stats
expect_stat '"variants":["old-names"]'
api POST 'emailer_campaigns/search?per_page=1'
expect_body '"spam_blocked_rate":'
sandbox_stop

# ---- --strict-docs ----
sandbox_start --strict-docs --rate minute=0,hour=0,day=0
# accepted FORM-DESCRIPTION METHOD PATH [JSON]
accepted() {
	what=$1
	shift
	api "$@"
	[ "$code" = 200 ] || fail "--strict-docs refused the documented form of $what: HTTP $code $(head -c 400 body)"
}
# refused STATUS MESSAGE METHOD PATH [JSON]
refused() {
	st=$1 msg=$2
	shift 2
	api "$@"
	[ "$code" = "$st" ] || fail "--strict-docs: $1 $2 ${3:-} gave HTTP $code, not $st: $(head -c 400 body)"
	expect_body "$msg"
}
accepted 'contacts/bulk_create' POST contacts/bulk_create '{"contacts":[{"email":"strict.one@realism-test.example"}],"run_dedupe":true}'
accepted 'contacts/search' POST contacts/search '{"q_keywords":"strict","page":1,"per_page":10}'
accepted 'GET contacts/{id}' GET "contacts/$no_account"
accepted 'PATCH contacts/{id}' PATCH "contacts/$no_account" '{"title":"Strictly"}'
accepted 'contacts/bulk_update' POST contacts/bulk_update "{\"contact_ids\":[\"$no_account\"],\"title\":\"Strict\"}"
accepted 'accounts/bulk_create' POST accounts/bulk_create '{"accounts":[{"name":"Strict Co"}],"run_dedupe":true}'
accepted 'accounts/search' POST accounts/search '{"q_organization_name":"Strict","page":1}'
accepted 'emailer_campaigns/search' POST 'emailer_campaigns/search?q_name=Q4&page=1&per_page=5'
accepted 'add_contact_ids' POST "emailer_campaigns/$seq/add_contact_ids?emailer_campaign_id=$seq&contact_ids[]=$no_account&send_email_from_email_account_id=$mb&sequence_unverified_email=true"
accepted 'remove_or_stop_contact_ids' POST "emailer_campaigns/remove_or_stop_contact_ids?emailer_campaign_ids[]=$seq&contact_ids[]=$no_account&mode=remove"
accepted 'users/search' GET 'users/search?page=1&per_page=2'
accepted 'email_accounts' GET email_accounts
accepted 'labels' GET labels
accepted 'typed_custom_fields' GET typed_custom_fields
accepted 'contact_stages' GET contact_stages
accepted 'opportunity_stages' GET opportunity_stages
accepted 'tasks/bulk_create' POST tasks/bulk_create "{\"user_id\":\"$user\",\"contact_ids\":[\"$no_account\"],\"type\":\"call\",\"status\":\"scheduled\",\"due_at\":\"2026-12-01\"}"
accepted 'tasks/search' POST 'tasks/search?sort_by_field=task_due_at&page=1&per_page=10'
accepted 'opportunities' POST opportunities '{"name":"Strict deal","amount":"500"}'
accepted 'opportunities/search' GET 'opportunities/search?sort_by_field=amount&page=1&per_page=10'
accepted 'people/bulk_match' POST 'people/bulk_match?reveal_personal_emails=false' '{"details":[{"email":"zoe.okafor@quillmetrics.io"}]}'
accepted 'organizations/bulk_enrich' POST 'organizations/bulk_enrich?domains[]=quillmetrics.io'
accepted 'mixed_people/api_search' POST 'mixed_people/api_search?person_titles[]=VP&page=1&per_page=5'
accepted 'usage_stats' POST usage_stats/api_usage_stats
accepted 'usage_stats with {}' POST usage_stats/api_usage_stats '{}'
accepted 'fields' GET 'fields?source=custom'
accepted 'account_stages' GET account_stages
acct=64a939a55310f88053fc3fcd
accepted 'accounts/bulk_update' POST accounts/bulk_update "{\"account_attributes\":[{\"id\":\"$acct\",\"name\":\"Strict Rename\"}]}"
accepted 'accounts/bulk_update by ids' POST accounts/bulk_update "{\"account_ids\":[\"$acct\"],\"owner_id\":\"$user\",\"async\":true}"
accepted 'accounts/update_owners' POST "accounts/update_owners?account_ids[]=$acct&owner_id=$user"
accepted 'contacts/update_stages' POST "contacts/update_stages?contact_ids[]=$no_account&contact_stage_id=63bbd790cbf62248db929108"
accepted 'contacts/update_owners' POST "contacts/update_owners?contact_ids[]=$no_account&owner_id=$user"
stats
expect_stat '"strict_docs":"refuse"'
expect_stat '"strict_refusals":{}'

doc='is not in the documented form: '
refused 405 "POST users/search ${doc}Apollo documents it with GET" POST users/search '{"page":1}'
refused 405 "POST opportunities/search ${doc}Apollo documents it with GET" POST opportunities/search
refused 405 "PUT contacts/{id} ${doc}Apollo documents it with" PUT "contacts/$no_account" '{"title":"x"}'
refused 422 "${doc}JSON body parameters (emailer_campaign_id), where Apollo documents query parameters" \
	POST "emailer_campaigns/$seq/add_contact_ids" "{\"emailer_campaign_id\":\"$seq\",\"contact_ids\":[\"$no_account\"],\"send_email_from_email_account_id\":\"$mb\"}"
refused 422 "${doc}JSON body parameters (q_name)" POST emailer_campaigns/search '{"q_name":"Q4"}'
refused 422 "${doc}JSON body parameters (emailer_campaign_ids)" POST emailer_campaigns/remove_or_stop_contact_ids \
	"{\"emailer_campaign_ids\":[\"$seq\"],\"contact_ids\":[\"$no_account\"],\"mode\":\"stop\"}"
refused 422 "${doc}reveal_phone_number in the JSON body, where Apollo documents it as a query parameter" \
	POST people/bulk_match '{"details":[{"email":"zoe.okafor@quillmetrics.io"}],"reveal_phone_number":true}'
refused 422 "${doc}JSON body parameters (domains)" POST organizations/bulk_enrich '{"domains":["quillmetrics.io"]}'
refused 422 "${doc}JSON body parameters (page)" POST tasks/search '{"page":1}'
refused 422 "${doc}the array parameter contact_ids in the query without [] (documented as contact_ids[])" \
	POST "emailer_campaigns/$seq/add_contact_ids?emailer_campaign_id=$seq&contact_ids=$no_account&send_email_from_email_account_id=$mb"
refused 422 "${doc}the array parameter domains in the query without []" POST 'organizations/bulk_enrich?domains=quillmetrics.io'
refused 422 "${doc}the query parameter q_keywords, which Apollo does not document here" GET 'users/search?q_keywords=dana'
refused 422 "${doc}the body parameter append_label_names_typo, which Apollo does not document here" \
	POST contacts/bulk_create '{"contacts":[],"append_label_names_typo":["x"]}'
refused 422 "${doc}the body parameter tasks_attributes, which Apollo does not document here" \
	POST tasks/bulk_create '{"tasks_attributes":[]}'
refused 422 "${doc}the query parameter page, where Apollo documents a JSON body" POST 'contacts/search?page=1'
refused 422 "GET labels ${doc}a JSON body on a GET" GET labels '{}'
refused 422 "${doc}the body parameter page, where Apollo documents no parameters" POST usage_stats/api_usage_stats '{"page":1}'
refused 422 "${doc}JSON body parameters (contact_ids), where Apollo documents query parameters" \
	POST contacts/update_stages "{\"contact_ids\":[\"$no_account\"],\"contact_stage_id\":\"63bbd790cbf62248db929108\"}"
refused 422 "${doc}the body parameter typed_custom_fields, which Apollo does not document here" \
	POST accounts/bulk_update "{\"account_ids\":[\"$acct\"],\"typed_custom_fields\":{}}"
refused 422 "${doc}the query parameter modality, which Apollo does not document here" GET 'fields?modality=contact'
stats
holds stats "d['strict_refusals'] == {'POST /api/v1/users/search': 1, 'POST /api/v1/opportunities/search': 1,
 'PUT /api/v1/contacts/{id}': 1, 'POST /api/v1/emailer_campaigns/{id}/add_contact_ids': 2,
 'POST /api/v1/emailer_campaigns/search': 1, 'POST /api/v1/emailer_campaigns/remove_or_stop_contact_ids': 1,
 'POST /api/v1/people/bulk_match': 1, 'POST /api/v1/organizations/bulk_enrich': 2, 'POST /api/v1/tasks/search': 1,
 'GET /api/v1/users/search': 1, 'POST /api/v1/contacts/bulk_create': 1, 'POST /api/v1/tasks/bulk_create': 1,
 'POST /api/v1/contacts/search': 1, 'GET /api/v1/labels': 1, 'POST /api/v1/usage_stats/api_usage_stats': 1,
 'POST /api/v1/contacts/update_stages': 1, 'POST /api/v1/accounts/bulk_update': 1, 'GET /api/v1/fields': 1}" \
	'strict_refusals do not count each refusal by route' 
# a refusal changes nothing: the refused enrolment left no membership
api GET "contacts/$no_account"
holds body "not [s for s in d['contact']['contact_campaign_statuses'] if s['emailer_campaign_id'] == '$seq']" \
	'a refused add_contact_ids was applied'
# still a key first: a bad key is 401, not a form refusal
KEY=wrong-key
api POST users/search '{"page":1}'
expect_code 401
KEY=sandbox-master-key
sandbox_stop

# --strict-docs=count: counted, and answered as usual
sandbox_start --strict-docs=count
api POST users/search '{"page":1}'
expect_code 200
expect_body '"users":['
api GET 'users/search?page=1'
expect_code 200
stats
expect_stat '"strict_docs":"count"'
holds stats "d['strict_refusals'] == {'POST /api/v1/users/search': 1}" '--strict-docs=count: not counted as one'
sandbox_stop

# ---- error bodies of the --reply forms (apollo-api.md §14) ----
sandbox_start --reply labels=401,typed_custom_fields=403,contact_stages=paid-plan,opportunity_stages=404 \
	--reply email_accounts=422,users/search=429 --rate minute=50,hour=200,day=600
api GET labels
expect_code 401
[ "$(cat body)" = 'Invalid API key. See https://docs.apollo.io/reference/authentication for how to authenticate.' ] ||
	fail "401 body: $(cat body)"
api GET typed_custom_fields
expect_code 403
expect_body '{"error":"This API key is not authorized to access api/v1/typed_custom_fields/index. Request an API key from your administrator that includes this endpoint in its configured scope.","error_code":"API_INACCESSIBLE"}'
api GET contact_stages
expect_code 403
[ "$(cat body)" = '{"message":"This endpoint is only available to Apollo users on paid plans."}' ] ||
	fail "paid-plan body: $(cat body)"
api GET opportunity_stages
expect_code 404
[ "$(cat body)" = '{"error":"Record not found."}' ] || fail "404 body: $(cat body)"
api GET email_accounts
expect_code 422
holds body "list(d) == ['error'] and d['error']" "422 body"
api_headers GET users/search
expect_code 429
[ "$(cat body)" = '{"message":"The maximum number of api calls allowed for api/v1/users/search is 50 times per minute. Please upgrade your plan from https://app.apollo.io/#/settings/plans/upgrade."}' ] ||
	fail "429 body: $(cat body)"
grep -qi '^retry-after: 1' headers || fail "429 without retry-after: $(cat headers)"
stats
expect_stat '"reply_forms":{"labels":"401","typed_custom_fields":"403","contact_stages":"paid-plan","opportunity_stages":"404","email_accounts":"422","users/search":"429"}'
sandbox_stop

# the 429 fault: Apollo's message, for the minute window (retry-after 1)
sandbox_start --faults 429=1 --rate minute=0,hour=400,day=2000
api_headers GET labels
expect_code 429
[ "$(cat body)" = '{"message":"The maximum number of api calls allowed for api/v1/labels/index is 50 times per minute. Please upgrade your plan from https://app.apollo.io/#/settings/plans/upgrade."}' ] ||
	fail "429 fault body: $(cat body)"
grep -qi '^retry-after: 1' headers || fail "429 fault without retry-after: $(cat headers)"
exit 0
