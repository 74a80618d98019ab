#!/bin/sh
# accounts against the sandbox: 1,000 companies with 30 repeated domains
# (10 bulk_create calls and nothing else, each duplicate naming its first
# row, one account a domain in the sandbox; run again: all existing, none
# made); kill -9 in the middle and --resume (still one account a domain);
# a HubSpot companies export and an Apollo accounts export (each field as
# the sandbox stores it, lists, an Apollo Account Id not sent, bad rows
# named); --existing skip names the fields that differ, --existing update
# sends them and no other (stages by name); custom fields of every type,
# a bad value named, an update of the changed custom values alone and a
# (clear). Every check is on the results
# file and on what the sandbox
# received and holds. The companies are made up by the test.
. "$(dirname "$0")/import-lib.sh"

cat >> e2e_helpers.py <<'PY'
def accounts():
    return all_of('accounts/search', 'accounts')
def user(email):
    return [u['id'] for u in seed['users'] if u['email'] == email][0]
def reqs(before):
    s = st()['requests']
    b = before['requests']
    return {k: s[k] - b.get(k, 0) for k in s if s[k] != b.get(k, 0)}
# the sandbox's accounts whose domain starts with prefix, by domain; dies
# when a domain has two
def one_a_domain(prefix):
    by = {}
    for a in accounts():
        d = a.get('domain') or ''
        if d.startswith(prefix):
            if d in by: die('two accounts have the domain %s: %s and %s' % (d, by[d]['id'], a['id']))
            by[d] = a
    return by
