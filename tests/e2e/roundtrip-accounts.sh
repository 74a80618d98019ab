#!/bin/sh
# export accounts and update on it: the columns of Apollo's own accounts
# export (custom fields last, by label); an unedited file makes no call;
# edits of a name, a stage, an owner, a website, a phone, a list and two
# custom fields in five rows reach the sandbox exactly, in the fewest calls
# (one bulk_update for name, stage, owner and custom values, a PATCH for
# each website or phone, one call for the list); a file as Apollo's web app
# writes it (no _checksum, extra columns, the website as a URL, the phone
# after an apostrophe) is compared with what Apollo holds: unedited, no
# write; two edits, only those. Once through a workbook edited with openpyxl.
. "$(dirname "$0")/sandbox-lib.sh"
sandbox_start --rate minute=0,hour=0,day=0
export APOLLO_BASE_URL=$BASE APOLLO_API_KEY=$KEY
PY=/usr/bin/python3
delta() { stats; $PY - "$1" <<'PY'; }
import json, sys
a, b = json.load(open('stats'))['requests'], json.load(open(sys.argv[1]))['requests']
d = {k.replace('/api/v1/', ''): a[k] - b.get(k, 0) for k in a if a[k] != b.get(k, 0)}
print(json.dumps(d, sort_keys=True))
PY

"$APOLLO_CSV" export accounts -q -o acc.csv || fail "export accounts: exit status $?"
$PY - "$SEED" <<'PY' || fail "acc.csv: $(head -2 acc.csv)"
import csv, json, sys
seed = json.load(open(sys.argv[1]))
rs = list(csv.reader(open('acc.csv', newline='', encoding='utf-8')))
h = rs[0]
assert h[:8] == ['Company Name', 'Account Stage', 'Lists', 'Account Owner', 'Website', 'Company Linkedin Url',
                 'Company Phone', 'Apollo Account Id'], h
labels = [f['name'] for f in seed['typed_custom_fields'] if f['modality'] == 'account']
assert h[8:-1] == labels and h[-1] == '_checksum', h[8:]
assert sorted(r[7] for r in rs[1:]) == sorted(a['id'] for a in seed['accounts']), 'not every account once'
assert all(r[-1].startswith('a1:') for r in rs[1:])
PY
stats; mv stats s0
"$APOLLO_CSV" update -q acc.csv || fail "update of an unedited accounts export: exit status $?"
[ "$(delta s0)" = "{}" ] || fail "an unedited accounts round trip made calls: $(delta s0)"

$PY - <<'PY' || fail "editing acc.csv"
import csv
rows = list(csv.reader(open('acc.csv', newline='', encoding='utf-8')))
h = rows[0]
c = {n: h.index(n) for n in h}
a, b, d, e, f = 1, 2, 3, 4, 5
rows[a][c['Company Name']] = rows[a][c['Company Name']] + ' (Renamed)'
rows[a][c['Company Phone']] = "'+1 555-0100"
rows[b][c['Account Stage']] = 'Current Client'
rows[b][c['Account Tier']] = 'growth'
rows[d][c['Account Owner']] = 'Olu.Adeyemi@sellwise-demo.com'
rows[d][c['Contract End']] = '12/31/2027'
rows[e][c['Website']] = 'https://www.renamed-e2e.example/about'
rows[f][c['Lists']] = 'Key Accounts'
csv.writer(open('edited.csv', 'w', newline='', encoding='utf-8')).writerows(rows)
open('ids', 'w').write(' '.join(rows[i][c['Apollo Account Id']] for i in (a, b, d, e, f)))
PY
stats; mv stats s1
"$APOLLO_CSV" update -q --no-progress edited.csv 2> err || fail "update edited.csv: exit status $?: $(cat err) $(grep -v ",unchanged," edited.results.csv | cut -c1-600)"
d=$(delta s1)
$PY -c "
import json
d = json.loads('$d')
w = {k: v for k, v in d.items() if not k.startswith('GET') and 'search' not in k}
assert w == {'PATCH accounts/{id}': 2, 'POST accounts/bulk_update': 1, 'POST labels/add_entity_ids_to_label_names': 1}, w
# the look-ups, once each: lists, stages, users, custom fields
assert all(v == 1 for k, v in d.items() if k not in w), d
" || fail "calls for the accounts' edits: $d"
$PY - <<'PY' || fail "edited.results.csv: $(grep -v ',unchanged,' edited.results.csv | head)"
import csv
ids = open('ids').read().split()
rs = {r['Apollo Account Id']: r for r in csv.DictReader(open('edited.results.csv'))}
want = ['changed: Company Name, Company Phone', 'changed: Account Stage, Account Tier',
        'changed: Account Owner, Contract End', 'changed: Website', 'changed: Lists added']
