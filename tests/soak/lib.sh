# lib.sh - what the soak's parts share (sourced by tests/soak/soak-*.sh).
#
#   sh tests/soak/soak-NAME.sh BUILDDIR SRCDIR [ROWS [KILLS]]
#
# A part soaks one command that writes to Apollo. Before sourcing this it
# sets part (its name), default_rows and default_kills (when ROWS or KILLS
# is not given), resume (what a run after an unfinished one adds to the
# command line: --resume, or what stands for it), use_proxy=1 to have
# logproxy.py write down what each call asked for, and defines cmd: the
# command on its input, as `exec "$tool" COMMAND ... $opts "$@" FILE` ($opts:
# the phase's own options, set after `phase`). cmd is run in a subshell, so
# that the subshell's pid is the tool's and SIGKILL hits the tool itself.
# Then it runs phases, each against a fresh apollo-sandbox started from one
# generated seed, in a folder of its own (WORK/PHASE/run: the command's
# files; WORK/PHASE/sb: the sandbox's, the proxy's and the stats):
#
#   phase NAME            a new folder with the input in it, the clock
#                         started (NAME: clean, faults, skew or kills)
#   sb_start [ARGS...]    apollo-sandbox with ARGS (faults), its state saved
#                         when it stops (sb/state.json); SKEW=N runs it with
#                         its clock N seconds behind (libfaketime)
#   until_done [ARGS...]  cmd ARGS, then cmd $resume until it finishes
#                         (exit status 0 or 1) or SOAK_RUNS runs (10)
#   kill_loop MAX DONE    KILLS runs of cmd $resume, each killed with
#                         SIGKILL at a seeded random moment up to MAX
#                         seconds; after each, every *.partial journal must
#                         read as CSV up to its last line end; DONE (a
#                         results file) there means the run finished first;
#                         a part's kill_where, if it has one, names the
#                         step a kill landed in
#   sb_stop               the stats, then SIGTERM (the state saved)
#   check                 the leftovers, then soak.py check: one line of
#                         figures for the phase; a broken invariant fails it
#   soak_end              one line for the command; exit 1 if a phase failed
#                         (2: the soak itself could not run)
#
# The phases the parts share, each whole (phase, sb_start, the runs,
# sb_stop, check), so that a part lists only the ones it runs:
#
#   phase_clean           clean: one run to the end, no faults, the
#                         reference; a part's clean_setup, if it has one,
#                         runs once the sandbox is up, before the run (the
#                         input made from what the sandbox holds)
#   phase_faults          faults: import's faults with a fixed seed (10%
#                         5xx, 5% 429, 2% drop, 2% lost, 2% malformed, 1%
#                         stall of 1.5 s past --timeout 1), until_done
#   phase_skew            skew: 10% lost replies, the sandbox's clock
#                         SOAK_SKEW seconds (30) behind, until_done; without
#                         libfaketime said so and not run
#   phase_kills MAX DONE STALL MS [OPTS]
#                         kills: the sandbox stalling STALL of the requests
#                         by MS ms, opts --timeout 5 and OPTS, kill_loop MAX
#                         DONE, then until_done $resume
#
# A part whose command may not have --resume yet calls resume_or_force
# after sourcing this instead of setting resume: --resume when
# `apollo-csv PART --help` shows it, else --force (said so).
#
# KEEP=1 keeps the work folder (named at the end).
set -u
builddir=$1 srcdir=$2
rows=${3:-}
kills=${4:-}
[ -n "$rows" ] || rows=$default_rows
[ -n "$kills" ] || kills=$default_kills
tool=$builddir/src/apollo-csv
sandbox_bin=$builddir/src/apollo-sandbox
soakpy=$srcdir/tests/soak/soak.py
export APOLLO_CSV_FORMATS="$srcdir/formats"
# no config file of the machine's user
work=$(mktemp -d "${TMPDIR:-/tmp}/soak-$part.XXXXXX") || exit 99
export XDG_CONFIG_HOME=$work/config HOME=$work
sb= proxy= pdir= failed=
t_part=$(date +%s)
trap 'soak_cleanup' EXIT
trap 'exit 130' INT TERM
soak_cleanup() {
	[ -n "$sb" ] && kill "$sb" 2> /dev/null
	[ -n "$proxy" ] && kill "$proxy" 2> /dev/null
	if [ -n "${KEEP:-}" ]; then echo "soak-$part: kept $work"; else rm -rf "$work"; fi
}
say() { echo "soak-$part: $*"; }
die() { say "ERROR: $*"; exit 2; }
[ -x "$tool" ] && [ -x "$sandbox_bin" ] || die "no $tool or $sandbox_bin: build first"
command -v python3 > /dev/null || die "no python3"
command -v curl > /dev/null || die "no curl"

