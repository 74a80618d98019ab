# serve-lib.sh - helpers for the tests of `apollo-csv serve` (sourced; it
# sources sandbox-lib.sh unless import-lib.sh did first). No config file or state folder of the machine's
# user is read or written: HOME and XDG_CONFIG_HOME are the test's own
# folder.
#   serve_start [ARGS...]  apollo-csv serve --no-open --port 0 --dir
#                          $WORK/serve ARGS against the sandbox started
#                          before (APOLLO_BASE_URL=$BASE, APOLLO_API_KEY=$KEY);
#                          reads the one line it prints and sets SERVE_PORT,
#                          TOKEN, SERVE (http://127.0.0.1:PORT) and
#                          SERVE_URL (the whole line's address). Its stderr
#                          is serve.err. It is stopped with SIGTERM when the
#                          test ends, and must then exit 0 (serve_stop).
#   need_browser           chromium, chromedriver and python3-selenium, or
#                          the test fails saying which is missing (never a
#                          skip: ./quickstart test installs them)
#   web_test NAME          runs tests/web/NAME.py with /usr/bin/python3
#                          against the server and the sandbox; its
#                          screenshots go to $TOP_BUILDDIR/tests/web/screenshots
type sandbox_start > /dev/null 2>&1 || . "$(dirname "$0")/sandbox-lib.sh"
SERVE_PID=
CONFIG_FILE=$WORK/config/apollo-csv/config
HOME=$WORK XDG_CONFIG_HOME=$WORK/config
export HOME XDG_CONFIG_HOME

serve_start() {
	rm -f serve.out
	APOLLO_BASE_URL=$BASE APOLLO_API_KEY=$KEY \
		"$APOLLO_CSV" serve --no-open --port 0 --dir "$WORK/serve" "$@" > serve.out 2> serve.err &
	SERVE_PID=$!
	n=0
	# up to 60 s: under valgrind the start is slow
	until [ "$(cat serve.out 2> /dev/null | wc -l)" -ge 1 ]; do
		n=$((n + 1))
		[ $n -le 600 ] || fail "apollo-csv serve printed no line in 60 s: $(cat serve.err)"
		kill -0 "$SERVE_PID" 2> /dev/null || fail "apollo-csv serve exited: $(cat serve.err)"
		sleep 0.1
	done
	[ "$(wc -l < serve.out)" = 1 ] || fail "apollo-csv serve printed more than one line: $(cat serve.out)"
	SERVE_URL=$(sed -n 's#^open \(http://127\.0\.0\.1:[0-9][0-9]*/?token=[0-9a-f]\{32\}\)$#\1#p' serve.out)
	[ -n "$SERVE_URL" ] || fail "not the line 'open http://127.0.0.1:PORT/?token=<32 hex>': $(cat serve.out)"
	SERVE_PORT=$(echo "$SERVE_URL" | sed 's#^http://127\.0\.0\.1:\([0-9]*\)/.*#\1#')
	TOKEN=${SERVE_URL##*token=}
	SERVE=http://127.0.0.1:$SERVE_PORT
	export SERVE_URL SERVE_PORT TOKEN SERVE
}

# serve_stop: SIGTERM; it must exit 0 within 60 s and print nothing more
serve_stop() {
	[ -n "$SERVE_PID" ] || return 0
	kill -TERM "$SERVE_PID" 2> /dev/null
	n=0
	while kill -0 "$SERVE_PID" 2> /dev/null && [ $n -lt 600 ]; do
		sleep 0.1
		n=$((n + 1))
	done
	if kill -0 "$SERVE_PID" 2> /dev/null; then
		echo "FAIL $TEST_NAME: apollo-csv serve did not exit within 60 s of SIGTERM"
		kill -KILL "$SERVE_PID" 2> /dev/null
		sandbox_failed=1
	fi
	wait "$SERVE_PID"
	serve_rc=$?
	SERVE_PID=
	if [ "$serve_rc" != 0 ]; then
		echo "FAIL $TEST_NAME: apollo-csv serve exited with status $serve_rc after SIGTERM"
		tail -n 40 serve.err
		sandbox_failed=1
	fi
	if [ "$(wc -l < serve.out)" != 1 ]; then
		echo "FAIL $TEST_NAME: apollo-csv serve printed more than its one line: $(head -c 2000 serve.out)"
		sandbox_failed=1
	fi
	return 0
}
trap 'st=$?; serve_stop; sandbox_exit; [ "$sandbox_failed" = 0 ] || st=1; exit $st' EXIT

need_browser() {
	missing=
	command -v chromium > /dev/null || missing="$missing chromium"
	[ -x /usr/bin/chromedriver ] || missing="$missing chromium-driver"
	/usr/bin/python3 -c 'import selenium' 2> /dev/null || missing="$missing python3-selenium"
	[ -z "$missing" ] ||
		fail "the browser tests need the Debian packages$missing (./quickstart test installs them)"
}

web_test() {
	SHOTS=$TOP_BUILDDIR/tests/web/screenshots
	mkdir -p "$SHOTS"
	SERVE_DIR=$WORK/serve
	export SHOTS SERVE_DIR SEED BASE ROOT KEY EXCHANGES
	PYTHONPATH=$TOP_SRCDIR/tests/web PYTHONDONTWRITEBYTECODE=1 WEB_TEST=$1 /usr/bin/python3 "$TOP_SRCDIR/tests/web/$1.py" > web.out 2>&1
	web_rc=$?
	cat web.out
	[ "$web_rc" = 0 ] || fail "tests/web/$1.py failed (above); the server said: $(tail -n 30 serve.err)"
}
