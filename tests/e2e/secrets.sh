#!/bin/sh
# the API key never appears in anything the tool writes: every command,
# with --verbose, on success and on failure (a refused key, a fault, a
# stop), in standard output, standard error, results, errors files,
# reports and exports. (The input never holds the key: results copy input
# cells as they are.)
. "$(dirname "$0")/sandbox-lib.sh"
sandbox_start --faults 5xx=0.2,lost=0.1 --fault-seed 4 --rate minute=0,hour=0,day=0
export APOLLO_BASE_URL=$BASE APOLLO_API_KEY=$KEY
S="Q4 Outbound - SaaS" M=dana.whitfield@sellwise-demo.com
{
	echo 'First Name,Last Name,Email,Company,Account Id'
	for i in 1 2 3 4 5; do echo "S$i,Secret$i,s$i@secrets-e2e.example,Secret Co,"; done
	# a 422 from Apollo, in its own words (the row is sent again without the link)
	echo "Bad,Account,bad.account@secrets-e2e.example,Secret Co,000000000000000000000bad"
	echo 'Bad,Row,not-an-email,Secret Co,'
} > s.csv
n=0
run() {
	n=$((n + 1))
	"$APOLLO_CSV" "$@" > "out.$n" 2> "err.$n"
	echo "$*" > "cmd.$n"
}
run import -v --no-progress --errors s.err.csv --report s.report.html --sequence "$S" --from "$M" s.csv
run import -v --no-progress --force --resume --errors s.err.csv --sequence "$S" --from "$M" s.csv
run enroll -v --sequence "$S" --from "$M" --label "Q4 Webinar"
run enroll -v --sequence "$S" --from "$M" -o enr.csv --errors enr.err.csv s.results.csv
run unenroll -v --sequence "$S" --mode stop -o un.csv s.results.csv
run export sequences -v -o seq.json
run export contacts -v -o contacts.csv
run update -v -o upd.csv --errors upd.err.csv contacts.csv
run check -v --errors chk.err.csv -o chk.csv s.csv
APOLLO_API_KEY="$KEY-wrong" run import -v --no-progress -o wrong.csv s.csv
APOLLO_BASE_URL=http://example.invalid/api/v1 run import -v -o remote.csv s.csv
# Apollo's own words reach the results (the link it refused is dropped)
grep -q 'is not a valid ID' s.results.csv || fail "the bad account row has not Apollo's words: $(cat s.results.csv)"
[ $n = 11 ] || fail "not every command ran"
leaks=$(grep -l -F -e "$KEY" -- out.* err.* *.csv *.json *.html 2> /dev/null | tr '\n' ' ')
[ -z "$leaks" ] || fail "the key appears in: $leaks"
grep -q 'x-api-key' err.1 || fail "--verbose does not say how the key is sent: $(head -3 err.1)"
