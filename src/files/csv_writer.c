/* files/csv_writer.c - see files/csv_writer.h. Writes go through write(2) (or zlib's), not
 * stdio, so every error, ENOSPC included, is seen where it happens. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "files/csv_writer.h"
#include "files/formula_guard.h"
#include "files/output_target.h"
#include "files/stale_temps.h"
#include "files/xlsx_writer.h"

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

/* Write spare[0..spare_len) (on the worker thread, or inline). Errors are
 * kept in w->err, which the filling side reads only after bgjob_wait. */
static void write_spare(void *arg)
{
	struct csv_writer *w = arg;
	size_t off = 0;

	if (w->err)
		return;
	if (w->gz) {
		if (w->spare_len && gzwrite(w->gz, w->spare, (unsigned)w->spare_len) != (int)w->spare_len) {
			int zerr;
			gzerror(w->gz, &zerr);
			fail(w, zerr == Z_ERRNO ? errno : EIO);
		}
		return;
	}
	while (off < w->spare_len) {
		ssize_t n = write(w->fd, w->spare + off, w->spare_len - off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fail(w, errno);
			break;
		}
		off += (size_t)n;
	}
}

/* Hand the filled buffer to the worker and go on filling the other one. */
static void flush(struct csv_writer *w)
{
	char *t;

	if (w->job_on)
		bgjob_wait(&w->job);
	t = w->spare;
	w->spare = w->buf;
	w->buf = t;
	w->spare_len = w->len;
	w->len = 0;
	if (w->job_on)
		bgjob_submit(&w->job, write_spare, w);
	else
		write_spare(w);
}

/* Wait until everything handed over is written. */
static void drain(struct csv_writer *w)
{
	flush(w);
	if (w->job_on) {
		bgjob_stop(&w->job);
		w->job_on = false;
	}
}

static void put_slow(struct csv_writer *w, const char *s, size_t n)
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

static inline void put(struct csv_writer *w, const char *s, size_t n)
{
	if (n < OUT_BUF_SIZE - w->len) {
		memcpy(w->buf + w->len, s, n);
		w->len += n;
	} else {
		put_slow(w, s, n);
	}
}

static inline void put_byte(struct csv_writer *w, char c)
{
	if (w->len + 1 < OUT_BUF_SIZE)
		w->buf[w->len++] = c;
	else
		put_slow(w, &c, 1);
}

static void cleanup(struct csv_writer *w)
{
	if (w->job_on)
		bgjob_stop(&w->job);
	w->job_on = false;
	free(w->buf);
	free(w->spare);
	free(w->path);
	free(w->tmp_path);
	w->buf = w->spare = w->path = w->tmp_path = NULL;
}

/* A device or FIFO: written as it is, whatever --force says. */
static int open_in_place(struct csv_writer *w)
{
	if (xlsx_is_name(w->path)) {
		snprintf(w->error, sizeof w->error, "is a device or FIFO: a workbook (.xlsx) cannot be "
		         "written there; choose a .csv name");
		return -1;
	}
	if ((w->fd = open(w->path, O_WRONLY | O_CLOEXEC)) < 0) {
		snprintf(w->error, sizeof w->error, "cannot open: %s", strerror(errno));
		return -1;
	}
	w->in_place = true;
	return 0;
}

/* A file: written under a temporary name (or a journal's work_path) beside
 * where it goes, which for a link is where the link points. */
static int open_file(struct csv_writer *w, const char *name, const struct csv_writer_options *opt)
{
	char *target = output_file_path(name);
	struct stat st;
	size_t tl;

	if (!target) {
		snprintf(w->error, sizeof w->error, "cannot follow the link: %s", strerror(errno));
		return -1;
	}
	free(w->path);
	w->path = target;
	tl = strlen(target) + 16;
	if (!opt->force && stat(target, &st) == 0) {
		snprintf(w->error, sizeof w->error,
		         "already exists; use --force to replace it, or -o to choose another name");
		return -1;
	}
	if (opt->work_path && ends_with(target, ".gz")) {
		snprintf(w->error, sizeof w->error, "a results file that is also a journal cannot be "
		         "gzip-compressed; choose a name without .gz");
		return -1;
	}
	w->tmp_path = malloc(opt->work_path ? strlen(opt->work_path) + 1 : tl);
	if (!w->tmp_path) {
		snprintf(w->error, sizeof w->error, "out of memory");
		return -1;
	}
	if (opt->work_path) {
		strcpy(w->tmp_path, opt->work_path);
		w->fd = open(w->tmp_path, O_WRONLY | O_CREAT | O_CLOEXEC |
		             (opt->append ? O_APPEND : O_TRUNC), 0666);
	} else {
		/* a killed run's temporary file goes before this run makes its own */
		stale_temps_sweep(target);
		snprintf(w->tmp_path, tl, "%s.tmpXXXXXX", target);
		if ((w->fd = mkstemp(w->tmp_path)) >= 0)
			stale_temps_hold(w->fd);
	}
	if (w->fd < 0) {
		int err = errno;
		if (strcmp(target, name) != 0)
			snprintf(w->error, sizeof w->error, "cannot create %.400s (where the link points): %s",
			         target, strerror(err));
		else
			snprintf(w->error, sizeof w->error, "cannot create: %s", strerror(err));
		return -1;
	}
	{
		/* mkstemp makes 0600; a results file gets the usual mode */
		mode_t mask = umask(0);
		umask(mask);
		fchmod(w->fd, 0666 & ~mask);
	}
	return 0;
}

