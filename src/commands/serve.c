/* commands/serve.c - `apollo-csv serve`: the same commands behind a page in
 * the browser, for the people who would rather click.
 *
 * A local server (web/http_server.h, on 127.0.0.1 only unless --listen)
 * answers the page (web/page/, built into the program) and its JSON
 * requests. Every run the page starts is this program again, as a child
 * with the command line the page shows (web/run.h): the same results
 * file, the same journal, the same API calls as the command line, and
 * --resume works from either side. The page chooses the command and its
 * options; the server alone chooses every path: the uploaded file is kept
 * under a name of the server's in a private folder, and options that name
 * a file or change where output goes are refused.
 *
 * The state the page comes back to (the file, its check, the run) is kept
 * here, one of each: one run at a time.
 *
 * What the page asks (JSON; an error is {"error": "..."} with a 4xx/5xx;
 * every POST carries X-Apollo-CSV: 1, see web/gate.h):
 *   GET  /api/state          version, Apollo's URL, DIR, where the key comes
 *                            from, the file, its CHECK, the RUN
 *   POST /api/key            {"key"}: stored in the config file (0600)
 *   POST /api/upload         the file's bytes, X-File-Name: its name
 *                            (encoded); answers the file and its CHECK
 *   POST /api/check          {"format", "map": {FIELD: HEADER}}: CHECK, the
 *                            mapping, counts, the first rows, messages
 *   GET  /api/team           sequences, mailboxes, lists (kept 10 minutes)
 *   POST /api/run            {"command", "options": [["--name", value]]}
 *   GET  /api/run            RUN: state, progress, messages, exit status,
 *                            summary, skip reasons in words, downloads
 *   POST /api/stop, /api/resume
 *   GET  /api/rows?name=N&offset=O&limit=L   a page of a CSV download
 *   GET  /api/download/NAME  results, errors, report, export; NAME_xlsx the
 *                            same as a workbook; report_html the sequence's
 *                            report as a page (one call, when asked)
 * tests/e2e/serve-security.sh and tests/web/ hold it to that. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <glob.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "apollo/settings.h"
#include "apollo/skip_reasons.h"
#include "cli/command.h"
#include "commands/serve.h"
#include "common/exit_codes.h"
#include "common/folders.h"
#include "common/interrupt.h"
#include "common/msg.h"
#include "files/whole_file.h"
#include "files/xlsx_writer.h"
#include "values/fields.h"
#include "web/http_server.h"
#include "web/page_assets.h"
#include "web/run.h"
#include "web/table.h"
#include "web/team.h"

#define DEFAULT_MAX_UPLOAD (100ULL * 1024 * 1024)
#define PREVIEW_ROWS 20
#define PATH_LEN 4096

/* a file a run wrote, offered for download */
struct download {
	const char *name;              /* "results", "errors", "report", "export" */
	char path[PATH_LEN];
	char file[300];                /* the name the browser saves it as */
};

struct serve {
	pthread_mutex_t mu;
	const struct config *cfg;
	char exe[PATH_LEN];
	char dir[PATH_LEN];            /* --dir */
	char work[PATH_LEN];           /* the current file's folder: dir/work/ID; "" none */
	char input[PATH_LEN];          /* the file, as stored; "" none */
	char input_name[256];          /* its name in the browser, for what is shown */
	char stem[256];                /* that name without its extension, for results' names */
	unsigned long long input_bytes;
	cJSON *check;                  /* the latest CHECK (see the contract in web/page/app.js) */
	char *format;                  /* the mapping chosen: --format, NULL to choose */
	cJSON *map;                    /* field -> header */
	struct web_run run;
	bool run_started;
	char run_id[64];
	char run_command[32];
	char run_dir[PATH_LEN];
	char **run_argv;               /* as started, for --resume */
	char *command_line;            /* the same, to paste in a terminal */
	struct download downloads[6];
	int ndownloads;
	int runs;                      /* runs started since serve began */
	pthread_mutex_t team_mu;       /* one look-up of the team at a time */
	char key_file[PATH_LEN];       /* serve's --api-key-file, absolute; "" none */
	char fields_path[PATH_LEN + 32]; /* the team's custom fields (fields -o), "" none */
	bool fields_tried;             /* and found */
	bool check_due;                /* the restored file's check, made when the page asks */
};

/* ---- small helpers ---- */

static bool ends_with(const char *s, const char *tail)
{
	size_t a = strlen(s), b = strlen(tail);
	return a >= b && strcasecmp(s + a - b, tail) == 0;
}

/* the extensions taken, longest first */
static const char *const extensions[] = { ".csv.gz", ".csv", ".tsv", ".txt", ".xlsx", NULL };

static const char *extension_of(const char *name)
{
	for (int i = 0; extensions[i]; i++)
		if (ends_with(name, extensions[i]) && strlen(name) > strlen(extensions[i]))
			return extensions[i];
	return NULL;
}

/* %XX decoded (the page sends encodeURIComponent(name)) */
static void url_decode(const char *in, char *out, size_t size)
{
	size_t o = 0;
	for (; *in && o + 1 < size; in++) {
		unsigned v;
		if (*in == '%' && in[1] && in[2] && sscanf(in + 1, "%2x", &v) == 1) {
			out[o++] = (char)v;
			in += 2;
		} else {
			out[o++] = *in;
		}
	}
	out[o] = '\0';
}

/* a name the browser gave, as shown and as a download's name: its last
 * part, letters, digits and . _ - and space only; never a path */
static void safe_name(const char *name, char *out, size_t size)
{
	const char *base = strrchr(name, '/');
	size_t o = 0;
	base = base ? base + 1 : name;
	if (strrchr(base, '\\'))
		base = strrchr(base, '\\') + 1;
	for (; *base && o + 1 < size; base++) {
		unsigned char c = (unsigned char)*base;
		out[o++] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
		           c == '_' || c == '-' || c == ' ' ? (char)c : '_';
	}
	out[o] = '\0';
	while (out[0] == '.')
		out[0] = '_';
}

static char *print_free(cJSON *o)
{
	char *t = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return t;
}

/* 'it' as a shell word, for the command line the page shows */
static void shell_word(const char *w, char *out, size_t size)
{
	bool plain = *w != '\0';
	size_t o = 0;
	for (const char *c = w; *c; c++)
		plain = plain && (strchr("-_./=:@,+%", *c) || (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		                  (*c >= '0' && *c <= '9'));
	if (plain) {
		snprintf(out, size, "%s", w);
		return;
	}
	if (o + 1 < size)
		out[o++] = '\'';
	for (; *w && o + 5 < size; w++) {
		if (*w == '\'') {
			memcpy(out + o, "'\\''", 4);
			o += 4;
		} else {
			out[o++] = *w;
		}
	}
	out[o++] = '\'';
	out[o] = '\0';
}

static char *join_command_line(char *const argv[])
{
	size_t cap = 256, len = 0;
	char *s = malloc(cap), word[8192];
	if (!s)
		return NULL;
	s[0] = '\0';
	for (size_t i = 0; argv[i]; i++) {
		shell_word(argv[i], word, sizeof word);
		if (len + strlen(word) + 2 > cap) {
			char *t;
			cap = 2 * (len + strlen(word) + 2);
			if (!(t = realloc(s, cap))) {
				free(s);
				return NULL;
			}
			s = t;
		}
		len += (size_t)sprintf(s + len, "%s%s", i ? " " : "", word);
	}
	return s;
}

/* the run's command line, taken (NULL: none), and the same as the page
 * shows it */
static void set_run_argv(struct serve *s, char **argv)
{
	for (size_t i = 0; s->run_argv && s->run_argv[i]; i++)
		free(s->run_argv[i]);
	free(s->run_argv);
	free(s->command_line);
	s->run_argv = argv;
	s->command_line = argv ? join_command_line(argv) : NULL;
}

/* a growing argv */
struct args {
	char **v;
	size_t n, cap;
};

static void args_add(struct args *a, const char *s)
{
	if (a->n + 2 > a->cap) {
		size_t cap = a->cap ? 2 * a->cap : 32;
		char **v = realloc(a->v, cap * sizeof *v);
		if (!v)
			return;
		a->v = v;
		a->cap = cap;
	}
	a->v[a->n++] = strdup(s);
	a->v[a->n] = NULL;
}

/* an option and its value, as two words (as a person types them) */
static void args_opt(struct args *a, const char *option, const char *value)
{
	args_add(a, option);
	args_add(a, value);
}

static void args_free(struct args *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->v[i]);
	free(a->v);
	memset(a, 0, sizeof *a);
}

