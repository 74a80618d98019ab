#!/bin/sh
# Apollo's ids are 24 hex digits, and now and then one is all digits, or
# digits and one e: a spreadsheet would read those as numbers (1.23457E+23,
# 5E+1234...). The sandbox's own ids never look so (they start 6a...), so
# this test puts such ids in its seed: two contacts, the account of one and
# a sequence. Through export (plain and --excel), update of the edited
# files, enroll, tasks and deals, each id goes out and comes back byte for
# byte, and the sandbox holds what was done under exactly those ids.
. "$(dirname "$0")/import-lib.sh"

A=123456789012345678901234      # all digits
B=5e1234567890123456789012      # digits and one e
ACCT=012345678901234567890123   # all digits, a leading zero
SEQ=246802468024680246802468    # all digits
SEQ_NAME="Webinar Invitees"

# the seed with four ids replaced wherever they appear (references too):
# two contacts of two accounts that a new enrolment in $SEQ_NAME takes
python3 - "$SEED" "$A" "$B" "$ACCT" "$SEQ" "$SEQ_NAME" <<'PY' || fail "could not write the seed"
import json, sys
path, a, b, acct, seq, seq_name = sys.argv[1:]
text = open(path, encoding='utf-8').read()
s = json.loads(text)
noted = set(i for v in s['notes'].values() if isinstance(v, list) for i in v if isinstance(i, str))
web = [q['id'] for q in s['sequences'] if q['name'] == seq_name][0]
busy = set(c.get('account_id') for c in s['contacts']
           if any(st['sequence_id'] == web for st in c['campaign_statuses']))
ok = [c for c in s['contacts'] if c['email'] and c['email_status'] == 'verified' and not c['campaign_statuses']
      and c['owner_permission'] and not c['job_change'] and c['id'] not in noted
      and c.get('account_id') and c['account_id'] not in busy]
first = ok[0]
second = [c for c in ok if c['account_id'] != first['account_id']][0]
for old, new in ((first['id'], a), (second['id'], b), (first['account_id'], acct), (web, seq)):
    assert len(old) == 24 and new not in text, (old, new)
    text = text.replace('"%s"' % old, '"%s"' % new)
open('digit-seed.json', 'w', encoding='utf-8').write(text)
open('emails', 'w').write('%s %s\n' % (first['email'], second['email']))
PY
read -r EA EB < emails
SEED=$WORK/digit-seed.json
sandbox_start --rate minute=0,hour=0,day=0
export APOLLO_BASE_URL=$BASE

cat >> e2e_helpers.py <<'PY'
A, B, ACCT, SEQ = os.environ['A'], os.environ['B'], os.environ['ACCT'], os.environ['SEQ']
def by_id(path, col):
    return {r[col]: r for r in rows(path)}
def raw_has(path, cell):
    # the cell as bytes in the file, between separators, neither quoted nor guarded
    data = open(path, 'rb').read()
    return any(p + cell.encode() + q in data for p in (b',', b'\n') for q in (b',', b'\r', b'\n'))
PY
export A B ACCT SEQ

# ---- export: the ids as they are, in a plain file and in an Excel one ----
run export contacts -q -o all.csv
expect_status 0 "export contacts"
run export contacts -q --excel -o excel.csv
expect_status 0 "export contacts --excel"
check "
for f in ('all.csv', 'excel.csv'):
    with open(f, newline='', encoding='utf-8-sig') as fp:
        rs = {r['contact_id']: r for r in csv.DictReader(fp)}
    if A not in rs or B not in rs: die('%s: no row with contact_id %s and %s: %s' % (f, A, B, sorted(rs)[:5]))
    if rs[A]['email'] != '$EA' or rs[B]['email'] != '$EB': die('%s: the ids are on the wrong rows' % f)
    if rs[A]['account_id'] != ACCT: die('%s: account_id %r, expected %s' % (f, rs[A]['account_id'], ACCT))
    for cell in (A, B, ACCT):
        if not raw_has(f, cell): die('%s: %s is not in the file byte for byte' % (f, cell))
" "export of the ids"

# ---- update: the edited export, and the edited Excel file, go back ----
python3 - <<'PY' || fail "could not edit the exports"
import csv, os
a, b = os.environ['A'], os.environ['B']
rows = list(csv.reader(open('all.csv', newline='', encoding='utf-8')))
h = rows[0]
for r in rows[1:]:
    if r[h.index('contact_id')] == a:
        r[h.index('title')] = 'Chief Digits Officer'
