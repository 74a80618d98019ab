# sandbox-enrich.sh - apollo-sandbox's enrichment from its directory of
# people and organizations: people/match by each identifier (verified
# emails only), bulk_match's counters, order and 10-record limit,
# organizations/enrich by domain, website or name, the prospect search
# (no emails, obfuscated last names, no pagination object, page caps), and
# what stats says enrichment was asked and charged.
. "$(dirname "$0")/sandbox-lib.sh"

field() { grep -o "\"$1\":\"[^\"]*\"" body | head -n 1 | sed 's/^"[^"]*":"\(.*\)"$/\1/'; }
expect_count() {
	grep -qF -- "\"$1\":$2," stats || grep -qF -- "\"$1\":$2}" stats ||
		fail "stats: $1 is not $2: $(cat stats)"
}
# expect_person ID: the body is a match of that person
expect_person() { expect_body "{\"person\":{\"id\":\"$1\""; }

sandbox_start

# a verified person and an unverified one, found through the prospect search
api POST mixed_people/api_search '{"contact_email_status": ["verified"], "per_page": 1}'
expect_code 200
expect_body '{"total_entries":'
expect_no_body '"pagination"'
expect_no_body '"email":'
expect_body '"has_email":true'
verified=$(field id)
api POST mixed_people/api_search '{"contact_email_status": ["unverified"], "per_page": 1}'
expect_code 200
unverified=$(field id)
[ -n "$verified" ] && [ -n "$unverified" ] || fail "the directory needs verified and unverified people"

# by id: the person, with the organization, and the verified email
api POST people/match "{\"id\": \"$verified\"}"
expect_code 200
expect_person "$verified"
expect_body '"email_status":"verified"'
expect_body '"organization":{"id":"'
expect_no_body '"email":null'
email=$(field email)
first=$(field first_name)
last=$(field last_name)
full=$(field name)
title=$(field title)
linkedin=$(field linkedin_url)
org=$(field organization_id)
domain=$(field primary_domain)
org_name=$(grep -o '"name":"[^"]*"' body | sed -n 2p | sed 's/.*:"//; s/"$//')
[ -n "$email" ] && [ -n "$domain" ] && [ -n "$org_name" ] || fail "incomplete person: $(cat body)"

# an unverified email is not revealed
api POST people/match "{\"id\": \"$unverified\"}"
expect_code 200
expect_person "$unverified"
expect_body '"email":null'

# by each identifier
api POST people/match "{\"email\": \"$(echo "$email" | tr '[:lower:]' '[:upper:]')\"}"
expect_person "$verified"
api POST people/match "{\"first_name\": \"$first\", \"last_name\": \"$last\", \"domain\": \"https://www.$domain/\"}"
expect_person "$verified"
api POST people/match "{\"first_name\": \"$first\", \"last_name\": \"$last\", \"organization_name\": \"$org_name\"}"
expect_person "$verified"
api POST people/match "{\"name\": \"$full\", \"domain\": \"$domain\"}"
expect_person "$verified"
[ -n "$linkedin" ] || fail "the verified person needs a LinkedIn URL: $(cat body)"
api POST people/match "{\"linkedin_url\": \"$(echo "$linkedin" | sed 's|^https*://\(www\.\)*|https://|')/\"}"
expect_person "$verified"
# a name alone, or at another company, is not enough
api POST people/match "{\"first_name\": \"$first\", \"last_name\": \"$last\"}"
expect_code 200
expect_body '{"person":null}'
api POST people/match "{\"first_name\": \"$first\", \"last_name\": \"$last\", \"domain\": \"elsewhere.invalid\"}"
expect_body '{"person":null}'
api POST people/match '{"email": "nobody@nowhere.invalid"}'
expect_code 200
expect_body '{"person":null}'
# the person's phone only when asked for (the organization's is public)
api POST people/match "{\"id\": \"$verified\"}"
sed 's/"organization":{.*//' body | grep -q '"phone":' && fail "a phone without reveal_phone_number: $(cat body)"
api POST people/match "{\"id\": \"$verified\", \"reveal_phone_number\": true}"
expect_code 200
sed 's/"organization":{.*//' body | grep -q '"phone":' || fail "no phone with reveal_phone_number: $(cat body)"

