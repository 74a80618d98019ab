#!/bin/sh
# a --sequence that names no sequence, or several: a misspelt name gets at
# most five names near it, nearest first, and none of the far ones (or, when
# none is near, the command that lists them all); a name several sequences
# share lists each with its id, steps, creation and state, and says to
# choose one with --sequence-id; --sequence-id takes only an id, and with
# one of those ids the run enrols into that sequence. Exit status 4 for a
# name or id that settles nothing, 2 for a name given to --sequence-id;
# export answers its --sequence the same way.
. "$(dirname "$0")/sandbox-lib.sh"

# the seed's sequences, and some near "Q4 Outbound - SaaS" and two more
# named "Duplicate Name Sequence" (paused with a zone; archived with no
# steps or date)
python3 - "$SEED" > seed.json <<'PY' || fail "cannot write the seed"
import copy, json, sys
seed = json.load(open(sys.argv[1]))
base = next(s for s in seed["sequences"] if s["name"] == "Q4 Outbound - SaaS")
def add(n, name, **kw):
    s = copy.deepcopy(base)
    s.update(id="6a00000000000000000000%02x" % n, name=name, **kw)
    seed["sequences"].append(s)
for n, name in enumerate(["Q1 Outbound - SaaS", "Q2 Outbound - SaaS", "Q3 Outbound - SaaS",
                          "Q4 Outbound - SaaS EU", "Q4 Outbound - SaaS US", "Q4 Outbound - Fintech"]):
    add(n, name)
add(0x10, "Duplicate Name Sequence", active=False, archived=False, num_steps=1,
    created_at="2025-08-01T09:30:00.000+02:00")
add(0x11, "Duplicate Name Sequence", active=False, archived=True, num_steps=None, created_at=None)
json.dump(seed, sys.stdout)
PY
SEED=seed.json
sandbox_start
export APOLLO_BASE_URL=$BASE APOLLO_API_KEY=$KEY
FROM=dana.whitfield@sellwise-demo.com
printf 'First Name,Last Name,Email,Company\nIna,Ward,ina.ward@seqnames-e2e.example,Seq Names Co\n' > r.csv
imp() { run import --no-progress --force --from "$FROM" "$@" r.csv; }

# a typo: the five nearest names, the nearest first, and how many more
imp --sequence "Q4 Outbund - SaaS"
expect_status 4 "import --sequence with a typo"
expect_in stderr '--sequence "Q4 Outbund - SaaS": no sequence has this name or id; the nearest names:'
grep '^  [0-9a-f]\{24\}  ' stderr > listed
[ "$(wc -l < listed)" = 5 ] || fail "a typo: $(wc -l < listed) names listed, expected 5"
[ "$(head -1 listed)" = "  68da6940bf20258320608de3  Q4 Outbound - SaaS" ] ||
	fail "a typo: the nearest name is not first"
for name in "Q1 Outbound - SaaS" "Q2 Outbound - SaaS" "Q3 Outbound - SaaS"; do
	grep -qF "  $name" listed || fail "a typo: $name (two edits away) is not listed"
done
for name in "Webinar Invitees" "Partner Intro" "Re-engage Cold" "EMEA Follow-up" "Duplicate Name"; do
	expect_not_in stderr "$name"
done
expect_in stderr '(2 more; `apollo-csv export sequences` writes them all, with their ids, to sequences.csv)'
[ ! -e r.results.csv ] || fail "a typo: a results file was written"

# nothing near
imp --sequence "Zzyzx Qwerty"
expect_status 4 "import --sequence with a name near nothing"
expect_in stderr '--sequence "Zzyzx Qwerty": no sequence has this name or id, nor a name close to it; `apollo-csv export sequences` writes them all'
! grep -q '^  [0-9a-f]\{24\}' stderr || fail "a name near nothing: names were listed"

# one name, four sequences: each with what tells it apart
imp --sequence "duplicate name sequence"
expect_status 4 "import --sequence naming four sequences"
expect_in stderr '--sequence "duplicate name sequence": 4 sequences have this name; choose one with --sequence-id ID:'
expect_in stderr '  6821fe8d4eb74605567381cd  3 steps, created 2025-05-12 13:58 UTC, active'
expect_in stderr '  687e6389662e38f2ac369e46  2 steps, created 2025-07-21 15:58 UTC, active'
expect_in stderr '  6a0000000000000000000010  1 step, created 2025-08-01 09:30 UTC+02:00, paused'
grep -qx '  6a0000000000000000000011  archived' stderr || fail "the archived one without steps or date: $(cat stderr)"

# --sequence-id: an id only
imp --sequence-id "Duplicate Name Sequence"
expect_status 2 "import --sequence-id NAME"
expect_in stderr "a name goes with --sequence"
imp --sequence "Partner Intro" --sequence-id 687e6389662e38f2ac369e46
expect_status 2 "import --sequence and --sequence-id"
expect_in stderr "not both"
imp --sequence-id 6a00000000000000000000ff
expect_status 4 "import --sequence-id with an id no sequence has"
expect_in stderr "--sequence-id 6a00000000000000000000ff: no sequence has this id"
stats
expect_no_stat '"POST /api/v1/contacts/bulk_create"'
expect_no_stat '"687e6389662e38f2ac369e46"'

# and one of the ids listed enrols into that sequence, with one look-up
stats; mv stats stats.before
imp --sequence-id 687e6389662e38f2ac369e46
expect_status 0 "import --sequence-id ID"
[ "$(col r.results.csv _sequence_status)" = enrolled ] || fail "--sequence-id: $(cat r.results.csv)"
stats
expect_stat '"687e6389662e38f2ac369e46":1'
python3 -c "
import json
b = json.load(open('stats.before'))['requests']; a = json.load(open('stats'))['requests']
k = 'POST /api/v1/emailer_campaigns/search'
n = a.get(k, 0) - b.get(k, 0)
if n != 1: raise SystemExit('%d sequence look-ups for one --sequence-id' % n)
" || fail "--sequence-id: not one look-up"

# export takes --sequence-id too: only that sequence of the shared name
run export sequences --sequence-id 687e6389662e38f2ac369e46 -o -
[ "$rc" = 0 ] || [ "$rc" = 1 ] || fail "export sequences --sequence-id: exit status $rc"
[ "$(grep -c '^6' stdout)" = 1 ] && grep -q '^687e6389662e38f2ac369e46,Duplicate Name Sequence,' stdout ||
	fail "export sequences --sequence-id: not the one sequence"
run export sequences --sequence-id "Partner Intro" -o -
expect_status 2 "export sequences --sequence-id NAME"
expect_in stderr "a name goes with --sequence"

# export's --sequence answers a typo and a shared name the same way
for what in sequences contacts; do
	run export $what --sequence "Webinar Invites" -o out.csv
	expect_status 4 "export $what --sequence with a typo"
	expect_in stderr '--sequence "Webinar Invites": no sequence has this name or id; the nearest name:'
	expect_in stderr '  68a341a19db4d0b1be231e36  Webinar Invitees'
	expect_not_in stderr "Q4 Outbound"
done
run export contacts --sequence "Duplicate Name Sequence" -o out.csv
expect_status 4 "export contacts --sequence naming four sequences"
expect_in stderr 'choose one with --sequence-id ID:'
expect_in stderr '  6a0000000000000000000010  1 step, created 2025-08-01 09:30 UTC+02:00, paused'
run export contacts --sequence-id 687e6389662e38f2ac369e46 -o out.csv
expect_status 0 "export contacts --sequence-id ID"
