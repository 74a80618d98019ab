#!/bin/sh
# the round trip beyond the seven fields (in CSV, then once in a workbook
# edited with openpyxl): phones, owner (by email), stage (by name), lists
# (added and taken away), two custom fields (a picklist by its label, a date
# as Excel writes one), a stage and a picklist value the team has not, edited
# in an export: exactly those changes reach the sandbox, in the fewest
# calls (the phones by PATCH, one a contact, as bulk_update does not take
# them; the owners ride in bulk_update's items; one call for the list
# added to two contacts, one for the list taken away), the bad stage and
# value are the row's problems while the rest of the row goes, and an unedited
# export makes no call at all. A file of an earlier version (_checksum v1)
# still sends its seven fields, and only those.
. "$(dirname "$0")/sandbox-lib.sh"
# the seed, with a date in a custom field of three contacts whose day is 12
# or less (a spreadsheet may rewrite it 8/7/2025, in either order)
/usr/bin/python3 - "$SEED" <<'PY' || fail "writing the seed"
import json, sys
d = json.load(open(sys.argv[1]))
fid = [f['id'] for f in d['typed_custom_fields'] if f['modality'] == 'contact' and f['name'] == 'Last Event Date'][0]
for c, day in zip([c for c in d['contacts'] if c.get('email')][-3:], ('2025-08-07', '2025-12-01', '2026-02-11')):
    c.setdefault('typed_custom_fields', {})[fid] = day