for i, w in zip(ids, want):
    assert (rs[i]['_status'], rs[i]['_reason']) == ('updated', w), (rs[i]['_status'], rs[i]['_reason'], w)
assert sum(1 for r in rs.values() if r['_status'] != 'unchanged') == 5
PY
"$APOLLO_CSV" export accounts -q -o after.csv || fail "export accounts after the update: exit status $?"
$PY - <<'PY' || fail "the sandbox does not hold exactly the accounts' edits"
import csv
ids = open('ids').read().split()
a = {r['Apollo Account Id']: r for r in csv.DictReader(open('acc.csv'))}
b = {r['Apollo Account Id']: r for r in csv.DictReader(open('after.csv'))}
changed = {(i, k) for i in a for k in a[i] if k != '_checksum' and a[i][k] != b[i][k]}
want = {(ids[0], 'Company Name'), (ids[0], 'Company Phone'), (ids[1], 'Account Stage'), (ids[1], 'Account Tier'),
        (ids[2], 'Account Owner'), (ids[2], 'Contract End'), (ids[3], 'Website'), (ids[4], 'Lists')}
assert changed == want, sorted(changed ^ want)
assert b[ids[0]]['Company Phone'].lstrip("'") == '+1 555-0100', b[ids[0]]['Company Phone']
assert b[ids[1]]['Account Stage'] == 'Current Client' and b[ids[1]]['Account Tier'] == 'Growth'
assert b[ids[2]]['Account Owner'] == 'olu.adeyemi@sellwise-demo.com' and b[ids[2]]['Contract End'] == '2027-12-31'
assert 'renamed-e2e.example' in b[ids[3]]['Website'] and 'https' not in b[ids[3]]['Website'], b[ids[3]]['Website']
assert b[ids[4]]['Lists'] == 'Key Accounts'
PY

# as Apollo's web app writes it: no _checksum, columns of its own, the
# website as a URL, the phone after an apostrophe
$PY - <<'PY' || fail "making web.csv"
import csv
rs = list(csv.DictReader(open('after.csv', newline='', encoding='utf-8')))
cols = ['Company Name', 'Company Name for Emails', 'Account Stage', 'Lists', '# Employees', 'Industry',
        'Account Owner', 'Website', 'Company Linkedin Url', 'Company Phone', 'Apollo Account Id']
custom = [k for k in rs[0] if k not in cols and k != '_checksum']
with open('web.csv', 'w', newline='', encoding='utf-8') as f:
    w = csv.writer(f)
    w.writerow(cols + custom)
    for r in rs:
        site = r['Website']
        if site and not site.startswith('http'):
            site = 'http://www.' + site
        phone = r['Company Phone'].lstrip("'")
        w.writerow([r['Company Name'], r['Company Name'], r['Account Stage'], r['Lists'], '51-200', 'Software',
                    r['Account Owner'], site, r['Company Linkedin Url'], ("'" + phone) if phone else '',
                    r['Apollo Account Id']] + [r[k] for k in custom])
PY
stats; mv stats s2
"$APOLLO_CSV" update -q --no-progress web.csv 2> err || fail "update of Apollo's own export: exit status $?: $(cat err)"
d=$(delta s2)
$PY -c "
import json
d = json.loads('$d')
assert not [k for k in d if not k.startswith('GET') and 'search' not in k], d
assert d.get('POST accounts/search') == 1, d
" || fail "an unedited file of Apollo's own export made write calls, or read more than once: $d"
grep -c ',unchanged,' web.results.csv | grep -qx 40 || fail "web.csv: not every row unchanged: $(grep -v ',unchanged,' web.results.csv | head -3)"

