#!/bin/sh
# What a terminal shows during a long import against a rate-limited
# apollo-sandbox, read off the screen with tmux: the bar with "N of TOTAL",
# the wait line while Apollo's minute window holds the run, a time left that
# at 25%, 50% and 75% of the run is within 25% of the time it really took;
# then a Ctrl-C half-way: the one line with the command that goes on, exit
# 130, and that command finishing the file with no contact made twice.
#
# Timing is read from the screen, so this test runs the programs as built
# (not under valgrind, which the other tests use to look at memory).
. "$(dirname "$0")/sandbox-lib.sh"
command -v tmux > /dev/null || fail "tmux is not installed (./quickstart installs it)"
PY=/usr/bin/python3
CSV_BIN=${TOP_BUILDDIR}/src/apollo-csv
SANDBOX_BIN=${TOP_BUILDDIR}/src/apollo-sandbox
[ -x "$CSV_BIN" ] || CSV_BIN=$APOLLO_CSV
[ -x "$SANDBOX_BIN" ] && APOLLO_SANDBOX=$SANDBOX_BIN
SOCK=$WORK/tmux.sock
TM() { tmux -S "$SOCK" "$@"; }
trap 'st=$?; TM kill-server 2> /dev/null; sandbox_exit; [ "$sandbox_failed" = 0 ] || st=1; exit $st' EXIT

# the minute window lasts a second: 5 calls a second for each endpoint
sandbox_start --rate minute=5,hour=0,day=0 --time-scale 60
rows 20000 > leads.csv
stats
before=$($PY -c 'import json; print(json.load(open("stats"))["contacts"])')

# start NAME: the import in a 200x30 terminal; its exit status goes to NAME.rc
start() {
	TM new-session -d -s "$1" -x 200 -y 30 \
		"cd '$WORK' && APOLLO_BASE_URL=$BASE APOLLO_API_KEY=$KEY TZ=Europe/Paris '$CSV_BIN' import leads.csv \
--sequence '$Q4' --from $FROM $2; echo \$? > $1.rc; sleep 3600" || fail "tmux did not start"
}
# screen NAME: the screen now, blank lines left out
screen() { TM capture-pane -p -J -t "$1" | grep -v '^$'; }

Q4="Q4 Outbound - SaaS"
FROM=dana.whitfield@sellwise-demo.com

# ---- 1. a whole run, the screen read every 0.2 s ----
start full ""
: > screens.log
n=0
while [ ! -s full.rc ]; do
	n=$((n + 1))
	[ $n -le 1500 ] || fail "the import did not end in 300 s: $(screen full)"
	printf '@%s\n' "$(date +%s.%N)" >> screens.log
	screen full >> screens.log
	sleep 0.2
done
end=$(date +%s.%N)
screen full > final.screen
[ "$(cat full.rc)" = 0 ] || fail "import ended with $(cat full.rc): $(cat final.screen)"
grep -q 'leads.csv: 20000 rows: 20000 created' final.screen || fail "no summary: $(cat final.screen)"

$PY - "$end" > eta.out << 'PY' || fail "$(cat eta.out)"
import re, sys
end = float(sys.argv[1])
samples, t = [], None
bar = re.compile(r'^leads\.csv \[[#.]{20}\]  ([\d,]+) of 20,000 rows  (\d+)%  (\S.*?)(  about (\d+)([hm])(\d+)([ms]) left)?(  \(.*\))?$')
waits = 0
for line in open('screens.log'):
    line = line.rstrip('\n')
    if line.startswith('@'):
        t = float(line[1:]); continue
    m = bar.match(line)
    if m:
        done = int(m.group(1).replace(',', ''))
        eta = None
        if m.group(4):
            a, b = int(m.group(5)), int(m.group(7))
            eta = a * 3600 + b * 60 if m.group(6) == 'h' else a * 60 + b
        samples.append((t, done, eta))
    elif line.startswith('leads.csv ['):
        # e.g. a total that shrank to the rows read so far
        sys.exit('a bar not as expected: %r' % line)
    elif re.match(r"^waiting for Apollo's minute limit until \d\d:\d\d:\d\d CET \(local time\) to go on (creating contacts|enrolling)$", line):
        waits += 1
    elif line.startswith('waiting'):
        sys.exit('a wait line not as documented: %r' % line)
if not samples:
    sys.exit('no progress bar was seen')
if waits < 3:
    sys.exit('the wait line was seen %d times' % waits)
