/* unit.h - shared helpers for the Check unit tests.
 *
 * unit_run() runs a suite and turns the outcome into an exit status.
 * unit_tmp_setup/unit_tmp_teardown are meant as an *unchecked* fixture:
 * they run in the parent process, once per test case, so the temporary
 * directory is removed even when a (forked) test fails half-way. Tests
 * in one case share the directory and use their own file names, or make
 * a private folder with unit_subdir(). */
#ifndef APOLLO_UNIT_H
#define APOLLO_UNIT_H

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char unit_dir[256];

static inline int unit_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

/* Removes a file or a whole tree (making folders writable first, so a
 * test that chmod'ed one to 0555 still cleans up). */
static inline void unit_rmtree(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *de;

	if (lstat(path, &st) != 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(path);
		return;
	}
	chmod(path, 0700);
	d = opendir(path);
	if (d) {
		while ((de = readdir(d)) != NULL) {
			char sub[1024];
			int n;
			if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
				continue;
			n = snprintf(sub, sizeof sub, "%s/%s", path, de->d_name);
			if (n > 0 && (size_t)n < sizeof sub)
				unit_rmtree(sub);
		}
		closedir(d);
	}
	rmdir(path);
}

static inline void unit_tmp_setup(void)
{
	snprintf(unit_dir, sizeof unit_dir, "/tmp/apollo-unit-XXXXXX");
	if (!mkdtemp(unit_dir)) {
		fprintf(stderr, "mkdtemp: %s\n", strerror(errno));
		abort();
	}
}

static inline void unit_tmp_teardown(void)
{
	if (unit_dir[0])
		unit_rmtree(unit_dir);
}

/* "<tmpdir>/name"; the result lives until eight more calls have been made */
static inline const char *unit_path(const char *name)
{
	static char ring[8][1024];
	static unsigned next;
	char *p = ring[next++ % 8];
	int n = snprintf(p, sizeof ring[0], "%s/%s", unit_dir, name);
	ck_assert_msg(n > 0 && (size_t)n < sizeof ring[0], "path too long: %s", name);
	return p;
}

/* A fresh, empty folder "<tmpdir>/name" (removed first if it exists). */
static inline const char *unit_subdir(const char *name)
{
	const char *p = unit_path(name);
	unit_rmtree(p);
	ck_assert_msg(mkdir(p, 0700) == 0, "mkdir %s: %s", p, strerror(errno));
	return p;
}

/* Writes len bytes to "<tmpdir>/name" and returns the path. */
static inline const char *unit_write(const char *name, const void *data, size_t len)
{
	const char *p = unit_path(name);
	FILE *fp = fopen(p, "wb");
	ck_assert_msg(fp != NULL, "cannot create %s: %s", p, strerror(errno));
	ck_assert_uint_eq(fwrite(data, 1, len, fp), len);
	ck_assert_int_eq(fclose(fp), 0);
	return p;
}

static inline const char *unit_write_str(const char *name, const char *text)
{
	return unit_write(name, text, strlen(text));
}

/* The whole file, NUL-terminated, malloc'd; NULL if it cannot be read.
 * *len (if not NULL) gets its size. */
static inline char *unit_read(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0;

	if (len)
		*len = 0;
	if (!fp)
		return NULL;
	for (;;) {
		size_t got;
		if (cap - n < 4096) {
			char *nb = realloc(buf, cap ? cap * 2 : 8192);
			ck_assert_ptr_nonnull(nb);
			buf = nb;
			cap = cap ? cap * 2 : 8192;
		}
		got = fread(buf + n, 1, cap - n - 1, fp);
		n += got;
		if (got == 0)
			break;
	}
	fclose(fp);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

static inline bool unit_exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

/* Number of entries in a folder (not counting . and ..); with `contains`
 * set, only the names containing it. */
static inline int unit_count_entries(const char *dir, const char *contains)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	ck_assert_msg(d != NULL, "opendir %s: %s", dir, strerror(errno));
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (!contains || strstr(de->d_name, contains))
			n++;
	}
	closedir(d);
	return n;
}

/* The formats/ folder: $APOLLO_CSV_FORMATS, else $TOP_SRCDIR/formats,
 * else ./formats or ../formats, whichever exists. */
static inline const char *unit_formats_dir(void)
{
	static char buf[1024];
	const char *env = getenv("APOLLO_CSV_FORMATS");
	const char *top = getenv("TOP_SRCDIR");
	struct stat st;

	if (env && *env)
		return env;
	if (top && *top) {
		int n = snprintf(buf, sizeof buf, "%s/formats", top);
		if (n > 0 && (size_t)n < sizeof buf)
			return buf;
	}
	if (stat("formats/generic.fmt", &st) == 0)
		return "formats";
	return "../formats";
}

/* A test case with the temporary-folder fixture. */
static inline TCase *unit_tcase(const char *name)
{
	TCase *tc = tcase_create(name);
	tcase_add_unchecked_fixture(tc, unit_tmp_setup, unit_tmp_teardown);
	return tc;
}

#endif
