/* commands/research_journal.c - see commands/research_journal.h. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands/research_journal.h"
#include "common/exit_codes.h"
#include "common/msg.h"

static const char *const bulk_enrich = "organizations/bulk_enrich", *const bulk_match = "people/bulk_match";

/* a new journal's name is made durable too, not only its lines */
static void sync_dir(const char *path)
{
	char *copy = strdup(path);
	int dfd;
	if (!copy)
		return;
	dfd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	free(copy);
}

static int lock(const char *path, int fd)
{
	struct msg_pos none = { 0 };
	if (flock(fd, LOCK_EX | LOCK_NB) == 0)
		return EXIT_OK;
	msg_error(&none, "%s: another apollo-csv run is researching these domains; wait for it to end", path);
	return EXIT_OUTPUT;
}

/* One line of the journal (without its newline) into j; false when it is
 * not a whole record this tool wrote: the journal ends before it. */
static bool take_record(struct research_journal *j, const char *text, size_t len)
{
	cJSON *rec = cJSON_ParseWithLength(text, len), *items, *it;
	const char *call = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(rec, "call"));
	const cJSON *credits = cJSON_GetObjectItemCaseSensitive(rec, "credits");
	cJSON *into = NULL;

	if (call && strcmp(call, bulk_enrich) == 0) {
		items = cJSON_GetObjectItemCaseSensitive(rec, "organizations");
		into = j->organizations;
	} else if (call && strcmp(call, bulk_match) == 0) {
		items = cJSON_GetObjectItemCaseSensitive(rec, "people");
		into = j->people;
	}
	if (!into || !cJSON_IsObject(items) || !cJSON_IsNumber(credits)) {
		cJSON_Delete(rec);
		return false;
	}
	while ((it = items->child)) {
		cJSON_DetachItemViaPointer(items, it);
		cJSON_AddItemToObject(into, it->string, it);
	}
	j->credits += credits->valuedouble;
	j->calls++;
	cJSON_Delete(rec);
	return true;
}

/* What the journal holds, up to its first record that is not whole; the
 * rest is cut away so that new records follow whole ones. */
static int read_back(struct research_journal *j)
{
	struct msg_pos none = { 0 };
	int fd = dup(j->fd);
	FILE *f = fd >= 0 ? fdopen(fd, "r") : NULL;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	off_t whole = 0;
	struct stat st;
	int status = EXIT_OK;

	if (!f) {
		msg_error(&none, "%s: %s", j->path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return EXIT_INPUT;
	}
	while ((len = getline(&line, &cap, f)) > 0 && line[len - 1] == '\n' &&
	       take_record(j, line, (size_t)len - 1))
		whole += len;
	if (ferror(f)) {
		msg_error(&none, "%s: %s", j->path, strerror(errno));
		status = EXIT_INPUT;
	} else if (fstat(j->fd, &st) == 0 && st.st_size > whole) {
		if (ftruncate(j->fd, whole) != 0) {
			msg_error(&none, "%s: cannot cut off its last record: %s", j->path, strerror(errno));
			status = EXIT_OUTPUT;
		}
		j->torn = true;
	}
	free(line);
	fclose(f);
	return status;
}

int research_journal_open(struct research_journal *j, const char *path, bool keep)
{
	struct msg_pos none = { 0 };
	int rc;

	memset(j, 0, sizeof *j);
	j->fd = -1;
	j->organizations = cJSON_CreateObject();
	j->people = cJSON_CreateObject();
	if (!(j->path = strdup(path)) || !j->organizations || !j->people) {
		msg_error(&none, "out of memory");
		return EXIT_INTERNAL;
	}
	/* appends go to the end whatever was read */
	j->fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0666);
	if (j->fd < 0) {
		msg_error(&none, "%s: cannot create: %s", path, strerror(errno));
		return EXIT_OUTPUT;
	}
	if ((rc = lock(path, j->fd)) != EXIT_OK)
		return rc;
	if (!keep && ftruncate(j->fd, 0) != 0) {
		msg_error(&none, "%s: cannot empty it: %s", path, strerror(errno));
		return EXIT_OUTPUT;
	}
	if (keep && (rc = read_back(j)) != EXIT_OK)
		return rc;
	sync_dir(path);
	return EXIT_OK;
}

int research_journal_add(struct research_journal *j, const char *call, double credits, const char *key,
                         const cJSON *items)
{
	cJSON *rec = cJSON_CreateObject();
	char *text;
	size_t len, done = 0;
	int err = 0;

	cJSON_AddStringToObject(rec, "call", call);
	cJSON_AddNumberToObject(rec, "credits", credits);
	/* a reference: the items stay the research's */
	cJSON_AddItemReferenceToObject(rec, key, (cJSON *)items);
	text = cJSON_PrintUnformatted(rec);
	cJSON_Delete(rec);
	if (!text) {
		errno = ENOMEM;
		return -1;
	}
	len = strlen(text);
	text[len++] = '\n';    /* over the NUL: the line is written in one piece */
	/* a failure halfway leaves half a line, which reading back cuts off;
	 * the research stops there, so no record comes after it */
	while (done < len && !err) {
		ssize_t n = write(j->fd, text + done, len - done);
		if (n < 0 && errno != EINTR)
			err = errno;
		else if (n > 0)
			done += (size_t)n;
	}
	free(text);
	if (!err && fsync(j->fd) != 0)
		err = errno;
	errno = err;
	return err ? -1 : 0;
}

void research_journal_remove(struct research_journal *j)
{
	if (j->fd >= 0)
		unlink(j->path);
	research_journal_close(j);
}

void research_journal_close(struct research_journal *j)
{
	if (j->fd >= 0)
		close(j->fd);
	j->fd = -1;
	free(j->path);
	j->path = NULL;
	cJSON_Delete(j->organizations);
	cJSON_Delete(j->people);
	j->organizations = j->people = NULL;
}

int research_journal_discard(const char *path)
{
	struct msg_pos none = { 0 };
	int fd = open(path, O_RDWR | O_CLOEXEC), rc;

	if (fd < 0 && errno == ENOENT)
		return EXIT_OK;
	if (fd < 0) {
		msg_error(&none, "%s: %s", path, strerror(errno));
		return EXIT_OUTPUT;
	}
	if ((rc = lock(path, fd)) == EXIT_OK && unlink(path) != 0) {
		msg_error(&none, "%s: cannot remove: %s", path, strerror(errno));
		rc = EXIT_OUTPUT;
	}
	close(fd);
	return rc;
}
