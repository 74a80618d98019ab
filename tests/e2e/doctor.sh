#!/bin/sh
# doctor: the read-only preflight. Against apollo-sandbox: a master key
# (every command can run, exit 0), a key with a few scopes (403
# API_INACCESSIBLE: the commands it cannot run named with the scope to ask
# for, exit 4), a key with the write scopes (probed with requests Apollo
# refuses as incomplete: 422, nothing made), a wrong key (401, exit 4), a
# base URL that is not Apollo's API (exit 5), no mailbox (enroll cannot
# run), a command line naming no command it knows and no key (nothing
# sent), and a daily window used up before doctor runs (said with when it
# ends, not waited out, exit 5). Each time the sandbox's stats show at most
# 10 requests and no record changed; the key shows up nowhere.
. "$(dirname "$0")/sandbox-lib.sh"
PY=/usr/bin/python3

# a seed with a key that has the scopes of the write endpoints, and a
# sequence without steps; and one with no mailbox
$PY - "$SEED" <<'EOF' || fail "could not write the seeds"
import json, sys
d = json.load(open(sys.argv[1]))
d["api_keys"].append({"key": "doctor-writer-key", "master": False, "scopes": [
    "api/v1/usage_stats/api_usage_stats", "api/v1/email_accounts/index",
    "api/v1/emailer_campaigns/search", "api/v1/contacts/bulk_create",
    "api/v1/emailer_campaigns/add_contact_ids",
    "api/v1/emailer_campaigns/remove_or_stop_contact_ids", "api/v1/contacts/bulk_update"]})
d["sequences"][0]["num_steps"] = 0
json.dump(d, open("seed-writer.json", "w"))
d["email_accounts"] = []
json.dump(d, open("seed-no-mailbox.json", "w"))
EOF

# doctor ARGS...: runs it against the sandbox with $KEY; the stats after it
# in the file stats. It must not wait: a rate window spent for a day would
# hold it for a day.
doctor() {
	curl -s -o /dev/null -X POST "$ROOT/_sandbox/reset" || fail "no reset"
	stats
	cp stats before
	APOLLO_API_KEY=$KEY APOLLO_BASE_URL=$BASE run doctor "$@"
	stats
}

# check_stats REQUESTS [STATUS=COUNT...]: exactly REQUESTS requests reached
# the sandbox (never more than 10), each status answered as often as said,
# and not one record was made, changed or enrolled
check_stats() {
	$PY - "$@" <<'EOF' || fail "the sandbox's stats: $(cat stats)"
import json, sys
before, after = json.load(open("before")), json.load(open("stats"))
want, msgs = int(sys.argv[1]), []
sent = sum(after["requests"].values()) - sum(before["requests"].values())
if sent != want or sent > 10:
    msgs.append("%d requests, expected %d (at most 10): %s" % (sent, want, after["requests"]))
for pair in sys.argv[2:]:
    code, n = pair.split("=")
    got = after["responses"].get(code, 0) - before["responses"].get(code, 0)
    if got != int(n):
        msgs.append("%d answers %s, expected %s: %s" % (got, code, n, after["responses"]))
for k in ("contacts", "accounts", "tasks", "opportunities", "enrollments", "duplicate_emails"):
    if before[k] != after[k]:
        msgs.append("%s changed: %s -> %s" % (k, before[k], after[k]))
if msgs:
    print("\n".join(msgs))
    sys.exit(1)
EOF
}

no_key_shown() {
	! grep -qF -- "$1" stdout stderr || fail "the key $1 shows up in the output"
}

sandbox_start --seed seed-writer.json

# a master key: four reads, every command can run
KEY=sandbox-master-key
doctor
expect_status 0 "doctor, master key"
expect_in stdout "key          from APOLLO_API_KEY: works; a master key"
expect_in stdout "Apollo       $BASE (from APOLLO_BASE_URL)"
expect_in stdout "mailboxes    4 active (dana.whitfield@sellwise-demo.com, "
expect_in stdout ", 1 not active (dana@sellwise-outreach-demo.com)"
expect_in stdout "sequences    6 active with steps; 'Q4 Outbound - SaaS' has no steps (it sends nothing); 2 not active"
expect_in stdout "rate budget  "
expect_in stdout "requests     4 sent to Apollo, none of which changes anything"
expect_in stdout "verdict      every command can run"
check_stats 4 200=4
for r in "POST /api/v1/contacts/bulk_create" "POST /api/v1/opportunities\"" "add_contact_ids"; do
	expect_not_in stats "$r"
done
no_key_shown "$KEY"

# a key with a few scopes: each write endpoint asked, every one refused
# with 403 before anything; export and prospect left for lack of calls
KEY=sandbox-limited-key
doctor
expect_status 4 "doctor, limited key"
expect_in stdout "not a master key (users/search: API_INACCESSIBLE)"
expect_in stdout "import       cannot run: the key may not call contacts/bulk_create (API_INACCESSIBLE): ask for a key with the scope api/v1/contacts/bulk_create, or a master key"
expect_in stdout "enroll       cannot run: the key may not call emailer_campaigns/add_contact_ids, email_accounts (API_INACCESSIBLE): ask for a key with the scopes api/v1/emailer_campaigns/add_contact_ids, api/v1/email_accounts/index, or a master key"
expect_in stdout "deals        cannot run: the key may not call opportunities (API_INACCESSIBLE): ask for a key with the scope deals/api/v1/opportunities/create"
expect_in stdout "mailboxes    not known: the key may not call email_accounts"
expect_in stdout "rate budget  not known: the key may not call usage_stats/api_usage_stats"
expect_in stdout "export       not known: contacts/search not checked"
expect_in stdout "verdict      import, enroll, unenroll, update, tasks, deals, prospect cannot; export: not known"
expect_in stdout "doctor sends at most 10 requests: ask about fewer commands, e.g. apollo-csv doctor tasks deals export prospect"
# only emailer_campaigns/search is the key's: the other nine are 403s
check_stats 10 200=1 403=9
no_key_shown "$KEY"

