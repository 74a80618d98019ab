#!/bin/sh
# docs-examples.sh - every command against a stand-in for Apollo that answers
# only with its documented example replies (tests/contract/docs-mock.py and
# tests/contract/examples/), whatever was asked. Each reply is valid by
# Apollo's documentation, so each must give a correct result or a clear
# message, never a wrong one; the comments say what the correct outcome is
# for the replies given, and why. The inputs use the examples' own names,
# emails and ids where that makes the run go somewhere.
#
# Where an example cannot be read whole (its pagination says page 1 of
# many, whatever page was asked for), the command fails with that message;
# a second run then serves the same example with its pagination made whole
# (a "variant", built below from the example) to reach the rest of the
# command. Each run also checks what the mock received.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
[ -x "$PY" ] || { echo "SKIP: no /usr/bin/python3"; exit 77; }
MOCK=$TOP_SRCDIR/tests/contract/docs-mock.py
EX=$TOP_SRCDIR/tests/contract/examples
KEY=docs-mock-key
export APOLLO_API_KEY=$KEY
XDG_CONFIG_HOME=$WORK/config HOME=$WORK
export XDG_CONFIG_HOME HOME
MOCK_PID=
SEQ="Reach Design Agencies in Lisbon"     # the sequence of the search example
FROM=outbound.rowan@fieldnotes-mail.example  # a mailbox of the email accounts example
OWNER=rowan.ellis@fieldnotes-mail.example    # a user of the users example

mock_stop() {
	[ -n "$MOCK_PID" ] || return 0
	kill -TERM "$MOCK_PID" 2> /dev/null
	wait "$MOCK_PID"
	mock_rc=$?
	MOCK_PID=
	[ "$mock_rc" = 0 ] || { echo "FAIL $TEST_NAME: docs-mock exited with $mock_rc"; cat mock.err; exit 1; }
}
trap 'st=$?; mock_stop; rm -rf "$WORK"; exit $st' EXIT
# a signal (a closed pipe, Ctrl-C) still stops the mock: exit, then the trap
trap 'exit 1' HUP INT PIPE TERM

# mock_start [--serve OPERATION=FILE ...]: a fresh mock (fresh counts) on a free port
mock_start() {
	mock_stop
	rm -f port
	"$PY" "$MOCK" --port-file port --key "$KEY" "$@" 2> mock.err &
	MOCK_PID=$!
	wait_started port "$MOCK_PID" docs-mock mock.err
	APOLLO_BASE_URL=http://127.0.0.1:$(cat port)/api/v1
	export APOLLO_BASE_URL
}

# stats: what the mock received, into the file stats
stats() { curl -s -o stats "http://127.0.0.1:$(cat port)/_mock/stats" || fail "no mock stats"; }

fail() {
	echo "FAIL $TEST_NAME: $*"
	for f in stdout stderr stats $RES; do
		[ -s "$f" ] && { echo "--- $f:"; head -c 4000 "$f"; echo; }
	done
	exit 1
}
RES=

cat > h.py <<'PYEOF'
import csv, json, sys
def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))
def st():
    return json.load(open("stats"))
def req(key):
    return st()["requests"].get(key, 0)
def bodies(key):
    return st()["bodies"].get(key, [])
def die(msg):
    print(msg)
    sys.exit(1)
# expect(path, [(column, value or None (any), ...) per row]): the result rows, in order
def expect(path, want):
    rs = rows(path)
    if len(rs) != len(want):
        die("%s: %d rows, expected %d" % (path, len(rs), len(want)))
    for i, (r, w) in enumerate(zip(rs, want), 1):
        for col, val in w.items():
            have = r.get(col)
            if val.startswith("~"):
                if val[1:] not in (have or ""):
                    die("%s row %d: %s is %r, expected it to hold %r" % (path, i, col, have, val[1:]))
            elif have != val:
                die("%s row %d: %s is %r, expected %r" % (path, i, col, have, val))
def only(keys):
    extra = set(st()["requests"]) - set(keys)
    if extra:
        die("requests not expected: %s" % sorted(extra))
