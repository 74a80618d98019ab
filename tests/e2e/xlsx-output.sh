#!/bin/sh
# Outputs named *.xlsx are workbooks (read back with openpyxl, a test
# oracle only): every cell text as written (ids, phones, postal codes with
# their zeros, '=' cells never formulas), _row and _line numbers, a bold
# frozen header with an autofilter, _status coloured, an About sheet whose
# counts are the results'; the same cells as the CSV results. A run killed
# mid-way leaves no workbook under the final name and --resume writes it.
# The sequence report's workbook has numbers and Excel charts.
. "$(dirname "$0")/import-lib.sh"
XLPY=/usr/bin/python3
"$XLPY" -c "import openpyxl" 2> /dev/null || { echo "SKIP: no openpyxl"; exit 77; }

cat > xl.py <<'PY'
import csv, sys, zipfile, openpyxl
csv.field_size_limit(1 << 30)
def book(path):
    return openpyxl.load_workbook(path)
def cells(ws):
    return [[c.value for c in r] for r in ws.iter_rows()]
def no_formula(wb):
    for ws in wb.worksheets:
        for r in ws.iter_rows():
            for c in r:
                assert c.data_type != 'f', (ws.title, c.coordinate, c.value)
def about(wb):
    """the About sheet as {section: {value: count}} and its top pairs"""
    ws = wb['About this run']
    top, sections, cur = {}, {}, None
    for r in ws.iter_rows(min_row=2):
        v = [c.value for c in r]
        if not v or v[0] is None:
            cur = None
            continue
        if cur is None and v[1] == 'rows' and str(v[0]).startswith('_'):
            cur = v[0]
            sections[cur] = {}
        elif cur is not None:
            sections[cur][v[0]] = v[1]
        else:
            top[v[0]] = v[1]
    return top, sections
def same_as_csv(ws, csv_path, numeric=('_row', '_line')):
    want = list(csv.reader(open(csv_path, newline='', encoding='utf-8')))
    got = cells(ws)
    assert len(got) == len(want), (len(got), len(want))
    head = want[0]
    for i, (g, w) in enumerate(zip(got, want)):
        g = g + [None] * (len(w) - len(g))
        for name, gv, wv in zip(head, g, w):
            if i and name in numeric and wv:
                assert isinstance(gv, (int, float)) and gv == float(wv), (i, name, gv, wv)
            else:
                assert (gv if gv is not None else '') == wv, (i, name, repr(gv), repr(wv))
