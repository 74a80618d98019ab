#!/bin/sh
# --errors writes only the rows that need attention, with the input's own
# columns and the reason; that file fed back unchanged is read as the same
# rows (its outcome columns are replaced, not doubled).
. "$(dirname "$0")/lib.sh"

printf '%s\n' \
	'First Name,Last Name,Email,Company' \
	'Ana,Diaz,ana@quillmetrics.io,Quill Metrics' \
	'Ben,Okafor,ben@,Brightlane' \
	'Ana,Diaz,ANA@quillmetrics.io,Quill Metrics' \
	',,,' \
	'Cleo,,,Harborview' > leads.csv
run check leads.csv --errors bad.csv
expect_status 1 "check --errors"
[ -f leads.results.csv ] || fail "no leads.results.csv"
[ "$(col leads.results.csv _status | tr '\n' ' ')" = "ready invalid duplicate invalid invalid " ] ||
	fail "statuses: $(col leads.results.csv _status | tr '\n' ' ')"
[ "$(head -1 bad.csv)" = "First Name,Last Name,Email,Company,_row,_line,_status,_reason" ] ||
	fail "errors header: $(head -1 bad.csv)"
[ "$(col bad.csv _row | tr '\n' ' ')" = "2 5 " ] || fail "errors rows: $(col bad.csv _row | tr '\n' ' ')"
expect_in stderr "2 rows need attention: see the _reason column or bad.csv"
expect_in stderr "leads.csv: 5 rows: 1 ready, 1 duplicate, 2 invalid, 1 blank (nothing to fix)"

run check bad.csv -o again.csv
expect_status 1 "check of the errors file"
[ "$(head -1 again.csv)" = "First Name,Last Name,Email,Company,_row,_line,_status,_reason,_contact_id,_account_id,_sequence_status,_sequence_reason" ] ||
	fail "the errors file's outcome columns were copied: $(head -1 again.csv)"
[ "$(col again.csv _status | tr '\n' ' ')" = "invalid invalid " ] || fail "re-check statuses"
exit 0
