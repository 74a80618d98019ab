#!/bin/sh
# never-twice: tasks and deals that cannot be made twice, whatever this
# machine's clock says (issue 22). For each of tasks and deals, against a
# slow apollo-sandbox:
#   1. this machine's clock 5 s ahead of the sandbox's (libfaketime, the tool
#      only), a kill -9 mid-run, --resume (still 5 s ahead);
#   2. the same 5 s behind;
#   3. the journal and its log touched (copied, synced, backed up: their
#      times an hour ahead) between the kill and --resume;
#   4. creates the sandbox applies 2.5 s after the request while the tool
#      gives up after 1 s (--timeout 1), no kill: looked for after the
#      settling wait, never sent again while they may still land;
#   5. Ctrl-C (SIGINT) mid-run: exit 130, the journal kept, a line saying
#      so; --resume finishes;
#   6. (tasks) a settling wait shorter than the sandbox's delay (--settle 1,
#      creates applied after 2.5 s): a second copy can then be made, and
#      every one the sandbox holds must be named in its row's _reason, the
#      summary and the exit status (1).
# After each: every row created once, in order, each _task_id/_deal_id the
# sandbox's record with the row's content, and the sandbox holding exactly
# one record per row (0 duplicates, 0 lost); no journal, log or temporary
# file left.
. "$(dirname "$0")/import-lib.sh"

need_clock

DANA=dana.whitfield@sellwise-demo.com
cat >> e2e_helpers.py <<'PY'
# every row created once, and the sandbox holding one record per row
def one_each(cmd, res, tag, n):
    rs = rows(res)
    if [r['_row'] for r in rs] != [str(i) for i in range(1, n + 1)]: die('_row is not 1..%d (%d rows)' % (n, len(rs)))
    left = [(r['_row'], r['_status'], r['_reason']) for r in rs if r['_status'] != 'created']
    if left: die('%d rows not created: %s' % (len(left), left[:5]))
    if cmd == 'tasks':
        held = [t for t in all_of('tasks/search', 'tasks') if t.get('note') == tag]
        key = lambda t: (t['contact_id'], t['due_at'][:16])
        want = sorted((r['contact_id'], r['due'].replace(' ', 'T')) for r in rs)
        ids = [r['_task_id'] for r in rs]
    else:
        held = [d for d in all_of('opportunities/search', 'opportunities') if d['name'].startswith(tag + '-')]
        key = lambda d: d['name']
        want = sorted(r['Name'] for r in rs)
        ids = [r['_deal_id'] for r in rs]
    keys = [key(x) for x in held]
    twice = sorted(set(k for k in keys if keys.count(k) > 1))
    if twice: die('%d of %d rows made more than once (the sandbox holds %d for %d rows), e.g. %s' % (len(twice), n, len(held), n, twice[:3]))
    if sorted(keys) != want: die('the sandbox holds %d records for %d rows; missing e.g. %s' % (len(held), n, sorted(set(want) - set(keys))[:3]))
    by_id = {x['id']: x for x in held}
    for r, i in zip(rs, ids):
        if i not in by_id: die('row %s: %s is not one of the records made' % (r['_row'], i))
    return rs
PY

