/* commands/tasks.c - `apollo-csv tasks FILE`: one Apollo task per row.
 *
 * A row names its contact by id or by email, and says the task's type,
 * due time, priority, status, owner and note in the spellings a
 * spreadsheet has (values/sheet_values.h). Emails are turned into contact ids in
 * bulk: contacts/bulk_create with Apollo's dedupe, 100 a call, which
 * returns the contact Apollo has (and makes one for an email it does not
 * have). The tasks go to api_create_tasks, which puts the ones that share
 * their settings in tasks/bulk_create calls.
 *
 * Apollo makes a second task if asked twice, so the results file is the
 * journal (rows/results_journal.h): a row done is never sent again by
 * --resume, and the rows an interrupted run may have sent without writing
 * down are looked for before they are sent. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "apollo/tasks.h"
#include "cli/command.h"
#include "commands/record_per_row.h"
#include "commands/session.h"
#include "commands/tasks.h"
#include "common/exit_codes.h"
#include "common/msg.h"
#include "rows/chunk.h"
#include "rows/dedupe.h"
#include "rows/find_column.h"
#include "rows/validate.h"
#include "values/ids.h"
#include "values/clean.h"
#include "values/sheet_values.h"

enum task_col { TC_CONTACT_ID, TC_EMAIL, TC_FIRST, TC_LAST, TC_COMPANY, TC_TYPE, TC_DUE, TC_PRIORITY,
	TC_STATUS, TC_OWNER, TC_NOTE, TC_TITLE, TC_COUNT };

/* the names each column goes by, as letters and digits in lower case */
static const char *const *const column_names[TC_COUNT] = {
	[TC_CONTACT_ID] = (const char *const[]){ "contactid", "apollocontactid", "id", NULL },
	[TC_EMAIL] = (const char *const[]){ "email", "emailaddress", "workemail", "contactemail",
	                                     "businessemail", NULL },
	[TC_FIRST] = (const char *const[]){ "firstname", "first", "givenname", NULL },
	[TC_LAST] = (const char *const[]){ "lastname", "last", "surname", "familyname", NULL },
	[TC_COMPANY] = (const char *const[]){ "company", "companyname", "organizationname", "organization",
	                                       "accountname", NULL },
	[TC_TYPE] = (const char *const[]){ "type", "tasktype", "action", NULL },
	[TC_DUE] = (const char *const[]){ "due", "dueat", "duedate", "duetime", "duedatetime", "when", "date",
	                                   NULL },
	[TC_PRIORITY] = (const char *const[]){ "priority", "taskpriority", NULL },
	[TC_STATUS] = (const char *const[]){ "status", "taskstatus", NULL },
	[TC_OWNER] = (const char *const[]){ "owner", "owneremail", "user", "assignee", "assignedto",
	                                     "taskowner", NULL },
	[TC_NOTE] = (const char *const[]){ "note", "notes", "tasknote", "description", "comment", NULL },
	[TC_TITLE] = (const char *const[]){ "tasktitle", "subject", "taskname", NULL },
};

/* a row's task, its strings in the chunk's arena */
struct task_row {
	struct api_task task;
	const char *email;             /* when the contact is given by email */
	const char *first, *last, *company;
	bool contact_made;             /* the email's contact was made for it */
};

struct tasks_run {
	struct record_rows rr;
	int col[TC_COUNT];
	unsigned long long contacts_made;
};

/* the task of the chunk's i-th row */
static struct task_row *task_of(struct tasks_run *run, size_t i)
{
	return record_rows_row(&run->rr, i);
}

static const char *cell(const struct tasks_run *run, const struct csv_record *rec, enum task_col c)
{
	return header_cell(rec, run->col[c]);
}

/* a cell, or the option that stands in for a blank one */
static const char *cell_or(const struct tasks_run *run, const struct csv_record *rec, enum task_col c,
                           const char *dflt)
{
	const char *v = cell(run, rec, c);
	return *v ? v : dflt ? dflt : "";
}

