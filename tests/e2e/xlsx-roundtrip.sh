#!/bin/sh
# The round trip through a real spreadsheet, in .xlsx: export contacts -o
# team.xlsx; LibreOffice Calc (headless, Debian's libreoffice-calc-nogui,
# which ./quickstart test installs) opens it and saves it as CSV, and every
# cell (ids, phones, dates, checksums) comes back byte for byte as the
# --raw CSV export has it; the workbook LibreOffice saves again unedited
# makes no write call in update; edits made in that CSV and saved by
# LibreOffice as .xlsx (every column text, as a user who keeps ids safe
# would import it) go through `update edited.xlsx`, and exactly the edited
# cells reach apollo-sandbox. update's results of a workbook are a workbook.
. "$(dirname "$0")/sandbox-lib.sh"
command -v soffice > /dev/null ||
	fail "LibreOffice is not installed (soffice); ./quickstart test installs libreoffice-calc-nogui"
PY=/usr/bin/python3
$PY -c 'import openpyxl' 2> /dev/null || fail "python3's openpyxl is not installed (./quickstart test installs it)"
sandbox_start --rate minute=0,hour=0,day=0
export APOLLO_BASE_URL=$BASE APOLLO_API_KEY=$KEY
LO="-env:UserInstallation=file://$WORK/lo-profile"
writes() { stats; $PY -c "
import json
r = json.load(open('stats'))['requests']
print(sum(v for k, v in r.items() if 'bulk_update' in k or k.startswith('PATCH') or k.startswith('PUT')))"; }

"$APOLLO_CSV" export contacts -q -o team.xlsx || fail "export contacts -o team.xlsx: exit status $?"
"$APOLLO_CSV" export contacts -q --raw -o team.csv || fail "export contacts --raw: exit status $?"
soffice "$LO" --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76' --outdir lo team.xlsx \
	> lo.out 2>&1 || fail "LibreOffice could not open team.xlsx: $(cat lo.out)"
cmp -s lo/team.csv team.csv ||
	fail "LibreOffice reads team.xlsx otherwise than the CSV export: $(diff lo/team.csv team.csv | head -20)"
[ "$(wc -l < team.csv)" -eq 301 ] || fail "the export does not hold the seed's 300 contacts"

# saved again by LibreOffice, unedited: nothing to send
soffice "$LO" --headless --convert-to xlsx --outdir again team.xlsx > lo.out 2>&1 ||
	fail "LibreOffice could not save team.xlsx again: $(cat lo.out)"
"$APOLLO_CSV" update -q --no-progress again/team.xlsx 2> err || fail "update again/team.xlsx: exit status $?: $(cat err)"
[ "$(writes)" = 0 ] || fail "update of an unedited workbook made write calls: $(cat stats)"
[ -f again/team.results.xlsx ] || fail "update's results of a workbook are not a workbook: $(ls again)"

# three edits in LibreOffice's CSV, saved by LibreOffice as a workbook whose
# columns are all text
$PY - <<'PY' || fail "cannot edit the CSV"
import csv
rows = list(csv.reader(open('lo/team.csv', newline='', encoding='utf-8')))
h = rows[0]
c = {n: h.index(n) for n in h}
rows[1][c['title']] = 'Chief Spreadsheet Officer'
rows[2][c['organization_name']] = '007 Holdings'
rows[3][c['last_name']] = '=Not A Formula'
csv.writer(open('edited.csv', 'w', newline='', encoding='utf-8'), lineterminator='\n').writerows(rows)
open('cols', 'w').write('/'.join('%d/2' % (i + 1) for i in range(len(h))))
PY
soffice "$LO" --headless --infilter="CSV:44,34,76,1,$(cat cols)" --convert-to xlsx --outdir ed edited.csv \
	> lo.out 2>&1 || fail "LibreOffice could not save edited.csv as a workbook: $(cat lo.out)"
"$APOLLO_CSV" update --no-progress ed/edited.xlsx 2> err || fail "update ed/edited.xlsx: exit status $?: $(cat err)"
expect_in err 'ed/edited.xlsx: read the sheet "edited"'
expect_in err "3 updated, 297 unchanged"
$PY - <<'PY' || fail "ed/edited.results.xlsx"
import openpyxl
ws = openpyxl.load_workbook('ed/edited.results.xlsx', read_only=True).worksheets[0]
rows = [[c.value for c in r] for r in ws.iter_rows()]
h = rows[0]
st = [(r[h.index('_status')], r[h.index('_reason')]) for r in rows[1:]]
assert st[0] == ('updated', 'changed: title'), st[0]
assert st[1] == ('updated', 'changed: organization_name'), st[1]
assert st[2] == ('updated', 'changed: last_name'), st[2]
assert all(s[0] == 'unchanged' for s in st[3:]), [s for s in st[3:] if s[0] != 'unchanged'][:3]
PY
"$APOLLO_CSV" export contacts -q --raw -o after.csv || fail "export after the update: exit status $?"
$PY - <<'PY' || fail "the sandbox does not hold exactly the edits"
import csv
a = list(csv.DictReader(open('team.csv', newline='', encoding='utf-8')))
b = {r['contact_id']: r for r in csv.DictReader(open('after.csv', newline='', encoding='utf-8'))}
changed = {(r['contact_id'], f, b[r['contact_id']][f]) for r in a for f in r
           if f not in ('_checksum',) and r[f] != b[r['contact_id']][f]}
want = {(a[0]['contact_id'], 'title', 'Chief Spreadsheet Officer'),
        (a[1]['contact_id'], 'organization_name', '007 Holdings'),
        (a[2]['contact_id'], 'last_name', '=Not A Formula')}
assert changed == want, (sorted(changed), sorted(want))
PY
exit 0
