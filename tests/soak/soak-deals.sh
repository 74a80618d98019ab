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

phase clean
sb_start
until_done
sb_stop
check

phase faults
opts="--timeout 1"
sb_start --faults 5xx=0.1,429=0.05,drop=0.02,lost=0.02,malformed=0.02,stall=0.01 --fault-seed 1 --stall-ms 1500
until_done
sb_stop
check

if faketime_lib > /dev/null; then
	phase skew
	SKEW=${SOAK_SKEW:-30}
	sb_start --faults lost=0.1 --fault-seed 3
	until_done
	sb_stop
	check
else
	say "skew: not run: no libfaketime to set the sandbox's clock back (apt-get install faketime)"
fi

phase kills
opts="--timeout 5"
sb_start --faults stall=0.3 --fault-seed 2 --stall-ms 300
kill_loop 1.5 deals.results.csv
until_done $resume
sb_stop
check

soak_end
