#!/bin/sh
# the spreadsheet round trip: export contacts, send back an unedited file
# (zero write calls), then three edits in three rows (one a clear, one
# through an Excel-mode file), a blank cell, a deleted column, a malformed
# id, an id Apollo does not know, a row changing a contact twice: each
# gets its result, and the sandbox holds exactly the edits.
. "$(dirname "$0")/sandbox-lib.sh"
sandbox_start --rate minute=0,hour=0,day=0
export APOLLO_BASE_URL=$BASE APOLLO_API_KEY=$KEY
writes() { stats; python3 -c "
import json
r = json.load(open('stats'))['requests']
print(sum(v for k, v in r.items() if 'bulk_update' in k or k.startswith('PATCH') or k.startswith('PUT')))"; }

"$APOLLO_CSV" export contacts -q -o all.csv || fail "export contacts: exit status $?"
[ "$(python3 -c "import csv; print(len(list(csv.DictReader(open('all.csv')))))")" = 300 ] ||
	fail "export contacts: not the seed's 300 contacts"
"$APOLLO_CSV" update -q all.csv || fail "update of an unedited export: exit status $?"
[ "$(writes)" = 0 ] || fail "update of an unedited export made write calls: $(cat stats)"
grep -c ',unchanged,' all.results.csv | grep -qx 300 || fail "unedited rows are not all unchanged"

# the same through Excel: BOM, CRLF, guarded cells
"$APOLLO_CSV" export contacts -q --excel -o excel.csv || fail "export contacts --excel: exit status $?"
python3 - <<'PY'
import csv
rows = list(csv.reader(open('all.csv', newline='', encoding='utf-8')))
h = rows[0]
col = {n: h.index(n) for n in h}
rows[1][col['title']] = 'Chief Round-Trip Officer'
rows[2][col['linkedin_url']] = '(clear)'
rows[3][col['organization_name']] = ''                 # blank: leave it
rows[4][col['contact_id']] = 'not-an-id'
rows[4][col['title']] = 'Anything'
rows[5][col['contact_id']] = '0123456789abcdef01234567'  # well formed, unknown (deleted)
rows[5][col['title']] = 'Gone'
rows.append(list(rows[1]))                              # the same contact, changed again
rows[-1][col['title']] = 'Someone Else'
# a deleted column: first_name is gone (a change to it could not be seen)
drop = col['first_name']
rows = [r[:drop] + r[drop + 1:] for r in rows]
csv.writer(open('edited.csv', 'w', newline='', encoding='utf-8')).writerows(rows)
ex = list(csv.reader(open('excel.csv', newline='', encoding='utf-8-sig')))
ex[7][ex[0].index('last_name')] = 'Excel-Edited'
csv.writer(open('edited-excel.csv', 'w', newline='', encoding='utf-8-sig'), lineterminator='\r\n').writerows(ex)
open('ids', 'w').write('\n'.join(r[h.index('contact_id') - 0] for r in [rows[1], rows[2], rows[3]]) + '\n')
PY
"$APOLLO_CSV" update -q --no-progress edited.csv 2> err
[ $? = 1 ] || fail "update with bad rows: expected exit status 1: $(cat err)"
python3 - <<'PY' || fail "edited.results.csv: $(cut -d, -f1,3,4 edited.results.csv | head)"
import csv
rs = list(csv.DictReader(open('edited.results.csv')))
st = [(r['_status'], r['_reason']) for r in rs]
assert st[0] == ('updated', 'changed: title'), st[0]
assert st[1] == ('updated', 'changed: linkedin_url'), st[1]
assert st[2][0] == 'unchanged', st[2]
assert st[3][0] == 'invalid' and 'not an Apollo contact id' in st[3][1], st[3]
assert st[4][0] == 'failed' and 'not found' in st[4][1].lower(), st[4]
assert st[-1][0] == 'duplicate', st[-1]
assert sum(1 for s in st if s[0] == 'unchanged') == len(st) - 5, st
PY
"$APOLLO_CSV" update -q --no-progress edited-excel.csv || fail "update of an Excel-mode file: exit status $?"
python3 -c "
import csv
rs = list(csv.DictReader(open('edited-excel.results.csv', encoding='utf-8-sig')))
up = [r for r in rs if r['_status'] == 'updated']
assert len(up) == 1 and up[0]['_reason'] == 'changed: last_name', up
assert all(r['_status'] in ('updated', 'unchanged') for r in rs)
" || fail "Excel-mode update: $(grep -v ',unchanged,' edited-excel.results.csv | head -5)"

# what the sandbox holds: exactly the edits
"$APOLLO_CSV" export contacts -q -o after.csv || fail "export after the update: exit status $?"
python3 - <<'PY' || fail "the sandbox does not hold exactly the edits"
import csv
a = {r['contact_id']: r for r in csv.DictReader(open('all.csv'))}
b = {r['contact_id']: r for r in csv.DictReader(open('after.csv'))}
ids = list(a)
fields = ['first_name', 'last_name', 'email', 'title', 'organization_name', 'linkedin_url', 'present_raw_address']
changed = {(i, f) for i in ids for f in fields if a[i][f] != b[i][f]}
want = {(ids[0], 'title'), (ids[1], 'linkedin_url'), (ids[6], 'last_name')}
assert changed == want, (changed, want)
assert b[ids[0]]['title'] == 'Chief Round-Trip Officer' and b[ids[1]]['linkedin_url'] == ''
assert b[ids[6]]['last_name'] == 'Excel-Edited'
PY
[ "$(writes)" -le 4 ] || fail "too many write calls for 3 edits: $(cat stats)"

# a file Excel saved as plain "CSV" (Windows-1252): a letter it cannot hold
# became ?; the row is invalid, never sent with the ?
python3 - <<'PY'
import csv
rows = list(csv.reader(open('after.csv', newline='', encoding='utf-8')))
h = rows[0]
hit = next(i for i, r in enumerate(rows) if i and any(ch not in ''.join(map(chr, range(256))) and ch.isalpha() for ch in r[h.index('last_name')]))
rows[hit][h.index('title')] = rows[hit][h.index('title')] + ' (edited)'
open('hit', 'w').write(str(hit))
with open('cp1252.csv', 'w', newline='', encoding='cp1252', errors='replace') as f:
    csv.writer(f).writerows(rows)
PY
stats; mv stats stats.cp
"$APOLLO_CSV" update -q --no-progress cp1252.csv 2> err
[ $? = 1 ] || fail "update of a Windows-1252 file with a lost letter: expected exit status 1: $(cat err)"
python3 -c "
import csv
rs = list(csv.DictReader(open('cp1252.results.csv', encoding='utf-8')))
bad = rs[int(open('hit').read()) - 1]
assert bad['_status'] == 'invalid' and 'UTF-8' in bad['_reason'], bad['_reason']
assert all(r['_status'] in ('unchanged', 'invalid') for r in rs)
" || fail "the lost letter was not caught: $(grep -v ',unchanged,' cp1252.results.csv | head -3)"
stats
python3 -c "
import json
a, b = json.load(open('stats')), json.load(open('stats.cp'))
assert a['requests'].get('POST /api/v1/contacts/bulk_update') == b['requests'].get('POST /api/v1/contacts/bulk_update')
" || fail "a ? was sent to Apollo"

# a per-sequence export repeats a contact: the same edit on its rows is one
# change; different edits of one contact are a conflict. Two contacts in a
# sequence go into a second one first.
python3 -c "
import csv
rs = [r for r in csv.DictReader(open('after.csv')) if r['sequence'] and ';' not in r['sequence']][:2]
print('id'); print(rs[0]['contact_id']); print(rs[1]['contact_id'])" > two.csv
"$APOLLO_CSV" enroll -q --sequence "Partner Intro" --from dana.whitfield@sellwise-demo.com \
	--policy aggressive --allow same-company --allow job-change --allow no-email -o two.results.csv two.csv ||
	fail "enroll into a second sequence: exit status $?"
[ "$(grep -c ',enrolled,' two.results.csv)" = 2 ] || fail "enroll into a second sequence: $(cat two.results.csv)"
"$APOLLO_CSV" export contacts -q --per-sequence -o per.csv || fail "export --per-sequence: exit status $?"
python3 - <<'PY'
import csv, collections
rows = list(csv.reader(open('per.csv', newline='', encoding='utf-8')))
h = rows[0]
ids = collections.Counter(r[0] for r in rows[1:])
two = [i for i, n in ids.items() if n >= 2][:2]
assert len(two) == 2, 'no contact in two sequences'
a = [i for i, r in enumerate(rows) if r[0] == two[0]][:2]
b = [i for i, r in enumerate(rows) if r[0] == two[1]][:2]
for i in a:
    rows[i][h.index('title')] = 'Same Everywhere'
rows[b[0]][h.index('title')] = 'One Title'
rows[b[1]][h.index('title')] = 'Another Title'
csv.writer(open('per-edited.csv', 'w', newline='', encoding='utf-8')).writerows(rows)
open('rows', 'w').write(' '.join(map(str, a + b)))
PY
"$APOLLO_CSV" update -q --no-progress per-edited.csv 2> err
[ $? = 1 ] || fail "update with a conflicting edit: expected exit status 1: $(cat err)"
python3 -c "
import csv
rs = list(csv.DictReader(open('per-edited.results.csv')))
a1, a2, b1, b2 = (rs[int(i) - 1] for i in open('rows').read().split())
assert a1['_status'] == 'updated' and a2['_status'] == 'unchanged' and 'same change' in a2['_reason'], (a1['_status'], a2['_status'], a2['_reason'])
assert b1['_status'] == 'updated' and b2['_status'] == 'duplicate', (b1['_status'], b2['_status'])
" || fail "repeated contacts: $(grep -v ',unchanged,,' per-edited.results.csv | cut -d, -f1 | head)"

# --resume: a run that could not reach Apollo leaves the edited rows
# unprocessed; --resume sends just them, and a second --resume sends nothing
python3 - <<'PY'
import csv
rows = list(csv.reader(open('after.csv', newline='', encoding='utf-8')))
h = rows[0]
for i in (20, 21):
    rows[i][h.index('title')] = 'Resumed %d' % i
csv.writer(open('res.csv', 'w', newline='', encoding='utf-8')).writerows(rows)
PY
APOLLO_BASE_URL=http://127.0.0.1:9/api/v1 "$APOLLO_CSV" update -q --no-progress --retries 0 res.csv 2> err
[ $? = 5 ] || fail "update with Apollo unreachable: expected exit status 5: $(cat err)"
[ "$(grep -c ',unprocessed,' res.results.csv)" = 2 ] || fail "unreachable: not 2 unprocessed rows"
stats; mv stats stats.res
"$APOLLO_CSV" update -q --no-progress --resume res.csv || fail "update --resume: exit status $?"
[ "$(grep -c ',updated,' res.results.csv)" = 2 ] || fail "update --resume: not 2 updated rows"
"$APOLLO_CSV" update -q --no-progress --resume res.csv || fail "a second update --resume: exit status $?"
[ "$(grep -c ',updated,' res.results.csv)" = 2 ] || fail "a second update --resume lost the updated rows"
stats
python3 -c "
import json
a, b = json.load(open('stats')), json.load(open('stats.res'))
k = 'POST /api/v1/contacts/bulk_update'
assert a['requests'][k] - b['requests'].get(k, 0) == 1, a['requests'][k] - b['requests'].get(k, 0)
" || fail "update --resume sent more than the unprocessed rows, once"