/* The row's task read and checked: NULL, or why it cannot be made. */
static const char *read_task(struct record_rows *rr, const struct csv_record *rec, void *row)
{
	struct tasks_run *run = rr->ctx;
	struct task_row *t = row;
	const struct config *cfg = run->rr.cfg;
	struct session *s = run->rr.s;
	struct chunk *c = &run->rr.chunk;
	const char *id = cell(run, rec, TC_CONTACT_ID), *email = cell(run, rec, TC_EMAIL);
	const char *type = cell_or(run, rec, TC_TYPE, cfg->task_type);
	const char *due = cell_or(run, rec, TC_DUE, cfg->task_due);
	const char *priority = cell_or(run, rec, TC_PRIORITY, cfg->task_priority);
	const char *status = cell_or(run, rec, TC_STATUS, cfg->task_status);
	const char *owner = cell_or(run, rec, TC_OWNER, NULL);
	const char *v, *why;
	char buf[64], whybuf[512];

	if (*id) {
		t->task.contact_id = chunk_trimmed(c, id);
		if (apollo_id_mangled_reason(t->task.contact_id, "contact", whybuf, sizeof whybuf))
			return chunk_strdup(c, whybuf);
		if (!apollo_id_valid(t->task.contact_id))
			return chunk_printf(c, "\"%s\" is not an Apollo contact id", id);
	} else if (*email) {
		t->email = chunk_trimmed(c, email);
		if ((why = validate_email(t->email)))
			return chunk_printf(c, "email \"%s\" %s", t->email, why);
		t->first = chunk_trimmed(c, cell(run, rec, TC_FIRST));
		t->last = chunk_trimmed(c, cell(run, rec, TC_LAST));
		t->company = chunk_trimmed(c, cell(run, rec, TC_COMPANY));
	} else {
		return "no contact: give its email or its Apollo contact id";
	}
	if (!*type)
		return "no task type: fill the type column or give --type";
	if (!(t->task.type = task_type_from(type)))
		return chunk_printf(c, "\"%s\" is not a task type: use %s", type, task_types_list);
	if (!*due)
		return "no due date: fill the due column or give --due";
	if ((why = sheet_due(due, (enum date_order)cfg->date_order, cfg->timezone, buf, whybuf, sizeof whybuf)))
		return chunk_printf(c, "due: %s", why);
	t->task.due_at = chunk_strdup(c, buf);
	if (*priority && !(t->task.priority = task_priority_from(priority)))
		return chunk_printf(c, "\"%s\" is not a priority: use %s", priority, task_priorities_list);
	if (!*status)
		t->task.status = "scheduled";
	else if (!(t->task.status = task_status_from(status)))
		return chunk_printf(c, "\"%s\" is not a task status: use %s", status, task_statuses_list);
	if (*owner) {
		if ((why = record_rows_owner(rr, owner, &t->task.user_id)))
			return why;
	} else if (s->plan.owner_id) {
		t->task.user_id = s->plan.owner_id;
	} else {
		return "no owner: fill the owner column or give --owner";
	}
	v = cell_or(run, rec, TC_NOTE, cfg->task_note);
	t->task.note = *v ? chunk_trimmed(c, v) : NULL;
	v = cell(run, rec, TC_TITLE);
	t->task.title = *v ? chunk_trimmed(c, v) : NULL;
	return NULL;
}

/* a task is the same as another with the same contact (its email in any
 * case, or its id) and settings */
static void task_identity(const void *row, struct dynbuf *key)
{
	const struct task_row *t = row;
	const char *parts[] = { t->task.user_id, t->task.type, t->task.status, t->task.due_at,
	                        t->task.priority, t->task.note, t->task.title };
	const char *who = t->task.contact_id ? t->task.contact_id : t->email;

	clean_lower(who, strlen(who), key);
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
		dynbuf_addc(key, '\x1f');
		dynbuf_add(key, parts[i] ? parts[i] : "", strlen(parts[i] ? parts[i] : ""));
	}
}

