# sandbox-fields.sh - apollo-sandbox's custom fields: GET /fields (system and
# custom, ?source filtering, ids "<modality>.<hex>"), GET /typed_custom_fields
# (bare ids, names, picklist values), GET /account_stages, and what
# /_sandbox/records shows of the stored data.
. "$(dirname "$0")/sandbox-lib.sh"
PY=/usr/bin/python3

# check EXPR: EXPR (python, with the body as b) is true
check() {
	"$PY" -c 'import json, sys
b = json.load(open("body"))
sys.exit(0 if eval(sys.argv[1]) else 1)' "$1" || fail "not true of the body: $1: $(head -c 800 body)"
}
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

# --custom-field-errors takes record or 422 only
"$APOLLO_SANDBOX" --custom-field-errors=maybe --port 0 -q > out 2>&1 && fail "--custom-field-errors=maybe was taken"
grep -qF 'record or 422' out || fail "no reason given: $(cat out)"
"$APOLLO_SANDBOX" --help | grep -qF -- '--custom-field-errors=record|422' || fail "--help lacks --custom-field-errors"
exit 0
