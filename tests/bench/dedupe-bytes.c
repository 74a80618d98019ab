/* dedupe-bytes - the benchmark of the in-file duplicate set: adds N
 * distinct keys shaped like the emails of a prospect list, then N/10 of
 * them again (found, not added), and prints the set's bytes per distinct
 * key at every tenth of the way (the worst and the last), the growth in
 * peak RSS the set caused (ru_maxrss before and after) per key, and the
 * nanoseconds per key added.
 *
 *   dedupe-bytes N */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "rows/dedupe.h"

static long maxrss_kb(void)
{
	struct rusage ru;
	return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : 0;
}

int main(int argc, char **argv)
{
	struct dedupe_set set;
	struct timespec t0, t1;
	unsigned long n, found = 0;
	double worst = 0, per_key;
	long rss0;
	char key[64];

	if (argc != 2 || (n = strtoul(argv[1], NULL, 10)) < 10) {
		fprintf(stderr, "usage: dedupe-bytes N (N >= 10)\n");
		return 2;
	}
	rss0 = maxrss_kb();
	dedupe_init(&set);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (unsigned long i = 1; i <= n; i++) {
		int len = snprintf(key, sizeof key, "p%lu.person@company%lu.example", i, i % 9973);
		if (dedupe_check_add(&set, key, (size_t)len, i) != 0) {
			fprintf(stderr, "dedupe-bytes: key %lu taken for a duplicate\n", i);
			return 1;
		}
		/* from 4,096 keys on (a set that small is a few pages anyway) */
		if (i >= 4096 && i % (n / 10 ? n / 10 : 1) == 0) {
			per_key = (double)dedupe_bytes(&set) / (double)set.used;
			worst = per_key > worst ? per_key : worst;
		}
	}
	for (unsigned long i = 1; i <= n; i += 10) {
		int len = snprintf(key, sizeof key, "p%lu.person@company%lu.example", i, i % 9973);
		found += dedupe_check_add(&set, key, (size_t)len, n + i) == i;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (found != (n + 9) / 10 || set.used != n) {
		fprintf(stderr, "dedupe-bytes: %lu of %lu repeats found, %zu keys held\n", found, (n + 9) / 10,
		        set.used);
		return 1;
	}
	per_key = (double)dedupe_bytes(&set) / (double)set.used;
	printf("keys=%lu bytes_per_key=%.2f worst_bytes_per_key=%.2f rss_bytes_per_key=%.2f ns_per_key=%.0f\n", n,
	       per_key, worst > per_key ? worst : per_key, (double)(maxrss_kb() - rss0) * 1024.0 / (double)n,
	       ((double)(t1.tv_sec - t0.tv_sec) * 1e9 + (double)(t1.tv_nsec - t0.tv_nsec)) / (double)(n + n / 10));
	dedupe_free(&set);
	return 0;
}
