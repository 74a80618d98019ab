#!/bin/sh
# Trust no reply: Apollo answering as its documentation shows, or a look-up
# failing as any real account can meet it, never gives a wrong result.
#  1. tasks and deals: a users/search that fails (503, 403, 405, a reply
#     that never comes) stops the run with every row unprocessed, one
#     look-up spent, never "invalid: not one of the team's users"; --resume
#     then makes each row's record once.
#  2. update and unenroll: an id the 200 does not confirm is failed, a
#     bare-string reply is "unexpected reply", a job confirms its ids.
#  3. a list look-up whose reply has no list stops the run, naming it.
#  4, 5. deal stages across pipelines (samples/sandbox-seed-pipelines.json):
#     a repeated name is refused with each stage's id and pipeline, the
#     pipeline column and --pipeline settle it, the stage list is grouped
#     by pipeline and cut at ten names.
# The sandbox's reply forms are set at run time with POST /_sandbox/reply.
. "$(dirname "$0")/import-lib.sh"
SEED=$TOP_SRCDIR/samples/sandbox-seed-pipelines.json
sandbox_start --rate minute=0,hour=0,day=0 --stall-ms 4000
DANA=dana.whitfield@sellwise-demo.com

cat >> e2e_helpers.py <<'PY'
def stage(pipeline, name, nth=0):
    p = [x['id'] for x in seed['opportunity_pipelines'] if x['name'] == pipeline][0]
    return [s['id'] for s in seed['opportunity_stages']
            if s['opportunity_pipeline_id'] == p and s['name'] == name][nth]
PY

# reply ROUTE FORM: how the sandbox answers ROUTE from now on ("normal" clears)
reply() {
	code=$(curl -s -o reply.out -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
		--data-binary "{\"route\":\"$1\",\"form\":\"$2\"}" "$ROOT/_sandbox/reply")
	[ "$code" = 200 ] || fail "POST /_sandbox/reply $1=$2: HTTP $code $(cat reply.out)"
}
tk() { APOLLO_BASE_URL=$BASE run tasks --no-progress "$@"; }
dl() { APOLLO_BASE_URL=$BASE run deals --no-progress "$@"; }

# ---- 1. a failed owner look-up: unprocessed, resumable, never invalid ----
emails=$(py "print(' '.join(c['email'] for c in seed['contacts'] if c['email'])[:600])")
set -- $emails
{
	echo 'email,type,due,owner'
	echo "$1,call,2026-12-10,$DANA"
	echo "$2,call,2026-12-10,$DANA"
	echo "$3,action_item,2026-12-11,$DANA"
	echo "$4,call,2026-12-12,$DANA"
} > owners.csv
for form in 503 403 405 hang; do
	RES=owners-$form.csv
	reply users/search $form
	stats; mv stats stats.before
	tk --retries 0 --timeout 1s -o "$RES" owners.csv
	want=5
	[ "$form" = 403 ] && want=4
	expect_status $want "tasks with users/search answering $form"
	if [ "$form" = 403 ]; then
		expect_in stderr "Apollo refused the key from APOLLO_API_KEY: This API key is not authorized to access api/v1/users/search"
	else
		expect_in stderr "cannot look up the team's users"
	fi
	expect_not_in stderr "not one of the team's users"
	stats
	check "
rs = rows('$RES'); b = json.load(open('stats.before')); s = st()
if len(rs) != 4: die('%d result rows' % len(rs))
bad = [(r['_row'], r['_status'], r['_reason']) for r in rs if r['_status'] != 'unprocessed']
if bad: die('rows not unprocessed: %r' % bad)
if not all('--resume' in r['_reason'] for r in rs): die('a reason without --resume: %r' % [r['_reason'] for r in rs])
calls = lambda k: s['requests'].get(k, 0) - b['requests'].get(k, 0)
looks = calls('GET /api/v1/users/search') + calls('POST /api/v1/users/search')
if looks != 1: die('%d users/search calls for one failed look-up' % looks)
if calls('POST /api/v1/tasks/bulk_create') or calls('POST /api/v1/tasks'): die('a task was sent: %r' % s['requests'])
" "tasks, users/search $form"
done
# the look-up answers again: --resume makes every task, each once
reply users/search normal
RES=owners-503.csv
stats; mv stats stats.before
tk --resume -o "$RES" owners.csv
expect_status 0 "tasks --resume after the look-up failed"
stats
check "
rs = rows('$RES'); b = json.load(open('stats.before')); s = st()
if [r['_status'] for r in rs] != ['created'] * 4: die('statuses %r' % [(r['_status'], r['_reason']) for r in rs])
if len(set(r['_task_id'] for r in rs)) != 4: die('task ids %r' % [r['_task_id'] for r in rs])
" "tasks --resume"

# deals: the same for the owner of a deal
printf 'name,account,owner\nOwner look-up A,%s,%s\nOwner look-up B,%s,%s\n' \
	"$(py "print(seed['accounts'][0]['id'])")" "$DANA" "$(py "print(seed['accounts'][1]['id'])")" "$DANA" > downers.csv
