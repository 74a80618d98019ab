#!/bin/sh
# apollo-csv fields: the seed's custom fields listed for a person (label,
# modality, type, picklist values), one modality with --modality, the
# snapshot -o writes (read back by check --fields), one GET /fields a run;
# GET /typed_custom_fields when /fields answers 404 or 403; a key refused
# both ways is exit 4; a reply that cannot be read is exit 5, never "none".
. "$(dirname "$0")/sandbox-lib.sh"
PY=/usr/bin/python3
export APOLLO_API_KEY=$KEY APOLLO_BASE_URL

requests() { stats; "$PY" -c 'import json, sys; print(json.load(open("stats"))["requests"].get(sys.argv[1], 0))' "$1"; }

sandbox_start
APOLLO_BASE_URL=$BASE
run fields
expect_status 0 "fields"
expect_in stdout 'Persona'
"$PY" - stdout "$SEED" <<'PY' || fail "the listing: $(cat stdout)"
import json, sys
lines = open(sys.argv[1]).read().splitlines()
seed = json.load(open(sys.argv[2]))['typed_custom_fields']
assert lines[0].split() == ['LABEL', 'MODALITY', 'TYPE'], lines[0]
assert len(lines) == 1 + len(seed), (len(lines), len(seed))
for f in seed:
    line = [l for l in lines[1:] if l.startswith(f['name'] + '  ') and f" {f['modality']} " in l]
    assert line, f['name']
    for v in f.get('picklist_values', []):
        assert v['name'] in line[0], (f['name'], v['name'], line[0])
PY
[ "$(requests 'GET /api/v1/fields')" = 1 ] || fail "not one GET /fields: $(cat stats)"

run fields --modality account -o accounts.json
expect_status 0 "fields --modality account -o accounts.json"
"$PY" - accounts.json "$SEED" <<'PY' || fail "accounts.json: $(head -c 600 accounts.json)"
import json, sys
snap = json.load(open(sys.argv[1]))['fields']
seed = [f for f in json.load(open(sys.argv[2]))['typed_custom_fields'] if f['modality'] == 'account']
assert sorted(f['id'] for f in snap) == sorted('account.' + f['id'] for f in seed), snap
for f in snap:
    s = [x for x in seed if 'account.' + x['id'] == f['id']][0]
    assert f['label'] == s['name'] and f['modality'] == 'account', f
    assert [o['label'] for o in f.get('options', [])] == [v['name'] for v in s.get('picklist_values', [])], f
PY
before=$(requests 'GET /api/v1/fields')
run fields -o accounts.json
expect_status 6 "fields -o over an existing file"
expect_in stderr 'use --force'
[ "$(requests 'GET /api/v1/fields')" = "$before" ] || fail "a look-up before refusing to replace the file"

# the snapshot is what check --fields reads
run fields -o all.json
expect_status 0 "fields -o all.json"
printf '%s\n' 'Email,Persona' 'a@e2e-fields.test,Champion' 'b@e2e-fields.test,Boss' > p.csv
run check --no-progress --fields all.json -o p.results.csv p.csv
expect_status 1 "check --fields all.json"
expect_in stderr 'p.csv:3:2: Persona: "Boss" is not one of'

# /fields answers 404 (an older API) or 403 (a key scoped without it): the
# deprecated list is asked, and read alike
for form in 404 403; do
	curl -s -o /dev/null -X POST -d "{\"route\":\"fields\",\"form\":\"$form\"}" "$ROOT/_sandbox/reply"
	before=$(requests 'GET /api/v1/typed_custom_fields')
	run fields -o fallback-$form.json
	expect_status 0 "fields after a $form from /fields"
	[ "$(requests 'GET /api/v1/typed_custom_fields')" = $((before + 1)) ] || fail "$form: no GET /typed_custom_fields"
	cmp -s all.json fallback-$form.json || fail "$form: the snapshot differs: $(diff all.json fallback-$form.json | head)"
done

# a key refused both ways: exit 4
APOLLO_API_KEY=sandbox-limited-key run fields
expect_status 4 "fields with a key scoped without fields"
# a 200 whose body is {} (no list): exit 5, never "no custom fields"
curl -s -o /dev/null -X POST -d '{"route":"fields","form":"object"}' "$ROOT/_sandbox/reply"
run fields
expect_status 5 "fields answered {}"
expect_in stderr 'cannot read the team'"'"'s custom fields: fields: the reply has no list of "fields" or "typed_custom_fields"'
expect_not_in stderr 'no custom fields'
exit 0
