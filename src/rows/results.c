/* rows/results.c - result rows; see rows/results.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/run_summary.h"
#include "rows/results.h"

/* every outcome column of every kind: an input column named like one is
 * an earlier run's outcome */
static const char *const outcome_columns[] = {
	"_row", "_line", "_status", "_reason", "_contact_id", "_account_id",
	"_sequence_status", "_sequence_reason", "_task_id", "_deal_id", "_organization_id", "_people",
};
#define N_OUTCOME (sizeof outcome_columns / sizeof outcome_columns[0])
#define N_ERRORS_OUTCOME 4 /* _row _line _status _reason */

/* the columns after _reason, by kind */
enum id_column { IC_CONTACT, IC_ACCOUNT, IC_SEQ_STATUS, IC_SEQ_REASON, IC_RECORD, IC_COUNT, IC_END };
static const enum id_column kind_columns[][5] = {
	[RESULTS_CONTACTS] = { IC_CONTACT, IC_ACCOUNT, IC_SEQ_STATUS, IC_SEQ_REASON, IC_END },
	[RESULTS_TASKS] = { IC_CONTACT, IC_RECORD, IC_END },
	[RESULTS_DEALS] = { IC_ACCOUNT, IC_RECORD, IC_END },
	[RESULTS_DOMAINS] = { IC_RECORD, IC_COUNT, IC_END },
	[RESULTS_ACCOUNTS] = { IC_ACCOUNT, IC_END },
};

static const char *id_column_name(enum results_kind kind, enum id_column c)
{
	switch (c) {
	case IC_CONTACT: return "_contact_id";
	case IC_ACCOUNT: return "_account_id";
	case IC_SEQ_STATUS: return "_sequence_status";
	case IC_SEQ_REASON: return "_sequence_reason";
	case IC_RECORD: return kind == RESULTS_TASKS ? "_task_id" : kind == RESULTS_DEALS ? "_deal_id"
	                       : "_organization_id";
	case IC_COUNT: return "_people";
	default: return "";
	}
}

static const char *id_column_value(const struct row_result *res, enum id_column c)
{
	switch (c) {
	case IC_CONTACT: return res->contact_id;
	case IC_ACCOUNT: return res->account_id;
	case IC_SEQ_STATUS: return res->sequence_status;
	case IC_SEQ_REASON: return res->sequence_reason;
	case IC_RECORD: return res->record_id;
	case IC_COUNT: return res->count;
	default: return NULL;
	}
}

size_t results_outcome_count(enum results_kind kind)
{
	size_t n = N_ERRORS_OUTCOME;
	for (const enum id_column *c = kind_columns[kind]; *c != IC_END; c++)
		n++;
	return n;
}

static const char *const status_names[ST_COUNT] = {
	[ST_READY] = "ready",
	[ST_CREATED] = "created",
	[ST_EXISTING] = "existing",
	[ST_UPDATED] = "updated",
	[ST_UNCHANGED] = "unchanged",
	[ST_DUPLICATE] = "duplicate",
	[ST_INVALID] = "invalid",
	[ST_FAILED] = "failed",
	[ST_UNPROCESSED] = "unprocessed",
	[ST_FOUND] = "found",
	[ST_NOT_FOUND] = "not_found",
};

const char *row_status_name(enum row_status s)
{
	return (s >= 0 && s < ST_COUNT) ? status_names[s] : "?";
}

bool results_is_outcome_column(const char *name)
{
	for (size_t i = 0; i < N_OUTCOME; i++)
		if (strcmp(name, outcome_columns[i]) == 0)
			return true;
	return false;
}

bool *results_outcome_columns(const struct csv_record *h)
{
	bool *skip = calloc(h->nfields ? h->nfields : 1, sizeof *skip);
	if (skip)
		for (size_t c = 0; c < h->nfields; c++)
			skip[c] = results_is_outcome_column(h->fields[c]);
	return skip;
}

static void write_input_cells(struct csv_writer *w, const struct results *r,
                              const struct csv_record *rec)
{
	/* a well-formed comma-separated record is copied as it was read
	 * (with the guards a cell needs, where the copy can hold them) */
	if (r->raw_ok && rec->raw_is_cells && rec->nfields == r->ncols &&
	    csv_writer_line_cells(w, rec->raw, rec->raw_len, rec->fields, rec->lens, rec->nfields))
		return;
	for (size_t c = 0; c < r->ncols; c++) {
		if (r->skip[c])
			continue;
		if (c < rec->nfields)
			csv_writer_field(w, rec->fields[c], rec->lens[c]);
		else
			csv_writer_field(w, "", 0);
	}
}

int results_open(struct results *r, const char *path, const char *errors_path,
                 const struct csv_writer_options *opt, const struct csv_record *header,
                 char *err, size_t errlen)
{
	return results_open_kind(r, RESULTS_CONTACTS, path, errors_path, opt, header, err, errlen);
}

/* an .xlsx results file: the row numbers and _people are numbers, every
 * other cell text (ids, phones, postal codes as written) */
static const char *const numeric_columns[] = { "_row", "_line", "_people", NULL };
static const struct xlsx_options results_xlsx = {
	.sheet = "Results",
	.about = "every input row, as read, with what this run did with it (_status, _reason) and the "
	         "ids of what it made",
	.numeric = numeric_columns,
};
static const struct xlsx_options errors_xlsx = {
	.sheet = "Errors",
	.about = "the rows that need a person's attention, with the input's columns and why; fix them "
	         "here and feed the file back",
	.numeric = numeric_columns,
};

