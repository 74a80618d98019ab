/* rows/profiles.c - load and choose column-mapping profiles; see rows/profiles.h. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/datadir.h"
#include "rows/profiles.h"
#include "values/clean.h"

#define KEY_MAX 128

const char *profiles_dir(void)
{
	static char buf[4096];
	const char *env = getenv("APOLLO_CSV_FORMATS");
	return (env && *env) ? env : data_path(FORMATS_DIR, "formats", buf, sizeof buf);
}

static int add_alias(struct profile *p, const char *key, enum field f)
{
	struct profile_alias *na = realloc(p->aliases, (p->naliases + 1) * sizeof *na);
	if (!na)
		return -1;
	p->aliases = na;
	na[p->naliases].key = strdup(key);
	na[p->naliases].field = f;
	return na[p->naliases++].key ? 0 : -1;
}

static int add_detect(struct profile *p, const char *key)
{
	char **nd = realloc(p->detect, (p->ndetect + 1) * sizeof *nd);
	if (!nd)
		return -1;
	p->detect = nd;
	nd[p->ndetect] = strdup(key);
	return nd[p->ndetect++] ? 0 : -1;
}

/* "A | B | C": call add for each normalised name */
static int each_name(struct profile *p, char *list, bool detect, enum field f)
{
	char *save = NULL;
	for (char *tok = strtok_r(list, "|", &save); tok; tok = strtok_r(NULL, "|", &save)) {
		char key[KEY_MAX];
		tok = clean_line(tok);
		clean_match_key_into(tok, strlen(tok), key, sizeof key);
		if (!*key)
			continue;
		if ((detect ? add_detect(p, key) : add_alias(p, key, f)) < 0)
			return -1;
	}
	return 0;
}

static int load_one(struct profile *p, const char *path, char *err, size_t errlen)
{
	FILE *fp = fopen(path, "r");
	char line[1024];
	unsigned long lineno = 0;

	memset(p, 0, sizeof *p);
	if (!fp) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof line, fp)) {
		char *s = line, *colon, *key, *val;
		enum field f;
		lineno++;
		if ((colon = strchr(s, '#')) != NULL)
			*colon = '\0';
		s = clean_line(s);
		if (!*s)
			continue;
		colon = strchr(s, ':');
		if (!colon) {
			snprintf(err, errlen, "%s:%lu: expected \"field: Header | Header\"", path, lineno);
			fclose(fp);
			return -1;
		}
		*colon = '\0';
		key = clean_line(s);
		val = clean_line(colon + 1);
		if (strcmp(key, "profile") == 0) {
			free(p->name);
			p->name = strdup(val);
		} else if (strcmp(key, "description") == 0) {
			free(p->title);
			p->title = strdup(val);
		} else if (strcmp(key, "detect") == 0) {
			if (each_name(p, val, true, F_COUNT) < 0)
				goto oom;
		} else if (field_parse(key, &f)) {
			if (each_name(p, val, false, f) < 0)
				goto oom;
		} else {
			snprintf(err, errlen, "%s:%lu: unknown field \"%s\" (known: %s)", path, lineno,
			         key, field_list());
			fclose(fp);
			return -1;
		}
	}
	fclose(fp);
	if (!p->name) {
		snprintf(err, errlen, "%s: no \"profile: NAME\" line", path);
		return -1;
	}
	return 0;
oom:
	fclose(fp);
	snprintf(err, errlen, "%s: out of memory", path);
	return -1;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct profile *)a)->name, ((const struct profile *)b)->name);
}