$PY - <<'PY' || fail "editing web.csv"
import csv
rows = list(csv.reader(open('web.csv', newline='', encoding='utf-8')))
h = rows[0]
rows[6][h.index('Account Owner')] = 'tomasz.nowicki@sellwise-demo.com' \
    if rows[6][h.index('Account Owner')] != 'tomasz.nowicki@sellwise-demo.com' else 'olu.adeyemi@sellwise-demo.com'
rows[7][h.index('Website')] = 'http://www.web-edit-e2e.example'
rows[8][h.index('Industry')] = 'Not A Field Of Apollo'
csv.writer(open('web-edited.csv', 'w', newline='', encoding='utf-8')).writerows(rows)
open('web-ids', 'w').write(rows[6][h.index('Apollo Account Id')] + ' ' + rows[7][h.index('Apollo Account Id')])
PY
stats; mv stats s3
"$APOLLO_CSV" update -q --no-progress web-edited.csv 2> err || fail "update web-edited.csv: exit status $?: $(cat err)"
d=$(delta s3)
$PY -c "
import json
d = json.loads('$d')
w = {k: v for k, v in d.items() if not k.startswith('GET') and 'search' not in k}
assert w == {'POST accounts/bulk_update': 1, 'PATCH accounts/{id}': 1}, d
" || fail "two edits of Apollo's own export: $d"
$PY - <<'PY' || fail "web-edited.results.csv: $(grep -v ',unchanged,' web-edited.results.csv | head)"
import csv
a, b = open('web-ids').read().split()
rs = {r['Apollo Account Id']: r for r in csv.DictReader(open('web-edited.results.csv'))}
assert (rs[a]['_status'], rs[a]['_reason']) == ('updated', 'changed: Account Owner'), rs[a]['_reason']
assert (rs[b]['_status'], rs[b]['_reason']) == ('updated', 'changed: Website'), rs[b]['_reason']
assert sum(1 for r in rs.values() if r['_status'] != 'unchanged') == 2
PY
# through a workbook: ids stay text, and a date typed into a custom date
# column as a real Excel date (openpyxl writes a date cell) goes as ISO
"$APOLLO_CSV" export accounts -q -o acc.xlsx || fail "export accounts -o acc.xlsx: exit status $?"
$PY - <<'PY' || fail "editing acc.xlsx"
import datetime, openpyxl
wb = openpyxl.load_workbook('acc.xlsx')
ws = wb.worksheets[0]
h = [c.value for c in ws[1]]
col = {n: h.index(n) + 1 for n in h}
assert all(isinstance(ws.cell(r, col['Apollo Account Id']).value, str) for r in range(2, ws.max_row + 1))
ws.cell(10, col['Contract End']).value = datetime.date(2028, 2, 29)
wb.save('acc-edited.xlsx')
open('xl-id', 'w').write(ws.cell(10, col['Apollo Account Id']).value)
PY
stats; mv stats s4
"$APOLLO_CSV" update -q --no-progress acc-edited.xlsx 2> err || fail "update acc-edited.xlsx: exit status $?: $(cat err)"
d=$(delta s4)
$PY -c "
import json
d = json.loads('$d')
assert {k: v for k, v in d.items() if not k.startswith('GET')} == {'POST accounts/bulk_update': 1}, d
" || fail "the workbook's one edit: $d"
"$APOLLO_CSV" export accounts -q -o after-xl.csv || fail "export accounts after the workbook: exit status $?"
$PY - <<'PY' || fail "the workbook's date did not arrive as ISO"
import csv
i = open('xl-id').read()
r = [r for r in csv.DictReader(open('after-xl.csv')) if r['Apollo Account Id'] == i][0]
assert r['Contract End'] == '2028-02-29', r['Contract End']
PY
curl -s -H "x-api-key: $KEY" -X POST -H 'Content-Type: application/json' --data '{"per_page":100}' \
	"$BASE/accounts/search" > accs.json
$PY -c "
import json
b = open('web-ids').read().split()[1]
a = [x for x in json.load(open('accs.json'))['accounts'] if x['id'] == b][0]
assert a['domain'] == 'web-edit-e2e.example', a['domain']
" || fail "the website's domain was not sent bare"
exit 0