/* ---- check: the mapping and the first rows, as the page shows them ---- */

/* runs the program with argv in dir and waits; its exit status */
static int run_and_wait(const char *exe, char *const argv[], const char *dir, const char *log)
{
	pid_t pid = fork();
	int status = 0;
	if (pid < 0)
		return EXIT_INTERNAL;
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR), out = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (chdir(dir) != 0)
			_exit(EXIT_INTERNAL);
		if (null >= 0) {
			dup2(null, STDIN_FILENO);
			dup2(null, STDOUT_FILENO);
		}
		if (out >= 0)
			dup2(out, STDERR_FILENO);
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		setpgid(0, 0);
		execv(exe, argv);
		_exit(EXIT_INTERNAL);
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(status) ? WEXITSTATUS(status) : EXIT_INTERNAL;
}

static void add_mapping_options(struct serve *s, struct args *a)
{
	const cJSON *m;
	if (s->format && *s->format)
		args_opt(a, "--format", s->format);
	cJSON_ArrayForEach(m, s->map) {
		char buf[1200];
		if (!cJSON_IsString(m))
			continue;
		snprintf(buf, sizeof buf, "%s=%s", m->string, m->valuestring);
		args_opt(a, "--map", buf);
	}
}

static cJSON *field_names(void)
{
	cJSON *a = cJSON_CreateArray();
	for (int f = 0; f < F_COUNT; f++)
		cJSON_AddItemToArray(a, cJSON_CreateString(field_name((enum field)f)));
	return a;
}

/* The team's custom fields, asked once a serve (apollo-csv fields: one
 * call; import asks the same when a column is left), so that the mapping
 * offers them and check checks their values. Without a key, or when
 * Apollo does not answer, the mapping offers the standard fields only. */
static void ensure_fields(struct serve *s)
{
	char log[PATH_LEN + 32];
	struct args a = { 0 };

	if (s->fields_tried)
		return;
	snprintf(s->fields_path, sizeof s->fields_path, "%.2000s/custom-fields.json", s->dir);
	snprintf(log, sizeof log, "%.2000s/custom-fields.log", s->dir);
	args_add(&a, "apollo-csv");
	args_add(&a, "fields");
	args_opt(&a, "--output", s->fields_path);
	args_add(&a, "--force");
	if (*s->key_file)
		args_opt(&a, "--api-key-file", s->key_file);
	/* asked again at the next check when it failed (a key given since) */
	if (run_and_wait(s->exe, a.v, s->dir, log) != EXIT_OK)
		*s->fields_path = '\0';
	else
		s->fields_tried = true;
	args_free(&a);
}

/* the labels of the team's contact fields, for the mapping's selects */
static cJSON *custom_field_labels(const struct serve *s)
{
	cJSON *out = cJSON_CreateArray(), *f = NULL;
	const cJSON *it;
	char *text = *s->fields_path ? whole_file(s->fields_path, 4 << 20) : NULL;
	if (text)
		f = cJSON_Parse(text);
	free(text);
	cJSON_ArrayForEach(it, cJSON_GetObjectItem(f, "fields")) {
		const char *label = cJSON_GetStringValue(cJSON_GetObjectItem(it, "label"));
		const char *modality = cJSON_GetStringValue(cJSON_GetObjectItem(it, "modality"));
		if (label && modality && strcmp(modality, "contact") == 0)
			cJSON_AddItemToArray(out, cJSON_CreateString(label));
	}
	cJSON_Delete(f);
	return out;
}

/* CHECK for the current file with the current mapping (s->mu held) */
static cJSON *check_file(struct serve *s)
{
	char out[PATH_LEN + 32], summary_path[PATH_LEN + 32], log[PATH_LEN + 32], err[600] = "";
	struct args a = { 0 };
	cJSON *o = cJSON_CreateObject(), *summary = NULL, *counts, *messages, *preview;
	char *text;
	int status;

	snprintf(out, sizeof out, "%s/check.results.csv", s->work);
	snprintf(summary_path, sizeof summary_path, "%s/check.json", s->work);
	snprintf(log, sizeof log, "%s/check.log", s->work);
	args_add(&a, "apollo-csv");
	args_add(&a, "check");
	args_add(&a, s->input);
	args_opt(&a, "--output", out);
	args_opt(&a, "--summary", summary_path);
	args_add(&a, "--force");
	args_add(&a, "--no-progress");
	ensure_fields(s);
	if (*s->fields_path)
		args_opt(&a, "--fields", s->fields_path);
	add_mapping_options(s, &a);
	unlink(summary_path);
	status = run_and_wait(s->exe, a.v, s->work, log);
	args_free(&a);

	if ((text = whole_file(summary_path, 16 << 20)))
		summary = cJSON_Parse(text);
	free(text);
	cJSON_AddNumberToObject(o, "exit_status", status);
	cJSON_AddStringToObject(o, "exit_meaning", exit_code_meaning(status));
	{
		cJSON *maps = cJSON_GetObjectItem(summary, "mappings");
		cJSON *first = cJSON_GetArrayItem(maps, 0);
		if (first) {
			cJSON *m = cJSON_Duplicate(first, true);
			cJSON_ReplaceItemInObject(m, "file", cJSON_CreateString(s->input_name));
			cJSON_AddItemToObject(o, "mapping", m);
		}
		else
			cJSON_AddNullToObject(o, "mapping");
	}
	cJSON_AddItemToObject(o, "fields", field_names());
	cJSON_AddItemToObject(o, "custom_fields", custom_field_labels(s));
	{
		cJSON *profiles = cJSON_CreateArray();
		const char *names[] = { "apollo", "hubspot", "salesforce", "linkedin", "generic" };
		for (size_t i = 0; i < sizeof names / sizeof *names; i++)
			cJSON_AddItemToArray(profiles, cJSON_CreateString(names[i]));
		cJSON_AddItemToObject(o, "profiles", profiles);
	}
	counts = cJSON_GetObjectItem(summary, "status");
	cJSON_AddItemToObject(o, "counts", counts ? cJSON_Duplicate(counts, true) : cJSON_CreateObject());
	messages = cJSON_AddArrayToObject(o, "messages");
	{
		const cJSON *m;
		cJSON_ArrayForEach(m, cJSON_GetObjectItem(summary, "messages")) {
			const cJSON *t = cJSON_GetObjectItem(m, "text");
			char *shown = cJSON_IsString(t) ? run_rename(t->valuestring, s->input, s->input_name) : NULL;
			if (shown)
				cJSON_AddItemToArray(messages, cJSON_CreateString(shown));
			free(shown);
		}
	}
	/* a check that did not get to the rows (a --map naming no column)
	 * said why on stderr only */
	if (!summary || cJSON_GetArraySize(messages) == 0) {
		char *lines = whole_file(log, 64 * 1024);
		for (char *l = lines ? strtok(lines, "\n") : NULL; l; l = strtok(NULL, "\n"))
			if (status > 1 && strncmp(l, "apollo-csv: ", 12) == 0) {
				char *shown = run_rename(l + 12, s->input, s->input_name);
				if (shown)
					cJSON_AddItemToArray(messages, cJSON_CreateString(shown));
				free(shown);
			}
		free(lines);
	}
	preview = status <= 1 ? table_page(out, 0, PREVIEW_ROWS, err, sizeof err) : NULL;
	if (preview)
		cJSON_AddItemToObject(o, "preview", preview);
	else
		cJSON_AddNullToObject(o, "preview");
	cJSON_AddStringToObject(o, "format", s->format ? s->format : "");
	cJSON_AddItemToObject(o, "map", cJSON_Duplicate(s->map, true));
	cJSON_Delete(summary);
	return o;
}

/* ---- the run ---- */

/* options the page may not give: they name files, or change where output
 * goes or how the server reads it (the server gives its own) */
static const char *const refused_options[] = {
	"output", "errors", "summary", "json", "report", "fields", "api-key-file", "force", "resume",
	"progress", "no-progress", "quiet", "format", "map", NULL
};

struct page_command {
	const char *name;              /* as the page names it */
	const char *command;           /* the registry's */
	const char *word;              /* export's first argument */
	bool file;                     /* reads the current file */
	bool mapping;                  /* takes its mapping */
	const char *output;            /* results' name after the stem; NULL: the default */
};

