#!/bin/sh
# Fault injection is seeded and reproducible, and each kind does what
# --help says: 5xx and 429 and drop are not applied; lost, malformed,
# truncated and stall are applied before the fault shows.
. "$(dirname "$0")/sandbox-lib.sh"

one_fault() { # KIND: a sandbox where every request gets that fault
	sandbox_stop
	sandbox_start --faults "$1=1" --stall-ms 300 --rate minute=0,hour=0,day=0
}
create() {
	code=$(curl -s -o body -w '%{http_code}' --max-time 5 -X POST -H "x-api-key: $KEY" \
		-H 'Content-Type: application/json' \
		--data "{\"contacts\":[{\"first_name\":\"F\",\"last_name\":\"$1\",\"email\":\"$1@faults-test.com\"}]}" \
		"$BASE/contacts/bulk_create")
	curl_rc=$?
}
held() { curl -s "$ROOT/_sandbox/stats" | grep -o '"contacts":[0-9]*' | cut -d: -f2; }

sandbox_start
base_count=$(held)

one_fault 5xx
create five
case $code in 500|502|503) ;; *) fail "5xx fault gave $code" ;; esac
[ "$(held)" = "$base_count" ] || fail "a 5xx fault applied the request"

one_fault 429
create toomany
expect_code 429
[ "$(held)" = "$base_count" ] || fail "a 429 fault applied the request"

one_fault drop
create dropped
[ "$code" = 000 ] || fail "drop fault answered HTTP $code"
[ "$(held)" = "$base_count" ] || fail "a drop fault applied the request"

one_fault lost
create lost
[ "$code" = 000 ] || fail "lost fault answered HTTP $code"
[ "$(held)" = $((base_count + 1)) ] || fail "a lost response was not applied"

one_fault malformed
create malformed
expect_code 200
grep -q '<html>' body || fail "malformed fault sent a well-formed body: $(cat body)"
[ "$(held)" = $((base_count + 1)) ] || fail "a malformed response was not applied"

one_fault truncated
create truncated
[ "$curl_rc" = 18 ] || fail "truncated fault: curl exit $curl_rc (expected 18, partial transfer)"
[ "$(held)" = $((base_count + 1)) ] || fail "a truncated response was not applied"

one_fault stall
start=$(date +%s%N)
create stalled
end=$(date +%s%N)
expect_code 200
[ $(( (end - start) / 1000000 )) -ge 300 ] || fail "stall fault did not stall"

# the same seed gives the same faults in the same order
draws() {
	sandbox_stop
	sandbox_start --faults 5xx=0.3,429=0.2 --fault-seed "$1" --rate minute=0,hour=0,day=0
	seq_codes=
	for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
		api GET auth/health
		seq_codes="$seq_codes $code"
	done
}
draws 7
first=$seq_codes
draws 7
[ "$seq_codes" = "$first" ] || fail "seed 7 gave $first, then $seq_codes"
case $first in *200*) ;; *) fail "no request got through: $first" ;; esac
case $first in *429*|*50*) ;; *) fail "no fault in 12 draws at 50%: $first" ;; esac
draws 8
[ "$seq_codes" != "$first" ] || fail "seeds 7 and 8 gave the same faults"
stats
expect_stat '"faults":{'
exit 0
