#!/bin/sh
# Every command the reply-variants test does not run, against
# apollo-sandbox --strict-docs (which refuses any request not in the form
# Apollo's reference documents) with APOLLO_PARAMS=query: doctor, import
# with --accounts, --enrich and --label, enroll by list name, prospect,
# and the round trip (export contacts, edit, update). Each must do its
# work (exit status, what the sandbox holds after it) with nothing
# refused; and the same enrolment with APOLLO_PARAMS=body is refused, so
# the strict sandbox is seen to look.
. "$(dirname "$0")/import-lib.sh"
sandbox_start --strict-docs --rate minute=0,hour=0,day=0
export APOLLO_BASE_URL=$BASE APOLLO_PARAMS=query
DANA=dana.whitfield@sellwise-demo.com

refusals() {
	stats
	/usr/bin/python3 -c "import json; print(json.load(open('stats'))['strict_refusals'])"
}
no_refusals() {
	[ "$(refusals)" = "{}" ] || fail "$1: requests refused as not in the documented form: $(refusals)"
}

run doctor
expect_status 0 "doctor"
expect_in stdout "every command can run"
no_refusals doctor

# import: accounts, enrichment, a list, a sequence
py "
people = seed['directory']['people']
orgs = {o['id']: o for o in seed['directory']['organizations']}
v = [p for p in people if p.get('email_status') == 'verified' and p.get('email')][0]
print('First Name,Last Name,Company,Email,Website')
print('%s,%s,%s,,%s' % (v['first_name'], v['last_name'], orgs[v['organization_id']]['name'],
                         orgs[v['organization_id']]['primary_domain']))
for i in range(1, 4):
    print('Strict%d,Docs,Strict Docs Ltd,strict%d@strict-docs-prospects.test,strict-docs-prospects.test' % (i, i))
" > s.csv
stats; mv stats stats.before
imp --accounts --enrich --label "Strict Docs" --sequence "$Q4_NAME" --from "$FROM" --allow same-company s.csv
expect_status 0 "import --accounts --enrich --label --sequence"
no_refusals import
check "
b = json.load(open('stats.before')); s = st()
rs = rows('s.results.csv')
if [r['_status'] for r in rs] != ['created'] * 4: die('statuses %r' % [(r['_status'], r['_reason']) for r in rs])
if [r['_sequence_status'] for r in rs] != ['enrolled'] * 4: die('sequence %r' % [r['_sequence_status'] for r in rs])
if s['contacts'] != b['contacts'] + 4: die('contacts %d, expected %d + 4' % (s['contacts'], b['contacts']))
if s['accounts'] <= b['accounts']: die('no account made: %d' % s['accounts'])
if not s['enrichment']: die('nothing enriched: %r' % s)
" "import"

# enroll by list name: the 4 contacts just put on the list
stats; mv stats stats.before
enr enroll --sequence "Partner Intro" --from "$DANA" --allow same-company --allow active-in-other --label "Strict Docs"
expect_status 0 "enroll --label"
no_refusals "enroll --label"
check "
b = json.load(open('stats.before')); s = st()
seq = [x['id'] for x in seed['sequences'] if x['name'] == 'Partner Intro'][0]
if s['enrollments'].get(seq, 0) != b['enrollments'].get(seq, 0) + 4:
    die('Partner Intro enrolments %r, expected 4 more' % s['enrollments'].get(seq))
" "enroll --label"

# prospect: domains to people, enrolled, a task and a deal per company
py "
o = seed['directory']['organizations']
print('Company Domain')
for x in o[:3]: print(x['primary_domain'])
" > p.csv
stats; mv stats stats.before
enr prospect --no-progress --per-company 1 --sequence "$Q4_NAME" --from "$FROM" --allow same-company \
	--type call --due 2026-12-15 --owner "$DANA" --deal '{company} - new business' --amount 25k \
	--stage Discovery p.csv
expect_status 0 "prospect"
no_refusals prospect
check "
b = json.load(open('stats.before')); s = st()
if s['tasks'] <= b['tasks'] or s['opportunities'] <= b['opportunities']: die('no task or deal: %r' % s)
" "prospect"

# the round trip: one title changed
enr export contacts -q -o all.csv
expect_status 0 "export contacts"
/usr/bin/python3 - <<'PY'
import csv
rows = list(csv.reader(open('all.csv', newline='', encoding='utf-8')))
h = rows[0]
rows[1][h.index('title')] = 'Chief Strict Officer'
csv.writer(open('edited.csv', 'w', newline='', encoding='utf-8')).writerows(rows)
open('edited.id', 'w').write(rows[1][h.index('contact_id')])
PY
enr update -q --no-progress edited.csv
expect_status 0 "update"
no_refusals "the round trip"
api GET "contacts/$(cat edited.id)"
expect_code 200
expect_body '"title":"Chief Strict Officer"'

# the same kind of call in the body form is refused: the sandbox looks
APOLLO_PARAMS=body enr enroll -q --sequence "Partner Intro" --from "$DANA" --allow same-company --allow active-in-other --label "Strict Docs"
[ "$rc" != 0 ] || fail "enroll with APOLLO_PARAMS=body passed --strict-docs"
expect_in stderr "not in the documented form"
exit 0