static const struct page_command page_commands[] = {
	{ "import", "import", NULL, true, true, ".results.csv" },
	{ "enroll", "enroll", NULL, true, false, ".results.csv" },
	{ "unenroll", "unenroll", NULL, true, false, ".results.csv" },
	{ "tasks", "tasks", NULL, true, false, ".results.csv" },
	{ "deals", "deals", NULL, true, false, ".results.csv" },
	{ "update", "update", NULL, true, false, ".results.csv" },
	{ "export contacts", "export", "contacts", false, false, "contacts.csv" },
	{ "export sequences", "export", "sequences", false, false, "sequences.csv" },
	{ NULL, NULL, NULL, false, false, NULL }
};

static const struct page_command *page_command_find(const char *name)
{
	for (const struct page_command *c = page_commands; name && c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

static const struct cli_option *command_option(const struct command *cmd, const char *name)
{
	for (size_t i = 0; cmd->options[i]; i++)
		if (strcmp(cmd->options[i]->name, name) == 0)
			return cmd->options[i];
	return NULL;
}

static bool refused_option(const char *name)
{
	for (size_t i = 0; refused_options[i]; i++)
		if (strcmp(refused_options[i], name) == 0)
			return true;
	return false;
}

/* the page's options into argv; false with err set for one it may not give */
static bool add_page_options(const struct command *cmd, const cJSON *options, struct args *a, bool *has_label,
                             bool *has_sequence, const char **format, char *err, size_t errlen)
{
	const cJSON *pair;
	cJSON_ArrayForEach(pair, options) {
		const cJSON *n = cJSON_GetArrayItem(pair, 0), *v = cJSON_GetArrayItem(pair, 1);
		const char *name;
		const struct cli_option *o;
		char buf[8192];

		if (!cJSON_IsString(n)) {
			snprintf(err, errlen, "options: each is [\"--name\", value]");
			return false;
		}
		name = n->valuestring;
		while (*name == '-')
			name++;
		if (!(o = command_option(cmd, name))) {
			snprintf(err, errlen, "%s does not take --%.100s (apollo-csv %s --help lists its options)",
			         cmd->name, name, cmd->name);
			return false;
		}
		/* export's --format (csv, json, html) says what its file is; the
		 * server names the file after it */
		if (strcmp(name, "format") == 0 && strcmp(cmd->name, "export") == 0 && cJSON_IsString(v)) {
			if (strcmp(v->valuestring, "csv") && strcmp(v->valuestring, "json") &&
			    strcmp(v->valuestring, "html")) {
				snprintf(err, errlen, "--format %.40s: csv, json or html", v->valuestring);
				return false;
			}
			*format = v->valuestring;
		} else if (refused_option(name)) {
			snprintf(err, errlen, "--%s cannot be given from the page: the server chooses where files go",
			         name);
			return false;
		}
		if (o->takes_value && !cJSON_IsString(v)) {
			snprintf(err, errlen, "--%s needs a value", name);
			return false;
		}
		snprintf(buf, sizeof buf, "--%s", name);
		args_add(a, buf);
		if (o->takes_value)
			args_add(a, v->valuestring);
		*has_label = *has_label || strcmp(name, "label") == 0;
		*has_sequence = *has_sequence || strcmp(name, "sequence") == 0 || strcmp(name, "sequence-id") == 0;
	}
	return true;
}

static void add_download(struct serve *s, const char *name, const char *path, const char *file)
{
	struct download *d;
	if (s->ndownloads >= (int)(sizeof s->downloads / sizeof *s->downloads))
		return;
	d = &s->downloads[s->ndownloads++];
	d->name = name;
	snprintf(d->path, sizeof d->path, "%.4000s", path);
	snprintf(d->file, sizeof d->file, "%s", file);
}

/* a new folder for the run (or for a file): dir/work/YYYYMMDD-HHMMSS-N */
static bool new_folder(struct serve *s, const char *kind, char *out, size_t size)
{
	time_t now = time(NULL);
	struct tm tm;
	char stamp[32];
	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	snprintf(out, size, "%.2000s/%s", s->dir, kind);
	if (!folders_make(out))
		return false;
	for (int n = 1; n < 1000; n++) {
		snprintf(out, size, "%.2000s/%s/%s-%d", s->dir, kind, stamp, n);
		/* taken only by the one whose mkdir made it */
		if (mkdir(out, 0700) == 0)
			return true;
		if (errno != EEXIST)
			return false;
	}
	return false;
}

/* ---- a run written down, for a serve started again ---- */

/* RUN_DIR/run.json: what a new serve needs to show the run and resume it
 * (the command line, the file, the mapping, the downloads) */
static void save_run(struct serve *s)
{
	cJSON *o = cJSON_CreateObject(), *argv = cJSON_AddArrayToObject(o, "argv"), *dl;
	char path[PATH_LEN + 32], tmp[PATH_LEN + 48];
	char *text;
	FILE *f;

	for (size_t i = 0; s->run_argv && s->run_argv[i]; i++)
		cJSON_AddItemToArray(argv, cJSON_CreateString(s->run_argv[i]));
	cJSON_AddStringToObject(o, "command", s->run_command);
	cJSON_AddStringToObject(o, "input", s->input);
	cJSON_AddStringToObject(o, "input_name", s->input_name);
	cJSON_AddStringToObject(o, "stem", s->stem);
	cJSON_AddStringToObject(o, "work", s->work);
	cJSON_AddNumberToObject(o, "input_bytes", (double)s->input_bytes);
	cJSON_AddStringToObject(o, "format", s->format ? s->format : "");
	cJSON_AddItemToObject(o, "map", cJSON_Duplicate(s->map, true));
	dl = cJSON_AddArrayToObject(o, "downloads");
	for (int i = 0; i < s->ndownloads; i++) {
		cJSON *d = cJSON_CreateObject();
		cJSON_AddStringToObject(d, "name", s->downloads[i].name);
		cJSON_AddStringToObject(d, "path", s->downloads[i].path);
		cJSON_AddStringToObject(d, "file", s->downloads[i].file);
		cJSON_AddItemToArray(dl, d);
	}
	text = print_free(o);
	snprintf(path, sizeof path, "%.4000s/run.json", s->run_dir);
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	if (text && (f = fopen(tmp, "w"))) {
		bool ok = fputs(text, f) >= 0;
		ok = fclose(f) == 0 && ok;
		if (!ok || rename(tmp, path) != 0)
			unlink(tmp);
	}
	free(text);
}

/* the download names the page knows, as static strings */
static const char *download_name(const char *name)
{
	static const char *const names[] = { "results", "errors", "report", "export", NULL };
	for (size_t i = 0; name && names[i]; i++)
		if (strcmp(names[i], name) == 0)
			return names[i];
	return NULL;
}

/* the latest run.json under dir/work/ and dir/exports/, or "" */
static void latest_run(const char *dir, char *out, size_t size)
{
	char pattern[PATH_LEN + 64];
	time_t best = 0;
	*out = '\0';
	for (int k = 0; k < 2; k++) {
		glob_t g;
		snprintf(pattern, sizeof pattern, k ? "%.2000s/exports/*/run.json" : "%.2000s/work/*/run-*/run.json",
		         dir);
		if (glob(pattern, 0, NULL, &g) != 0)
			continue;
		for (size_t i = 0; i < g.gl_pathc; i++) {
			struct stat st;
			if (stat(g.gl_pathv[i], &st) == 0 && st.st_mtime >= best) {
				best = st.st_mtime;
				snprintf(out, size, "%s", g.gl_pathv[i]);
			}
		}
		globfree(&g);
	}
}

static void set_string(char *dst, size_t size, const cJSON *o, const char *key)
{
	const char *v = cJSON_GetStringValue(cJSON_GetObjectItem(o, key));
	snprintf(dst, size, "%s", v ? v : "");
}

/* The latest run of an earlier serve, as the page left it: its file,
 * mapping and run, stopped (resumable) when it ended without its summary
 * (serve or the machine was killed) or with a status that says so. */
static void restore_latest(struct serve *s)
{
	char path[PATH_LEN], summary[PATH_LEN + 32], *text, **words;
	cJSON *o, *argv, *it;
	size_t n = 0;
	int status = -1;

	latest_run(s->dir, path, sizeof path);
	if (!*path || !(text = whole_file(path, 4 << 20)))
		return;
	o = cJSON_Parse(text);
	free(text);
	argv = cJSON_GetObjectItem(o, "argv");
	/* a run.json that is not ours, or cut short: nothing to show */
	cJSON_ArrayForEach(it, argv)
		if (!cJSON_IsString(it))
			argv = NULL;
	if (!cJSON_IsArray(argv) || cJSON_GetArraySize(argv) < 2 ||
	    !(words = calloc((size_t)cJSON_GetArraySize(argv) + 1, sizeof *words))) {
		msg_warn(NULL, "serve: %s cannot be read back; the run there is not shown", path);
		cJSON_Delete(o);
		return;
	}
	cJSON_ArrayForEach(it, argv)
		words[n++] = strdup(it->valuestring);
	set_run_argv(s, words);
	set_string(s->run_command, sizeof s->run_command, o, "command");
	set_string(s->input, sizeof s->input, o, "input");
	set_string(s->input_name, sizeof s->input_name, o, "input_name");
	set_string(s->stem, sizeof s->stem, o, "stem");
	set_string(s->work, sizeof s->work, o, "work");
	s->input_bytes = (unsigned long long)cJSON_GetNumberValue(cJSON_GetObjectItem(o, "input_bytes"));
	if (*s->input && access(s->input, R_OK) != 0)
		*s->input = *s->work = '\0';
	{
		const char *f = cJSON_GetStringValue(cJSON_GetObjectItem(o, "format"));
		if (f && *f)
			s->format = strdup(f);
	}
	if (cJSON_IsObject(cJSON_GetObjectItem(o, "map"))) {
		cJSON_Delete(s->map);
		s->map = cJSON_Duplicate(cJSON_GetObjectItem(o, "map"), true);
	}
	cJSON_ArrayForEach(it, cJSON_GetObjectItem(o, "downloads")) {
		const char *name = download_name(cJSON_GetStringValue(cJSON_GetObjectItem(it, "name")));
		const char *p = cJSON_GetStringValue(cJSON_GetObjectItem(it, "path"));
		const char *f = cJSON_GetStringValue(cJSON_GetObjectItem(it, "file"));
		if (name && p && f)
			add_download(s, name, p, f);
	}
	cJSON_Delete(o);
	snprintf(s->run_dir, sizeof s->run_dir, "%.4000s", path);
	*strrchr(s->run_dir, '/') = '\0';
	snprintf(s->run_id, sizeof s->run_id, "%s", strrchr(s->run_dir, '/') + 1);
	/* run-N: the next run of this file takes the next number */
	if (strncmp(s->run_id, "run-", 4) == 0)
		s->runs = atoi(s->run_id + 4);
	snprintf(summary, sizeof summary, "%.4000s/summary.json", s->run_dir);
	if ((text = whole_file(summary, 16 << 20))) {
		cJSON *sum = cJSON_Parse(text);
		const cJSON *st = cJSON_GetObjectItem(sum, "exit_status");
		status = cJSON_IsNumber(st) ? st->valueint : -1;
		cJSON_Delete(sum);
		free(text);
	}
	/* no summary: the run was killed before it could write one */
	run_restore(&s->run, status < 0 ? 137 : status, summary);
	s->run_started = true;
	/* its check when the page asks: serve's start costs no call */
	s->check_due = *s->input != '\0';
	msg_info("serve: the latest run is back in the page: %s", s->command_line ? s->command_line : "");
}

/* starts the run the page asked for (s->mu held); a status and, on
 * failure, err */
static int start_run(struct serve *s, const cJSON *ask, char *err, size_t errlen)
{
	const cJSON *jc = cJSON_GetObjectItem(ask, "command"), *options = cJSON_GetObjectItem(ask, "options");
	const struct page_command *pc = page_command_find(cJSON_IsString(jc) ? jc->valuestring : NULL);
	const struct command *cmd;
	struct args a = { 0 };
	char path[PATH_LEN + 300], summary[PATH_LEN + 32], stem[300];
	bool has_label = false, has_sequence = false, use_file;
	const char *format = "csv";         /* export's --format */

	if (!pc) {
		snprintf(err, errlen, "command: one of import, enroll, unenroll, tasks, deals, update, "
		         "export contacts, export sequences");
		return 400;
	}
	if (run_going(&s->run)) {
		snprintf(err, errlen, "a run is going: one at a time (stop it first)");
		return 409;
	}
	cmd = cli_command_find(pc->command);
	args_add(&a, "apollo-csv");
	args_add(&a, pc->command);
	if (pc->word)
		args_add(&a, pc->word);
	if (options && !cJSON_IsArray(options)) {
		snprintf(err, errlen, "options: a list of [\"--name\", value]");
		args_free(&a);
		return 400;
	}
	/* enroll reads the file only when no list is named */
	{
		const cJSON *pair;
		bool label = false;
		cJSON_ArrayForEach(pair, options) {
			const char *n = cJSON_GetStringValue(cJSON_GetArrayItem(pair, 0));
			while (n && *n == '-')
				n++;
			label = label || (n && strcmp(n, "label") == 0);
		}
		use_file = pc->file && !(strcmp(pc->name, "enroll") == 0 && label);
	}
	if (use_file && !*s->input) {
		snprintf(err, errlen, "%s reads a file: choose one first", pc->name);
		args_free(&a);
		return 400;
	}
	if (use_file)
		args_add(&a, s->input);
	if (!add_page_options(cmd, options, &a, &has_label, &has_sequence, &format, err, errlen)) {
		args_free(&a);
		return 400;
	}
	if (pc->mapping)
		add_mapping_options(s, &a);

	/* what the run shown now is, kept for a start that fails: that run
	 * stays as it was (its folder and downloads, for Resume) */
	struct {
		char run_dir[PATH_LEN];
		struct download downloads[6];
		int ndownloads, runs;
	} *was = malloc(sizeof *was);
	if (!was) {
		args_free(&a);
		snprintf(err, errlen, "out of memory");
		return 500;
	}
	memcpy(was->run_dir, s->run_dir, sizeof was->run_dir);
	memcpy(was->downloads, s->downloads, sizeof was->downloads);
	was->ndownloads = s->ndownloads;
	was->runs = s->runs;

	/* the folder: beside the file, or one of its own for an export */
	s->runs++;
	if (use_file || *s->work) {
		snprintf(s->run_dir, sizeof s->run_dir, "%.3000s/run-%d", s->work, s->runs);
		if (!folders_make(s->run_dir)) {
			snprintf(err, errlen, "cannot make %.1000s: %s", s->run_dir, strerror(errno));
			goto failed;
		}
	} else if (!new_folder(s, "exports", s->run_dir, sizeof s->run_dir)) {
		snprintf(err, errlen, "cannot make a folder under %.1000s: %s", s->dir, strerror(errno));
		goto failed;
	}
	snprintf(stem, sizeof stem, "%s", use_file ? s->stem : "");
	s->ndownloads = 0;
	/* enroll --label writes no results file: there are no rows */
	bool rows = use_file || !pc->file;
	if (rows && command_option(cmd, "output")) {
		snprintf(path, sizeof path, "%.3200s/%.200s%s", s->run_dir, stem, pc->output);
		if (pc->word && strcmp(format, "csv") != 0)
			snprintf(strrchr(path, '.'), 8, ".%s", format);
		args_opt(&a, "--output", path);
		add_download(s, pc->word ? "export" : "results", path, strrchr(path, '/') + 1);
	}
	if (use_file && command_option(cmd, "errors")) {
		snprintf(path, sizeof path, "%.3200s/%.200s.needs-attention.csv", s->run_dir, stem);
		args_opt(&a, "--errors", path);
		add_download(s, "errors", path, strrchr(path, '/') + 1);
	}
	if (command_option(cmd, "report") && has_sequence) {
		snprintf(path, sizeof path, "%.3200s/sequence-report.csv", s->run_dir);
		args_opt(&a, "--report", path);
		add_download(s, "report", path, "sequence-report.csv");
	}
	if (!command_option(cmd, "output") && use_file) {
		/* enroll FILE writes FILE.results.csv beside it */
		snprintf(path, sizeof path, "%s", s->input);
		char *dot = strstr(path + strlen(s->work), ".");
		if (dot) {
			snprintf(dot, sizeof path - (size_t)(dot - path), ".results.csv");
			add_download(s, "results", path, "results.csv");
		}
	}
	snprintf(summary, sizeof summary, "%.3200s/summary.json", s->run_dir);
	args_opt(&a, "--summary", summary);

	if (*s->key_file)
		args_opt(&a, "--api-key-file", s->key_file);
	if (run_start(&s->run, s->exe, a.v, s->run_dir, summary, err, errlen) < 0)
		goto failed;
	free(was);
	set_run_argv(s, a.v);          /* kept for --resume */
	snprintf(s->run_command, sizeof s->run_command, "%s", pc->name);
	snprintf(s->run_id, sizeof s->run_id, "%s", strrchr(s->run_dir, '/') + 1);
	s->run_started = true;
	save_run(s);
	return 202;

failed:
	memcpy(s->run_dir, was->run_dir, sizeof was->run_dir);
	memcpy(s->downloads, was->downloads, sizeof was->downloads);
	s->ndownloads = was->ndownloads;
	s->runs = was->runs;
	free(was);
	args_free(&a);
	return 500;
}

static int resume_run(struct serve *s, char *err, size_t errlen)
{
	struct args a = { 0 };
	const char *summary = NULL;
	int rc;

	if (!s->run_started || !s->run_argv) {
		snprintf(err, errlen, "there is no run to resume");
		return 400;
	}
	if (run_going(&s->run)) {
		snprintf(err, errlen, "the run is still going");
		return 409;
	}
	if (!run_stopped(&s->run)) {
		snprintf(err, errlen, "the run is not stopped: there is nothing to resume");
		return 409;
	}
	for (size_t i = 0; s->run_argv[i]; i++) {
		if (strcmp(s->run_argv[i], "--resume") != 0)
			args_add(&a, s->run_argv[i]);
		if (strcmp(s->run_argv[i], "--summary") == 0 && s->run_argv[i + 1])
			summary = s->run_argv[i + 1];
	}
	args_add(&a, "--resume");
	rc = run_start(&s->run, s->exe, a.v, s->run_dir, summary ? summary : "", err, errlen);
	if (rc < 0) {
		args_free(&a);
		return 500;
	}
	set_run_argv(s, a.v);
	/* run.json stays the run's as started (its file and mapping, which a
	 * new upload since has not changed): a serve started again resumes it
	 * from there */
	return 202;
}

static cJSON *skip_reasons_in_words(const cJSON *summary)
{
	cJSON *out = cJSON_CreateArray();
	const cJSON *c;
	cJSON_ArrayForEach(c, cJSON_GetObjectItem(summary, "skip_reasons")) {
		const struct skip_reason *r = skip_reason_find(c->string);
		cJSON *o = cJSON_CreateObject();
		char allow[64];
		cJSON_AddStringToObject(o, "code", c->string);
		cJSON_AddNumberToObject(o, "count", c->valuedouble);
		cJSON_AddStringToObject(o, "words", r && r->words ? r->words : c->string);
		snprintf(allow, sizeof allow, "--allow %s", r && r->allow ? r->allow : "");
		if (r && r->allow)
			cJSON_AddStringToObject(o, "allow", allow);
		else
			cJSON_AddNullToObject(o, "allow");
		cJSON_AddItemToArray(out, o);
	}
	return out;
}

/* RUN (s->mu held) */
static cJSON *describe_run(struct serve *s)
{
	cJSON *o = cJSON_CreateObject(), *downloads, *summary;
	const char *state;

	if (!s->run_started) {
		cJSON_Delete(o);
		return cJSON_CreateNull();
	}
	cJSON_AddStringToObject(o, "id", s->run_id);
	cJSON_AddStringToObject(o, "command", s->run_command);
	cJSON_AddStringToObject(o, "command_line", s->command_line ? s->command_line : "");
	cJSON_AddStringToObject(o, "folder", s->run_dir);
	run_describe(&s->run, o, *s->input ? s->input : NULL, s->input_name);
	summary = cJSON_GetObjectItem(o, "summary");
	cJSON_AddItemToObject(o, "skip_reasons", skip_reasons_in_words(summary));
	downloads = cJSON_AddArrayToObject(o, "downloads");
	state = cJSON_GetStringValue(cJSON_GetObjectItem(o, "state"));
	for (int i = 0; i < s->ndownloads; i++) {
		struct stat st;
		cJSON *d;
		/* a file is offered once it is whole (until then it has another name) */
		if (stat(s->downloads[i].path, &st) != 0)
			continue;
		d = cJSON_CreateObject();
		cJSON_AddStringToObject(d, "name", s->downloads[i].name);
		cJSON_AddStringToObject(d, "file", s->downloads[i].file);
		char href[100];
		snprintf(href, sizeof href, "/api/download/%s", s->downloads[i].name);
		cJSON_AddStringToObject(d, "href", href);
		cJSON_AddNumberToObject(d, "bytes", (double)st.st_size);
		cJSON_AddItemToArray(downloads, d);
		/* and the same as a workbook, made when asked for */
		if (ends_with(s->downloads[i].file, ".csv")) {
			char file[320];
			d = cJSON_CreateObject();
			snprintf(href, sizeof href, "%s_xlsx", s->downloads[i].name);
			cJSON_AddStringToObject(d, "name", href);
			snprintf(file, sizeof file, "%.*s.xlsx", (int)(strlen(s->downloads[i].file) - 4),
			         s->downloads[i].file);
			cJSON_AddStringToObject(d, "file", file);
			snprintf(href, sizeof href, "/api/download/%s_xlsx", s->downloads[i].name);
			cJSON_AddStringToObject(d, "href", href);
			cJSON_AddItemToArray(downloads, d);
		}
		/* and the sequence's report as a web page, made when asked for */
		if (strcmp(s->downloads[i].name, "report") == 0) {
			d = cJSON_CreateObject();
			cJSON_AddStringToObject(d, "name", "report_html");
			cJSON_AddStringToObject(d, "file", "sequence-report.html");
			cJSON_AddStringToObject(d, "href", "/api/download/report_html");
			cJSON_AddStringToObject(d, "costs", "one API call, when first downloaded");
			cJSON_AddItemToArray(downloads, d);
		}
	}
	cJSON_AddBoolToObject(o, "resumable", state && strcmp(state, "stopped") == 0);
	return o;
}

static cJSON *describe_file(struct serve *s)
{
	cJSON *o;
	if (!*s->input)
		return cJSON_CreateNull();
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "name", s->input_name);
	cJSON_AddNumberToObject(o, "bytes", (double)s->input_bytes);
	cJSON_AddStringToObject(o, "folder", s->work);
	return o;
}

/* ---- the routes ---- */

static void answer_state(struct serve *s, struct web_reply *rp)
{
	if (s->check_due) {
		s->check_due = false;
		cJSON_Delete(s->check);
		s->check = check_file(s);
	}
	cJSON *o = cJSON_CreateObject(), *key = team_key_state(*s->key_file ? s->key_file : NULL);
	cJSON_AddStringToObject(o, "version", PACKAGE_VERSION);
	cJSON_AddItemToObject(o, "apollo", cJSON_Duplicate(cJSON_GetObjectItem(key, "apollo"), true));
	cJSON_AddStringToObject(o, "dir", s->dir);
	cJSON_AddItemToObject(o, "key", key);
	cJSON_AddItemToObject(o, "file", describe_file(s));
	cJSON_AddItemToObject(o, "check", s->check ? cJSON_Duplicate(s->check, true) : cJSON_CreateNull());
	cJSON_AddItemToObject(o, "run", describe_run(s));
	web_reply_json(rp, 200, print_free(o));
}

static void answer_key(struct serve *s, const struct web_request *rq, struct web_reply *rp)
{
	cJSON *in = cJSON_Parse(rq->body), *o;
	const char *key = cJSON_GetStringValue(cJSON_GetObjectItem(in, "key"));
	char err[600];
	(void)s;
	if (!key || !*key) {
		cJSON_Delete(in);
		web_reply_error(rp, 400, "give the key as {\"key\": \"...\"}");
		return;
	}
	if (api_config_save_key(key, err, sizeof err) < 0) {
		cJSON_Delete(in);
		web_reply_error(rp, 400, "%s", err);
		return;
	}
	/* the team's fields, with this key, at the next check */
	s->fields_tried = false;
	/* the page's copy of the key is the only one in this process */
	memset((char *)key, 0, strlen(key));
	cJSON_Delete(in);
	o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "key", team_key_state(*s->key_file ? s->key_file : NULL));
	web_reply_json(rp, 200, print_free(o));
}

