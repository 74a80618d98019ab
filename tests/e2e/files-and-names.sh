#!/bin/sh
# Several files in one run, each with its own default results name
# (leads.csv and leads.csv.gz -> leads.results.csv); the exit status is the
# worst of them; a missing file does not stop the others.
. "$(dirname "$0")/lib.sh"

rows 3 > a.csv
rows 4 | gzip > b.csv.gz
printf 'Email\nnot-an-email\n' > c.txt
run check a.csv b.csv.gz c.txt missing.csv
expect_status 3 "check of four files, one missing"
[ "$(wc -l < a.results.csv)" -eq 4 ] || fail "a.results.csv"
[ "$(wc -l < b.results.csv)" -eq 5 ] || fail "b.results.csv"
[ "$(col c.results.csv _status)" = "invalid" ] || fail "c.results.csv"
expect_in stderr "missing.csv: cannot open: No such file or directory"
rm -f ./*.results.csv
run check a.csv c.txt
expect_status 1 "check of a good and a bad file"
run check a.csv a.csv
expect_status 2 "the same file twice"
run check a.csv c.txt -o x.csv
expect_status 2 "-o with two files"
exit 0
