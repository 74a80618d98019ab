# sandbox-bulk-edits.sh - apollo-sandbox's routes for editing many records:
# accounts/bulk_create with run_dedupe and every field it stores,
# accounts/search showing them, accounts/bulk_update (account_attributes and
# account_ids, async, limits), accounts/update_owners, contacts/update_stages
# and contacts/update_owners (JSON body and the documented query form), each
# asserted on what the sandbox then holds (/_sandbox/records).
. "$(dirname "$0")/sandbox-lib.sh"
PY=/usr/bin/python3

# check EXPR: EXPR (python, with the body as b and the environment as E) is true
check() {
	"$PY" -c 'import json, os, sys
b = json.load(open("body"))
E = os.environ
sys.exit(0 if eval(sys.argv[1]) else 1)' "$1" || fail "not true of the body: $1: $(head -c 1500 body)"
}
# get EXPR: EXPR of the body, printed
get() {
	"$PY" -c 'import json, os, sys
b = json.load(open("body"))
E = os.environ
print(eval(sys.argv[1]))' "$1" || fail "cannot read $1 from the body: $(head -c 800 body)"
}
# stored LIST ID: that record as /_sandbox/records holds it, into body
stored() {
	curl -s -o body "$ROOT/_sandbox/records/$1" || fail "no /_sandbox/records/$1"
	"$PY" -c 'import json, sys
b = json.load(open("body"))
json.dump([r for r in b[sys.argv[1]] if r["id"] == sys.argv[2]][0], open("body", "w"))' "$1" "$2" ||
		fail "no $1 $2 is stored"
}
fid() {
	"$PY" -c 'import json, sys
d = json.load(open(sys.argv[1]))
print([f["id"] for f in d["typed_custom_fields"] if f["modality"] == sys.argv[2] and f["name"] == sys.argv[3]][0])' "$SEED" "$1" "$2"
}
# count ROUTE N: the stats count N requests to "POST /api/v1/ROUTE"
count() {
	grep -qF -- "\"POST /api/v1/$1\":$2," stats || grep -qF -- "\"POST /api/v1/$1\":$2}" stats ||
		fail "stats: POST $1 is not $2: $(cat stats)"
}

sandbox_start

api GET account_stages
expect_code 200
S1=$(get 'b["account_stages"][0]["id"]'); S2=$(get 'b["account_stages"][1]["id"]')
api GET users/search
U1=$(get 'b["users"][0]["id"]'); U2=$(get 'b["users"][1]["id"]')
api GET contact_stages
CS=$(get 'b["contact_stages"][2]["id"]')
VALUE=$(fid account "Contract Value")
export S1 S2 U1 U2 CS VALUE
records() { curl -s -o body "$ROOT/_sandbox/records/$1"; }
records accounts
KESSEL=$(get '[a["id"] for a in b["accounts"] if a["domain"] == "kesselwerk-automation.com"][0]')
ALBORADA=$(get '[a["id"] for a in b["accounts"] if a["name"] == "Alborada Analytics"][0]')
export KESSEL ALBORADA