/* An upload goes first to a file of its own under DIR/uploads: a refused
 * or cut-off one leaves nothing (web/http_server.c removes it), an
 * accepted one is moved into a new folder of the file's. */
static char *upload_target(void *arg, const struct web_request *rq, const char *name, char *err, size_t errlen)
{
	struct serve *s = arg;
	char decoded[1024], *path;
	int fd;
	(void)rq;

	url_decode(name, decoded, sizeof decoded);
	if (!extension_of(decoded)) {
		snprintf(err, errlen, "%s: a prospect file is .csv, .csv.gz, .tsv, .txt or .xlsx",
		         *decoded ? decoded : "(no name)");
		return NULL;
	}
	if (run_going(&s->run)) {
		snprintf(err, errlen, "a run is going: a new file can be chosen when it ends or is stopped");
		return NULL;
	}
	if (!(path = malloc(PATH_LEN + 64)))
		return NULL;
	snprintf(path, PATH_LEN + 64, "%.2000s/uploads", s->dir);
	if (!folders_make(path)) {
		snprintf(err, errlen, "cannot make %s: %s", path, strerror(errno));
		free(path);
		return NULL;
	}
	snprintf(path, PATH_LEN + 64, "%.2000s/uploads/upload-XXXXXX", s->dir);
	if ((fd = mkstemp(path)) < 0) {
		snprintf(err, errlen, "cannot store the upload under %.1000s: %s", s->dir, strerror(errno));
		free(path);
		return NULL;
	}
	close(fd);
	return path;
}