static void task_ready(struct held_row *h, const void *row)
{
	h->res.contact_id = ((const struct task_row *)row)->task.contact_id;
}

/* The contacts of rows given by email, in bulk (one contact per distinct
 * email); a row whose contact could not be had gets its outcome here. */
static void find_contacts(struct tasks_run *run)
{
	struct record_rows *rr = &run->rr;
	struct chunk *c = &rr->chunk;
	struct api_contact *contacts = calloc(c->nsend + 1, sizeof *contacts);
	struct api_item *out = calloc(c->nsend + 1, sizeof *out);
	size_t *which = calloc(c->n + 1, sizeof *which), n = 0;
	struct api_create_options opt = { NULL, 0, rr->s->plan.owner_id };
	struct dedupe_set emails;
	struct dynbuf low;

	dedupe_init(&emails);
	dynbuf_init(&low, 1 << 20);
	if (!contacts || !out || !which)
		goto done;
	for (size_t i = 0; i < c->n; i++) {
		struct task_row *t;
		unsigned long first;
		/* (only the rows classified, not replayed, have a task_row) */
		if (!c->rows[i].send || (t = task_of(run, i))->task.contact_id)
			continue;
		clean_lower(t->email, strlen(t->email), &low);
		if ((first = dedupe_check_add(&emails, low.data ? low.data : "", low.len, (unsigned long)n + 1))) {
			which[i] = first;         /* the same email as an earlier row */
			continue;
		}
		for (int f = 0; f < F_COUNT; f++)
			contacts[n].v[f] = "";
		contacts[n].v[F_EMAIL] = t->email;
		contacts[n].v[F_FIRST_NAME] = t->first;
		contacts[n].v[F_LAST_NAME] = t->last;
		contacts[n].v[F_ORGANIZATION_NAME] = t->company;
		which[i] = ++n;
	}
	if (n)
		api_create_contacts(&rr->s->hc, &opt, contacts, n, out);
	for (size_t i = 0; i < c->n; i++) {
		struct held_row *h = &c->rows[i];
		const struct api_item *it;
		if (!which[i])
			continue;
		it = &out[which[i] - 1];
		if (it->result == API_CREATED || it->result == API_EXISTING) {
			task_of(run, i)->task.contact_id = chunk_strdup(c, it->id);
			task_of(run, i)->contact_made = it->result == API_CREATED;
			h->res.contact_id = task_of(run, i)->task.contact_id;
		} else if ((it->result == API_REFUSED && !rr->s->hc.refused) || it->result == API_UNCONFIRMED) {
			h->res.status = ST_FAILED;
			h->res.reason = chunk_printf(c, "Apollo did not give a contact for %s: %s", task_of(run, i)->email,
			                             it->message ? it->message : "?");
			h->res.needs_attention = true;
		} else {
			record_rows_not_sent(rr, h, it);
		}
	}
	for (size_t k = 0; k < n; k++)
		run->contacts_made += out[k].result == API_CREATED;
done:
	for (size_t k = 0; out && k < n; k++)
		api_item_clear(&out[k]);
	dedupe_free(&emails);
	dynbuf_free(&low);
	free(contacts);
	free(out);
	free(which);
}

/* the contacts of the rows given by email, before their tasks */
static void prepare(struct record_rows *rr)
{
	find_contacts(rr->ctx);
}

static void make(struct record_rows *rr, const size_t *rows, size_t n, const struct once_hooks *hooks,
                 struct api_item *out)
{
	struct api_task *tasks = calloc(n, sizeof *tasks);

	if (!tasks)
		return;   /* no outcome: the rows stay ready, and are not sent */
	for (size_t k = 0; k < n; k++)
		tasks[k] = task_of(rr->ctx, rows[k])->task;
	api_create_tasks(&rr->s->hc, tasks, n, hooks, out);
	free(tasks);
}