PYEOF
check() { out=$("$PY" -c "from h import *
$1" 2>&1) || fail "$2: $out"; }

# variants: an example with a field of another type than documented
"$PY" - "$EX" <<'PYEOF' || fail "cannot make the typed variants"
import json, sys
ex = sys.argv[1]
d = json.load(open("%s/bulk-create-contacts.json" % ex))
d["created_contacts"][1]["id"] = 5012            # a number where an id is
json.dump(d, open("create-number-id.json", "w"))
d = json.load(open("%s/search-for-sequences.json" % ex))
d["emailer_campaigns"][0]["open_rate"] = "n/a"   # neither a number nor "loading"
d["emailer_campaigns"][0]["unique_opened"] = "loading"
d["emailer_campaigns"][0]["reply_rate"] = 0.125  # a float, documented
json.dump(d, open("sequences-odd-metric.json", "w"))
PYEOF

# variants: an example with its pagination made whole (one page, its items
# all there is), for the runs that go past the page the example cannot give
"$PY" - "$EX" <<'PYEOF' || fail "cannot make the variants"
import json, sys
ex = sys.argv[1]
def whole(name, key, out, edit=None):
    d = json.load(open("%s/%s.json" % (ex, name)))
    if edit:
        edit(d)
    d["pagination"] = {"page": "1" if isinstance(d["pagination"]["page"], str) else 1,
                       "per_page": d["pagination"]["per_page"], "total_entries": len(d[key]), "total_pages": 1}
    json.dump(d, open(out, "w"))
whole("get-a-list-of-users", "users", "users-whole.json")
whole("search-for-contacts", "contacts", "contacts-whole.json")
# the search example's contact, and beside it the contact of the bulk
# update example (as the view example shows it)
def two(d):
    view = json.load(open("%s/view-a-contact.json" % ex))["contact"]
    c = dict(d["contacts"][0])
    for k in ("id", "first_name", "last_name", "name", "email", "title", "organization_name",
              "present_raw_address", "linkedin_url", "owner_id", "account_id"):
        c[k] = view[k]
    c["title"] = "Partnerships Lead"
    d["contacts"].append(c)
whole("search-for-contacts", "contacts", "contacts-two.json", two)
PYEOF

ROWS_CSV='First Name,Last Name,Email,Company,Title
Tomas,Reyes,tomas.reyes@larkspur-labs.example,Larkspur Labs,Head of Operations
Aiko,Tanaka,aiko.tanaka@brightkettle.example,Brightkettle,VP of Growth
Priya,Nair,priya.nair@harbourline.example,Harbourline Freight,Procurement Lead
Sam,Okafor,sam.okafor@quarrylane.example,Quarry Lane,Buyer'
printf '%s\n' "$ROWS_CSV" > in.csv

# ---- check: reads, maps and validates; no call at all ----
mock_start
run check --no-progress in.csv
expect_status 0 "check"
stats
check "only([])
expect('in.results.csv', [{'_status': 'ready'}] * 4)" "check"
rm -f in.results.csv

# ---- a key the mock does not take: its 401, as Apollo's, stops the run ----
mock_start
APOLLO_API_KEY=not-the-key run import --no-progress in.csv
expect_status 4 "import with a wrong key"
expect_in stderr "Apollo refused the key from APOLLO_API_KEY: Invalid API key."
rm -f in.results.csv

# ---- import, no sequence ----
# bulk_create's example creates two contacts and finds one existing (by
# email; its names differ from the row's, as in the example). Rows whose
# email the reply names get that record: Tomas and Aiko created, Priya
# existing. Her reason compares the names the reply shows; the example's
# existing contact leaves out organization_name, so hers is "not compared",
# never "Apollo has none" (nor one --existing update would send). Sam's
# email is in neither list: the reply does not confirm him, so he is
# failed, never "created" with another contact's id.
RES=in.results.csv
run import --no-progress in.csv
expect_status 1 "import"
stats
check "expect('in.results.csv', [
  {'_status': 'created', '_contact_id': 'c0a100000000000000000011'},
  {'_status': 'created', '_contact_id': 'c0a100000000000000000012'},
  {'_status': 'existing', '_contact_id': 'c0a100000000000000000013', '_reason': 'matched by email; not applied, '
   'as the contact exists: first_name \"Priya\" (Apollo has \"Priyanka\"), last_name \"Nair\" (Apollo has \"Nair-Hale\"); '
   '--existing update would apply first_name, last_name; not compared (Apollo\'s reply does not show them), and not '
   'applied: organization_name'},
  {'_status': 'failed', '_contact_id': '', '_reason': '~does not mention this contact'}])
only(['POST /api/v1/contacts/bulk_create'])
b = bodies('POST /api/v1/contacts/bulk_create')
if len(b) != 1 or len(b[0]['contacts']) != 4 or b[0].get('run_dedupe') is not True:
    die('bulk_create sent: %r' % b)" "import"