int csv_writer_open(struct csv_writer *w, const char *path, const struct csv_writer_options *opt)
{
	enum output_kind kind = output_kind(path);
	int rc = 0;

	memset(w, 0, sizeof *w);
	w->fd = -1;
	w->opt = *opt;
	if (!w->opt.delimiter)
		w->opt.delimiter = ',';
	w->buf = malloc(OUT_BUF_SIZE);
	w->spare = malloc(OUT_BUF_SIZE);
	w->path = strdup(path);
	if (!w->buf || !w->spare || !w->path) {
		snprintf(w->error, sizeof w->error, "out of memory");
		cleanup(w);
		return -1;
	}
	if (kind == OUTPUT_STDOUT)
		w->fd = STDOUT_FILENO;
	else
		rc = kind == OUTPUT_IN_PLACE ? open_in_place(w) : open_file(w, path, opt);
	if (rc < 0) {
		cleanup(w);
		return -1;
	}
	if (kind != OUTPUT_STDOUT && ends_with(w->path, ".gz")) {
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
	w->job_on = bgjob_start(&w->job) == 0;
	if (w->opt.excel && !w->opt.append)
		put(w, "\xEF\xBB\xBF", 3);
	return 0;
}

/* true when the 8 bytes of w hold one equal to a byte of m (SWAR) */
static inline bool has_byte(uint64_t w, uint64_t m)
{
	uint64_t x = w ^ m;
	return ((x - 0x0101010101010101ULL) & ~x & 0x8080808080808080ULL) != 0;
}

static bool needs_quotes(const char *s, size_t len, char delim)
{
	const uint64_t ones = 0x0101010101010101ULL;
	const uint64_t mq = ones * '"', mn = ones * '\n', mr = ones * '\r';
	const uint64_t md = ones * (unsigned char)delim;
	size_t i = 0;

	/* spaces are content (RFC 4180) and need no quotes: the reader keeps
	 * them, and cells copied as read are not quoted for them either */
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		if (has_byte(w, mq) || has_byte(w, mn) || has_byte(w, mr) || has_byte(w, md))
			return true;
	}
	if (i < len) {
		/* the last bytes in a zeroed word: a zero is none of the four */
		uint64_t w = 0;
		memcpy(&w, s + i, len - i);
		return has_byte(w, mq) || has_byte(w, mn) || has_byte(w, mr) || has_byte(w, md);
	}
	return false;
}

/* Formula-like cells are guarded unless raw; a raw file guards only cells
 * that would otherwise read back as guarded, so reading restores every
 * cell exactly in both modes */
static inline bool needs_guard(const struct csv_writer *w, const char *s, size_t len)
{
	return w->opt.raw ? excel_is_guarded(s, len) : excel_needs_guard(s, len);
}

bool csv_writer_guards_any(const struct csv_writer *w, const char *const *cells, const size_t *lens,
                           size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (needs_guard(w, cells[i], lens[i]))
			return true;
	return false;
}

