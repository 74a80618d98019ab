#!/bin/sh
# An Apollo export imported into another team: its Apollo Account Id
# column names accounts this team does not have, so Apollo refuses each
# bulk_create whole ("Parameters misconfigured. <id> is not a valid ID").
# Each chunk is sent once more without its account links: every contact is
# made, at most one extra call a chunk, and every row says its link was
# dropped and why. With valid and foreign ids mixed, the contacts are made
# too; with valid ids only, the links are kept and no call is repeated.
. "$(dirname "$0")/import-lib.sh"
sandbox_start

# 250 rows (3 chunks) under the exact header of an Apollo export, each
# with an account id of 24 hex digits the sandbox does not know
RES=export.results.csv
head -n 1 "$TOP_SRCDIR/samples/apollo-export.csv" > export.csv
py "
import csv
hdr = next(csv.reader(open('export.csv', encoding='utf-8-sig')))
w = csv.DictWriter(open('export.csv', 'a', newline='', encoding='utf-8'), hdr, lineterminator='\n')
for i in range(250):
    w.writerow({'First Name': 'Fo%d' % i, 'Last Name': 'Reign', 'Title': 'CTO', 'Company': 'Elsewhere %d' % i,
                'Email': 'fo%d@foreign-ids-e2e.example' % i, 'Apollo Account Id': '5f2a%020x' % (i + 1)})
"
stats; mv stats stats.before
imp export.csv
expect_status 0 "import of a foreign team's export"
stats
check "
b = json.load(open('stats.before')); s = st()
rs = rows('$RES')
if len(rs) != 250 or any(r['_status'] != 'created' for r in rs):
    die('statuses: %r' % sorted(set(r['_status'] for r in rs)))
calls = req('POST /api/v1/contacts/bulk_create') - b['requests'].get('POST /api/v1/contacts/bulk_create', 0)
if calls > 2 * 3: die('%d bulk_create calls for 3 chunks: more than one extra a chunk' % calls)
if s['contacts'] != b['contacts'] + 250: die('contacts %d, expected %d + 250' % (s['contacts'], b['contacts']))
if s['duplicate_emails'] != 0: die('duplicate_emails %d' % s['duplicate_emails'])
for i, r in enumerate(rs):
    own = '5f2a%020x' % (i + 1)
    why = r['_reason']
    if not why.startswith('account link dropped: Apollo refused '): die('row %d: %r' % (i + 1, why))
    if 'is not a valid ID' not in why: die('row %d lacks Apollo\'s words: %r' % (i + 1, why))
    # its own id refused, or another row's named and its own said unlinked
    if not (why.startswith('account link dropped: Apollo refused account_id ' + own + ' ') or
            (\"another row's account_id\" in why and \"this row's account_id \" + own + ' was not linked' in why)):
        die('row %d: %r' % (i + 1, why))
" "a foreign team's export"
# none of the contacts is linked to an account it was refused
check "
got = [c for c in all_of('contacts/search', 'contacts') if (c.get('email') or '').endswith('@foreign-ids-e2e.example')]
if len(got) != 250: die('%d contacts found' % len(got))
if any(c.get('account_id') for c in got): die('a contact kept a refused link')
" "the contacts made from the export"

# valid and foreign ids mixed: all made, in two calls; only valid: one call, linked
RES=mixed.results.csv
acct=$(py "print(seed['accounts'][0]['id'])")
cat > mixed.csv <<CSV
First Name,Last Name,Email,Company,Account Id
Va,Lid,va@mixed-ids-e2e.example,Kesselwerk Automation GmbH,$acct
Fo,Reign,fo@mixed-ids-e2e.example,Elsewhere,5f2a00000000000000000bad
No,Link,no@mixed-ids-e2e.example,Nowhere,
CSV
stats; mv stats stats.before
imp mixed.csv
expect_status 0 "import of valid and foreign account ids"
stats
check "
b = json.load(open('stats.before'))
rs = rows('$RES')
if [r['_status'] for r in rs] != ['created'] * 3: die('statuses %r' % [r['_status'] for r in rs])
calls = req('POST /api/v1/contacts/bulk_create') - b['requests'].get('POST /api/v1/contacts/bulk_create', 0)
if calls != 2: die('%d bulk_create calls, expected 2' % calls)
if not rs[1]['_reason'].startswith('account link dropped: Apollo refused account_id 5f2a00000000000000000bad '):
    die(rs[1]['_reason'])
if \"Apollo refused another row's account_id 5f2a00000000000000000bad\" not in rs[0]['_reason'] or \
   \"this row's account_id $acct was not linked\" not in rs[0]['_reason']:
    die(rs[0]['_reason'])
if rs[2]['_reason'] != '': die('a row without a link: %r' % rs[2]['_reason'])
" "valid and foreign account ids"
RES=valid.results.csv
cat > valid.csv <<CSV
First Name,Last Name,Email,Company,Account Id
Val,Id,va@valid-ids-e2e.example,Kesselwerk Automation GmbH,$acct
Nol,Ink,no@valid-ids-e2e.example,Nowhere,
CSV
stats; mv stats stats.before
imp valid.csv
expect_status 0 "import of valid account ids"
stats
check "
b = json.load(open('stats.before'))
rs = rows('$RES')
if [r['_status'] for r in rs] != ['created'] * 2 or any(r['_reason'] for r in rs): die('results %r' % rs)
calls = req('POST /api/v1/contacts/bulk_create') - b['requests'].get('POST /api/v1/contacts/bulk_create', 0)
if calls != 1: die('%d bulk_create calls, expected 1' % calls)
got = [c for c in all_of('contacts/search', 'contacts') if c.get('email') == 'va@valid-ids-e2e.example']
if len(got) != 1 or got[0]['account_id'] != '$acct': die('the valid link: %r' % got)
" "valid account ids"