# ---- import --sequence ----
# The example's sequence is not active: without --allow-inactive the run
# stops before it creates anything (exit 4, saying why).
rm -f in.results.csv
mock_start
run import --no-progress --sequence "$SEQ" --from "$FROM" in.csv
expect_status 4 "import --sequence (inactive)"
expect_in stderr "--sequence \"$SEQ\" is not active"
stats
check "only(['POST /api/v1/emailer_campaigns/search'])" "import --sequence (inactive)"

# A name the example's team has no sequence of: exit 4, naming the one it has.
mock_start
run import --no-progress --sequence "Q4 Outbound" --from "$FROM" in.csv
expect_status 4 "import --sequence (no such name)"
expect_in stderr "no sequence has this name or id"
expect_in stderr "$SEQ"

# A mailbox the example's team does not have: exit 4, listing its mailboxes.
mock_start
run import --no-progress --sequence "$SEQ" --allow-inactive --from nobody@fieldnotes-mail.example in.csv
expect_status 4 "import --from (no such mailbox)"
expect_in stderr "--from nobody@fieldnotes-mail.example: no such mailbox"
expect_in stderr "$FROM"

# --allow-inactive: the contacts are created as above, then sent to the
# sequence. add_contact_ids' example lists another contact (c0a1...01) and
# skips another (c0a1...02): it neither enrols nor skips ours, so their
# enrolment is failed with that reason; Sam, never created, is not sent.
rm -f in.results.csv
mock_start
run import --no-progress --sequence "$SEQ" --allow-inactive --from "$FROM" in.csv
expect_status 1 "import --sequence --allow-inactive"
stats
check "expect('in.results.csv', [
  {'_status': 'created', '_sequence_status': 'failed', '_sequence_reason': '~neither enrols nor skips'},
  {'_status': 'created', '_sequence_status': 'failed', '_sequence_reason': '~neither enrols nor skips'},
  {'_status': 'existing', '_sequence_status': 'failed', '_sequence_reason': '~neither enrols nor skips'},
  {'_status': 'failed', '_sequence_status': ''}])
b = bodies('POST /api/v1/emailer_campaigns/5e9e00000000000000000001/add_contact_ids')
if len(b) != 1 or sorted(b[0]['contact_ids']) != ['c0a100000000000000000011', 'c0a100000000000000000012',
        'c0a100000000000000000013'] or b[0]['send_email_from_email_account_id'] != '3a1b00000000000000000001':
    die('add_contact_ids sent: %r' % b)" "import --sequence --allow-inactive"

# ---- enroll ----
# From a file of the example's ids: c0a1...01 is listed in the sequence,
# but its status says it was added on 2025-07-16, long before this run (by
# Apollo's clock, the Date of its replies): already_enrolled, not
# "enrolled", with how Apollo holds it (paused: Sequence inactive).
# c0a1...02 is skipped with the example's code; c0a1...03 is named by
# neither list: failed.
printf 'contact_id\nc0a100000000000000000001\nc0a100000000000000000002\nc0a100000000000000000003\n' > ids.csv
RES=ids.results.csv
mock_start
run enroll --no-progress --sequence "$SEQ" --allow-inactive --from "$FROM" ids.csv
expect_status 1 "enroll FILE"
stats
check "expect('ids.results.csv', [
  {'_sequence_status': 'already_enrolled', '_sequence_reason': '~since 2025-07-16T22:42:57.372+00:00, before this run (paused: Sequence inactive)'},
  {'_status': 'failed', '_sequence_status': 'skipped', '_sequence_reason': 'contact_not_found'},
  {'_status': 'failed', '_sequence_status': 'failed', '_sequence_reason': '~neither enrols nor skips'}])
if req('POST /api/v1/emailer_campaigns/5e9e00000000000000000001/add_contact_ids') != 1:
    die('add_contact_ids calls: %r' % st()['requests'])" "enroll FILE"

# By label: one call; the one contact the reply lists was there before the
# run, so none is counted enrolled.
mock_start
run enroll --no-progress --sequence "$SEQ" --allow-inactive --from "$FROM" --label "Lisbon agency day attendees"
expect_status 0 "enroll --label"
expect_in stderr "0 contacts enrolled from 1 list, 1 skipped"
expect_in stderr "1 more in the sequence already: Apollo's reply dates them before this run"
stats
check "b = bodies('POST /api/v1/emailer_campaigns/5e9e00000000000000000001/add_contact_ids')
if len(b) != 1 or b[0].get('label_names') != ['Lisbon agency day attendees']:
    die('add_contact_ids sent: %r' % b)" "enroll --label"