RES=downers.results.csv
reply users/search 503
stats; mv stats stats.before
dl --retries 0 downers.csv
expect_status 5 "deals with users/search answering 503"
expect_in stderr "cannot look up the team's users"
stats
check "
rs = rows('$RES'); b = json.load(open('stats.before')); s = st()
if [r['_status'] for r in rs] != ['unprocessed'] * 2: die('statuses %r' % [(r['_status'], r['_reason']) for r in rs])
if s['requests'].get('POST /api/v1/opportunities', 0) != b['requests'].get('POST /api/v1/opportunities', 0): die('a deal was sent')
" "deals, users/search 503"
reply users/search normal

# ---- 3. a list look-up whose reply has no list ----
printf 'name,account,stage\nNo list,%s,Discovery\n' "$(py "print(seed['accounts'][0]['id'])")" > nolist.csv
RES=nolist.results.csv
reply opportunity_stages object
dl nolist.csv
expect_status 5 "deals with opportunity_stages answering {}"
expect_in stderr "opportunity_stages: the reply has no opportunity_stages list"
expect_not_in stderr "is not a deal stage"
reply opportunity_stages normal
reply users/search object
tk -o nolist-tasks.csv owners.csv
expect_status 5 "tasks with users/search answering {}"
expect_in stderr "users/search: the reply has no users list"
check "
rs = rows('nolist-tasks.csv')
if [r['_status'] for r in rs] != ['unprocessed'] * 4: die('statuses %r' % [(r['_status'], r['_reason']) for r in rs])
" "tasks, users/search {}"
reply users/search normal

# ---- 4, 5. stage names across pipelines ----
acct=$(py "print(seed['accounts'][0]['id'])")
cat > stages.csv <<EOF
name,account,stage,pipeline
Ambiguous,$acct,Closed Won,
Renewal won,$acct,Closed Won,Renewals
Partner twice,$acct,Closed Won,Partners
By id,$acct,$(py "print(stage('Partners', 'Closed Won', 1))"),
Unique name,$acct,Demo Scheduled,
No such stage,$acct,Negotiation,
No such pipeline,$acct,Discovery,Resellers
EOF
RES=stages.results.csv
stats; mv stats stats.before
dl stages.csv
expect_status 1 "deals with stage names across pipelines"
stats
check "
rs = rows('$RES')
got = {r['name']: r for r in rs}
def is_(name, status, *words):
    r = got[name]
    if r['_status'] != status or not all(w in r['_reason'] for w in words):
        die('%s: %s %r, expected %s with %r' % (name, r['_status'], r['_reason'], status, words))
cw = [s for s in seed['opportunity_stages'] if s['name'] == 'Closed Won']
is_('Ambiguous', 'invalid', 'several stages are named \"Closed Won\"', 'give the pipeline or the stage id',
    *[s['id'] for s in cw])
is_('Renewal won', 'created')
is_('Partner twice', 'invalid', 'several stages are named', stage('Partners', 'Closed Won', 0), stage('Partners', 'Closed Won', 1))
is_('By id', 'created')
is_('Unique name', 'created')
is_('No such stage', 'invalid', '\"Negotiation\" is not a deal stage', 'New business: Discovery', 'Renewals:', 'and ')
is_('No such pipeline', 'invalid', 'no pipeline \"Resellers\"', 'Renewals')
msg = got['No such stage']['_reason']
names = sum(part.count(',') + 1 for part in msg.split(': use ', 1)[1].split(' and ')[0].split('; '))
if names > 10: die('%d stage names in the message: %s' % (names, msg))
if len(msg) > 600: die('a message of %d bytes: %s' % (len(msg), msg))
ds = {d['name']: d for d in all_of('opportunities/search', 'opportunities')}
want = {'Renewal won': stage('Renewals', 'Closed Won'), 'By id': stage('Partners', 'Closed Won', 1),
        'Unique name': stage('New business', 'Demo Scheduled')}
for n, sid in want.items():
    if n not in ds or ds[n]['opportunity_stage_id'] != sid:
        die('%s: the sandbox holds %r, expected stage %s' % (n, ds.get(n, {}).get('opportunity_stage_id'), sid))
for n in ('Ambiguous', 'Partner twice', 'No such stage', 'No such pipeline'):
    if n in ds: die('%s was sent' % n)
" "stages across pipelines"

