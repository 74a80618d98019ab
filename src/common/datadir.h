/* common/datadir.h - find a data file (mapping profiles, the sandbox seed) where
 * it is installed, or, for a program run from its build tree without
 * `make install`, in the source tree beside it. */
#ifndef APOLLO_DATADIR_H
#define APOLLO_DATADIR_H

#include <stddef.h>

/* `installed` when it exists; else <program's folder>/../`in_tree` when
 * that exists; else `installed` (so a message names where it should be).
 * The result is `installed` or buf. */
const char *data_path(const char *installed, const char *in_tree, char *buf, size_t size);

#endif
