#!/bin/sh
# issue 19: a lead list with Lead Source, Persona and Renewal Date beside
# names and emails. Without the team's fields, check names the three
# columns as not sent (and the file is not taken for a Salesforce export);
# with a snapshot (--fields, what `apollo-csv fields -o` writes) each feeds
# its custom field, the summary says so, and a value that does not fit is a
# row problem naming row, column, field, value and what would fit (exit 1,
# the row still ready; --strict-fields: invalid). A --map of a custom field
# by label needs the snapshot, and one it does not know names the nearest.
. "$(dirname "$0")/lib.sh"

cat > fields.json <<'JSON'
{"fields":[
 {"id":"contact.64a0000000000000000000a1","label":"Lead Source","modality":"contact","type":"string","max_length":12},
 {"id":"contact.64a0000000000000000000a2","label":"Persona","modality":"contact","type":"picklist",
  "options":[{"id":"64a00000000000000000b001","label":"Economic Buyer"},{"id":"64a00000000000000000b002","label":"Champion"}]},
 {"id":"contact.64a0000000000000000000a3","label":"Renewal Date","modality":"contact","type":"date"},
 {"id":"account.64a0000000000000000000a4","label":"Renewal Date","modality":"account","type":"datetime"}
]}
JSON
printf '%s\n' 'First Name,Last Name,Email,Lead Source,Persona,Renewal Date,Notes' \
	'Ana,Diaz,ana@quillmetrics.io,Webinar,champion,31/12/2026,met at booth' \
	'Bo,Li,bo@quillmetrics.io,,Gatekeeper,2026-02-30,' \
	'Cy,Ng,cy@quillmetrics.io,A very long source,,,' > leads.csv

# what check says of the columns it cannot check without --fields
tail=" (may be the team's custom fields, which import sends; --fields FILE checks them)"
# the lines of the mapping on stderr
mapping() { awk '/: profile "/ { on = 1; print; next } on && /^apollo-csv:   / { print; next } { on = 0 }' stderr; }

run check --no-progress -o plain.csv leads.csv
expect_status 0 "check leads.csv (no custom fields known)"
mapping > got
printf '%s\n' 'apollo-csv: leads.csv: profile "generic" (hand-made spreadsheet): no column marks an export (--format NAME chooses a profile)' \
	'apollo-csv:   First Name -> first_name' 'apollo-csv:   Last Name -> last_name' 'apollo-csv:   Email -> email' \
	"apollo-csv:   not checked: Lead Source, Persona, Renewal Date, Notes$tail" > want
cmp -s want got || fail "the mapping without fields:
$(cat got)"

run check --no-progress --fields fields.json -o results.csv leads.csv
expect_status 1 "check --fields (values that do not fit)"
mapping > got
printf '%s\n' 'apollo-csv: leads.csv: profile "generic" (hand-made spreadsheet): no column marks an export (--format NAME chooses a profile)' \
	'apollo-csv:   First Name -> first_name' 'apollo-csv:   Last Name -> last_name' 'apollo-csv:   Email -> email' \
	'apollo-csv:   Lead Source -> custom field Lead Source (string)' \
	'apollo-csv:   Persona -> custom field Persona (picklist)' \
	'apollo-csv:   Renewal Date -> custom field Renewal Date (date)' \
	'apollo-csv:   not sent: Notes' > want
cmp -s want got || fail "the mapping with fields:
$(cat got)"
expect_in stderr 'leads.csv:3:5: Persona: "Gatekeeper" is not one of Persona'"'"'s values: Economic Buyer, Champion'
expect_in stderr 'leads.csv:3:6: Renewal Date: "2026-02-30" is not a date'
expect_in stderr 'leads.csv:4:4: Lead Source: "A very long source" is 18 characters long; Lead Source takes at most 12'
/usr/bin/python3 - results.csv <<'PY' || fail "results.csv: $(cat results.csv)"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert [r['_status'] for r in rows] == ['ready', 'ready', 'ready'], rows
assert rows[0]['_reason'] == '', rows[0]
assert 'Persona: "Gatekeeper" is not one of' in rows[1]['_reason'], rows[1]
assert 'Renewal Date: "2026-02-30"' in rows[1]['_reason'], rows[1]
assert rows[1]['_reason'].endswith('(the contact would be sent without it)'), rows[1]
assert rows[1]['Persona'] == 'Gatekeeper', 'the input cell is kept as read'
PY

run check --no-progress -q --fields fields.json --strict-fields -o strict.csv leads.csv
expect_status 1 "check --strict-fields"
[ "$(awk -F, 'NR > 1 { print $10 }' strict.csv | tr '\n' ' ')" = "ready invalid invalid " ] ||
	fail "--strict-fields: $(cat strict.csv)"

# --map of a custom field: by label, under another header
sed '1s/Persona/Role/' leads.csv > role.csv
run check --no-progress --fields fields.json --map Persona=Role -o role.results.csv role.csv
expect_status 1 "check --map Persona=Role"
expect_in stderr 'Role -> custom field Persona (--map, picklist)'
expect_in stderr 'role.csv:3:5: Role (custom field Persona): "Gatekeeper" is not one of'
run check --no-progress --fields fields.json --map Persone=Role -o x.csv role.csv
expect_status 2 "check --map of an unknown custom field"
expect_in stderr '--map Persone=Role: no contact custom field has the label or id "Persone"; did you mean "Persona"?'
[ ! -e x.csv ] || fail "a usage error wrote x.csv"
run check --no-progress --map Persona=Role -o x.csv role.csv
expect_status 2 "check --map of a custom field without --fields"
expect_in stderr 'it needs --fields FILE'

# a snapshot that cannot be read: the file is named, nothing is written
echo '{"fields":[{"id":"contact.64a0000000000000000000a9","type":"string"}]}' > bad.json
run check --no-progress --fields bad.json -o x.csv leads.csv
expect_status 3 "check --fields bad.json"
expect_in stderr 'bad.json: the --fields snapshot cannot be read: field 1 (contact.64a0000000000000000000a9) has no "label"'
[ ! -e x.csv ] || fail "a bad snapshot wrote x.csv"
exit 0
