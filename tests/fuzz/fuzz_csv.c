/* fuzz_csv.c - libFuzzer target: the CSV reader with its sniffing
 * (src/files/input.c, src/files/sniff.c, src/files/csv_reader.c) on a whole file, every record
 * read to the end.
 *
 * Input: one options byte, then the file. The options byte picks what the
 * command line could force: bits 0-2 the delimiter (0 and 5-7: detect,
 * 1 ',' 2 ';' 3 tab 4 '|'), bits 3-5 the encoding (0 and 6-7: detect,
 * then utf-8, utf-16le, utf-16be, windows-1252, latin-1), bit 6 a small
 * field size limit (64 bytes, so "field too big" is reached), bit 7
 * sniffing without the mapping profiles' header names. The seeds start
 * with 0x00: everything detected, as a plain `apollo-csv check FILE`.
 *
 * The file is read twice in step, once as the tool reads it (plain lines
 * split without libcsv) and once with every line through libcsv: the two
 * must give the same records, byte for byte (abort otherwise). */
#include "config.h"

#include <string.h>

#include "files/csv_reader.h"
#include "rows/profiles.h"
#include "fuzz.h"

static struct profile_set profiles;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char err[600];
	(void)argc;
	(void)argv;
	if (profiles_load(&profiles, FORMATS_DIR, err, sizeof err) < 0) {
		fprintf(stderr, "fuzz_csv: %s\n", err);
		abort();
	}
	return 0;
}

static bool same_text(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static bool same_record(const struct csv_record *a, const struct csv_record *b)
{
	if (a->number != b->number || a->line != b->line || a->nfields != b->nfields ||
	    !same_text(a->error, b->error) || a->error_line != b->error_line ||
	    a->error_col != b->error_col || a->raw_len != b->raw_len ||
	    a->raw_is_cells != b->raw_is_cells || memcmp(a->raw, b->raw, a->raw_len) != 0)
		return false;
	for (size_t i = 0; i < a->nfields; i++)
		if (a->lens[i] != b->lens[i] || memcmp(a->fields[i], b->fields[i], a->lens[i]) != 0)
			return false;
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char delims[8] = { 0, ',', ';', '\t', '|', 0, 0, 0 };
	static const enum encoding encs[8] = { ENC_AUTO, ENC_UTF8, ENC_UTF16LE, ENC_UTF16BE,
	                                       ENC_CP1252, ENC_LATIN1, ENC_AUTO, ENC_AUTO };
	struct csv_reader_options opt, opt2;
	struct csv_reader *r, *r2;
	const struct csv_record *rec, *rec2;
	int open1, open2;
	struct fuzz_file f;
	uint8_t o;

	if (size < 1)
		return 0;
	o = data[0];
	memset(&opt, 0, sizeof opt);
	opt.delimiter = delims[o & 7];
	opt.encoding = encs[(o >> 3) & 7];
	opt.max_field = (o & 0x40) ? 64 : 0;
	if (!(o & 0x80)) {
		opt.known_header = profiles_known_header;
		opt.known_header_ctx = &profiles;
	}

	fuzz_file_open(&f, data + 1, size - 1);
	r = calloc(1, sizeof *r);   /* big (the raw buffer): not on the stack */
	r2 = calloc(1, sizeof *r2);
	if (!r || !r2)
		abort();
	opt2 = opt;
	opt2.libcsv_only = true;
	open1 = csv_reader_open(r, f.path, &opt);
	open2 = csv_reader_open(r2, f.path, &opt2);
	if (open1 != open2)
		abort();   /* opening does not depend on how lines are split */
	if (open1 == 0) {
		int rc, rc2;
		unsigned long long n = 0;
		while ((rc = csv_reader_next(r, &rec)) == 1) {
			/* every cell and the raw text are readable to their lengths */
			for (size_t i = 0; i < rec->nfields; i++) {
				if (rec->fields[i][rec->lens[i]] != '\0')
					abort();
				for (size_t k = 0; k < rec->lens[i]; k++)
					fuzz_sink += (unsigned char)rec->fields[i][k];
			}
			for (size_t k = 0; rec->raw && k < rec->raw_len; k++)
				fuzz_sink += (unsigned char)rec->raw[k];
			if (rec->number != n++)
				abort();   /* records are numbered without a gap */
			if (csv_reader_next(r2, &rec2) != 1 || !same_record(rec, rec2))
				abort();   /* the plain-line path differs from libcsv */
		}
		rc2 = csv_reader_next(r2, &rec2);
		if (rc2 != rc)
			abort();
	}
	csv_reader_close(r);
	csv_reader_close(r2);
	free(r);
	free(r2);
	fuzz_file_close(&f);
	return 0;
}
