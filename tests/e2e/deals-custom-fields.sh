#!/bin/sh
# deals with the team's deal custom fields: a column named as a field's
# label feeds it, each value converted by the field's type (a picklist's
# label to its value's id, numbers, dates, a date-time, a boolean, a
# multi-picklist's labels, text) as the sandbox then holds it; a value that
# does not fit leaves the deal made without it, named in _reason, exit 1;
# --strict-fields makes that row invalid; a column that feeds nothing is
# named; the fields are read once, and not at all for a file without such
# columns. Every check is on the results file and on what the sandbox
# received and holds.
. "$(dirname "$0")/import-lib.sh"

cat >> e2e_helpers.py <<'PY'
def fid(label):
    return [f['id'] for f in seed['typed_custom_fields'] if f['modality'] == 'opportunity' and f['name'] == label][0]
def vid(label, value):
    f = [f for f in seed['typed_custom_fields'] if f['modality'] == 'opportunity' and f['name'] == label][0]
    return [v['id'] for v in f['picklist_values'] if v['name'] == value][0]
def held():
    import urllib.request
    with urllib.request.urlopen(os.environ['ROOT'] + '/_sandbox/records/opportunities') as r:
        return {d['name']: d for d in json.load(r)['opportunities']}
def reqs(before):
    s, b = st()['requests'], before['requests']
    return {k: s[k] - b.get(k, 0) for k in s if s[k] != b.get(k, 0)}
PY
export ROOT
sandbox_start --rate minute=0,hour=0,day=0
deals() { APOLLO_BASE_URL=$BASE run deals --no-progress "$@"; }

# ---- 1. every type, a bad picklist value and a bad date ----
cat > deals.csv <<'EOF'
Deal Name,Company Domain,Deal Source,Expected Seats,Decision Date,Kickoff At,Multi-Year,Competitors,Next Step,Notes to self
Typed one,kesselwerk-automation.com,outbound,"1,250",31-Dec-2026,2026-12-01 09:30,yes,Acme CRM; Initech Reach,Send the proposal,kept here
Bad source,kesselwerk-automation.com,Referral,12,2026-11-30,,no,,,
Bad date,kesselwerk-automation.com,Partner,,2026-02-30,,,,,
Blank values,kesselwerk-automation.com,,,,,,,,
EOF
stats; cp stats stats.before
deals deals.csv
expect_status 1 "deals with custom values that do not fit"
expect_in stderr 'not sent (no deal field or deal custom field has their name): Notes to self'
stats
check "
rs = {r['Deal Name']: r for r in rows('deals.results.csv')}
for name in rs:
    if rs[name]['_status'] != 'created': die('%s: %s %r' % (name, rs[name]['_status'], rs[name]['_reason']))
for name in ('Typed one', 'Blank values'):
    if rs[name]['_reason']: die('%s: _reason %r' % (name, rs[name]['_reason']))
why = rs['Bad source']['_reason']
if not why.startswith('made without a custom value: ') or 'Referral' not in why or 'Deal Source' not in why or 'Inbound' not in why:
    die('Bad source: _reason %r' % why)
why = rs['Bad date']['_reason']
if 'Decision Date' not in why or '2026-02-30' not in why: die('Bad date: _reason %r' % why)
h = held()
t = h['Typed one']['typed_custom_fields']
want = {fid('Deal Source'): vid('Deal Source', 'Outbound'), fid('Decision Date'): '2026-12-31',
        fid('Multi-Year'): True, fid('Next Step'): 'Send the proposal',
        fid('Competitors'): sorted([vid('Competitors', 'Acme CRM'), vid('Competitors', 'Initech Reach')])}
for k, v in want.items():
    got = t.get(k)
    if isinstance(got, list): got = sorted(got)
    if got != v and str(got).lower() != str(v).lower(): die('Typed one: field %s holds %r, expected %r (all: %r)' % (k, got, v, t))
