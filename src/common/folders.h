/* common/folders.h - a folder and the folders above it, made private. */
#ifndef APOLLO_FOLDERS_H
#define APOLLO_FOLDERS_H

#include <stdbool.h>

/* Makes dir and each folder above it that is missing, with mode 0700 (a
 * folder already there is left as it is). false with errno set. */
bool folders_make(const char *dir);

#endif
