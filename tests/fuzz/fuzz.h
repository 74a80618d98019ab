/* fuzz.h - what the libFuzzer targets share: the fuzz input as a file the
 * code under test opens by name (a memfd, reached as /proc/self/fd/N). */
#ifndef APOLLO_FUZZ_H
#define APOLLO_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

struct fuzz_file {
	int fd;
	char path[64];
};

/* data as a file named f->path; aborts when the memfd cannot be made */
static inline void fuzz_file_open(struct fuzz_file *f, const uint8_t *data, size_t size)
{
	size_t done = 0;
	f->fd = memfd_create("fuzz-input", MFD_CLOEXEC);
	if (f->fd < 0) {
		perror("memfd_create");
		abort();
	}
	while (done < size) {
		ssize_t n = write(f->fd, data + done, size - done);
		if (n <= 0) {
			perror("write");
			abort();
		}
		done += (size_t)n;
	}
	snprintf(f->path, sizeof f->path, "/proc/self/fd/%d", f->fd);
}

static inline void fuzz_file_close(struct fuzz_file *f)
{
	close(f->fd);
}

/* a NUL-terminated copy of data (malloc'd) */
/* reads a value so that it is not optimised away */
static volatile size_t fuzz_sink;

static inline char *fuzz_strdup(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		abort();
	for (size_t i = 0; i < size; i++)
		s[i] = (char)data[i];
	s[size] = '\0';
	return s;
}

#endif
