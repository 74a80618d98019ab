/* files/output_target.h - what the name of an output names, decided
 * before anything is written to it.
 *
 * "-" is standard output. A character device (/dev/null, a terminal) or a
 * FIFO is written in place: opened for writing as it is, never created,
 * replaced, renamed over or removed, so it needs no --force; there is
 * nothing in it to --resume from. Anything else is a file, written under
 * a temporary name beside it and renamed into place. A name that is a
 * symbolic link is followed: the file written is the one the link points
 * to (through every link; a relative target is taken from the link's
 * folder), so the link stays a link and points at the new file; a
 * dangling link's target is created where it points. */
#ifndef APOLLO_OUTPUT_TARGET_H
#define APOLLO_OUTPUT_TARGET_H

enum output_kind {
	OUTPUT_STDOUT,       /* "-" */
	OUTPUT_IN_PLACE,     /* a character device or a FIFO */
	OUTPUT_FILE          /* a file, new or replaced */
};

enum output_kind output_kind(const char *name);

/* The path a file output is written at: the file a link points to, or
 * the name itself. malloc'd; NULL with errno set (ELOOP: links in a loop
 * or too many of them; ENOMEM). */
char *output_file_path(const char *name);

#endif
