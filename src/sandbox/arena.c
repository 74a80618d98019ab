/* arena.c - see arena.h. */
#include "config.h"

#include <pthread.h>
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

/* Scratch: a request's parsed body, one slot of the scratch region a
 * thread (a connection), bump-allocated and emptied at the next parse on
 * that thread; its frees cost nothing. Without it a bulk_create's body was
 * 1,400 mallocs and as many frees (a tenth of the sandbox's CPU). */
#define SCRATCH_SLOTS 128
#define SCRATCH_SLOT ((size_t)2 << 20)
#define SCRATCH_KEEP ((size_t)256 << 10)  /* resident past a thread's end */

static char *scratch;                   /* NULL: none, all malloc */
static pthread_mutex_t scratch_lock = PTHREAD_MUTEX_INITIALIZER;
static int free_slots[SCRATCH_SLOTS], n_free;
static pthread_key_t slot_key;
static __thread int slot = -1;          /* this thread's, -1: none yet or none left */
static __thread bool scratching;
static __thread size_t scratch_used, scratch_high;

/* the thread's slot goes back when the thread ends */
static void release_slot(void *v)
{
	int i = (int)(intptr_t)v - 1;
	if (scratch_high > SCRATCH_KEEP)
		madvise(scratch + (size_t)i * SCRATCH_SLOT + SCRATCH_KEEP, scratch_high - SCRATCH_KEEP,
		        MADV_DONTNEED);
	pthread_mutex_lock(&scratch_lock);
	free_slots[n_free++] = i;
	pthread_mutex_unlock(&scratch_lock);
}

static void take_slot(void)
{
	pthread_mutex_lock(&scratch_lock);
	if (n_free > 0)
		slot = free_slots[--n_free];
	pthread_mutex_unlock(&scratch_lock);
	if (slot >= 0 && pthread_setspecific(slot_key, (void *)(intptr_t)(slot + 1)) != 0) {
		release_slot((void *)(intptr_t)(slot + 1));
		slot = -1;
	}
}

static void *scratch_malloc(size_t n)
{
	size_t need = (n + 15) & ~(size_t)15;
	void *p;
	if (scratch_used + need > SCRATCH_SLOT)
		return NULL;
	p = scratch + (size_t)slot * SCRATCH_SLOT + scratch_used;
	scratch_used += need;
	if (scratch_used > scratch_high)
		scratch_high = scratch_used;
	return p;
}

static void *arena_malloc(size_t n)
{
	if (scratching) {
		void *p = scratch_malloc(n);
		if (p)
			return p;
	}
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
	if (scratch && (char *)p >= scratch && (char *)p < scratch + SCRATCH_SLOTS * SCRATCH_SLOT)
		return;
	free(p);
}

/* Under AddressSanitizer there is no scratch: a value of a request's
 * body kept past the request is then a use after free it reports, not
 * memory silently reused. */
#if defined(__SANITIZE_ADDRESS__)
#define SCRATCH_OFF 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SCRATCH_OFF 1
#endif
#endif

static void open_scratch(void)
{
#ifndef SCRATCH_OFF
	void *m = mmap(NULL, SCRATCH_SLOTS * SCRATCH_SLOT, PROT_READ | PROT_WRITE,
	               MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (m == MAP_FAILED || pthread_key_create(&slot_key, release_slot) != 0) {
		if (m != MAP_FAILED)
			munmap(m, SCRATCH_SLOTS * SCRATCH_SLOT);
		return;
	}
	for (int i = 0; i < SCRATCH_SLOTS; i++)
		free_slots[n_free++] = SCRATCH_SLOTS - 1 - i;
	scratch = m;
#endif
}

void arena_scratch(bool on)
{
	if (!on || !scratch) {
		scratching = false;
		return;
	}
	if (slot < 0)
		take_slot();
	/* what the last parse on this thread made is gone with its request */
	scratch_used = 0;
	scratching = slot >= 0;
}

void arena_open(void)
{
	static cJSON_Hooks hooks = { arena_malloc, arena_free };
	void *m;
	if (base)
		return;
	m = mmap(NULL, ARENA_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
	               -1, 0);
	open_scratch();
	if (m == MAP_FAILED)
		return;
	/* no MADV_HUGEPAGE: with this machine's defrag=madvise a fault may
	 * stop to compact memory, and runs came out 2x slower at random */
	base = m;
	cJSON_InitHooks(&hooks);
}

bool arena_pack(bool on)
{
	bool was = packing;
	packing = on;
	return was;
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