# ---- bulk_create: every field stored; run_dedupe by domain, then name ----
api POST accounts/bulk_create "{\"run_dedupe\": true, \"append_label_names\": [\"Q1 Push\"], \"accounts\": [
  {\"name\": \"Newco Bulk\", \"domain\": \"https://www.Newco-Bulk.example/about\", \"account_stage_id\": \"$S1\",
   \"owner_id\": \"$U1\", \"phone\": \"+1 555 0199\", \"label_names\": [\"Key Accounts\"],
   \"typed_custom_fields\": {\"$VALUE\": \"5000\"}},
  {\"name\": \"Another Name\", \"domain\": \"www.kesselwerk-automation.com\", \"typed_custom_fields\": {\"$VALUE\": 1}},
  {\"name\": \"alborada analytics\", \"account_stage_id\": \"$S2\"}]}"
expect_code 200
check 'len(b["created_accounts"]) == 1 and [a["id"] for a in b["existing_accounts"]] == [E["KESSEL"], E["ALBORADA"]]'
NEWCO=$(get 'b["created_accounts"][0]["id"]'); export NEWCO
stored accounts "$NEWCO"
check 'b["domain"] == "newco-bulk.example" and b["account_stage_id"] == E["S1"] and b["owner_id"] == E["U1"] and b["phone"] == "+1 555 0199"'
check 'b["typed_custom_fields"] == {E["VALUE"]: 5000} and len(b["label_ids"]) == 2 and b["website_url"] == "http://www.newco-bulk.example"'
# the matches were not changed
stored accounts "$KESSEL"
check 'b["name"] == "Kesselwerk Automation GmbH" and b["typed_custom_fields"] == {}'
stored accounts "$ALBORADA"
check 'b["account_stage_id"] is None'
api POST accounts/bulk_create "{\"accounts\": [{\"name\": \"Staged Wrong\", \"account_stage_id\": \"000000000000000000000000\"}]}"
expect_code 422
expect_body 'Parameters misconfigured. 000000000000000000000000 is not a valid ID'

# ---- search: every stored field, paginated as contacts/search is ----
api POST accounts/search '{"q_organization_name": "newco bulk"}'
expect_code 200
check 'len(b["accounts"]) == 1 and b["accounts"][0]["id"] == E["NEWCO"]'
check 'all(k in b["accounts"][0] for k in ("typed_custom_fields", "label_ids", "account_stage_id", "owner_id", "domain", "website_url", "phone", "custom_field_errors"))'
check 'b["accounts"][0]["typed_custom_fields"] == {E["VALUE"]: 5000}'
api POST accounts/search "{\"account_stage_ids\": [\"$S1\"]}"
check '[a["id"] for a in b["accounts"]] == [E["NEWCO"]]'
api POST accounts/search '{"per_page": 10, "page": 5}'
expect_code 200
check 'b["pagination"]["total_entries"] == 41 and b["pagination"]["total_pages"] == 5 and len(b["accounts"]) == 1'

# ---- bulk_update: account_attributes, each its own fields and custom values ----
api POST accounts/bulk_update "{\"account_attributes\": [
  {\"id\": \"$NEWCO\", \"name\": \"Newco Renamed\", \"account_stage_id\": \"$S2\", \"typed_custom_fields\": {\"$VALUE\": \"\"}},
  {\"id\": \"$KESSEL\", \"owner_id\": \"$U2\", \"typed_custom_fields\": {\"$VALUE\": \"750.5\"}}]}"
expect_code 200
check '[a["id"] for a in b["accounts"]] == [E["NEWCO"], E["KESSEL"]]'
stored accounts "$NEWCO"
check 'b["name"] == "Newco Renamed" and b["account_stage_id"] == E["S2"] and b["typed_custom_fields"] == {} and b["owner_id"] == E["U1"]'
stored accounts "$KESSEL"
check 'b["owner_id"] == E["U2"] and b["typed_custom_fields"] == {E["VALUE"]: 750.5} and b["name"] == "Kesselwerk Automation GmbH"'
# one unknown account: nothing is changed
api POST accounts/bulk_update "{\"account_attributes\": [{\"id\": \"$NEWCO\", \"name\": \"Never\"}, {\"id\": \"000000000000000000000000\", \"name\": \"X\"}]}"
expect_code 422
check 'b == {"error": "Validation failed", "error_details": {"account_id": "000000000000000000000000", "field": "id", "message": "Account not found"}}'
stored accounts "$NEWCO"
check 'b["name"] == "Newco Renamed"'
api POST accounts/bulk_update "{\"async\": true, \"account_attributes\": [{\"id\": \"$NEWCO\", \"name\": \"Never\"}]}"
expect_code 422
expect_body '{"error":"Async processing is not permitted."}'
"$PY" -c 'import json; print(json.dumps({"account_ids": ["%024x" % i for i in range(1001)], "account_stage_id": "x"}))' > big.json
api POST accounts/bulk_update "$(cat big.json)"
expect_code 422
expect_body 'Please limit your array to fewer than 1000.'
api POST accounts/bulk_update '{"name": "Nothing to update"}'
expect_code 422
# account_ids: the shared stage for all
api POST accounts/bulk_update "{\"account_ids\": [\"$NEWCO\", \"$ALBORADA\"], \"account_stage_id\": \"$S1\"}"
expect_code 200
check 'sorted(a["id"] for a in b["accounts"]) == sorted([E["NEWCO"], E["ALBORADA"]]) and all(a["account_stage_id"] == E["S1"] for a in b["accounts"])'
stored accounts "$ALBORADA"
check 'b["account_stage_id"] == E["S1"]'
# async with account_ids: a pending job, applied at once
api POST accounts/bulk_update "{\"account_ids\": [\"$ALBORADA\"], \"owner_id\": \"$U2\", \"async\": true}"
expect_code 200
check 'b["entity_progress_job"]["job_type"] == "account_bulk_update" and b["entity_progress_job"]["entity_ids"] == [E["ALBORADA"]]'
stored accounts "$ALBORADA"
check 'b["owner_id"] == E["U2"]'

# ---- accounts/update_owners, in the documented query form ----
api POST "accounts/update_owners?account_ids%5B%5D=$NEWCO&account_ids%5B%5D=$KESSEL&owner_id=$U2"
expect_code 200
check 'b == {"accounts": [{"id": E["NEWCO"], "owner_id": E["U2"], "crm_owner_id": None}, {"id": E["KESSEL"], "owner_id": E["U2"], "crm_owner_id": None}]}'
stored accounts "$NEWCO"
check 'b["owner_id"] == E["U2"]'
api POST accounts/update_owners "{\"account_ids\": [\"$NEWCO\"]}"
expect_code 422
expect_body "Required parameter 'owner_id' missing"

# ---- contacts/update_stages and update_owners: the body and the query form ----
api POST contacts/search '{"per_page": 3}'
expect_code 200
check 'all(k in c for c in b["contacts"] for k in ("typed_custom_fields", "contact_stage_id", "owner_id", "label_ids", "phone_numbers"))'
C1=$(get 'b["contacts"][0]["id"]'); C2=$(get 'b["contacts"][1]["id"]'); C3=$(get 'b["contacts"][2]["id"]')
export C1 C2 C3
api POST contacts/update_stages "{\"contact_ids\": [\"$C1\", \"$C2\"], \"contact_stage_id\": \"$CS\"}"
expect_code 200
check '[c["id"] for c in b["contacts"]] == [E["C1"], E["C2"]] and all(c["contact_stage_id"] == E["CS"] for c in b["contacts"])'
stored contacts "$C2"
check 'b["contact_stage_id"] == E["CS"]'
api POST "contacts/update_stages?contact_ids%5B%5D=$C3&contact_stage_id=$CS"
expect_code 200
stored contacts "$C3"
check 'b["contact_stage_id"] == E["CS"]'
api POST contacts/update_stages "{\"contact_ids\": [\"$C1\"], \"contact_stage_id\": \"000000000000000000000000\"}"
expect_code 422
api POST contacts/update_stages "{\"contact_ids\": [\"$C1\", \"000000000000000000000000\"], \"contact_stage_id\": \"$CS\"}"
expect_code 422
check 'b["error_details"]["contact_id"] == "000000000000000000000000"'
api POST contacts/update_owners "{\"contact_ids\": [\"$C1\", \"$C2\"], \"owner_id\": \"$U2\"}"
expect_code 200
check 'b == {"contacts": [{"id": E["C1"], "owner_id": E["U2"], "crm_owner_id": None}, {"id": E["C2"], "owner_id": E["U2"], "crm_owner_id": None}]}'
stored contacts "$C1"
check 'b["owner_id"] == E["U2"]'
api POST "contacts/update_owners?contact_ids%5B%5D=$C3&owner_id=$U1"
expect_code 200
stored contacts "$C3"
check 'b["owner_id"] == E["U1"]'
api POST contacts/update_owners "{\"contact_ids\": [\"$C1\"], \"owner_id\": \"000000000000000000000000\"}"
expect_code 422
expect_body 'is not a valid ID'
api POST contacts/update_owners '{"owner_id": "x"}'
expect_code 422
expect_body "Required parameter 'contact_ids' missing"

stats
count accounts/bulk_update 7
count accounts/update_owners 2
count contacts/update_stages 4
count contacts/update_owners 4
expect_stat '"accounts":41'
exit 0
