#!/bin/sh
# A UTF-8 file with one Windows-1252 byte far past the sniffed opening:
# the byte is read as Windows-1252, and a warning says where it was.
. "$(dirname "$0")/lib.sh"

rows 3000 > mixed.csv
before=$(wc -c < mixed.csv)
printf 'Ren\351,Caf\351,rene@quillmetrics.io,Quill Metrics,Rep\n' >> mixed.csv
run check mixed.csv -o out.csv
expect_status 0 "check mixed.csv"
expect_in stderr "mixed.csv: warning: 2 bytes that are not valid UTF-8 (the first at byte $((before + 3))) were read as Windows-1252"
expect_in out.csv "René,Café,rene@quillmetrics.io"
exit 0
