#!/bin/sh
# import --enrich against the sandbox: the rows with no email are matched
# with people/bulk_match, 10 a call, and their contacts are made with the
# email Apollo has (only a verified one is shown); a row with an email is
# not asked about; each row's _reason says what was found. --max-credits
# asks about no more people than the credits allow, the rest go in without
# an email and say so, and the summary's credits are the sandbox's. Lost
# answers are counted as credits that may have been spent.
. "$(dirname "$0")/import-lib.sh"
sandbox_start --rate minute=0,hour=0,day=0

cat >> e2e_helpers.py <<'PY'
import urllib.request
def api(path, body):
    r = urllib.request.Request(os.environ['BASE'] + '/' + path, data=json.dumps(body).encode(),
                               headers={'x-api-key': 'sandbox-master-key', 'Content-Type': 'application/json'})
    return json.load(urllib.request.urlopen(r, timeout=10))
people = seed['directory']['people']
orgs = {o['id']: o for o in seed['directory']['organizations']}
def contact_by_name(first, last):
    got = [c for c in api('contacts/search', {'q_keywords': first + ' ' + last, 'per_page': 100})['contacts']
           if c['first_name'] == first and c['last_name'] == last]
    return got[0] if len(got) == 1 else die('%d contacts named %s %s' % (len(got), first, last))
PY
export BASE

# people of the directory: verified, unverified and without an email
py "
v = [p for p in people if p.get('email_status') == 'verified' and p.get('email')]
u = [p for p in people if p.get('email') and p.get('email_status') != 'verified']
none = [p for p in people if not p.get('email')]
def row(p, email=''): return '%s,%s,%s,%s' % (p['first_name'], p['last_name'], orgs[p['organization_id']]['name'], email)
print('First Name,Last Name,Company,Email')
print(row(v[0])); print(row(u[0])); print(row(none[0]))
print('Nobody,Anywhere,No Such Company Ltd,')
print(row(v[1], 'own.address@already-known.test'))
json.dump({'v0': v[0], 'u0': u[0], 'n0': none[0], 'v1': v[1]}, open('who.json', 'w'))
" > e.csv
stats; mv stats stats.before
imp --enrich e.csv
expect_status 0 "import --enrich"
stats
check "
rs = rows('e.results.csv'); s = st(); b = json.load(open('stats.before')); who = json.load(open('who.json'))
if [r['_status'] for r in rs] != ['created'] * 5: die('statuses %r' % [r['_status'] for r in rs])
why = [r['_reason'] for r in rs]
want = ['enriched: email %s from Apollo' % who['v0']['email'], 'found the person, but Apollo has no email',
        'found the person, but Apollo has no email', 'found no match', '']
for i, w in enumerate(want):
    if (w and w not in why[i]) or (not w and why[i]): die('row %d: reason %r, expected %r' % (i + 1, why[i], w))
if contact_by_name(who['v0']['first_name'], who['v0']['last_name'])['email'] != who['v0']['email']: die('the enriched email did not reach the contact')
if contact_by_name(who['u0']['first_name'], who['u0']['last_name'])['email']: die('an unverified email was taken')
n = lambda k: s['requests'].get(k, 0) - b['requests'].get(k, 0)
if n('POST /api/v1/people/bulk_match') != 1 or n('POST /api/v1/contacts/bulk_create') != 1: die('requests %r' % s['requests'])
" "import --enrich"
expect_in stderr "enrichment: 4 rows without an email asked about: 1 enriched, 2 found without an email, 1 not found"
expect_in stderr "credits used: 3 (Apollo's count)"

# 25 rows, a limit of 12 credits: 12 asked in 2 calls, 13 imported without
py "
v = [p for p in people if p.get('email_status') == 'verified' and p.get('email')][2:27]
print('First Name,Last Name,Company')
for p in v: print('%s,%s,%s' % (p['first_name'], p['last_name'], orgs[p['organization_id']]['name']))
" > limit.csv
stats; mv stats stats.before
imp --enrich --max-credits 12 limit.csv
expect_status 0 "import --enrich --max-credits 12"
stats
check "
rs = rows('limit.results.csv'); s = st(); b = json.load(open('stats.before'))
got = [r['_reason'].split(':')[0] for r in rs]
if got != ['enriched'] * 12 + ['not enriched'] * 13: die('reasons %r' % got)
if any('--max-credits 12 reached' not in r['_reason'] for r in rs[12:]): die('limit reason %r' % rs[12]['_reason'])
if s['requests'].get('POST /api/v1/people/bulk_match', 0) - b['requests'].get('POST /api/v1/people/bulk_match', 0) != 2:
    die('bulk_match calls %r' % s['requests'])
" "--max-credits"
expect_in stderr "credits used: 12 of --max-credits 12"
expect_in stderr "13 more rows not asked about: the credit limit was reached"

# answers lost: the credits that may have been spent count against the limit
sandbox_stop
sandbox_start --rate minute=0,hour=0,day=0 --faults lost=0.5 --fault-seed 3
imp --enrich --max-credits 30 --retries 10 --backoff 1 -o lost.results.csv limit.csv
expect_status 0 "import --enrich through lost answers"
check "
import re
rs = rows('lost.results.csv')
err = open('stderr').read()
m = re.search(r'credits used: ([0-9.]+) of --max-credits 30 \(Apollo.s count\), and at most ([0-9.]+) more', err)
if not m: die('no count of credits that may have been spent: %s' % err)
used, maybe = float(m.group(1)), float(m.group(2))
asked = sum(1 for r in rs if not r['_reason'].startswith('not enriched'))
if used + maybe > 30: die('used %g + maybe %g is over the limit' % (used, maybe))
if maybe == 0: die('no lost answer counted')
" "credits through lost answers"
exit 0
