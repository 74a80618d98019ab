/* files/stale_temps.h - the temporary files an output is written under
 * (FILE.tmpXXXXXX, renamed to FILE when complete) never outlive their run.
 *
 * A writer holds an exclusive flock(2) on its temporary file for as long
 * as it writes; the kernel drops the lock when the process ends, however
 * it ends. So a FILE.tmpXXXXXX that can be locked is one no run is
 * writing: a killed run's, removed by the next run that writes FILE. No
 * clock decides it (a file's age says nothing when a run can be paused
 * for hours by a rate limit). */
#ifndef APOLLO_STALE_TEMPS_H
#define APOLLO_STALE_TEMPS_H

/* Marks fd (a temporary file just made) as being written by this run. */
int stale_temps_hold(int fd);

/* Removes the temporary files of `path` (path.tmpXXXXXX) that no running
 * process holds, saying so on stderr; returns how many. */
int stale_temps_sweep(const char *path);

#endif
