/* generate.h - --generate-contacts: many contacts in the seed at once, for
 * benchmarks and tests of searches past Apollo's 50,000 display cap, far
 * faster than importing them. */
#ifndef SANDBOX_GENERATE_H
#define SANDBOX_GENERATE_H

#include "store.h"

/* Appends n contacts to the seed (so /_sandbox/reset keeps them), then
 * resets the live data to it unless keep_live (a --state file was loaded).
 * The data is deterministic: contact i takes the stage of the seed's
 * contact i mod the seed's count (so the stages keep the seed's shares:
 * over half "Cold"), exactly one of the seed's contact lists (i mod their
 * count), and a created_at 7 seconds after contact i-1's, all after the
 * seed's newest. 0, or -1 with err set. */
int generate_contacts(struct store *s, long n, bool keep_live, char *err, size_t errlen);

#endif
