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
