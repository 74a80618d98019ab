/* common/folders.c - see common/folders.h. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/folders.h"

bool folders_make(const char *dir)
{
	char *p = strdup(dir);
	bool ok = p != NULL;

	for (char *s = p ? strchr(p + 1, '/') : NULL; ok && s; s = strchr(s + 1, '/')) {
		*s = '\0';
		ok = mkdir(p, 0700) == 0 || errno == EEXIST;
		*s = '/';
	}
	ok = ok && (mkdir(p, 0700) == 0 || errno == EEXIST);
	free(p);
	return ok;
}