# the input: N rows, each its own record, tagged so scenarios do not meet
gen() {
	py "
import sys
cmd, tag, n = '$1', '$2', $3
if cmd == 'tasks':
    print('contact_id,type,due,owner,note')
    cs = [c for c in seed['contacts'] if c['email']]
    for i in range(n):
        print('%s,action_item,2026-12-%02d %02d:%02d,$DANA,%s' % (cs[i % len(cs)]['id'], 10 + i // 600, 8 + i // 60 % 10, i % 60, tag))
else:
    doms = [a['domain'] for a in seed['accounts']]
    stage = seed['opportunity_stages'][0]['name']
    print('Name,Domain,Amount,Stage,Closed Date')
    for i in range(1, n + 1):
        print('%s-%d,%s,%d,%s,2027-%02d-%02d' % (tag, i, doms[i % len(doms)], 1000 + i, stage, i % 12 + 1, i % 28 + 1))
"
}

# tool_bg [NAME=VALUE...]: the tool itself in the background ($! is the
# tool: kill -9 must hit it), with $ARGS, in the environment given (this
# machine's clock moved)
tool_bg() {
	env "$@" APOLLO_BASE_URL="$BASE" "$APOLLO_CSV" $CMD --no-progress --jobs 2 -o "$RES" $SETTLE $ARGS in.csv \
		>> stdout 2>> stderr &
}
# finish_and_check WHAT ENV...: --resume until done; then the invariants
finish_and_check() {
	what=$1
	shift
	resume_until 0 "$CMD ($what)" "$@"
	for f in "$RES.partial" "$RES.partial.log"; do
		[ ! -e "$f" ] || fail "$CMD ($what): $f left after the run finished"
	done
	ls | grep -q '\.tmp' && fail "$CMD ($what): a temporary file left: $(ls | grep '\.tmp')"
	check "
rs = one_each('$CMD', '$RES', '$TAG', $N)
print('$CMD ($what): %d rows, each made once; %d found in Apollo, %d from the log' % (len(rs),
      sum('found in Apollo' in r['_reason'] for r in rs), sum('written in its log' in r['_reason'] for r in rs)))
" "$CMD: $what"
	echo "$out"
}

# creates_sent: the creates ($CMD's POSTs, not its searches) the sandbox
# has been sent so far
creates_sent() {
	curl -s "$ROOT/_sandbox/stats" | /usr/bin/python3 -c 'import json, sys
r = json.load(sys.stdin)["requests"]
print(sum(v for k, v in r.items() if k in ("POST /api/v1/tasks", "POST /api/v1/tasks/bulk_create", "POST /api/v1/opportunities")))'
}
# kill_then_resume WHAT CREATES ENV...: a run killed once CREATES more
# creates reached the sandbox (mid-run, with requests in flight, however
# slow this machine is today), then resumed
kill_then_resume() {
	what=$1 want=$(( $(creates_sent) + $2 ))
	shift 2
	ARGS=
	tool_bg "$@"
	pid=$!
	n=0
	while [ "$(creates_sent)" -lt $want ]; do
		n=$((n + 1))
		[ $n -le 1200 ] || fail "$CMD ($what): fewer than $want creates in 120 s"
		kill -0 $pid 2> /dev/null || fail "$CMD ($what): the run ended before it could be killed mid-run: $(tail -3 stderr)"
		sleep 0.1
	done
	kill -9 $pid 2> /dev/null
	wait $pid
	[ -e "$RES.partial" ] || fail "$CMD ($what): no $RES.partial after kill -9"
	if [ "$what" = "journal touched" ]; then
		touch -d '+1 hour' "$RES.partial" "$RES.partial.log"
		cp -p "$RES.partial" backup.csv
	fi
	finish_and_check "$what" "$@"
}

# slow_sandbox STALL MS SEED: a new sandbox, no rate limit, holding that
# share of the requests MS ms each (--fault-seed SEED)
slow_sandbox() {
	sandbox_stop
	sandbox_start --rate minute=0,hour=0,day=0 --faults stall=$1 --stall-ms $2 --fault-seed $3
}
sc=0   # the scenario (n is sandbox_start's)
# next_scenario: the next scenario's TAG, its results file RES and its
# input in.csv ($N rows for $CMD)
next_scenario() {
	sc=$((sc + 1))
	TAG=nt$sc
	RES=$TAG.results.csv
	gen $CMD $TAG $N > in.csv
}
# a request lasts at most 0.6 s below: a 2 s wait lets it settle (the
# late-applied creates wait the default 5 s)
SETTLE="--settle 2"
for CMD in tasks deals; do
	# a request lasts 0.6 s (stalls half the time): a kill finds some in flight
	slow_sandbox 0.5 600 5
	N=80
	[ $CMD = deals ] && N=50
	for s in ahead behind touched; do
		next_scenario
		case $s in
		ahead) kill_then_resume "clock 5 s ahead" 6 $(clock_env +5s) ;;
		behind) kill_then_resume "clock 5 s behind" 6 $(clock_env -5s) ;;
		touched) kill_then_resume "journal touched" 6 ;;
		esac
	done

	# late-applied creates: the sandbox applies some 2.5 s after they came,
	# the tool gives up on a reply after 1 s
	slow_sandbox 0.2 2500 6
	next_scenario
	ARGS="--timeout 1 --retries 6" SETTLE=
	tool_bg
	wait $!
	rc=$?
	[ $rc = 0 ] || fail "$CMD (late-applied creates): exit status $rc"
	expect_in stderr "before anything is sent again"
	ARGS= SETTLE="--settle 2"
	finish_and_check "late-applied creates, --timeout 1"

	# Ctrl-C mid-run
	slow_sandbox 0.5 600 7
	next_scenario
	: > stderr
	tool_bg
	pid=$!
	sleep 2
	kill -INT $pid
	wait $pid
	rc=$?
	[ $rc = 130 ] || fail "$CMD: exit status $rc after Ctrl-C, expected 130"
	expect_in stderr "stopped by Ctrl-C"
	expect_in stderr "--resume"
	[ -e "$RES.partial" ] || fail "$CMD: no $RES.partial after Ctrl-C"
	finish_and_check "Ctrl-C, then --resume"
done

# a settling wait too short for the sandbox's delay: second copies told
CMD=tasks N=24
slow_sandbox 0.3 2500 6
next_scenario
: > stderr
ARGS="--timeout 1" SETTLE="--settle 1"
tool_bg
wait $!
rc=$?
check "
rs = rows('$RES')
held = [t for t in all_of('tasks/search', 'tasks') if t.get('note') == '$TAG']
keys = [(t['contact_id'], t['due_at'][:16]) for t in held]
twice = set(k for k in keys if keys.count(k) > 1)
told = set((r['contact_id'], r['due'].replace(' ', 'T')) for r in rs
           if 'a second copy' in r['_reason'] or 'second copies' in r['_reason'] or 'more than once' in r['_reason'])
if twice - told: die('%d rows made twice and not told: %s' % (len(twice - told), sorted(twice - told)[:3]))
if twice and $rc != 1: die('exit status $rc with second copies, expected 1')
second = sum('a second copy' in r['_reason'] for r in rs)
if second and 'a second copy in Apollo' not in open('stderr').read(): die('the summary does not tell the second copies')
print('tasks (--settle 1, creates 2.5 s late): %d rows made twice, all told (%d by the end-of-run look)' % (len(twice), second))
" "tasks: second copies told"
echo "$out"
finish