/* a file's folder that no run used: its copy of the file and its check go */
static void forget_folder(const char *work)
{
	char path[PATH_LEN + 300];
	struct dirent *e;
	DIR *d = opendir(work);
	if (!d)
		return;
	while ((e = readdir(d)))
		if (strncmp(e->d_name, "run-", 4) == 0) {
			closedir(d);
			return;
		}
	rewinddir(d);
	while ((e = readdir(d)))
		if (e->d_name[0] != '.') {
			snprintf(path, sizeof path, "%.4000s/%.250s", work, e->d_name);
			unlink(path);
		}
	closedir(d);
	rmdir(work);
}

static void answer_upload(struct serve *s, const struct web_request *rq, struct web_reply *rp)
{
	const char *name = web_header(rq, "X-File-Name");
	char decoded[1024], shown[256], work[PATH_LEN], input[PATH_LEN + 32];
	const char *ext;
	cJSON *o;

	url_decode(name ? name : "", decoded, sizeof decoded);
	safe_name(decoded, shown, sizeof shown);
	ext = extension_of(shown);
	if (run_going(&s->run)) {
		web_reply_error(rp, 409, "a run is going: a new file can be chosen when it ends or is stopped");
		return;
	}
	if (!ext) {
		web_reply_error(rp, 400, "%s: a prospect file is .csv, .csv.gz, .tsv, .txt or .xlsx", shown);
		return;
	}
	if (!new_folder(s, "work", work, sizeof work)) {
		web_reply_error(rp, 500, "cannot make a folder under %.1000s: %s", s->dir, strerror(errno));
		return;
	}
	snprintf(input, sizeof input, "%.4000s/input%s", work, ext);
	if (rename(rq->upload_path, input) != 0) {
		web_reply_error(rp, 500, "cannot keep the upload: %s", strerror(errno));
		rmdir(work);
		return;
	}
	/* the file before, if no run used it, is not kept */
	if (*s->work)
		forget_folder(s->work);
	snprintf(s->input, sizeof s->input, "%.4000s", input);
	snprintf(s->work, sizeof s->work, "%s", work);
	snprintf(s->input_name, sizeof s->input_name, "%s", shown);
	snprintf(s->stem, sizeof s->stem, "%.*s", (int)(strlen(shown) - strlen(ext)), shown);
	s->input_bytes = rq->upload_bytes;
	free(s->format);
	s->format = NULL;
	cJSON_Delete(s->map);
	s->map = cJSON_CreateObject();
	cJSON_Delete(s->check);
	s->check = check_file(s);
	s->check_due = false;
	o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "file", describe_file(s));
	cJSON_AddItemToObject(o, "check", cJSON_Duplicate(s->check, true));
	web_reply_json(rp, 200, print_free(o));
}

