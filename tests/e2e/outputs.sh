#!/bin/sh
# What an output's name names (files/output_target.h): a device (/dev/null)
# or a FIFO is written in place, needs no --force and stays what it is; a
# link is followed, so it stays a link to a file holding the results; only
# one output may go to standard output.
. "$(dirname "$0")/lib.sh"

rows 3 > leads.csv
printf 'Email,First Name\nnot-an-email,Bo\n' > bad.csv
run check leads.csv -o ref.csv
expect_status 0 "check -o ref.csv"
run check bad.csv -o bad-ref.csv --errors bad-errors-ref.csv
expect_status 1 "check of a bad row"

# /dev/null: the run is as with a file, and /dev/null is still the device
run_dev_null check leads.csv -o /dev/null --force
if [ "$rc" = 77 ]; then
	echo "SKIP part: no mount namespace to keep /dev/null safe in, and root could replace it"
else
	expect_status 0 "check -o /dev/null --force"
	[ -c /dev/null ] || fail "/dev/null is no longer a character device"
	[ ! -s stdout ] || fail "results went to standard output"
	expect_in stderr "results: /dev/null"
	run_dev_null check bad.csv -o bad.results.csv --errors /dev/null
	expect_status 1 "check --errors /dev/null, without --force"
	[ -c /dev/null ] || fail "/dev/null is no longer a character device"
	cmp -s bad.results.csv bad-ref.csv || fail "the results beside --errors /dev/null"
fi
[ ! -e /dev/null.partial ] && ! ls /dev/null.tmp* > /dev/null 2>&1 || fail "a file was left beside /dev/null"

# a FIFO: the reader gets the whole CSV; no --force; it stays a FIFO
mkfifo out.csv errs.csv
timeout 20 cat out.csv > got.csv &
reader=$!
run check leads.csv -o out.csv
expect_status 0 "check -o FIFO"
wait $reader || fail "the reader of the FIFO did not end well"
[ -p out.csv ] || fail "out.csv is no longer a FIFO"
cmp -s got.csv ref.csv || fail "the FIFO's reader got other bytes than check -o ref.csv writes"
ls out.csv.tmp* > /dev/null 2>&1 && fail "a temporary file was left beside the FIFO"
# the errors file to a FIFO, the results to standard output
timeout 20 cat errs.csv > got-errors.csv &
reader=$!
run check bad.csv -o - --errors errs.csv
expect_status 1 "check -o - --errors FIFO"
wait $reader || fail "the reader of the errors FIFO did not end well"
[ -p errs.csv ] || fail "errs.csv is no longer a FIFO"
cmp -s stdout bad-ref.csv || fail "standard output is not the results"
cmp -s got-errors.csv bad-errors-ref.csv || fail "the errors FIFO's reader got other bytes"
# a FIFO named .xlsx cannot be a workbook: refused before it is opened
mkfifo book.xlsx
run check leads.csv -o book.xlsx
expect_status 6 "check -o FIFO.xlsx"
expect_in stderr "a workbook (.xlsx) cannot be written there"

# only one output on standard output
run check leads.csv -o - --errors -
expect_status 2 "check -o - --errors -"
expect_in stderr "check: -o - and --errors - both write to standard output"
[ ! -s stdout ] || fail "something was written to standard output"
run check - --errors - < leads.csv
expect_status 2 "check - --errors -"
expect_in stderr "the results (FILE - without -o) and --errors - both write to standard output"
run import leads.csv --sequence S --from a@example.com --errors - --report -
expect_status 2 "import --errors - --report -"
expect_in stderr "import: --errors - and --report - both write to standard output"

# a link is followed: it stays a link, to the file that holds the results
mkdir real
ln -s real/results.csv link.csv
run check leads.csv -o link.csv
expect_status 0 "check -o link.csv (the link dangling)"
[ -L link.csv ] || fail "link.csv is no longer a link"
[ "$(readlink link.csv)" = real/results.csv ] || fail "link.csv points elsewhere: $(readlink link.csv)"
cmp -s real/results.csv ref.csv || fail "real/results.csv is not the results"
expect_in stderr "results: real/results.csv"
run check leads.csv -o link.csv
expect_status 6 "check -o link.csv again, without --force"
expect_in stderr "already exists"
run check bad.csv -o link.csv --force
expect_status 1 "check -o link.csv --force"
[ -L link.csv ] && [ "$(readlink link.csv)" = real/results.csv ] || fail "--force replaced the link"
cmp -s real/results.csv bad-ref.csv || fail "real/results.csv does not hold the new results"
[ "$(ls real)" = results.csv ] || fail "real/ holds more than the results: $(ls real)"
# a link into a folder that is not there: refused, the link left alone
ln -s gone/results.csv dangling.csv
run check leads.csv -o dangling.csv
expect_status 6 "check -o a link into a missing folder"
expect_in stderr "gone/results.csv (where the link points): No such file or directory"
[ -L dangling.csv ] || fail "dangling.csv is no longer a link"
exit 0