# bulk_match: counters, input order, a null for a miss
api POST people/bulk_match "{\"details\": [{\"id\": \"$verified\"}, {\"email\": \"nobody@nowhere.invalid\"}, {\"email\": \"$email\"}]}"
expect_code 200
expect_body '{"status":"success","error_code":null,"error_message":null,"total_requested_enrichments":3,"unique_enriched_records":1,"missing_records":1,"credits_consumed":1,"matches":[{"id":"'"$verified"'"'
expect_body '},null,{"id":"'"$verified"'"'
grep -q '"request_id":-[0-9]\{6,\}}$' body || fail "request_id is not a negative 64-bit number: $(tail -c 80 body)"
eleven=$(awk 'BEGIN { printf "{\"details\": ["; for (i = 1; i <= 11; i++) printf "%s{\"email\": \"p%d@x.invalid\"}", (i > 1 ? "," : ""), i; print "]}" }')
api POST people/bulk_match "$eleven"
expect_code 400
expect_body '{"status":"failed","error_code":"RECORD_LIMIT_EXCEEDED","error_message":"'
api POST people/bulk_match '{"details": "x"}'
expect_code 400
expect_body '"status":"failed"'

# organizations/enrich: by domain (cleaned), website, name; GET or POST
api GET "organizations/enrich?domain=www.$domain"
expect_code 200
expect_body "{\"organization\":{\"id\":\"$org\""
api POST organizations/enrich "{\"domain\": \"HTTPS://$domain/about\"}"
expect_body "{\"organization\":{\"id\":\"$org\""
api POST organizations/enrich "{\"website\": \"http://www.$domain\"}"
expect_body "{\"organization\":{\"id\":\"$org\""
api POST organizations/enrich "{\"name\": \"$org_name\"}"
expect_body "{\"organization\":{\"id\":\"$org\""
api POST organizations/enrich '{"domain": "no-such-company.invalid"}'
expect_code 200
expect_body '{"organization":null}'
api GET organizations/enrich
expect_code 422
expect_body "{\"error\":\"Required parameter 'domain' missing\"}"

# prospect search: filters; no emails; the last name obfuscated
api POST mixed_people/api_search "{\"q_organization_domains_list\": [\"www.$domain\"], \"person_titles\": [\"$(echo "$title" | tr '[:upper:]' '[:lower:]')\"]}"
expect_code 200
expect_body "{\"id\":\"$verified\""
expect_no_body '"email":'
expect_no_body '"pagination"'
n=$(grep -o '"last_name_obfuscated"' body | wc -l)
[ "$n" -ge 1 ] && [ "$(grep -o "\"organization\":{\"name\":\"$org_name\"" body | wc -l)" -eq "$n" ] ||
	fail "people from another organization: $(cat body)"
obf=$(grep -o "{\"id\":\"$verified\",[^}]*" body | grep -o '"last_name_obfuscated":"[^"]*"' | sed 's/.*:"//; s/"$//')
case $obf in *'***') ;; *) fail "last_name_obfuscated is $obf" ;; esac
case $last in "${obf%???}"?*) ;; *) fail "last_name_obfuscated $obf is not $last's first letter" ;; esac
[ "${obf%???}" != "$last" ] || fail "last_name_obfuscated $obf shows the whole name"
api POST mixed_people/api_search "{\"organization_ids\": [\"$org\"]}"
expect_code 200
expect_body "{\"id\":\"$verified\""
api POST mixed_people/api_search '{"q_organization_domains_list": ["no-such-company.invalid"]}'
expect_code 200
expect_body '{"total_entries":0,"people":[]}'
api POST mixed_people/api_search '{"per_page": 101}'
expect_code 422
api POST mixed_people/api_search '{"page": 501}'
expect_code 422
api POST mixed_people/api_search '{"person_titles": {"title": "x"}}'
expect_code 422

stats
expect_count "POST /api/v1/people/match" 12
expect_count "POST /api/v1/people/bulk_match" 3
expect_count "GET /api/v1/organizations/enrich" 2
expect_count "POST /api/v1/organizations/enrich" 4
expect_count "POST /api/v1/mixed_people/api_search" 8
# what enrichment was asked and charged: the refused calls neither
expect_stat '"enrichment":{"people/bulk_match":{"asked":3,"credits":1}}'
exit 0