# --pipeline for rows without one, and --stage with it
printf 'name,account,stage\nWon in renewals,%s,Closed Won\n' "$acct" > pipe.csv
RES=pipe.results.csv
dl --pipeline Renewals pipe.csv
expect_status 0 "deals --pipeline Renewals"
check "
r = rows('$RES')[0]
if r['_status'] != 'created': die('%s %s' % (r['_status'], r['_reason']))
d = [d for d in all_of('opportunities/search', 'opportunities') if d['name'] == 'Won in renewals'][0]
if d['opportunity_stage_id'] != stage('Renewals', 'Closed Won'): die('stage %s' % d['opportunity_stage_id'])
" "deals --pipeline"
printf 'name,account\nDefault stage,%s\n' "$acct" > nostage.csv
dl --stage "Closed Won" -o nostage-a.csv nostage.csv
expect_status 4 "deals --stage naming a stage of several pipelines"
expect_in stderr 'several stages are named "Closed Won"'
dl --stage "Closed Won" --pipeline Renewals -o nostage-b.csv nostage.csv
expect_status 0 "deals --stage with --pipeline"

# ---- 2. update and unenroll believe no 200 ----
# an export of three contacts on a list, each edited
APOLLO_BASE_URL=$BASE "$APOLLO_CSV" export contacts -q --label "Q4 Webinar" -o web.csv 2> err || fail "export contacts: $(cat err)"
python3 - <<'PY'
import csv
rows = list(csv.reader(open('web.csv', newline='', encoding='utf-8')))
h = rows[0]
rows = rows[:4]
for i, r in enumerate(rows[1:], 1):
    r[h.index('title')] = 'Confirmed Officer %d' % i
csv.writer(open('edits.csv', 'w', newline='', encoding='utf-8')).writerows(rows)
open('ids', 'w').write(' '.join(r[0] for r in rows[1:]) + '\n')
PY
read -r u1 u2 u3 < ids
upd() { APOLLO_BASE_URL=$BASE run update --no-progress --force "$@"; }
RES=edits.results.csv
reply contacts/bulk_update omit-first
upd edits.csv
expect_status 1 "update, a reply that leaves out an id"
check "
rs = rows('$RES')
st = [(r['_status'], r['_reason']) for r in rs]
if st[0] != ('failed', 'Apollo did not confirm this change'): die('row 1: %r' % (st[0],))
if [s[0] for s in st[1:]] != ['updated', 'updated']: die('rows 2, 3: %r' % st[1:])
" "update omit-first"
expect_in stderr "2 updated"
expect_in stderr "1 failed"
reply contacts/bulk_update string
upd edits.csv
expect_status 1 "update, a bare-string reply"
check "
rs = rows('$RES')
if [(r['_status'], r['_reason']) for r in rs] != [('failed', 'unexpected reply from contacts/bulk_update')] * 3:
    die('%r' % [(r['_status'], r['_reason']) for r in rs])
" "update string"
reply contacts/bulk_update job
upd edits.csv
expect_status 0 "update, a job"
check "
rs = rows('$RES')
if not all(r['_status'] == 'updated' and 'Apollo does it in job' in r['_reason'] for r in rs):
    die('%r' % [(r['_status'], r['_reason']) for r in rs])
" "update job"
reply contacts/bulk_update normal

# unenroll: three contacts enrolled first
printf 'id\n%s\n%s\n%s\n' "$u1" "$u2" "$u3" > three.csv
APOLLO_BASE_URL=$BASE run enroll -q --sequence "Partner Intro" --from "$DANA" --policy aggressive \
	--allow same-company --allow job-change --allow no-email -o three.enrolled.csv three.csv
check "
rs = rows('three.enrolled.csv')
if any(r['_sequence_status'] not in ('enrolled', 'already_enrolled') for r in rs): die('%r' % [(r['_sequence_status'], r['_sequence_reason']) for r in rs])
" "enroll three"
une() { APOLLO_BASE_URL=$BASE run unenroll --sequence "Partner Intro" --mode stop --force "$@"; }
RES=three.results.csv
reply emailer_campaigns/remove_or_stop_contact_ids omit-first
une three.csv
expect_status 1 "unenroll, a reply that leaves out an id"
expect_in stderr "Partner Intro: 2 stopped, 1 failed"
check "
rs = rows('$RES')
st = [(r['_sequence_status'], r['_sequence_reason']) for r in rs]
if st[0] != ('failed', 'Apollo did not confirm this change'): die('row 1: %r' % (st[0],))
if [s[0] for s in st[1:]] != ['stopped', 'stopped']: die('rows 2, 3: %r' % st[1:])
" "unenroll omit-first"
reply emailer_campaigns/remove_or_stop_contact_ids string
une three.csv
expect_status 1 "unenroll, a bare-string reply"
check "
rs = rows('$RES')
if [(r['_sequence_status'], r['_sequence_reason']) for r in rs] != [('failed', 'unexpected reply from emailer_campaigns/remove_or_stop_contact_ids')] * 3:
    die('%r' % [(r['_sequence_status'], r['_sequence_reason']) for r in rs])
" "unenroll string"
reply emailer_campaigns/remove_or_stop_contact_ids job
une three.csv
expect_status 0 "unenroll, a job"
expect_in stderr "Partner Intro: 3 stopped, 0 failed"
reply emailer_campaigns/remove_or_stop_contact_ids normal
exit 0
