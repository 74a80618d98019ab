#!/bin/sh
# serve survives its own end: a run started in the page, serve killed -9 in
# the middle of it. The run is stopped as Ctrl-C stops it (the requests in
# flight finish and are written down), not left going where no page sees
# it; a serve started again shows it as the page left it, stopped and
# resumable, with its file and mapping; Resume goes on with it, and no contact
# was made twice, no row lost (what the sandbox holds, checked); stopped
# again from the page, the command line the page shows, pasted into a
# terminal, finishes it.
. "$(dirname "$0")/import-lib.sh"
gen_rows 3000 > gen.csv
# slow enough to be killed mid-way: a third of the replies late
sandbox_start --rate minute=0,hour=0,day=0 --faults stall=0.3 --stall-ms 300 --fault-seed 11
stats; mv stats stats.before
SERVE_PID=
serve_start() {
	APOLLO_BASE_URL=$BASE "$APOLLO_CSV" serve --no-open --dir "$WORK/serve" > serve.out 2> serve.err &
	SERVE_PID=$!
	n=0
	until grep -q '^open ' serve.out 2> /dev/null; do
		n=$((n + 1))
		# up to 120 s, while it runs: in the valgrind stage serve starts slowly
		[ $n -le 1200 ] && kill -0 $SERVE_PID 2> /dev/null || fail "serve did not start: $(cat serve.err)"
		sleep 0.1
	done
	URL=$(sed -n 's/^open //p' serve.out)
	PAGE=${URL%%/?token=*}
	TOKEN=${URL#*token=}
}
trap 'kill $SERVE_PID 2> /dev/null; sandbox_exit' EXIT
page() { curl -s -b "apollo_csv_session=$TOKEN" -H "X-Apollo-CSV: 1" "$@"; }
field() { python3 -c "import json,sys; d=json.load(open('$1')); print(eval('d' + sys.argv[1]))" "$2"; }

serve_start
page -H "X-File-Name: gen.csv" --data-binary @gen.csv -o upload.json "$PAGE/api/upload"
[ "$(field upload.json "['check']['counts']['ready']")" = 3000 ] || fail "the upload's check: $(head -c 600 upload.json)"
page -d "{\"command\":\"import\",\"options\":[[\"--jobs\",\"1\"],[\"--enroll-chunk\",\"20\"],[\"--sequence\",\"$Q4_NAME\"],[\"--from\",\"$FROM\"]]}" \
	-o run.json "$PAGE/api/run"
[ "$(field run.json "['state']")" = running ] || fail "the run did not start: $(head -c 600 run.json)"
# killed once some rows are done
n=0
while :; do
	page -o run.json "$PAGE/api/run"
	done_rows=$(python3 -c "import json; p=json.load(open('run.json'))['progress']; print(p['done'] if p else 0)")
	[ "$done_rows" -gt 0 ] && break
	n=$((n + 1))
	[ $n -le 300 ] || fail "no row done in 30 s: $(head -c 600 run.json)"
	sleep 0.1
done
[ "$(field run.json "['state']")" = running ] || fail "the run ended before serve was killed: $(head -c 600 run.json)"
pgrep -f "import $WORK/serve/" > /dev/null || fail "no run to be seen: $(ps -ef | grep apollo-csv)"
kill -9 $SERVE_PID
wait $SERVE_PID 2> /dev/null
# the run stops by itself, its results whole
n=0
while pgrep -f "import $WORK/serve/" > /dev/null; do
	n=$((n + 1))
	[ $n -le 300 ] || fail "the run still goes 30 s after serve was killed"
	sleep 0.1
done
res=$(ls "$WORK"/serve/work/*/run-1/gen.results.csv) || fail "no results file after the stop: $(ls -R "$WORK/serve")"
RES=$res
check "
rs = rows('$res')
n = count(rs, '_status', 'unprocessed')
if not 0 < n < 3000: die('%d rows unprocessed after the stop: it stopped at the start or at the end' % n)
" "the results of the stopped run"

# back, as the page left it
serve_start
grep -qF 'serve: the latest run is back in the page: apollo-csv import ' serve.err || fail "serve did not say the run is back: $(cat serve.err)"
page -o state.json "$PAGE/api/state"
[ "$(field state.json "['run']['state']")" = stopped ] || fail "after the restart: $(head -c 800 state.json)"
[ "$(field state.json "['run']['resumable']")" = True ] || fail "not resumable: $(head -c 800 state.json)"
[ "$(field state.json "['file']['name']")" = gen.csv ] || fail "the file is not back: $(head -c 800 state.json)"
[ "$(field state.json "['check']['counts']['ready']")" = 3000 ] || fail "the check is not back: $(head -c 800 state.json)"
cmdline=$(field state.json "['run']['command_line']")
case $cmdline in
"apollo-csv import $WORK/serve/work/"*"/input.csv --jobs 1 --enroll-chunk 20 --sequence '$Q4_NAME' --from $FROM "*) ;;
*) fail "the command line shown: $cmdline" ;;
esac
kept=$(py "print(3000 - count(rows('$res'), '_status', 'unprocessed'))")
page -X POST -o run.json "$PAGE/api/resume"
[ "$(field run.json "['state']")" = running ] || fail "Resume: $(head -c 600 run.json)"
# Stop again once the resumed run has done rows of its own
n=0
until [ "$(python3 -c "import json; p = json.load(open('run.json'))['progress']; print(p['done'] if p else 0)")" -gt "$kept" ]; do
	n=$((n + 1))
	[ $n -le 600 ] || fail "the resumed run did no row in 60 s: $(head -c 1500 run.json)"
	[ "$(field run.json "['state']")" = running ] || fail "the resumed run ended before Stop: $(head -c 1500 run.json)"
	sleep 0.1
	page -o run.json "$PAGE/api/run"
done
expect_in run.json 'resuming after row'
page -X POST -o run.json "$PAGE/api/stop"
n=0
until [ "$(field run.json "['state']")" = stopped ]; do
	n=$((n + 1))
	[ $n -le 600 ] || fail "Stop did not stop the resumed run in 60 s: $(head -c 1500 run.json)"
	sleep 0.1
	page -o run.json "$PAGE/api/run"
done
[ "$(field run.json "['exit_status']")" = 130 ] || fail "stopped with $(field run.json "['exit_status']")"

# the command line the page shows (it ends in --resume now), pasted into a
# terminal, finishes the run
cmdline=$(field run.json "['command_line']")
case $cmdline in
*" --resume") ;;
*) fail "the command line after Resume: $cmdline" ;;
esac
eval "set -- $cmdline"
shift
APOLLO_BASE_URL=$BASE run "$@" --no-progress
expect_status 0 "the page's command line, in a terminal"
expect_in stderr 'resuming after row'
stats
check "gen_invariants('$res', json.load(open('stats.before')), 3000)" "after the kill, Resume, Stop and a resume in a terminal"
kill $SERVE_PID
wait $SERVE_PID
[ $? = 0 ] || fail "serve did not end with status 0 on SIGTERM: $(cat serve.err)"
exit 0
