/* rows/dedupe.h - the in-file duplicate set.
 *
 * Rows are matched by normalised email, else by first + last name +
 * company. The set keeps only a 64-bit hash of each key and the row number
 * that first had it: 12 bytes a slot. Two different keys share a hash with
 * probability about n^2 / 2^65 (3e-6 for 10 million rows): such a row
 * would be reported as a duplicate, with the row it was taken for named.
 *
 * The slots are split into DEDUPE_PARTS tables by the hash's top bits, each
 * grown on its own by a fifth when it is 7/8 full. The parts start at
 * staggered sizes (64 to 127 slots), so they grow at different times: the
 * set as a whole stays about 4/5 full, 15 to 16 bytes a distinct key from
 * a few thousand keys on (below that, the parts' first sizes: 97 KB at
 * most), and a growth holds two copies of one part only, never of the
 * whole set, so the peak memory is the set's size. */
#ifndef APOLLO_DEDUPE_H
#define APOLLO_DEDUPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* one slot: the hash and its first row, packed so a probe touches one
 * cache line */
struct dedupe_slot {
	uint64_t key;        /* 0: empty */
	uint32_t row;
} __attribute__((packed));

#define DEDUPE_PARTS 64

struct dedupe_part {
	struct dedupe_slot *slots;
	size_t cap, used;
};

struct dedupe_set {
	struct dedupe_part part[DEDUPE_PARTS];
	size_t used;         /* distinct keys in all parts */
};

void dedupe_init(struct dedupe_set *s);
void dedupe_free(struct dedupe_set *s);
/* The row number that first had this key, or 0 after adding it for `row`
 * (row >= 1). Returns 0 without adding when memory runs out. */
unsigned long dedupe_check_add(struct dedupe_set *s, const char *key, size_t len, unsigned long row);
/* The row number that first had this key, or 0; adds nothing. */
unsigned long dedupe_find(const struct dedupe_set *s, const char *key, size_t len);
/* bytes held, for the benchmark */
size_t dedupe_bytes(const struct dedupe_set *s);
uint64_t dedupe_hash(const char *key, size_t len);

#endif