# the same key for export alone: it can
doctor export
expect_status 0 "doctor export, limited key"
expect_in stdout "rate budget  contacts/search: 49 left this minute, 199 this hour, 599 today (as its answer said)"
expect_in stdout "verdict      every command named can run"
check_stats 5 200=2 403=3

# the write scopes: each probe refused as incomplete (422), nothing made
KEY=doctor-writer-key
doctor import enroll unenroll update
expect_status 0 "doctor, writer key"
expect_in stdout "not a master key"
expect_in stdout "verdict      every command named can run"
check_stats 8 200=3 403=1 422=4
for r in contacts/bulk_create "emailer_campaigns/{id}/add_contact_ids" emailer_campaigns/remove_or_stop_contact_ids \
	contacts/bulk_update; do
	expect_in stats "\"POST /api/v1/$r\":1"
done

# a wrong key: one request, refused; nothing else asked
KEY=not-a-key
doctor
expect_status 4 "doctor, wrong key"
expect_in stdout "key          from APOLLO_API_KEY: Apollo refuses it: Invalid API key."
expect_in stdout "(HTTP 401)"
expect_in stdout "verdict      no command can run: Apollo refuses the key from APOLLO_API_KEY"
check_stats 1 401=1
no_key_shown "$KEY"

# the key from a key file and the base URL from the config file, named as such
KEY=sandbox-master-key
printf '%s\n' "$KEY" > key
chmod 600 key
mkdir -p cfg/apollo-csv
printf 'base_url = %s\n' "$BASE" > cfg/apollo-csv/config
curl -s -o /dev/null -X POST "$ROOT/_sandbox/reset"
(unset APOLLO_API_KEY APOLLO_BASE_URL; XDG_CONFIG_HOME=$PWD/cfg "$APOLLO_CSV" doctor import --api-key-file key \
	> stdout 2> stderr) || fail "doctor with a key file: exit status $?"
expect_in stdout "key          from the key file key: works; a master key"
expect_in stdout "Apollo       $BASE (from the config file $PWD/cfg/apollo-csv/config)"
no_key_shown "$KEY"

# a command line that names no command doctor knows, and no key at all:
# nothing is sent
curl -s -o /dev/null -X POST "$ROOT/_sandbox/reset"
stats
cp stats before
APOLLO_API_KEY=$KEY APOLLO_BASE_URL=$BASE run doctor import frobnicate
expect_status 2 "doctor, an unknown command"
expect_in stderr "doctor: frobnicate is not a command doctor knows: name import, enroll,"
APOLLO_API_KEY=$KEY APOLLO_BASE_URL=$BASE run doctor check
expect_status 2 "doctor check"
expect_in stderr "doctor: check sends nothing to Apollo"
(unset APOLLO_API_KEY; XDG_CONFIG_HOME=$PWD/no-config APOLLO_BASE_URL=$BASE "$APOLLO_CSV" doctor \
	> stdout 2> stderr)
rc=$?
expect_status 4 "doctor, no key"
expect_in stderr "apollo-csv: no API key: set APOLLO_API_KEY"
stats
check_stats 0

# a base URL that is not Apollo's API: two requests, then it stops
APOLLO_API_KEY=$KEY APOLLO_BASE_URL=$ROOT/nothere/v1 run doctor
expect_status 5 "doctor, wrong base URL"
expect_in stdout "Apollo       $ROOT/nothere/v1 (from APOLLO_BASE_URL): not Apollo's API, it seems: HTTP 404"
expect_in stdout "verdict      no command can run: Apollo does not answer at $ROOT/nothere/v1; is APOLLO_BASE_URL right?"
sandbox_stop

# no mailbox: enroll cannot run, import can
sandbox_start --seed seed-no-mailbox.json
doctor enroll import
expect_status 4 "doctor, no mailbox"
expect_in stdout "mailboxes    none: connect a mailbox in Apollo"
expect_in stdout "enroll       cannot run: no active mailbox to send from (--from): connect one in Apollo"
expect_in stdout "verdict      import can run; enroll cannot (see above)"
check_stats 4 200=4
sandbox_stop

# a daily window used up before doctor runs: said, with when it ends;
# never waited for (the window lasts a day)
sandbox_start --rate minute=0,hour=0,day=3
for i in 1 2 3; do
	api POST contacts/bulk_create '{"contacts": []}'
	expect_code 200
done
stats
cp stats before
began=$(date +%s)
APOLLO_API_KEY=$KEY APOLLO_BASE_URL=$BASE run doctor import enroll
[ $(($(date +%s) - began)) -lt 30 ] || fail "doctor waited for the spent window"
stats
expect_status 5 "doctor, spent daily window"
expect_in stdout "rate budget  contacts/bulk_create: 0 of 3 left today"
grep -Eq '^import       cannot run: Apollo.s daily limit for contacts/bulk_create is used up; it ends in (23|24) h [0-9]+ min \(at ' stdout ||
	fail "no daily window used up, ending in a day: $(cat stdout)"
expect_in stdout "verdict      enroll can run; import cannot (see above)"
# the four reads, and one bulk_create to learn when the window ends: a 429,
# which costs no quota
check_stats 5 200=4 429=1
expect_stat '"POST /api/v1/contacts/bulk_create":4'
exit 0
