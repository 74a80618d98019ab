# sandbox-fields.sh - apollo-sandbox's custom fields: GET /fields (system and
# custom, ?source filtering, ids "<modality>.<hex>"), GET /typed_custom_fields
# (bare ids, names, picklist values), GET /account_stages, and what
# /_sandbox/records shows of the stored data.
. "$(dirname "$0")/sandbox-lib.sh"
PY=/usr/bin/python3

# check EXPR: EXPR (python, with the body as b and the environment as E) is true
check() {
	"$PY" -c 'import json, os, sys
b = json.load(open("body"))
E = os.environ
sys.exit(0 if eval(sys.argv[1]) else 1)' "$1" || fail "not true of the body: $1: $(head -c 1500 body)"
}
# fid MODALITY LABEL: the bare id of the seed's custom field
fid() {
	"$PY" -c 'import json, sys
d = json.load(open(sys.argv[1]))
print([f["id"] for f in d["typed_custom_fields"] if f["modality"] == sys.argv[2] and f["name"] == sys.argv[3]][0])' "$SEED" "$1" "$2"
}
# vid MODALITY LABEL VALUE: the id of one of a picklist's values
vid() {
	"$PY" -c 'import json, sys
d = json.load(open(sys.argv[1]))
f = [f for f in d["typed_custom_fields"] if f["modality"] == sys.argv[2] and f["name"] == sys.argv[3]][0]
print([v["id"] for v in f["picklist_values"] if v["name"] == sys.argv[4]][0])' "$SEED" "$1" "$2" "$3"
}
# stored LIST ID: that record as /_sandbox/records holds it, into body
stored() {
	records "$1"
	"$PY" -c 'import json, sys
b = json.load(open("body"))
json.dump([r for r in b[sys.argv[1]] if r["id"] == sys.argv[2]][0], open("body", "w"))' "$1" "$2" ||
		fail "no $1 $2 is stored"
}
# field NAME: the first "NAME":"value" of the body
field() { grep -o "\"$1\":\"[^\"]*\"" body | head -n 1 | sed 's/^"[^"]*":"\(.*\)"$/\1/'; }
# records LIST: GET /_sandbox/records/LIST into body
records() { code=$(curl -s -o body -w '%{http_code}' "$ROOT/_sandbox/records/$1"); }

sandbox_start

# /fields: every field, system ones among them
api GET fields
expect_code 200
check 'set(f["source"] for f in b["fields"]) == {"system", "custom", "crm_synced"}'
check 'all(k in f for f in b["fields"] for k in ("id", "label", "modality", "type", "source"))'
check 'any(f["id"] == "contact.attr2" and f["label"] == "First name" for f in b["fields"])'

# ?source=custom: only custom fields, ids "<modality>.<24-hex>"
api GET 'fields?source=custom'
expect_code 200
check 'len(b["fields"]) >= 21 and all(f["source"] == "custom" for f in b["fields"])'
check 'all(f["id"].split(".")[0] == f["modality"] and len(f["id"].split(".")[1]) == 24 for f in b["fields"])'
# the seed's four contact fields are still there, with their ids and labels
check '{("contact.63e3649078a015e28f6cc576", "Lead Source Detail"), ("contact.63e364901ad899001ea2a772", "Last Event Date"), ("contact.63e36490af956317c51b60f6", "Seats Requested"), ("contact.63e36490b07fcb19a9d26a6e", "Customer Tier")} <= {(f["id"], f["label"]) for f in b["fields"]}'
# every type on contacts, accounts and deals
for m in contact account opportunity; do
	check "{'string', 'textarea', 'number', 'date', 'datetime', 'boolean', 'picklist', 'multipicklist'} <= {f['type'] for f in b['fields'] if f['modality'] == '$m'}"