void csv_writer_field(struct csv_writer *w, const char *s, size_t len)
{
	bool guard;

	if (w->row_started)
		put_byte(w, w->opt.delimiter);
	w->row_started = true;
	if (!len)
		return;   /* an empty cell: nothing to guard or quote */
	guard = needs_guard(w, s, len);
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

void csv_writer_cells(struct csv_writer *w, const char *csv, size_t len)
{
	if (w->row_started)
		put_byte(w, w->opt.delimiter);
	w->row_started = true;
	put(w, csv, len);
}

bool csv_writer_line_cells(struct csv_writer *w, const char *csv, size_t len, const char *const *cells,
                           const size_t *lens, size_t n)
{
	size_t first = 0, off = 0;

	while (first < n && !needs_guard(w, cells[first], lens[first]))
		first++;
	if (first == n) {
		csv_writer_cells(w, csv, len);
		return true;
	}
	if (memchr(csv, '"', len))
		return false;
	/* unquoted: cell i starts after the i cells and commas before it */
	if (w->row_started)
		put_byte(w, w->opt.delimiter);
	w->row_started = true;
	for (size_t i = 0; i < n; i++) {
		size_t start = i < first ? 0 : off;
		if (i < first) {
			off += lens[i] + 1;
			continue;
		}
		if (i == first && off)
			put(w, csv, off);   /* the cells before the first guarded one, and its comma */
		else if (i > first)
			put_byte(w, ',');
		if (needs_guard(w, cells[i], lens[i]))
			put(w, "'", 1);
		put(w, csv + start, lens[i]);
		off += lens[i] + 1;
	}
	return true;
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

int csv_writer_flush(struct csv_writer *w)
{
	flush(w);
	if (w->job_on)
		bgjob_wait(&w->job);
	return w->err ? -1 : 0;
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

/* The complete CSV at tmp_path becomes the workbook under the final name:
 * written under a temporary name of its own (held like the CSV's, so a
 * killed run's is swept), renamed into place. The CSV goes, unless it is
 * a journal a --resume still needs. */
static int commit_workbook(struct csv_writer *w, char *why, size_t whylen)
{
	size_t tl = strlen(w->path) + 16;
	char *book = malloc(tl);
	int fd = -1, rc = -1;

	if (!book) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	/* a journal's killed conversion left one (a plain writer swept at open,
	 * and its own CSV temporary is no longer held here) */
	if (w->opt.work_path)
		stale_temps_sweep(w->path);
	snprintf(book, tl, "%s.tmpXXXXXX", w->path);
	if ((fd = mkstemp(book)) < 0) {
		snprintf(why, whylen, "cannot create %s: %s", book, strerror(errno));
		free(book);
		return -1;
	}
	stale_temps_hold(fd);
	{
		mode_t mask = umask(0);
		umask(mask);
		fchmod(fd, 0666 & ~mask);
	}
	if (xlsx_from_csv(w->tmp_path, w->opt.delimiter, book, w->opt.xlsx, why, whylen) == 0) {
		if (fsync(fd) != 0 || rename(book, w->path) != 0)
			snprintf(why, whylen, "%s", strerror(errno));
		else
			rc = 0;
	}
	close(fd);
	if (rc == 0) {
		if (!w->opt.work_path || !w->opt.keep_work)
			unlink(w->tmp_path);
	} else {
		unlink(book);
	}
	free(book);
	return rc;
}

/* The workbook could not be made: a plain output's complete CSV is kept
 * beside it (NAME.xlsx.csv, never over an existing file), so that no row
 * is lost; a journal stays where it is anyway. Says where into kept. */
static void keep_rows(struct csv_writer *w, char *kept, size_t size)
{
	size_t n = strlen(w->path) + 5;
	char *csv = malloc(n);

	if (w->opt.work_path || !csv) {
		free(csv);
		return;
	}
	snprintf(csv, n, "%s.csv", w->path);
	if (link(w->tmp_path, csv) == 0) {
		unlink(w->tmp_path);
		snprintf(kept, size, "; the rows are kept as CSV in %s", csv);
	}
	free(csv);
}

int csv_writer_commit(struct csv_writer *w)
{
	char why[400] = "", kept[300] = "";

	drain(w);
	if (w->gz) {
		int rc = gzclose(w->gz);
		w->gz = NULL;
		if (rc != Z_OK)
			fail(w, rc == Z_ERRNO ? errno : EIO);
	}
	if (w->tmp_path) {
		bool book = !w->err && xlsx_is_name(w->path);
		if (!w->err && fsync(w->fd) != 0)
			fail(w, errno);
		/* a workbook is made from the CSV: its file stays open (and its
		 * lock held, so no other run sweeps it) until that is done */
		if (!book && close(w->fd) != 0)
			fail(w, errno);
		if (!book)
			w->fd = -1;
		if (book && !w->err) {
			if (commit_workbook(w, why, sizeof why) != 0) {
				fail(w, EIO);
				keep_rows(w, kept, sizeof kept);
			}
		} else if (!w->err && rename(w->tmp_path, w->path) != 0) {
			fail(w, errno);
		}
		if (w->fd >= 0 && close(w->fd) != 0 && !w->err)
			fail(w, errno);
		w->fd = -1;
		if (w->err) {
			/* a journal stays for --resume; a plain temporary file goes
			 * (unless its rows were kept above) */
			if (!w->opt.work_path && !kept[0])
				unlink(w->tmp_path);
		} else {
			sync_dir(w->path);
		}
	} else if (w->in_place) {
		if (close(w->fd) != 0)
			fail(w, errno);
		w->fd = -1;
	}
	if (w->err) {
		snprintf(w->error, sizeof w->error, "cannot write%s: %.280s%s%.160s",
		         why[0] ? " the workbook" : "", why[0] ? why : strerror(w->err),
		         w->tmp_path ? "; nothing was written under this name" : "", kept);
		cleanup(w);
		return -1;
	}
	cleanup(w);
	return 0;
}

void csv_writer_abort(struct csv_writer *w)
{
	if (w->job_on)
		bgjob_stop(&w->job);
	w->job_on = false;
	if (w->gz) {
		gzclose(w->gz);
		w->gz = NULL;
	}
	if (w->tmp_path) {
		if (w->fd >= 0)
			close(w->fd);
		if (!w->opt.work_path)
			unlink(w->tmp_path);
	} else if (w->in_place) {
		close(w->fd);
	}
	w->fd = -1;
	cleanup(w);
}