static const char *note(const void *row)
{
	return ((const struct task_row *)row)->contact_made
	       ? "the contact was not in Apollo and was created for this task" : NULL;
}

static void summary(struct record_rows *rr)
{
	const struct tasks_run *run = rr->ctx;
	if (run->contacts_made)
		msg_info("%llu contact%s made for emails Apollo did not have", run->contacts_made,
		         run->contacts_made == 1 ? " was" : "s were");
}

/* the end-of-run look for second copies */
static void content(const void *row, const char *field[])
{
	const struct api_task *t = &((const struct task_row *)row)->task;
	const char *f[] = { t->contact_id, t->user_id, t->type, t->status, t->due_at, t->priority, t->note,
	                    t->title };
	memcpy(field, f, sizeof f);
}

static int count(struct record_rows *rr, char *const *const *contents, size_t n, double since,
                 unsigned *counts, char *why, size_t whylen)
{
	struct api_task *tasks = calloc(n + 1, sizeof *tasks);
	int rc;
	(void)rr;
	if (!tasks) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		char *const *f = contents[i];
		tasks[i] = (struct api_task){ f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7] };
	}
	rc = api_count_tasks(&rr->s->hc, tasks, n, since, counts, why, whylen);
	free(tasks);
	return rc;
}

static const struct record_kind tasks_kind = {
	"tasks", "task", RESULTS_TASKS, sizeof (struct task_row), read_task, task_identity, task_ready, prepare,
	make, note, summary, content, count, false,
};

static int find_columns(struct tasks_run *run)
{
	const struct config *cfg = run->rr.cfg;
	const struct csv_record *header = run->rr.header;
	struct msg_pos pos = { run->rr.file, header->line, 0 };

	for (int c = 0; c < TC_COUNT; c++)
		run->col[c] = header_find(header, column_names[c]);
	if (run->col[TC_CONTACT_ID] < 0 && run->col[TC_EMAIL] < 0) {
		msg_error(&pos, "no column for the contact: name one email or contact_id");
		return EXIT_INPUT;
	}
	if (run->col[TC_TYPE] < 0 && !cfg->task_type) {
		msg_error(&pos, "no column for the task type: name one type, or give --type for every row");
		return EXIT_INPUT;
	}
	if (run->col[TC_DUE] < 0 && !cfg->task_due) {
		msg_error(&pos, "no column for the due date: name one due, or give --due for every row");
		return EXIT_INPUT;
	}
	if (run->col[TC_OWNER] < 0 && !cfg->owner) {
		msg_error(&pos, "no column for the owner (the user the task is for): name one owner, or "
		          "give --owner USER for every row");
		return EXIT_INPUT;
	}
	return EXIT_OK;
}

int tasks_file(const struct config *cfg, struct session *shared)
{
	struct tasks_run run = { .col = { 0 } };
	struct session own;
	char buf[64], why[512];
	int status;

	if (cfg->task_due && sheet_due(cfg->task_due, (enum date_order)cfg->date_order, cfg->timezone, buf,
	                               why, sizeof why)) {
		struct msg_pos none = { 0 };
		msg_error(&none, "--due: %s", why);
		status = EXIT_USAGE;
		goto out;
	}
	/* 2,000 rows a chunk: tasks that share their settings fill whole
	 * bulk calls even when the rows of 20 settings are mixed */
	if ((status = record_rows_open(&run.rr, cfg, &tasks_kind, &run, 20 * API_TASKS_PER_CALL)) !=
	    EXIT_OK || (status = find_columns(&run)) != EXIT_OK)
		goto out;
	/* --owner is resolved before any output exists: a typo costs nothing */
	if (shared) {
		status = record_rows_run(&run.rr, shared);
	} else {
		if ((status = session_open(&own, cfg)) == EXIT_OK)
			status = record_rows_run(&run.rr, &own);
		session_close(&own);
	}
out:
	record_rows_close(&run.rr);
	return status;
}

