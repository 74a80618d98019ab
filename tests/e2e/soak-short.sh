#!/bin/sh
# the soak (tests/soak/run-soak) at a size make check can afford: 3,000
# rows through every fault kind, then 5 kills and resumes
. "$(dirname "$0")/lib.sh"
sh "$TOP_SRCDIR/tests/soak/run-soak" "$TOP_BUILDDIR" "$TOP_SRCDIR" 3000 5 || fail "the short soak failed (above)"