done
# the issue's three columns, and one label on contacts and accounts alike
check '{"Lead Source", "Persona", "Renewal Date"} <= {f["label"] for f in b["fields"] if f["modality"] == "contact"}'
check '[f for f in b["fields"] if f["label"] == "Persona"][0]["type"] == "picklist"'
check '[f for f in b["fields"] if f["label"] == "Renewal Date"][0]["type"] == "date"'
check 'len({f["modality"] for f in b["fields"] if f["label"] == "Region"}) == 2'
# picklist values and text limits under meta
check 'all(len(f["meta"]["picklist_values"]) >= 2 and all(set(v) >= {"id", "_id", "key", "name"} for v in f["meta"]["picklist_values"]) for f in b["fields"] if f["type"] in ("picklist", "multipicklist"))'
check '[f for f in b["fields"] if f["label"] == "Badge Code"][0]["meta"]["max_length"] == 12'

api GET 'fields?source=system'
expect_code 200
check 'b["fields"] and all(f["source"] == "system" for f in b["fields"])'
api GET 'fields?source=crm_synced'
expect_code 200
check 'len(b["fields"]) == 1 and b["fields"][0]["source"] == "crm_synced"'
api GET 'fields?source=everything'
expect_code 422
expect_body 'source must be one of system, custom, crm_synced'

# /typed_custom_fields: the same custom fields, bare ids and "name"
api GET typed_custom_fields
expect_code 200
check 'len(b["typed_custom_fields"]) >= 21 and all(len(f["id"]) == 24 and "." not in f["id"] for f in b["typed_custom_fields"])'
check 'all(k in f for f in b["typed_custom_fields"] for k in ("id", "name", "type", "modality", "text_field_max_length", "picklist_value_set_id"))'
check '[v["name"] for v in [f for f in b["typed_custom_fields"] if f["name"] == "Customer Tier"][0]["picklist_values"]] == ["Tier 1", "Tier 2", "Tier 3"]'
check 'all(v["id"] == v["_id"] == v["key"] for f in b["typed_custom_fields"] for v in f.get("picklist_values", []))'

# account stages, with Apollo's keys
api GET account_stages
expect_code 200
check 'len(b["account_stages"]) >= 3 and all(set(s) >= {"id", "name", "display_name", "display_order", "team_id", "category"} for s in b["account_stages"])'

# the stored records, without counting in the stats
records accounts
[ "$code" = 200 ] || fail "GET /_sandbox/records/accounts: HTTP $code"
check 'len(b["accounts"]) == 40 and all("typed_custom_fields" in a for a in b["accounts"])'
records api_keys
[ "$code" = 404 ] || fail "the keys are listed: HTTP $code"
stats
expect_no_stat '_sandbox'
expect_stat '"GET /api/v1/fields":5'

# ---- typed values (--custom-field-errors=record, the default) ----

PERSONA=$(fid contact Persona); CHAMPION=$(vid contact Persona Champion)
BUYER=$(vid contact Persona "Economic Buyer")
RENEWAL=$(fid contact "Renewal Date"); SEATS=$(fid contact "Seats Requested")
OPTIN=$(fid contact "Newsletter Opt-In"); INTERESTS=$(fid contact Interests)
ANALYTICS=$(vid contact Interests Analytics); SECURITY=$(vid contact Interests Security)
DEMO=$(fid contact "Last Demo At"); NOTES=$(fid contact "Contact Notes"); BADGE=$(fid contact "Badge Code")
CREGION=$(fid contact Region); AREGION=$(fid account Region); AEMEA=$(vid account Region EMEA)
CEMEA=$(vid contact Region EMEA)
export PERSONA CHAMPION BUYER RENEWAL SEATS OPTIN INTERESTS ANALYTICS SECURITY DEMO NOTES BADGE CREGION AREGION AEMEA CEMEA
export ok=
[ "$AEMEA" != "$CEMEA" ] || fail "the two Regions share value ids"

# a value of every type, each kept as its type
api POST contacts "{\"first_name\": \"Typed\", \"last_name\": \"Values\", \"email\": \"typed.values@fields-test.example\",
  \"typed_custom_fields\": {\"$PERSONA\": \"$CHAMPION\", \"$RENEWAL\": \"2027-03-31\", \"$SEATS\": \"12.5\",
  \"$OPTIN\": \"true\", \"$INTERESTS\": \"$ANALYTICS; $SECURITY\", \"$DEMO\": \"2026-11-02T10:30:00Z\",
  \"$NOTES\": \"Met at the booth\", \"$CREGION\": \"$CEMEA\"}}"
