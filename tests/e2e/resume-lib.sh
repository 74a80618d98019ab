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
#   ctrl_c ROUTE CALLS STATUS ARGS...
#                                  interrupt INT ROUTE CALLS ARGS... (ARGS a
#                                  run on $RES without --resume), which
#                                  must land, exit 130, say so and leave
#                                  $RES.partial, not $RES; that file whole
#                                  (check_partial), with rows, each with
#                                  its outcome: the _status STATUS, or
#                                  with STATUS empty any but unprocessed
#                                  and ready. The rows written in $out.
#   kill_and_resume ROUTE SEED LOW HIGH ARGS...
#                                  interrupt KILL ROUTE K ARGS... (ARGS a
#                                  --resume run) at four points K drawn
#                                  from LOW..HIGH by Python's random with
#                                  SEED, each landing and leaving a whole
#                                  $RES.partial; then ARGS to the end: exit
#                                  0, "resuming after row", nothing left
#                                  beside $RES. $kills: the kill -9s.
#   no_leftovers NAME              no NAME.* temporary file or journal is left
# check_partial(path), the python helper for the partial results file, is
# import-lib.sh's.
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

# Ctrl-C: the call in flight finishes and is written; the rest waits
ctrl_c() {
	c_route=$1 c_calls=$2 c_status=$3
	shift 3
	interrupt INT "$c_route" "$c_calls" "$@"
	[ "$landed" = 1 ] || fail "$1 ended before Ctrl-C"
	expect_status 130 "$1 stopped by Ctrl-C"
	expect_in stderr "the results so far are in $RES.partial; to go on: apollo-csv "
	expect_in stderr " --resume"
	[ ! -e "$RES" ] || fail "$RES committed after Ctrl-C"
	check "
n = check_partial('$RES.partial')
rs = rows('$RES.partial')
if n == 0: die('no rows written before the stop')
want = '$c_status'
bad = [r['_row'] for r in rs if r['_status'] in ('unprocessed', 'ready') or want and r['_status'] != want]
if bad: die('rows written after Ctrl-C without their outcome: %s' % bad[:5])
print(n)
" "RESULTS.partial after Ctrl-C"
	echo "after Ctrl-C: $out rows written" >> log
}

# kill -9 at seeded points, each run a --resume of the one before
kill_and_resume() {
	k_route=$1 k_seed=$2 k_low=$3 k_high=$4
	shift 4
	python3 -c "
import random
r = random.Random($k_seed)
print(' '.join(str(r.randint($k_low, $k_high)) for _ in range(4)))" > points
	kills=0
	for k in $(cat points); do
		interrupt KILL "$k_route" "$k" "$@"
		[ "$landed" = 1 ] || fail "$1 --resume finished before kill -9 after $k calls"
		kills=$((kills + 1))
		[ -e "$RES.partial" ] || fail "no $RES.partial after kill -9 after $k calls"
		check "print(check_partial('$RES.partial'))" "after kill -9 after $k calls"
		echo "  $out rows written" >> log
	done
	enr "$@"
	expect_status 0 "the last $1 --resume"
	expect_in stderr "resuming after row"
	cat stderr >> log
	no_leftovers "$RES"
}

no_leftovers() {
	left=$(ls -a | grep -F "$1." | grep -e '\.tmp' -e '\.partial$')
	[ -z "$left" ] || fail "left beside the results after the last run: $left"
}

