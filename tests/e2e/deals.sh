#!/bin/sh
# deals against the sandbox: every amount and date spelling the tool takes
# and what the sandbox stores for it, each reason a row is invalid, a
# duplicate row, an unknown domain; --decimal-comma, --date-format, --stage
# and --owner; --create-accounts (one account, reused); a results file
# that exists (refused; --resume sends nothing new); faults where the
# deal may have been made (looked for, never made twice); kill -9 and
# --resume; a rate-limit stop and --resume. Every check is on the results
# file and on what the sandbox received and holds.
. "$(dirname "$0")/import-lib.sh"

MARCO=marco.ferri@sellwise-demo.com
cat >> e2e_helpers.py <<'PY'
# every deal (or account) the sandbox holds; read after `stats`, as these
# searches count in the stats
def deals():
    return all_of('opportunities/search', 'opportunities')
def accounts():
    return all_of('accounts/search', 'accounts')
def acct(domain):
    return [a['id'] for a in seed['accounts'] if a['domain'] == domain][0]
def user(email):
    return [u['id'] for u in seed['users'] if u['email'] == email][0]
def stage(name):
    return [s['id'] for s in seed['opportunity_stages'] if s['name'] == name][0]
def reqs(before=None):
    s = st()['requests']
    if before is None: return s
    b = before['requests']
    return {k: s[k] - b.get(k, 0) for k in s if s[k] != b.get(k, 0)}
def amount(v):
    return None if v is None else ('%g' % v if isinstance(v, float) else str(v))
# deals run to the end on a file of N rows named PREFIX1..PREFIXN, the
# sandbox holding `base` deals before: one created row each, one deal
# each in the sandbox, no name twice, every _deal_id the sandbox's deal
def one_each(path, base, prefix, n):
    rs = rows(path)
    if [r['_row'] for r in rs] != [str(i) for i in range(1, n + 1)]: die('_row is not 1..%d (%d rows)' % (n, len(rs)))
    left = [(r['_row'], r['_status'], r['_reason']) for r in rs if r['_status'] != 'created']
    if left: die('%d rows not created: %s' % (len(left), left[:5]))
    ds = deals()
    names = [d['name'] for d in ds if d['name'].startswith(prefix)]
    twice = sorted(set(x for x in names if names.count(x) > 1))
    if twice: die('%d of %d deals made more than once (the sandbox holds %d, expected %d + %d), e.g. %s' % (len(twice), n, len(ds), base, n, twice[:5]))
    if len(ds) != base + n: die('the sandbox holds %d deals, expected %d + %d' % (len(ds), base, n))
    if sorted(names) != sorted('%s%d' % (prefix, i) for i in range(1, n + 1)): die('the deal names are not %s1..%s%d' % (prefix, prefix, n))
    ids = [r['_deal_id'] for r in rs]
    if len(set(ids)) != n: die('%d distinct _deal_id for %d rows' % (len(set(ids)), n))
    by_id = {d['id']: d for d in ds}
    for r in rs:
        d = by_id.get(r['_deal_id'])
        if not d: die('row %s: deal %s is not in the sandbox' % (r['_row'], r['_deal_id']))
        if d['name'] != r['Name']: die('row %s (%s): _deal_id %s is the deal %s' % (r['_row'], r['Name'], r['_deal_id'], d['name']))
    return rs
PY

