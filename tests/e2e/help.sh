#!/bin/sh
# --help for the tool and every command, --version, and a man page that
# documents every option --help lists.
. "$(dirname "$0")/lib.sh"
man="$TOP_SRCDIR/doc/apollo-csv.1"

run --help
expect_status 0 "--help"
expect_in stdout "Usage: apollo-csv COMMAND"
run --version
expect_status 0 "--version"
grep -Eq '^apollo-csv [0-9]+\.[0-9]+\.[0-9]+$' stdout || fail "--version prints $(cat stdout)"
run check --help
expect_status 0 "check --help"
cp stdout check-help
run help check
expect_status 0 "help check"
cmp -s stdout check-help || fail "help check differs from check --help"
run help frobnicate
expect_status 2 "help frobnicate"
run frobnicate
expect_status 2 "an unknown command"
run
expect_status 2 "no command"
# every long option of check --help is in the man page
for opt in $(grep -oE -- '--[a-z][a-z-]+' check-help | sort -u); do
	grep -qF -- "$(printf '%s' "$opt" | sed 's/-/\\-/g')" "$man" || fail "the man page does not document $opt"
done
# so is every long option of every command's --help
for cmd in doctor import enroll unenroll export update tasks deals prospect; do
	run "$cmd" --help
	expect_status 0 "$cmd --help"
	for opt in $(grep -oE -- '--[a-z][a-z-]+' stdout | sort -u); do
		grep -qF -- "$(printf '%s' "$opt" | sed 's/-/\\-/g')" "$man" ||
			fail "the man page does not document $opt ($cmd --help)"
	done
done
# every exit status is in the man page
for code in 0 1 2 3 4 5 6 7; do
	grep -q "^\.B $code\$" "$man" || fail "no exit status $code in the man page"
done
exit 0
