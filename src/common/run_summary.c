/* common/run_summary.c - the facts of one run, kept until main() writes
 * them as one JSON object (cJSON builds it: the escaping of paths and
 * messages is then not ours to get wrong). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "common/exit_codes.h"
#include "common/run_summary.h"

struct word_count {
	char *word;
	unsigned long long n;
};

struct named_list {
	struct word_count *items;
	size_t n, cap;
};

static struct {
	char *command;
	struct named_list groups[RS_GROUPS];
	unsigned long long calls, retries, limited;
	struct run_file {
		char *role, *path;
	} *files;
	size_t nfiles;
	char *stop;
	char **messages;
	bool *message_is_error;
	size_t nmessages;
	char **mappings;
	size_t nmappings;
} rs;

static void list_free(struct named_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->items[i].word);
	free(l->items);
	memset(l, 0, sizeof *l);
}

static struct word_count *list_add(struct named_list *l, const char *word)
{
	char *copy;

	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;
		struct word_count *items = realloc(l->items, cap * sizeof *items);
		if (!items)
			return NULL;
		l->items = items;
		l->cap = cap;
	}
	if (!(copy = strdup(word)))
		return NULL;
	l->items[l->n].word = copy;
	l->items[l->n].n = 0;
	return &l->items[l->n++];
}

void run_summary_start(const char *command)
{
	for (int g = 0; g < RS_GROUPS; g++)
		list_free(&rs.groups[g]);
	for (size_t i = 0; i < rs.nfiles; i++) {
		free(rs.files[i].role);
		free(rs.files[i].path);
	}
	free(rs.files);
	for (size_t i = 0; i < rs.nmessages; i++)
		free(rs.messages[i]);
	free(rs.messages);
	free(rs.message_is_error);
	for (size_t i = 0; i < rs.nmappings; i++)
		free(rs.mappings[i]);
	free(rs.mappings);
	free(rs.command);
	free(rs.stop);
	memset(&rs, 0, sizeof rs);
	rs.command = command ? strdup(command) : NULL;
}

void run_summary_count(enum run_summary_group g, const char *word, unsigned long long n)
{
	struct named_list *l = &rs.groups[g];
	struct word_count *wc = NULL;

	if (!word || !*word)
		return;
	for (size_t i = 0; i < l->n && !wc; i++)
		if (strcmp(l->items[i].word, word) == 0)
			wc = &l->items[i];
	if (wc || (wc = list_add(l, word)))
		wc->n += n;
}

void run_summary_calls(unsigned long calls, unsigned long retries, unsigned long limited)
{
	rs.calls += calls;
	rs.retries += retries;
	rs.limited += limited;
}

void run_summary_file(const char *role, const char *path)
{
	struct run_file *files = realloc(rs.files, (rs.nfiles + 1) * sizeof *files);
	struct run_file f = { strdup(role), strdup(path) };

	if (files)
		rs.files = files;
	if (!files || !f.role || !f.path) {
		free(f.role);
		free(f.path);
		return;
	}
	rs.files[rs.nfiles++] = f;
}

void run_summary_stop(const char *reason, bool replace)
{
	if (rs.stop && !replace)
		return;
	free(rs.stop);
	rs.stop = strdup(reason);
}

void run_summary_message(bool error, const char *text)
{
	char **m;
	bool *e;

	if (rs.nmessages >= RUN_SUMMARY_MAX_MESSAGES)
		return;
	if (!(m = realloc(rs.messages, (rs.nmessages + 1) * sizeof *m)))
		return;
	rs.messages = m;
	if (!(e = realloc(rs.message_is_error, (rs.nmessages + 1) * sizeof *e)))
		return;
	rs.message_is_error = e;
	if (!(m[rs.nmessages] = strdup(text)))
		return;
	e[rs.nmessages++] = error;
}

static cJSON *group_object(const struct named_list *l)
{
	cJSON *o = cJSON_CreateObject();
	for (size_t i = 0; o && i < l->n; i++)
		cJSON_AddNumberToObject(o, l->items[i].word, (double)l->items[i].n);
	return o;
}

static cJSON *stopped_object(int exit_status, bool resumable)
{
	const char *reason = rs.stop;
	cJSON *o;

	/* a run that gave up on some requests ends with no stop of the
	 * client's: its status says why */
	if (!reason && (exit_status == EXIT_API || exit_status == 130 || exit_status == 143))
		reason = exit_code_meaning(exit_status);
	if (!reason)
		return cJSON_CreateNull();
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "reason", reason);
	cJSON_AddBoolToObject(o, "resume", resumable);
	return o;
}

