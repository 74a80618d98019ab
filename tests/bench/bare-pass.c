/* bare-pass.c - the baseline of `make bench`: the least work any CSV import
 * has to do. Opens FILE with zlib's gzopen (which reads .csv.gz and plain
 * files alike), reads 256 KiB blocks with gzread, feeds them to libcsv in
 * strict mode, and only counts fields and records. Prints
 * `records=N fields=M` (the header is one record).
 *
 * Usage: bare-pass FILE
 * Exit status: 0 done, 1 unreadable or malformed input, 2 bad usage.
 */
#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define BLOCK (256 * 1024)

struct counts {
	unsigned long long records, fields;
};

static void on_field(void *data, size_t len, void *arg)
{
	(void)data;
	(void)len;
	((struct counts *)arg)->fields++;
}

static void on_record(int term, void *arg)
{
	(void)term;
	((struct counts *)arg)->records++;
}

int main(int argc, char **argv)
{
	static char buf[BLOCK];
	struct csv_parser p;
	struct counts n = {0, 0};
	gzFile gz;
	int got, errnum;

	if (argc != 2) {
		fprintf(stderr, "usage: bare-pass FILE\n");
		return 2;
	}
	errno = 0;
	gz = gzopen(argv[1], "rb");
	if (!gz) {
		fprintf(stderr, "bare-pass: %s: %s\n", argv[1],
		        errno ? strerror(errno) : "cannot open");
		return 1;
	}
	gzbuffer(gz, BLOCK);
	if (csv_init(&p, CSV_STRICT) != 0) {
		fprintf(stderr, "bare-pass: csv_init failed\n");
		return 1;
	}
	while ((got = gzread(gz, buf, BLOCK)) > 0) {
		if (csv_parse(&p, buf, (size_t)got, on_field, on_record, &n) != (size_t)got) {
			fprintf(stderr, "bare-pass: %s: %s\n", argv[1], csv_strerror(csv_error(&p)));
			return 1;
		}
	}
	if (got < 0) {
		const char *msg = gzerror(gz, &errnum);
		fprintf(stderr, "bare-pass: %s: %s\n", argv[1],
		        errnum == Z_ERRNO ? strerror(errno) : msg);
		return 1;
	}
	if (csv_fini(&p, on_field, on_record, &n) != 0) {
		fprintf(stderr, "bare-pass: %s: %s\n", argv[1], csv_strerror(csv_error(&p)));
		return 1;
	}
	csv_free(&p);
	gzclose(gz);
	printf("records=%llu fields=%llu\n", n.records, n.fields);
	return 0;
}
