#!/bin/sh
# check shows the mapping before the rows (issue 14, item 3), on files with
# the exact header rows of the bundled samples: the profile and the columns
# that chose it, one line a mapped column, the columns not sent; nothing of
# it with -q, column numbers with -v. Salesforce's OwnerId is not read as
# the owner; HubSpot's Company Domain Name is the website; Apollo ids from
# an export get one warning; an id of another system in an Apollo id
# column is left out, and the row is still ready.
. "$(dirname "$0")/lib.sh"
# what check says after the columns it cannot check without --fields
TAIL=" (may be the team's custom fields, which import sends; --fields FILE checks them)"

APOLLO_H='First Name,Last Name,Title,Company,Company Name for Emails,Email,Email Status,Seniority,Departments,Contact Owner,First Phone,Work Direct Phone,Home Phone,Mobile Phone,Corporate Phone,Other Phone,Stage,Lists,Last Contacted,Account Owner,# Employees,Industry,Keywords,Person Linkedin Url,Website,Company Linkedin Url,City,State,Country,Company Address,Company City,Company State,Company Country,Apollo Contact Id,Apollo Account Id'
HUBSPOT_H='Record ID,First Name,Last Name,Email,Phone Number,Job Title,Company Name,Website URL,City,State/Region,Country/Region,Lifecycle Stage,Contact owner,Create Date,Lead Status'
SALESFORCE_H='"Id","FirstName","LastName","Salutation","Title","Company","Email","Phone","MobilePhone","Website","Street","City","State","PostalCode","Country","LeadSource","Status","Industry","OwnerId"'
LINKEDIN_H='First Name,Last Name,URL,Email Address,Company,Position,Connected On'

# the headers above are the samples' own: a changed sample must change them
[ "$(head -1 "$TOP_SRCDIR/samples/apollo-export.csv" | tr -d '\r' | sed 's/^\xef\xbb\xbf//')" = "$APOLLO_H" ] ||
	fail "samples/apollo-export.csv has another header"
[ "$(head -1 "$TOP_SRCDIR/samples/hubspot-export.csv")" = "$HUBSPOT_H" ] || fail "samples/hubspot-export.csv has another header"
[ "$(head -1 "$TOP_SRCDIR/samples/salesforce-leads.csv")" = "$SALESFORCE_H" ] || fail "samples/salesforce-leads.csv has another header"
[ "$(sed -n 4p "$TOP_SRCDIR/samples/linkedin-connections.csv")" = "$LINKEDIN_H" ] || fail "samples/linkedin-connections.csv has another header"

# the lines of stderr from the mapping's first line to its last (the
# "  " lines after the profile line)
mapping() { awk '/: profile "/ { on = 1; print; next } on && /^apollo-csv:   / { print; next } { on = 0 }' stderr; }
expect_mapping() {
	mapping > got
	printf '%s\n' "$@" > want
	cmp -s want got || fail "the mapping shown:
$(cat got)
--- expected:
$(cat want)"
}

# HubSpot
{ echo "$HUBSPOT_H"
  echo '51873479021,Ana,Díaz,ana.diaz@quillmetrics.io,+1 415 555 0132,Head of RevOps,Quillmetrics,https://www.quillmetrics.io,San Francisco,California,United States,Marketing Qualified Lead,Dana Whitfield,2024-02-19 10:42,Open'
} > hubspot.csv
run check --no-progress hubspot.csv
expect_status 0 "check hubspot.csv"
expect_mapping \
	'apollo-csv: hubspot.csv: profile "hubspot" (HubSpot contacts export): the header has Record ID, Website URL, State/Region, Country/Region, Lifecycle Stage, Contact owner' \
	'apollo-csv:   First Name -> first_name' \
	'apollo-csv:   Last Name -> last_name' \
	'apollo-csv:   Email -> email' \
	'apollo-csv:   Phone Number -> phone' \
	'apollo-csv:   Job Title -> title' \
	'apollo-csv:   Company Name -> organization_name' \
	'apollo-csv:   Website URL -> website_url' \
	'apollo-csv:   City -> city' \
	'apollo-csv:   State/Region -> state' \
	'apollo-csv:   Country/Region -> country' \
	"apollo-csv:   Contact owner -> owner (not sent: import's owner is --owner)" \
	"apollo-csv:   not checked: Record ID, Lifecycle Stage, Create Date, Lead Status$TAIL"
