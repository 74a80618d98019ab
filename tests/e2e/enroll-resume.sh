#!/bin/sh
# enroll FILE stopped mid-run and resumed: Ctrl-C (SIGINT) exits 130
# leaving RESULTS.partial with only finished rows, then kill -9 at seeded
# points (after some calls, while the next are at Apollo), each time going
# on with --resume. At the end every contact is in
# the sequence once; the results have one final row per input row, in
# order; a contact the interrupted run enrolled is never a plain
# already_enrolled (it is enrolled "by the interrupted run", or "the
# interrupted run may have enrolled it" when no time tells), while the
# contacts in the sequence before stay already_enrolled; a later row with
# an id a replayed row had is still a duplicate; nothing is left beside the
# results.
. "$(dirname "$0")/resume-lib.sh"
N=800
BY_INTERRUPTED="enrolled by the interrupted run (its answer was lost; not enrolled twice)"
MAYBE_ENROLLED="already in the sequence; the interrupted run may have enrolled it"

# 800 new contacts, and among them the ones the seed has in Q4 since 2025
sandbox_start --rate minute=0,hour=0,day=0 --state sandbox.state
gen_rows $N > gen.csv
imp gen.csv
expect_status 0 "import of the contacts to enrol"
py "
import random
q4 = seq_id('$Q4_NAME')
before = [c['id'] for c in seed['contacts'] if any(s.get('sequence_id') == q4 for s in c['campaign_statuses'])]
new = [r['_contact_id'] for r in rows('gen.results.csv')]
ids = list(new)
for k, i in enumerate(before):
    ids.insert(80 * k + 30, i)
ids.append(new[4])                 # the same id as an early row
open('ids.csv', 'w').write('id\n' + '\n'.join(ids) + '\n')
open('before', 'w').write('\n'.join(before) + '\n')
"
sandbox_stop

# every call held 400 ms: 162 calls of 5 ids, 4 at a time, at least 16 s
sandbox_start --rate minute=0,hour=0,day=0 --state sandbox.state --faults stall=1 --stall-ms 400
RES=ids.results.csv
stats; mv stats stats.before

# Ctrl-C after 8 calls, then kill -9 at seeded points, each run a --resume
# of the one before
ROUTE="POST /api/v1/emailer_campaigns/{id}/add_contact_ids"
ctrl_c "$ROUTE" 8 "" enroll --no-progress --jobs 4 --enroll-chunk 5 --sequence "$Q4_NAME" --from "$FROM" ids.csv
kill_and_resume "$ROUTE" 20261208 8 16 enroll --no-progress --jobs 4 --enroll-chunk 5 --sequence "$Q4_NAME" --from "$FROM" --resume ids.csv
stats

check "
b = json.load(open('stats.before')); s = st()
q4 = seq_id('$Q4_NAME')
ids = [l.strip() for l in open('ids.csv')][1:]
before = set(open('before').read().split())
rs = rows('$RES')
if [r['_row'] for r in rs] != [str(i) for i in range(1, len(ids) + 1)]: die('_row is not 1..%d (%d rows)' % (len(ids), len(rs)))
if [r['_contact_id'] for r in rs] != ids: die('the rows are not in the input order')
# every new contact in the sequence once
if s['enrollments'].get(q4) != b['enrollments'].get(q4, 0) + $N:
    die('Q4 enrollments %r, expected %d + $N' % (s['enrollments'].get(q4), b['enrollments'].get(q4, 0)))
dup = rs[-1]
if (dup['_status'], dup['_reason']) != ('duplicate', 'the same contact id as row %d' % (ids.index(ids[-1]) + 1)):
    die('the repeated id: %r' % ((dup['_status'], dup['_reason']),))
by = maybe = 0
for r in rs[:-1]:
    got = (r['_status'], r['_sequence_status'], r['_reason'])
    if r['_contact_id'] in before:
        if got[:2] != ('existing', 'already_enrolled') or got[2] not in ('', '$MAYBE_ENROLLED'):
            die('row %s, in the sequence before: %r' % (r['_row'], got))
    elif got == ('existing', 'enrolled', '$BY_INTERRUPTED'):
        by += 1
    elif got == ('existing', 'already_enrolled', '$MAYBE_ENROLLED'):
        maybe += 1
    elif got != ('existing', 'enrolled', ''):
        die('row %s, a contact new to the sequence: %r' % (r['_row'], got))
if by + maybe == 0: die('no row was enrolled by an interrupted run: kill while a call is at Apollo')
print('%d rows told apart: %d enrolled by the interrupted run, %d perhaps' % (by + maybe, by, maybe))
" "the results after the stops and --resume"
echo "$out" >> log
# the summary counts the whole file, the earlier runs' rows too
expect_in stderr "sequence \"$Q4_NAME\": "
check "
import re
rs = rows('$RES')
line = open('stderr').read()
m = re.search(r': (\d+) enrolled, (\d+) already in it', line)
if not m: die('no summary line')
want = (sum(1 for r in rs if r['_sequence_status'] == 'enrolled'), sum(1 for r in rs if r['_sequence_status'] == 'already_enrolled'))
if (int(m.group(1)), int(m.group(2))) != want: die('the summary says %s, the results %r' % (m.group(0), want))
" "the summary of the last --resume"
cat log
exit 0
