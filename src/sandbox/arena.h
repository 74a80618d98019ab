/* arena.h - where the contacts the API makes keep their JSON: one bump
 * region, emptied at once when the store goes back to the seed; and where
 * a request's parsed body lives: a scratch slot a thread, emptied at the
 * thread's next request.
 *
 * A contact is some 50 cJSON values; made one malloc each, a bulk_create
 * of 100 new contacts was 5,000 mallocs and most of the sandbox's time.
 * While a thread packs (arena_pack), cJSON's allocations on that thread
 * come from the region; cJSON's free leaves region memory alone (a value
 * replaced later is kept until the reset), and frees the rest as before.
 * The region is virtual address space reserved once; without it (mmap
 * refused) everything is malloc'd as before. */
#ifndef SANDBOX_ARENA_H
#define SANDBOX_ARENA_H

#include <stdbool.h>

/* installs cJSON's hooks; call once, before any cJSON value is made */
void arena_open(void);
/* true: this thread's cJSON allocations come from the region until
 * arena_pack(false). The caller holds the store's lock, and packs only
 * code that makes values: text cJSON prints is released with free(),
 * which region memory must never reach. Returns what it was before. */
bool arena_pack(bool on);
/* true: this thread's cJSON allocations come from its slot of the
 * scratch region until arena_scratch(false); true again empties the slot.
 * For a request's parsed body only, which dies with the request: every
 * value of the body is read or copied, never kept (a value kept would be
 * overwritten by the next request on the thread). Beyond 2 MiB, or with
 * 128 threads holding slots, values are malloc'd as before; under
 * AddressSanitizer always (so that a kept value is a reported use after
 * free). Frees of scratch values cost nothing. */
void arena_scratch(bool on);
/* every packed value is gone (the store's data was deleted): the region
 * is empty again and its pages go back to the system */
void arena_rewind(void);

#endif
