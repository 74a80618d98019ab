/* rows/run_log.c - see rows/run_log.h. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/dynbuf.h"
#include "common/msg.h"
#include "rows/run_log.h"

static int by_row(const void *a, const void *b)
{
	const struct logged_made *x = a, *y = b;
	return (x->row > y->row) - (x->row < y->row);
}

static int by_number(const void *a, const void *b)
{
	const unsigned long long *x = a, *y = b;
	return (*x > *y) - (*x < *y);
}

static bool add_row(unsigned long long **rows, size_t *n, unsigned long long row, size_t *cap)
{
	if (*n == *cap) {
		unsigned long long *s = realloc(*rows, (*cap = *cap ? *cap * 2 : 256) * sizeof *s);
		if (!s)
			return false;
		*rows = s;
	}
	(*rows)[(*n)++] = row;
	return true;
}

static bool add_made(struct run_log *l, unsigned long long row, const char *id, size_t *cap)
{
	if (l->nmade == *cap) {
		struct logged_made *m = realloc(l->made, (*cap = *cap ? *cap * 2 : 256) * sizeof *m);
		if (!m)
			return false;
		l->made = m;
	}
	if (!(l->made[l->nmade].id = strdup(id)))
		return false;
	l->made[l->nmade++].row = row;
	return true;
}

/* one whole line of an earlier run's log */
static bool read_line(struct run_log *l, char *line, size_t *capsent, size_t *capunsent, size_t *capmade)
{
	char *p, *end;
	if (strncmp(line, "start ", 6) == 0) {
		double v = strtod(line + 6, NULL);
		if (!l->start && v > 0)
			l->start = v;
	} else if (strncmp(line, "slowest ", 8) == 0) {
		double v = strtod(line + 8, NULL);
		if (v > l->slowest)
			l->slowest = v;
	} else if (strncmp(line, "sent ", 5) == 0 || strncmp(line, "unsent ", 7) == 0) {
		bool un = *line == 'u';
		for (p = line + (un ? 6 : 4); *p; p = end) {
			unsigned long long row = strtoull(p, &end, 10);
			if (end == p)
				break;
			if (!(un ? add_row(&l->unsent, &l->nunsent, row, capunsent)
			         : add_row(&l->sent, &l->nsent, row, capsent)))
				return false;
		}
	} else if (strncmp(line, "fields ", 7) == 0) {
		free(l->fields);
		if (!(l->fields = strdup(line + 7)))
			return false;
	} else if (strncmp(line, "made ", 5) == 0) {
		unsigned long long row = strtoull(line + 5, &end, 10);
		if (end != line + 5 && *end == ' ' && end[1] && !add_made(l, row, end + 1, capmade))
			return false;
	}
	return true;
}

static int read_back(struct run_log *l, char *err, size_t errlen)
{
	FILE *f = fopen(l->path, "r");
	char *line = NULL;
	size_t len = 0, capsent = 0, capunsent = 0, capmade = 0;
	ssize_t got;

	if (!f)
		return errno == ENOENT ? 0 : (snprintf(err, errlen, "%s: %s", l->path, strerror(errno)), -1);
	l->read_back = true;
	while ((got = getline(&line, &len, f)) > 0) {
		if (line[got - 1] != '\n')
			break;          /* torn by a kill: never written whole */
		line[got - 1] = '\0';
		if (!read_line(l, line, &capsent, &capunsent, &capmade)) {
			snprintf(err, errlen, "%s: out of memory", l->path);
			free(line);
			fclose(f);
			return -1;
		}
	}
	free(line);
	fclose(f);
	/* (qsort takes no null array, even of none) */
	if (l->nmade)
		qsort(l->made, l->nmade, sizeof *l->made, by_row);
	if (l->nsent)
		qsort(l->sent, l->nsent, sizeof *l->sent, by_number);
	if (l->nunsent)
		qsort(l->unsent, l->nunsent, sizeof *l->unsent, by_number);
	return 0;
}

int run_log_open(struct run_log *l, const char *work_path, bool resume, char *err, size_t errlen)
{
	size_t n = strlen(work_path) + 8;

	memset(l, 0, sizeof *l);
	l->fd = -1;
	if (!(l->path = malloc(n))) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	snprintf(l->path, n, "%s.log", work_path);
	if (resume)
		return read_back(l, err, errlen);
	if (unlink(l->path) != 0 && errno != ENOENT) {
		snprintf(err, errlen, "%s: cannot remove an earlier run's log: %s", l->path, strerror(errno));
		return -1;
	}
	return 0;
}

