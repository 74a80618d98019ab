/* files/stale_temps.c - see files/stale_temps.h. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "common/msg.h"
#include "files/stale_temps.h"

/* mkstemp's six letters */
#define SUFFIX_LETTERS 6

int stale_temps_hold(int fd)
{
	return flock(fd, LOCK_EX | LOCK_NB);
}

/* name is base + ".tmp" + six of mkstemp's letters */
static bool is_temp_of(const char *name, const char *base)
{
	size_t n = strlen(base);
	if (strncmp(name, base, n) != 0 || strncmp(name + n, ".tmp", 4) != 0)
		return false;
	name += n + 4;
	for (int i = 0; i < SUFFIX_LETTERS; i++)
		if (!((name[i] >= 'A' && name[i] <= 'Z') || (name[i] >= 'a' && name[i] <= 'z') ||
		      (name[i] >= '0' && name[i] <= '9')))
			return false;
	return name[SUFFIX_LETTERS] == '\0';
}

/* Removes dir/name if no process holds its lock. */
static bool remove_if_stale(const char *dir, const char *name)
{
	char full[4096];
	int fd;
	bool removed = false;

	if ((size_t)snprintf(full, sizeof full, "%s/%s", dir, name) >= sizeof full)
		return false;
	fd = open(full, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (fd < 0)
		return false;
	/* unlinked while locked, so a writer starting now cannot take it */
	if (flock(fd, LOCK_EX | LOCK_NB) == 0 && unlink(full) == 0) {
		msg_info("removed %s, left by a run that was stopped before it finished",
		         strcmp(dir, ".") == 0 ? name : full);
		removed = true;
	}
	close(fd);
	return removed;
}

int stale_temps_sweep(const char *path)
{
	char *a = strdup(path), *b = strdup(path);
	const char *dir, *base;
	struct dirent *e;
	DIR *d;
	int n = 0;

	if (!a || !b) {
		free(a);
		free(b);
		return 0;
	}
	dir = dirname(a);
	base = basename(b);
	if ((d = opendir(dir))) {
		while ((e = readdir(d)))
			if (is_temp_of(e->d_name, base) && remove_if_stale(dir, e->d_name))
				n++;
		closedir(d);
	}
	free(a);
	free(b);
	return n;
}