start = samples[0][0]
total = end - start
print('run took %.1f s, %d screens with the bar, %d with the wait line' % (total, len(samples), waits))
for share in (0.25, 0.5, 0.75):
    # the first screen at or past this share of the rows
    s = next(x for x in samples if x[1] >= 20000 * share)
    left = end - s[0]
    if s[2] is None:
        sys.exit('no time left shown at %d%%' % (share * 100))
    err = abs(s[2] - left) / left
    print('at %d%% (%d rows): shown %d s left, really %.1f s: off by %.0f%%' % (share * 100, s[1], s[2], left, err * 100))
    if err > 0.25:
        sys.exit('the time left at %d%% is off by more than 25%%' % (share * 100))
PY
cat eta.out
TM kill-session -t full

# ---- 2. Ctrl-C half-way, then the command it gives ----
curl -s -X POST "$ROOT/_sandbox/reset" > /dev/null || fail "reset"
rm -f leads.results.csv
start stop ""
n=0
while ! screen stop | grep -q ' of 20,000 rows  [5-9][0-9]%'; do
	n=$((n + 1))
	[ $n -le 1500 ] || fail "the import never got half-way: $(screen stop)"
	[ ! -s stop.rc ] || fail "the import ended before half-way: $(screen stop)"
	sleep 0.2
done
TM send-keys -t stop C-c
n=0
while [ ! -s stop.rc ]; do
	n=$((n + 1))
	[ $n -le 300 ] || fail "the import did not stop within 60 s of Ctrl-C: $(screen stop)"
	sleep 0.2
done
screen stop > stopped.screen
[ "$(cat stop.rc)" = 130 ] || fail "exit status $(cat stop.rc) after Ctrl-C, expected 130: $(cat stopped.screen)"
hint=$(grep -c '^apollo-csv: stopped by Ctrl-C at row [0-9,]* of 20,000; the results so far are in leads.results.csv; to go on: ' stopped.screen)
[ "$hint" = 1 ] || fail "not one line with where it stopped and how to go on: $(cat stopped.screen)"
again=$(sed -n 's/^apollo-csv: stopped by Ctrl-C at row [0-9,]* of 20,000; the results so far are in leads.results.csv; to go on: //p' stopped.screen)
case $again in
"apollo-csv import leads.csv --sequence 'Q4 Outbound - SaaS' --from $FROM --resume") ;;
*) fail "the command to go on is not the one run, with --resume: $again" ;;
esac
stopped_at=$(sed -n 's/^apollo-csv: stopped by Ctrl-C at row \([0-9,]*\) of.*/\1/p' stopped.screen | tr -d ,)
# import keeps every row's result, the rows not sent as unprocessed
[ -s leads.results.csv ] || [ -s leads.results.csv.partial ] || fail "no journal was kept: $(ls)"
TM kill-session -t stop

# the line given, run as it is (the sandbox's rate limit still on)
mkdir bin && ln -s "$CSV_BIN" bin/apollo-csv
PATH=$WORK/bin:$PATH APOLLO_BASE_URL=$BASE APOLLO_API_KEY=$KEY sh -c "$again" > stdout 2> stderr
rc=$?
expect_status 0 "$again"
expect_in stderr "leads.csv: 20000 rows: "
expect_not_in stderr "unprocessed"
stats
$PY - "$before" "$stopped_at" > check.out 2>&1 << 'PY' || fail "$(cat check.out) $(cat stopped.screen)"
import json, sys
before, stopped_at = int(sys.argv[1]), int(sys.argv[2])
s = json.load(open('stats'))
if s['duplicate_emails'] != 0:
    sys.exit('%d contacts were made twice' % s['duplicate_emails'])
if s['contacts'] != before + 20000:
    sys.exit('the sandbox holds %d contacts, expected %d' % (s['contacts'], before + 20000))
if not 10000 <= stopped_at < 20000:
    sys.exit('stopped at row %d' % stopped_at)
PY
rows_done=$($PY -c '
import csv
# a contact the stopped run made while its chunk was at Apollo is found
# again (existing), not made twice
print(sum(1 for r in csv.DictReader(open("leads.results.csv"))
          if r["_status"] in ("created", "existing") and r["_sequence_status"] == "enrolled"))')
[ "$rows_done" = 20000 ] || fail "$rows_done rows created (or found) and enrolled, expected 20000"
echo "PASS $TEST_NAME"