char *run_summary_json(int exit_status, bool resumable)
{
	cJSON *o = cJSON_CreateObject(), *files, *messages;
	unsigned long long rows = 0;
	char *text;

	if (!o)
		return NULL;
	for (size_t i = 0; i < rs.groups[RS_STATUS].n; i++)
		rows += rs.groups[RS_STATUS].items[i].n;
	cJSON_AddNumberToObject(o, "summary_version", RUN_SUMMARY_VERSION);
	if (rs.command)
		cJSON_AddStringToObject(o, "command", rs.command);
	else
		cJSON_AddNullToObject(o, "command");
	cJSON_AddNumberToObject(o, "exit_status", exit_status);
	cJSON_AddStringToObject(o, "exit_meaning", exit_code_meaning(exit_status));
	cJSON_AddNumberToObject(o, "rows", (double)rows);
	cJSON_AddItemToObject(o, "status", group_object(&rs.groups[RS_STATUS]));
	cJSON_AddItemToObject(o, "sequence_status", group_object(&rs.groups[RS_SEQUENCE_STATUS]));
	cJSON_AddItemToObject(o, "skip_reasons", group_object(&rs.groups[RS_SKIP_REASONS]));
	cJSON_AddNumberToObject(o, "api_calls", (double)rs.calls);
	cJSON_AddNumberToObject(o, "retries", (double)rs.retries);
	cJSON_AddNumberToObject(o, "rate_limited", (double)rs.limited);
	files = cJSON_AddArrayToObject(o, "files");
	for (size_t i = 0; files && i < rs.nfiles; i++) {
		cJSON *f = cJSON_CreateObject();
		cJSON_AddStringToObject(f, "role", rs.files[i].role);
		cJSON_AddStringToObject(f, "path", rs.files[i].path);
		cJSON_AddItemToArray(files, f);
	}
	cJSON_AddItemToObject(o, "stopped", stopped_object(exit_status, resumable));
	messages = cJSON_AddArrayToObject(o, "messages");
	for (size_t i = 0; messages && i < rs.nmessages; i++) {
		cJSON *m = cJSON_CreateObject();
		cJSON_AddStringToObject(m, "level", rs.message_is_error[i] ? "error" : "warning");
		cJSON_AddStringToObject(m, "text", rs.messages[i]);
		cJSON_AddItemToArray(messages, m);
	}
	if (rs.nmappings) {
		cJSON *maps = cJSON_AddArrayToObject(o, "mappings");
		for (size_t i = 0; maps && i < rs.nmappings; i++) {
			cJSON *one = cJSON_Parse(rs.mappings[i]);
			if (one)
				cJSON_AddItemToArray(maps, one);
		}
	}
	text = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return text;
}

void run_summary_mapping(char *json)
{
	char **m;
	if (!json)
		return;
	if (!(m = realloc(rs.mappings, (rs.nmappings + 1) * sizeof *m))) {
		free(json);
		return;
	}
	rs.mappings = m;
	m[rs.nmappings++] = json;
}

bool run_summary_wrote(const char *path)
{
	struct stat a, b;
	if (stat(path, &a) != 0)
		return false;
	for (size_t i = 0; i < rs.nfiles; i++)
		if (stat(rs.files[i].path, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
			return true;
	return false;
}
