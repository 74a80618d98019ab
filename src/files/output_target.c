/* files/output_target.c - see files/output_target.h. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "files/output_target.h"

#define MAX_LINKS 40       /* as the kernel's own limit on a path */

enum output_kind output_kind(const char *name)
{
	struct stat st;

	if (strcmp(name, "-") == 0)
		return OUTPUT_STDOUT;
	if (stat(name, &st) == 0 && (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)))
		return OUTPUT_IN_PLACE;
	return OUTPUT_FILE;
}

/* a link's target as a path: an absolute one as it is, a relative one
 * from the folder of the link */
static char *join_target(const char *link, const char *target)
{
	const char *slash = strrchr(link, '/');
	size_t dir = target[0] == '/' || !slash ? 0 : (size_t)(slash - link) + 1;
	size_t tl = strlen(target);
	char *p = malloc(dir + tl + 1);

	if (!p)
		return NULL;
	memcpy(p, link, dir);
	memcpy(p + dir, target, tl + 1);
	return p;
}

char *output_file_path(const char *name)
{
	char *path = strdup(name);
	char target[PATH_MAX];
	struct stat st;

	for (int n = 0; path; n++) {
		ssize_t len;
		char *next;

		if (lstat(path, &st) != 0 || !S_ISLNK(st.st_mode))
			return path;       /* a file, or nothing yet: written here */
		if (n == MAX_LINKS || (len = readlink(path, target, sizeof target - 1)) < 0) {
			int err = n == MAX_LINKS ? ELOOP : errno;
			free(path);
			errno = err;
			return NULL;
		}
		target[len] = '\0';
		next = join_target(path, target);
		free(path);
		path = next;
	}
	errno = ENOMEM;
	return NULL;
}
