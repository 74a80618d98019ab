#!/bin/sh
# a run started through serve, and serve stopped with SIGTERM in the middle
# of it: the run is stopped as Ctrl-C stops it (its requests in flight
# finish and are written), serve exits 0, and the command line serve showed
# for the run, with --resume, finishes it from the terminal: every row once,
# no contact made or enrolled twice.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/import-lib.sh"
. "$here/serve-lib.sh"
command -v curl > /dev/null || fail "curl is needed"
gen_rows 2000 > prospects.csv
sandbox_start --rate minute=0,hour=0,day=0 --faults stall=1 --stall-ms 100
stats
mv stats stats.before
serve_start
COOKIE="Cookie: apollo_csv_session=$TOKEN"
post() { curl -s -o body -w '%{http_code}' -H "$COOKIE" -H 'X-Apollo-CSV: 1' "$@"; }
code=$(post -H 'X-File-Name: prospects.csv' --data-binary @prospects.csv "$SERVE/api/upload")
[ "$code" = 200 ] || fail "the upload: HTTP $code: $(head -c 500 body)"
code=$(post --data-binary '{"command":"import","options":[["--sequence","Q4 Outbound - SaaS"],["--from","dana.whitfield@sellwise-demo.com"]]}' \
	"$SERVE/api/run")
[ "$code" = 202 ] || fail "the run: HTTP $code: $(head -c 500 body)"
n=0
while :; do
	curl -s -o run.json -H "$COOKIE" "$SERVE/api/run"
	done=$(python3 -c "import json; r = json.load(open('run.json')); print((r['progress'] or {}).get('done') or 0 if r['state'] == 'running' else -1)")
	[ "$done" != -1 ] || fail "the run ended before SIGTERM: $(head -c 1500 run.json)"
	[ "$done" -lt 400 ] || break
	n=$((n + 1))
	[ $n -lt 600 ] || fail "the run did not reach 400 rows in 60 s: $(head -c 1500 run.json)"
	sleep 0.1
done
serve_stop
[ "$sandbox_failed" = 0 ] || exit 1
stats
made=$(python3 -c "import json; print(json.load(open('stats'))['contacts'] - json.load(open('stats.before'))['contacts'])")
[ "$made" -gt 0 ] && [ "$made" -lt 2000 ] || fail "$made contacts made when serve was stopped: not in the middle"

# the run's command line, as serve showed it, from the terminal
python3 - > resume.sh <<'PY' || fail "no command line in the run: $(head -c 1500 run.json)"
import json, shlex
line = json.load(open('run.json'))['command_line']
words = shlex.split(line)
assert words[0] == 'apollo-csv' and words[1] == 'import', words
print('exec "$APOLLO_CSV" ' + ' '.join(shlex.quote(w) for w in words[1:]) + ' --resume --no-progress')
PY
RES=$(python3 -c "
import json, shlex, re
w = shlex.split(json.load(open('run.json'))['command_line'])
for i, x in enumerate(w):
    if x.startswith('--output='): print(x[9:])
    elif x in ('-o', '--output'): print(w[i + 1])
")
[ -n "$RES" ] || fail "the run's command line names no results file: $(cat resume.sh)"
# the journal: the results so far (RES, or RES.partial), some rows unprocessed
J=$RES
[ -e "$J" ] || J=$RES.partial
[ -e "$J" ] || fail "no $RES or $RES.partial after serve was stopped: $(ls -la "$(dirname "$RES")")"
check "
n = check_partial('$J')
rs = rows('$J')
if not any(r['_status'] == 'created' for r in rs) or not any(r['_status'] == 'unprocessed' for r in rs[:n]) and n == 2000:
    die('not a run stopped in the middle: %d rows written' % n)
" "the journal after SIGTERM"
APOLLO_BASE_URL=$BASE sh resume.sh > stdout 2> stderr
rc=$?
expect_status 0 "--resume of serve's run: $(cat resume.sh)"
expect_in stderr "resuming after row"
stats
check "gen_invariants('$RES', json.load(open('stats.before')), 2000)" "after serve was stopped and the run resumed from the terminal"
exit 0
