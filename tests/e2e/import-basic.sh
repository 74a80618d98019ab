#!/bin/sh
# import of samples/prospects.csv.gz into a sequence: one result row per
# input row in input order, counts that add up, exit status 1 for the
# invalid rows, no duplicate contact in Apollo, and exactly the API calls
# the rows need (bulk_create per 100, add_contact_ids per enroll chunk,
# two look-ups). A second import of the same file creates nothing, and
# --enroll-chunk 25 changes the number of add_contact_ids calls.
. "$(dirname "$0")/import-lib.sh"
sandbox_start
cp "$TOP_SRCDIR/samples/prospects.csv.gz" .
RES=prospects.results.csv
stats; mv stats stats.before

imp --sequence "$Q4_NAME" --from "$FROM" prospects.csv.gz
expect_status 1 "import --sequence"
[ -f "$RES" ] || fail "no $RES"
[ ! -e "$RES.partial" ] || fail "$RES.partial left behind"
stats
check "
import math
rs = rows('$RES')
b = json.load(open('stats.before'))
s = st()
q4 = seq_id('$Q4_NAME')
if len(rs) != 300: die('%d result rows, expected 300' % len(rs))
if [r['_row'] for r in rs] != [str(i) for i in range(1, 301)]: die('_row is not 1..300 in order')
for c in ['First Name', 'Email', '_row', '_line', '_status', '_reason', '_contact_id', '_account_id', '_sequence_status', '_sequence_reason']:
    if c not in rs[0]: die('no column ' + c)
n = {k: count(rs, '_status', k) for k in ('created', 'existing', 'duplicate', 'invalid')}
if sum(n.values()) != 300: die('statuses do not add up to 300: %r, others: %r' % (n, set(r['_status'] for r in rs) - set(n)))
if n['invalid'] != 15 or n['duplicate'] != 15: die('15 invalid and 15 duplicates expected: %r' % n)
sent = n['created'] + n['existing']
ids = [r['_contact_id'] for r in rs if r['_status'] in ('created', 'existing')]
if any(len(i) != 24 for i in ids): die('a sent row without a contact id')
if len(set(ids)) != len(ids): die('two rows share a contact id')
if any(r['_contact_id'] for r in rs if r['_status'] in ('invalid', 'duplicate')): die('an unsent row has a contact id')
seqst = [r['_sequence_status'] for r in rs if r['_status'] in ('created', 'existing')]
bad = set(seqst) - {'enrolled', 'already_enrolled', 'skipped'}
if bad: die('sequence statuses %r' % bad)
if any(r['_sequence_status'] for r in rs if r['_status'] in ('invalid', 'duplicate')): die('an unsent row has a sequence status')
if any(not r['_sequence_reason'] for r in rs if r['_sequence_status'] == 'skipped'): die('a skipped row without a reason')
enrolled = seqst.count('enrolled')
if s['duplicate_emails'] != 0: die('duplicate_emails %d' % s['duplicate_emails'])
if s['contacts'] != b['contacts'] + n['created']: die('contacts %d, expected %d + %d created' % (s['contacts'], b['contacts'], n['created']))
if s['enrollments'].get(q4, 0) != b['enrollments'].get(q4, 0) + enrolled: die('Q4 enrollments %r, expected %d + %d' % (s['enrollments'].get(q4), b['enrollments'].get(q4, 0), enrolled))
want = {'POST /api/v1/contacts/bulk_create': math.ceil(sent / 100),
        'POST /api/v1/emailer_campaigns/{id}/add_contact_ids': math.ceil(sent / 100),
        'POST /api/v1/emailer_campaigns/search': 1, 'GET /api/v1/email_accounts': 1,
        # the Notes column may be a custom field: one look-up of the team's
        'GET /api/v1/fields': 1}
if s['requests'] != want: die('requests %r, expected %r' % (s['requests'], want))
open('first.json', 'w').write(json.dumps({'n': n, 'ids': {r['_row']: r['_contact_id'] for r in rs}, 'stats': s}))
" "first import"
expect_in stderr "15 rows need attention"

# the same file again: nothing new in Apollo, every sent row existing
imp --force --sequence "$Q4_NAME" --from "$FROM" prospects.csv.gz
expect_status 1 "import --force, a second time"
stats
check "
rs = rows('$RES')
first = json.load(open('first.json'))
s = st(); b = first['stats']
q4 = seq_id('$Q4_NAME')
if len(rs) != 300: die('%d result rows' % len(rs))
if s['contacts'] != b['contacts']: die('contacts %d after the second import, %d before' % (s['contacts'], b['contacts']))
if s['duplicate_emails'] != 0: die('duplicate_emails %d' % s['duplicate_emails'])
if s['enrollments'].get(q4) != b['enrollments'].get(q4): die('Q4 enrollments changed: %r -> %r' % (b['enrollments'].get(q4), s['enrollments'].get(q4)))
sent = [r for r in rs if r['_status'] not in ('invalid', 'duplicate')]
if len(sent) != first['n']['created'] + first['n']['existing']: die('%d rows sent the second time' % len(sent))
bad = [r['_row'] + ':' + r['_status'] for r in sent if r['_status'] != 'existing']
if bad: die('rows not existing the second time: %s' % bad[:10])
bad = [r['_row'] + ':' + r['_sequence_status'] for r in sent if r['_sequence_status'] not in ('already_enrolled', 'skipped')]
if bad: die('second time, sequence statuses other than already_enrolled/skipped: %s' % bad[:10])
bad = [r['_row'] for r in sent if r['_contact_id'] != first['ids'][r['_row']]]
if bad: die('rows whose contact id changed: %s' % bad[:10])
if s['requests']['POST /api/v1/contacts/bulk_create'] != 2 * b['requests']['POST /api/v1/contacts/bulk_create']: die('bulk_create calls %r' % s['requests'])
" "second import"

# --enroll-chunk 25: add_contact_ids calls of 25 ids at most
sandbox_stop
sandbox_start
imp --force --enroll-chunk 25 --sequence "$Q4_NAME" --from "$FROM" prospects.csv.gz
expect_status 1 "import --enroll-chunk 25"
stats
check "
import math
rs = rows('$RES')
sent = sum(1 for r in rs if r['_status'] in ('created', 'existing'))
want = {'POST /api/v1/contacts/bulk_create': math.ceil(sent / 100),
        'POST /api/v1/emailer_campaigns/{id}/add_contact_ids': math.ceil(sent / 25),
        'POST /api/v1/emailer_campaigns/search': 1, 'GET /api/v1/email_accounts': 1,
        'GET /api/v1/fields': 1}
if st()['requests'] != want: die('requests %r, expected %r' % (st()['requests'], want))
if st()['duplicate_emails'] != 0: die('duplicate_emails')
" "--enroll-chunk 25"
exit 0
