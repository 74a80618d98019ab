/* files/whole_file.c - see files/whole_file.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "files/whole_file.h"

char *whole_file(const char *path, size_t limit)
{
	FILE *f = fopen(path, "r");
	struct stat st;
	size_t size, n;
	char *buf;

	if (!f)
		return NULL;
	size = fstat(fileno(f), &st) == 0 && st.st_size >= 0 && (size_t)st.st_size < limit ? (size_t)st.st_size : limit;
	if (!(buf = malloc(size + 1))) {
		fclose(f);
		return NULL;
	}
	n = fread(buf, 1, size, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}
