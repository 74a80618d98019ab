#!/bin/sh
# completion.sh - the bash completion built from the command registry
# (completion/apollo-csv): `apollo-csv ` offers every command the overview
# lists and help; `apollo-csv CMD --` every option CMD --help names, for
# every command; fixed words for --existing, --policy, --mode, export's
# --format, the profiles (formats/*.fmt) for import's --format, also after
# --opt=; export's first argument its words, doctor's every argument; a FILE value and a FILE file
# names; `help ` the commands.
. "$(dirname "$0")/lib.sh"
command -v bash > /dev/null || { echo "SKIP: no bash"; exit 77; }
COMPLETION=$TOP_BUILDDIR/completion/apollo-csv
[ -f "$COMPLETION" ] || fail "no $COMPLETION (make builds it)"

# offered WORDS...: what the completion offers for the command line
# WORDS, the last being the word completed (one a line)
offered() {
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _apollo_csv
		printf "%s\n" "${COMPREPLY[@]}"' completion "$COMPLETION" "$@"
}
# expect_offered "WORDS" WANTED...: every WANTED is among the offers (WORDS
# as a shell reads them: '' is the empty word being completed)
expect_offered() {
	line=$1
	shift
	eval "offered $line" > offers || fail "the completion failed for: $line"
	for w in "$@"; do
		grep -qxF -- "$w" offers || fail "\"$line\" does not offer $w; it offers: $(tr '\n' ' ' < offers)"
	done
}

"$APOLLO_CSV" --help > overview || fail "apollo-csv --help failed"
commands=$(sed -n '/^Commands:/,/^$/p' overview | awk '/^  [a-z]/ { print $1 }' | sort -u)
[ -n "$commands" ] || fail "no commands in apollo-csv --help"
offered apollo-csv "" > offers
for c in $commands; do
	grep -qxF "$c" offers || fail "\"apollo-csv \" does not offer the command $c: $(tr '\n' ' ' < offers)"
done
n=0
for c in $(cat offers); do
	case $c in
	-*) ;;
	*) n=$((n + 1)); [ "$c" = help ] || "$APOLLO_CSV" "$c" --help > /dev/null ||
		fail "\"apollo-csv \" offers $c, which is not a command" ;;
	esac
done
[ "$n" -ge 9 ] || fail "\"apollo-csv \" offers $n commands"

# every option each command's --help names
for c in $commands; do
	[ "$c" != help ] || continue
	"$APOLLO_CSV" "$c" --help > help.txt || fail "$c --help failed"
	opts=$(grep -o -- '--[a-z][a-z-]*' help.txt | sort -u)
	offered apollo-csv "$c" -- > offers
	for o in $opts; do
		grep -qxF -- "$o" offers || fail "\"apollo-csv $c --\" does not offer $o (named in $c --help)"
	done
done

expect_offered "apollo-csv import --existing ''" skip update
[ "$(offered apollo-csv import --existing '' | tr '\n' ' ')" = "skip update " ] ||
	fail "--existing offers more than skip update: $(offered apollo-csv import --existing '')"
expect_offered "apollo-csv import --existing = u" update
expect_offered "apollo-csv import --policy ''" conservative aggressive
expect_offered "apollo-csv unenroll --mode ''" finished remove stop
expect_offered "apollo-csv export --format ''" csv json html
profiles=$(cd "$TOP_SRCDIR/formats" && ls ./*.fmt | sed 's|^\./||; s|\.fmt$||')
# shellcheck disable=SC2086
expect_offered "apollo-csv import --format ''" $profiles
expect_offered "apollo-csv check --format ''" $profiles
expect_offered "apollo-csv export ''" sequences contacts
expect_offered "apollo-csv export sequences --q" --quiet
expect_offered "apollo-csv help ''" import export prospect
# doctor's arguments are all commands, the first and every other
expect_offered "apollo-csv doctor ''" import enroll prospect
expect_offered "apollo-csv doctor import e" enroll export
[ "$(offered apollo-csv export sequences '' | tr '\n' ' ')" != "sequences contacts " ] ||
	fail "export offers its words again after the first"

# file names: a FILE, an option's FILE, after an option's value
touch leads-for-completion.csv
expect_offered "apollo-csv import leads-for" leads-for-completion.csv
expect_offered "apollo-csv import --errors leads-for" leads-for-completion.csv
expect_offered "apollo-csv import --summary leads-for" leads-for-completion.csv
expect_offered "apollo-csv export --format csv -o leads-for" leads-for-completion.csv
expect_offered "apollo-csv import --existing skip leads-for" leads-for-completion.csv
exit 0
