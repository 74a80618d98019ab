#!/bin/sh
# unenroll --mode remove FILE stopped mid-run and resumed: Ctrl-C (SIGINT)
# exits 130 leaving RESULTS.partial with only finished rows, then kill -9 at
# seeded points (after some calls, while the next are at Apollo), each time
# going on with --resume. At the end no contact
# of the file is in the sequence; the results have one final row per input
# row, in order, every one removed (a contact the interrupted run took out,
# its answer lost, says "the interrupted run may have done it", never
# failed); a later row with an id a replayed row had is still a
# duplicate; nothing is left beside the results. Then, within one run,
# answers lost after the sandbox took contacts out: never failed.
. "$(dirname "$0")/resume-lib.sh"
N=400
MAYBE_REMOVED="already out of the sequence; the interrupted run may have done it (its answer was lost)"

# 400 new contacts, enrolled in Q4
sandbox_start --rate minute=0,hour=0,day=0 --state sandbox.state
gen_rows $N > gen.csv
imp --sequence "$Q4_NAME" --from "$FROM" gen.csv
expect_status 0 "import of the contacts to take out"
py "
new = [r['_contact_id'] for r in rows('gen.results.csv')]
open('ids.csv', 'w').write('id\n' + '\n'.join(new + [new[4]]) + '\n')
"
stats; mv stats stats.in
sandbox_stop

# every call held 400 ms: 80 calls of 5 ids, 4 at a time, at least 8 s; a
# resumed run looks up the contacts the interrupted one may have taken out
sandbox_start --rate minute=0,hour=0,day=0 --state sandbox.state --faults stall=1 --stall-ms 400
RES=ids.results.csv

# Ctrl-C after 8 calls, then kill -9 at seeded points, each run a --resume
# of the one before
ROUTE="POST /api/v1/emailer_campaigns/remove_or_stop_contact_ids"
ctrl_c "$ROUTE" 8 "" unenroll --no-progress --jobs 4 --enroll-chunk 5 --sequence "$Q4_NAME" --mode remove ids.csv
kill_and_resume "$ROUTE" 20261209 6 12 unenroll --no-progress --jobs 4 --enroll-chunk 5 --sequence "$Q4_NAME" --mode remove --resume ids.csv
stats

check "
b = json.load(open('stats.in')); s = st()
q4 = seq_id('$Q4_NAME')
ids = [l.strip() for l in open('ids.csv')][1:]
rs = rows('$RES')
if [r['_row'] for r in rs] != [str(i) for i in range(1, len(ids) + 1)]: die('_row is not 1..%d (%d rows)' % (len(ids), len(rs)))
if [r['_contact_id'] for r in rs] != ids: die('the rows are not in the input order')
# every contact of the file out of the sequence
if s['enrollments'].get(q4) != b['enrollments'].get(q4, 0) - $N:
    die('Q4 enrollments %r, expected %d - $N' % (s['enrollments'].get(q4), b['enrollments'].get(q4, 0)))
dup = rs[-1]
if (dup['_status'], dup['_reason']) != ('duplicate', 'the same contact id as row 5'):
    die('the repeated id: %r' % ((dup['_status'], dup['_reason']),))
maybe = 0
for r in rs[:-1]:
    got = (r['_status'], r['_sequence_status'], r['_reason'])
    if got == ('existing', 'removed', '$MAYBE_REMOVED'):
        maybe += 1
    elif got != ('existing', 'removed', ''):
        die('row %s: %r' % (r['_row'], got))
if maybe == 0: die('no row was taken out by an interrupted run: kill while a call is at Apollo')
print('%d rows told apart: perhaps taken out by the interrupted run' % maybe)
" "the results after the stops and --resume"
echo "$out" >> log

# Lost answers within one run: the sandbox takes contacts out, then drops
# the connection; the retry's reply leaves them out (already gone). Looked
# up, they are removed "by a try whose answer was lost", never failed.
sandbox_stop
sandbox_start --rate minute=0,hour=0,day=0 --state sandbox.state
head -41 ids.csv > few.csv
enr enroll --no-progress --sequence "$Q4_NAME" --from "$FROM" -o few.enrolled.csv few.csv
expect_status 0 "enroll of 40 contacts back into the sequence"
sandbox_stop
sandbox_start --rate minute=0,hour=0,day=0 --state sandbox.state --faults lost=0.4 --fault-seed 3
enr unenroll --no-progress --sequence "$Q4_NAME" --mode remove --retries 12 --backoff 1 --enroll-chunk 5 \
	-o few.results.csv few.csv
expect_status 0 "unenroll --mode remove through lost answers"
stats
check "
rs = rows('few.results.csv')
got = [(r['_status'], r['_sequence_status']) for r in rs]
if got != [('existing', 'removed')] * 40: die('statuses %r' % sorted(set(got)))
lost = sum(r['_reason'].startswith('already out of the sequence;') and 'left it out, and a look shows it so' in r['_reason'] for r in rs)
if not lost: die('no lost answer took a contact out: raise the fault rate (%r)' % st()['faults'])
print('%d of 40 rows taken out by a try whose answer was lost' % lost)
" "unenroll through lost answers"
echo "$out" >> log
cat log
exit 0
