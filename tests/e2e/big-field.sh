#!/bin/sh
# A 5 MB cell is over the default 1 MiB field limit: that row is invalid
# with a reason naming the limit, the rows around it are read as usual;
# --max-field-size 8M accepts it whole.
. "$(dirname "$0")/lib.sh"

big=$(head -c 5000000 /dev/zero | tr '\0' 'x')
for quote in '' '"'; do
	{
		echo "First Name,Last Name,Email,Company,Title,Notes"
		echo "Ana,Diaz,ana@quillmetrics.io,Quill Metrics,CTO,short"
		printf 'Ben,Okafor,ben@brightlane-logistics.com,Brightlane,VP,%s%s%s\n' "$quote" "$big" "$quote"
		echo "Cleo,Park,cleo@harborview.co,Harborview,COO,short"
	} > big.csv
	run check big.csv -o small-limit.csv --force
	expect_status 1 "check big.csv (quote: $quote)"
	expect_in stderr "big.csv:3:6: "
	expect_in stderr "1 MiB field size limit (--max-field-size)"
	[ "$(col small-limit.csv _status | tr '\n' ' ')" = "ready invalid ready " ] ||
		fail "statuses with the default limit: $(col small-limit.csv _status | tr '\n' ' ')"

	run check --max-field-size 8M big.csv -o big-limit.csv --force
	expect_status 0 "check --max-field-size 8M big.csv (quote: $quote)"
	[ "$(col big-limit.csv _status | tr '\n' ' ')" = "ready ready ready " ] ||
		fail "statuses with an 8M limit"
	[ "$(awk -F, 'NR == 3 { gsub(/"/, "", $6); print length($6) }' big-limit.csv)" = 5000000 ] ||
		fail "the 5 MB cell was not kept whole"
done
# a line of many unquoted cells, far over what a row may hold: one invalid
# row, cut and said so, and the next line keeps its true line number
{
	echo "First Name,Last Name,Email"
	echo 'Ana,"Diaz",ana@quillmetrics.io'
	awk 'BEGIN { for (i = 0; i < 20; i++) { if (i) printf ","; for (j = 0; j < 60000; j++) printf "x" } print "" }'
	echo "Gus,Nye,gus@harborview.co"
} > wide.csv
run check --max-field-size 64K wide.csv -o wide.results.csv --force
expect_status 1 "check of a 1.2 MB line"
expect_in stderr "wide.csv:3:"
expect_in stderr "the row was too long to keep whole and was cut"
[ "$(tail -1 wide.results.csv)" = "Gus,Nye,gus@harborview.co,3,4,ready,,,,," ] ||
	fail "the row after the long line: $(tail -1 wide.results.csv)"
[ "$(wc -l < wide.results.csv)" -eq 4 ] || fail "the long line gave more than one row"
exit 0