int cmd_tasks(const struct config *cfg)
{
	return tasks_file(cfg, NULL);
}

/* ---- the command line: --help, options, what they must say together ---- */

static const char help[] =
"Usage: apollo-csv tasks [OPTIONS] FILE\n"
"\n"
"Make one Apollo task per row of FILE. Columns are found by name (case,\n"
"spaces, _ and - do not matter):\n"
"  email or contact_id  the contact. Emails are looked up 100 a call\n"
"                   (contacts/bulk_create with Apollo's dedupe); an email\n"
"                   Apollo does not have becomes a new contact, with the\n"
"                   row's first_name, last_name and company if it has them\n"
"  type             call, outreach_manual_email, linkedin_step_connect,\n"
"                   linkedin_step_message, linkedin_step_view_profile,\n"
"                   linkedin_step_interact_post, action_item, or as people\n"
"                   write them: Call, Manual email, LinkedIn connect,\n"
"                   LinkedIn message, View profile, Action item, To-do...\n"
"  due              2026-12-01, 2026-12-01 14:30, 12/01/2026 2:30 PM,\n"
"                   1-Dec-2026, 2026-12-01T14:30:00+01:00, an Excel day\n"
"                   number... A date alone is due at 00:00\n"
"  priority         high, medium or low (default: Apollo's, medium)\n"
"  status           scheduled (default), completed or skipped\n"
"  owner            the user the task is for (email, name or id)\n"
"  note             the task's note\n"
"  task_title       a title (such a task is made on its own: tasks/bulk_create\n"
"                   takes none)\n"
"Rows with the same owner, type, status, due time, priority and note go\n"
"in one tasks/bulk_create call (100 contacts a call); the others are made\n"
"one by one. FILE.results.csv says for every row _status created (with\n"
"_contact_id and _task_id), duplicate (the same task as an earlier row),\n"
"invalid, failed or unprocessed, and why in _reason.\n"
"\n"
"Apollo makes a second task when asked twice, so none is asked twice: a\n"
"request whose answer was lost is looked for with tasks/search before it\n"
"is sent again, and --resume never sends a row the last run finished.\n"
"\n"
"Values for blank cells:\n"
"      --type TYPE, --due WHEN, --priority P, --status S, --note TEXT\n"
"      --owner USER        the owner for rows without one (email, name or id)\n"
"      --timezone ZONE     due times without an offset are in ZONE, e.g.\n"
"                          America/New_York (default UTC)\n"
"      --date-format dmy|mdy|ymd  how to read 03/04/2026 (default: only when\n"
"                          it cannot be mistaken; otherwise the row is invalid)\n"
"\n"
RECORDS_WRITING_AND_TALKING
"Exit status: 0 every row made; 1 some rows need attention; 2 bad command\n"
"line; 3 FILE cannot be read or lacks a needed column; 4 no key, a refused\n"
"key or an --owner that names nobody; 5 stopped early: run again with\n"
"--resume; 6 the results file cannot be written; 130, 143 stopped by Ctrl-C\n"
"or SIGTERM: run again with --resume.\n";

static const struct cli_option *const options[] = {
	OPTIONS_READING_FILE, OPTIONS_WRITING, &opt_resume, OPTIONS_MESSAGES, OPTIONS_TALKING, &opt_settle,
	&opt_owner, OPTIONS_TASK_VALUES, &opt_date_format, &opt_timezone, NULL
};

static int check(struct config *cfg)
{
	int rc;
	if ((rc = cli_check_files(cfg, "tasks")) != EXIT_OK || (rc = cli_check_resume(cfg, "tasks")) != EXIT_OK)
		return rc;
	return cli_check_one_file(cfg, "tasks");
}

const struct command tasks_command = {
	.name = "tasks", .id = CMD_TASKS, .help = help, .options = options, .check = check, .run = cmd_tasks,
	.overview = "  tasks FILE      one task per row (a call, an email, a LinkedIn step...)\n"
};
