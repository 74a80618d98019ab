#!/bin/sh
# an import whose results journal hits a full disk (ENOSPC) or an I/O
# error part-way: the tool says so, exits 6, leaves nothing under the final
# name and keeps the journal (RESULTS.partial); once space is back,
# --resume completes, with every row once and no contact twice.
. "$(dirname "$0")/sandbox-lib.sh"
: "${FAILWRITE_LIB:?FAILWRITE_LIB must name the failwrite shim}"
[ -f "$FAILWRITE_LIB" ] || fail "the shim $FAILWRITE_LIB is not built"
sandbox_start --rate minute=0,hour=0,day=0
export APOLLO_BASE_URL=$BASE APOLLO_API_KEY=$KEY
python3 -c "
print('First Name,Last Name,Email,Company')
for i in range(3000): print('D%d,Disk%d,d%d@disk-full.example,Disk Co %d' % (i, i, i, i))" > d.csv
for err in ENOSPC EIO; do
	rm -f d.results.csv d.results.csv.partial
	ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" LD_PRELOAD=$FAILWRITE_LIB \
		FAILWRITE_MATCH=d.results.csv FAILWRITE_ERRNO=$err FAILWRITE_AFTER=100000 \
		"$APOLLO_CSV" import -q --no-progress d.csv > stdout 2> stderr
	rc=$?
	[ $rc = 6 ] || fail "import with $err: exit status $rc, expected 6: $(cat stderr)"
	case $err in
	ENOSPC) grep -q "No space left on device" stderr || fail "no word of the full disk: $(cat stderr)" ;;
	EIO) grep -q "Input/output error" stderr || fail "no word of the I/O error: $(cat stderr)" ;;
	esac
	[ ! -e d.results.csv ] || fail "a results file was left under the final name after $err"
	[ -s d.results.csv.partial ] || fail "the journal was not kept after $err"
	"$APOLLO_CSV" import -q --no-progress --resume d.csv 2> stderr || fail "--resume after $err: exit status $? ($(cat stderr))"
	python3 -c "
import csv
rs = list(csv.DictReader(open('d.results.csv')))
assert [r['_row'] for r in rs] == [str(i) for i in range(1, 3001)], len(rs)
assert all(r['_status'] in ('created', 'existing') for r in rs)
" || fail "after $err and --resume the results are not every row once"
	stats
	expect_stat '"duplicate_emails":0'
done
