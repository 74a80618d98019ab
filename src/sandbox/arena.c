/* arena.c - see arena.h. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <cjson/cJSON.h>

#include "arena.h"

/* address space, not memory: pages are touched as contacts are made */
#define ARENA_BYTES ((size_t)32 << 30)

/* pages are made ready this many bytes at a time, ahead of use */
#define ARENA_STEP ((size_t)4 << 20)

static char *base;          /* NULL: no region, all malloc */
static size_t used;
static size_t ready;        /* bytes made ready (MADV_POPULATE_WRITE) */
static bool can_populate = true; /* false once the kernel said no (before 5.14) */
static __thread bool packing;

static void *arena_malloc(size_t n)
{
	if (packing && base) {
		size_t need = (n + 7) & ~(size_t)7;
		if (used + need <= ARENA_BYTES) {
			void *p = base + used;
#ifdef MADV_POPULATE_WRITE
			/* one call faults in 1,024 pages, cheaper than a fault a
			 * page as bulk_create touches them (about +9% calls/s) */
			if (can_populate && used + need > ready && ready + ARENA_STEP <= ARENA_BYTES) {
				if (madvise(base + ready, ARENA_STEP, MADV_POPULATE_WRITE) == 0)
					ready += ARENA_STEP;
				else
					can_populate = false;
			}
#endif
			used += need;
			return p;
		}
	}
	return malloc(n);
}

static void arena_free(void *p)
{
	if (base && (char *)p >= base && (char *)p < base + ARENA_BYTES)
		return;
	free(p);
}

void arena_open(void)
{
	static cJSON_Hooks hooks = { arena_malloc, arena_free };
	void *m;
	if (base)
		return;
	m = mmap(NULL, ARENA_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
	               -1, 0);
	if (m == MAP_FAILED)
		return;
	/* no MADV_HUGEPAGE: with this machine's defrag=madvise a fault may
	 * stop to compact memory, and runs came out 2x slower at random */
	base = m;
	cJSON_InitHooks(&hooks);
}

void arena_pack(bool on)
{
	packing = on;
}

/* kept made ready over a rewind: a test resets the sandbox often, and
 * the next contact would fault these pages in again */
#define ARENA_KEEP ((size_t)4 * ARENA_STEP)

void arena_rewind(void)
{
	size_t end = ready > used ? ready : used;
	if (base && end > ARENA_KEEP) {
		madvise(base + ARENA_KEEP, end - ARENA_KEEP, MADV_DONTNEED);
		if (ready > ARENA_KEEP)
			ready = ARENA_KEEP;
	}
	used = 0;
}
