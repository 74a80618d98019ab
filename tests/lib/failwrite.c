/* failwrite.c - an LD_PRELOAD shim that makes write(2) fail, to prove what
 * apollo-csv does when the disk fills up or the device errs.
 *
 *   FAILWRITE_MATCH   writes to files whose path contains this text fail
 *   FAILWRITE_ERRNO   ENOSPC (default) or EIO
 *   FAILWRITE_AFTER   bytes let through to matching files first (default 0)
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static ssize_t (*real_write)(int, const void *, size_t);
static unsigned long long passed;

static int matches(int fd)
{
	const char *match = getenv("FAILWRITE_MATCH");
	char link[64], path[4096];
	ssize_t n;

	if (!match || !*match)
		return 0;
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	n = readlink(link, path, sizeof path - 1);
	if (n < 0)
		return 0;
	path[n] = '\0';
	return strstr(path, match) != NULL;
}

ssize_t write(int fd, const void *buf, size_t count)
{
	if (!real_write)
		real_write = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
	if (matches(fd)) {
		const char *after = getenv("FAILWRITE_AFTER");
		const char *err = getenv("FAILWRITE_ERRNO");
		unsigned long long limit = after ? strtoull(after, NULL, 10) : 0;
		if (passed + count > limit) {
			size_t room = (size_t)(limit - passed);
			if (room > 0 && room < count) {
				/* a short write first, as a filling disk does */
				ssize_t n = real_write(fd, buf, room);
				if (n > 0)
					passed += (unsigned long long)n;
				return n;
			}
			errno = (err && strcmp(err, "EIO") == 0) ? EIO : ENOSPC;
			return -1;
		}
		passed += count;
	}
	return real_write(fd, buf, count);
}