static void put(struct run_log *l, const char *text, size_t len)
{
	struct msg_pos none = { 0 };
	if (!l->path || l->failed)
		return;
	if (l->fd < 0 && (l->fd = open(l->path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0666)) < 0)
		goto fail;
	while (len) {
		ssize_t w = write(l->fd, text, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			goto fail;
		text += w;
		len -= (size_t)w;
	}
	return;
fail:
	/* the run goes on: the results are still written; only a kill's
	 * --resume would have to look for more */
	msg_warn(&none, "%s: cannot write: %s", l->path, strerror(errno));
	l->failed = true;
}

void run_log_sync(struct run_log *l)
{
	if (l->fd >= 0 && !l->failed)
		fsync(l->fd);
}

void run_log_start(struct run_log *l, double apollo_start)
{
	char line[64];
	/* an earlier run that sent rows without knowing Apollo's time leaves
	 * the chain's start unknown: a later one must not look since its own */
	if (l->start || apollo_start <= 0 || (l->read_back && l->nsent))
		return;
	l->start = apollo_start;
	put(l, line, (size_t)snprintf(line, sizeof line, "start %.3f\n", apollo_start));
	run_log_sync(l);
}

void run_log_fields(struct run_log *l, const char *json)
{
	if (strchr(json, '\n'))
		return; /* one line or none: a torn one would be read as another */
	put(l, "fields ", 7);
	put(l, json, strlen(json));
	put(l, "\n", 1);
	run_log_sync(l);
}

char *run_log_earlier_fields(const char *work_path)
{
	struct run_log l;
	char err[300], *fields = NULL;

	if (run_log_open(&l, work_path, true, err, sizeof err) == 0) {
		fields = l.fields;
		l.fields = NULL;
	}
	run_log_close(&l, false);
	return fields;
}

void run_log_slowest(struct run_log *l, double seconds)
{
	char line[64];
	if (seconds < l->slowest + 0.5)
		return;
	l->slowest = seconds;
	put(l, line, (size_t)snprintf(line, sizeof line, "slowest %.3f\n", seconds));
}

static void put_rows(struct run_log *l, const char *word, const unsigned long long *rows, size_t n)
{
	struct dynbuf b;
	char num[32];
	if (!l->path || !n)
		return;
	dynbuf_init(&b, 64u << 20);
	for (size_t i = 0; i < n; i++) {
		if (i % 100 == 0) {
			if (i)
				dynbuf_addc(&b, '\n');
			dynbuf_add(&b, word, strlen(word));
		}
		dynbuf_add(&b, num, (size_t)snprintf(num, sizeof num, " %llu", rows[i]));
	}
	dynbuf_addc(&b, '\n');
	if (b.data)
		put(l, b.data, b.len);
	else
		l->failed = true;
	dynbuf_free(&b);
	run_log_sync(l);
}

void run_log_sent(struct run_log *l, const unsigned long long *rows, size_t n)
{
	put_rows(l, "sent", rows, n);
}

void run_log_unsent(struct run_log *l, const unsigned long long *rows, size_t n)
{
	put_rows(l, "unsent", rows, n);
}

void run_log_made(struct run_log *l, unsigned long long row, const char *id)
{
	char line[200];
	int n = snprintf(line, sizeof line, "made %llu %s\n", row, id);
	if (n > 0 && (size_t)n < sizeof line)
		put(l, line, (size_t)n);
}

const char *run_log_made_id(const struct run_log *l, unsigned long long row)
{
	struct logged_made key = { row, NULL }, *hit;
	hit = l->nmade ? bsearch(&key, l->made, l->nmade, sizeof *l->made, by_row) : NULL;
	return hit ? hit->id : NULL;
}

/* how many times row is in rows[0..n) (sorted) */
static size_t times(const unsigned long long *rows, size_t n, unsigned long long row)
{
	size_t lo = 0, hi = n, count = 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (rows[mid] < row)
			lo = mid + 1;
		else
			hi = mid;
	}
	while (lo + count < n && rows[lo + count] == row)
		count++;
	return count;
}

bool run_log_in_flight(const struct run_log *l, unsigned long long row)
{
	return times(l->sent, l->nsent, row) > times(l->unsent, l->nunsent, row) && !run_log_made_id(l, row);
}

void run_log_close(struct run_log *l, bool remove)
{
	if (l->fd >= 0)
		close(l->fd);
	if (remove && l->path)
		unlink(l->path);
	for (size_t i = 0; i < l->nmade; i++)
		free(l->made[i].id);
	free(l->made);
	free(l->sent);
	free(l->unsent);
	free(l->fields);
	free(l->path);
	memset(l, 0, sizeof *l);
	l->fd = -1;
}
