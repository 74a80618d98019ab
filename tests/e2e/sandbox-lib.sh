# sandbox-lib.sh - helpers for end-to-end tests against apollo-sandbox
# (sourced after nothing else; it sources lib.sh). Each test starts its own
# sandbox on a free port, so tests can run in parallel.
. "$(dirname "$0")/lib.sh"
: "${APOLLO_SANDBOX:?APOLLO_SANDBOX must name the apollo-sandbox binary}"
SEED=${APOLLO_SANDBOX_SEED:-$TOP_SRCDIR/samples/sandbox-seed.json}
KEY=sandbox-master-key
SANDBOX_PID=

# sandbox_stop: SIGTERM, and the exit status in $sandbox_rc; a sandbox that
# did not stop cleanly (a sanitizer report, a crash) fails the test
sandbox_stop() {
	[ -n "$SANDBOX_PID" ] || return 0
	kill -TERM "$SANDBOX_PID" 2> /dev/null
	wait "$SANDBOX_PID"
	sandbox_rc=$?
	SANDBOX_PID=
	if [ "$sandbox_rc" != 0 ]; then
		echo "FAIL $TEST_NAME: apollo-sandbox exited with status $sandbox_rc"
		cat sandbox.err
		sandbox_failed=1
	fi
	return 0
}
sandbox_failed=0

# Every sandbox a test starts records its exchanges (--record), and when the
# test ends each one is checked against the written contract
# (doc/apollo-contract.yaml): what apollo-csv sent, and what the sandbox
# answered (tests/contract/validate.py says how). An exchange off the
# contract fails the test, named.
EXCHANGES=$WORK/exchanges.jsonl
CONTRACT_OFF=

# contract_off REASON: this test's exchanges are not checked, for REASON
# (which it must give), e.g. a test that sends malformed requests on purpose
# with a client the check would take for apollo-csv
contract_off() {
	[ -n "${1:-}" ] || fail "contract_off needs the reason the exchanges are not checked"
	CONTRACT_OFF=$1
}

# contract_check: the recorded exchanges against the contract, after the
# sandboxes stopped (so every exchange is written)
contract_check() {
	[ -z "$CONTRACT_OFF" ] && [ -s "$EXCHANGES" ] || return 0
	# CONTRACT_KEEP=DIR keeps each test's exchanges as DIR/TEST.jsonl, to look at
	[ -z "${CONTRACT_KEEP:-}" ] || cp "$EXCHANGES" "$CONTRACT_KEEP/$TEST_NAME.jsonl"
	/usr/bin/python3 "$TOP_SRCDIR/tests/contract/validate.py" "$TOP_SRCDIR/doc/apollo-contract.yaml" \
		"$EXCHANGES" > "$WORK/contract.out" 2> "$WORK/contract.err"
	case $? in
	0) ;;
	77) echo "$TEST_NAME: the contract check did not run: $(cat "$WORK/contract.err")" >&2 ;;
	*)
		echo "FAIL $TEST_NAME: exchanges off the contract (doc/apollo-contract.yaml):"
		head -n 40 "$WORK/contract.out"
		head -c 8000 "$WORK/contract.err"
		sandbox_failed=1
		;;
	esac
}

# sandbox_exit: what a test's EXIT does (a test with a trap of its own
# calls it from there)
sandbox_exit() {
	sandbox_stop
	contract_check
	cd / && rm -rf "$WORK"
}
trap 'st=$?; sandbox_exit; [ "$sandbox_failed" = 0 ] || st=1; exit $st' EXIT

# search_proxy_start MODE N: tests/e2e/search-proxy.py between the tool and
# the sandbox (MODE add or delete, see there); sets PROXY_BASE, the base URL
# to give apollo-csv. The proxy is stopped whatever way the test ends.
search_proxy_start() {
	/usr/bin/python3 "$TOP_SRCDIR/tests/e2e/search-proxy.py" "$(cat port)" proxy.port "$1" "$2" 2> proxy.err &
	PROXY_PID=$!
	trap 'st=$?; kill -TERM "$PROXY_PID" 2> /dev/null; sandbox_exit; [ "$sandbox_failed" = 0 ] || st=1; exit $st' EXIT
	wait_started proxy.port "$PROXY_PID" "the proxy" proxy.err
	PROXY_BASE=http://127.0.0.1:$(cat proxy.port)/api/v1
}

# sandbox_start [ARGS...]: start it on a free port (waited for as
# wait_started says); sets BASE and ROOT
sandbox_start() {
	rm -f port
	"$APOLLO_SANDBOX" --port 0 --port-file port --seed "$SEED" -q --record "$EXCHANGES" "$@" 2> sandbox.err &
	SANDBOX_PID=$!
	wait_started port "$SANDBOX_PID" apollo-sandbox sandbox.err
	ROOT=http://127.0.0.1:$(cat port)
	BASE=$ROOT/api/v1
}

# api METHOD PATH [JSON]: the status in $code, the body in the file body
api() {
	code=$(curl -s -o body -w '%{http_code}' -X "$1" -H "x-api-key: $KEY" \
		-H 'Content-Type: application/json' ${3:+--data-binary "$3"} "$BASE/$2")
}

# api_headers METHOD PATH [JSON]: as api, with the response headers in the file headers
api_headers() {
	code=$(curl -s -D headers -o body -w '%{http_code}' -X "$1" -H "x-api-key: $KEY" \
		-H 'Content-Type: application/json' ${3:+--data-binary "$3"} "$BASE/$2")
}

expect_code() { [ "$code" = "$1" ] || fail "HTTP $code, expected $1: $(head -c 600 body)"; }
expect_body() { grep -qF -- "$1" body || fail "the body lacks $1: $(head -c 800 body)"; }
expect_no_body() { ! grep -qF -- "$1" body || fail "the body has $1: $(head -c 800 body)"; }

# stats: GET /_sandbox/stats into the file stats
stats() { curl -s -o stats "$ROOT/_sandbox/stats" || fail "no stats"; }
expect_stat() { grep -qF -- "$1" stats || fail "stats lack $1: $(cat stats)"; }

# first_id FILE-FRAGMENT: the first "id":"..." in body after a fragment
json_ids() { grep -o '"id":"[0-9a-f]\{24\}"' body | sed 's/"id":"\(.*\)"/\1/'; }
expect_no_stat() { ! grep -qF -- "$1" stats || fail "stats have $1: $(cat stats)"; }
