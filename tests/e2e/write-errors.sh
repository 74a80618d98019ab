#!/bin/sh
# A full disk (ENOSPC) or an I/O error while the results are written is
# reported, exits 6 and leaves neither a half file under the final name nor
# a temporary file; once space is back the same command completes.
. "$(dirname "$0")/lib.sh"
: "${FAILWRITE_LIB:?FAILWRITE_LIB must name the failwrite shim}"
[ -f "$FAILWRITE_LIB" ] || fail "the shim $FAILWRITE_LIB is not built"

rows 20000 > leads.csv
for err in ENOSPC EIO; do
	for after in 0 200000; do
		ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" LD_PRELOAD=$FAILWRITE_LIB FAILWRITE_MATCH=results FAILWRITE_ERRNO=$err FAILWRITE_AFTER=$after \
			"$APOLLO_CSV" check -q leads.csv -o leads.results.csv > stdout 2> stderr
		rc=$?
		expect_status 6 "check with $err after $after bytes"
		case $err in
		ENOSPC) expect_in stderr "No space left on device" ;;
		EIO) expect_in stderr "Input/output error" ;;
		esac
		expect_in stderr "leads.results.csv"
		[ ! -e leads.results.csv ] || fail "a results file was left after $err"
		ls leads.results.csv.tmp* > /dev/null 2>&1 && fail "a temporary file was left after $err"
	done
done
# the errors file fails too: neither file is left
ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" LD_PRELOAD=$FAILWRITE_LIB FAILWRITE_MATCH=bad.csv FAILWRITE_ERRNO=ENOSPC \
	"$APOLLO_CSV" check -q leads.csv -o leads.results.csv --errors bad.csv > stdout 2> stderr
rc=$?
expect_status 6 "check with a failing --errors file"
[ ! -e bad.csv ] && [ ! -e leads.results.csv ] || fail "a file was left after the errors file failed"
# space is back: the same command completes
run check -q leads.csv -o leads.results.csv
expect_status 0 "check after space was freed"
[ "$(wc -l < leads.results.csv)" -eq 20001 ] || fail "the results file does not have 20001 lines"
exit 0
