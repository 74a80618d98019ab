/* files/whole_file.h - a small file read whole into memory: a summary, a
 * log, a JSON file a program of ours wrote. */
#ifndef APOLLO_WHOLE_FILE_H
#define APOLLO_WHOLE_FILE_H

#include <stddef.h>

/* The file's first `limit` bytes (all of it when smaller), NUL-terminated,
 * malloc'd as large as what was read; NULL when it cannot be opened or
 * memory is short. */
char *whole_file(const char *path, size_t limit);

#endif