json.dump(d, open('dated-seed.json', 'w'))
PY
sandbox_start --rate minute=0,hour=0,day=0 --seed dated-seed.json
export APOLLO_BASE_URL=$BASE APOLLO_API_KEY=$KEY
calls() { stats; /usr/bin/python3 -c "
import json
r = json.load(open('stats'))['requests']
print(' '.join('%s=%d' % (k.split(' ', 1)[0] + ' ' + k.split('/api/v1/')[-1], v) for k, v in sorted(r.items())
               if not k.startswith('GET') and 'search' not in k))"; }

"$APOLLO_CSV" export contacts -q -o all.csv || fail "export contacts: exit status $?"
head -1 all.csv | grep -q 'mobile_phone' || fail "no phone columns: $(head -1 all.csv)"
"$APOLLO_CSV" update -q all.csv || fail "update of an unedited export: exit status $?"
[ -z "$(calls)" ] || fail "an unedited round trip made write calls: $(calls)"

# dates a spreadsheet only rewrote in its own order (8/7/2025 for
# 2025-08-07: a day of 12 or less reads both ways) are no edit either
/usr/bin/python3 - <<'PY' || fail "rewriting the dates of all.csv"
import csv
rows = list(csv.reader(open('all.csv', newline='', encoding='utf-8')))
col = rows[0].index('Last Event Date')
n = 0
for r in rows[1:]:
    v = r[col]
    if len(v) == 10 and v[4] == '-' and int(v[8:]) <= 12 and int(v[5:7]) != int(v[8:]):
        r[col] = '%d/%d/%s' % (int(v[5:7]), int(v[8:]), v[:4])
        n += 1
assert n, 'no date with a day of 12 or less to rewrite'
csv.writer(open('redated.csv', 'w', newline='', encoding='utf-8')).writerows(rows)
PY
"$APOLLO_CSV" update -q -o redated.results.csv redated.csv || fail "update of rewritten dates: exit status $?"
[ -z "$(calls)" ] || fail "dates only rewritten made write calls: $(calls)"
grep -q ',invalid,' redated.results.csv && fail "a rewritten date made a row invalid: $(grep ',invalid,' redated.results.csv | head -2)"

/usr/bin/python3 - <<'PY' || fail "editing all.csv"
import csv
rows = list(csv.reader(open('all.csv', newline='', encoding='utf-8')))
h = rows[0]
col = {n: h.index(n) for n in h}
# five contacts that have a direct phone and at least one list
pick = [i for i, r in enumerate(rows) if i and r[col['direct_phone']] and r[col['lists']] and
        'Partners' not in r[col['lists']]][:6]
assert len(pick) == 6, pick
a, b, c, d, e, f = pick
rows[a][col['mobile_phone']] = '+44 20 7946 0001'          # a new number of a new type
rows[b][col['direct_phone']] = '+1 415 555 0199'           # the direct number replaced
# another owner than each has, by email (case aside)
owner = lambda r: 'tomasz.nowicki@sellwise-demo.com' if r[col['owner']] != 'tomasz.nowicki@sellwise-demo.com' \
                  else 'olu.adeyemi@sellwise-demo.com'
new_c, new_e = owner(rows[c]), owner(rows[e])
rows[c][col['owner']] = new_c.capitalize()
lists = rows[d][col['lists']].split('; ')
rows[d][col['lists']] = '; '.join(lists[1:] + ['Partners'])   # one taken away, one added
rows[e][col['lists']] += '; Partners'                      # the same list added
rows[e][col['owner']] = new_e
rows[f][col['stage']] = 'Hot Lead'                         # no such stage
rows[f][col['Customer Tier']] = 'Tier 9'                   # no such value
rows[f][col['title']] = 'Head of Round Trips'
# a stage, by name; two custom fields (a picklist by label, a date as Excel shows one)
new_stage = 'Interested' if rows[b][col['stage']] != 'Interested' else 'Replied'
rows[b][col['stage']] = new_stage
rows[a][col['Customer Tier']] = 'tier 2'
rows[c][col['Last Event Date']] = '3/13/2026'
csv.writer(open('edited.csv', 'w', newline='', encoding='utf-8')).writerows(rows)
open('picked', 'w').write(' '.join(rows[i][col['contact_id']] for i in pick) + '\n' + lists[0] + '\n' +
                          new_c + ' ' + new_e + '\n' + new_stage + '\n')
PY
stats; mv stats stats.before
"$APOLLO_CSV" update -q --no-progress edited.csv 2> err
[ $? = 1 ] || fail "update with a bad stage: expected exit status 1 (a row needs attention): $(cat err)"
/usr/bin/python3 - <<'PY' || fail "edited.results.csv: $(grep -v ',unchanged,' edited.results.csv | head)"
import csv
ids, removed = open('picked').read().split('\n')[:2]
ids = ids.split()
rs = {r['contact_id']: r for r in csv.DictReader(open('edited.results.csv'))}
want = {ids[0]: 'changed: Customer Tier, mobile_phone', ids[1]: 'changed: direct_phone, stage',
        ids[2]: 'changed: owner, Last Event Date',
        ids[3]: 'changed: lists added, lists taken away', ids[4]: 'changed: owner, lists added'}
for i, reason in want.items():
    assert (rs[i]['_status'], rs[i]['_reason']) == ('updated', reason), (rs[i]['_status'], rs[i]['_reason'], reason)
bad = rs[ids[5]]
assert bad['_status'] == 'updated' and bad['_reason'].startswith('changed: title; stage "Hot Lead" is no contact stage'), bad['_reason']
assert '"Cold"' in bad['_reason'], bad['_reason']
# the value that does not fit: its column, its field, the value and what would fit
assert 'column "Customer Tier" (custom field Customer Tier, picklist) not sent: "Tier 9"' in bad['_reason'], bad['_reason']
assert 'Tier 1' in bad['_reason'] and 'Tier 3' in bad['_reason'], bad['_reason']
assert sum(1 for r in rs.values() if r['_status'] != 'unchanged') == 6
PY
# the fewest calls: one bulk_update (two owners, a title, two custom
# values), a PATCH per phone, one update_stages for the stage there is (none
# for the one that is not), one call per list change (the same list added
# to two contacts: one call)
stats
/usr/bin/python3 - <<'PY' || fail "calls: $(cat stats)"
import json
a, b = json.load(open('stats'))['requests'], json.load(open('stats.before'))['requests']
d = {k: a[k] - b.get(k, 0) for k in a if a[k] != b.get(k, 0) and not k.startswith('GET') and 'search' not in k}
want = {'POST /api/v1/contacts/bulk_update': 1, 'PATCH /api/v1/contacts/{id}': 2,
        'POST /api/v1/contacts/update_stages': 1,
        'POST /api/v1/labels/add_entity_ids_to_label_names': 1,
        'POST /api/v1/labels/remove_entity_ids_from_label_names': 1}
assert d == want, d
PY

# what the sandbox holds: exactly the edits
"$APOLLO_CSV" export contacts -q -o after.csv || fail "export after the update: exit status $?"
/usr/bin/python3 - <<'PY' || fail "the sandbox does not hold exactly the edits"
import csv
ids, removed = open('picked').read().split('\n')[:2]
ids = ids.split()
a = {r['contact_id']: r for r in csv.DictReader(open('all.csv'))}
b = {r['contact_id']: r for r in csv.DictReader(open('after.csv'))}
skip = {'_checksum', 'created_at', 'phone'}
changed = {(i, k) for i in a for k in a[i] if k not in skip and a[i][k] != b[i][k]}
want = {(ids[0], 'mobile_phone'), (ids[1], 'direct_phone'), (ids[2], 'owner'), (ids[3], 'lists'),
        (ids[4], 'lists'), (ids[4], 'owner'), (ids[5], 'title'), (ids[1], 'stage'), (ids[0], 'Customer Tier'),
        (ids[2], 'Last Event Date')}
assert changed == want, sorted(changed ^ want)
# a leading + is guarded against formulas (a ' before it), as every export does
assert b[ids[0]]['mobile_phone'].lstrip("'") == '+44 20 7946 0001', b[ids[0]]['mobile_phone']
assert b[ids[1]]['direct_phone'].lstrip("'") == '+1 415 555 0199'
owners = open('picked').read().split('\n')[2].split()
assert b[ids[1]]['stage'] == open('picked').read().split('\n')[3]
assert b[ids[0]]['Customer Tier'] == 'Tier 2' and b[ids[2]]['Last Event Date'] == '2026-03-13', \
    (b[ids[0]]['Customer Tier'], b[ids[2]]['Last Event Date'])
assert [b[ids[2]]['owner'], b[ids[4]]['owner']] == owners, owners
l3 = b[ids[3]]['lists'].split('; ')
assert 'Partners' in l3 and removed not in l3, (l3, removed)
assert b[ids[4]]['lists'] == a[ids[4]]['lists'] + '; Partners', b[ids[4]]['lists']
assert b[ids[5]]['title'] == 'Head of Round Trips' and b[ids[5]]['stage'] == a[ids[5]]['stage']
PY
# Apollo holds the picklist's value id and the ISO date, under the fields' ids
for id in $(head -1 picked | cut -d' ' -f1,3); do
	curl -s -H "x-api-key: $KEY" "$BASE/contacts/$id" > "c-$id.json" || fail "GET contacts/$id"
done
/usr/bin/python3 - "$SEED" <<'PY' || fail "the typed values stored"
import json, sys
seed = json.load(open(sys.argv[1]))
f = {x['name']: x for x in seed['typed_custom_fields'] if x['modality'] == 'contact'}
ids = open('picked').read().split()[:3]
tier = json.load(open('c-%s.json' % ids[0]))['contact']['typed_custom_fields']
date = json.load(open('c-%s.json' % ids[2]))['contact']['typed_custom_fields']
want = [v['id'] for v in f['Customer Tier']['picklist_values'] if v['name'] == 'Tier 2'][0]
assert tier.get(f['Customer Tier']['id']) == want, tier
assert str(date.get(f['Last Event Date']['id'])).startswith('2026-03-13'), date
PY
# and the new export sent back unedited: no call
stats; mv stats stats.before
"$APOLLO_CSV" update -q after.csv || fail "update of the new export: exit status $?"
stats
/usr/bin/python3 -c "
import json
a, b = json.load(open('stats'))['requests'], json.load(open('stats.before'))['requests']
d = {k: a[k] - b.get(k, 0) for k in a if a[k] != b.get(k, 0)}
assert not d, d" || fail "an unedited round trip (with custom columns) made calls: $(cat stats)"

# once through a workbook edited with openpyxl: a phone, an owner, a list,
# and the picklist set above cleared with (clear)
/usr/bin/python3 -c 'import openpyxl' 2> /dev/null ||
	fail "python3's openpyxl is not installed (./quickstart test installs it)"
"$APOLLO_CSV" export contacts -q -o team.xlsx || fail "export contacts -o team.xlsx: exit status $?"
/usr/bin/python3 - <<'PY' || fail "editing team.xlsx"
import openpyxl
wb = openpyxl.load_workbook('team.xlsx')
ws = wb.worksheets[0]
h = [c.value for c in ws[1]]
col = {n: h.index(n) + 1 for n in h}
rows = [r for r in range(2, ws.max_row + 1) if ws.cell(r, col['lists']).value and
        'LATAM' not in ws.cell(r, col['lists']).value][:3]
a, b, c = rows
# every cell of the new columns is text, ids too
assert all(isinstance(ws.cell(r, col['contact_id']).value, str) for r in rows)
assert all(ws.cell(r, col['_checksum']).value.startswith('v2:') for r in rows)
ws.cell(a, col['home_phone']).value = '+49 30 1234567'
ws.cell(b, col['owner']).value = 'olu.adeyemi@sellwise-demo.com' \
    if ws.cell(b, col['owner']).value != 'olu.adeyemi@sellwise-demo.com' else 'tomasz.nowicki@sellwise-demo.com'
ws.cell(c, col['lists']).value = ws.cell(c, col['lists']).value + '; LATAM'
# the picklist set earlier, cleared
tiered = open('picked').read().split()[0]
t = [r for r in range(2, ws.max_row + 1) if ws.cell(r, col['contact_id']).value == tiered][0]
assert ws.cell(t, col['Customer Tier']).value == 'Tier 2'
ws.cell(t, col['Customer Tier']).value = '(clear)'
wb.save('team-edited.xlsx')
open('xl-picked', 'w').write(' '.join(ws.cell(r, col['contact_id']).value for r in rows) + '\n' +
                             ws.cell(b, col['owner']).value + '\n')
PY
stats; mv stats stats.before
"$APOLLO_CSV" update -q --no-progress team-edited.xlsx 2> err || fail "update team-edited.xlsx: exit status $?: $(cat err)"
stats
/usr/bin/python3 - <<'PY' || fail "the workbook's edits: calls $(cat stats)"
import json
a, b = json.load(open('stats'))['requests'], json.load(open('stats.before'))['requests']
d = {k: a[k] - b.get(k, 0) for k in a if a[k] != b.get(k, 0) and not k.startswith('GET') and 'search' not in k}
assert d == {'PATCH /api/v1/contacts/{id}': 1, 'POST /api/v1/contacts/bulk_update': 1,
             'POST /api/v1/labels/add_entity_ids_to_label_names': 1}, d
PY
"$APOLLO_CSV" export contacts -q -o after2.csv || fail "export after the workbook's update: exit status $?"
/usr/bin/python3 - <<'PY' || fail "the sandbox does not hold exactly the workbook's edits"
import csv
ids, owner = open('xl-picked').read().split('\n')[:2]
ids = ids.split()
a = {r['contact_id']: r for r in csv.DictReader(open('after.csv'))}
b = {r['contact_id']: r for r in csv.DictReader(open('after2.csv'))}
skip = {'_checksum', 'created_at', 'phone'}
changed = {(i, k) for i in a for k in a[i] if k not in skip and a[i][k] != b[i][k]}
tiered = open('picked').read().split()[0]
assert changed == {(ids[0], 'home_phone'), (ids[1], 'owner'), (ids[2], 'lists'), (tiered, 'Customer Tier')}, \
    sorted(changed)
assert b[tiered]['Customer Tier'] == ''   # (clear) emptied it
assert b[ids[0]]['home_phone'].lstrip("'") == '+49 30 1234567' and b[ids[1]]['owner'] == owner
assert b[ids[2]]['lists'].endswith('; LATAM')
PY

# a file an earlier version exported (_checksum "v1:", seven fields): its
# seven fields still go back, and its owner, lists and stage columns,
# which were not editable then, are left alone
/usr/bin/python3 - <<'PY' || fail "making a v1 file"
import csv
def fnv(v):
    h = 2166136261
    for b in v.strip(' \t').encode():
        h = ((h ^ b) * 16777619) & 0xffffffff
    return '%08x' % h
rs = list(csv.DictReader(open('after2.csv', newline='', encoding='utf-8')))
seven = ['first_name', 'last_name', 'email', 'title', 'organization_name', 'linkedin_url', 'present_raw_address']
cols = ['contact_id'] + seven + ['email_status', 'phone', 'city', 'state', 'country', 'time_zone', 'account_id',
                                 'owner', 'lists', 'stage', 'created_at', '_checksum']
with open('v1.csv', 'w', newline='', encoding='utf-8') as f:
    w = csv.writer(f)
    w.writerow(cols)
    for i, r in enumerate(rs):
        r['_checksum'] = 'v1:' + ''.join(fnv(r[k]) for k in seven)
        if i == 0:
            r['title'] = 'Edited In A V1 File'
        if i == 1:
            r['stage'] = 'Replied' if r['stage'] != 'Replied' else 'Cold'
            r['lists'] = 'LATAM'
        w.writerow([r[k] for k in cols])
PY
stats; mv stats stats.before
"$APOLLO_CSV" update -q --no-progress v1.csv 2> err || fail "update of a v1 file: exit status $?: $(cat err)"
stats
/usr/bin/python3 - <<'PY' || fail "a v1 file: $(cat stats) $(grep -v ',unchanged,' v1.results.csv | head -3)"
import csv, json
a, b = json.load(open('stats'))['requests'], json.load(open('stats.before'))['requests']
d = {k: a[k] - b.get(k, 0) for k in a if a[k] != b.get(k, 0)}
assert d == {'POST /api/v1/contacts/bulk_update': 1}, d
rs = list(csv.DictReader(open('v1.results.csv')))
assert (rs[0]['_status'], rs[0]['_reason']) == ('updated', 'changed: title'), rs[0]
assert all(r['_status'] == 'unchanged' for r in rs[1:])
PY
exit 0
