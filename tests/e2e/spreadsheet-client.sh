#!/bin/sh
# A real spreadsheet opens what apollo-csv writes: LibreOffice Calc reads an
# export and a results file as a user's double-click would (formulas
# evaluated, special numbers detected) and saves them again, as .xlsx and
# back as CSV. No formula of a guarded file is live in the workbook (one
# of a --raw file is: the import does evaluate formulas); the guarded cells
# (a formula, -5, +1 555 0100, @name) come back exact, so update sees no
# edit in them; and the ids of digits only, which the spreadsheet turned
# into numbers, are explained row by row while the run goes on.
#
# The ids are made here, in a seed of our own: all digits, so that the
# spreadsheet damages them whatever form the sandbox gives its own ids.
# LibreOffice is required (./quickstart test installs it): without it this
# test fails, it does not skip.
. "$(dirname "$0")/sandbox-lib.sh"
command -v soffice > /dev/null ||
	fail "LibreOffice is not installed (soffice); ./quickstart test installs libreoffice-calc-nogui"
PY=/usr/bin/python3
$PY -c 'import openpyxl' 2> /dev/null || fail "python3's openpyxl is not installed (./quickstart test installs it)"

FORMULA='=HYPERLINK("http://x","y")'
export FORMULA
$PY - "$SEED" <<'PY' || fail "cannot make the seed"
import json, os, sys
seed = json.load(open(sys.argv[1], encoding='utf-8'))
text = open(sys.argv[1], encoding='utf-8').read()
# contacts whose id appears nowhere else in the seed
free = [c for c in seed['contacts'] if text.count(c['id']) == 1][:4]
free[0]['id'] = '660123456789012345678901'     # 6.60123456789012E+23 in a spreadsheet
free[0]['title'] = os.environ['FORMULA']
free[1]['id'] = '700000000000000000000042'     # 7E+23
free[2]['title'] = os.environ['FORMULA']       # a hex id: this row must come back unchanged
free[3]['first_name'] = '@ana'
free[3]['title'] = '-5'
free[3]['organization_name'] = '+1 555 0100'
json.dump(seed, open('seed.json', 'w', encoding='utf-8'))
open('ids', 'w').write('\n'.join(c['id'] for c in free) + '\n')
PY
SEED=$WORK/seed.json
sandbox_start --rate minute=0,hour=0,day=0
export APOLLO_BASE_URL=$BASE APOLLO_API_KEY=$KEY
writes() { stats; $PY -c "
import json
r = json.load(open('stats'))['requests']
print(sum(v for k, v in r.items() if 'bulk_update' in k))"; }

# what apollo-csv writes: an export, the results of sending it back, and a
# --raw export (the control: its formula must be live in the spreadsheet)
run export contacts -o contacts.csv
expect_status 0 "export contacts"
expect_in contacts.csv "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
expect_in contacts.csv ",'@ana,"
run update contacts.csv
expect_status 0 "update of the unedited export"
[ "$(writes)" = 0 ] || fail "update of the unedited export made write calls"
expect_in contacts.results.csv "\"'=HYPERLINK("
run export contacts --raw -o raw.csv
expect_status 0 "export contacts --raw"
expect_in raw.csv ",\"=HYPERLINK("

# LibreOffice opens each CSV as Text Import does on a double-click: comma,
# quote, UTF-8, from line 1, English (USA), quoted fields not forced to
# text, detect special numbers, evaluate formulas (tokens 1-8 and 13); then
# saves a workbook, and the workbooks back as CSV (cells as shown)
lo() {
	timeout 300 soffice -env:UserInstallation=file://$WORK/lo-profile --headless "$@" \
		> lo.out 2> lo.err || fail "soffice $*: exit status $?: $(cat lo.out lo.err)"
}
lo --infilter='CSV:44,34,76,1,,1033,false,true,true,false,false,false,true' \
	--convert-to xlsx --outdir xlsx contacts.csv contacts.results.csv raw.csv
for f in contacts contacts.results raw; do
	[ -s "xlsx/$f.xlsx" ] || fail "LibreOffice did not write xlsx/$f.xlsx: $(cat lo.out lo.err)"
done
lo --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,true,false' \
	--outdir resaved xlsx/contacts.xlsx xlsx/contacts.results.xlsx
[ -s resaved/contacts.csv ] || fail "LibreOffice did not write resaved/contacts.csv: $(cat lo.out lo.err)"

$PY - <<'PY' || fail "the workbooks LibreOffice wrote"
import openpyxl, os, sys
def formulas(path):
    wb = openpyxl.load_workbook(path)
    return [(ws.title, c.coordinate, c.value) for ws in wb for row in ws.iter_rows() for c in row
            if c.data_type == 'f']
for f in ('contacts', 'contacts.results'):
    live = formulas('xlsx/%s.xlsx' % f)
    if live: sys.exit('%s.csv: live formulas in the spreadsheet: %r' % (f, live[:5]))
if not formulas('xlsx/raw.xlsx'):
    sys.exit('raw.csv: no live formula: the import did not evaluate formulas, so the test proves nothing')
# the digit ids became numbers: the damage this test is about did happen
wb = openpyxl.load_workbook('xlsx/contacts.xlsx')
ids = [r[0] for r in wb.active.iter_rows(values_only=True)]
if 6.60123456789012e+23 not in ids and 660123456789012345678901 not in ids:
    sys.exit('the id 660123456789012345678901 did not become a number: %r' % ids[:5])
PY

# update on the re-saved file: the two damaged ids are explained, the other
# rows (the guarded cells among them) are unchanged, and nothing is sent
cp resaved/contacts.csv resaved.csv
run update resaved.csv
expect_status 1 "update of the re-saved file with damaged ids"
[ "$(writes)" = 0 ] || fail "update of the re-saved file made write calls"
$PY - <<'PY' || fail "resaved.results.csv"
import csv
rs = list(csv.DictReader(open('resaved.results.csv', newline='', encoding='utf-8')))
ids = open('ids').read().split()
if len(rs) != 300: raise SystemExit('%d result rows, expected 300' % len(rs))
bad = [r for r in rs if r['_status'] != 'unchanged']
got = sorted((r['contact_id'], r['_status'], r['_reason']) for r in bad)
lost = ('is an Apollo contact id that a spreadsheet turned into a number; the id is lost: '
        'export again with -o FILE.xlsx, or format the column as Text before you open the CSV')
want = sorted([('6.60123456789012E+023', 'invalid', '"6.60123456789012E+023" ' + lost),
               ('7E+023', 'invalid', '"7E+023" ' + lost)])
if got != want: raise SystemExit('rows not unchanged: %r\nexpected %r' % (got, want))
by_id = {r['contact_id']: r for r in rs}
for i in ids[2:]:
    if by_id[i]['_status'] != 'unchanged': raise SystemExit('%s: %r' % (i, by_id[i]))
# the results file guards them again, as every CSV apollo-csv writes
if by_id[ids[2]]['title'] != '\'=HYPERLINK("http://x","y")': raise SystemExit('title %r' % by_id[ids[2]]['title'])
if (by_id[ids[3]]['first_name'], by_id[ids[3]]['title'], by_id[ids[3]]['organization_name']) != \
   ("'@ana", "'-5", "'+1 555 0100"):
    raise SystemExit('guarded cells: %r' % by_id[ids[3]])
PY
expect_in stderr "2 invalid"

# the other commands that read ids from a file say the same, row by row,
# and go on with the rows whose ids are whole
hex=$(sed -n 3p ids)
FROM=dana.whitfield@sellwise-demo.com
printf 'contact_id\n7E+023\n%s\n' "$hex" > enroll.csv
run enroll --no-progress --sequence "Q4 Outbound - SaaS" --from "$FROM" enroll.csv
expect_status 1 "enroll with a damaged id"
printf 'contact_id,type,due,owner\n7E+023,call,2026-12-01,%s\n%s,call,2026-12-01,7.00E+23\n%s,call,2026-12-01,%s\n' \
	"$FROM" "$hex" "$hex" "$FROM" > tasks.csv
run tasks --no-progress tasks.csv
expect_status 1 "tasks with a damaged contact id and owner"
printf 'name,account,amount\nLost,6.6E+23,100\n' > deals.csv
run deals --no-progress deals.csv
expect_status 1 "deals with a damaged account id"
$PY - <<'PY' || fail "enroll, tasks and deals results"
import csv
def rows(p): return list(csv.DictReader(open(p, newline='', encoding='utf-8')))
lost = 'that a spreadsheet turned into a number; the id is lost'
e, t, d = rows('enroll.results.csv'), rows('tasks.results.csv'), rows('deals.results.csv')
if e[0]['_status'] != 'invalid' or '"7E+023" is an Apollo contact id ' + lost not in e[0]['_reason']: raise SystemExit('enroll: %r' % e[0])
if e[1]['_status'] == 'invalid': raise SystemExit('enroll, the whole id: %r' % e[1])
if t[0]['_status'] != 'invalid' or '"7E+023" is an Apollo contact id ' + lost not in t[0]['_reason']: raise SystemExit('tasks: %r' % t[0])
if t[1]['_status'] != 'invalid' or 'owner "7.00E+23" is an Apollo user id ' + lost not in t[1]['_reason']: raise SystemExit('tasks owner: %r' % t[1])
if t[2]['_status'] != 'created': raise SystemExit('tasks, the whole id: %r' % t[2])
if d[0]['_status'] != 'invalid' or '"6.6E+23" is an Apollo account id ' + lost not in d[0]['_reason']: raise SystemExit('deals: %r' % d[0])
PY
exit 0
