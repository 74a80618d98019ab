#!/bin/sh
# import's results (its journal) to a device, a FIFO or through a link:
# /dev/null and a FIFO are written in place, with no RESULTS.partial beside
# them, and stay what they are, while the contacts are made in Apollo as
# with a file; --resume refuses them; a link stays a link to the results.
. "$(dirname "$0")/import-lib.sh"
sandbox_start
export APOLLO_BASE_URL="$BASE"
gen_rows 5 > new.csv
stats; mv stats stats.before

run_dev_null import --no-progress new.csv -o /dev/null --sequence "$Q4_NAME" --from "$FROM"
if [ "$rc" = 77 ]; then
	echo "SKIP part: no mount namespace to keep /dev/null safe in, and root could replace it"
	run import --no-progress new.csv -o made.csv --sequence "$Q4_NAME" --from "$FROM"
	expect_status 0 "import -o made.csv"
else
	expect_status 0 "import -o /dev/null"
	[ -c /dev/null ] || fail "/dev/null is no longer a character device"
	[ ! -s stdout ] || fail "results went to standard output"
	expect_in stderr "results: /dev/null"
fi
[ ! -e /dev/null.partial ] && [ ! -e /dev/null.partial.log ] || fail "a journal was made beside /dev/null"
stats
check "
b = json.load(open('stats.before'))
s = st()
q4 = seq_id('$Q4_NAME')
if s['contacts'] != b['contacts'] + 5: die('contacts %d, expected %d + 5' % (s['contacts'], b['contacts']))
if s['enrollments'].get(q4) != b['enrollments'].get(q4, 0) + 5: die('Q4 enrollments did not grow by 5')
" "import -o /dev/null made the contacts"

# a FIFO: its reader gets one result row a row; nothing beside it
mkfifo out.csv
timeout 60 cat out.csv > got.csv &
reader=$!
run import --no-progress new.csv -o out.csv --sequence "$Q4_NAME" --from "$FROM"
expect_status 0 "import -o FIFO"
wait $reader || fail "the reader of the FIFO did not end well"
[ -p out.csv ] || fail "out.csv is no longer a FIFO"
ls out.csv.* > /dev/null 2>&1 && fail "files were left beside the FIFO: $(ls out.csv.*)"
check "
rs = rows('got.csv')
if [r['_row'] for r in rs] != ['1', '2', '3', '4', '5']: die('the FIFO got rows %r' % [r['_row'] for r in rs])
if set(r['_status'] for r in rs) != {'existing'}: die('statuses %r' % set(r['_status'] for r in rs))
" "the FIFO's results"

# --resume has nothing to read back from a FIFO: refused before it is opened
timeout 20 cat out.csv > /dev/null &
reader=$!
run import --no-progress new.csv -o out.csv --resume --sequence "$Q4_NAME" --from "$FROM"
kill $reader 2> /dev/null
wait $reader
expect_status 2 "import --resume -o FIFO"
expect_in stderr "--resume reads the results file, so it cannot be a device or FIFO (out.csv)"
[ -p out.csv ] || fail "out.csv is no longer a FIFO"

# a link: the journal is beside its target, and the link stays
mkdir real
ln -s real/results.csv link.csv
run import --no-progress new.csv -o link.csv --sequence "$Q4_NAME" --from "$FROM"
expect_status 0 "import -o link.csv"
[ -L link.csv ] && [ "$(readlink link.csv)" = real/results.csv ] || fail "link.csv is no longer the link"
expect_in stderr "results: real/results.csv"
[ "$(ls real)" = results.csv ] || fail "real/ holds more than the results: $(ls real)"
ls link.csv.* > /dev/null 2>&1 && fail "files were left beside the link: $(ls link.csv.*)"
check "
rs = rows('real/results.csv')
if [r['_row'] for r in rs] != ['1', '2', '3', '4', '5']: die('the results have rows %r' % [r['_row'] for r in rs])
" "the results through the link"
exit 0