# ---- 1. spellings, invalid rows, a duplicate, an unknown domain ----
sandbox_start --rate minute=0,hour=0,day=0
RES=deals.results.csv
# loose column names; expected amount, date (stored), stage, account, owner
# in the last columns (ignored by the tool: no column name it knows)
cat > deals.csv <<'CSV'
Deal Name,Company Domain,Deal Value,Deal Stage,Expected Close Date,Deal Owner,want_amount,want_date,want_stage,want_account,want_owner
Usd cents,kesselwerk-automation.com,"$50,000.00",Discovery,2026-12-31,marco.ferri@sellwise-demo.com,50000,2026-12-31,Discovery,kesselwerk-automation.com,marco.ferri@sellwise-demo.com
Plain digits,https://www.alborada-analytics.io/,75000,demo scheduled,12/31/2026,Tomasz Nowicki,75000,2026-12-31,Demo Scheduled,alborada-analytics.io,tomasz.nowicki@sellwise-demo.com
Thousands suffix,64a939a55310f88053fc3fcd,50k,PROPOSAL SENT,31.12.2026,,50000,2026-12-31,Proposal Sent,kesselwerk-automation.com,
Millions suffix,WWW.Alborada-Analytics.IO,1.2m,Closed Won,31-Dec-2026,63c821d0285ebedca343b38a,1200000,2026-12-31,Closed Won,alborada-analytics.io,marco.ferri@sellwise-demo.com
Euro code,kesselwerk-automation.com,"EUR 12,500",closed_lost,46188,,12500,2026-06-15,Closed Lost,kesselwerk-automation.com,
Cents kept,kesselwerk-automation.com,"$1,234.50",,"Jun 15, 2026",,1234.5,2026-06-15,,kesselwerk-automation.com,
Pound apostrophe,kesselwerk-automation.com,£2'500,,15 Jun 2026,,2500,2026-06-15,,kesselwerk-automation.com,
Capital K,kesselwerk-automation.com,3.5K,,2026/06/15,,3500,2026-06-15,,kesselwerk-automation.com,
Space groups,kesselwerk-automation.com,USD 7 500,,2026-06-15 00:00:00,,7500,2026-06-15,,kesselwerk-automation.com,
Mm suffix,kesselwerk-automation.com,2.5 MM,,15-06-2026,,2500000,2026-06-15,,kesselwerk-automation.com,
Euro sign after,kesselwerk-automation.com,990 €,,6/15/2026,,990,2026-06-15,,kesselwerk-automation.com,
Billions weekday,kesselwerk-automation.com,1bn,,"Tue, 1 Dec 2026",,1000000000,2026-12-01,,kesselwerk-automation.com,
Short year,kesselwerk-automation.com,CHF 640,,6/15/26,,640,2026-06-15,,kesselwerk-automation.com,
Iso instant,kesselwerk-automation.com,42,,2026-06-15T00:00:00Z,,42,2026-06-15,,kesselwerk-automation.com,
Nothing else,kesselwerk-automation.com,,,,,,,,kesselwerk-automation.com,
Negative,kesselwerk-automation.com,-500,,,,,,,,
Words,kesselwerk-automation.com,about 50k,,,,,,,,
Other convention,kesselwerk-automation.com,"50.000,00 €",,,,,,,,
Ambiguous date,kesselwerk-automation.com,100,,03/04/2026,,,,,,
No such day,kesselwerk-automation.com,100,,2026-02-30,,,,,,
No such month,kesselwerk-automation.com,100,,31/04/2026,,,,,,
Unknown stage,kesselwerk-automation.com,100,Negotiation,,,,,,,
,kesselwerk-automation.com,100,,,,,,,,
Not a domain,not a domain,100,,,,,,,,
Not an id,Acme & Co,100,,,,,,,,
Unknown owner,kesselwerk-automation.com,100,,,nobody@nowhere.example,,,,,
Usd cents,https://kesselwerk-automation.com/,50k,discovery,12/31/2026,Marco Ferri,,,,,
Unknown domain,no-such-company-anywhere.example,100,,,,,,,,
CSV
stats; mv stats stats.before
APOLLO_BASE_URL=$BASE run deals --no-progress deals.csv
expect_status 1 "deals with invalid rows"
[ ! -e "$RES.partial" ] || fail "$RES.partial left after a finished run"
stats
check "
rs = rows('$RES')
want = {
 'Negative': ('invalid', 'amount: '), 'Words': ('invalid', 'amount: '),
 'Other convention': ('invalid', '--decimal-comma'),
 'Ambiguous date': ('invalid', 'use --date-format dmy or mdy'),
 'No such day': ('invalid', 'is not a date'), 'No such month': ('invalid', 'closed_date: '),
 'Unknown stage': ('invalid', '\"Negotiation\" is not a deal stage: use Discovery, Demo Scheduled, Proposal Sent, Closed Won, Closed Lost'),
 '': ('invalid', 'no deal name'),
 'Not a domain': ('invalid', 'account \"not a domain\" is neither a domain nor an Apollo account id'),
 'Not an id': ('invalid', 'account \"Acme & Co\" is neither a domain nor an Apollo account id'),
 'Unknown owner': ('invalid', 'owner \"nobody@nowhere.example\" is not one of the team\'s users'),
 'Unknown domain': ('failed', 'Apollo has no account for no-such-company-anywhere.example: add --create-accounts'),
}
if len(rs) != 28: die('%d result rows, expected 28' % len(rs))
for i, r in enumerate(rs, 1):
    if r['_row'] != str(i) or r['_line'] != str(i + 1): die('row %d: _row %s _line %s' % (i, r['_row'], r['_line']))
