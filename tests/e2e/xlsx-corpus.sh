#!/bin/sh
# The workbook corpus (tests/xlsx/make_corpus.py, written here by openpyxl
# and by hand-zipped XML) read by `check`: every row of the sheet read
# comes out as its NAME.expected.csv says, cell for cell, at its own row
# number (_line), none lost; each error cell makes its row invalid naming
# the cell; --sheet reads the others; an .xls, an encrypted workbook and a
# zip that is no workbook are refused, each with its own message.
. "$(dirname "$0")/lib.sh"
/usr/bin/python3 -c 'import openpyxl' 2> /dev/null ||
	fail "python3-openpyxl is not installed (./quickstart test installs it)"
/usr/bin/python3 "$TOP_SRCDIR/tests/xlsx/make_corpus.py" corpus > corpus.log 2>&1 ||
	{ cat corpus.log; fail "make_corpus.py failed"; }

# same NAME [--sheet N]: NAME.xlsx (that sheet) against its expected files
# (formulas.xlsx is a sheet of deals: its Owner column is read as a name)
same() {
	name=$1 exp=$1 map=
	shift
	[ $# -gt 0 ] && exp=$name.sheet$2
	[ "$name" = formulas ] && map="--map name=Owner"
	# shellcheck disable=SC2086
	run check --raw --format generic $map "$@" "corpus/$name.xlsx" -o "$exp.results.csv"
	[ "$rc" -le 1 ] || fail "check $name.xlsx $*: exit status $rc"
	/usr/bin/python3 - "corpus/$exp" "$exp.results.csv" stderr <<'PY' || fail "$exp: the reader's rows differ"
import csv, json, sys
exp_path, res_path, err_path = sys.argv[1:]
want = list(csv.reader(open(exp_path + '.expected.csv', newline='', encoding='utf-8')))
meta = json.load(open(exp_path + '.expected.json', encoding='utf-8'))
got = list(csv.reader(open(res_path, newline='', encoding='utf-8')))
stderr = open(err_path, encoding='utf-8').read()
k = got[0].index('_row')
def pad(r, n): return (r + [''] * n)[:n]
def die(m): print(exp_path + ': ' + m); sys.exit(1)
if ('read the sheet "%s"' % meta['sheet']) not in stderr: die('the sheet read is not said: ' + stderr)
# the header is a row of the sheet, as the corpus says
hdr = [i for i, r in enumerate(want) if pad(r, k) == got[0][:k]]
if not hdr: die('header %r is no row of %r' % (got[0][:k], want))
h = hdr[0]
line = got[0]
lines = []
for r in got[1:]:
    n = int(r[k + 1])
    lines.append(n)
    if pad(want[n - 1], k) != r[:k]: die('row %d: %r, expected %r' % (n, r[:k], pad(want[n - 1], k)))
    if any(want[n - 1][k:]): die('row %d is wider than the header: %r' % (n, want[n - 1]))
rest = [i + 1 for i, r in enumerate(want) if i > h and any(r)]
if lines != rest: die('rows read %r, expected the rows after the header %r' % (lines, rest))
errs = {}
for ref, text in meta['errors']:
    row = int(''.join(c for c in ref.split('!')[1] if c.isdigit()))
    errs.setdefault(row, ref.split('!')[1])
for r in got[1:]:
    n = int(r[k + 1])
    if n in errs:
        if r[k + 2] != 'invalid' or errs[n] not in r[k + 3]: die('row %d: %s %r does not name %s' % (n, r[k + 2], r[k + 3], errs[n]))
    elif 'spreadsheet error' in r[k + 3]: die('row %d has no error cell: %r' % (n, r[k + 3]))
PY
}
for b in shared inline richtext dates date1904 formulas merged emptyfirst hidden sparse; do
	same $b
done
same hidden --sheet 3
same sparse --sheet 2
# the same sheet by its name
run check --raw --format generic --sheet "q4 LEADS" corpus/hidden.xlsx -o byname.csv
cmp -s byname.csv hidden.sheet3.results.csv || fail "--sheet by name read another sheet than --sheet 3"

run check corpus/legacy.xls
expect_status 3 "check legacy.xls"
expect_in stderr "an Excel 97-2003 workbook (.xls)"
run check corpus/encrypted.xlsx
expect_status 3 "check encrypted.xlsx"
expect_in stderr "password-protected"
run check corpus/notxlsx.zip
expect_status 3 "check notxlsx.zip"
expect_in stderr "a zip archive, not an Excel workbook"
exit 0
