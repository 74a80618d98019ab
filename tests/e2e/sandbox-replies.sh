#!/bin/sh
# sandbox-replies.sh - --reply and POST /_sandbox/reply: each reply form as
# it goes on the wire (status and body), whether the request was applied
# (read back from the store), the job's entity_ids, omit-first leaving out
# and not applying the first contact, forms set, changed and cleared at run
# time, a form that starts after N requests, reset clearing them, and bad
# routes and forms refused at start-up.
. "$(dirname "$0")/sandbox-lib.sh"

# refused TEXT ARGS...: apollo-sandbox ARGS stops at once with status 2,
# and its message holds TEXT
refused() {
	text=$1
	shift
	timeout 10 "$APOLLO_SANDBOX" --port 0 --seed "$SEED" -q "$@" 2> refused.err
	rc=$?
	[ "$rc" = 2 ] || fail "apollo-sandbox $* gave status $rc, not 2: $(cat refused.err)"
	grep -qF -- "$text" refused.err || fail "apollo-sandbox $*: the message lacks $text: $(cat refused.err)"
}
refused '--reply labels=job: the reply form job is only for contacts/bulk_update and emailer_campaigns/remove_or_stop_contact_ids, not labels' \
	--reply labels=job
refused 'the reply form omit-first is only for' --reply users/search=omit-first
refused '--reply users/serch=503: no route "users/serch"' --reply users/serch=503
refused 'no reply form "600"' --reply labels=600
refused 'no reply form "399"' --reply labels=399
refused 'no reply form "stall"' --reply contacts/bulk_update=stall
refused '--reply labels: not ROUTE=FORM' --reply labels
refused '--reply labels=xx: no reply form "xx"' --reply users/search=503,labels=xx

# reply ROUTE FORM: POST /_sandbox/reply; the answer in $code and body
reply() {
	code=$(curl -s -o body -w '%{http_code}' -X POST --data-binary "{\"route\":\"$1\",\"form\":\"$2\"}" \
		"$ROOT/_sandbox/reply")
}
# set_reply ROUTE FORM: as reply, and it must be taken
set_reply() {
	reply "$1" "$2"
	expect_code 200
	[ "$(cat body)" = "{\"route\":\"$1\",\"form\":\"$2\"}" ] || fail "reply $1 $2 answered $(cat body)"
}
expect_exact() { [ "$(cat body)" = "$1" ] || fail "the body is $(head -c 600 body), not $1"; }
# no_rate_headers: the last api_headers answer carries none (it cost no quota)
no_rate_headers() { ! grep -qi '^x-minute-usage' headers || fail "rate headers on $code: $(cat headers)"; }
# title_of ID: the contact's title, read back from the store
title_of() {
	api GET "contacts/$1"
	expect_code 200
	grep -o '"title":\("[^"]*"\|null\)' body | head -n 1 | sed 's/"title"://; s/"//g'
}
# retitle TITLE ID...: bulk_update of the contacts' title; $code and body
retitle() {
	t=$1
	shift
	list=$(printf '"%s",' "$@")
	api POST contacts/bulk_update "{\"contact_ids\":[${list%,}],\"title\":\"$t\"}"
}
forms_in_stats() { stats; grep -o '"reply_forms":{[^}]*}' stats; }
replies_in_stats() { stats; grep -o '"replies":{[^}]*}' stats; }

# ---- status forms, set at start-up (repeated and as a list) ----
sandbox_start --stall-ms 1500 --reply users/search=403 --reply labels=405,contact_stages=503,auth/health=401
api_headers GET users/search
expect_code 403
expect_exact '{"error":"This API key is not authorized to access api/v1/users/search. Request an API key from your administrator that includes this endpoint in its configured scope.","error_code":"API_INACCESSIBLE"}'
no_rate_headers
api_headers GET labels
expect_code 405
expect_exact '{"error":"Method Not Allowed"}'
no_rate_headers
api_headers GET contact_stages
expect_code 503
expect_exact '{"error":"An error occurred. Please try again."}'
no_rate_headers
api GET auth/health
expect_code 401
expect_exact 'Invalid API key. See https://docs.apollo.io/reference/authentication for how to authenticate.'
api_headers GET email_accounts
expect_code 200
expect_body '{"email_accounts":['
grep -qi '^x-minute-usage: 1' headers || fail "no rate headers on a normal answer: $(cat headers)"
[ "$(forms_in_stats)" = '"reply_forms":{"users/search":"403","labels":"405","contact_stages":"503","auth/health":"401"}' ] ||
	fail "reply_forms: $(cat stats)"
[ "$(replies_in_stats)" = '"replies":{"403":1,"405":1,"503":1,"401":1}' ] || fail "replies: $(cat stats)"
expect_stat '"GET /api/v1/labels":1'

# reset clears every form, those of the command line too
curl -s -o body -X POST "$ROOT/_sandbox/reset"
expect_exact '{"reset":true}'
[ "$(forms_in_stats)" = '"reply_forms":{}' ] || fail "reset left reply_forms: $(cat stats)"
[ "$(replies_in_stats)" = '"replies":{}' ] || fail "reset left replies: $(cat stats)"
api GET users/search
expect_code 200
expect_body '"users":['

