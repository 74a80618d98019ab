#!/bin/sh
# the browser test of the page's main path (tests/web/import.py): the
# sample prospects uploaded, one mapping changed, imported and enrolled,
# the results downloaded; compared with the command line's run of the same
# file with the same mapping against a sandbox of its own (run here first).
. "$(dirname "$0")/serve-lib.sh"
need_browser

sandbox_start
# what the server adds to every run it starts: a report of the sequence
APOLLO_BASE_URL=$BASE APOLLO_API_KEY=$KEY "$APOLLO_CSV" import --no-progress --map city= \
	--sequence "Q4 Outbound - SaaS" --from dana.whitfield@sellwise-demo.com --allow same-company \
	--report cli.report.csv -o cli.results.csv "$TOP_SRCDIR/samples/prospects.csv.gz" > cli.out 2> cli.err
[ $? = 1 ] || fail "the command line's import: expected exit status 1 (rows need attention): $(tail -5 cli.err)"
stats
mv stats cli.stats
curl -s -o cli.contacts.json "$ROOT/_sandbox/records/contacts" || fail "no records"
sandbox_stop

sandbox_start
serve_start
export TOP_SRCDIR
web_test import
exit 0