# ---- unenroll ----
# remove_or_stop's example shows c0a1...01 finished (no longer active) in
# the sequence: done in each mode (what Apollo shows after remove and stop
# is not documented; a contact no longer active in it is out of it). The
# other two ids are not in the reply: failed, and each is looked up
# (GET contacts/{id}); the view example is another contact (c0a1...01) and
# shows no statuses, so the look-up tells nothing and they stay failed.
for mode in finished remove stop; do
	rm -f ids.results.csv
	mock_start
	run unenroll --no-progress --mode $mode --sequence "$SEQ" ids.csv
	expect_status 1 "unenroll --mode $mode"
	stats
	case $mode in finished) word=finished;; remove) word=removed;; stop) word=stopped;; esac
	check "expect('ids.results.csv', [
  {'_status': 'existing', '_sequence_status': '$word'},
  {'_status': 'failed', '_sequence_status': 'failed', '_sequence_reason': 'Apollo did not confirm this change'},
  {'_status': 'failed', '_sequence_status': 'failed', '_sequence_reason': 'Apollo did not confirm this change'}])
b = bodies('POST /api/v1/emailer_campaigns/remove_or_stop_contact_ids')
if len(b) != 1 or b[0]['mode'] != ('mark_as_finished' if '$mode' == 'finished' else '$mode'):
    die('remove_or_stop sent: %r' % b)
for i in ('2', '3'):
    if req('GET /api/v1/contacts/c0a10000000000000000000' + i) != 1:
        die('no look-up of c0a1...0' + i + ': %r' % st()['requests'])" "unenroll --mode $mode"
done

# ---- export sequences ----
# The search example: one sequence, its numbers all 0; exit 0.
RES=sequences.csv
mock_start
run export sequences -o sequences.csv
expect_status 0 "export sequences"
check "expect('sequences.csv', [{'id': '5e9e00000000000000000001', 'name': '$SEQ', 'active': 'false',
  'num_steps': '3', 'unique_delivered': '0', 'open_rate_percent': '0.0'}])" "export sequences"

# ---- export contacts and the round trip ----
# The search example says page 1 of 89 whatever page is asked: page 2 is
# not page 2, so the search cannot be read whole: exit 5 saying so,
# nothing written (never a file passing for all the contacts).
RES=contacts.csv
mock_start
run export contacts -o contacts.csv
expect_status 5 "export contacts"
expect_in stderr "contacts/search: asked for page 2, the reply is page 1"
[ ! -e contacts.csv ] || fail "export contacts wrote contacts.csv from pages it could not read"

# With its pagination made whole: the one contact, its list and stage by
# name. The users example cannot be read past its page 1 (page 2 is page 1
# again); the owners page 1 names are shown by name, any other by id.
mock_start --serve search-for-contacts=contacts-whole.json
run export contacts -o contacts.csv
expect_status 0 "export contacts (whole)"
stats
check "expect('contacts.csv', [{'contact_id': 'c0a100000000000000000031', 'first_name': 'Oskar',
  'owner': '$OWNER', 'lists': 'Lisbon agency day attendees', 'stage': 'New'}])
if req('POST /api/v1/users/search') != 2 or req('POST /api/v1/contacts/search') != 1:
    die('calls: %r' % st()['requests'])" "export contacts (whole)"

# update: the search example's contact and the bulk update example's, one
# edit each. bulk_update's example shows c0a1...01 with the title sent:
# updated. It does not show c0a1...31: failed, not confirmed.
mock_start --serve search-for-contacts=contacts-two.json
run export contacts -o two.csv
expect_status 0 "export contacts (two)"
"$PY" - <<'PYEOF' || fail "cannot edit the export"
import csv
rs = list(csv.DictReader(open("two.csv", newline="", encoding="utf-8")))
for r in rs:
    r["title"] = "Director of Partnerships" if r["contact_id"].endswith("01") else "Copy Chief"
w = csv.DictWriter(open("edited.csv", "w", newline="", encoding="utf-8"), fieldnames=list(rs[0]))
w.writeheader()
w.writerows(rs)
for r in rs:
    r["title"] = ""
    if r["contact_id"].endswith("01"):
        r["first_name"] = "Inês"