for r in rs[:15]:
    if r['_status'] != 'created' or r['_reason'] or len(r['_deal_id']) != 24:
        die('%s: %s %s (deal %r), expected created' % (r['Deal Name'], r['_status'], r['_reason'], r['_deal_id']))
for r in rs[15:26]:
    s, why = want[r['Deal Name']]
    if r['_status'] != s or why not in r['_reason'] or r['_deal_id']:
        die('%s: %s %r (deal %r), expected %s with %r' % (r['Deal Name'], r['_status'], r['_reason'], r['_deal_id'], s, why))
dup = rs[26]
if (dup['_status'], dup['_reason'], dup['_deal_id']) != ('duplicate', 'the same deal as row 1', ''):
    die('row 27 (row 1 spelled otherwise): %s %r %r' % (dup['_status'], dup['_reason'], dup['_deal_id']))
un = rs[27]
if (un['_status'], un['_deal_id']) != ('failed', '') or want['Unknown domain'][1] not in un['_reason']:
    die('unknown domain: %s %r' % (un['_status'], un['_reason']))
# the deals as the sandbox holds them
ds = {d['id']: d for d in deals()}
if len(ds) != 15: die('the sandbox holds %d deals, expected 15' % len(ds))
for r in rs[:15]:
    d = ds.get(r['_deal_id'])
    if not d: die('%s: deal %s not in the sandbox' % (r['Deal Name'], r['_deal_id']))
    got = (d['name'], amount(d['amount']), (d['closed_date'] or '')[:10], d['stage_name'] or '', d['account_id'], d['owner_id'] or '')
    exp = (r['Deal Name'], r['want_amount'] or None, r['want_date'], r['want_stage'], acct(r['want_account']), user(r['want_owner']) if r['want_owner'] else '')
    if got != exp: die('%s: the sandbox holds %r, expected %r' % (r['Deal Name'], got, exp))
    if d['opportunity_stage_id'] != (stage(r['want_stage']) if r['want_stage'] else None): die('%s: stage id %r' % (r['Deal Name'], d['opportunity_stage_id']))
    if r['_account_id'] != d['account_id']: die('%s: _account_id %s, the deal has %s' % (r['Deal Name'], r['_account_id'], d['account_id']))
# one create per deal; stages, accounts and the custom fields (for the
# want_ columns, which feed nothing) read once; no look (no faults)
got = reqs(json.load(open('stats.before')))
exp = {'POST /api/v1/opportunities': 15, 'GET /api/v1/opportunity_stages': 1, 'POST /api/v1/accounts/search': 1,
       'POST /api/v1/users/search': 1, 'GET /api/v1/fields': 1}
if got != exp: die('requests %r, expected %r' % (got, exp))
if st()['opportunities'] != 15 or st()['accounts'] != len(seed['accounts']): die('stats: %d deals, %d accounts' % (st()['opportunities'], st()['accounts']))
" "deals on every spelling"
cp "$RES" first.results.csv
# the tool says what it did
expect_in stderr "28 rows: 15 created, 1 duplicate, 11 invalid, 1 failed"