static void answer_check(struct serve *s, const struct web_request *rq, struct web_reply *rp)
{
	cJSON *in = cJSON_Parse(rq->body), *map;
	const char *format;
	const cJSON *m;

	if (!*s->input) {
		cJSON_Delete(in);
		web_reply_error(rp, 400, "choose a file first");
		return;
	}
	if (!cJSON_IsObject(in)) {
		cJSON_Delete(in);
		web_reply_error(rp, 400, "give {\"format\": NAME or \"\", \"map\": {FIELD: HEADER}}");
		return;
	}
	format = cJSON_GetStringValue(cJSON_GetObjectItem(in, "format"));
	map = cJSON_GetObjectItem(in, "map");
	cJSON_ArrayForEach(m, map)
		if (!cJSON_IsString(m)) {
			cJSON_Delete(in);
			web_reply_error(rp, 400, "map: each field's header is a string (\"\": from no column)");
			return;
		}
	free(s->format);
	s->format = format && *format ? strdup(format) : NULL;
	cJSON_Delete(s->map);
	s->map = map && cJSON_IsObject(map) ? cJSON_Duplicate(map, true) : cJSON_CreateObject();
	cJSON_Delete(in);
	cJSON_Delete(s->check);
	s->check = check_file(s);
	web_reply_json(rp, 200, cJSON_PrintUnformatted(s->check));
}

/* The team's lists cost three calls: asked once, and again only when the
 * page asks for them fresh (?fresh=1) or after TEAM_KEEP seconds, so that
 * a page opened again and again spends nothing more. */
#define TEAM_KEEP 600
static void answer_team(struct serve *s, const struct web_request *rq, struct web_reply *rp)
{
	static cJSON *kept;
	static time_t kept_at;
	const char *fresh = web_query(rq, "fresh");
	char err[2048] = "";
	cJSON *o;

	pthread_mutex_lock(&s->team_mu);
	if (!kept || (fresh && strcmp(fresh, "1") == 0) || time(NULL) - kept_at > TEAM_KEEP) {
		if ((o = team_lists(*s->key_file ? s->key_file : NULL, err, sizeof err))) {
			cJSON_Delete(kept);
			kept = o;
			kept_at = time(NULL);
		}
	} else {
		cJSON_ReplaceItemInObject(kept, "api_calls", cJSON_CreateNumber(0));
	}
	o = kept ? cJSON_Duplicate(kept, true) : NULL;
	pthread_mutex_unlock(&s->team_mu);
	if (!o)
		web_reply_error(rp, 502, "%s", err);
	else
		web_reply_json(rp, 200, print_free(o));
}

static void answer_rows(struct serve *s, const struct web_request *rq, struct web_reply *rp)
{
	const char *name = web_query(rq, "name"), *off = web_query(rq, "offset"), *lim = web_query(rq, "limit");
	unsigned long long offset = off ? strtoull(off, NULL, 10) : 0, limit = lim ? strtoull(lim, NULL, 10) : 1000;
	char err[700];
	cJSON *t;

	if (limit > 10000)
		limit = 10000;
	for (int i = 0; name && i < s->ndownloads; i++)
		if (strcmp(s->downloads[i].name, name) == 0) {
			if (!(t = table_page(s->downloads[i].path, offset, limit, err, sizeof err)))
				web_reply_error(rp, 404, "%s", err);
			else
				web_reply_json(rp, 200, print_free(t));
			return;
		}
	web_reply_error(rp, 404, "no file named \"%s\" in this run", name ? name : "");
}

/* NAME_xlsx: the CSV download NAME as a workbook (files/xlsx_writer.h),
 * made when first asked for after the CSV changed */
static void answer_workbook(struct serve *s, const char *name, struct web_reply *rp)
{
	char base[64], xlsx[PATH_LEN + 16], err[600];
	size_t n = strlen(name) - 5;
	struct stat csv_st, xlsx_st;

	snprintf(base, sizeof base, "%.*s", (int)(n < sizeof base ? n : sizeof base - 1), name);
	for (int i = 0; i < s->ndownloads; i++) {
		const struct download *d = &s->downloads[i];
		if (strcmp(d->name, base) != 0 || !ends_with(d->file, ".csv") || stat(d->path, &csv_st) != 0)
			continue;
		snprintf(xlsx, sizeof xlsx, "%.*s.xlsx", (int)(strlen(d->path) - 4), d->path);
		if (stat(xlsx, &xlsx_st) != 0 || xlsx_st.st_mtime < csv_st.st_mtime || xlsx_st.st_size == 0) {
			xlsx_set_run(s->command_line, NULL);
			if (xlsx_from_csv(d->path, ',', xlsx, NULL, err, sizeof err) < 0) {
				web_reply_error(rp, 500, "the workbook could not be made: %s", err);
				return;
			}
		}
		rp->status = 200;
		rp->type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
		rp->file = strdup(xlsx);
		rp->attachment = malloc(strlen(d->file) + 8);
		if (rp->attachment)
			sprintf(rp->attachment, "%.*s.xlsx", (int)(strlen(d->file) - 4), d->file);
		return;
	}
	web_reply_error(rp, 404, "no file named \"%s\" in this run (yet)", base);
}

