# resume-lib.sh - helpers for the stop-and-resume tests of update, enroll
# and unenroll (sourced; it sources import-lib.sh). Each test runs one
# command on one file against a sandbox that holds every call a while
# (--faults stall=1), stops it mid-run with SIGINT and SIGKILL, goes on with
# --resume, and checks what the sandbox holds.
#   interrupt SIG ROUTE CALLS ARGS...  apollo-csv ARGS... in the background,
#                                  sent SIG once the sandbox has answered
#                                  CALLS more calls to ROUTE (as its stats
#                                  name it) and is holding the next; its
#                                  status in $rc, $landed 1 when SIG reached
#                                  a live run. Counting calls, not seconds,
#                                  keeps it mid-run however slow the machine
#                                  (or valgrind) is. The run's clock is
#                                  moved in turn 5 s ahead, 5 s behind and
#                                  not at all (libfaketime): nothing may
#                                  depend on this machine's clock.
#   check_partial PATH             (py) whole records, _row 1..n without a gap;
#                                  returns n
#   no_leftovers NAME              no NAME.* temporary file or journal is left
. "$(dirname "$0")/import-lib.sh"

turn=0
answered() { stats; sed -n 's#.*"'"$1"'":\([0-9]*\).*#\1#p' stats | grep . || echo 0; }

interrupt() {
	sig=$1
	route=$2
	calls=$3
	shift 3
	until=$(($(answered "$route") + calls))
	case $((turn % 3)) in
	0) clock=$(clock_env +5s) ;;
	1) clock=$(clock_env -5s) ;;
	*) clock= ;;
	esac
	turn=$((turn + 1))
	# the tool itself in the background, not a subshell: the signal must hit it
	(APOLLO_BASE_URL=$BASE exec env $clock "$APOLLO_CSV" "$@" > stdout 2> stderr) &
	pid=$!
	n=0
	while kill -0 $pid 2> /dev/null && [ "$(answered "$route")" -lt $until ] && [ $n -lt 3000 ]; do
		sleep 0.05
		n=$((n + 1))
	done
	sleep 0.15      # into the next call, which the sandbox holds
	landed=0
	kill -"$sig" $pid 2> /dev/null && landed=1
	wait $pid
	rc=$?
	echo "$sig after $calls calls: exit status $rc (landed $landed)" >> log
	# a killed run's call still held lands before the next run counts calls
	[ "$sig" != KILL ] || sleep 0.6
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

