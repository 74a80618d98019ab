/* commands/doctor.c - `apollo-csv doctor [COMMAND...]`: before the first
 * run against a real account, whether the commands named (all, when none
 * is) would work: the key and where it came from, a master key or which
 * scopes each command lacks, the mailboxes, the sequences, the rate
 * budget, the base URL. It asks Apollo (apollo/preflight.h: at most ten
 * requests, none of which changes anything, none sent twice, no wait) and
 * prints a few lines in plain words on standard output, then a verdict;
 * the exit status is 0 only when every command named would work. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "apollo/api.h"
#include "apollo/preflight.h"
#include "apollo/settings.h"
#include "cli/command.h"
#include "commands/doctor.h"
#include "common/exit_codes.h"
#include "common/interrupt.h"
#include "common/msg.h"

/* What each command needs of Apollo: the endpoints it calls, the one it
 * spends its calls on first; whether it looks up sequences and sends
 * from a mailbox (--sequence, --from). Options that add endpoints
 * (--accounts, --enrich, --owner) are left out. */
#define MAX_PROBES 3
static const struct needs {
	const char *command;
	enum preflight_probe probes[MAX_PROBES];
	size_t nprobes;
	bool sequences;
	bool mailbox;
} needs[] = {
	{ "import", { PF_CREATE_CONTACTS }, 1, false, false },
	{ "enroll", { PF_ENROL }, 1, true, true },
	{ "unenroll", { PF_UNENROL }, 1, true, false },
	{ "update", { PF_UPDATE_CONTACTS }, 1, false, false },
	/* tasks/search: after an answer lost, to make no task twice */
	{ "tasks", { PF_CREATE_TASKS, PF_SEARCH_TASKS }, 2, false, false },
	/* the stages for a stage column or --stage; deals/search as tasks/search */
	{ "deals", { PF_CREATE_DEALS, PF_DEAL_STAGES, PF_SEARCH_DEALS }, 3, false, false },
	/* export sequences reads the sequences; export contacts, contacts */
	{ "export", { PF_SEARCH_CONTACTS }, 1, true, false },
	{ "prospect", { PF_SEARCH_PEOPLE, PF_CREATE_CONTACTS }, 2, false, false },
};
#define NCOMMANDS (sizeof needs / sizeof needs[0])

static const char *const window_within[RW_COUNT] = { "within a minute", "within an hour", "within a day" };
static const char *const window_adjective[RW_COUNT] = { "per-minute", "hourly", "daily" };
static const char *const window_now[RW_COUNT] = { "this minute", "this hour", "today" };

/* ---- lines ---- */

/* "label        text", the key masked (it never comes from Apollo, but
 * what Apollo sends is printed here) */
