/* csv_out.c - see csv_out.h. Writes go through write(2) (or zlib's), not
 * stdio, so every error, ENOSPC included, is seen where it happens. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csv_out.h"
#include "excel.h"

#define OUT_BUF_SIZE (128 * 1024)

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

static void fail(struct csv_writer *w, int err)
{
	if (!w->err)
		w->err = err ? err : EIO;
}

static void flush(struct csv_writer *w)
{
	size_t off = 0;
	if (w->err) {
		w->len = 0;
		return;
	}
	if (w->gz) {
		if (w->len && gzwrite(w->gz, w->buf, (unsigned)w->len) != (int)w->len) {
			int zerr;
			gzerror(w->gz, &zerr);
			fail(w, zerr == Z_ERRNO ? errno : EIO);
		}
		w->len = 0;
		return;
	}
	while (off < w->len) {
		ssize_t n = write(w->fd, w->buf + off, w->len - off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fail(w, errno);
			break;
		}
		off += (size_t)n;
	}
	w->len = 0;
}

static void put(struct csv_writer *w, const char *s, size_t n)
{
	while (n > 0) {
		size_t room = OUT_BUF_SIZE - w->len, k = n < room ? n : room;
		memcpy(w->buf + w->len, s, k);
		w->len += k;
		s += k;
		n -= k;
		if (w->len == OUT_BUF_SIZE)
			flush(w);
	}
}

int csv_writer_open(struct csv_writer *w, const char *path, const struct csv_writer_options *opt)
{
	memset(w, 0, sizeof *w);
	w->fd = -1;
	w->opt = *opt;
	if (!w->opt.delimiter)
		w->opt.delimiter = ',';
	w->buf = malloc(OUT_BUF_SIZE);
	w->path = strdup(path);
	if (!w->buf || !w->path) {
		snprintf(w->error, sizeof w->error, "out of memory");
		return -1;
	}
	if (strcmp(path, "-") == 0) {
		w->fd = STDOUT_FILENO;
	} else {
		struct stat st;
		size_t tl = strlen(path) + 16;
		if (!opt->force && stat(path, &st) == 0) {
			snprintf(w->error, sizeof w->error,
			         "already exists; use --force to replace it, or -o to choose another name");
			return -1;
		}
		w->tmp_path = malloc(tl);
		if (!w->tmp_path) {
			snprintf(w->error, sizeof w->error, "out of memory");
			return -1;
		}
		snprintf(w->tmp_path, tl, "%s.tmpXXXXXX", path);
		w->fd = mkstemp(w->tmp_path);
		if (w->fd < 0) {
			snprintf(w->error, sizeof w->error, "cannot create: %s", strerror(errno));
			free(w->tmp_path);
			w->tmp_path = NULL;
			return -1;
		}
		{
			/* mkstemp makes 0600; a results file gets the usual mode */
			mode_t mask = umask(0);
			umask(mask);
			fchmod(w->fd, 0666 & ~mask);
		}
		if (ends_with(path, ".gz")) {
			int fd2 = dup(w->fd);
			w->gz = fd2 >= 0 ? gzdopen(fd2, "wb6") : NULL;
			if (!w->gz) {
				if (fd2 >= 0)
					close(fd2);
				snprintf(w->error, sizeof w->error, "cannot start gzip output");
				csv_writer_abort(w);
				return -1;
			}
		}
	}
	if (w->opt.excel)
		put(w, "\xEF\xBB\xBF", 3);
	return 0;
}

static bool needs_quotes(const char *s, size_t len, char delim)
{
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '"' || c == delim || c == '\n' || c == '\r')
			return true;
	}
	/* leading or trailing spaces survive a round trip only when quoted */
	return len > 0 && (s[0] == ' ' || s[len - 1] == ' ');
}

void csv_writer_field(struct csv_writer *w, const char *s, size_t len)
{
	bool guard = w->opt.excel && excel_needs_guard(s, len);

	if (w->row_started)
		put(w, &w->opt.delimiter, 1);
	w->row_started = true;
	if (!needs_quotes(s, len, w->opt.delimiter)) {
		if (guard)
			put(w, "'", 1);
		put(w, s, len);
		return;
	}
	put(w, "\"", 1);
	if (guard)
		put(w, "'", 1);
	for (;;) {
		const char *q = memchr(s, '"', len);
		if (!q) {
			put(w, s, len);
			break;
		}
		put(w, s, (size_t)(q - s) + 1);
		put(w, "\"", 1);
		len -= (size_t)(q - s) + 1;
		s = q + 1;
	}
	put(w, "\"", 1);
}

void csv_writer_cstr(struct csv_writer *w, const char *s)
{
	csv_writer_field(w, s ? s : "", s ? strlen(s) : 0);
}

void csv_writer_end_row(struct csv_writer *w)
{
	if (w->opt.excel)
		put(w, "\r\n", 2);
	else
		put(w, "\n", 1);
	w->row_started = false;
}

static void cleanup(struct csv_writer *w)
{
	free(w->buf);
	free(w->path);
	free(w->tmp_path);
	w->buf = w->path = w->tmp_path = NULL;
}

/* fsync the directory so the rename itself is durable */
static void sync_dir(const char *path)
{
	char *copy = strdup(path);
	int dfd;
	if (!copy)
		return;
	dfd = open(dirname(copy), O_RDONLY | O_DIRECTORY);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	free(copy);
}

int csv_writer_commit(struct csv_writer *w)
{
	flush(w);
	if (w->gz) {
		int rc = gzclose(w->gz);
		w->gz = NULL;
		if (rc != Z_OK)
			fail(w, rc == Z_ERRNO ? errno : EIO);
	}
	if (w->tmp_path) {
		if (!w->err && fsync(w->fd) != 0)
			fail(w, errno);
		if (close(w->fd) != 0)
			fail(w, errno);
		w->fd = -1;
		if (!w->err && rename(w->tmp_path, w->path) != 0)
			fail(w, errno);
		if (w->err) {
			unlink(w->tmp_path);
		} else {
			sync_dir(w->path);
		}
	}
	if (w->err) {
		snprintf(w->error, sizeof w->error, "cannot write: %s%s", strerror(w->err),
		         w->tmp_path ? "; nothing was written under this name" : "");
		cleanup(w);
		return -1;
	}
	cleanup(w);
	return 0;
}

void csv_writer_abort(struct csv_writer *w)
{
	if (w->gz) {
		gzclose(w->gz);
		w->gz = NULL;
	}
	if (w->tmp_path) {
		if (w->fd >= 0)
			close(w->fd);
		unlink(w->tmp_path);
	}
	w->fd = -1;
	cleanup(w);
}
