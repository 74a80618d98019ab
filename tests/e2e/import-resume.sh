#!/bin/sh
# import --resume after kill -9 at seeded random points: after each kill
# the .partial results file is valid CSV up to its last complete line,
# and the run finished by --resume has every row once, no contact created
# twice, each enrolled once. A run stopped by the rate limit exits 5, says
# to run again with --resume, leaves rows unprocessed, and --resume
# finishes them once the limit is gone.
. "$(dirname "$0")/import-lib.sh"
gen_rows 2000 > gen.csv
RES=gen.results.csv

# slow enough to be killed mid-way: --jobs 1, many small enrol calls, and
# a third of the replies late (about 5 s in all); no rate limit
sandbox_start --rate minute=0,hour=0,day=0 --faults stall=0.3 --stall-ms 150 --fault-seed 5
stats; mv stats stats.before
# (the tool itself in the background, not a subshell: kill -9 must hit it)
go() {
	APOLLO_BASE_URL=$BASE exec "$APOLLO_CSV" import --no-progress --jobs 1 --enroll-chunk 20 \
		--sequence "$Q4_NAME" --from "$FROM" "$@" gen.csv > stdout 2> stderr
}
python3 -c "
import random
r = random.Random(20261126)
print(' '.join('%.2f' % r.uniform(0.2, 1.5) for _ in range(4)))" > delays
resume=
for d in $(cat delays); do
	(go $resume) &
	pid=$!
	sleep "$d"
	kill -9 $pid 2> /dev/null
	wait $pid
	echo "killed after $d s (exit status $?)" >> log
	if [ -e "$RES.partial" ]; then
		check "
print('%s: %d whole rows' % ('$RES.partial', check_partial('$RES.partial')))
" "after kill -9 at $d s"
		echo "$out" >> log
	fi
	resume=--resume
done
(go --resume)
rc=$?
expect_status 0 "the last --resume"
[ ! -e "$RES.partial" ] || fail "$RES.partial left after a finished run"
stats
check "gen_invariants('$RES', json.load(open('stats.before')), 2000)" "after the kills and --resume"

# stopped by the rate limit: exit 5, rows unprocessed, --resume finishes
sandbox_stop
rm -f "$RES"
sandbox_start --rate minute=3,hour=0,day=0 --time-scale 1 --state sandbox.state
stats; mv stats stats.before
imp --max-wait 1 --sequence "$Q4_NAME" --from "$FROM" gen.csv
expect_status 5 "import stopped by the rate limit"
expect_in stderr "--resume"
[ -e "$RES" ] || fail "no $RES after a stop"
check "
rs = rows('$RES')
if len(rs) != 2000: die('%d result rows' % len(rs))
n = count(rs, '_status', 'unprocessed')
if n == 0: die('no row unprocessed')
if any('--resume' not in r['_reason'] for r in rs if r['_status'] == 'unprocessed'): die('an unprocessed row without --resume in its reason')
" "the rate-limit stop"
# the same sandbox's data, without the limit
sandbox_stop
sandbox_start --rate minute=0,hour=0,day=0 --state sandbox.state
imp --resume --sequence "$Q4_NAME" --from "$FROM" gen.csv
expect_status 0 "--resume after the rate limit"
# the finished rows are kept, not sent again
expect_in stderr "resuming after row"
stats
check "gen_invariants('$RES', json.load(open('stats.before')), 2000)" "after the rate-limit stop and --resume"
exit 0