static void line(const char *label, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void line(const char *label, const char *fmt, ...)
{
	char text[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	msg_redact(text, sizeof text);
	printf("%-12s %s\n", label, text);
}

/* text appended to a fixed buffer, cut when full */
static void add(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void add(char *buf, size_t size, const char *fmt, ...)
{
	size_t len = strlen(buf);
	va_list ap;
	if (len + 1 >= size)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + len, size - len, fmt, ap);
	va_end(ap);
}

/* a name from Apollo on one line: control characters as spaces */
static const char *one_line(const char *s, char *buf, size_t size)
{
	size_t k = 0;
	for (; *s && k + 1 < size; s++)
		buf[k++] = (unsigned char)*s < 0x20 ? ' ' : *s;
	buf[k] = '\0';
	return buf;
}

/* a JSON flag: true/false, "true"/"false", 1/0; -1 when none */
static int flag(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	if (cJSON_IsBool(v))
		return cJSON_IsTrue(v);
	if (cJSON_IsNumber(v))
		return v->valuedouble != 0;
	if (cJSON_IsString(v) && (strcmp(v->valuestring, "true") == 0 || strcmp(v->valuestring, "false") == 0))
		return v->valuestring[0] == 't';
	return -1;
}

/* "in 23 h 59 min (at 14:05 local time)" */
static void when(char *buf, size_t size, time_t at)
{
	long s = (long)(at - time(NULL)), min;
	char clock[40];
	struct tm tm;

	if (s < 1)
		s = 1;
	localtime_r(&at, &tm);
	strftime(clock, sizeof clock, s >= 20 * 3600 ? "%Y-%m-%d %H:%M" : "%H:%M", &tm);
	min = (s + 59) / 60;
	if (s < 60)
		snprintf(buf, size, "in %ld s (at %s local time)", s, clock);
	else if (min < 60)
		snprintf(buf, size, "in %ld min (at %s local time)", min, clock);
	else
		snprintf(buf, size, "in %ld h %ld min (at %s local time)", min / 60, min % 60, clock);
}

/* ---- what the probes found, in words ---- */

/* Why commands cannot run, gathered so that one sentence names every
 * scope a command lacks: "the key may not call A, B (API_INACCESSIBLE):
 * ask for a key with the scopes X, Y, or a master key". */
struct problems {
	char reasons[2000];        /* other reasons, joined by "; " */
	char endpoints[600];       /* the endpoints the key's scopes leave out */
	char scopes[600];          /* and the scopes to ask for */
	int nscopes;
	char unchecked[600];       /* the endpoints doctor did not ask about */
	int code;                  /* the exit status they stand for */
};

static void problem(struct problems *pr, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void problem(struct problems *pr, int code, const char *fmt, ...)
{
	char text[1200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	add(pr->reasons, sizeof pr->reasons, "%s%s", *pr->reasons ? "; " : "", text);
	pr->code = exit_code_worst(pr->code, code);
}

/* What the findings say against calling p's endpoint now, if anything. */
static void note_access(const struct preflight *pf, enum preflight_probe p, struct problems *pr)
{
	const struct pf_result *r = &pf->r[p];
	const char *ep = preflight_endpoint(p);
	struct pf_window w[RW_COUNT];
	char at[100];
	int spent;

	switch (preflight_access(pf, p)) {
	case PF_OPEN:
		/* a master key's endpoint is not asked: its usage stats tell (an
		 * answer to the probe itself was not refused for the rate) */
		if (r->answer == PF_NOT_ASKED && preflight_budget(pf, p, w) && (spent = preflight_spent_window(w)) >= 0)
			problem(pr, EXIT_API, "Apollo's %s limit for %s is used up (%ld of %ld); it ends %s",
			        window_adjective[spent], ep, w[spent].consumed, w[spent].limit, window_within[spent]);
		return;
	case PF_NO_SCOPE:
		add(pr->endpoints, sizeof pr->endpoints, "%s%s", *pr->endpoints ? ", " : "", ep);
		add(pr->scopes, sizeof pr->scopes, "%s%s", *pr->scopes ? ", " : "", preflight_scope(p));
		pr->nscopes++;
		pr->code = exit_code_worst(pr->code, EXIT_CONFIG);
		return;
	case PF_REFUSED:
		problem(pr, EXIT_CONFIG, "Apollo refuses %s to this key: %s (HTTP %ld)", ep, r->message, r->status);
		return;
	case PF_BAD_KEY:
		problem(pr, EXIT_CONFIG, "Apollo refuses the key");
		return;
	case PF_SPENT:
		when(at, sizeof at, r->resets);
		problem(pr, EXIT_API, "Apollo's %s limit for %s is used up; it ends %s",
		        r->window >= 0 ? window_adjective[r->window] : "rate", ep, at);
		return;
	case PF_NO_ANSWER:
		problem(pr, EXIT_API, "no answer from %s: %s", ep, r->message);
		return;
	case PF_ODD:
		problem(pr, EXIT_API, "%s answered HTTP %ld (%s); is the base URL right?", ep, r->status, r->message);
		return;
	case PF_NOT_ASKED:
		add(pr->unchecked, sizeof pr->unchecked, "%s%s", *pr->unchecked ? ", " : "", ep);
		pr->code = exit_code_worst(pr->code, EXIT_ATTENTION);
		return;
	}
}

/* the problems as one sentence, "" when none */
static void say_problems(const struct problems *pr, char *out, size_t size)
{
	out[0] = '\0';
	add(out, size, "%s", pr->reasons);
	if (pr->nscopes)
		add(out, size, "%sthe key may not call %s (API_INACCESSIBLE): ask for a key with the scope%s %s, "
		    "or a master key", *out ? "; " : "", pr->endpoints, pr->nscopes > 1 ? "s" : "", pr->scopes);
	if (*pr->unchecked)
		add(out, size, "%s%s not checked", *out ? "; " : "", pr->unchecked);
}

struct tally {
	int active, inactive;
	int active_no_steps;
	const cJSON *list;
	long total;                /* Apollo's total_entries, -1: not said */
};

static void count_sequences(const struct preflight *pf, struct tally *t)
{
	const cJSON *json = pf->r[PF_SEQUENCES].json, *s;
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(json, "emailer_campaigns");
	memset(t, 0, sizeof *t);
	t->list = list;
	t->total = api_number(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(json, "pagination"),
	                                                       "total_entries"), -1);
	if (!cJSON_IsArray(list))
		return;
	cJSON_ArrayForEach(s, list) {
		if (flag(s, "active") == 1 && flag(s, "archived") != 1) {
			t->active++;
			if (api_number(cJSON_GetObjectItemCaseSensitive(s, "num_steps"), -1) == 0)
				t->active_no_steps++;
		} else {
			t->inactive++;
		}
	}
}

static int count_active_mailboxes(const struct preflight *pf, int *inactive)
{
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(pf->r[PF_MAILBOXES].json, "email_accounts"), *m;
	int active = 0;
	*inactive = 0;
	if (!cJSON_IsArray(list))
		return 0;
	cJSON_ArrayForEach(m, list) {
		/* as --from reads it: a mailbox Apollo does not call inactive can send */
		if (flag(m, "active") == 0)
			(*inactive)++;
		else
			active++;
	}
	return active;
}

/* Why command n cannot run, into pr. */
static void command_problems(const struct preflight *pf, const struct needs *n, struct problems *pr)
{
	struct tally t;
	int inactive;

	for (size_t i = 0; i < n->nprobes; i++)
		note_access(pf, n->probes[i], pr);
	if (n->sequences) {
		note_access(pf, PF_SEQUENCES, pr);
		count_sequences(pf, &t);
		/* export sequences writes an empty file: no sequence stops only
		 * the commands that name one */
		if (pf->r[PF_SEQUENCES].answer == PF_OPEN && strcmp(n->command, "export") != 0) {
			if (!t.active && !t.inactive)
				problem(pr, EXIT_CONFIG, "the team has no sequence");
			else if (!t.active && n->mailbox)
				problem(pr, EXIT_CONFIG, "no sequence is active (an inactive one takes --allow-inactive, "
				        "and sends nothing)");
		}
	}
	if (n->mailbox) {
		note_access(pf, PF_MAILBOXES, pr);
		if (pf->r[PF_MAILBOXES].answer == PF_OPEN && count_active_mailboxes(pf, &inactive) == 0)
			problem(pr, EXIT_CONFIG, "no active mailbox to send from (--from): %s one in Apollo",
			        inactive ? "reconnect" : "connect");
	}
}

/* why the key cannot call p's endpoint, as a sentence; "" when it can */
static void access_words(const struct preflight *pf, enum preflight_probe p, char *out, size_t size)
{
	struct problems pr = { .code = 0 };
	note_access(pf, p, &pr);
	say_problems(&pr, out, size);
}

/* ---- the report ---- */

static void say_key(const struct preflight *pf, const struct api_settings *s)
{
	const struct pf_result *u = &pf->r[PF_USERS];
	bool taken = false;

	if (pf->key_refused) {
		for (int p = 0; p < PF_COUNT; p++)
			if (pf->r[p].answer == PF_BAD_KEY)
				line("key", "from %s: Apollo refuses it: %s (HTTP %ld)", s->key_source, pf->r[p].message,
				     pf->r[p].status);
		return;
	}
	for (int p = 0; p < PF_COUNT; p++)
		taken = taken || pf->r[p].answer == PF_OPEN || pf->r[p].answer == PF_NO_SCOPE ||
		        pf->r[p].answer == PF_REFUSED || pf->r[p].answer == PF_SPENT;
	if (!taken)
		line("key", "from %s: not known (Apollo did not answer)", s->key_source);
	else if (pf->master == 1)
		line("key", "from %s: works; a master key (it may list the team's users, which Apollo's key "
		     "documents allow master keys; a key given only that scope would pass for one)", s->key_source);
	else if (pf->master == 0)
		line("key", "from %s: works; not a master key (users/search: %s), so doctor asks about each "
		     "endpoint", s->key_source, u->answer == PF_NO_SCOPE ? "API_INACCESSIBLE" : u->message);
	else
		line("key", "from %s: works; a master key or not is not known (users/search: %s)", s->key_source,
		     u->message);
}

/* "a@x.com, b@y.com and 3 more", the mailboxes whose active flag is
 * (or is not) false, with why not for inactive ones */
static void list_mailboxes(char *buf, size_t size, const cJSON *list, bool inactive)
{
	const cJSON *m;
	char name[300], reason[300];
	int shown = 0, more = 0;

	cJSON_ArrayForEach(m, list) {
		if ((flag(m, "active") == 0) != inactive)
			continue;
		if (shown == 3) {
			more++;
			continue;
		}
		one_line(api_str(m, "email"), name, sizeof name);
		one_line(api_str(m, "inactive_reason"), reason, sizeof reason);
		add(buf, size, "%s%s%s%s", shown ? ", " : "", *name ? name : api_str(m, "id"),
		    inactive && *reason ? ": " : "", inactive ? reason : "");
		shown++;
	}
	if (more)
		add(buf, size, " and %d more", more);
}

static void say_mailboxes(const struct preflight *pf)
{
	const struct pf_result *r = &pf->r[PF_MAILBOXES];
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(r->json, "email_accounts");
	char text[2000] = "", why[1200];
	int inactive, active;

	if (r->answer != PF_OPEN) {
		access_words(pf, PF_MAILBOXES, why, sizeof why);
		line("mailboxes", "not known: %s", why);
		return;
	}
	if (!cJSON_IsArray(list)) {
		line("mailboxes", "not known: Apollo's answer has no list of email_accounts");
		return;
	}
	active = count_active_mailboxes(pf, &inactive);
	if (!active && !inactive) {
		line("mailboxes", "none: connect a mailbox in Apollo before enrolling anyone");
		return;
	}
	add(text, sizeof text, "%d active", active);
	if (active) {
		add(text, sizeof text, " (");
		list_mailboxes(text, sizeof text, list, false);
		add(text, sizeof text, ")");
	}
	if (inactive) {
		add(text, sizeof text, ", %d not active (", inactive);
		list_mailboxes(text, sizeof text, list, true);
		add(text, sizeof text, ")");
	}
	line("mailboxes", "%s", text);
}

static void say_sequences(const struct preflight *pf)
{
	const struct pf_result *r = &pf->r[PF_SEQUENCES];
	char text[2000] = "", why[1200], name[300];
	struct tally t;
	const cJSON *s;
	int named = 0;

	if (r->answer != PF_OPEN) {
		access_words(pf, PF_SEQUENCES, why, sizeof why);
		line("sequences", "not known: %s", why);
		return;
	}
	count_sequences(pf, &t);
	if (!cJSON_IsArray(t.list)) {
		line("sequences", "not known: Apollo's answer has no list of emailer_campaigns");
		return;
	}
	if (!t.active && !t.inactive) {
		line("sequences", "none: make one in Apollo before enrolling anyone");
		return;
	}
	add(text, sizeof text, "%d active with steps", t.active - t.active_no_steps);
	cJSON_ArrayForEach(s, t.list) {
		if (flag(s, "active") != 1 || flag(s, "archived") == 1 ||
		    api_number(cJSON_GetObjectItemCaseSensitive(s, "num_steps"), -1) != 0)
			continue;
		if (named++ < 3)
			add(text, sizeof text, "; '%s' has no steps (it sends nothing)",
			    one_line(api_str(s, "name"), name, sizeof name));
	}
	if (named > 3)
		add(text, sizeof text, "; %d more without steps", named - 3);
	if (t.inactive)
		add(text, sizeof text, "; %d not active or archived", t.inactive);
	if (t.total > t.active + t.inactive)
		add(text, sizeof text, " (the first %d of %ld)", t.active + t.inactive, t.total);
	line("sequences", "%s", text);
}

/* "48 of 50 left this minute, 190 of 200 this hour, 590 of 600 today" */
static void describe_windows(char *buf, size_t size, const struct pf_window w[RW_COUNT])
{
	bool first = true;
	for (int k = 0; k < RW_COUNT; k++) {
		if (w[k].limit < 0 && w[k].left < 0)
			continue;   /* a window the plan does not limit */
		if (w[k].limit >= 0)
			add(buf, size, "%s%ld of %ld%s %s", first ? "" : ", ", w[k].left >= 0 ? w[k].left : 0,
			    w[k].limit, first ? " left" : "", window_now[k]);
		else
			add(buf, size, "%s%ld%s %s", first ? "" : ", ", w[k].left, first ? " left" : "", window_now[k]);
		first = false;
	}
	if (first)
		add(buf, size, "no limit");
}

/* the endpoints whose budget the named commands spend, each once */
static size_t spending_endpoints(const bool *named, enum preflight_probe *out)
{
	size_t n = 0;
	for (size_t c = 0; c < NCOMMANDS; c++) {
		bool seen = false;
		if (!named[c])
			continue;
		for (size_t i = 0; i < n; i++)
			seen = seen || out[i] == needs[c].probes[0];
		if (!seen)
			out[n++] = needs[c].probes[0];
	}
	return n;
}

/* what is left of an endpoint's windows, in words; "" when not known */
static void budget_words(const struct preflight *pf, enum preflight_probe p, char *text, size_t size)
{
	const struct pf_result *r = &pf->r[p];
	struct pf_window w[RW_COUNT];

	text[0] = '\0';
	if (preflight_budget(pf, p, w)) {
		describe_windows(text, size, w);
	} else if (r->left[RW_MINUTE] >= 0 || r->left[RW_HOUR] >= 0 || r->left[RW_DAY] >= 0) {
		/* the stats were not read, or Apollo counted no call to it when
		 * they were: the probe's own answer said */
		for (int k = 0; k < RW_COUNT; k++)
			w[k] = (struct pf_window){ -1, -1, r->left[k] };
		describe_windows(text, size, w);
		add(text, size, " (as its answer said)");
	} else if (pf->r[PF_USAGE].answer == PF_OPEN) {
		snprintf(text, size, "no calls counted yet (the usage stats list none)");
	}
}

/* One line for the endpoints whose budget reads the same: a master key's
 * look at eight endpoints is mostly "no calls counted yet". */
static void say_budget(const struct preflight *pf, const bool *named)
{
	enum preflight_probe eps[NCOMMANDS];
	size_t n = spending_endpoints(named, eps);
	char text[NCOMMANDS][400], names[800];
	const char *label = "rate budget";
	bool said[NCOMMANDS] = { false };

	for (size_t i = 0; i < n; i++)
		budget_words(pf, eps[i], text[i], sizeof text[i]);
	for (size_t i = 0; i < n; i++) {
		if (said[i] || !*text[i])
			continue;
		names[0] = '\0';
		for (size_t j = i; j < n; j++)
			if (!said[j] && strcmp(text[j], text[i]) == 0) {
				add(names, sizeof names, "%s%s", *names ? ", " : "", preflight_endpoint(eps[j]));
				said[j] = true;
			}
		line(label, "%s: %s", names, text[i]);
		label = "";
	}
	if (*label) {
		access_words(pf, PF_USAGE, text[0], sizeof text[0]);
		line(label, "not known: %s", *text[0] ? text[0] : "Apollo's answers did not say");
	}
}

/* ---- the command ---- */

/* which commands the command line names; all when none */
static void named_commands(const struct config *cfg, bool *named)
{
	for (size_t c = 0; c < NCOMMANDS; c++)
		named[c] = cfg->nfiles == 0;
	for (size_t i = 0; i < cfg->nfiles; i++)
		for (size_t c = 0; c < NCOMMANDS; c++)
			if (strcmp(cfg->files[i], needs[c].command) == 0)
				named[c] = true;
}

/* the probes of the commands named: each one's first, then the others */
static size_t wanted_probes(const bool *named, enum preflight_probe *want)
{
	size_t n = 0;
	for (size_t round = 0; round < MAX_PROBES; round++)
		for (size_t c = 0; c < NCOMMANDS; c++)
			if (named[c] && round < needs[c].nprobes)
				want[n++] = needs[c].probes[round];
	return n;
}

#define LIST 200           /* room for the names of every command */

/* Each command named that cannot run, and why, then the verdict; the
 * exit status. */
static int say_commands(const struct preflight *pf, const struct api_settings *settings, const bool *named,
                        bool all)
{
	char why[3000], can[LIST] = "", cannot[LIST] = "", unknown[LIST] = "", unchecked[LIST] = "", verdict[700] = "";
	int status = EXIT_OK;

	for (size_t c = 0; c < NCOMMANDS; c++) {
		struct problems pr = { .code = EXIT_OK };
		char *to;
		if (!named[c])
			continue;
		command_problems(pf, &needs[c], &pr);
		say_problems(&pr, why, sizeof why);
		status = exit_code_worst(status, pr.code);
		to = pr.code == EXIT_OK ? can : pr.code == EXIT_ATTENTION ? unknown : cannot;
		add(to, LIST, "%s%s", *to ? ", " : "", needs[c].command);
		if (*pr.unchecked)
			add(unchecked, sizeof unchecked, " %s", needs[c].command);
		if (pr.code != EXIT_OK && !pf->key_refused && !pf->unreachable)
			line(needs[c].command, "%s: %s", pr.code == EXIT_ATTENTION ? "not known" : "cannot run", why);
	}
	if (pf->key_refused) {
		line("verdict", "no command can run: Apollo refuses the key from %s; check it (it is never shown)",
		     settings->key_source);
		return status;
	}
	if (pf->unreachable) {
		line("verdict", "no command can run: Apollo does not answer at %s; is %s right?", settings->base_url,
		     strcmp(settings->url_source, "the default") == 0 ? "the network" : settings->url_source);
		return exit_code_worst(status, EXIT_API);
	}
	if (status == EXIT_OK) {
		line("verdict", "%s", all ? "every command can run" : "every command named can run");
		return status;
	}
	if (*can)
		add(verdict, sizeof verdict, "%s can run", can);
	if (*cannot)
		add(verdict, sizeof verdict, "%s%s cannot", *verdict ? "; " : "", cannot);
	if (*unknown)
		add(verdict, sizeof verdict, "%s%s: not known", *verdict ? "; " : "", unknown);
	line("verdict", "%s (see above)", verdict);
	if (*unchecked && pf->interrupted)
		line("", "stopped by %s before every endpoint was asked about", interrupt_name());
	else if (*unchecked)
		line("", "doctor sends at most %d requests: ask about fewer commands, e.g. apollo-csv doctor%s",
		     PREFLIGHT_MAX_CALLS, unchecked);
	return status;
}

int cmd_doctor(const struct config *cfg)
{
	struct api_settings settings;
	struct preflight pf;
	struct msg_pos none = { 0 };
	enum preflight_probe want[NCOMMANDS * MAX_PROBES];
	bool named[NCOMMANDS];
	char err[2048];
	int status;

	named_commands(cfg, named);
	if (api_settings_load(&settings, cfg->api_key_file, err, sizeof err) < 0) {
		msg_error(&none, "%s", err);
		api_settings_free(&settings);
		return EXIT_CONFIG;
	}
	preflight_init(&pf, &settings, cfg->timeout_ms, cfg->verbose);
	preflight_run(&pf, want, wanted_probes(named, want));

	say_key(&pf, &settings);
	if (pf.unreachable && pf.r[PF_USAGE].status)
		line("Apollo", "%s (from %s): not Apollo's API, it seems: HTTP %ld, %s", settings.base_url,
		     settings.url_source, pf.r[PF_USAGE].status, pf.r[PF_USAGE].message);
	else if (pf.unreachable)
		line("Apollo", "%s (from %s): %s", settings.base_url, settings.url_source, pf.r[PF_USAGE].message);
	else
		line("Apollo", "%s (from %s)", settings.base_url, settings.url_source);
	if (!pf.key_refused && !pf.unreachable) {
		say_mailboxes(&pf);
		say_sequences(&pf);
		say_budget(&pf, named);
	}
	line("requests", "%u sent to Apollo, none of which changes anything (at most %d)", pf.calls,
	     PREFLIGHT_MAX_CALLS);
	status = say_commands(&pf, &settings, named, cfg->nfiles == 0);
	preflight_free(&pf);
	api_settings_free(&settings);
	return status;
}

/* ---- the command line ---- */

static const char help[] =
"Usage: apollo-csv doctor [COMMAND...]\n"
"\n"
"Checks, before the first run against a real account, whether the commands\n"
"named (import enroll unenroll update tasks deals export prospect; all when\n"
"none is) would work with this key, and says why not. It sends Apollo at\n"
"most 10 requests, none of which changes anything, and never waits for a\n"
"rate limit. It prints, on standard output:\n"
"  key          where it came from (--api-key-file, APOLLO_API_KEY, the\n"
"               config file), whether Apollo takes it, and whether it is a\n"
"               master key (one that opens every endpoint)\n"
"  Apollo       the base URL and where it came from\n"
"  mailboxes    active and not (and why not)\n"
"  sequences    active ones with steps, those without steps, inactive ones\n"
"  rate budget  what is left this minute, hour and day of the endpoint each\n"
"               command spends its calls on\n"
"  requests     how many it sent\n"
"  COMMAND      for each command that cannot run: why, e.g. a scope the\n"
"               key lacks (and which to ask for), a rate limit used up (and\n"
"               when it ends), no active mailbox\n"
"  verdict      in one line\n"
"\n"
"A key that is not a master key is checked endpoint by endpoint with\n"
"requests Apollo refuses as incomplete (no contacts, no name): the refusal\n"
"says the key may call the endpoint, and nothing is made. What only some\n"
"options of a command call (import's accounts, enrichment, an owner by\n"
"name) is not checked.\n"
"\n"
"Options:\n"
"      --api-key-file FILE the API key, from a file only you can read\n"
"                          (default: APOLLO_API_KEY, or api_key in\n"
"                          ~/.config/apollo-csv/config)\n"
"      --timeout DURATION  longest wait for one answer (default 60s)\n"
"  -v, --verbose           each request and answer on stderr (never the key)\n"
"  -h, --help              show this help\n"
"\n"
"Exit status: 0 every command named can run; 1 doctor could not ask about\n"
"every command within its 10 requests (name fewer); 2 bad command line; 4 no key,\n"
"a key Apollo refuses, a scope missing, no active mailbox or no sequence;\n"
"5 Apollo did not answer, or a rate limit is used up.\n";

static const struct cli_option *const options[] = {
	&opt_api_key_file, &opt_timeout, &opt_verbose, NULL
};

static int check(struct config *cfg)
{
	for (size_t i = 0; i < cfg->nfiles; i++) {
		bool known = false;
		for (size_t c = 0; c < NCOMMANDS; c++)
			known = known || strcmp(cfg->files[i], needs[c].command) == 0;
		if (!known)
			return cli_usage_error(cli_command_find(cfg->files[i])
			                       ? "doctor: %s sends nothing to Apollo; name import, enroll, unenroll, "
			                         "update, tasks, deals, export or prospect"
			                       : "doctor: %s is not a command doctor knows: name import, enroll, "
			                         "unenroll, update, tasks, deals, export or prospect", cfg->files[i]);
	}
	return EXIT_OK;
}

const struct command doctor_command = {
	.name = "doctor", .id = CMD_DOCTOR, .help = help, .options = options, .check = check, .run = cmd_doctor,
	.words = "import enroll unenroll update tasks deals export prospect", .words_repeat = true,
	.overview = "  doctor [COMMAND...]  run it first with a real account: checks the key,\n"
	            "                  its scopes, mailboxes, sequences and rate budget, and\n"
	            "                  says whether each command would work; changes nothing\n"
};
