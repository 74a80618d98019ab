/* commands/research_journal.h - what prospect's research bought, kept as
 * it is bought: FILE.research.partial, beside FILE.people.csv and
 * FILE.domains.csv, until both are written.
 *
 * Each call that spends credits is one line of JSON, appended once its
 * answer is read and made safe (fsync) before the next call goes:
 *   {"call":"organizations/bulk_enrich","credits":2,"organizations":
 *    {"acme.com":{...Apollo's organization...},"none.test":null}}
 *   {"call":"people/bulk_match","credits":1,"people":
 *    {"<Apollo person id>":{...Apollo's person...},"<id>":null}}
 * null: Apollo answered that it has none. An item whose answer was lost or
 * not confirmed is not written down, and is asked again. So a kill loses
 * at most the call in flight. The first line that is cut off (no newline:
 * the kill came while it was written) or not such a record ends the
 * journal, and is cut away when it is opened again. The free people search
 * is not journaled: it is done again.
 *
 * One run at a time: an exclusive flock(2) on the file, which the kernel
 * lets go of when the process ends, however it ends. */
#ifndef APOLLO_RESEARCH_JOURNAL_H
#define APOLLO_RESEARCH_JOURNAL_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

struct research_journal {
	char *path;
	int fd;                        /* locked; -1: not open */
	/* read back by research_journal_open with `keep` */
	cJSON *organizations;          /* domain -> organization, or null */
	cJSON *people;                 /* person id -> person, or null */
	double credits;                /* what those calls cost */
	size_t calls;
	bool torn;                     /* a record cut off by a kill was cut away */
};

/* Opens (or makes) the journal at path and locks it; with `keep` reads
 * back what it holds, else empties it (--force, or a run with no journal
 * before). An exit status, the problem printed. */
int research_journal_open(struct research_journal *j, const char *path, bool keep);

/* Appends one call's record: `items` (an object of what it bought, by
 * domain or person id, as above; not taken over) under `key`. 0, or -1
 * with errno set: nothing more may be bought then. */
int research_journal_add(struct research_journal *j, const char *call, double credits, const char *key,
                         const cJSON *items);

/* The research is written down elsewhere: the journal goes. */
void research_journal_remove(struct research_journal *j);

/* Lets go of it (the file stays, for --resume). */
void research_journal_close(struct research_journal *j);

/* A journal left beside research that was finished (a run killed between
 * writing the files and removing it): removed, unless a live run holds
 * it. An exit status, the problem printed. */
int research_journal_discard(const char *path);

#endif