w = csv.DictWriter(open("renamed.csv", "w", newline="", encoding="utf-8"), fieldnames=list(rs[0]))
w.writeheader()
w.writerows(rs)
PYEOF
RES=edited.results.csv
run update --no-progress edited.csv
expect_status 1 "update"
stats
check "expect('edited.results.csv', [
  {'contact_id': 'c0a100000000000000000031', '_status': 'failed', '_reason': '~Apollo did not confirm this change'},
  {'contact_id': 'c0a100000000000000000001', '_status': 'updated', '_reason': '~title'}])
b = bodies('POST /api/v1/contacts/bulk_update')
if len(b) != 1 or sorted(a['id'] for a in b[0]['contact_attributes']) != ['c0a100000000000000000001', 'c0a100000000000000000031']:
    die('bulk_update sent: %r' % b)" "update"
# A first name the reply shows otherwise ("Ines", not "Inês"): not
# confirmed, saying what the reply shows; the other row has no change.
RES=renamed.results.csv
run update --no-progress renamed.csv
expect_status 1 "update (first name)"
check "expect('renamed.results.csv', [
  {'contact_id': 'c0a100000000000000000031', '_status': 'unchanged'},
  {'contact_id': 'c0a100000000000000000001', '_status': 'failed', '_reason': '~shows first_name \"Ines\", not the value sent'}])" "update (first name)"

# ---- tasks ----
# The owner is a user's email: the users example cannot be read whole
# (page "1" of 8 whatever is asked), so the owner cannot be looked up:
# exit 5, the rows unprocessed, no task sent.
printf 'contact_id,type,due,priority,note
c0a100000000000000000001,call,2025-02-15T10:00:00Z,high,Walk through the portfolio review and agree next steps.
c0a100000000000000000002,call,2025-02-15T10:00:00Z,high,Walk through the portfolio review and agree next steps.
c0a100000000000000000003,call,2025-02-15T10:00:00Z,high,Walk through the portfolio review and agree next steps.
c0a100000000000000000001,action_item,2025-03-01,low,Send the deck
' > tasks.csv
RES=tasks.results.csv
mock_start
run tasks --no-progress --owner "$OWNER" tasks.csv
expect_status 5 "tasks"
expect_in stderr "cannot look up the team's users: users/search: asked for page 2, the reply is page 1"
stats
check "only(['POST /api/v1/users/search'])" "tasks"
# With the users example made whole: rows 1-3 go in one bulk_create, whose
# example makes a task for c0a1...01 and one for c0a1...02, each with the
# content sent: created with those ids. c0a1...03 has none: failed (it may
# have been made; look before making it again). Row 4 goes alone; the
# create example answers with the call task of c0a1...01, not the row's
# action item: failed, never "created" with another row's task id.
rm -f tasks.results.csv
mock_start --serve get-a-list-of-users=users-whole.json
run tasks --no-progress --owner "$OWNER" tasks.csv
expect_status 1 "tasks (users whole)"
stats
check "expect('tasks.results.csv', [
  {'_status': 'created', '_task_id': '7a5c00000000000000000001'},
  {'_status': 'created', '_task_id': '7a5c00000000000000000002'},
  {'_status': 'failed', '_task_id': '', '_reason': '~has no task for this contact'},
  {'_status': 'failed', '_task_id': '', '_reason': '~shows another task, 7a5c00000000000000000001'}])
b = bodies('POST /api/v1/tasks/bulk_create')
if len(b) != 1 or len(b[0]['contact_ids']) != 3 or b[0]['user_id'] != '7a1e00000000000000000001':
    die('tasks/bulk_create sent: %r' % b)
if req('POST /api/v1/tasks') != 1:
    die('tasks sent: %r' % st()['requests'])" "tasks (users whole)"

# ---- deals ----
printf 'name,account,amount,stage,owner
Harbourline Fleet Rebrand,acc000000000000000000013,99999999,Discover,%s
Saltmarsh Spring Refresh,acc000000000000000000021,12000,Pitch,%s
Quarry Lane Wayfinding,acc000000000000000000022,5000,Contract Sent,%s
Fieldnotes Retainer,fieldnotes-demo.example,800,Qualification,
' "$OWNER" "$OWNER" "$OWNER" > deals.csv
RES=deals.results.csv
# The stage names repeat across the example's pipelines ("Contract Sent"):
# that row is invalid, naming both. The owners cannot be looked up (users
# example, as for tasks): the rows to send are unprocessed, exit 5.
mock_start
run deals --no-progress deals.csv
expect_status 5 "deals"
expect_in stderr "cannot look up the team's users"
check "expect('deals.results.csv', [
  {'_status': 'unprocessed'}, {'_status': 'unprocessed'},
  {'_status': 'invalid', '_reason': '~several stages are named \"Contract Sent\"'},
  {'_status': 'unprocessed'}])" "deals"
