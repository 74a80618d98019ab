#!/bin/sh
# update stopped mid-run and resumed: Ctrl-C (SIGINT) exits 130 leaving
# RESULTS.partial with only finished rows, then kill -9 at seeded points
# (after 2 or 3 calls, while the next is at Apollo), each time going on
# with --resume. At the end every edit is in Apollo,
# the results have one final row per input row in order, nothing is left
# beside them, and bulk_update was called no more than a clean run's calls
# plus one per kill (the call in flight when it came).
. "$(dirname "$0")/resume-lib.sh"
N=1700

# 2,000 contacts (the seed's 300 and 1,700 new), exported, every title edited
sandbox_start --rate minute=0,hour=0,day=0 --state sandbox.state
gen_rows $N > gen.csv
imp gen.csv
expect_status 0 "import of the contacts to edit"
APOLLO_BASE_URL=$BASE run export contacts -q -o all.csv
expect_status 0 "export contacts"
python3 - <<'PY'
import csv
rows = list(csv.reader(open('all.csv', newline='', encoding='utf-8')))
h = rows[0]
for i, r in enumerate(rows[1:], 1):
    r[h.index('title')] = 'Resumed Title %d' % i
csv.writer(open('edits.csv', 'w', newline='', encoding='utf-8')).writerows(rows)
PY
ROWS=$(($(python3 -c "import csv; print(len(list(csv.DictReader(open('edits.csv')))))")))
[ "$ROWS" = 2000 ] || fail "the export has $ROWS contacts, not 2000"
sandbox_stop

# every call held 500 ms: 20 calls of 100, one at a time with --jobs 1
sandbox_start --rate minute=0,hour=0,day=0 --state sandbox.state --faults stall=1 --stall-ms 500
RES=edits.results.csv
ROUTE="POST /api/v1/contacts/bulk_update"
before=$(answered "$ROUTE")

# Ctrl-C after 2 calls, then kill -9 at seeded points, each run a --resume
# of the one before
ctrl_c "$ROUTE" 2 updated update --no-progress --jobs 1 edits.csv
[ "$out" -lt "$ROWS" ] || fail "RESULTS.partial after Ctrl-C: every row written: Ctrl-C came too late"
kill_and_resume "$ROUTE" 20261207 2 3 update --no-progress --jobs 1 --resume edits.csv
kills=$((kills + 1))      # the Ctrl-C counts as one stop
after=$(answered "$ROUTE")

# the results: one final row per input row, in order
check "
rs = rows('$RES')
if [r['_row'] for r in rs] != [str(i) for i in range(1, $ROWS + 1)]: die('_row is not 1..$ROWS (%d rows)' % len(rs))
bad = [r['_row'] + ':' + r['_status'] for r in rs if r['_status'] != 'updated' or r['_reason'] != 'changed: title']
if bad: die('rows not updated: %s' % bad[:10])
ids = [r['contact_id'] for r in rows('edits.csv')]
if [r['contact_id'] for r in rs] != ids: die('the rows are not in the input order')
" "the results after the stops and --resume"

# what Apollo holds: every edit
sandbox_stop
sandbox_start --rate minute=0,hour=0,day=0 --state sandbox.state
APOLLO_BASE_URL=$BASE run export contacts -q -o after.csv
expect_status 0 "export after the update"
check "
want = {r['contact_id']: r['title'] for r in rows('edits.csv')}
got = {r['contact_id']: r['title'] for r in rows('after.csv')}
wrong = [i for i in want if got.get(i) != want[i]]
if wrong: die('%d contacts without their edit, e.g. %s: %r' % (len(wrong), wrong[0], got.get(wrong[0])))
" "Apollo after the stops and --resume"

# a clean run of the same edits, for its count of calls
stats; mv stats stats.clean
APOLLO_BASE_URL=$BASE run update --no-progress --jobs 1 -o clean.results.csv edits.csv
expect_status 0 "a clean update"
stats
clean=$(py "print(req('POST /api/v1/contacts/bulk_update') - json.load(open('stats.clean'))['requests'].get('POST /api/v1/contacts/bulk_update', 0))")
used=$((after - before))
echo "bulk_update calls: $used after $kills stops, $clean for a clean run" >> log
cat log
[ "$used" -le $((clean + kills)) ] || fail "$used bulk_update calls after $kills stops; a clean run makes $clean"
[ "$used" -ge "$clean" ] || fail "$used bulk_update calls, fewer than a clean run's $clean"
exit 0