# the seed every phase starts from: the sample seed and the part's records
# make_seed CONTACTS [ENROLLED(0|1) [ORGS]]
make_seed() {
	python3 "$soakpy" seed "$srcdir/samples/sandbox-seed.json" "$work/seed.json" "$@" ||
		die "cannot make the seed"
}

# make_input FILE [EXPORT]: the part's input, made once for every phase
make_input() {
	python3 "$soakpy" input "$part" "$rows" "$work/$1" ${2:+"$2"} || die "cannot make $1"
	input=$1
}

phase() {
	pname=$1
	pdir=$work/$1
	mkdir -p "$pdir/run" "$pdir/sb"
	cd "$pdir/run" || exit 99
	[ -n "${input:-}" ] && cp "$work/$input" .
	runs=0 rc= landed=0 points= opts= SKEW= PROXY=${use_proxy:-}
	t0=$(date +%s)
	: > "$pdir/journal.err"
}

# libfaketime, for a sandbox whose clock is behind the tool's
faketime_lib() {
	for f in /usr/lib/*/faketime/libfaketimeMT.so.1 /usr/lib/faketime/libfaketimeMT.so.1; do
		[ -f "$f" ] && { echo "$f"; return 0; }
	done
	return 1
}

# wait_for_file FILE PID: until FILE has something, while PID runs (up to
# 120 s: a start under valgrind or beside other tests is slow)
wait_for_file() {
	n=0
	while [ ! -s "$1" ]; do
		n=$((n + 1))
		[ $n -le 1200 ] && kill -0 "$2" 2> /dev/null || return 1
		sleep 0.1
	done
}

sb_start() {
	s=$pdir/sb
	rm -f "$s/port" "$s/state.json"
	if [ -n "${SKEW:-}" ]; then
		lib=$(faketime_lib) || die "SKEW needs libfaketime (apt-get install faketime)"
		LD_PRELOAD=$lib FAKETIME="-${SKEW}" FAKETIME_DONT_FAKE_MONOTONIC=1 \
		"$sandbox_bin" --port 0 --port-file "$s/port" --seed "$work/seed.json" --state "$s/state.json" \
			-q --rate minute=0,hour=0,day=0 "$@" 2> "$s/sandbox.err" &
	else
		"$sandbox_bin" --port 0 --port-file "$s/port" --seed "$work/seed.json" --state "$s/state.json" \
			-q --rate minute=0,hour=0,day=0 "$@" 2> "$s/sandbox.err" &
	fi
	sb=$!
	wait_for_file "$s/port" $sb || die "apollo-sandbox did not start: $(cat "$s/sandbox.err")"
	sbroot=http://127.0.0.1:$(cat "$s/port")
	port=$(cat "$s/port")
	if [ -n "${PROXY:-}" ]; then
		python3 "$srcdir/tests/soak/logproxy.py" "$port" "$s/proxy.port" "$s/proxy.log" 2> "$s/proxy.err" &
		proxy=$!
		wait_for_file "$s/proxy.port" $proxy || die "logproxy.py did not start: $(cat "$s/proxy.err")"
		port=$(cat "$s/proxy.port")
	fi
	export APOLLO_BASE_URL=http://127.0.0.1:$port/api/v1 APOLLO_API_KEY=sandbox-master-key
	curl -s -o "$s/before.json" "$sbroot/_sandbox/stats" || die "no stats"
}

sb_stop() {
	s=$pdir/sb
	curl -s -o "$s/after.json" "$sbroot/_sandbox/stats" || die "no stats"
	kill -TERM $sb
	wait $sb || die "apollo-sandbox did not stop cleanly: $(cat "$s/sandbox.err")"
	sb=
	if [ -n "$proxy" ]; then
		kill -TERM $proxy
		wait $proxy 2> /dev/null
		proxy=
	fi
	[ -s "$s/state.json" ] || die "apollo-sandbox saved no state"
}

# until_done [ARGS...]: sets runs and rc (the last run's exit status)
until_done() {
	(cmd "$@") 2>> "$pdir/tool.err"
	rc=$? runs=$((runs + 1))
	while [ $rc != 0 ] && [ $rc != 1 ] && [ $runs -lt "${SOAK_RUNS:-10}" ]; do
		(cmd $resume) 2>> "$pdir/tool.err"
		rc=$? runs=$((runs + 1))
	done
}

# every journal left by a killed run reads up to its last line end: a
# results journal as CSV, each row as wide as the header; prospect's
# research journal (FILE.research.partial) as one JSON record a line
journal_check() {
	for f in *.partial; do
		[ -f "$f" ] || continue
		python3 - "$f" "$1" >> "$pdir/journal.err" <<'PY'
import csv, json, sys
f, k = sys.argv[1], sys.argv[2]
data = open(f, newline='', encoding='utf-8', errors='replace').read()
whole = data[:data.rfind('\n') + 1] if '\n' in data else ''
if f.endswith('.research.partial'):
    bad = []
    for i, line in enumerate(whole.splitlines(), 1):
        try:
            json.loads(line)
        except ValueError:
            bad.append(i)
    if bad:
        print('after kill %s: %s: %d whole lines not JSON, e.g. line %d' % (k, f, len(bad), bad[0]))
    sys.exit(0)
rows = list(csv.reader(whole.splitlines(True)))
bad = [i for i, r in enumerate(rows[1:], 2) if len(r) != len(rows[0])]
# the last whole line may be a row cut inside a quoted cell: not counted
if bad and bad != [len(rows)]:
    print('after kill %s: %s: %d of %d rows not as wide as the header, e.g. line %d' % (k, f, len(bad), len(rows), bad[0]))
PY
	done
}

# kill_loop MAX DONE: sets landed (kills that hit a running tool) and points
kill_loop() {
	points=$(python3 -c "
import random
r = random.Random(7)
print(' '.join('%.2f' % r.uniform(0.05, $1) for _ in range($kills)))")
	landed=0
	for p in $points; do
		(cmd $resume) 2>> "$pdir/tool.err" &
		pid=$!
		sleep "$p"
		kill -9 $pid 2> /dev/null
		wait $pid 2> /dev/null
		# 137: the kill hit it (a run that had ended is no kill)
		if [ $? = 137 ]; then
			landed=$((landed + 1))
			# a part may say where in its run a kill landed
			if type kill_where > /dev/null 2>&1; then kill_where >> "$pdir/where.txt"; fi
		fi
		runs=$((runs + 1))
		journal_check $landed
		[ -f "$2" ] && break   # it finished before the kill
	done
}

check() {
	find . \( -name '*.tmp*' -o -name '*.partial' \) -print > "$pdir/leftovers.txt"
	cat > "$pdir/info.json" <<EOF
{"runs": $runs, "rc": ${rc:-null}, "kills": $landed, "kills_asked": $kills, "points": "$points",
 "seconds": $(( $(date +%s) - t0 )), "skew": "${SKEW:-}", "resume": "$resume"}
EOF
	cd "$work" || exit 99
	python3 "$soakpy" check "$part" "$pname" "$pdir" "$rows" || failed=1
}

soak_end() {
	python3 "$soakpy" summary "$part" "$work" "$rows" $(( $(date +%s) - t_part ))
	[ -z "$failed" ]
	exit $?
}

# resume_or_force: what a run after an unfinished one adds, by what the
# part's command offers; --force sends the whole file again
resume_or_force() {
	if "$tool" "$part" --help 2>&1 | grep -q -e '--resume'; then
		resume=--resume
	else
		resume=--force
		say "$part has no --resume yet: each run after an unfinished one sends the whole file again (--force)"
	fi
}

phase_clean() {
	phase clean
	sb_start
	if type clean_setup > /dev/null 2>&1; then clean_setup; fi
	until_done
	sb_stop
	check
}

phase_faults() {
	phase faults
	opts="--timeout 1"
	sb_start --faults 5xx=0.1,429=0.05,drop=0.02,lost=0.02,malformed=0.02,stall=0.01 --fault-seed 1 --stall-ms 1500
	until_done
	sb_stop
	check
}

phase_skew() {
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
}

# phase_kills MAX DONE STALL MS [OPTS]
phase_kills() {
	phase kills
	opts="--timeout 5${5:+ $5}"
	sb_start --faults stall="$3" --fault-seed 2 --stall-ms "$4"
	kill_loop "$1" "$2"
	until_done $resume
	sb_stop
	check
}
