#!/bin/sh
# --excel guards formula-like cells; reading the file back undoes exactly
# that, so a result written for Excel and checked again gives the same
# results as the original file.
. "$(dirname "$0")/lib.sh"

printf '%s\n' \
	'First Name,Last Name,Email,Company,Title,Notes' \
	'Ana,Diaz,ana@quillmetrics.io,Quill Metrics,CTO,=SUM(A1:A9)' \
	'Ben,Okafor,ben@brightlane-logistics.com,Brightlane,+VP,-minus' \
	"Cleo,Park,cleo@harborview.co,Harborview,COO,'=guarded already" \
	"Dev,Rao,dev@harborview.co,Harborview,COO,''@two apostrophes" \
	"Eve,Lund,eve@harborview.co,Harborview,COO,'plain apostrophe" \
	'Fay,Moss,fay@harborview.co,Harborview,COO,"@at, with comma"' \
	'Gus,Nye,gus@harborview.co,Harborview,COO,"	tab first"' \
	'Hal,Orr,hal@harborview.co,Harborview,COO,"multi' \
	'=line"' \
	'Ida,Pym,ida@harborview.co,Harborview,COO,a=b' > orig.csv

run check orig.csv -o plain.csv
expect_status 0 "check orig.csv"
run check --excel orig.csv -o excel.csv
expect_status 0 "check --excel orig.csv"
head -c 3 excel.csv | od -An -tx1 | grep -q 'ef bb bf' || fail "excel.csv has no UTF-8 BOM"
grep -q "$(printf '\r')\$" excel.csv || fail "excel.csv does not use CRLF"
expect_in excel.csv "'=SUM(A1:A9)"
expect_in excel.csv "'+VP"
# a cell already guarded in the input is read as its value, then guarded once
expect_in excel.csv ",'=guarded already,"
expect_in excel.csv ",''@two apostrophes,"
expect_in plain.csv ",=guarded already,"
# plain output guards only what would read back as guarded
expect_in plain.csv ",''@two apostrophes,"
expect_in excel.csv ",'plain apostrophe,"
expect_in excel.csv ",a=b,"
# the earlier run's outcome columns are replaced, the cells restored: the
# results of both files hold the same cells (compared as --excel writes
# them, since plain results keep each cell's quoting as read)
run check excel.csv -o again.csv
expect_status 0 "check excel.csv"
run check --excel plain.csv -o plain-cells.csv
run check --excel again.csv -o again-cells.csv
cmp -s plain-cells.csv again-cells.csv ||
	{ diff plain-cells.csv again-cells.csv; fail "the round trip through --excel changed the cells"; }
[ "$(wc -l < again-cells.csv)" -eq 11 ] || fail "the round trip lost rows"
exit 0
