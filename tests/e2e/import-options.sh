#!/bin/sh
# import options against the sandbox: --label, --accounts, --existing
# update, --paused-until, --start-at with a Time Zone column; and the
# refusals (inactive, archived or ambiguous sequence, unknown or inactive
# mailbox, plain http to another machine, a key file others can read, a
# wrong key), none of which may show the key anywhere.
. "$(dirname "$0")/import-lib.sh"
sandbox_start
: > all.out
# keep every message for the key check at the end
imp_v() { imp --verbose "$@"; cat stdout stderr >> all.out; }

# --label, --accounts: new contacts on the list, linked to accounts
RES=new.results.csv
cat > new.csv <<'CSV'
First Name,Last Name,Email,Company,Title,Website
Ann,Ash,ann@ashgrove-e2e.com,Ashgrove E2E,CEO,https://www.ashgrove-e2e.com/about
Ben,Birch,ben@ashgrove-e2e.com,Ashgrove E2E,CTO,
Cas,Cedar,cas@cedarline-e2e.com,Cedarline E2E,CFO,cedarline-e2e.com
CSV
stats; mv stats stats.before
imp_v --label "E2E Imported" --accounts new.csv
expect_status 0 "import --label --accounts"
stats
check "
b = json.load(open('stats.before')); s = st()
rs = rows('$RES')
if [r['_status'] for r in rs] != ['created'] * 3: die('statuses %r' % [r['_status'] for r in rs])
acc = [r['_account_id'] for r in rs]
if any(len(a) != 24 for a in acc): die('rows without _account_id: %r' % acc)
if acc[0] != acc[1] or acc[0] == acc[2]: die('ashgrove rows should share an account, cedarline not: %r' % acc)
if req('POST /api/v1/accounts/bulk_create') != 1: die('accounts/bulk_create calls: %r' % s['requests'])
if s['accounts'] != b['accounts'] + 2: die('accounts %d, expected %d + 2' % (s['accounts'], b['accounts']))
open('new.ids', 'w').write('\n'.join(r['_contact_id'] for r in rs) + '\n')
open('new.acc', 'w').write('\n'.join(acc) + '\n')
" "--label --accounts"
api GET labels
label_id=$(python3 -c "
import json
d = json.load(open('body'))
print(''.join(l['id'] for l in (d['labels'] if isinstance(d, dict) else d) if l['name'] == 'E2E Imported'))")
[ -n "$label_id" ] || fail "no list \"E2E Imported\" in the sandbox: $(cat body)"
i=0
while read -r id; do
	i=$((i + 1))
	api GET "contacts/$id"
	expect_code 200
	expect_body "\"label_ids\":[\"$label_id\"]"
	expect_body "\"account_id\":\"$(sed -n ${i}p new.acc)\""
done < new.ids

# a row's own Lists column: the contact goes on those lists too (sent as
# the contact's label_names), beside --label's
RES=lists.results.csv
printf 'First Name,Last Name,Email,Company,Lists\nDee,Dune,dee@dune-e2e.com,Dune E2E,"Q4 Webinar; E2E Row List"\n' > lists.csv
imp_v --label "E2E Imported" lists.csv
expect_status 0 "import with a Lists column"
id=$(py "print(rows('$RES')[0]['_contact_id'])")
api GET labels
names=$(python3 -c "
import json
d = json.load(open('body'))
ls = d['labels'] if isinstance(d, dict) else d
print(json.dumps({l['id']: l['name'] for l in ls}))")
api GET "contacts/$id"
python3 -c "
import json
names = json.loads('$names')
c = json.load(open('body'))['contact']
got = sorted(names.get(i, i) for i in c['label_ids'])
assert got == ['E2E Imported', 'E2E Row List', 'Q4 Webinar'], got
" || fail "the Lists column's lists: $(cat body)"

# --existing update: a changed title is written, an identical row is unchanged
RES=upd.results.csv
py "
c1, c2 = seed['contacts'][40], seed['contacts'][41]
w = csv.writer(open('upd.csv', 'w', newline='', encoding='utf-8'), lineterminator='\n')
w.writerow(['First Name', 'Last Name', 'Email', 'Company', 'Title'])
w.writerow([c1['first_name'], c1['last_name'], c1['email'], c1['organization_name'], 'Chief E2E Officer'])
w.writerow([c2['first_name'], c2['last_name'], c2['email'], c2['organization_name'], c2['title']])
open('upd.ids', 'w').write(c1['id'] + ' ' + c2['id'] + ' ' + c2['title'] + '\n')
"
read -r upd_id same_id same_title < upd.ids
imp_v --existing update upd.csv
expect_status 0 "import --existing update"
check "
rs = rows('$RES')
got = [(r['_status'], r['_reason'], r['_contact_id']) for r in rs]
want = [('updated', 'matched by email; updated: title', '$upd_id'),
        ('unchanged', 'matched by email; nothing --existing update sends differs', '$same_id')]
if got != want: die('got %r, expected %r' % (got, want))
" "--existing update"
stats
[ "$(py "print(req('POST /api/v1/contacts/bulk_update'))")" = 1 ] || fail "bulk_update calls: $(cat stats)"
api GET "contacts/$upd_id"
expect_body '"title":"Chief E2E Officer"'
api GET "contacts/$same_id"
expect_body "\"title\":\"$same_title\""

# --paused-until: enrolled paused, to start at that time
RES=paused.results.csv
printf 'First Name,Last Name,Email,Company\nPia,Pause,pia@pausewell-e2e.com,Pausewell E2E\n' > paused.csv
imp_v --sequence "$Q4_NAME" --from "$FROM" --paused-until 2030-01-15T09:00:00Z paused.csv
expect_status 0 "import --paused-until"
pia=$(py "print(rows('$RES')[0]['_contact_id'])")
[ "$(py "print(rows('$RES')[0]['_sequence_status'])")" = enrolled ] || fail "Pia is not enrolled"
api GET "contacts/$pia"
check "
d = json.load(open('body'))['contact']
s = [x for x in d['contact_campaign_statuses'] if x['emailer_campaign_id'] == seq_id('$Q4_NAME')]
if len(s) != 1: die('%d statuses for Q4' % len(s))
if s[0]['status'] != 'paused': die('status %s' % s[0]['status'])
if s[0]['auto_unpause_at'] not in ('2030-01-15T09:00:00Z', '2030-01-15T09:00:00.000Z'): die('auto_unpause_at %s' % s[0]['auto_unpause_at'])
" "--paused-until in the sandbox"

# --start-at 09:00 with a Time Zone column: 09:00 in each row's zone;
# a zone nobody knows fails that row's enrolment
RES=tz.results.csv
cat > tz.csv <<'CSV'
First Name,Last Name,Email,Company,Time Zone
Nia,York,nia@hudsonview-e2e.com,Hudsonview E2E,America/New_York
Bea,Spree,bea@spreeufer-e2e.com,Spreeufer E2E,Europe/Berlin
Max,Mars,max@redplanet-e2e.com,Red Planet E2E,Mars/Olympus_Mons
CSV
imp_v --sequence "$Q4_NAME" --from "$FROM" --start-at 09:00 tz.csv
expect_status 1 "import --start-at with an unknown time zone"
check "
rs = rows('$RES')
got = [(r['_status'], r['_sequence_status']) for r in rs]
if got != [('created', 'enrolled'), ('created', 'enrolled'), ('created', 'failed')]: die('got %r' % got)
if 'Mars/Olympus_Mons' not in rs[2]['_sequence_reason']: die('reason %r' % rs[2]['_sequence_reason'])
open('tz.ids', 'w').write(' '.join(r['_contact_id'] for r in rs) + '\n')
" "--start-at"
read -r nia bea max < tz.ids
for who in "$nia America/New_York" "$bea Europe/Berlin"; do
	set -- $who
	api GET "contacts/$1"
	check "
import datetime, zoneinfo
d = json.load(open('body'))['contact']
s = [x for x in d['contact_campaign_statuses'] if x['emailer_campaign_id'] == seq_id('$Q4_NAME')]
if len(s) != 1 or s[0]['status'] != 'paused': die('statuses %r' % s)
t = datetime.datetime.fromisoformat(s[0]['auto_unpause_at'].replace('Z', '+00:00'))
local = t.astimezone(zoneinfo.ZoneInfo('$2'))
if (local.hour, local.minute) != (9, 0): die('auto_unpause_at %s is %s in $2' % (s[0]['auto_unpause_at'], local))
now = datetime.datetime.now(datetime.timezone.utc)
if not (now < t <= now + datetime.timedelta(days=1, hours=1)): die('auto_unpause_at %s is not the next 09:00' % t)
open('unpause.$2'.replace('/', '_'), 'w').write(s[0]['auto_unpause_at'])
" "--start-at 09:00 in $2"
done
[ "$(cat unpause.America_New_York)" != "$(cat unpause.Europe_Berlin)" ] || fail "New York and Berlin got the same auto_unpause_at"
api GET "contacts/$max"
expect_no_body '"contact_campaign_statuses":[{'
# the summary's count of failed enrolments agrees with the results file
grep -qF ", 1 failed" stderr ||
	soft_fail "the summary does not count the row whose enrolment failed (unknown time zone): $(grep 'sequence "' stderr)"

# refusals: exit status 4, a message, and no results file
printf 'First Name,Last Name,Email,Company\nRae,Refused,rae@refused-e2e.com,Refused E2E\n' > r.csv
stats; mv stats stats.before
refused() {
	what=$1
	shift
	imp_v "$@" r.csv
	expect_status 4 "$what"
	[ ! -e r.results.csv ] && [ ! -e r.results.csv.partial ] || fail "$what: a results file was written"
}
refused "an inactive sequence" --sequence "Old Spring Campaign" --from "$FROM"
expect_in stderr "is not active"
expect_in stderr "--allow-inactive"
refused "an archived sequence" --sequence "Archived Test" --from "$FROM"
expect_in stderr "is archived"
refused "a name two sequences share" --sequence "Duplicate Name Sequence" --from "$FROM"
expect_in stderr 6821fe8d4eb74605567381cd
expect_in stderr 687e6389662e38f2ac369e46
refused "an unknown mailbox" --sequence "$Q4_NAME" --from nobody@sellwise-demo.com
expect_in stderr "no such mailbox"
refused "an inactive mailbox" --sequence "$Q4_NAME" --from dana@sellwise-outreach-demo.com
expect_in stderr "not active"
APOLLO_BASE_URL=http://api.example.com/api/v1 run import --verbose --no-progress r.csv
cat stdout stderr >> all.out
expect_status 4 "plain http:// to another machine"
expect_in stderr "only https://"
[ ! -e r.results.csv ] || fail "plain http://: a results file was written"
stats
check "
b = json.load(open('stats.before'))
if st()['contacts'] != b['contacts']: die('a refused run created contacts')
" "refusals"

# --allow-inactive: the inactive sequence is used
RES=r.results.csv
imp_v --sequence "Old Spring Campaign" --from "$FROM" --allow-inactive r.csv
expect_status 0 "--allow-inactive"
[ "$(py "print(rows('$RES')[0]['_sequence_status'])")" = enrolled ] || fail "not enrolled with --allow-inactive"
rm -f r.results.csv

# the key: a file others can read is refused, a private one works
echo "$KEY" > key
chmod 644 key
unset APOLLO_API_KEY
imp_v --api-key-file key r.csv
expect_status 4 "--api-key-file with mode 644"
expect_in stderr "chmod 600"
[ ! -e r.results.csv ] || fail "--api-key-file 644: a results file was written"
chmod 600 key
imp_v --api-key-file key r.csv
expect_status 0 "--api-key-file with mode 600"
export APOLLO_API_KEY="$KEY"
rm -f r.results.csv
# a wrong key
APOLLO_API_KEY=wrong-e2e-key imp_v --sequence "$Q4_NAME" --from "$FROM" r.csv
expect_status 4 "a wrong key"
APOLLO_API_KEY=wrong-e2e-key imp_v r.csv
expect_status 4 "a wrong key, no sequence"
expect_in stderr "refused the key"

# the key never shows: not in messages, not in any file the tool wrote
grep -l -- "$KEY" all.out ./*.csv ./*.partial 2> /dev/null | grep . &&
	fail "the API key appears in the output or files above"
finish
