#!/bin/sh
# No temporary file outlives its run: an output is written under
# FILE.tmpXXXXXX, locked while it is written; a killed run's (no lock
# held) is removed by the next run that writes FILE, one a live run holds
# is left alone, and names that only look alike are never touched. Then a
# real kill: update SIGKILLed while Apollo holds its call, run again with
# --resume: neither its --errors file's temporary file nor its journal
# (RESULTS.partial) outlives the run that finishes.
. "$(dirname "$0")/import-lib.sh"

printf 'first_name,last_name,email,organization_name\nAda,Lovelace,ada@example.com,Analytical\n' > leads.csv

# a killed run's temporary file, and look-alikes that are not one
echo 'half a file' > leads.results.csv.tmpAbC123
echo keep > leads.results.csv.tmp
echo keep > leads.results.csv.tmpAB12
echo keep > other.csv.tmpAbC123
echo keep > leads.results.csv.tmpAbC123.bak
run check --no-progress leads.csv
expect_status 0 "check beside a killed run's temporary file"
[ ! -e leads.results.csv.tmpAbC123 ] || fail "the stale leads.results.csv.tmpAbC123 is still there"
expect_in stderr "removed leads.results.csv.tmpAbC123, left by a run that was stopped"
[ -s leads.results.csv ] || fail "no results"
for f in leads.results.csv.tmp leads.results.csv.tmpAB12 other.csv.tmpAbC123 leads.results.csv.tmpAbC123.bak; do
	[ "$(cat $f)" = keep ] || fail "$f, not a temporary file of leads.results.csv, was touched"
done
ls | grep -q '^leads\.results\.csv\.tmp[A-Za-z0-9]\{6\}$' && fail "a temporary file is left: $(ls)"

# one a live run holds (here: flock(1)) is left alone, until it is let go
command -v flock > /dev/null || { echo "SKIP: no flock(1)"; exit 77; }
flock -o leads.results.csv.tmpLive01 sh -c 'echo $$ > sleeper; exec sleep 30' &
holder=$!
n=0
while [ ! -e leads.results.csv.tmpLive01 ] && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
sleep 0.2
run check --no-progress --force leads.csv
expect_status 0 "check beside a live run's temporary file"
[ -e leads.results.csv.tmpLive01 ] || fail "a temporary file a live run holds was removed"
kill $holder $(cat sleeper)
wait $holder 2> /dev/null
run check --no-progress --force leads.csv
[ ! -e leads.results.csv.tmpLive01 ] || fail "the temporary file let go of is still there"

# a real kill: update holds its --errors file open while Apollo holds the call
sandbox_start --rate minute=0,hour=0,day=0 --stall-ms 20000
APOLLO_BASE_URL=$BASE "$APOLLO_CSV" export contacts -q -o all.csv 2> err || fail "export: $(cat err)"
python3 - <<'PY'
import csv
rows = list(csv.reader(open('all.csv', newline='', encoding='utf-8')))
h = rows[0]
rows = rows[:6]
for r in rows[1:]:
    r[h.index('title')] = 'Killed Mid-Update'
csv.writer(open('edits.csv', 'w', newline='', encoding='utf-8')).writerows(rows)
PY
curl -s -X POST --data-binary '{"route":"contacts/bulk_update","form":"hang"}' "$ROOT/_sandbox/reply" > /dev/null
APOLLO_BASE_URL=$BASE "$APOLLO_CSV" update -q --no-progress --timeout 60s --errors fix.csv edits.csv \
	2> update.err &
pid=$!
n=0
while ! ls | grep -q '^fix\.csv\.tmp' && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
ls | grep -q '^fix\.csv\.tmp' || fail "update made no temporary file: $(ls) $(cat update.err)"
sleep 0.5
kill -9 $pid
wait $pid 2> /dev/null
ls | grep -q '^fix\.csv\.tmp' || fail "the killed update left no temporary file to test with"
[ -e edits.results.csv.partial ] || fail "the killed update left no journal: $(ls)"
curl -s -X POST --data-binary '{"route":"contacts/bulk_update","form":"normal"}' "$ROOT/_sandbox/reply" > /dev/null
APOLLO_BASE_URL=$BASE run update --no-progress --resume --errors fix.csv edits.csv
expect_status 0 "update --resume after a killed update"
expect_in stderr "left by a run that was stopped"
ls | grep -q '^\(edits\|fix\)\..*tmp' && fail "a temporary file outlived its run: $(ls)"
ls | grep -q '\.partial$' && fail "the journal outlived the run that finished it: $(ls)"
[ "$(grep -c ',updated,' edits.results.csv)" = 5 ] || fail "update after the kill: $(cat edits.results.csv)"
exit 0
