/* fuzz_journal.c - libFuzzer target: an earlier run's results file read
 * back for --resume (src/rows/earlier_results.c): journal_open and journal_next to the
 * end with every cell read, then journal_prefix (with and without
 * "unprocessed" ending the prefix) and journal_is_empty. The input is the file. Checks that every byte count
 * lies within the file. */
#include "config.h"

#include <string.h>

#include "rows/earlier_results.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_file f;
	struct journal j;
	unsigned long long rows;
	off_t bytes;
	size_t ncols;
	char err[700];

	fuzz_file_open(&f, data, size);
	if (journal_open(&j, f.path) == 0) {
		int rc;
		while ((rc = journal_next(&j)) == 1) {
			for (int c = 0; c < JC_COUNT; c++)
				fuzz_sink += strlen(journal_cell(&j, (enum journal_col)c));
			if (j.pos < 0 || (unsigned long long)j.pos > size)
				abort();
		}
	}
	journal_close(&j);

	if (journal_prefix(f.path, NULL, &rows, &bytes, &ncols, err, sizeof err) == 0 &&
	    (bytes < 0 || (unsigned long long)bytes > size))
		abort();
	if (journal_prefix(f.path, "unprocessed", &rows, &bytes, &ncols, err, sizeof err) == 0 &&
	    (bytes < 0 || (unsigned long long)bytes > size))
		abort();
	(void)journal_is_empty(f.path);
	fuzz_file_close(&f);
	return 0;
}
