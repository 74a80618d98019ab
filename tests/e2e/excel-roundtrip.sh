#!/bin/sh
# Every results file guards formula-like cells (--excel adds a BOM and
# CRLF, --raw leaves the cells as they are); reading the file back undoes
# exactly that, so a result written for Excel and checked again gives the
# same results as the original file.
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
run check --raw orig.csv -o raw.csv
expect_status 0 "check --raw orig.csv"
run check --excel orig.csv -o excel.csv
expect_status 0 "check --excel orig.csv"
head -c 3 excel.csv | od -An -tx1 | grep -q 'ef bb bf' || fail "excel.csv has no UTF-8 BOM"
grep -q "$(printf '\r')\$" excel.csv || fail "excel.csv does not use CRLF"
expect_in excel.csv "'=SUM(A1:A9)"
expect_in excel.csv "'+VP"
# a cell already guarded in the input is read as its value, then guarded once
expect_in excel.csv ",'=guarded already,"
expect_in excel.csv ",''@two apostrophes,"
# the default results are as safe as --excel's, without the BOM and CRLF
head -c 3 plain.csv | od -An -tx1 | grep -q 'ef bb bf' && fail "plain.csv has a BOM"
grep -q "$(printf '\r')\$" plain.csv && fail "plain.csv uses CRLF"
expect_in plain.csv "'=SUM(A1:A9)"
expect_in plain.csv ",'+VP,'-minus,"
expect_in plain.csv ",'=guarded already,"
expect_in plain.csv "\"'@at, with comma\""
expect_in plain.csv ",'$(printf '\t')tab first,"
grep -q '^Ana,.*,=SUM' plain.csv && fail "plain.csv has a live formula: $(grep ^Ana plain.csv)"
# --raw writes formulas as they are, and guards only what would read back
# as guarded
expect_in raw.csv ",=SUM(A1:A9),"
expect_in raw.csv ",+VP,-minus,"
expect_in raw.csv ",=guarded already,"
expect_in raw.csv ",''@two apostrophes,"
expect_in raw.csv ",'plain apostrophe,"
expect_in excel.csv ",'plain apostrophe,"
expect_in excel.csv ",a=b,"
# the earlier run's outcome columns are replaced, the cells restored: the
# results of both files hold the same cells (compared as --excel writes
# them, since plain results keep each cell's quoting as read)
run check excel.csv -o again.csv
expect_status 0 "check excel.csv"
run check --excel plain.csv -o plain-cells.csv
run check --excel again.csv -o again-cells.csv
run check --excel raw.csv -o raw-cells.csv
cmp -s plain-cells.csv again-cells.csv ||
	{ diff plain-cells.csv again-cells.csv; fail "the round trip through --excel changed the cells"; }
cmp -s plain-cells.csv raw-cells.csv ||
	{ diff plain-cells.csv raw-cells.csv; fail "the round trip through --raw changed the cells"; }
[ "$(wc -l < again-cells.csv)" -eq 11 ] || fail "the round trip lost rows"
# the results of the guarded file, checked again, are the guarded file
run check plain.csv -o plain-again.csv
cmp -s plain.csv plain-again.csv ||
	{ diff plain.csv plain-again.csv; fail "checking the guarded results again changed them"; }
exit 0
