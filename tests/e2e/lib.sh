# lib.sh - shared helpers for the end-to-end tests (sourced, not run).
# Each test runs in its own temporary folder; `fail` prints what went wrong
# with the command's output, and exits 1.
set -u
: "${APOLLO_CSV:?APOLLO_CSV must name the apollo-csv binary}"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/e2e.XXXXXX") || exit 99
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 99
TEST_NAME=$(basename "$0" .sh)

fail() {
	echo "FAIL $TEST_NAME: $*"
	for f in stdout stderr; do
		[ -s "$f" ] && { echo "--- $f:"; head -c 3000 "$f"; echo; }
	done
	exit 1
}

# wait_started FILE PID NAME ERRFILE: until the program PID (NAME in the
# messages) has written FILE (its port), for as long as it runs, up to
# 120 s: a start under ASan or valgrind beside another test is slow (the
# sandbox with 199,700 generated contacts took over 10 s). An exit fails
# at once, with ERRFILE.
wait_started() {
	n=0
	while [ ! -s "$1" ]; do
		n=$((n + 1))
		[ $n -le 1200 ] || fail "$3 did not start in 120 s: $(cat "$4")"
		kill -0 "$2" 2> /dev/null || fail "$3 exited: $(cat "$4")"
		sleep 0.1
	done
}

# run ARGS...: runs apollo-csv, keeping stdout, stderr and the status in $rc
run() {
	"$APOLLO_CSV" "$@" > stdout 2> stderr
	rc=$?
}

expect_status() { [ "$rc" = "$1" ] || fail "exit status $rc, expected $1 (apollo-csv $2)"; }
expect_in() { grep -qF -- "$2" "$1" || fail "$1 does not contain: $2"; }
expect_not_in() { ! grep -qF -- "$2" "$1" || fail "$1 contains: $2"; }

# a results file column by header name: col FILE NAME -> values, one a line
# (cells without commas, quotes or newlines only)
col() {
	awk -F, -v name="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next } { print $c }' "$1"
}

# rows N: a prospects file with N valid rows
rows() {
	awk -v n="$1" 'BEGIN {
		print "First Name,Last Name,Email,Company,Title"
		for (i = 1; i <= n; i++) printf "P%d,Test,p%d@quillmetrics.io,Quill Metrics,Rep\n", i, i
	}'
}

# run_dev_null ARGS...: as run, where /dev/null is a bind mount of itself in
# a mount namespace of the command's own, so a tool that renamed a file over
# /dev/null or removed it would fail there (EBUSY) instead of replacing the
# machine's. rc=77 when no such namespace can be made and this user could
# replace /dev/null for real (root): the caller skips that part.
run_dev_null() {
	for how in -m -rm; do
		if unshare $how true 2> /dev/null; then
			unshare $how sh -c 'mount --bind /dev/null /dev/null && exec "$@"' sh \
				"$APOLLO_CSV" "$@" > stdout 2> stderr
			rc=$?
			return 0
		fi
	done
	if [ "$(id -u)" = 0 ]; then
		rc=77
		return 0
	fi
	run "$@"
}