# ---- set at run time: bulk_update in every form ----
api POST contacts/bulk_create '{"contacts":[{"first_name":"Rae","last_name":"One","email":"rae.one@replies-test.com"},
	{"first_name":"Rae","last_name":"Two","email":"rae.two@replies-test.com"},
	{"first_name":"Rae","last_name":"Three","email":"rae.three@replies-test.com"},
	{"first_name":"Rae","last_name":"Four","email":"rae.four@replies-test.com"}]}'
expect_code 200
set -- $(json_ids)
[ $# = 4 ] || fail "expected 4 new contacts: $(cat body)"
c1=$1 c2=$2 c3=$3 c4=$4

# not applied: a status; hang (the client gives up; then the connection closes)
set_reply contacts/bulk_update 503
retitle Five "$c1"
expect_code 503
expect_exact '{"error":"An error occurred. Please try again."}'
[ "$(title_of "$c1")" = null ] || fail "a 503 reply applied the update"
set_reply contacts/bulk_update 422
retitle Five "$c1"
expect_code 422
expect_body '{"error":"Unprocessable '
[ "$(title_of "$c1")" = null ] || fail "a 422 reply applied the update"
set_reply contacts/bulk_update hang
code=$(curl -s -o body -w '%{http_code}' --max-time 1 -X POST -H "x-api-key: $KEY" -H 'Content-Type: application/json' \
	--data-binary "{\"contact_ids\":[\"$c1\"],\"title\":\"Hung\"}" "$BASE/contacts/bulk_update")
curl_rc=$?
[ "$curl_rc" = 28 ] || fail "hang: curl exit $curl_rc (expected 28, timed out), HTTP $code"
start=$(date +%s%N)
code=$(curl -s -o body -w '%{http_code}' --max-time 10 -X POST -H "x-api-key: $KEY" -H 'Content-Type: application/json' \
	--data-binary "{\"contact_ids\":[\"$c1\"],\"title\":\"Hung\"}" "$BASE/contacts/bulk_update")
curl_rc=$?
end=$(date +%s%N)
[ "$curl_rc" = 52 ] || fail "hang: curl exit $curl_rc (expected 52, no answer), HTTP $code"
[ $(( (end - start) / 1000000 )) -ge 1400 ] || fail "hang: closed after $(( (end - start) / 1000000 )) ms, not --stall-ms"
[ "$(title_of "$c1")" = null ] || fail "a hang applied the update"

# applied, with a 200 the client cannot read as the contacts
set_reply contacts/bulk_update string
retitle Strung "$c1"
expect_code 200
expect_exact '"ok"'
[ "$(title_of "$c1")" = Strung ] || fail "the string reply did not apply the update"
set_reply contacts/bulk_update object
retitle Emptied "$c1"
expect_code 200
expect_exact '{}'
[ "$(title_of "$c1")" = Emptied ] || fail "the object reply did not apply the update"

# job: applied, every id of the request in entity_ids, as ids or attributes
set_reply contacts/bulk_update job
retitle Queued "$c1" "$c2"
expect_code 200
sed 's/"id":"[0-9a-f]\{24\}"/"id":"ID"/' body > job
[ "$(cat job)" = "{\"entity_progress_job\":{\"id\":\"ID\",\"job_type\":\"contact_bulk_update\",\"status\":\"pending\",\"entity_ids\":[\"$c1\",\"$c2\"]}}" ] ||
	fail "job form: $(cat body)"
[ "$(title_of "$c1")" = Queued ] && [ "$(title_of "$c2")" = Queued ] || fail "the job reply did not apply the update"
api POST contacts/bulk_update "{\"contact_attributes\":[{\"id\":\"$c3\",\"title\":\"Attr\"},{\"id\":\"$c4\",\"title\":\"Attr\"}]}"
expect_code 200
expect_body "\"job_type\":\"contact_bulk_update\",\"status\":\"pending\",\"entity_ids\":[\"$c3\",\"$c4\"]}}"
[ "$(title_of "$c4")" = Attr ] || fail "the job reply did not apply the attributes"
# a refusal is sent as it is, in any form
retitle Nobody ffffffffffffffffffffffff
expect_code 422
expect_body '"message":"Contact not found"'

# omit-first: the first contact neither changed nor answered
set_reply contacts/bulk_update omit-first
retitle Partial "$c1" "$c2" "$c3"
expect_code 200
expect_body '{"contacts":[{"id":"'
expect_body "\"id\":\"$c2\""
expect_body "\"id\":\"$c3\""
expect_no_body "$c1"
[ "$(title_of "$c1")" = Queued ] || fail "omit-first applied the first contact"
[ "$(title_of "$c2")" = Partial ] && [ "$(title_of "$c3")" = Partial ] || fail "omit-first did not apply the others"

# normal again
set_reply contacts/bulk_update normal
retitle Whole "$c1" "$c2"
expect_code 200
expect_body "{\"contacts\":[{\"id\":\"$c1\""
[ "$(title_of "$c1")" = Whole ] || fail "the normal reply did not apply the update"

# ---- remove_or_stop_contact_ids: job and omit-first ----
api POST emailer_campaigns/search '{"q_name":"Q4 Outbound"}'
seq=$(sed -n 's/.*"emailer_campaigns":\[{"id":"\([0-9a-f]*\)".*/\1/p' body)
box=$(tr -d ' \n' < "$SEED" | grep -o '"email_accounts":\[[^]]*\]' | grep -o '{"id":"[0-9a-f]*"[^}]*"active":true' |
	head -n 1 | sed 's/{"id":"\([0-9a-f]*\)".*/\1/')
[ -n "$seq" ] && [ -n "$box" ] || fail "no sequence or mailbox in the seed"
api POST "emailer_campaigns/$seq/add_contact_ids" "{\"emailer_campaign_id\":\"$seq\",\"contact_ids\":[\"$c1\",\"$c2\",\"$c3\",\"$c4\"],\"send_email_from_email_account_id\":\"$box\"}"
expect_code 200
expect_body '"skipped_contact_ids":{}'
# status_in ID: the contact's status in the sequence
status_in() {
	api GET "contacts/$1"
	grep -o "{[^{}]*\"emailer_campaign_id\":\"$seq\"[^{}]*}" body | grep -o '"status":"[a-z]*"' | sed 's/.*:"//; s/"//'
}
finish() {
	list=$(printf '"%s",' "$@")
	api POST emailer_campaigns/remove_or_stop_contact_ids \
		"{\"emailer_campaign_ids\":[\"$seq\"],\"contact_ids\":[${list%,}],\"mode\":\"mark_as_finished\"}"
}
set_reply emailer_campaigns/remove_or_stop_contact_ids job
finish "$c1" "$c2"
expect_code 200
sed 's/"id":"[0-9a-f]\{24\}"/"id":"ID"/' body > job
[ "$(cat job)" = "{\"entity_progress_job\":{\"id\":\"ID\",\"job_type\":\"emailer_campaign_remove_or_stop\",\"status\":\"pending\",\"entity_ids\":[\"$c1\",\"$c2\"]}}" ] ||
	fail "job form of remove_or_stop: $(cat body)"
[ "$(status_in "$c1")" = finished ] && [ "$(status_in "$c2")" = finished ] || fail "the job reply did not finish them"
set_reply emailer_campaigns/remove_or_stop_contact_ids omit-first
finish "$c3" "$c4"
expect_code 200
expect_body '"num_contacts":1'
expect_body "\"contacts\":[{\"id\":\"$c4\""
expect_no_body "$c3"
[ "$(status_in "$c3")" = active ] || fail "omit-first finished the first contact"
[ "$(status_in "$c4")" = finished ] || fail "omit-first did not finish the second"

# ---- "after": the form once N more requests were answered as usual ----
code=$(curl -s -o body -w '%{http_code}' -X POST --data-binary '{"route":"labels","form":"503","after":2}' \
	"$ROOT/_sandbox/reply")
expect_code 200
expect_exact '{"route":"labels","form":"503","after":2}'
for want in 200 200 503 503; do
	api GET labels
	expect_code $want
done
set_reply labels normal
api GET labels
expect_code 200

# ---- the reads: string and object, and no fault meets a form ----
sandbox_stop
sandbox_start --faults 5xx=1
curl -s -o /dev/null -X POST --data-binary '{"route":"opportunity_stages","form":"string"}' "$ROOT/_sandbox/reply"
curl -s -o /dev/null -X POST --data-binary '{"route":"accounts/search","form":"object"}' "$ROOT/_sandbox/reply"
api GET opportunity_stages
expect_code 200
expect_exact '"ok"'
api POST accounts/search '{}'
expect_code 200
expect_exact '{}'
api GET labels
case $code in 500|502|503) ;; *) fail "the 5xx fault spared labels: HTTP $code" ;; esac
[ "$(replies_in_stats)" = '"replies":{"string":1,"object":1}' ] || fail "replies: $(cat stats)"

# ---- run-time refusals leave the forms as they were ----
reply labels job
expect_code 422
expect_exact '{"error":"the reply form job is only for contacts/bulk_update and emailer_campaigns/remove_or_stop_contact_ids, not labels"}'
reply users/serch 503
expect_code 422
expect_body 'no route \"users/serch\"'
reply labels 200
expect_code 422
expect_body 'no reply form \"200\"'
code=$(curl -s -o body -w '%{http_code}' -X POST --data-binary '{"route":"labels"}' "$ROOT/_sandbox/reply")
expect_code 422
expect_exact '{"error":"The body must be {\"route\": ROUTE, \"form\": FORM}, and may have \"after\": a number of requests."}'
code=$(curl -s -o body -w '%{http_code}' -X POST --data-binary '{"route":"labels","form":"503","after":-1}' \
	"$ROOT/_sandbox/reply")
expect_code 422
[ "$(forms_in_stats)" = '"reply_forms":{"opportunity_stages":"string","accounts/search":"object"}' ] ||
	fail "a refused form changed reply_forms: $(cat stats)"
exit 0