# before the rows: the summary comes after the mapping
[ "$(grep -n ': profile "' stderr | cut -d: -f1)" -lt "$(grep -n '1 row: ' stderr | cut -d: -f1)" ] ||
	fail "the mapping is not shown before the summary"

# -q: nothing at all (no warning either for this file); -v: column numbers
run check --no-progress -q --force hubspot.csv
expect_status 0 "check -q hubspot.csv"
[ ! -s stderr ] || fail "check -q printed something"
run check --no-progress -v --force hubspot.csv
expect_in stderr 'apollo-csv:   Email -> email (column 4)'
expect_in stderr "apollo-csv:   Contact owner -> owner (not sent: import's owner is --owner, column 13)"
expect_in stderr "apollo-csv:   not checked: Record ID (column 1), Lifecycle Stage (column 12), Create Date (column 14), Lead Status (column 15)$TAIL"

# HubSpot with the company's domain: Company Domain Name is the website
echo "$HUBSPOT_H" | sed 's/Website URL/Company Domain Name/' > hubspot-domain.csv
echo '51873549544,Brian,Reyes,brianr@amberloom.net,(206) 555-0115,VP Engineering,Amberloom Retail,amberloom.net,Seattle,WA,United States,Lead,Marco Ferri,2024-01-05 08:03,New' >> hubspot-domain.csv
run check --no-progress hubspot-domain.csv
expect_status 0 "check hubspot-domain.csv"
expect_in stderr 'apollo-csv: hubspot-domain.csv: profile "hubspot" (HubSpot contacts export)'
expect_in stderr 'apollo-csv:   Company Domain Name -> website_url'
expect_not_in stderr 'Company Domain Name,'

# Salesforce: OwnerId is not the owner; it is a column not sent
{ echo "$SALESFORCE_H"
  echo '"00Q5e00000kS0adEAC","Derek","Park","Mr.","VP Engineering","Orbitquay Robotics","derek@orbitquay.com","(412) 555-0157","","www.orbitquay.com","4100 Foundry Row","Pittsburgh","PA","15201","USA","Trade Show","Working - Contacted","Machinery","0055e00000lLbL3AAK"'
} > salesforce.csv
run check --no-progress salesforce.csv
expect_status 0 "check salesforce.csv"
expect_mapping \
	'apollo-csv: salesforce.csv: profile "salesforce" (Salesforce lead export): the header has Salutation, PostalCode, LeadSource, OwnerId' \
	'apollo-csv:   FirstName -> first_name' \
	'apollo-csv:   LastName -> last_name' \
	'apollo-csv:   Title -> title' \
	'apollo-csv:   Company -> organization_name' \
	'apollo-csv:   Email -> email' \
	'apollo-csv:   Phone -> phone' \
	'apollo-csv:   MobilePhone -> mobile_phone' \
	'apollo-csv:   Website -> website_url' \
	'apollo-csv:   Street -> present_raw_address' \
	'apollo-csv:   City -> city' \
	'apollo-csv:   State -> state' \
	'apollo-csv:   Country -> country' \
	"apollo-csv:   not checked: Id, Salutation, PostalCode, LeadSource, Status, Industry, OwnerId$TAIL"
[ "$(col salesforce.results.csv _status)" = ready ] || fail "the Salesforce row is not ready"

# LinkedIn, with its Notes: preamble
{ echo 'Notes:'
  echo '"When exporting your connection data, you may notice that some of the email addresses are missing."'
  echo
  echo "$LINKEDIN_H"
  echo 'Ana,Díaz,https://www.linkedin.com/in/ana-diaz-4b1a2c,ana.diaz@quillmetrics.io,Quillmetrics,Head of RevOps,14 Mar 2024'
} > linkedin.csv
run check --no-progress linkedin.csv
expect_status 0 "check linkedin.csv"
expect_mapping \
	'apollo-csv: linkedin.csv: profile "linkedin" (LinkedIn connections export): the header has URL, Email Address, Connected On' \
	'apollo-csv:   First Name -> first_name' \
	'apollo-csv:   Last Name -> last_name' \
	'apollo-csv:   URL -> linkedin_url' \
	'apollo-csv:   Email Address -> email' \
	'apollo-csv:   Company -> organization_name' \
	'apollo-csv:   Position -> title' \
	"apollo-csv:   not checked: Connected On$TAIL"

# Apollo's export: one warning a column of Apollo ids, not one a row
{ echo "$APOLLO_H"
  for n in 1 2 3; do
	echo "P$n,Test,Head,Quillmetrics,Quillmetrics,p$n@quillmetrics.io,Verified,Head,Operations,dana.whitfield@sellwise-demo.com,,,,,,,Cold,,,,140,software,,,http://www.quillmetrics.io,,San Francisco,California,United States,,,,,65100000dfb81df82a18042$n,64a000007eeb8a1ec9332a30"
  done
} > apollo.csv
run check --no-progress apollo.csv
expect_status 0 "check apollo.csv"
expect_in stderr 'apollo-csv: apollo.csv: profile "apollo" (Apollo contacts export): the header has Company Name for Emails, Email Status, Person Linkedin Url, Apollo Contact Id, Apollo Account Id'
expect_in stderr 'apollo-csv:   Apollo Account Id -> account_id (sent only when it is an Apollo id)'
expect_in stderr 'apollo-csv:   Apollo Contact Id -> contact_id (not sent)'
expect_in stderr 'apollo-csv: apollo.csv:1:35: warning: Apollo Account Id: ids from an Apollo export; they cannot be checked offline, and a link Apollo refuses is dropped at import, the contact still made'
[ "$(grep -c 'Apollo Account Id: ids from an Apollo export' stderr)" = 1 ] || fail "not one warning for the account ids"
# the warning is a warning: -q keeps it, and only it (no mapping)
run check --no-progress -q --force apollo.csv
expect_in stderr 'warning: Apollo Account Id: ids from an Apollo export'
expect_not_in stderr 'profile "apollo"'
expect_not_in stderr ' -> '

# an id of another system in an Apollo id column: left out, the row ready
{ echo 'First Name,Last Name,Email,Company,Account Id'
  echo 'Ana,Díaz,ana.diaz@quillmetrics.io,Quillmetrics,0015e00000AbCdEAAX'
  echo 'Derek,Okafor,derek.okafor@quillmetrics.io,Quillmetrics,64a000007eeb8a1ec9332a30'
  echo 'Brian,Reyes,brianr@amberloom.net,Amberloom Retail,'
} > foreign.csv
run check --no-progress foreign.csv
expect_status 0 "check foreign.csv (a Salesforce account id is no reason to refuse a row)"
[ "$(col foreign.results.csv _status | tr '\n' ' ')" = "ready ready ready " ] || fail "not every row is ready"
expect_in foreign.results.csv 'ana.diaz@quillmetrics.io,Quillmetrics,0015e00000AbCdEAAX,1,2,ready,"Account Id ""0015e00000AbCdEAAX"" is not an Apollo id (24 hex digits): the row is sent without it"'
[ "$(grep -c 'is not an Apollo id' foreign.results.csv)" = 1 ] || fail "another row has a note: $(cat foreign.results.csv)"
# one good Apollo id among them: the warning, once
expect_in stderr 'apollo-csv: foreign.csv:1:5: warning: Account Id: ids from an Apollo export'
# a column of Salesforce ids only: no Apollo ids, no warning
{ echo 'First Name,Last Name,Email,Company,Account Id'
  echo 'Ana,Díaz,ana.diaz@quillmetrics.io,Quillmetrics,0015e00000AbCdEAAX'
} > sfids.csv
run check --no-progress sfids.csv
expect_status 0 "check sfids.csv"
expect_not_in stderr 'warning'
expect_in stderr 'apollo-csv:   Account Id -> account_id (sent only when it is an Apollo id)'

# the same mapping for a program: --json's "mappings" (the header as read,
# what --map takes) and, with APOLLO_CSV_PROGRESS_FD, the progress as JSON
# lines whether or not stderr is a terminal
{ echo 'Work Email,Given Name,Surname,Company,Notes'
  echo 'ana.diaz@quillmetrics.io,Ana,Díaz,Quillmetrics,met at SaaStr'
  echo 'bo.lund@quillmetrics.io,Bo,Lund,Quillmetrics,'
} > prog.csv
APOLLO_CSV_PROGRESS_FD=3 run check --no-progress --json --map first_name='Given Name' prog.csv 3> feed.jsonl
expect_status 0 "check prog.csv --json"
/usr/bin/python3 - stdout feed.jsonl <<'PY' || fail "mappings or progress feed wrong: $(cat stdout feed.jsonl)"
import json, sys
s = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
(m,) = s["mappings"]
assert m["file"] == "prog.csv" and m["profile"] == "generic" and m["chosen_by"] == "header", m
got = [(c["column"], c["header"], c["field"], c["by_map"]) for c in m["columns"]]
assert got == [(1, "Work Email", "email", False), (2, "Given Name", "first_name", True),
               (3, "Surname", "last_name", False), (4, "Company", "organization_name", False),
               (5, "Notes", None, False)], got
lines = [json.loads(l) for l in open(sys.argv[2])]
assert lines and lines[-1]["final"] and lines[-1]["done"] == 2, lines
assert all(set(l) == {"done", "total", "about", "stage", "eta", "wait", "note", "final"} for l in lines), lines
PY
exit 0
