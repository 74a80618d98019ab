#!/bin/sh
# Every golden case and end-to-end test in the tree is listed in
# tests/Makefile.inc, so that none is silently skipped by make check.
. "$(dirname "$0")/lib.sh"
inc="$TOP_SRCDIR/tests/Makefile.inc"
for f in "$TOP_SRCDIR"/tests/golden/*.golden "$TOP_SRCDIR"/tests/e2e/*.sh; do
	name=${f#"$TOP_SRCDIR"/}
	case $name in tests/e2e/lib.sh | tests/e2e/*-lib.sh) continue ;; esac
	grep -qF "$name" "$inc" || fail "$name is not listed in tests/Makefile.inc"
done
exit 0