# With the users example made whole: the create example answers every
# create with one deal. The row that is that deal (name, account, amount,
# stage, owner) is created with its id; the others are failed, never given
# another deal's id. The domain of row 4 is the accounts search example's.
rm -f deals.results.csv
mock_start --serve get-a-list-of-users=users-whole.json
run deals --no-progress deals.csv
expect_status 1 "deals (users whole)"
stats
check "expect('deals.results.csv', [
  {'_status': 'created', '_deal_id': 'dea100000000000000000001'},
  {'_status': 'failed', '_deal_id': '', '_reason': '~shows another deal, dea100000000000000000001'},
  {'_status': 'invalid'},
  {'_status': 'failed', '_deal_id': '', '_account_id': 'acc000000000000000000001', '_reason': '~shows another deal'}])
b = bodies('POST /api/v1/opportunities')
if len(b) != 3 or sorted(d['name'] for d in b) != ['Fieldnotes Retainer', 'Harbourline Fleet Rebrand', 'Saltmarsh Spring Refresh']:
    die('opportunities sent: %r' % b)" "deals (users whole)"

# ---- prospect ----
# organizations/bulk_enrich's example has Kestrel Analytics and Tidal
# Press; the third domain has none. The people search example has no page
# number and ever the same people: with 3 people a company wanted, page 2
# is read and gives no one new, so the search cannot be read on: exit 5,
# saying so.
printf 'domain\nkestrel-analytics.example\ntidalpress.example\nunknown-co.example\n' > dom.csv
RES=dom.domains.csv
mock_start
run prospect --no-progress --title "Head of Growth" dom.csv
expect_status 5 "prospect"
expect_in stderr "page 2 of the search gives only people an earlier page gave"
# One a company: page 1 is enough. bulk_match's example holds other people
# (other ids) than the ones asked by id: nobody found, nobody to import.
# The organizations reply does not say what it cost: the summary says so.
rm -f dom.*.csv dom.research.partial
mock_start
run prospect --no-progress --title "Head of Growth" --per-company 1 dom.csv
expect_status 0 "prospect --per-company 1"
expect_in stderr "credits used: 3 (Apollo's count)"
expect_in stderr "at most 2 more that Apollo's replies did not count"
stats
check "expect('dom.domains.csv', [
  {'_status': 'not_found', '_organization_id': '0a9a00000000000000000031'},
  {'_status': 'not_found', '_organization_id': '0a9a00000000000000000032'},
  {'_status': 'not_found', '_organization_id': '', '_reason': 'Apollo has no organization for this domain'}])
if len(rows('dom.people.csv')) != 0:
    die('people to import from matches that are not the people asked about')
b = bodies('POST /api/v1/people/bulk_match')
if len(b) != 1 or sorted(d['id'] for d in b[0]['details']) != ['9e5000000000000000000011', '9e5000000000000000000013']:
    die('bulk_match sent: %r' % b)" "prospect --per-company 1"
# ---- fields of another type than documented ----
# bulk_create's second created contact has a number for an id: the row it
# could be (Aiko's) is failed with a message naming the endpoint and the
# field, never "created" with a blank id; the others are as before.
RES=in.results.csv
rm -f in.results.csv
mock_start --serve bulk-create-contacts=create-number-id.json
run import --no-progress in.csv
expect_status 1 "import (an id of another type)"
check "expect('in.results.csv', [
  {'_status': 'created', '_contact_id': 'c0a100000000000000000011'},
  {'_status': 'failed', '_contact_id': '', '_reason': '~contacts/bulk_create: reply field created_contacts[1].id is a number, expected a string'},
  {'_status': 'existing', '_contact_id': 'c0a100000000000000000013'},
  {'_status': 'failed', '_contact_id': '', '_reason': '~created_contacts[1].id is a number'}])" "import (an id of another type)"
# A metric that is neither a number nor "loading": the export says which,
# and writes nothing (a blank cell would pass for one Apollo did not send).
RES=sequences.csv
rm -f sequences.csv
mock_start --serve search-for-sequences=sequences-odd-metric.json
run export sequences -o sequences.csv
expect_status 5 "export sequences (a metric of another type)"
expect_in stderr "emailer_campaigns/search: reply field emailer_campaigns[0].open_rate is the string \"n/a\", expected a number or \"loading\""
[ ! -e sequences.csv ] || fail "export sequences wrote a report with a metric it could not read"
exit 0