# ---- 4. the results file exists: refused; --resume sends nothing new ----
stats; mv stats stats.before
APOLLO_BASE_URL=$BASE run deals --no-progress deals.csv
expect_status 6 "deals again on a file with results"
expect_in stderr "use --resume"
cmp -s "$RES" first.results.csv || fail "a refused run changed $RES"
stats
check "
got = reqs(json.load(open('stats.before')))
if any(k.startswith('POST /api/v1/opportunities') for k in got): die('a refused run sent %r' % got)
if st()['opportunities'] != 15: die('%d deals' % st()['opportunities'])
" "a refused second run"
# (it reads the stages before it looks at the results file: a read-only
# call spent on a run that is refused; nothing else)
check "
got = reqs(json.load(open('stats.before')))
if set(got) - {'GET /api/v1/opportunity_stages'}: die('a run refused for its results file called %r' % got)
" "a refused second run calls nothing but the stages"
stats; mv stats stats.before
APOLLO_BASE_URL=$BASE run deals --no-progress --resume deals.csv
expect_status 1 "--resume after a finished run (the invalid rows still need attention)"
cmp -s "$RES" first.results.csv || fail "--resume after a finished run changed $RES: $(diff first.results.csv "$RES" | head -20)"
stats
check "
got = reqs(json.load(open('stats.before')))
if any(k.startswith('POST /api/v1/opportunities') for k in got): die('--resume after a finished run sent %r' % got)
if st()['opportunities'] != 15: die('%d deals after --resume' % st()['opportunities'])
" "--resume after a finished run"

# ---- 2. --decimal-comma, --date-format dmy, --stage and --owner ----
RES=comma.results.csv
cat > comma.csv <<'CSV'
Name,Domain,Amount,Stage,Close Date,Owner,want_amount,want_date,want_stage,want_owner
Comma cents,kesselwerk-automation.com,"50.000,00 €",,03/04/2026,,50000,2026-04-03,Demo Scheduled,dana.whitfield@sellwise-demo.com
Comma half,kesselwerk-automation.com,"1.234,5",Closed Lost,31/12/2026,marco.ferri@sellwise-demo.com,1234.5,2026-12-31,Closed Lost,marco.ferri@sellwise-demo.com
Comma k,kesselwerk-automation.com,"12,5k",,1.2.2026,,12500,2026-02-01,Demo Scheduled,dana.whitfield@sellwise-demo.com
Year first,kesselwerk-automation.com,EUR 800,,2026-04-03,,800,2026-04-03,Demo Scheduled,dana.whitfield@sellwise-demo.com
Comma thousands,kesselwerk-automation.com,"50,000",,,,,,,
Month thirteen,kesselwerk-automation.com,100,,12/31/2026,,,,,
CSV
# an --owner or --stage that names nothing: exit 4, nothing written or sent
stats; mv stats stats.before
APOLLO_BASE_URL=$BASE run deals --no-progress --stage Negotiation comma.csv
expect_status 4 "--stage naming no stage"
expect_in stderr '--stage Negotiation: "Negotiation" is not a deal stage: use Discovery'
APOLLO_BASE_URL=$BASE run deals --no-progress --owner nobody@nowhere.example comma.csv
expect_status 4 "--owner naming nobody"
[ ! -e "$RES" ] && [ ! -e "$RES.partial" ] || fail "a refused --stage or --owner left results"
stats
check "
got = reqs(json.load(open('stats.before')))
if 'POST /api/v1/opportunities' in got: die('a refused --stage or --owner sent %r' % got)
" "refused --stage and --owner"
stats; mv stats stats.before
APOLLO_BASE_URL=$BASE run deals --no-progress --decimal-comma --date-format dmy --stage 'demo scheduled' \
	--owner dana.whitfield@sellwise-demo.com comma.csv