csv.writer(open('edited.csv', 'w', newline='', encoding='utf-8')).writerows(rows)
ex = list(csv.reader(open('excel.csv', newline='', encoding='utf-8-sig')))
h = ex[0]
for r in ex[1:]:
    if r[h.index('contact_id')] == b:
        r[h.index('title')] = 'Head of Exponents'
csv.writer(open('edited-excel.csv', 'w', newline='', encoding='utf-8-sig'), lineterminator='\r\n').writerows(ex)
PY
run update -q --no-progress edited.csv
expect_status 0 "update edited.csv"
run update -q --no-progress edited-excel.csv
expect_status 0 "update edited-excel.csv"
run export contacts -q -o after.csv
expect_status 0 "export after the updates"
check "
for f, who, field in (('edited.results.csv', A, 'title'), ('edited-excel.results.csv', B, 'title')):
    with open(f, newline='', encoding='utf-8-sig') as fp:
        rs = list(csv.DictReader(fp))
    up = [(r['contact_id'], r['_status'], r['_reason']) for r in rs if r['_status'] != 'unchanged']
    if up != [(who, 'updated', 'changed: ' + field)]: die('%s: %r, expected %s updated' % (f, up, who))
    if not raw_has(f, who): die('%s: %s is not in the file byte for byte' % (f, who))
before, after = by_id('all.csv', 'contact_id'), by_id('after.csv', 'contact_id')
changed = sorted((i, k) for i in before for k in before[i] if before[i][k] != after[i][k] and k not in ('updated_at', '_checksum'))
if changed != sorted([(A, 'title'), (B, 'title')]): die('the sandbox changed %r' % changed)
if (after[A]['title'], after[B]['title']) != ('Chief Digits Officer', 'Head of Exponents'):
    die('titles %r %r' % (after[A]['title'], after[B]['title']))
" "update by the ids"

# ---- enroll: the ids into the sequence whose id is all digits ----
printf 'contact_id\n%s\n%s\n' "$A" "$B" > enrol.csv
stats; mv stats stats.before
run enroll --no-progress --sequence "$SEQ_NAME" --from "$FROM" -o enrol.results.csv enrol.csv
expect_status 0 "enroll enrol.csv"
stats
check "
rs = rows('enrol.results.csv')
got = [(r['_contact_id'], r['_sequence_status']) for r in rs]
if got != [(A, 'enrolled'), (B, 'enrolled')]: die('enroll: %r' % got)
for cell in (A, B):
    if not raw_has('enrol.results.csv', cell): die('enrol.results.csv: %s is not there byte for byte' % cell)
b, s = json.load(open('stats.before')), st()
if s['enrollments'].get(SEQ, 0) != b['enrollments'].get(SEQ, 0) + 2:
    die('enrollments of %s: %r, before %r' % (SEQ, s['enrollments'].get(SEQ), b['enrollments'].get(SEQ)))
" "enroll by the ids"

# ---- tasks and deals: a contact id and an account id as the row gives them ----
printf 'Contact ID,Type,Due Date,Owner\n%s,Call,2026-12-01,%s\n' "$B" "$FROM" > t.csv
run tasks --no-progress -o t.results.csv t.csv
expect_status 0 "tasks t.csv"
printf 'Name,Account,Amount\nDigits Deal,%s,5000\n' "$ACCT" > d.csv
run deals --no-progress -o d.results.csv d.csv
expect_status 0 "deals d.csv"
stats
check "
t = rows('t.results.csv')
if [(r['_status'], r['_contact_id']) for r in t] != [('created', B)]: die('tasks: %r' % t)
tk = [x for x in all_of('tasks/search', 'tasks') if x['id'] == t[0]['_task_id']]
if [x['contact_id'] for x in tk] != [B]: die('the task holds %r' % tk)
d = rows('d.results.csv')
if [(r['_status'], r['_account_id']) for r in d] != [('created', ACCT)]: die('deals: %r' % d)
dl = [x for x in all_of('opportunities/search', 'opportunities') if x['id'] == d[0]['_deal_id']]
if [x['account_id'] for x in dl] != [ACCT]: die('the deal holds %r' % dl)
for f, cell in (('t.results.csv', B), ('d.results.csv', ACCT)):
    if not raw_has(f, cell): die('%s: %s is not there byte for byte' % (f, cell))
" "tasks and deals by the ids"
exit 0
