#!/bin/sh
# An .xlsx workbook imported as a CSV file is: the sheet chosen (the first
# visible; --sheet by name), a title row above the header skipped, each
# cell as the spreadsheet shows it (a phone stored as a number stays
# 5551234567, a phone stored as text keeps its leading zero, rich text
# joined, a date cell as ISO 8601), a #N/A cell making its row invalid with
# the cell named, and _line the sheet's row. What apollo-sandbox received
# is what the sheet shows. The workbook is written here by openpyxl
# (Debian's python3-openpyxl, which ./quickstart test installs).
. "$(dirname "$0")/import-lib.sh"
/usr/bin/python3 -c 'import openpyxl' 2> /dev/null ||
	fail "python3-openpyxl is not installed (./quickstart test installs it)"
sandbox_start

/usr/bin/python3 - <<'PY' || fail "openpyxl could not write the workbook"
import datetime, openpyxl
from openpyxl.cell.cell import Cell
wb = openpyxl.Workbook()
old = wb.active
old.title = 'Old list'
old.sheet_state = 'hidden'
old.append(['First Name', 'Last Name', 'Email'])
old.append(['Hidden', 'Row', 'hidden.row@quillmetrics.io'])
ws = wb.create_sheet('Q3 leads')
ws.append(['Leads from the Q3 fair'])
ws.append(['First Name', 'Last Name', 'Email', 'Company', 'Phone', 'Met On', 'Notes'])
ws.append(['Zoë', 'Müller', 'zoe.muller@quillmetrics.io', 'Quill Metrics', 5551234567,
           datetime.date(2026, 3, 5), 'met at the booth'])
ws.append(['Bram', 'Okonkwo', 'bram.okonkwo@brightlane-logistics.com', 'Brightlane', '0199001189',
           datetime.date(2026, 3, 6), 0.1])
ws.append([])
ws.append(['Cleo', 'Park', 'cleo.park@harborview.co', 'Harborview', '+1 555 0100', None, True])
ws.append(['Dev', 'Rao', None, 'Harborview', None, None, None])
ws['C7'] = '#N/A'
ws['C7'].data_type = 'e'
ws['F3'].number_format = 'mm/dd/yyyy'
ws['F4'].number_format = 'd-mmm-yy'
other = wb.create_sheet('Extra')
other.append(['First Name', 'Last Name', 'Email', 'Company'])
other.append(['Eve', 'Lund', 'eve.lund@harborview.co', 'Harborview'])
wb.save('leads.xlsx')
PY

stats; mv stats stats.before
imp --raw --sequence "$Q4_NAME" --from "$FROM" leads.xlsx -o leads.results.csv
expect_status 1 "import leads.xlsx (one row has an error cell)"
expect_in stderr 'leads.xlsx: read the sheet "Q3 leads" (2 of 3; --sheet picks another)'
expect_in stderr "the header is on row 2; the 1 row before it is skipped"
expect_in stderr "leads.xlsx:'Q3 leads'!C7: the cell 'Q3 leads'!C7 holds the spreadsheet error #N/A"
stats
check "
rs = rows('leads.results.csv')
got = [(r['First Name'], r['Email'], r['Phone'], r['Met On'], r['Notes'], r['_line'], r['_status']) for r in rs]
want = [('Zoë', 'zoe.muller@quillmetrics.io', '5551234567', '2026-03-05', 'met at the booth', '3', 'created'),
        ('Bram', 'bram.okonkwo@brightlane-logistics.com', '0199001189', '2026-03-06', '0.1', '4', 'created'),
        ('Cleo', 'cleo.park@harborview.co', '+1 555 0100', '', 'TRUE', '6', 'created'),
        ('Dev', '#N/A', '', '', '', '7', 'invalid')]
if got != want: die('results %r, expected %r' % (got, want))
if 'C7' not in rs[3]['_reason']: die('the error row does not name its cell: ' + rs[3]['_reason'])
b = json.load(open('stats.before'))
s = st()
if s['contacts'] != b['contacts'] + 3: die('contacts %d, expected %d + 3' % (s['contacts'], b['contacts']))
if s['requests'].get('POST /api/v1/contacts/bulk_create') != 1: die('requests %r' % s['requests'])
mine = {c['email']: c for c in all_of('contacts/search', 'contacts')
        if c.get('email') in ('zoe.muller@quillmetrics.io', 'bram.okonkwo@brightlane-logistics.com', 'cleo.park@harborview.co')}
if len(mine) != 3: die('the sandbox holds %d of the 3 contacts' % len(mine))
z = mine['zoe.muller@quillmetrics.io']
if (z.get('first_name'), z.get('last_name'), z.get('organization_name')) != ('Zoë', 'Müller', 'Quill Metrics'):
    die('the sandbox got %r' % z)
phones = {e: json.dumps(c) for e, c in mine.items()}
if '5551234567' not in phones['zoe.muller@quillmetrics.io']: die('no phone 5551234567 sent: ' + phones['zoe.muller@quillmetrics.io'])
if '0199001189' not in phones['bram.okonkwo@brightlane-logistics.com']: die('the leading zero was lost: ' + phones['bram.okonkwo@brightlane-logistics.com'])
" "import of leads.xlsx"

# --sheet by name reads another sheet; an unknown one is refused with the list
run check --raw --sheet extra leads.xlsx -o extra.csv
expect_status 0 "check --sheet extra"
printf '%s\n' 'First Name,Last Name,Email,Company' 'Eve,Lund,eve.lund@harborview.co,Harborview' > leads-extra.csv
expect_in extra.csv "eve.lund@harborview.co"
expect_not_in extra.csv "zoe.muller"
run check --sheet 1 leads.xlsx -o hidden.csv
expect_status 0 "check --sheet 1 (the hidden sheet)"
expect_in hidden.csv "hidden.row@quillmetrics.io"
run check --sheet Q4 leads.xlsx -o none.csv
expect_status 3 "check --sheet Q4"
expect_in stderr 'the workbook has no sheet "Q4"; its sheets are "Old list" (hidden), "Q3 leads", "Extra"'
[ ! -e none.csv ] || fail "a results file for a sheet that is not there"

# a CSV read through a FIFO loses none of its first bytes to the look for a
# workbook
mkfifo fifo
cat leads-extra.csv > fifo &
writer=$!
run check fifo -o fifo.csv
# a check that never opened the FIFO leaves cat blocked in its open
kill $writer 2> /dev/null
wait $writer 2> /dev/null
expect_status 0 "check fifo"
head -1 fifo.csv | grep -q '^First Name,Last Name,Email,Company,_row' ||
	fail "the FIFO's header was not read whole: $(head -1 fifo.csv)"

# a workbook on standard input, or gzipped, is named, not read as text
run check - < leads.xlsx
expect_status 3 "check - < leads.xlsx"
expect_in stderr "standard input holds an Excel workbook"
gzip -c leads.xlsx > leads.xlsx.gz
run check leads.xlsx.gz
expect_status 3 "check leads.xlsx.gz"
expect_in stderr "a compressed Excel workbook: uncompress it"

# an .xls file and a zip that is no workbook are named for what they are
printf '\320\317\021\340\241\261\032\341' > old.xls
head -c 600 /dev/zero >> old.xls
run check old.xls
expect_status 3 "check old.xls"
expect_in stderr "an Excel 97-2003 workbook (.xls)"
exit 0
