#!/bin/sh
# refusals and endless limits: a run whose every reply is 429 ends (exit 5,
# rows unprocessed) rather than waiting forever; a wrong key leaves the rows
# unprocessed (exit 4), and --resume with the right key sends them; a
# resume that adds --errors writes every row needing attention, replayed
# ones included; the errors file, -o and --report never replace the input
# or an existing file.
. "$(dirname "$0")/sandbox-lib.sh"
{
	echo 'First Name,Last Name,Email,Company'
	for i in $(seq 1 250); do echo "R$i,Ref$i,r$i@refusal-e2e.example,Refusal Co $i"; done
	echo 'Bad,Row,not-an-email,Refusal Co'
} > r.csv
count() { python3 -c "
import csv, sys
print(sum(1 for r in csv.DictReader(open('$1')) if r['_status'] == '$2'))"; }

sandbox_start --faults 429=1 --fault-seed 1 --rate minute=0,hour=0,day=0
export APOLLO_BASE_URL=$BASE APOLLO_API_KEY=$KEY
timeout 120 "$APOLLO_CSV" import -q --no-progress --retries 0 r.csv 2> err
rc=$?
[ $rc = 5 ] || fail "every reply 429: exit status $rc, expected 5 (not a hang): $(cat err)"
[ "$(count r.results.csv unprocessed)" = 250 ] || fail "every reply 429: $(count r.results.csv unprocessed) unprocessed rows, expected 250"
sandbox_stop
rm -f r.results.csv

sandbox_start --rate minute=0,hour=0,day=0
export APOLLO_BASE_URL=$BASE
APOLLO_API_KEY=wrong-key "$APOLLO_CSV" import -q --no-progress r.csv 2> err
rc=$?
[ $rc = 4 ] || fail "a wrong key: exit status $rc, expected 4: $(cat err)"
grep -q -- "--resume" err || fail "a wrong key: the message does not say to resume: $(cat err)"
grep -q "Apollo refused the key from APOLLO_API_KEY: .*(HTTP 401)" err ||
	fail "a wrong key: the message does not say it came from APOLLO_API_KEY: $(cat err)"
! grep -q "wrong-key" err r.results.csv || fail "a wrong key: the key shows up: $(cat err)"
[ "$(count r.results.csv unprocessed)" = 250 ] || fail "a wrong key: rows not unprocessed: $(head -3 r.results.csv)"
"$APOLLO_CSV" import -q --no-progress --resume --errors fix.csv r.csv 2> err
rc=$?
[ $rc = 1 ] || fail "--resume with the right key: exit status $rc, expected 1 (one invalid row): $(cat err)"
[ "$(count r.results.csv created)" = 250 ] || fail "--resume with the right key: $(count r.results.csv created) created"
[ "$(count fix.csv invalid)" = 1 ] || fail "--errors added on --resume: the invalid row is missing: $(cat fix.csv)"

# outputs that would replace something
cp r.csv keep.csv
"$APOLLO_CSV" import -q --no-progress --force --errors r.csv r.csv 2> err
[ $? = 2 ] || fail "--errors naming the input: expected exit status 2"
cmp -s r.csv keep.csv || fail "--errors naming the input changed it"
echo x > report.csv
"$APOLLO_CSV" import -q --no-progress -o new.csv --sequence "Q4 Outbound - SaaS" \
	--from dana.whitfield@sellwise-demo.com --report report.csv r.csv 2> err
[ $? = 6 ] || fail "--report naming an existing file: expected exit status 6: $(cat err)"
grep -q "report.csv: already exists" err || fail "--report naming an existing file: $(cat err)"
[ ! -e new.csv ] && [ ! -e new.csv.partial ] || fail "--report naming an existing file: results were written"
stats
expect_no_stat '"POST /api/v1/emailer_campaigns/{id}/add_contact_ids"'

# two imports on the same results at once: the second is refused, the
# first finishes untroubled
sandbox_stop
# every request held 2 s: the first run lasts long enough for the second to
# start, even under valgrind on a busy machine
sandbox_start --rate minute=0,hour=0,day=0 --faults stall=1 --fault-seed 1 --stall-ms 2000
export APOLLO_BASE_URL=$BASE
rm -f r.results.csv r.results.csv.partial
"$APOLLO_CSV" import -q --no-progress --jobs 1 r.csv 2> first.err &
first=$!
# the second starts once the first holds its journal (a fixed sleep was
# too short under valgrind)
n=0
until [ -e r.results.csv.partial ]; do
	n=$((n + 1))
	[ $n -le 600 ] || fail "the first import made no journal in 60 s: $(cat first.err)"
	kill -0 $first 2> /dev/null || fail "the first import ended early: $(cat first.err)"
	sleep 0.1
done
sleep 0.2   # from its creation to its lock
"$APOLLO_CSV" import -q --no-progress --resume r.csv 2> second.err
rc=$?
kill -0 $first 2> /dev/null || fail "the first import ended before the second was refused; a slower sandbox is needed: $(cat first.err)"
[ $rc = 6 ] || fail "a second import on the same results: exit status $rc, expected 6: $(cat second.err)"
grep -q "another apollo-csv run" second.err || fail "the second import does not say why: $(cat second.err)"
wait $first
rc=$?
[ $rc = 1 ] || fail "the first import: exit status $rc, expected 1: $(cat first.err)"
[ "$(count r.results.csv created)" = 250 ] || fail "the first import did not finish its rows"