expect_status 1 "deals --decimal-comma --date-format dmy"
stats
check "
rs = rows('$RES')
if [r['_status'] for r in rs] != ['created'] * 4 + ['invalid'] * 2: die('statuses %r' % [(r['_status'], r['_reason']) for r in rs])
if 'amount: ' not in rs[4]['_reason'] or 'closed_date: ' not in rs[5]['_reason']: die('reasons %r' % [r['_reason'] for r in rs[4:]])
ds = {d['id']: d for d in deals()}
for r in rs[:4]:
    d = ds[r['_deal_id']]
    got = (amount(d['amount']), d['closed_date'][:10], d['stage_name'], d['owner_id'], d['account_id'])
    exp = (r['want_amount'], r['want_date'], r['want_stage'], user(r['want_owner']), acct('kesselwerk-automation.com'))
    if got != exp: die('%s: the sandbox holds %r, expected %r' % (r['Name'], got, exp))
got = reqs(json.load(open('stats.before')))
if got.get('POST /api/v1/opportunities') != 4 or 'POST /api/v1/opportunities/search' in got: die('requests %r' % got)
if st()['opportunities'] != 19: die('%d deals' % st()['opportunities'])
" "--decimal-comma and --date-format dmy"

# ---- 3. --create-accounts: an account for an unknown domain, made once ----
RES=newco.results.csv
cat > newco.csv <<'CSV'
Name,Website,Company,Amount
Newco pilot,https://newco-deals.example/,NewCo Deals,9000
Known account,kesselwerk-automation.com,,100
Newco expansion,newco-deals.example,NewCo Deals,20000
CSV
stats; mv stats stats.before
APOLLO_BASE_URL=$BASE run deals --no-progress --create-accounts newco.csv
expect_status 0 "deals --create-accounts"
stats
check "
b = json.load(open('stats.before'))
rs = rows('$RES')
if [r['_status'] for r in rs] != ['created'] * 3: die('statuses %r' % [(r['_status'], r['_reason']) for r in rs])
got = reqs(b)
exp = {'POST /api/v1/accounts/bulk_create': 1, 'POST /api/v1/opportunities': 3}
if got != exp: die('requests %r, expected %r' % (got, exp))
if st()['accounts'] != b['accounts'] + 1: die('accounts %d, expected %d + 1' % (st()['accounts'], b['accounts']))
new = [a for a in accounts() if a['domain'] == 'newco-deals.example']
if len(new) != 1: die('%d accounts for newco-deals.example' % len(new))
if new[0]['name'] != 'NewCo Deals': die('the new account is named %r' % new[0]['name'])
ds = {d['id']: d for d in deals()}
acc = [ds[r['_deal_id']]['account_id'] for r in rs]
if acc != [new[0]['id'], acct('kesselwerk-automation.com'), new[0]['id']]: die('deal accounts %r, new account %s' % (acc, new[0]['id']))
if [r['_account_id'] for r in rs] != acc: die('_account_id %r' % [r['_account_id'] for r in rs])
open('newco.id', 'w').write(new[0]['id'])
" "--create-accounts"
# a second run (another results name) finds the account Apollo now has
stats; mv stats stats.before
APOLLO_BASE_URL=$BASE run deals --no-progress --create-accounts -o again.results.csv newco.csv
expect_status 0 "deals --create-accounts, second run"
stats
check "
b = json.load(open('stats.before'))
rs = rows('again.results.csv')
if [r['_status'] for r in rs] != ['created'] * 3: die('statuses %r' % [(r['_status'], r['_reason']) for r in rs])
if st()['accounts'] != b['accounts']: die('accounts %d, was %d: an account made twice' % (st()['accounts'], b['accounts']))
new = open('newco.id').read()
if [r['_account_id'] for r in rs] != [new, acct('kesselwerk-automation.com'), new]: die('_account_id %r' % [r['_account_id'] for r in rs])
ds = {d['id']: d for d in deals()}
if [ds[r['_deal_id']]['account_id'] for r in rs] != [new, acct('kesselwerk-automation.com'), new]: die('deal accounts')
got = reqs(b)
if got.get('POST /api/v1/opportunities') != 3 or got.get('POST /api/v1/accounts/bulk_create', 0) > 1: die('requests %r' % got)
" "--create-accounts, second run"
expect_in stderr "accounts: 0 made"

