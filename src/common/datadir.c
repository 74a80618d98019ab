#include "config.h"

#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "common/datadir.h"

const char *data_path(const char *installed, const char *in_tree, char *buf, size_t size)
{
	char exe[PATH_MAX];
	ssize_t n;

	if (access(installed, F_OK) == 0)
		return installed;
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		/* src/apollo-csv or src/apollo-sandbox: the tree is one level up */
		snprintf(buf, size, "%s/../%s", dirname(exe), in_tree);
		if (access(buf, F_OK) == 0)
			return buf;
	}
	return installed;
}