expect_code 200
check 'b["contact"]["custom_field_errors"] == {}'
check 'b["contact"]["typed_custom_fields"] == {E["PERSONA"]: E["CHAMPION"], E["RENEWAL"]: "2027-03-31", E["SEATS"]: 12.5, E["OPTIN"]: True, E["INTERESTS"]: [E["ANALYTICS"], E["SECURITY"]], E["DEMO"]: "2026-11-02T10:30:00Z", E["NOTES"]: "Met at the booth", E["CREGION"]: E["CEMEA"]}'
typed=$(field id)
stored contacts "$typed"
check 'b["typed_custom_fields"][E["PERSONA"]] == E["CHAMPION"] and b["typed_custom_fields"][E["INTERESTS"]] == [E["ANALYTICS"], E["SECURITY"]]'

# values that do not fit: the contact is made without them, each named
api POST contacts "{\"first_name\": \"Bad\", \"last_name\": \"Values\", \"email\": \"bad.values@fields-test.example\",
  \"typed_custom_fields\": {\"$PERSONA\": \"Champion\", \"$RENEWAL\": \"31/03/2027\", \"$BADGE\": \"ABCDEFGHIJKLM\",
  \"$SEATS\": \"twelve\", \"$OPTIN\": \"yes\", \"$DEMO\": \"2026-13-02T10:30:00Z\", \"$AREGION\": \"$AEMEA\",
  \"000000000000000000000000\": \"x\", \"$NOTES\": \"kept\"}}"
expect_code 200
check 'b["contact"]["typed_custom_fields"] == {E["NOTES"]: "kept"}'
check 'set(b["contact"]["custom_field_errors"]) == {E["PERSONA"], E["RENEWAL"], E["BADGE"], E["SEATS"], E["OPTIN"], E["DEMO"], E["AREGION"], "000000000000000000000000"}'
check '"is not a value id of the picklist Persona" in b["contact"]["custom_field_errors"][E["PERSONA"]]'
check '"not a date (YYYY-MM-DD)" in b["contact"]["custom_field_errors"][E["RENEWAL"]]'
check '"12" in b["contact"]["custom_field_errors"][E["BADGE"]]'
check '"custom field of accounts" in b["contact"]["custom_field_errors"][E["AREGION"]]'
bad=$(field id)
stored contacts "$bad"
check 'b["typed_custom_fields"] == {E["NOTES"]: "kept"} and len(b["custom_field_errors"]) == 8'

# values that are no strings (printed for their message) on a new contact of
# a bulk_create: named, and the sandbox goes on answering
api POST contacts/bulk_create "{\"contacts\": [{\"first_name\": \"Odd\", \"last_name\": \"Types\", \"email\": \"odd.types@fields-test.example\",
  \"typed_custom_fields\": {\"$RENEWAL\": [2027, 3], \"$SEATS\": {\"n\": 1}}}]}"
expect_code 200
check '"not a date" in b["created_contacts"][0]["custom_field_errors"][E["RENEWAL"]] and "not a number" in b["created_contacts"][0]["custom_field_errors"][E["SEATS"]]'
api GET "contacts/$bad"
expect_code 200

# PATCH: sent values overwrite, "" clears, the others stay; the errors are this write's
api PATCH "contacts/$typed" "{\"typed_custom_fields\": {\"$PERSONA\": \"$BUYER\", \"$RENEWAL\": \"\", \"$OPTIN\": false}}"
expect_code 200
stored contacts "$typed"
check 'b["typed_custom_fields"][E["PERSONA"]] == E["BUYER"] and E["RENEWAL"] not in b["typed_custom_fields"]'
check 'b["typed_custom_fields"][E["OPTIN"]] is False and b["typed_custom_fields"][E["SEATS"]] == 12.5 and b["custom_field_errors"] == {}'
api PATCH "contacts/$typed" "{\"typed_custom_fields\": {\"$INTERESTS\": [\"$SECURITY\"]}}"
expect_code 200
stored contacts "$typed"
check 'b["typed_custom_fields"][E["INTERESTS"]] == [E["SECURITY"]] and b["typed_custom_fields"][E["PERSONA"]] == E["BUYER"]'
api PATCH "contacts/$typed" '{"typed_custom_fields": "not an object"}'
expect_code 422
expect_body 'typed_custom_fields must be an object'