int results_open_kind(struct results *r, enum results_kind kind, const char *path,
                      const char *errors_path, const struct csv_writer_options *given,
                      const struct csv_record *header, char *err, size_t errlen)
{
	struct csv_writer_options wopt = *given;
	const struct csv_writer_options *opt = &wopt;

	if (!wopt.xlsx)
		wopt.xlsx = &results_xlsx;
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->ncols = header->nfields;
	r->skip = results_outcome_columns(header);
	if (!r->skip) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (csv_writer_open(&r->out, path, opt) < 0) {
		snprintf(err, errlen, "%s: %s", path, r->out.error);
		free(r->skip);
		return -1;
	}
	if (errors_path) {
		/* the errors file is never a journal: a resumed run writes it
		 * anew, replayed rows included (results_write) */
		struct csv_writer_options eopt = *opt;
		eopt.work_path = NULL;
		eopt.append = false;
		eopt.xlsx = &errors_xlsx;
		if (csv_writer_open(&r->errors, errors_path, &eopt) < 0) {
			snprintf(err, errlen, "%s: %s", errors_path, r->errors.error);
			csv_writer_abort(&r->out);
			free(r->skip);
			return -1;
		}
		r->have_errors = true;
	}
	/* raw copies need a plain comma writer and no column left out */
	r->raw_ok = !opt->excel && (!opt->delimiter || opt->delimiter == ',');
	for (size_t c = 0; c < r->ncols; c++)
		r->raw_ok = r->raw_ok && !r->skip[c];
	if (!opt->append) {
		write_input_cells(&r->out, r, header);
		for (size_t i = 0; i < N_ERRORS_OUTCOME; i++)
			csv_writer_cstr(&r->out, outcome_columns[i]);
		for (const enum id_column *c = kind_columns[kind]; *c != IC_END; c++)
			csv_writer_cstr(&r->out, id_column_name(kind, *c));
		csv_writer_end_row(&r->out);
	}
	if (r->have_errors) {
		write_input_cells(&r->errors, r, header);
		for (size_t i = 0; i < N_ERRORS_OUTCOME; i++)
			csv_writer_cstr(&r->errors, outcome_columns[i]);
		csv_writer_end_row(&r->errors);
	}
	return 0;
}

static void write_number(struct csv_writer *w, unsigned long long n)
{
	char buf[24];
	char *p = buf + sizeof buf;
	do
		*--p = (char)('0' + n % 10);
	while ((n /= 10) != 0);
	csv_writer_field(w, p, (size_t)(buf + sizeof buf - p));
}

void results_write(struct results *r, const struct csv_record *rec, const struct row_result *res)
{
	if (res->replayed)
		goto counts;   /* its results row is in the journal already */
	write_input_cells(&r->out, r, rec);
	write_number(&r->out, rec->number);
	write_number(&r->out, rec->line);
	csv_writer_cstr(&r->out, row_status_name(res->status));
	csv_writer_cstr(&r->out, res->reason);
	for (const enum id_column *c = kind_columns[r->kind]; *c != IC_END; c++)
		csv_writer_cstr(&r->out, id_column_value(res, *c));
	csv_writer_end_row(&r->out);
counts:
	r->counts[res->status]++;
	if (!res->needs_attention)
		return;
	r->attention++;
	if (r->have_errors) {
		write_input_cells(&r->errors, r, rec);
		write_number(&r->errors, rec->number);
		write_number(&r->errors, rec->line);
		csv_writer_cstr(&r->errors, row_status_name(res->status));
		csv_writer_cstr(&r->errors, res->reason);
		csv_writer_end_row(&r->errors);
	}
}

unsigned long long results_rows(const struct results *r)
{
	unsigned long long n = 0;
	for (int st = 0; st < ST_COUNT; st++)
		n += r->counts[st];
	return n;
}

int results_flush(struct results *r, char *err, size_t errlen)
{
	/* the errors file is rebuilt by a resumed run: only the results matter */
	if (csv_writer_flush(&r->out) < 0) {
		snprintf(err, errlen, "%s: cannot write: %s", r->out.path, strerror(r->out.err));
		return -1;
	}
	return 0;
}

/* the rows' counts into the run's summary, once whatever the end */
static void tell_summary(struct results *r)
{
	if (r->summarized)
		return;
	r->summarized = true;
	for (int s = 0; s < ST_COUNT; s++)
		run_summary_count(RS_STATUS, row_status_name((enum row_status)s), r->counts[s]);
}

int results_commit(struct results *r, char *err, size_t errlen)
{
	int rc = 0;
	char path[4096], epath[4096];

	snprintf(path, sizeof path, "%s", r->out.path ? r->out.path : "");
	snprintf(epath, sizeof epath, "%s", r->have_errors && r->errors.path ? r->errors.path : "");

	/* the errors file first: if it fails, the results are not committed
	 * either (if the results then fail, the errors file stays: it holds
	 * exactly the rows that need attention, and the run exits 6) */
	/* rows left for a --resume: an .xlsx journal's CSV stays for it */
	r->out.opt.keep_work = r->counts[ST_UNPROCESSED] > 0;
	if (r->have_errors && csv_writer_commit(&r->errors) < 0) {
		snprintf(err, errlen, "%s: %s", epath, r->errors.error);
		csv_writer_abort(&r->out);
		rc = -1;
	} else if (csv_writer_commit(&r->out) < 0) {
		snprintf(err, errlen, "%s: %s", path, r->out.error);
		rc = -1;
	} else {
		run_summary_file("results", path);
		if (*epath)
			run_summary_file("errors", epath);
	}
	tell_summary(r);
	free(r->skip);
	r->skip = NULL;
	return rc;
}

void results_abort(struct results *r)
{
	tell_summary(r);
	csv_writer_abort(&r->out);
	if (r->have_errors)
		csv_writer_abort(&r->errors);
	free(r->skip);
	r->skip = NULL;
}
