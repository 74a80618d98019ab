/* rows/sheet_rows.c - see rows/sheet_rows.h. */
#include "config.h"

#include <string.h>

#include "common/exit_codes.h"
#include "common/msg.h"
#include "rows/sheet_rows.h"

int sheet_rows_open(struct sheet_rows *sr, const struct config *cfg)
{
	struct csv_reader_options ropt = { .delimiter = cfg->delimiter, .encoding = cfg->encoding,
	                                   .max_field = cfg->max_field };

	sr->file = strcmp(cfg->files[0], "-") == 0 ? "<stdin>" : cfg->files[0];
	chunk_init(&sr->chunk);
	if (csv_reader_open(&sr->reader, cfg->files[0], &ropt) < 0 ||
	    csv_reader_next(&sr->reader, &sr->header) != 1) {
		struct msg_pos pos = { sr->file, 0, 0 };
		msg_error(&pos, "%s", sr->reader.error[0] ? sr->reader.error : "the file is empty");
		return EXIT_INPUT;
	}
	return EXIT_OK;
}

int sheet_rows_results(struct sheet_rows *sr, const char *out_path, const char *errors_path,
                       const struct csv_writer_options *opt)
{
	char err[2048];

	sr->out_path = out_path;
	if (!out_path || results_open(&sr->results, out_path, errors_path, opt, sr->header, err, sizeof err) < 0) {
		struct msg_pos none = { 0 };
		msg_error(&none, "%s", out_path ? err : "out of memory");
		return EXIT_OUTPUT;
	}
	return EXIT_OK;
}

/* the chunk to the command, then its rows to the results in input order */
static void send_chunk(struct sheet_rows *sr, const struct row_sender *how)
{
	struct chunk *c = &sr->chunk;

	how->send(how->ctx);
	for (size_t i = 0; i < c->n; i++)
		results_write(&sr->results, &c->rows[i].rec, &c->rows[i].res);
	chunk_reset(c);
}

static bool chunk_full(const struct chunk *c, const struct row_sender *how)
{
	return c->nsend >= how->per_chunk || (how->most_held && c->n >= how->most_held);
}

static int send_rows(struct sheet_rows *sr, const struct row_sender *how)
{
	const struct csv_record *rec;
	int rc;

	while ((rc = csv_reader_next(&sr->reader, &rec)) == 1) {
		struct held_row *h = chunk_hold(&sr->chunk, rec);
		if (!h) {
			struct msg_pos none = { 0 };
			msg_error(&none, "out of memory");
			return EXIT_INTERNAL;
		}
		how->read(how->ctx, h);
		if (chunk_full(&sr->chunk, how))
			send_chunk(sr, how);
	}
	send_chunk(sr, how);
	if (rc < 0) {
		struct msg_pos pos = { sr->file, sr->reader.line, 0 };
		msg_error(&pos, "%s; the rows before this point are in the results", sr->reader.error);
		return EXIT_INPUT;
	}
	return EXIT_OK;
}

int sheet_rows_run(struct sheet_rows *sr, const struct row_sender *how)
{
	int status = send_rows(sr, how);
	char err[2048];

	if (status == EXIT_INTERNAL) {
		/* rows held when memory ran out have no result: no file at all */
		results_abort(&sr->results);
	} else if (results_commit(&sr->results, err, sizeof err) < 0) {
		struct msg_pos none = { 0 };
		msg_error(&none, "%s", err);
		status = EXIT_OUTPUT;
	} else {
		how->summary(how->ctx);
		if (sr->results.attention)
			status = exit_code_worst(status, EXIT_ATTENTION);
	}
	return status;
}

void sheet_rows_close(struct sheet_rows *sr)
{
	chunk_free(&sr->chunk);
	csv_reader_close(&sr->reader);
}