/* the run's sequence option (--sequence or --sequence-id) and its value */
static bool run_sequence(const struct serve *s, const char **option, const char **value)
{
	for (size_t i = 0; s->run_argv && s->run_argv[i] && s->run_argv[i + 1]; i++)
		if (strcmp(s->run_argv[i], "--sequence") == 0 || strcmp(s->run_argv[i], "--sequence-id") == 0) {
			*option = s->run_argv[i];
			*value = s->run_argv[i + 1];
			return true;
		}
	return false;
}

/* report_html: the sequence's report as a web page, made by export
 * sequences when first asked for (one call: the report the run wrote is a
 * CSV, and a page needs the numbers again, as on the command line) */
static void answer_report_page(struct serve *s, struct web_reply *rp)
{
	char page[PATH_LEN + 32], log[PATH_LEN + 32];
	const char *option, *value;
	struct args a = { 0 };
	bool have_csv = false;

	for (int i = 0; i < s->ndownloads; i++)
		have_csv = have_csv || (strcmp(s->downloads[i].name, "report") == 0 && access(s->downloads[i].path, R_OK) == 0);
	if (!have_csv || !run_sequence(s, &option, &value)) {
		web_reply_error(rp, 404, "this run has no sequence report");
		return;
	}
	snprintf(page, sizeof page, "%.4000s/sequence-report.html", s->run_dir);
	snprintf(log, sizeof log, "%.4000s/sequence-report.log", s->run_dir);
	if (access(page, R_OK) != 0) {
		int status;
		args_add(&a, "apollo-csv");
		args_add(&a, "export");
		args_add(&a, "sequences");
		args_opt(&a, option, value);
		args_opt(&a, "--format", "html");
		args_opt(&a, "--output", page);
		args_add(&a, "--quiet");
		if (*s->key_file)
			args_opt(&a, "--api-key-file", s->key_file);
		status = run_and_wait(s->exe, a.v, s->run_dir, log);
		args_free(&a);
		if (status > 1) {
			char *said = whole_file(log, 4096);
			web_reply_error(rp, 502, "the report could not be made: %s", said && *said ? said : exit_code_meaning(status));
			free(said);
			unlink(page);
			return;
		}
	}
	rp->status = 200;
	rp->type = "application/octet-stream";
	rp->file = strdup(page);
	rp->attachment = strdup("sequence-report.html");
}

static void answer_download(struct serve *s, const char *name, struct web_reply *rp)
{
	if (ends_with(name, "_xlsx")) {
		answer_workbook(s, name, rp);
		return;
	}
	if (strcmp(name, "report_html") == 0) {
		answer_report_page(s, rp);
		return;
	}
	for (int i = 0; i < s->ndownloads; i++)
		if (strcmp(s->downloads[i].name, name) == 0 && access(s->downloads[i].path, R_OK) == 0) {
			rp->status = 200;
			rp->type = ends_with(s->downloads[i].file, ".csv") ? "text/csv; charset=utf-8"
			                                                  : "application/octet-stream";
			rp->file = strdup(s->downloads[i].path);
			rp->attachment = strdup(s->downloads[i].file);
			return;
		}
	web_reply_error(rp, 404, "no file named \"%s\" in this run (yet)", name);
}

static void handle(void *arg, const struct web_request *rq, struct web_reply *rp)
{
	struct serve *s = arg;
	bool get = strcmp(rq->method, "GET") == 0 || strcmp(rq->method, "HEAD") == 0;
	const struct page_asset *asset;
	char err[2048] = "";

	if (get && (asset = page_asset_find(rq->path))) {
		rp->status = 200;
		rp->type = asset->type;
		rp->data = asset->data;
		rp->len = asset->len;
		return;
	}
	/* the team's look-up takes a while and changes nothing here */
	if (get && strcmp(rq->path, "/api/team") == 0) {
		answer_team(s, rq, rp);
		return;
	}
	pthread_mutex_lock(&s->mu);
	if (get && strcmp(rq->path, "/api/state") == 0) {
		answer_state(s, rp);
	} else if (get && strcmp(rq->path, "/api/run") == 0) {
		web_reply_json(rp, 200, print_free(describe_run(s)));
	} else if (get && strcmp(rq->path, "/api/rows") == 0) {
		answer_rows(s, rq, rp);
	} else if (get && strncmp(rq->path, "/api/download/", 14) == 0) {
		answer_download(s, rq->path + 14, rp);
	} else if (!get && strcmp(rq->path, "/api/key") == 0) {
		answer_key(s, rq, rp);
	} else if (!get && strcmp(rq->path, "/api/upload") == 0) {
		answer_upload(s, rq, rp);
	} else if (!get && strcmp(rq->path, "/api/check") == 0) {
		answer_check(s, rq, rp);
	} else if (!get && strcmp(rq->path, "/api/run") == 0) {
		cJSON *ask = cJSON_Parse(rq->body);
		int status = start_run(s, ask, err, sizeof err);
		cJSON_Delete(ask);
		if (status >= 400)
			web_reply_error(rp, status, "%s", err);
		else
			web_reply_json(rp, status, print_free(describe_run(s)));
	} else if (!get && strcmp(rq->path, "/api/stop") == 0) {
		run_stop(&s->run);
		web_reply_json(rp, 200, print_free(describe_run(s)));
	} else if (!get && strcmp(rq->path, "/api/resume") == 0) {
		int status = resume_run(s, err, sizeof err);
		if (status >= 400)
			web_reply_error(rp, status, "%s", err);
		else
			web_reply_json(rp, status, print_free(describe_run(s)));
	} else {
		web_reply_error(rp, 404, "nothing at %s", rq->path);
	}
	pthread_mutex_unlock(&s->mu);
}

/* ---- the command ---- */

static bool default_dir(char *out, size_t size)
{
	const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	if (state && *state)
		snprintf(out, size, "%s/apollo-csv/serve", state);
	else if (home && *home)
		snprintf(out, size, "%s/.local/state/apollo-csv/serve", home);
	else
		return false;
	return true;
}

/* The browser is opened on a private file that leads to the address, as
 * Jupyter does: the token in a command line (xdg-open's, the browser's)
 * could be read by any user of the machine in /proc. */