# bulk_create: per item; bulk_update: per contact_attributes item and, for contact_ids, the top level
api POST contacts/bulk_create "{\"contacts\": [{\"first_name\": \"Bulk\", \"last_name\": \"One\", \"email\": \"bulk.one@fields-test.example\", \"typed_custom_fields\": {\"$RENEWAL\": \"2028-01-15\"}},
  {\"first_name\": \"Bulk\", \"last_name\": \"Two\", \"email\": \"bulk.two@fields-test.example\", \"typed_custom_fields\": {\"$RENEWAL\": \"2028-02-30\"}}]}"
expect_code 200
b1=$("$PY" -c 'import json; print(json.load(open("body"))["created_contacts"][0]["id"])')
b2=$("$PY" -c 'import json; print(json.load(open("body"))["created_contacts"][1]["id"])')
# the slim items name a contact's dropped values, and only then
check '"custom_field_errors" not in b["created_contacts"][0] and list(b["created_contacts"][1]["custom_field_errors"]) == [E["RENEWAL"]]' 
[ -n "$b1" ] && [ -n "$b2" ] || fail "bulk_create made no contacts: $(cat body)"
stored contacts "$b1"
check 'b["typed_custom_fields"] == {E["RENEWAL"]: "2028-01-15"} and b["custom_field_errors"] == {}'
stored contacts "$b2"
check 'b["typed_custom_fields"] == {} and E["RENEWAL"] in b["custom_field_errors"]'
api POST contacts/bulk_update "{\"contact_attributes\": [{\"id\": \"$b1\", \"typed_custom_fields\": {\"$SEATS\": 40}}, {\"id\": \"$b2\", \"typed_custom_fields\": {\"$SEATS\": \"7\"}}]}"
expect_code 200
stored contacts "$b1"
check 'b["typed_custom_fields"] == {E["RENEWAL"]: "2028-01-15", E["SEATS"]: 40}'
api POST contacts/bulk_update "{\"contact_ids\": [\"$b1\", \"$b2\"], \"typed_custom_fields\": {\"$PERSONA\": \"$CHAMPION\"}}"
expect_code 200
stored contacts "$b2"
check 'b["typed_custom_fields"] == {E["SEATS"]: 7, E["PERSONA"]: E["CHAMPION"]} and b["custom_field_errors"] == {}'
stored contacts "$b1"
check 'b["typed_custom_fields"][E["PERSONA"]] == E["CHAMPION"]'

# accounts and deals keep theirs too
TIER=$(fid account "Account Tier"); GROWTH=$(vid account "Account Tier" Growth)
PRODUCTS=$(fid account "Products Used"); PLATFORM=$(vid account "Products Used" Platform)
VALUE=$(fid account "Contract Value"); PARTNER=$(fid account "Is Partner")
export TIER GROWTH PRODUCTS PLATFORM VALUE PARTNER
api POST accounts "{\"name\": \"Typed Account\", \"typed_custom_fields\": {\"$TIER\": \"$GROWTH\", \"$PRODUCTS\": [\"$PLATFORM\"], \"$VALUE\": \"1200\", \"$PARTNER\": true, \"$CREGION\": \"$CEMEA\"}}"
expect_code 200
check 'b["account"]["typed_custom_fields"] == {E["TIER"]: E["GROWTH"], E["PRODUCTS"]: [E["PLATFORM"]], E["VALUE"]: 1200, E["PARTNER"]: True}'
check 'list(b["account"]["custom_field_errors"]) == [E["CREGION"]]'
acct=$(field id)
stored accounts "$acct"
check 'b["typed_custom_fields"][E["TIER"]] == E["GROWTH"]'
api POST accounts/bulk_create "{\"accounts\": [{\"name\": \"Typed Bulk Account\", \"domain\": \"typed-bulk.example\", \"typed_custom_fields\": {\"$AREGION\": \"$AEMEA\"}}]}"
expect_code 200
check 'b["created_accounts"][0]["typed_custom_fields"] == {E["AREGION"]: E["AEMEA"]}'
DSOURCE=$(fid opportunity "Deal Source"); PARTNERSRC=$(vid opportunity "Deal Source" Partner)
DDATE=$(fid opportunity "Decision Date")
export DSOURCE PARTNERSRC DDATE
api POST opportunities "{\"name\": \"Typed Deal\", \"typed_custom_fields\": {\"$DSOURCE\": \"$PARTNERSRC\", \"$DDATE\": \"2027-02-29\"}}"
expect_code 200
check 'b["opportunity"]["typed_custom_fields"] == {E["DSOURCE"]: E["PARTNERSRC"]} and list(b["opportunity"]["custom_field_errors"]) == [E["DDATE"]]'

# ---- --custom-field-errors=422: the request is refused, nothing changes ----
sandbox_stop
sandbox_start --custom-field-errors=422
stats
contacts_before=$(grep -o '"contacts":[0-9]*' stats)
accounts_before=$(grep -o '"accounts":[0-9]*' stats)
api POST contacts "{\"first_name\": \"Refused\", \"email\": \"refused@fields-test.example\", \"typed_custom_fields\": {\"$NOTES\": \"fine\", \"$PERSONA\": \"Champion\"}}"
expect_code 422
check 'b == {"error": "Validation failed", "error_details": {"contact_id": None, "field": E["PERSONA"], "message": b["error_details"]["message"]}}'
check '"Champion" in b["error_details"]["message"]'
api POST contacts "{\"first_name\": \"Accepted\", \"email\": \"accepted@fields-test.example\", \"typed_custom_fields\": {\"$PERSONA\": \"$CHAMPION\"}}"
expect_code 200
check 'b["contact"]["typed_custom_fields"] == {E["PERSONA"]: E["CHAMPION"]}'
ok=$(field id); export ok
api POST contacts/bulk_update "{\"contact_attributes\": [{\"id\": \"$ok\", \"title\": \"Changed\", \"typed_custom_fields\": {\"$RENEWAL\": \"tomorrow\"}}]}"
expect_code 422
check 'b["error"] == "Validation failed" and b["error_details"]["contact_id"] == E["ok"] and b["error_details"]["field"] == E["RENEWAL"]' 
stored contacts "$ok"
check 'b["title"] is None and b["typed_custom_fields"] == {E["PERSONA"]: E["CHAMPION"]}'
api POST accounts/bulk_create "{\"accounts\": [{\"name\": \"Fine Co\"}, {\"name\": \"Unknown Field Co\", \"typed_custom_fields\": {\"000000000000000000000000\": \"x\"}}]}"
expect_code 422
check 'b["error_details"]["account_id"] is None and b["error_details"]["field"] == "000000000000000000000000"'
api POST opportunities "{\"name\": \"Refused Deal\", \"typed_custom_fields\": {\"$DDATE\": \"soon\"}}"
expect_code 422
check 'b["error_details"]["opportunity_id"] is None'
stats
expect_stat "$accounts_before"
expect_stat '"contacts":301'
expect_stat '"opportunities":0'

# --custom-field-errors takes record or 422 only
"$APOLLO_SANDBOX" --custom-field-errors=maybe --port 0 -q > out 2>&1 && fail "--custom-field-errors=maybe was taken"
grep -qF 'record or 422' out || fail "no reason given: $(cat out)"
"$APOLLO_SANDBOX" --help | grep -qF -- '--custom-field-errors=record|422' || fail "--help lacks --custom-field-errors"
exit 0