# a file of 1,000 companies: 970 domains, and 30 rows (every 33rd from row
# 34 on) repeating an earlier row's domain in another spelling; the first
# row of each repeat in `firsts`
def gen(path, prefix):
    rows, firsts, n = [], {}, 0
    for i in range(1, 1001):
        if i >= 34 and i % 33 == 1 and len(firsts) < 30:
            k = i - 20
            rows.append(('%s Dup %d' % (prefix, i), 'https://www.%s-%d.example/about' % (prefix.lower(), k)))
            firsts[i] = k
        else:
            n += 1
            rows.append(('%s Company %d' % (prefix, i), '%s-%d.example' % (prefix.lower(), i)))
    import csv
    with open(path, 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(['Name', 'Website', 'Notes'])
        for name, site in rows:
            w.writerow([name, site, 'kept'])
    return firsts
PY

# check_big RESULTS PREFIX STATUS: the results of the 1,000-row file: 970
# rows STATUS (or created/existing), 30 duplicates naming their first rows,
# one account a domain, each row's _account_id the sandbox's for its domain
check_big() {
	check "
import json
firsts = json.load(open('$2.firsts'))
rs = rows('$1')
if [r['_row'] for r in rs] != [str(i) for i in range(1, 1001)]: die('_row is not 1..1000 (%d rows)' % len(rs))
dups = {int(r['_row']): r for r in rs if r['_status'] == 'duplicate'}
if sorted(dups) != sorted(int(k) for k in firsts): die('duplicates %s, expected %s' % (sorted(dups)[:40], sorted(firsts)))
for k, first in firsts.items():
    if dups[int(k)]['_reason'] != 'the same account as row %d' % first: die('row %s: %r' % (k, dups[int(k)]['_reason']))
    if dups[int(k)]['_account_id']: die('duplicate row %s has an account id' % k)
want = '$3'.split('/')
bad = [(r['_row'], r['_status'], r['_reason']) for r in rs if int(r['_row']) not in dups and r['_status'] not in want]
if bad: die('%d rows not %s: %s' % (len(bad), '$3', bad[:5]))
if any(r['Notes'] != 'kept' for r in rs): die('a column not sent was not kept')
by = one_a_domain('$2'.lower() + '-')
if len(by) != 970: die('%d accounts with the file\'s domains in the sandbox, expected 970' % len(by))
for r in rs:
    if int(r['_row']) in dups: continue
    d = r['Website']
    a = by.get(d)
    if not a or a['id'] != r['_account_id']: die('row %s (%s): _account_id %s, the sandbox has %s' % (r['_row'], d, r['_account_id'], a and a['id']))
    if a['name'] != r['Name']: die('row %s: the account is named %r' % (r['_row'], a['name']))
" "$4"
}

# ---- 1. 1,000 rows, 30 repeated domains: 10 calls, each domain once ----
sandbox_start --rate minute=0,hour=0,day=0
RES=big.results.csv
py "import json; json.dump(gen('big.csv', 'Big'), open('Big.firsts', 'w'))"
stats; mv stats stats.before
APOLLO_BASE_URL=$BASE run accounts --no-progress big.csv
expect_status 0 "accounts of 1,000 rows"
[ ! -e "$RES.partial" ] || fail "$RES.partial left after a finished run"
expect_in stderr "1000 rows: 970 created, 30 duplicate"
stats
check "
b = json.load(open('stats.before'))
got = reqs(b)
# the Notes column names no account field: the team's fields are looked
# up once, to see whether it is a custom one
if got != {'POST /api/v1/accounts/bulk_create': 10, 'GET /api/v1/fields': 1}: die('requests %r, expected 10 accounts/bulk_create and the look-up of the fields' % got)
if st()['accounts'] != b['accounts'] + 970: die('%d accounts, expected %d + 970' % (st()['accounts'], b['accounts']))
" "1,000 rows: the calls"
check_big "$RES" Big created "1,000 rows"

# the same file again: every account existing, none made, 10 calls
stats; mv stats stats.before
APOLLO_BASE_URL=$BASE run accounts --no-progress -o again.results.csv big.csv
expect_status 0 "accounts of the same file again"
stats
check "
b = json.load(open('stats.before'))
got = reqs(b)
if got != {'POST /api/v1/accounts/bulk_create': 10, 'GET /api/v1/fields': 1}: die('requests %r' % got)
if st()['accounts'] != b['accounts']: die('%d accounts made by the second run' % (st()['accounts'] - b['accounts']))
" "the same file again: the calls"
RES=again.results.csv
check_big "$RES" Big existing "the same file again"

# ---- 2. kill -9 in the middle, then --resume: still one account a domain ----
sandbox_stop
sandbox_start --rate minute=0,hour=0,day=0 --faults stall=1 --stall-ms 400 --fault-seed 3
RES=kill.results.csv
py "import json; json.dump(gen('kill.csv', 'Kill'), open('Kill.firsts', 'w'))"
stats; mv stats stats.before
# the tool itself in the background (exec), so that kill -9 hits it
(APOLLO_BASE_URL=$BASE exec "$APOLLO_CSV" accounts --no-progress --jobs 2 kill.csv > stdout 2> stderr) &
pid=$!
# killed once some accounts are made, and before all are: polled
n=0
until py "
b = json.load(open('stats.before'))
import urllib.request
s = json.load(urllib.request.urlopen('$ROOT/_sandbox/stats'))
sys.exit(0 if s['accounts'] - b['accounts'] >= 150 else 1)"; do
	n=$((n + 1))
	[ $n -le 300 ] || fail "no accounts made after 30 s"
	kill -0 $pid 2> /dev/null || fail "the run ended before it was killed"
	sleep 0.1
done
kill -9 $pid 2> /dev/null
wait $pid
[ -e "$RES.partial" ] || fail "no $RES.partial after kill -9"
# the requests the killed run left in flight land: polled until the count holds
prev=-1
while :; do
	stats
	now=$(py "print(st()['accounts'])")
	[ "$now" = "$prev" ] && break
	prev=$now
	sleep 0.5
done
cp stats stats.killed
APOLLO_BASE_URL=$BASE run accounts --no-progress --resume kill.csv
expect_status 0 "--resume after kill -9"
[ ! -e "$RES.partial" ] || fail "$RES.partial left after a finished run"
stats
check "
b = json.load(open('stats.before'))
k = json.load(open('stats.killed'))
made = k['accounts'] - b['accounts']
if made == 0 or made >= 970: die('the killed run made %d accounts: kill it in the middle' % made)
if st()['accounts'] != b['accounts'] + 970: die('%d accounts after --resume, expected %d + 970' % (st()['accounts'], b['accounts']))
" "kill -9 and --resume: the count"
check_big "$RES" Kill "created/existing" "kill -9 and --resume"

# ---- 3. a HubSpot companies export ----
sandbox_stop
sandbox_start --rate minute=0,hour=0,day=0
RES=hubspot.results.csv
cat > hubspot.csv <<'CSV'
Record ID,Company name,Company Domain Name,Phone Number,Company owner,City,State/Region,Country/Region,Lifecycle Stage
1001,Fjordline Test AS,fjordline-test.example,+47 22 00 00 01,marco.ferri@sellwise-demo.com,Oslo,,Norway,Lead
1002,Quellbach Test GmbH,www.quellbach-test.example,'+49 89 0000 02,Tomasz Nowicki,München,Bayern,Germany,Customer
1003,No Owner Co,noowner-test.example,,nobody@nowhere.example,,,,Lead
1004,,,,,,,,Lead
1005,Only A Name Test Ltd,,,,,,,
1006,fjordline again,https://fjordline-test.example/,,,,,,
1007,Bad Site,not a domain,,,,,,
CSV
stats; mv stats stats.before
APOLLO_BASE_URL=$BASE run accounts --no-progress hubspot.csv
expect_status 1 "a HubSpot export with bad rows"
stats
check "
b = json.load(open('stats.before'))
rs = {r['Record ID']: r for r in rows('$RES')}
want = {'1001': 'created', '1002': 'created', '1003': 'invalid', '1004': 'invalid', '1005': 'created',
        '1006': 'duplicate', '1007': 'invalid'}
got = {k: r['_status'] for k, r in rs.items()}
if got != want: die('statuses %r' % got)
if 'owner \"nobody@nowhere.example\" is not one of the team' not in rs['1003']['_reason']: die(rs['1003']['_reason'])
if rs['1004']['_reason'] != 'no name and no website: Apollo needs at least one': die(rs['1004']['_reason'])
if rs['1006']['_reason'] != 'the same account as row 1': die(rs['1006']['_reason'])
if 'website \"not a domain\" is not a web address or a domain' not in rs['1007']['_reason']: die(rs['1007']['_reason'])
by = {a['id']: a for a in accounts()}
f = by[rs['1001']['_account_id']]
if (f['name'], f['domain'], f['phone'], f['owner_id'], f['raw_address']) != ('Fjordline Test AS', 'fjordline-test.example', '+47 22 00 00 01', user('marco.ferri@sellwise-demo.com'), 'Oslo, Norway'): die('row 1: %r' % f)
q = by[rs['1002']['_account_id']]
if (q['domain'], q['phone'], q['owner_id'], q['raw_address']) != ('quellbach-test.example', '+49 89 0000 02', user('tomasz.nowicki@sellwise-demo.com'), 'München, Bayern, Germany'): die('row 2: %r' % q)
o = by[rs['1005']['_account_id']]
if o['name'] != 'Only A Name Test Ltd' or o.get('domain'): die('row 5: %r' % o)
got = reqs(b)
if got.get('POST /api/v1/accounts/bulk_create') != 1: die('requests %r' % got)
if st()['accounts'] != b['accounts'] + 3: die('%d accounts made' % (st()['accounts'] - b['accounts']))
" "a HubSpot export"

# ---- 4. an Apollo accounts export (43 columns), lists, an id ----
RES=apollo.results.csv
known=$(py "print([a['id'] for a in seed['accounts']][0])")
py "
import csv
head = ['Company Name', 'Company Name for Emails', 'Account Stage', 'Lists', '# Employees', 'Industry',
 'Account Owner', 'Website', 'Company Linkedin Url', 'Facebook Url', 'Twitter Url', 'Company Street',
 'Company City', 'Company State', 'Company Country', 'Company Postal Code', 'Company Address', 'Keywords',
 'Company Phone', 'Technologies', 'Total Funding', 'Latest Funding', 'Latest Funding Amount', 'Last Raised At',
 'Annual Revenue', 'Number of Retail Locations', 'Apollo Account Id', 'SIC Codes', 'NAICS Codes',
 'Short Description', 'Founded Year', 'Logo Url', 'Subsidiary of', 'Subsidiary of (Organization ID)',
 'Primary Intent Topic', 'Primary Intent Score', 'Secondary Intent Topic', 'Secondary Intent Score',
 'Prerequisite: Determine Research Guidelines', 'Already Prospected 2717', 'Qualify Account',
 'Qualified Prospect 6487', 'Prerequisite: Research Target Company']
assert len(head) == 43
def row(**v):
    return [v.get(h, '') for h in head]
with open('apollo.csv', 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(head)
    w.writerow(row(**{'Company Name': 'Harrowgate Test Ltd', 'Lists': 'Export Test A, Export Test B',
        'Account Owner': 'marco.ferri@sellwise-demo.com', 'Website': 'http://www.harrowgate-test.example',
        'Company Linkedin Url': 'http://www.linkedin.com/company/harrowgate-test', 'Company Street': '1 Mill Lane',
        'Company City': 'Leeds', 'Company Country': 'United Kingdom',
        'Company Address': '1 Mill Lane, Leeds LS1 1AA, United Kingdom', 'Company Phone': \"'+44 113 000 0001\",
        'Short Description': 'line one\nline two', 'Qualify Account': 'yes'}))
    w.writerow(row(**{'Company Name': 'Ostwind Test AG', 'Lists': 'Export Test B', 'Website': 'https://ostwind-test.example'}))
    w.writerow(row(**{'Company Name': 'Seed Account', 'Apollo Account Id': '$known'}))
    w.writerow(row(**{'Company Name': 'Mangled Id', 'Apollo Account Id': '7.01E+23'}))
    # an export of another team: an id this team does not have
    w.writerow(row(**{'Company Name': 'Elsewhere Test Co', 'Website': 'elsewhere-test.example',
                      'Apollo Account Id': '5f00000000000000000000e1'}))
    w.writerow(row(**{'Apollo Account Id': '5f00000000000000000000e2'}))
"
stats; mv stats stats.before
APOLLO_BASE_URL=$BASE run accounts --no-progress --label "Export Test C" apollo.csv
expect_status 1 "an Apollo export with a mangled id"
stats
check "
b = json.load(open('stats.before'))
rs = rows('$RES')
if [r['_status'] for r in rs] != ['created', 'created', 'existing', 'invalid', 'created', 'failed']: die('statuses %r' % [(r['_status'], r['_reason']) for r in rs])
if rs[2]['_account_id'] != '$known' or 'gives its Apollo Account Id, one of the team' not in rs[2]['_reason']: die('row 3: %r' % rs[2])
# another team's id: made by its name and website, the id named, never taken
if rs[4]['_account_id'] in ('', '5f00000000000000000000e1') or 'is not one of the team' not in rs[4]['_reason']: die('row 5: %r' % rs[4])
if '5f00000000000000000000e2' not in rs[5]['_reason'] or rs[5]['_account_id']: die('row 6: %r' % rs[5])
if 'Mangled Id' != rs[3]['Company Name'] or not rs[3]['_reason']: die('row 4: %r' % rs[3])
if rs[0]['Short Description'] != 'line one\nline two' or rs[0]['Qualify Account'] != 'yes': die('columns not kept')
by = {a['id']: a for a in accounts()}
h = by[rs[0]['_account_id']]
if (h['domain'], h['phone'], h['owner_id'], h['raw_address'], h['linkedin_url']) != ('harrowgate-test.example', '+44 113 000 0001', user('marco.ferri@sellwise-demo.com'), '1 Mill Lane, Leeds LS1 1AA, United Kingdom', 'http://www.linkedin.com/company/harrowgate-test'): die('row 1: %r' % h)
o = by[rs[1]['_account_id']]
import urllib.request
r = urllib.request.Request(os.environ['BASE'] + '/labels', headers={'x-api-key': 'sandbox-master-key'})
names = {l['id']: l['name'] for l in json.load(urllib.request.urlopen(r))}
hl = sorted(names[i] for i in h['label_ids'])
ol = sorted(names[i] for i in o['label_ids'])
if hl != ['Export Test A', 'Export Test B', 'Export Test C']: die('row 1 lists %r' % hl)
if ol != ['Export Test B', 'Export Test C']: die('row 2 lists %r' % ol)
got = reqs(b)
# three sets of lists: three calls; the users once, for the owner; the
# team's accounts read once, for the ids
if got.get('POST /api/v1/accounts/bulk_create') != 3 or not got.get('POST /api/v1/accounts/search'): die('requests %r' % got)
if st()['accounts'] != b['accounts'] + 3: die('%d accounts made' % (st()['accounts'] - b['accounts']))
" "an Apollo accounts export"

# ---- 5. --existing skip|update: only what differs is sent (the new
# account of the skip run is unchanged in the update run) ----
RES=update.results.csv
# Kesselwerk: a stage by name (any case); Alborada: another owner (by
# name) and another phone, which bulk_update does not take; the
# third seed account as the sandbox has it; a new one; a stage nobody has
py "
import csv
a = seed['accounts']
with open('update.csv', 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(['Account Name', 'Website', 'Phone', 'Account Stage', 'Account Owner'])
    w.writerow([a[0]['name'], 'https://www.' + a[0]['domain'], a[0]['phone'], 'current client', ''])
    w.writerow([a[1]['name'], a[1]['domain'], '+1 512-555-0199', '', 'Tomasz Nowicki'])
    w.writerow([a[2]['name'], a[2]['domain'], a[2].get('phone', ''), '', ''])
    w.writerow(['Brand New Update Test', 'brand-new-update-test.example', '', 'Prospect', ''])
    w.writerow(['Stage Typo Test', 'stage-typo-test.example', '', 'Prospekt', ''])
"
stats; mv stats stats.before
APOLLO_BASE_URL=$BASE run accounts --no-progress -o skip.results.csv update.csv
expect_status 1 "accounts with a stage nobody has"
stats
check "
b = json.load(open('stats.before'))
rs = rows('skip.results.csv')
if [r['_status'] for r in rs] != ['existing', 'existing', 'existing', 'created', 'invalid']: die('statuses %r' % [(r['_status'], r['_reason']) for r in rs])
a = seed['accounts']
if [r['_account_id'] for r in rs[:3]] != [x['id'] for x in a[:3]]: die('ids %r' % [r['_account_id'] for r in rs])
if rs[0]['_reason'] != 'Apollo has it and shows otherwise: account_stage_id; not changed (--existing update would send account_stage_id)': die(rs[0]['_reason'])
if rs[1]['_reason'] != 'Apollo has it and shows otherwise: owner_id, phone; not changed (--existing update would send owner_id)': die(rs[1]['_reason'])
if rs[2]['_reason']: die('row 3: %r' % rs[2]['_reason'])
if not rs[4]['_reason'].startswith(chr(34) + 'Prospekt' + chr(34) + ' is not an account stage: use Prospect, Active Opportunity'): die(rs[4]['_reason'])
got = reqs(b)
if got.get('GET /api/v1/account_stages') != 1 or any('bulk_update' in k for k in got): die('requests %r' % got)
new = [x for x in accounts() if x['domain'] == 'brand-new-update-test.example']
if len(new) != 1 or new[0]['account_stage_id'] != [s['id'] for s in seed['account_stages'] if s['name'] == 'Prospect'][0]: die('the new account %r' % new)
" "--existing skip"
: > "$EXCHANGES.mark"; wc -l < "$EXCHANGES" > "$EXCHANGES.mark"
stats; mv stats stats.before
APOLLO_BASE_URL=$BASE run accounts --no-progress --existing update update.csv
expect_status 1 "accounts --existing update with a stage nobody has"
stats
# the exchange is in the record once the sandbox has written it: polled
n=0
until grep -q '/accounts/bulk_update' "$EXCHANGES"; do
	n=$((n + 1))
	[ $n -le 100 ] || fail "no accounts/bulk_update in the sandbox's record"
	sleep 0.1
done
check "
b = json.load(open('stats.before'))
rs = rows('$RES')
if [r['_status'] for r in rs] != ['updated', 'updated', 'unchanged', 'unchanged', 'invalid']: die('statuses %r' % [(r['_status'], r['_reason']) for r in rs])
if rs[0]['_reason'] != 'updated: account_stage_id' or rs[1]['_reason'] != \"updated: owner_id; not changed: phone (Apollo's bulk update of accounts does not take it)\": die('reasons %r' % [r['_reason'] for r in rs])
got = reqs(b)
if got.get('POST /api/v1/accounts/bulk_update') != 1 or got.get('POST /api/v1/accounts/bulk_create') != 1: die('requests %r' % got)
skip = int(open('$EXCHANGES.mark').read())
sent = [json.loads(l) for l in open('$EXCHANGES').read().splitlines()[skip:]]
ups = [json.loads(x['request_body']) for x in sent if x['path'] == '/accounts/bulk_update']
a = seed['accounts']
stage = [s['id'] for s in seed['account_stages'] if s['name'] == 'Current Client'][0]
tomasz = [x['id'] for x in seed['users'] if x['email'] == 'tomasz.nowicki@sellwise-demo.com'][0]
want = {'account_attributes': [{'id': a[0]['id'], 'account_stage_id': stage}, {'id': a[1]['id'], 'owner_id': tomasz}]}
if ups != [want]: die('bulk_update sent %r, expected %r' % (ups, want))
by = {x['id']: x for x in accounts()}
if by[a[0]['id']]['account_stage_id'] != stage or by[a[1]['id']]['owner_id'] != tomasz or by[a[1]['id']]['phone'] != a[1]['phone']: die('the sandbox holds %r' % [by[a[0]['id']], by[a[1]['id']]])
" "--existing update"

# ---- 6. custom fields: each type as Apollo takes it, a bad value named ----
RES=custom.results.csv
cat > custom.csv <<'CSV'
Company Name,Website,Region,Account Tier,Contract Value,Contract End,Is Partner,Products Used,CRM Code,Industry
Customfield Test One,customfield-one.example,emea,Strategic,"1,234.5",31.12.2026,yes,Platform; analytics suite,C-1,Software
Customfield Test Two,customfield-two.example,Mars,Growth,,,,,,Retail
Customfield Test One,customfield-one.example,APAC,,,,,,,
CSV
stats; mv stats stats.before
APOLLO_BASE_URL=$BASE run accounts --no-progress custom.csv
expect_status 1 "accounts with a picklist value the field does not have"
expect_in stderr 'Region -> custom field "Region" (picklist)'
expect_in stderr 'not sent: Industry'
stats
check "
b = json.load(open('stats.before'))
rs = rows('$RES')
if [r['_status'] for r in rs] != ['created', 'created', 'duplicate']: die('statuses %r' % [(r['_status'], r['_reason']) for r in rs])
if rs[0]['_reason']: die('row 1: %r' % rs[0]['_reason'])
why = rs[1]['_reason']
if not why.startswith('sent without ') or 'Mars' not in why or 'EMEA' not in why or 'Region' not in why: die('row 2: %r' % why)
f = {x['name']: x for x in seed['typed_custom_fields'] if x['modality'] == 'account'}
def opt(field, label): return [o['id'] for o in f[field]['picklist_values'] if o['name'] == label][0]
by = {x['id']: x for x in accounts()}
one = by[rs[0]['_account_id']]['typed_custom_fields']
want = {f['Region']['id']: opt('Region', 'EMEA'), f['Account Tier']['id']: opt('Account Tier', 'Strategic'),
        f['Contract End']['id']: '2026-12-31', f['CRM Code']['id']: 'C-1'}
for k, v in want.items():
    if one.get(k) != v: die('row 1: %s is %r, expected %r (%r)' % (k, one.get(k), v, one))
if str(one.get(f['Contract Value']['id'])) not in ('1234.5',): die('Contract Value %r' % one.get(f['Contract Value']['id']))
if str(one.get(f['Is Partner']['id'])).lower() != 'true': die('Is Partner %r' % one.get(f['Is Partner']['id']))
pu = one.get(f['Products Used']['id'])
pu = sorted(pu if isinstance(pu, list) else pu.split(';'))
if pu != sorted([opt('Products Used', 'Platform'), opt('Products Used', 'Analytics Suite')]): die('Products Used %r' % pu)
two = by[rs[1]['_account_id']]['typed_custom_fields'] or {}
if f['Region']['id'] in two or two.get(f['Account Tier']['id']) != opt('Account Tier', 'Growth'): die('row 2: %r' % two)
got = reqs(b)
if got != {'GET /api/v1/fields': 1, 'POST /api/v1/accounts/bulk_create': 1}: die('requests %r' % got)
" "custom fields"
# --existing update: only the custom value that changed, (clear) clears
: > "$EXCHANGES.mark"; wc -l < "$EXCHANGES" > "$EXCHANGES.mark"
cat > custom2.csv <<'CSV'
Company Name,Website,Region,Account Tier,CRM Code
Customfield Test One,customfield-one.example,EMEA,Growth,(clear)
CSV
APOLLO_BASE_URL=$BASE run accounts --no-progress --existing update custom2.csv
expect_status 0 "accounts --existing update of custom values"
n=0
until [ "$(tail -n +"$(($(cat "$EXCHANGES.mark") + 1))" "$EXCHANGES" | grep -c '/accounts/bulk_update')" -ge 1 ]; do
	n=$((n + 1))
	[ $n -le 100 ] || fail "no accounts/bulk_update in the sandbox's record"
	sleep 0.1
done
check "
rs = rows('custom2.results.csv')
if rs[0]['_status'] != 'updated' or rs[0]['_reason'] != 'updated: Account Tier, CRM Code': die('%r' % rs[0])
skip = int(open('$EXCHANGES.mark').read())
sent = [json.loads(l) for l in open('$EXCHANGES').read().splitlines()[skip:]]
ups = [json.loads(x['request_body']) for x in sent if x['path'] == '/accounts/bulk_update']
f = {x['name']: x for x in seed['typed_custom_fields'] if x['modality'] == 'account'}
growth = [o['id'] for o in f['Account Tier']['picklist_values'] if o['name'] == 'Growth'][0]
want = [{'account_attributes': [{'id': rs[0]['_account_id'], 'typed_custom_fields': {f['Account Tier']['id']: growth, f['CRM Code']['id']: ''}}]}]
if ups != want: die('bulk_update sent %r, expected %r' % (ups, want))
one = {x['id']: x for x in accounts()}[rs[0]['_account_id']]['typed_custom_fields']
if one.get(f['Account Tier']['id']) != growth or one.get(f['CRM Code']['id']): die('the sandbox holds %r' % one)
" "--existing update of custom values"

# ---- 7. no name or website column: exit 3, nothing sent ----
printf 'Industry,Employees\nSoftware,12\n' > nothing.csv
stats; mv stats stats.before
APOLLO_BASE_URL=$BASE run accounts --no-progress nothing.csv
expect_status 3 "a file without a name or website column"
expect_in stderr "no column for the account's name or website"
stats
check "
got = reqs(json.load(open('stats.before')))
if any('accounts' in k for k in got): die('sent %r' % got)
" "no name column"
exit 0