static void open_browser(const struct serve *s, const char *url)
{
	char page[PATH_LEN + 32], file_url[PATH_LEN + 64];
	FILE *f;
	int fd;
	pid_t pid;

	if (access("/usr/bin/xdg-open", X_OK) != 0 || (!getenv("DISPLAY") && !getenv("WAYLAND_DISPLAY")))
		return;
	snprintf(page, sizeof page, "%.2000s/open.html", s->dir);
	unlink(page);
	if ((fd = open(page, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0 || !(f = fdopen(fd, "w"))) {
		if (fd >= 0)
			close(fd);
		return;
	}
	fprintf(f, "<!doctype html>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"refresh\" content=\"0;url=%s\">\n"
	        "<title>apollo-csv</title>\n<p><a href=\"%s\">Open apollo-csv</a></p>\n", url, url);
	if (fclose(f) != 0)
		return;
	snprintf(file_url, sizeof file_url, "file://%s", page);
	if ((pid = fork()) == 0) {
		int null = open("/dev/null", O_RDWR);
		if (null >= 0) {
			dup2(null, STDOUT_FILENO);
			dup2(null, STDERR_FILENO);
		}
		execl("/usr/bin/xdg-open", "xdg-open", file_url, (char *)NULL);
		_exit(127);
	}
}

int cmd_serve(const struct config *cfg)
{
	static struct serve s;
	struct web_server ws;
	struct web_server_options opt = { 0 };
	char err[1024], url[400];
	struct stat st;
	ssize_t n;

	memset(&s, 0, sizeof s);
	pthread_mutex_init(&s.mu, NULL);
	pthread_mutex_init(&s.team_mu, NULL);
	s.cfg = cfg;
	s.map = cJSON_CreateObject();
	run_init(&s.run);
	if ((n = readlink("/proc/self/exe", s.exe, sizeof s.exe - 1)) <= 0) {
		msg_error(NULL, "serve: cannot find this program's own file (/proc/self/exe)");
		return EXIT_INTERNAL;
	}
	s.exe[n] = '\0';
	/* the runs start in folders of their own: the key file by its full path */
	if (cfg->api_key_file && !realpath(cfg->api_key_file, s.key_file)) {
		msg_error(NULL, "serve: --api-key-file %s: %s", cfg->api_key_file, strerror(errno));
		return EXIT_CONFIG;
	}
	if (cfg->serve_dir)
		snprintf(s.dir, sizeof s.dir, "%s", cfg->serve_dir);
	else if (!default_dir(s.dir, sizeof s.dir)) {
		msg_error(NULL, "serve: neither XDG_STATE_HOME nor HOME is set; give --dir DIR");
		return EXIT_USAGE;
	}
	if (!folders_make(s.dir) || stat(s.dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		msg_error(NULL, "serve: cannot make the folder %s: %s", s.dir, strerror(errno));
		return EXIT_OUTPUT;
	}
	/* the runs start in folders of their own: the folder by its full path */
	{
		char full[PATH_MAX];
		errno = 0;
		if (!realpath(s.dir, full) || strlen(full) > 2000) {
			msg_error(NULL, "serve: %s: %s", s.dir, errno ? strerror(errno) : "a path longer than 2,000 bytes");
			return EXIT_USAGE;
		}
		snprintf(s.dir, sizeof s.dir, "%s", full);
	}
	/* the uploads and results in it are the user's alone */
	if ((st.st_mode & 077) && chmod(s.dir, 0700) != 0) {
		msg_error(NULL, "serve: %s can be read by others and cannot be made private: %s", s.dir,
		          strerror(errno));
		return EXIT_OUTPUT;
	}

	restore_latest(&s);

	opt.listen_addr = cfg->listen ? cfg->listen : "127.0.0.1";
	opt.port = (int)cfg->port;
	opt.max_upload = cfg->max_upload ? cfg->max_upload : DEFAULT_MAX_UPLOAD;
	opt.upload_path = "/api/upload";
	opt.handler = handle;
	opt.upload_target = upload_target;
	opt.arg = &s;
	if (cfg->listen && strcmp(cfg->listen, "127.0.0.1") != 0 && strcmp(cfg->listen, "::1") != 0)
		msg_warn(NULL, "serve: --listen %s: the page can be reached from other machines; anyone who "
		         "learns the address with its token can run imports with your key", cfg->listen);
	if (web_server_start(&ws, &opt, err, sizeof err) < 0) {
		msg_error(NULL, "serve: %s", err);
		return EXIT_CONFIG;
	}
	snprintf(url, sizeof url, "http://%s/?token=%s", ws.gate.hosts[cfg->listen ? 2 % ws.gate.nhosts : 0],
	         ws.gate.token);
	printf("open %s\n", url);
	fflush(stdout);
	msg_info("serve: runs and uploads are kept in %s; Ctrl-C stops the server", s.dir);
	if (!cfg->no_open)
		open_browser(&s, url);

	while (!interrupted())
		pause();

	/* Ctrl-C: no request more; a run going stops as Ctrl-C stops it on
	 * the command line */
	web_server_stop(&ws);
	if (run_going(&s.run)) {
		msg_info("serve: stopping the run: the requests in flight finish and are written down");
		run_stop(&s.run);
	}
	run_wait(&s.run);
	pthread_mutex_lock(&s.mu);
	run_free(&s.run);
	cJSON_Delete(s.check);
	cJSON_Delete(s.map);
	free(s.format);
	set_run_argv(&s, NULL);
	pthread_mutex_unlock(&s.mu);
	return EXIT_OK;
}

/* ---- options and help ---- */

static const char help[] =
"Usage: apollo-csv serve [OPTIONS]\n"
"\n"
"A page in the browser for the same commands: pick a prospect file (or what\n"
"to export), see and change its mapping with the first rows' check, choose\n"
"what to do (import and enrol, enroll, unenroll, tasks, deals, update, export\n"
"contacts or sequences) with the command line it equals, watch it run, stop\n"
"and resume it, and download the results with every row explained.\n"
"\n"
"It prints one line, the address to open (with a session token), and opens\n"
"it where xdg-open can. Every run is this program started with the command\n"
"line the page shows: the same results file, journal and API calls as the\n"
"command line, and a stopped run can be resumed from the page or from a\n"
"terminal with the command line the page shows. Files live in a private\n"
"folder (--dir).\n"
"\n"
"Options:\n"
"      --port N            the port (default: a free one)\n"
"      --listen ADDR       listen on ADDR, the address the browser will open,\n"
"                          instead of 127.0.0.1 (the page can then be reached\n"
"                          from other machines: a warning)\n"
"      --no-open           do not open a browser\n"
"      --dir DIR           where uploads and runs are kept, made private (0700)\n"
"                          (default ~/.local/state/apollo-csv/serve)\n"
"      --max-upload SIZE   largest file taken, e.g. 100M (default 100M)\n"
"      --api-key-file FILE, as for import; or APOLLO_API_KEY, or the config\n"
"                          file, where the page can store a key (mode 0600)\n"
"  -h, --help              show this help\n"
"\n"
"Safety: it answers only to the address it printed (Host checked), only a\n"
"browser that opened it with its token (then an HttpOnly SameSite=Strict\n"
"cookie), and a change only from its own page (a header no other site can\n"
"send); the key is never sent to the browser. One run at a time. Ctrl-C\n"
"stops a run going as Ctrl-C does on the command line, then the server.\n"
"\n"
"Exit status: 0 stopped by Ctrl-C or SIGTERM; 2 bad command line; 4 the\n"
"address cannot be listened on; 6 the folder cannot be made.\n";

static int set_port(struct config *cfg, char *arg)
{
	if (!cli_parse_long(arg, 0, 65535, &cfg->port))
		return cli_usage_error("--port %s: give a port number, 0 to 65535 (0: a free one)", arg);
	return EXIT_OK;
}
static int set_listen(struct config *cfg, char *arg)
{
	/* the page answers only to the Host it was opened at: an address that
	 * means "every address" is none a browser can open */
	if (strcmp(arg, "0.0.0.0") == 0 || strcmp(arg, "::") == 0 || strcmp(arg, "[::]") == 0)
		return cli_usage_error("--listen %s: give the address the browser will open (this machine's "
		                       "address on its network), not every address", arg);
	cfg->listen = arg;
	return EXIT_OK;
}
static int set_no_open(struct config *cfg, char *arg)
{
	(void)arg;
	cfg->no_open = true;
	return EXIT_OK;
}
static int set_dir(struct config *cfg, char *arg)
{
	if (!*arg || strlen(arg) > 2000)
		return cli_usage_error("--dir %s: give a folder (a path of at most 2,000 bytes)", arg);
	cfg->serve_dir = arg;
	return EXIT_OK;
}
static int set_max_upload(struct config *cfg, char *arg)
{
	size_t v;
	if (!cli_parse_size(arg, &v) || v == 0)
		return cli_usage_error("--max-upload %s: give a size such as 100M or 512K", arg);
	cfg->max_upload = v;
	return EXIT_OK;
}

static const struct cli_option opt_port = { "port", 0, true, set_port, NULL };
static const struct cli_option opt_listen = { "listen", 0, true, set_listen, NULL };
static const struct cli_option opt_no_open = { "no-open", 0, false, set_no_open, NULL };
static const struct cli_option opt_dir = { "dir", 0, true, set_dir, NULL };
static const struct cli_option opt_max_upload = { "max-upload", 0, true, set_max_upload, NULL };

static const struct cli_option *const options[] = {
	&opt_port, &opt_listen, &opt_no_open, &opt_dir, &opt_max_upload, &opt_api_key_file, NULL
};

static int check(struct config *cfg)
{
	if (cfg->nfiles)
		return cli_usage_error("serve: unexpected argument \"%s\" (files are chosen in the page)",
		                       cfg->files[0]);
	return EXIT_OK;
}

const struct command serve_command = {
	.name = "serve", .id = CMD_SERVE, .help = help, .options = options, .check = check, .run = cmd_serve,
	.overview = "  serve           a page in the browser for the same commands: pick a\n"
	            "                  file, check its mapping, run, stop, resume, download\n"
};
