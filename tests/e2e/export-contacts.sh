#!/bin/sh
# export contacts: filters (--label, --stage, --query, --sequence), one
# row per contact or per contact and sequence, names for ids, the calls
# made; and a search past Apollo's 50,000-record cap exported whole (the
# sandbox holds 50,800 contacts), checked against what the sandbox holds.
. "$(dirname "$0")/sandbox-lib.sh"
sandbox_start --rate minute=0,hour=0,day=0
export APOLLO_BASE_URL=$BASE APOLLO_API_KEY=$KEY
rows() { python3 -c "import csv, sys; print(len(list(csv.DictReader(open('$1', encoding='utf-8-sig')))))"; }

"$APOLLO_CSV" export contacts -q -o all.csv || fail "export contacts: exit status $?"
python3 - "$SEED" <<'PY' || fail "all.csv: $(head -3 all.csv)"
import csv, json, sys
seed = json.load(open(sys.argv[1]))
rs = list(csv.DictReader(open('all.csv')))
assert sorted(r['contact_id'] for r in rs) == sorted(c['id'] for c in seed['contacts']), 'not every contact once'
labels = {l['id']: l['name'] for l in seed['labels']}
stages = {s['id']: s['name'] for s in seed['contact_stages']}
users = {u['id']: u['email'] for u in seed['users']}
by_id = {c['id']: c for c in seed['contacts']}
for r in rs:
    c = by_id[r['contact_id']]
    assert r['email'] == (c.get('email') or ''), r
    assert r['lists'] == '; '.join(labels[i] for i in c.get('label_ids', [])), (r['lists'], c.get('label_ids'))
    if c.get('contact_stage_id'):
        assert r['stage'] == stages[c['contact_stage_id']], r['stage']
    if c.get('owner_id'):
        assert r['owner'] == users[c['owner_id']], r['owner']
    assert r['_checksum'].startswith('v2:'), r['_checksum']
PY

"$APOLLO_CSV" export contacts -q --label "Q4 Webinar" -o q4.csv || fail "--label: exit status $?"
n=$(python3 -c "
import json; s = json.load(open('$SEED'))
l = [x['id'] for x in s['labels'] if x['name'] == 'Q4 Webinar'][0]
print(sum(1 for c in s['contacts'] if l in c.get('label_ids', [])))")
[ "$(rows q4.csv)" = "$n" ] || fail "--label \"Q4 Webinar\": $(rows q4.csv) rows, the seed has $n"

"$APOLLO_CSV" export contacts -q --sequence "EMEA Follow-up" --per-sequence -o emea.csv ||
	fail "--sequence --per-sequence: exit status $?"
python3 -c "
import csv
rs = list(csv.DictReader(open('emea.csv')))
assert rs and all(r['sequence'] == 'EMEA Follow-up' and r['status'] for r in rs), rs[:2]
" || fail "--sequence --per-sequence: $(head -3 emea.csv)"
"$APOLLO_CSV" export contacts -q --stage Cold --query kesselwerk -o cold.csv || fail "--stage --query: exit status $?"
python3 -c "
import csv
rs = list(csv.DictReader(open('cold.csv')))
assert all(r['stage'] == 'Cold' and 'kesselwerk' in (r['email'] + r['organization_name']).lower() for r in rs), rs[:2]
" || fail "--stage --query: $(head -3 cold.csv)"
"$APOLLO_CSV" export contacts -q --label "No Such List" -o x.csv 2> err
[ $? = 4 ] || fail "an unknown --label: expected exit status 4"
[ ! -e x.csv ] || fail "an unknown --label left x.csv"
grep -qF 'the contact lists are:' err && grep -qF 'Q4 Webinar' err || fail "an unknown --label: $(cat err)"
# two sequences of one name: refused, each named by its id
"$APOLLO_CSV" export contacts -q --sequence "Duplicate Name Sequence" -o x.csv 2> err
[ $? = 4 ] || fail "--sequence naming two sequences: expected exit status 4"
for id in $(python3 -c "
import json; s = json.load(open('$SEED'))
print(' '.join(q['id'] for q in s['sequences'] if q['name'] == 'Duplicate Name Sequence'))"); do
	grep -qF "$id" err || fail "--sequence naming two sequences: $id not named: $(cat err)"
done
grep -qF '2 sequences have this name' err || fail "--sequence naming two sequences: $(cat err)"
# a list of accounts with a contact list's name: --label means the contacts'
curl -s -o /dev/null -X POST -H "x-api-key: $KEY" -H 'Content-Type: application/json' \
	--data '{"accounts":[{"name":"Q4 Co","domain":"q4-co-e2e.example"}],"append_label_names":["Q4 Webinar"]}' \
	"$BASE/accounts/bulk_create"
"$APOLLO_CSV" export contacts -q --label "Q4 Webinar" -o q4b.csv || fail "--label beside an account list: exit status $?"
[ "$(rows q4b.csv)" = "$n" ] || fail "--label \"Q4 Webinar\" beside an account list: $(rows q4b.csv) rows, the seed has $n"

# past the cap: 50,500 more contacts, then one export of all 50,800
python3 -c "
print('First Name,Last Name,Email,Company')
for i in range(50500): print('C%d,Cap%d,cap%d@cap-e2e-%d.example,Cap Co %d' % (i, i, i, i % 500, i))" > cap.csv
"$APOLLO_CSV" import -q --no-progress cap.csv || fail "import of 50,500 rows: exit status $?"
stats; mv stats stats.before
"$APOLLO_CSV" export contacts -o big.csv 2> err || fail "export past the cap: exit status $? ($(cat err))"
python3 -c "
import csv
ids = [r['contact_id'] for r in csv.DictReader(open('big.csv'))]
assert len(ids) == 50800 and len(set(ids)) == 50800, (len(ids), len(set(ids)))
" || fail "export past the cap is not every contact once"
stats
python3 -c "
import json
b = json.load(open('stats.before'))['requests'].get('POST /api/v1/contacts/search', 0)
a = json.load(open('stats'))['requests']['POST /api/v1/contacts/search']
# 500 pages oldest first, then newest first only as far as the 800 not
# yet read: about one page slot a contact (ceil(50800 / 100) = 508)
assert 508 <= a - b <= 508 * 1.05, a - b
" || fail "export past the cap: contacts/search calls $(cat stats)"
