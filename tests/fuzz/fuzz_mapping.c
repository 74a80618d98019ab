/* fuzz_mapping.c - libFuzzer target: the header mapped to Apollo fields
 * with the profiles (src/rows/mapping.c mapping_build, src/rows/profiles.c), then
 * every row through the per-row stages (src/rows/row_check.c: well-formed,
 * blank, mapped and cleaned, validated, deduped) and every field of the
 * contact asked for (contact_get), as check and import do. The input is a
 * CSV file (read with sniffing); the first record is its header.
 * Mapping's warnings are silenced. Checks what the headers
 * promise: contact_get never returns NULL, a ready row has an email or a
 * name. */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "files/csv_reader.h"
#include "rows/mapping.h"
#include "rows/profiles.h"
#include "rows/results.h"
#include "rows/row_check.h"
#include "fuzz.h"

static struct profile_set profiles;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char err[600];
	(void)argc;
	(void)argv;
	if (profiles_load(&profiles, FORMATS_DIR, err, sizeof err) < 0) {
		fprintf(stderr, "fuzz_mapping: %s\n", err);
		abort();
	}
	return 0;
}

/* mapping's warnings (duplicate headers, ...) are not findings, and
 * libFuzzer's own report goes to the same stderr: silenced only around it */
static int quiet_build(struct column_map *map, const struct mapping_request *req,
                       const struct csv_record *header, char *err, size_t errlen)
{
	int saved = dup(STDERR_FILENO), null = open("/dev/null", O_WRONLY), rc;
	fflush(stderr);
	if (saved >= 0 && null >= 0)
		dup2(null, STDERR_FILENO);
	rc = mapping_build(map, req, header, err, errlen);
	fflush(stderr);
	if (saved >= 0)
		dup2(saved, STDERR_FILENO);
	if (saved >= 0)
		close(saved);
	if (null >= 0)
		close(null);
	return rc;
}

static void rows(struct csv_reader *r, const struct column_map *map, size_t ncols)
{
	struct row_checker rc;
	const struct csv_record *rec;

	row_checker_init(&rc, map, ncols);
	while (csv_reader_next(r, &rec) == 1) {
		struct row_problem p;
		enum row_verdict v = row_check(&rc, rec, &p);
		if (v != ROW_READY && !p.reason)
			abort();   /* every refused row says why */
		if (v == ROW_BLANK || rec->error)
			continue;
		for (int f = 0; f < F_COUNT; f++)
			if (!contact_get(&rc.contact, (enum field)f))
				abort();
		if (v == ROW_READY && !*contact_get(&rc.contact, F_EMAIL) &&
		    !*contact_get(&rc.contact, F_FIRST_NAME) && !*contact_get(&rc.contact, F_LAST_NAME))
			abort();   /* a ready row can be matched by Apollo */
	}
	row_checker_free(&rc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_reader_options opt = {
		.known_header = profiles_known_header, .known_header_ctx = &profiles,
	};
	struct csv_reader *r = calloc(1, sizeof *r);
	const struct csv_record *header;
	struct column_map map;
	struct fuzz_file f;
	char err[2048];
	bool *skip;

	if (!r)
		abort();
	fuzz_file_open(&f, data, size);
	if (csv_reader_open(r, f.path, &opt) == 0 && csv_reader_next(r, &header) == 1 && !header->error &&
	    (skip = results_outcome_columns(header))) {
		struct mapping_request req = { .profiles = &profiles, .skip_col = skip, .file = "fuzz" };
		size_t ncols = header->nfields;
		if (quiet_build(&map, &req, header, err, sizeof err) == 0)
			rows(r, &map, ncols);
		free(skip);
	}
	csv_reader_close(r);
	free(r);
	fuzz_file_close(&f);
	return 0;
}