int profiles_load(struct profile_set *set, const char *dir, char *err, size_t errlen)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	memset(set, 0, sizeof *set);
	if (!d) {
		snprintf(err, errlen, "%s: cannot open the mapping profiles folder: %s "
		         "(set APOLLO_CSV_FORMATS to the formats/ folder)", dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		size_t l = strlen(de->d_name);
		char path[4096];
		struct profile *nv;
		if (l < 5 || strcmp(de->d_name + l - 4, ".fmt") != 0)
			continue;
		nv = realloc(set->v, (set->n + 1) * sizeof *nv);
		if (!nv) {
			snprintf(err, errlen, "out of memory");
			closedir(d);
			return -1;
		}
		set->v = nv;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		if (load_one(&set->v[set->n], path, err, errlen) < 0) {
			set->n++;
			closedir(d);
			return -1;
		}
		set->n++;
	}
	closedir(d);
	if (set->n)
		qsort(set->v, set->n, sizeof *set->v, by_name);
	set->generic = profiles_find(set, "generic");
	if (!set->generic) {
		snprintf(err, errlen, "%s: no generic.fmt profile", dir);
		return -1;
	}
	return 0;
}

void profiles_free(struct profile_set *set)
{
	for (size_t i = 0; i < set->n; i++) {
		struct profile *p = &set->v[i];
		for (size_t j = 0; j < p->ndetect; j++)
			free(p->detect[j]);
		for (size_t j = 0; j < p->naliases; j++)
			free(p->aliases[j].key);
		free(p->detect);
		free(p->aliases);
		free(p->name);
		free(p->title);
	}
	free(set->v);
	memset(set, 0, sizeof *set);
}

const struct profile *profiles_find(const struct profile_set *set, const char *name)
{
	for (size_t i = 0; i < set->n; i++)
		if (strcmp(set->v[i].name, name) == 0)
			return &set->v[i];
	return NULL;
}

static bool key_lookup(const struct profile *p, const char *key, enum field *out)
{
	for (size_t i = 0; i < p->naliases; i++)
		if (strcmp(p->aliases[i].key, key) == 0) {
			*out = p->aliases[i].field;
			return true;
		}
	return false;
}

bool profile_lookup(const struct profile *p, const char *header, size_t len, enum field *out)
{
	char key[KEY_MAX];
	clean_match_key_into(header, len, key, sizeof key);
	return *key && key_lookup(p, key, out);
}

static bool key_detects(const struct profile *p, const char *key)
{
	for (size_t d = 0; d < p->ndetect; d++)
		if (strcmp(p->detect[d], key) == 0)
			return true;
	return false;
}

bool profile_detects(const struct profile *p, const char *header, size_t len)
{
	char key[KEY_MAX];
	clean_match_key_into(header, len, key, sizeof key);
	return *key && key_detects(p, key);
}

/* "LeadSource", "OwnerId": a lower-case letter then an upper-case one, and
 * no blank: a name a program gave the column */
static bool program_spelling(const char *h)
{
	if (strpbrk(h, " \t"))
		return false;
	for (const char *p = h; p[0] && p[1]; p++)
		if (p[0] >= 'a' && p[0] <= 'z' && p[1] >= 'A' && p[1] <= 'Z')
			return true;
	return false;
}

const struct profile *profiles_choose(const struct profile_set *set,
                                      const char *const *header, size_t n)
{
	const struct profile *best = set->generic;
	size_t best_hits = 0, best_mapped = 0;

	for (size_t i = 0; i < set->n; i++) {
		const struct profile *p = &set->v[i];
		size_t hits = 0, mapped = 0;
		bool marked = false;
		enum field f;
		for (size_t c = 0; c < n; c++) {
			char key[KEY_MAX];
			clean_match_key_into(header[c], strlen(header[c]), key, sizeof key);
			if (key_detects(p, key)) {
				hits++;
				marked = marked || program_spelling(header[c]);
			}
			if (*key && key_lookup(p, key, &f))
				mapped++;
		}
		if (hits == 1 && !marked)
			hits = 0; /* one plain-words header is no export's mark */
		if (hits > best_hits || (hits && hits == best_hits && mapped > best_mapped)) {
			best = p;
			best_hits = hits;
			best_mapped = mapped;
		}
	}
	return best;
}

bool profiles_known_header(const char *cell, size_t len, void *ctx)
{
	const struct profile_set *set = ctx;
	char key[KEY_MAX];
	enum field f;
	clean_match_key_into(cell, len, key, sizeof key);
	if (!*key)
		return false;
	for (size_t i = 0; i < set->n; i++)
		if (key_lookup(&set->v[i], key, &f))
			return true;
	return false;
}