PY
xl() { out=$("$XLPY" -c "from xl import *
$1" 2>&1) || fail "$2: $out"; }

# ---- check: the typing rules on awkward cells ----
printf '%s\n' \
	'First Name,Last Name,Email,Company,Phone,Zip,Account Id,Big Number,Notes' \
	'Ana,Diaz,ana@quillmetrics.io,Quill Metrics,0044 20 7946 0958,02134,5e1234567890abcdef012345,123456789012345678901,=SUM(A1:A9)' \
	'Ben,Okafor,ben@brightlane-logistics.com,Brightlane,+1 415 555 0100,00501,000000000000000000000042,007,+VP' \
	'Cleo,Park,cleo@harborview.co,Harborview,0123456789,10001,1e5,3.14, spaced ' \
	'Dev,Rao,not-an-email,Harborview,,,,,@at' > in.csv
run check --raw in.csv -o r.csv --errors e.csv
expect_status 1 "check in.csv (one invalid row)"
run check in.csv -o r.xlsx --errors e.xlsx
expect_status 1 "check in.csv -o r.xlsx"
ls | grep -q 'tmp' && fail "a temporary file is left: $(ls)"
xl "
wb = book('r.xlsx')
assert wb.sheetnames[0] == 'Results' and 'About this run' in wb.sheetnames, wb.sheetnames
ws = wb['Results']
same_as_csv(ws, 'r.csv')
no_formula(wb)
head = [c.value for c in ws[1]]
col = {n: i for i, n in enumerate(head)}
r2 = [c for c in ws[2]]
assert r2[col['Phone']].value == '0044 20 7946 0958' and r2[col['Phone']].data_type == 's'
assert r2[col['Zip']].value == '02134' and r2[col['Zip']].data_type == 's'
assert r2[col['Account Id']].value == '5e1234567890abcdef012345'
assert r2[col['Big Number']].value == '123456789012345678901' and r2[col['Big Number']].data_type == 's'
assert r2[col['Notes']].value == '=SUM(A1:A9)' and r2[col['Notes']].data_type == 's'
assert r2[col['_line']].data_type == 'n' and r2[col['_row']].value == 1
assert ws.cell(row=3, column=col['Big Number'] + 1).value == '007'
assert ws.cell(row=4, column=col['Account Id'] + 1).value == '1e5'
assert ws.cell(row=4, column=col['Notes'] + 1).value == ' spaced '
for c in r2:
    assert c.number_format in ('@', 'General'), (c.coordinate, c.number_format)
assert r2[col['Zip']].number_format == '@'
assert all(c.font.b for c in ws[1]), 'header not bold'
assert ws.freeze_panes == 'A2', ws.freeze_panes
assert ws.auto_filter.ref == 'A1:%s5' % openpyxl.utils.get_column_letter(len(head)), ws.auto_filter.ref
assert 6 <= ws.column_dimensions['A'].width <= 60
assert ws.cell(row=5, column=col['_status'] + 1).fill.fgColor.rgb.endswith('FFC7CE'), 'invalid not red'
assert ws.cell(row=2, column=col['_status'] + 1).fill.fgColor.rgb.endswith('C6EFCE'), 'ready not green'
top, sec = about(wb)
assert top['rows'] == 4, top
assert sec['_status'] == {'ready': 3, 'invalid': 1}, sec
# the invalid email, and the note on the id a spreadsheet made a number
assert list(sec['_reason'].values()) == [1, 1], sec
assert 'check in.csv -o r.xlsx --errors e.xlsx' in top['command'], top
e = book('e.xlsx')
assert e.sheetnames[0] == 'Errors'
same_as_csv(e['Errors'], 'e.csv')
" "check -o r.xlsx"

# LibreOffice Calc reads the workbook as the CSV says: _xHHHH_ in a cell is
# text, not an escaped character (openpyxl does not decode those escapes,
# so Calc is the oracle here), '=' cells text, zeros kept, _row a number
# LibreOffice Calc (Debian's libreoffice-calc-nogui, which ./quickstart test
# installs) is the spreadsheet that reads the workbook back
command -v soffice > /dev/null 2>&1 ||
	fail "LibreOffice (soffice) is not installed (./quickstart test installs it)"
{
	printf '%s\n' 'First Name,Last Name,Email,Company,Notes,Zip' \
		'Ana,Diaz,ana@quillmetrics.io,Quill,_x0041_ and _x00zz_ x_x0042_,02134' \
		'Ben,Okafor,ben@quillmetrics.io,Quill,=1+2,007' > esc.csv
	run check esc.csv -o esc.xlsx
	expect_status 0 "check esc.csv -o esc.xlsx"
	run check --raw esc.csv -o esc-results.csv
	soffice -env:UserInstallation="file://$WORK/lo-profile" --headless \
		--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76' --outdir lo esc.xlsx > lo.out 2>&1 ||
		fail "soffice could not convert esc.xlsx: $(cat lo.out)"
	cmp -s lo/esc.csv esc-results.csv ||
		fail "Calc reads esc.xlsx otherwise than the CSV: $(diff lo/esc.csv esc-results.csv)"
}

# exists without --force; - stays CSV
run check in.csv -o r.xlsx
expect_status 6 "check -o an existing r.xlsx"
run check in.csv -o -
head -1 stdout | grep -q '^First Name,' || fail "-o - is not CSV: $(head -c 200 stdout)"

# ---- import: a kill leaves no workbook; --resume writes it ----
gen_rows 2000 > gen.csv
sandbox_start --rate minute=0,hour=0,day=0 --faults stall=0.3 --stall-ms 150 --fault-seed 5
(APOLLO_BASE_URL=$BASE exec "$APOLLO_CSV" import --no-progress --jobs 1 --enroll-chunk 20 \
	--sequence "$Q4_NAME" --from "$FROM" -o res.xlsx gen.csv > stdout 2> stderr) &
pid=$!
# killed once its journal holds a row (not after a fixed time: under
# valgrind the start alone takes seconds)
n=0
while alive $pid && [ "$(wc -l < res.xlsx.partial 2> /dev/null || echo 0)" -lt 2 ] && [ $n -lt 600 ]; do
	sleep 0.1
	n=$((n + 1))
done
kill -9 $pid 2> /dev/null
wait $pid
[ -e res.xlsx ] && fail "a killed run left res.xlsx"
[ -e res.xlsx.partial ] || fail "a killed run left no res.xlsx.partial (it finished before it was killed?)"
imp --resume --sequence "$Q4_NAME" --from "$FROM" -o res.xlsx gen.csv
expect_status 0 "import --resume -o res.xlsx"
[ -e res.xlsx ] || fail "--resume wrote no res.xlsx"
[ ! -e res.xlsx.partial ] || fail "res.xlsx.partial left after a finished run"
ls | grep -q 'res.xlsx.tmp' && fail "a temporary file is left: $(ls)"
xl "
wb = book('res.xlsx')
ws = wb['Results']
no_formula(wb)
head = [c.value for c in ws[1]]
rows = list(ws.iter_rows(min_row=2, values_only=True))
assert len(rows) == 2000, len(rows)
assert [r[head.index('_row')] for r in rows] == list(range(1, 2001))
ids = [r[head.index('_contact_id')] for r in rows]
assert all(isinstance(i, str) and len(i) == 24 for i in ids), ids[:3]
assert len(set(ids)) == 2000
top, sec = about(wb)
assert top['rows'] == 2000
assert sum(sec['_status'].values()) == 2000 and 'unprocessed' not in sec['_status'], sec
assert 'APOLLO' not in str(top.get('command')) and '$KEY' not in str(top.get('command'))
" "import --resume -o res.xlsx"
for f in res.xlsx; do
	unzip -p "$f" 2> /dev/null | grep -qF "$KEY" && fail "$f holds the API key"
done
python3 -c "import zipfile,sys; z=zipfile.ZipFile('res.xlsx'); sys.exit(any(b'$KEY' in z.read(n) for n in z.namelist()))" ||
	fail "res.xlsx holds the API key"
# a finished workbook has nothing to resume
imp --resume --sequence "$Q4_NAME" --from "$FROM" -o res.xlsx gen.csv
expect_status 3 "--resume of a finished res.xlsx"
expect_in stderr "finished"
[ ! -e res.xlsx.partial ] || fail "a --resume of a finished workbook left res.xlsx.partial"

# ---- a run stopped with rows left: the workbook, and its journal for --resume ----
sandbox_stop
gen_rows 1000 > few.csv
sandbox_start --rate minute=3,hour=0,day=0 --time-scale 1 --state sandbox.state
imp --max-wait 1 --sequence "$Q4_NAME" --from "$FROM" -o few.xlsx few.csv
expect_status 5 "import -o few.xlsx stopped by the rate limit"
[ -e few.xlsx ] || fail "no few.xlsx after a stop"
[ -e few.xlsx.partial ] || fail "few.xlsx.partial not kept after a stop with rows unprocessed"
xl "
top, sec = about(book('few.xlsx'))
assert sec['_status'].get('unprocessed'), sec
" "few.xlsx after the stop"
sandbox_stop
sandbox_start --rate minute=0,hour=0,day=0 --state sandbox.state
imp --resume --sequence "$Q4_NAME" --from "$FROM" -o few.xlsx few.csv
expect_status 0 "--resume -o few.xlsx"
expect_in stderr "resuming after row"
[ ! -e few.xlsx.partial ] || fail "few.xlsx.partial left after a finished run"
xl "
wb = book('few.xlsx')
top, sec = about(wb)
assert top['rows'] == 1000 and 'unprocessed' not in sec['_status'], sec
assert sum(sec['_status'].values()) == 1000, sec
" "few.xlsx after --resume"

# ---- export sequences: numbers and charts ----
export APOLLO_BASE_URL=$BASE
"$APOLLO_CSV" export sequences -q --raw -o seq.csv
"$APOLLO_CSV" export sequences -q -o seq.xlsx
[ -e seq.xlsx ] || fail "export sequences -o seq.xlsx wrote nothing"
xl "
wb = book('seq.xlsx')
assert wb.sheetnames == ['Sequences', 'Charts', 'About this run'], wb.sheetnames
ws = wb['Sequences']
want = list(csv.DictReader(open('seq.csv', newline='')))
head = [c.value for c in ws[1]]
got = [dict(zip(head, r)) for r in ws.iter_rows(min_row=2, values_only=True)]
assert len(got) == len(want)
for g, w in zip(got, want):
    assert g['id'] == w['id'] and isinstance(g['id'], str)
    if w['unique_delivered'] == 'loading':
        assert g['unique_delivered'] == 'loading'
    else:
        assert isinstance(g['unique_delivered'], (int, float)) and g['unique_delivered'] == float(w['unique_delivered'])
        assert g['open_rate_percent'] == float(w['open_rate_percent'])
z = zipfile.ZipFile('seq.xlsx')
charts = [n for n in z.namelist() if n.startswith('xl/charts/chart')]
assert len(charts) == 2, z.namelist()
assert all(b'Sequences!\$B\$2' in z.read(c) for c in charts), 'the charts do not name the sequences'
ch = wb['Charts']._charts
assert len(ch) == 2, ch
" "export sequences -o seq.xlsx"
"$APOLLO_CSV" export sequences -q --format json -o seq2.xlsx 2> err
[ $? = 2 ] || fail "--format json -o seq2.xlsx: expected exit status 2"
[ ! -e seq2.xlsx ] || fail "--format json -o seq2.xlsx wrote a file"

# ---- export contacts ----
"$APOLLO_CSV" export contacts -q --raw -o contacts.csv
"$APOLLO_CSV" export contacts -q -o contacts.xlsx
xl "
wb = book('contacts.xlsx')
ws = wb['Contacts']
same_as_csv(ws, 'contacts.csv', numeric=('step',))
top, sec = about(wb)
assert top['rows'] == ws.max_row - 1 and 'export contacts' in top['command'], top
" "export contacts -o contacts.xlsx"
exit 0