if float(t.get(fid('Expected Seats'))) != 1250: die('Expected Seats: %r' % t.get(fid('Expected Seats')))
if not str(t.get(fid('Kickoff At'), '')).startswith('2026-12-01T09:30'): die('Kickoff At: %r' % t.get(fid('Kickoff At')))
b = h['Bad source']['typed_custom_fields']
if fid('Deal Source') in b: die('Bad source: the bad value was sent: %r' % b)
if str(b.get(fid('Multi-Year'))).lower() != 'false' or float(b.get(fid('Expected Seats'))) != 12: die('Bad source: the good values %r' % b)
if h['Bad date']['typed_custom_fields'].get(fid('Deal Source')) != vid('Deal Source', 'Partner'): die('Bad date: %r' % h['Bad date']['typed_custom_fields'])
if fid('Decision Date') in h['Bad date']['typed_custom_fields']: die('Bad date: the bad date was sent')
if h['Blank values'].get('typed_custom_fields'): die('Blank values: sent %r' % h['Blank values']['typed_custom_fields'])
got = reqs(json.load(open('stats.before')))
if got.get('GET /api/v1/fields') != 1 or got.get('POST /api/v1/opportunities') != 4: die('requests %r' % got)
" "every type, and the values that do not fit"

# ---- 2. --strict-fields: the row with a bad value is invalid ----
sed 's/^Typed one,/Strict one,/; s/^Bad source,/Strict bad,/; s/^Bad date,/Strict date,/; s/^Blank values,/Strict blank,/' deals.csv > strict.csv
deals strict.csv --strict-fields
expect_status 1 "deals --strict-fields"
check "
rs = {r['Deal Name']: r for r in rows('strict.results.csv')}
st_ = {k: v['_status'] for k, v in rs.items()}
if st_ != {'Strict one': 'created', 'Strict bad': 'invalid', 'Strict date': 'invalid', 'Strict blank': 'created'}: die('statuses %r' % st_)
if 'Referral' not in rs['Strict bad']['_reason'] or '--strict-fields' not in rs['Strict bad']['_reason']: die('_reason %r' % rs['Strict bad']['_reason'])
h = held()
if 'Strict bad' in h or 'Strict date' in h: die('an invalid row was sent')
" "--strict-fields"

# ---- 3. a file whose every column a deal field takes: no look-up ----
printf 'Deal Name,Company Domain,Deal Value\nPlain one,kesselwerk-automation.com,100\n' > plain.csv
stats; cp stats stats.before
deals plain.csv
expect_status 0 "deals on a plain file"
expect_not_in stderr "not sent"
stats
check "
got = reqs(json.load(open('stats.before')))
if 'GET /api/v1/fields' in got or 'GET /api/v1/typed_custom_fields' in got: die('the fields were read: %r' % got)
" "no look-up without a spare column"
# ---- 4. a key that may make deals but read neither field list: the
# deals still go, the columns named as not sent, and why ----
/usr/bin/python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
d["api_keys"].append({"key": "no-fields-key", "master": False,
                      "scopes": ["deals/api/v1/opportunities/create", "api/v1/accounts/search"]})
json.dump(d, open("no-fields.json", "w"))' "$SEED"
sandbox_stop
sandbox_start --rate minute=0,hour=0,day=0 --seed no-fields.json
sed 's/^Typed one,/Scoped one,/' deals.csv | head -2 > scoped.csv
APOLLO_API_KEY=no-fields-key deals scoped.csv
expect_status 0 "deals with a key that may not read the fields"
expect_in stderr "the key may not read the team's custom fields"
check "
rs = rows('scoped.results.csv')
if [r['_status'] for r in rs] != ['created']: die('statuses %r' % [(r['_status'], r['_reason']) for r in rs])
if held()['Scoped one'].get('typed_custom_fields'): die('custom values sent: %r' % held()['Scoped one'])
" "a key without the field lists"
echo "PASS $TEST_NAME"