# gen_deals PREFIX N: N deals named PREFIX1..PREFIXN at seed accounts
gen_deals() {
	python3 -c "
import json, os, sys
seed = json.load(open(os.environ['SEED']))
p, n = sys.argv[1], int(sys.argv[2])
doms = [a['domain'] for a in seed['accounts']]
stages = [s['name'] for s in seed['opportunity_stages']]
print('Name,Domain,Amount,Stage,Closed Date')
for i in range(1, n + 1):
    print('%s%d,%s,\"\$%d,%03d\",%s,2027-%02d-%02d' % (p, i, doms[i % len(doms)], i, i % 1000, stages[i % len(stages)], i % 12 + 1, i % 28 + 1))
" "$1" "$2"
}

# ---- 5. faults where Apollo may have made the deal: looked for, not made twice ----
sandbox_stop
sandbox_start --rate minute=0,hour=0,day=0 --faults lost=0.25,5xx=0.15,drop=0.1,malformed=0.1,truncated=0.05 --fault-seed 7
gen_deals F 150 > faults.csv
RES=faults.results.csv
stats; mv stats stats.before
APOLLO_BASE_URL=$BASE run deals --no-progress --retries 10 --backoff 1 faults.csv
expect_status 0 "deals through faults"
stats
check "
b = json.load(open('stats.before'))
f = st()['faults']
if not f.get('lost') or not f.get('malformed'): die('the sandbox lost or garbled no reply: %r' % f)
one_each('$RES', b['opportunities'], 'F', 150)
got = reqs(b)
looks = got.get('POST /api/v1/opportunities/search', 0) + got.get('GET /api/v1/opportunities/search', 0)
if not looks: die('no opportunities/search: a lost reply was not looked for (%r)' % got)
if got['POST /api/v1/opportunities'] < 150: die('%d creates for 150 deals' % got['POST /api/v1/opportunities'])
" "deals through faults"
# a deal found after its reply was lost says so
check "
rs = rows('$RES')
if not any('found in Apollo, not made again' in r['_reason'] for r in rs): die('no row says its deal was found')
" "found deals"

# ---- 6. kill -9 and --resume: no deal made twice ----
sandbox_stop
sandbox_start --rate minute=0,hour=0,day=0 --faults stall=0.5 --stall-ms 200 --fault-seed 11
gen_deals K 200 > kill.csv
RES=kill.results.csv
stats; mv stats stats.before
# The first run is killed after 3 s (about half the deals made, none
# written: 200 rows are one chunk), the first --resume after 1.5 s, before
# it writes; the last --resume must find the deals of both killed runs,
# the first one's made well before the second one started.
# (the tool itself in the background, not a subshell: kill -9 must hit it)
go() {
	APOLLO_BASE_URL=$BASE exec "$APOLLO_CSV" deals --no-progress "$@" kill.csv > stdout 2> stderr
}
resume=
for d in 3 1.5; do
	(go $resume) &
	pid=$!
	sleep "$d"
	kill -9 $pid 2> /dev/null
	wait $pid
	echo "killed after $d s (exit status $?)" >> log
	[ -e "$RES.partial" ] || fail "no $RES.partial after kill -9"
	resume=--resume
