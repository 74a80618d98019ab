#!/bin/sh
# soak-deals.sh - the soak of `apollo-csv deals` (make soak SOAK=deals).
#
#   sh tests/soak/soak-deals.sh BUILDDIR SRCDIR [ROWS [KILLS]]
#
# ROWS deals (default 1,000), four for each of ROWS/4 accounts of the
# seed, named alike and told apart by amount, stage and close date (one
# POST opportunities each). Phases, each against a fresh apollo-sandbox:
#   clean   one run, no faults: the reference, which must pass itself
#   faults  import's faults with a fixed seed (10% 5xx, 5% 429, 2% drop, 2%
#           lost, 2% malformed, 1% stall of 1.5 s past --timeout 1: a reply
#           that comes late); --resume until the run finishes
#   skew    10% lost replies while the sandbox's clock is SOAK_SKEW seconds
#           (30) behind the tool's: what a lost reply made must be found
#           all the same (needs libfaketime; said so, and skipped, without)
#   kills   KILLS SIGKILLs (default 20) at seeded moments, the sandbox
#           stalling 30% of requests by 300 ms so that kills land
#           mid-request, each followed by --resume at once
# After each: 0 duplicates (no (name, account, amount, stage, close date)
# held twice, no deal no row asked for); 0 lost (one result row a row, in
# order, each created, naming a deal the sandbox holds with the row's
# content); no *.tmp* or *.partial left.
part=deals default_rows=1000 default_kills=20 resume=--resume
cmd() { exec "$tool" deals --no-progress -q --backoff 20 --retries 4 $opts "$@" deals.csv; }
. "$(dirname "$0")/lib.sh"
make_seed $(( (rows + 3) / 4 ))
make_input deals.csv

phase_clean
phase_faults
phase_skew
phase_kills 1.5 deals.results.csv 0.3 300
soak_end
