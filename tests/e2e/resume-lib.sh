# resume-lib.sh - helpers for the stop-and-resume tests of update, enroll
# and unenroll (sourced; it sources import-lib.sh). Each test runs one
# command on one file against a slow sandbox, stops it mid-run with SIGINT
# and SIGKILL, goes on with --resume, and checks what the sandbox holds.
#   interrupt SIG SECONDS ARGS...  apollo-csv ARGS... in the background, sent
#                                  SIG after SECONDS; its status in $rc, and
#                                  $landed 1 when SIG reached a live run
#   check_partial PATH             (py) whole records, _row 1..n without a gap;
#                                  returns n
#   no_leftovers NAME              no NAME.* temporary file or journal is left
. "$(dirname "$0")/import-lib.sh"

interrupt() {
	sig=$1
	delay=$2
	shift 2
	# the tool itself in the background, not a subshell: the signal must hit it
	(APOLLO_BASE_URL=$BASE exec "$APOLLO_CSV" "$@" > stdout 2> stderr) &
	pid=$!
	sleep "$delay"
	landed=0
	kill -"$sig" $pid 2> /dev/null && landed=1
	wait $pid
	rc=$?
	echo "$sig after $delay s: exit status $rc (landed $landed)" >> log
}

cat > partial.py <<'PY'
from e2e_helpers import *
import io
def check_partial(path):
    data = open(path, encoding='utf-8', newline='').read()
    data = data[:data.rfind('\n') + 1]
    recs = list(csv.reader(io.StringIO(data, newline='')))
    if not recs: return 0
    head = recs[0]
    for i, r in enumerate(recs[1:], 1):
        if len(r) != len(head): die('%s: record %d has %d cells, the header %d' % (path, i, len(r), len(head)))
        if r[head.index('_row')] != str(i): die('%s: record %d has _row %s' % (path, i, r[head.index('_row')]))
    return len(recs) - 1
PY

no_leftovers() {
	left=$(ls -a | grep -F "$1." | grep -e '\.tmp' -e '\.partial$')
	[ -z "$left" ] || fail "left beside the results after the last run: $left"
}