done
sleep 0.5        # the stalled requests of the last killed run land
stats; cp stats stats.killed
(go --resume)
rc=$?
expect_status 0 "--resume after two kill -9"
[ ! -e "$RES.partial" ] || fail "$RES.partial left after a finished run"
stats
soft_check "
b = json.load(open('stats.before'))
k = json.load(open('stats.killed'))
if k['opportunities'] - b['opportunities'] == 0: die('the killed runs made no deal: nothing to look for')
if k['opportunities'] - b['opportunities'] >= 200: die('the killed runs made every deal: kill sooner')
rs = one_each('$RES', b['opportunities'], 'K', 200)
# made by a killed run: written in its log, or (a reply the kill cut off)
# found in Apollo by the look
found = sum(1 for r in rs if 'found in Apollo, not made again' in r['_reason'])
logged = sum(1 for r in rs if 'written in its log; not made again' in r['_reason'])
if found + logged != k['opportunities'] - b['opportunities']: die('%d rows found made and %d logged, the killed runs made %d deals' % (found, logged, k['opportunities'] - b['opportunities']))
got = reqs(b)
if not got.get('POST /api/v1/opportunities/search'): die('--resume did not look for the deals the killed runs made (%r)' % got)
" "kill -9 and --resume"

# ---- 7. stopped by the rate limit; --resume finishes, each deal once ----
sandbox_stop
sandbox_start --rate minute=5,hour=0,day=0 --time-scale 1 --state sandbox.state
gen_deals R 12 > rate.csv
RES=rate.results.csv
stats; mv stats stats.before
APOLLO_BASE_URL=$BASE run deals --no-progress --max-wait 1 rate.csv
expect_status 5 "deals stopped by the rate limit"
expect_in stderr "--resume"
[ -e "$RES" ] || fail "no $RES after a stop"
stats
check "
rs = rows('$RES')
if len(rs) != 12: die('%d result rows' % len(rs))
made = [r for r in rs if r['_status'] == 'created']
left = [r for r in rs if r['_status'] == 'unprocessed']
if not made or not left or len(made) + len(left) != 12: die('statuses %r' % [r['_status'] for r in rs])
if any('--resume' not in r['_reason'] for r in left): die('an unprocessed row without --resume in its reason')
if st()['opportunities'] != json.load(open('stats.before'))['opportunities'] + len(made): die('%d deals in the sandbox, %d rows created' % (st()['opportunities'], len(made)))
open('left', 'w').write(str(len(left)))
" "the rate-limit stop"
sandbox_stop
sandbox_start --rate minute=0,hour=0,day=0 --state sandbox.state
APOLLO_BASE_URL=$BASE run deals --no-progress --resume rate.csv
expect_status 0 "--resume after the rate limit"
expect_in stderr "resuming after row"
stats
# (the restarted sandbox counts requests from 0: these are the --resume's)
check "
one_each('$RES', json.load(open('stats.before'))['opportunities'], 'R', 12)
got = reqs()
if got.get('POST /api/v1/opportunities') != int(open('left').read()): die('--resume sent %r for %s unprocessed rows' % (got, open('left').read()))
if 'POST /api/v1/opportunities/search' in got: die('--resume looked for deals no run could have sent: %r' % got)
" "after the rate-limit stop and --resume"

# ---- 8. a domain two accounts have: the row names both, no deal is made ----
RES=twice.results.csv
cat > twice.csv <<'CSV'
Name,Domain,Amount
Twice pilot,twice-deals.example,100
Known account,kesselwerk-automation.com,200
CSV
check "
for n in ('Twice GmbH', 'Twice Inc'):
    post('accounts', {'name': n, 'domain': 'twice-deals.example'})
"
stats; mv stats stats.before
APOLLO_BASE_URL=$BASE run deals --no-progress twice.csv
expect_status 1 "deals, a domain of two accounts"
stats
check "
rs = rows('$RES')
two = sorted(a['id'] for a in accounts() if a['domain'] == 'twice-deals.example')
if len(two) != 2: die('%d accounts for twice-deals.example' % len(two))
if [r['_status'] for r in rs] != ['failed', 'created']: die('statuses %r' % [(r['_status'], r['_reason']) for r in rs])
why = rs[0]['_reason']
if 'several accounts have the domain twice-deals.example' not in why or any(i not in why for i in two): die('reason %r' % why)
if st()['opportunities'] != json.load(open('stats.before'))['opportunities'] + 1: die('a deal made for the domain of two accounts')
" "a domain two accounts have"

finish
