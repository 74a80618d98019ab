/* store.c - see store.h. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "made_contacts.h"
#include "record_shapes.h"
#include "store.h"

const char *jstr(const cJSON *o, const char *key)
{
	const cJSON *v = o ? cJSON_GetObjectItemCaseSensitive(o, key) : NULL;
	return cJSON_IsString(v) && v->valuestring ? v->valuestring : "";
}

bool jbool(const cJSON *o, const char *key, bool dflt)
{
	const cJSON *v = o ? cJSON_GetObjectItemCaseSensitive(o, key) : NULL;
	if (cJSON_IsBool(v))
		return cJSON_IsTrue(v);
	if (cJSON_IsString(v))
		return strcasecmp(v->valuestring, "true") == 0 || strcmp(v->valuestring, "1") == 0;
	if (cJSON_IsNumber(v))
		return v->valuedouble != 0;
	return dflt;
}

void jset_str(cJSON *o, const char *key, const char *value)
{
	cJSON *v = value ? cJSON_CreateString(value) : cJSON_CreateNull();
	if (cJSON_GetObjectItemCaseSensitive(o, key))
		cJSON_ReplaceItemInObjectCaseSensitive(o, key, v);
	else
		cJSON_AddItemToObject(o, key, v);
}

cJSON *store_public(const cJSON *record)
{
	cJSON *copy = cJSON_Duplicate(record, 1);
	cJSON *it = copy ? copy->child : NULL;
	while (it) {
		cJSON *next = it->next;
		if (it->string && it->string[0] == '_')
			cJSON_Delete(cJSON_DetachItemViaPointer(copy, it));
		it = next;
	}
	return copy;
}

cJSON *store_public_contact(const cJSON *contact)
{
	/* a contact a request made is stored without what it starts with */
	return shape_contact_is_made(contact) ? shape_contact_made(contact, false) : store_public(contact);
}

void store_now(char out[32])
{
	struct timeval tv;
	struct tm tm;
	char day[24];
	gettimeofday(&tv, NULL);
	gmtime_r(&tv.tv_sec, &tm);
	strftime(day, sizeof day, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out, 32, "%.19s.%03dZ", day, (int)(tv.tv_usec / 1000) % 1000);
}

static cJSON *list_of(struct store *s, const char *name)
{
	cJSON *a = cJSON_GetObjectItemCaseSensitive(s->db, name);
	if (!cJSON_IsArray(a)) {
		if (a)
			cJSON_DeleteItemFromObjectCaseSensitive(s->db, name);
		a = cJSON_AddArrayToObject(s->db, name);
	}
	return a;
}

/* c, opened if it is a closed made contact (made_contacts.h) */
static cJSON *opened(struct store *s, cJSON *c)
{
	if (s->closed_contacts && made_contact_is_closed(c)) {
		made_contact_open(c);
		s->closed_contacts--;
	}
	return c;
}

cJSON *store_list(struct store *s, const char *name)
{
	cJSON *a = list_of(s, name), *c;
	if (s->closed_contacts && strcmp(name, "contacts") == 0) {
		cJSON_ArrayForEach(c, a)
			opened(s, c);
		s->closed_contacts = 0;
	}
	return a;
}

void store_add_contact(struct store *s, cJSON *c)
{
	cJSON_AddItemToArray(list_of(s, "contacts"), c);
	if (made_contact_is_closed(c))
		s->closed_contacts++;
}

/* the "time" of the first id made: 0x6a000001 is 2026-05-10T06:28:17Z,
 * later than every id of samples/sandbox-seed.json (63... to 68...); its
 * "a" keeps the first 16 million ids from being all digits */
#define ID_EPOCH 0x6a000000u

/* the n-th output of splitmix64 seeded with seed */
static uint64_t splitmix64(uint64_t seed, uint64_t n)
{
	uint64_t z = seed + n * 0x9E3779B97F4A7C15ULL;
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* v's last `digits` hex digits, lower-case, into out (what "%0*x" writes;
 * snprintf was 4% of a bulk_create of new contacts) */
static void put_hex(char *out, uint64_t v, int digits)
{
	static const char hex[] = "0123456789abcdef";
	for (int i = digits - 1; i >= 0; i--, v >>= 4)
		out[i] = hex[v & 15];
}

void store_new_id(struct store *s, char out[25])
{
	/* the "time" differs for every count, so ids made here never meet;
	 * only an id the seed or state holds can be met, and is passed over */
	do {
		unsigned long long n = s->next_id++;
		put_hex(out, (uint32_t)(ID_EPOCH + n), 8);
		put_hex(out + 8, splitmix64(s->id_seed, n), 16);
		out[24] = '\0';
	} while (strmap_get(&s->held_ids, out));
}

/* every string under a key "id", anywhere in j, into held_ids */
static void hold_ids(struct store *s, const cJSON *j)
{
	const cJSON *it;
	cJSON_ArrayForEach(it, j) {
		if (it->string && strcmp(it->string, "id") == 0 && cJSON_IsString(it) && it->valuestring)
			strmap_put(&s->held_ids, it->valuestring, (void *)it);
		else if (cJSON_IsObject(it) || cJSON_IsArray(it))
			hold_ids(s, it);
	}
}

void store_lower(const char *in, char *out, size_t size)
{
	size_t i;
	for (i = 0; in[i] && i + 1 < size; i++)
		out[i] = (char)tolower((unsigned char)in[i]);
	out[i] = '\0';
}

/* the key as index ix holds it: lower-cased for the indexes that ignore case */
static const char *index_key(enum store_index ix, const char *key, char *buf, size_t size)
{
	if (ix == IX_CONTACT_EMAIL || ix == IX_ACCOUNT_DOMAIN || ix == IX_LABEL_NAME ||
	    ix == IX_PERSON_EMAIL || ix == IX_ORG_DOMAIN || ix == IX_ACCOUNT_NAME) {
		store_lower(key, buf, size);
		return buf;
	}
	return key;
}

void store_key_make(enum store_index ix, const char *raw, char *out, size_t size, struct store_key *k)
{
	k->key = NULL;
	k->hash = 0;
	if (!raw || !*raw)
		return;
	k->key = index_key(ix, raw, out, size);
	k->hash = strmap_hash(k->key);
}

cJSON *store_find_key(struct store *s, enum store_index ix, const struct store_key *k)
{
	return k->key ? opened(s, strmap_get_hashed(&s->ix[ix], k->key, k->hash)) : NULL;
}

void store_prefetch_key(struct store *s, enum store_index ix, const struct store_key *k)
{
	if (k->key)
		strmap_prefetch_hashed(&s->ix[ix], k->hash);
}

void store_index_put_key(struct store *s, enum store_index ix, const struct store_key *k, cJSON *record,
                         bool keep_first)
{
	if (!k->key)
		return;
	if (keep_first)
		strmap_add_hashed(&s->ix[ix], k->key, record, k->hash);
	else
		strmap_put_hashed(&s->ix[ix], k->key, record, k->hash);
}

/* the same for a key as given: made here */
cJSON *store_find(struct store *s, enum store_index ix, const char *key)
{
	char buf[512];
	struct store_key k;
	store_key_make(ix, key, buf, sizeof buf, &k);
	return store_find_key(s, ix, &k);
}

void store_prefetch(struct store *s, enum store_index ix, const char *key)
{
	char buf[512];
	struct store_key k;
	store_key_make(ix, key, buf, sizeof buf, &k);
	store_prefetch_key(s, ix, &k);
}

void store_index_put(struct store *s, enum store_index ix, const char *key, cJSON *record,
                     bool keep_first)
{
	char buf[512];
	struct store_key k;
	store_key_make(ix, key, buf, sizeof buf, &k);
	store_index_put_key(s, ix, &k, record, keep_first);
}

void store_index_del(struct store *s, enum store_index ix, const char *key)
{
	char buf[512];
	if (key && *key)
		strmap_del(&s->ix[ix], index_key(ix, key, buf, sizeof buf));
}

void store_name_key(const char *first, const char *last, const char *company, char *out, size_t size)
{
	size_t o = 0;
	const char *parts[3] = { first, last, company };
	for (int p = 0; p < 3; p++) {
		for (const char *c = parts[p] ? parts[p] : ""; *c && o + 2 < size; c++)
			if (isalnum((unsigned char)*c) || (unsigned char)*c >= 0x80)
				out[o++] = (char)tolower((unsigned char)*c);
		if (o + 1 < size)
			out[o++] = '|';
	}
	out[o] = '\0';
}

/* what a contact's index keys are made of, as jstr reads them */
enum { K_ID, K_EMAIL, K_FIRST, K_LAST, K_COMPANY, K_ACCOUNT, K_COUNT };
static const char *const key_fields[K_COUNT] = {
	"id", "email", "first_name", "last_name", "organization_name", "account_id" };

/* in one pass over c, not one scan of its 35-odd keys per field (a
 * bulk_create indexes 100 contacts) */
static void contact_keys(const cJSON *c, const char *out[K_COUNT])
{
	const cJSON *v;
	bool seen[K_COUNT] = { false };
	for (int k = 0; k < K_COUNT; k++)
		out[k] = "";
	cJSON_ArrayForEach(v, c)
		for (int k = 0; v->string && k < K_COUNT; k++)
			if (!seen[k] && v->string[0] == key_fields[k][0] && strcmp(v->string, key_fields[k]) == 0) {
				/* the first of a repeated key counts, as in jstr */
				seen[k] = true;
				if (cJSON_IsString(v) && v->valuestring)
					out[k] = v->valuestring;
			}
}

void store_index_contact_keys(struct store *s, cJSON *c, const char *id, const struct store_key *email,
                              const struct store_key *name, const char *account_id)
{
	store_index_put(s, IX_CONTACT_ID, id, c, false);
	store_index_put_key(s, IX_CONTACT_EMAIL, email, c, true);
	store_index_put_key(s, IX_CONTACT_NAME_CO, name, c, true);
	if (account_id && *account_id)
		multimap_add(&s->account_contacts, account_id, c);
}

void store_index_contact(struct store *s, cJSON *c)
{
	const char *f[K_COUNT];
	char email_buf[512], key[512];
	struct store_key email, name = { NULL, 0 };
	contact_keys(c, f);
	store_key_make(IX_CONTACT_EMAIL, f[K_EMAIL], email_buf, sizeof email_buf, &email);
	if (*f[K_FIRST] && *f[K_LAST] && *f[K_COMPANY]) {
		store_name_key(f[K_FIRST], f[K_LAST], f[K_COMPANY], key, sizeof key);
		store_key_make(IX_CONTACT_NAME_CO, key, key, sizeof key, &name);
	}
	store_index_contact_keys(s, c, f[K_ID], &email, &name, f[K_ACCOUNT]);
}

void store_unindex_contact(struct store *s, cJSON *c)
{
	char key[512];
	const char *f[K_COUNT];
	contact_keys(c, f);
	if (store_find(s, IX_CONTACT_EMAIL, f[K_EMAIL]) == c)
		store_index_del(s, IX_CONTACT_EMAIL, f[K_EMAIL]);
	store_name_key(f[K_FIRST], f[K_LAST], f[K_COMPANY], key, sizeof key);
	if (store_find(s, IX_CONTACT_NAME_CO, key) == c)
		store_index_del(s, IX_CONTACT_NAME_CO, key);
	if (f[K_ACCOUNT][0])
		multimap_del(&s->account_contacts, f[K_ACCOUNT], c);
}

void store_index_account(struct store *s, cJSON *a)
{
	store_index_put(s, IX_ACCOUNT_ID, jstr(a, "id"), a, false);
	store_index_put(s, IX_ACCOUNT_DOMAIN, jstr(a, "domain"), a, true);
	store_index_put(s, IX_ACCOUNT_NAME, jstr(a, "name"), a, true);
}

static void index_all(struct store *s, const char *list, enum store_index ix, const char *field,
                      bool keep_first)
{
	cJSON *it;
	cJSON_ArrayForEach(it, store_list(s, list))
		store_index_put(s, ix, jstr(it, field), it, keep_first);
}

static void rebuild_indexes(struct store *s)
{
	cJSON *it;
	s->team_id = jstr(s->db, "team_id");
	s->unverified_domains = cJSON_GetObjectItemCaseSensitive(s->db, "unverified_domains");
	for (int i = 0; i < IX_COUNT; i++) {
		strmap_free(&s->ix[i]);
		strmap_init(&s->ix[i]);
	}
	multimap_free(&s->account_contacts);
	multimap_init(&s->account_contacts);
	strmap_free(&s->held_ids);
	strmap_init(&s->held_ids);
	hold_ids(s, s->db);
	cJSON_ArrayForEach(it, store_list(s, "contacts"))
		store_index_contact(s, it);
	cJSON_ArrayForEach(it, store_list(s, "accounts"))
		store_index_account(s, it);
	index_all(s, "sequences", IX_SEQUENCE_ID, "id", false);
	index_all(s, "users", IX_USER_ID, "id", false);
	index_all(s, "email_accounts", IX_MAILBOX_ID, "id", false);
	index_all(s, "labels", IX_LABEL_ID, "id", false);
	index_all(s, "labels", IX_LABEL_NAME, "name", true);
	index_all(s, "tasks", IX_TASK_ID, "id", false);
	index_all(s, "opportunities", IX_OPPORTUNITY_ID, "id", false);
	{
		cJSON *dir = cJSON_GetObjectItemCaseSensitive(s->db, "directory");
		cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(dir, "people")) {
			store_index_put(s, IX_PERSON_ID, jstr(it, "id"), it, false);
			store_index_put(s, IX_PERSON_EMAIL, jstr(it, "email"), it, true);
		}
		cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(dir, "organizations")) {
			store_index_put(s, IX_ORG_ID, jstr(it, "id"), it, false);
			store_index_put(s, IX_ORG_DOMAIN, jstr(it, "primary_domain"), it, true);
		}
	}
}

/* The seed's compact contact form -> Apollo's: campaign_statuses become
 * contact_campaign_statuses and emailer_campaign_ids; job_change and
 * owner_permission become the sandbox's own _ fields. */
static void normalise_contact(struct store *s, cJSON *c)
{
	cJSON *seed_st = cJSON_DetachItemFromObjectCaseSensitive(c, "campaign_statuses");
	cJSON *jc = cJSON_DetachItemFromObjectCaseSensitive(c, "job_change");
	cJSON *op = cJSON_DetachItemFromObjectCaseSensitive(c, "owner_permission");
	cJSON *st, *ids, *it;

	if (jc)
		cJSON_AddBoolToObject(c, "_job_change", cJSON_IsTrue(jc));
	if (op)
		cJSON_AddBoolToObject(c, "_owner_permission", !cJSON_IsFalse(op));
	cJSON_Delete(jc);
	cJSON_Delete(op);
	if (!cJSON_GetObjectItemCaseSensitive(c, "contact_campaign_statuses")) {
		st = cJSON_AddArrayToObject(c, "contact_campaign_statuses");
		ids = cJSON_AddArrayToObject(c, "emailer_campaign_ids");
		cJSON_ArrayForEach(it, seed_st) {
			cJSON *e = cJSON_CreateObject();
			char id[25];
			const char *mb = jstr(it, "mailbox_id");
			cJSON *mbox = store_find(s, IX_MAILBOX_ID, mb);
			store_new_id(s, id);
			cJSON_AddStringToObject(e, "id", id);
			cJSON_AddStringToObject(e, "emailer_campaign_id", jstr(it, "sequence_id"));
			cJSON_AddStringToObject(e, "status", jstr(it, "status"));
			jset_str(e, "added_at", jstr(it, "added_at")[0] ? jstr(it, "added_at") : NULL);
			jset_str(e, "finished_at", jstr(it, "finished_at")[0] ? jstr(it, "finished_at") : NULL);
			jset_str(e, "inactive_reason", strcmp(jstr(it, "status"), "finished") == 0
			         ? "Completed last step" : NULL);
			jset_str(e, "failure_reason", NULL);
			jset_str(e, "paused_at", NULL);
			jset_str(e, "auto_unpause_at", NULL);
			jset_str(e, "send_email_from_email_account_id", mb[0] ? mb : NULL);
			jset_str(e, "send_email_from_user_id", mbox ? jstr(mbox, "user_id") : NULL);
			jset_str(e, "send_email_from_email_address", mbox ? jstr(mbox, "email") : NULL);
			jset_str(e, "added_by_user_id", jstr(c, "owner_id")[0] ? jstr(c, "owner_id") : NULL);
			/* a finished membership is on no step any more (Apollo: null) */
			if (strcmp(jstr(it, "status"), "finished") == 0)
				cJSON_AddNullToObject(e, "current_step_position");
			else
				cJSON_AddNumberToObject(e, "current_step_position", 1);
			cJSON_AddItemToArray(st, e);
			cJSON_AddItemToArray(ids, cJSON_CreateString(jstr(it, "sequence_id")));
		}
	}
	cJSON_Delete(seed_st);
	if (!cJSON_GetObjectItemCaseSensitive(c, "label_ids"))
		cJSON_AddArrayToObject(c, "label_ids");
	if (!cJSON_GetObjectItemCaseSensitive(c, "source"))
		cJSON_AddStringToObject(c, "source", "csv_import");
}

/* every record in Apollo's full shape (record_shapes.h): the seed's, and
 * a --state file's written before the sandbox sent them so */
static void shape_records(struct store *s)
{
	cJSON *it;
	cJSON_ArrayForEach(it, store_list(s, "contacts"))
		shape_contact(it);
	cJSON_ArrayForEach(it, store_list(s, "accounts"))
		shape_account(it);
	cJSON_ArrayForEach(it, store_list(s, "users"))
		shape_user(it, s->team_id);
	cJSON_ArrayForEach(it, store_list(s, "email_accounts"))
		shape_mailbox(it);
	cJSON_ArrayForEach(it, store_list(s, "account_stages"))
		shape_account_stage(it, s->team_id);
}

/* once the contacts' memberships are in their final form */
static void index_enrolments(struct store *s)
{
	enrolments_rebuild(&s->enrolments, store_list(s, "contacts"), s->enrolments.time_scale);
}

int store_reset(struct store *s)
{
	cJSON *it;
	cJSON_Delete(s->db);
	s->closed_contacts = 0;
	arena_rewind();
	s->db = cJSON_Duplicate(s->seed, 1);
	if (!s->db)
		return -1;
	s->next_id = 1;
	rebuild_indexes(s);
	cJSON_ArrayForEach(it, store_list(s, "contacts"))
		normalise_contact(s, it);
	shape_records(s);
	index_enrolments(s);
	store_list(s, "tasks");
	store_list(s, "opportunities");
	return 0;
}

static cJSON *read_json(const char *path, char *err, size_t errlen)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long n;
	cJSON *j;

	if (!fp) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return NULL;
	}
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, fp) != (size_t)n) {
		snprintf(err, errlen, "%s: cannot read", path);
		free(buf);
		fclose(fp);
		return NULL;
	}
	fclose(fp);
	buf[n] = '\0';
	j = cJSON_ParseWithLength(buf, (size_t)n);
	if (!j) {
		const char *at = cJSON_GetErrorPtr();
		snprintf(err, errlen, "%s: not valid JSON near byte %ld", path,
		         at && at >= buf && at <= buf + n ? (long)(at - buf) : -1L);
	}
	free(buf);
	return j;
}

int store_open(struct store *s, const char *seed_path, const char *state_path,
               unsigned long long id_seed, char *err, size_t errlen)
{
	memset(s, 0, sizeof *s);
	arena_open();
	s->id_seed = id_seed;
	for (int i = 0; i < IX_COUNT; i++)
		strmap_init(&s->ix[i]);
	strmap_init(&s->held_ids);
	multimap_init(&s->account_contacts);
	enrolments_init(&s->enrolments);
	s->seed = read_json(seed_path, err, errlen);
	if (!s->seed)
		return -1;
	if (store_reset(s) < 0) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (state_path && access(state_path, F_OK) == 0) {
		cJSON *state = read_json(state_path, err, errlen);
		cJSON *next;
		if (!state)
			return -1;
		cJSON_Delete(s->db);
		s->db = state;
		next = cJSON_GetObjectItemCaseSensitive(state, "_next_id");
		s->next_id = cJSON_IsNumber(next) ? (unsigned long long)next->valuedouble : 1000000;
		rebuild_indexes(s);
		shape_records(s);
		index_enrolments(s);
	}
	return 0;
}

/* The live data as text. A contact a request made is written whole (with
 * the fields it was made without, record_shapes.h), as a state file has
 * always held it: the contacts array is printed from a list of whole
 * copies and references to the others, then given its own items back. */
static char *print_db(struct store *s)
{
	cJSON *contacts = store_list(s, "contacts"), *view = cJSON_CreateArray(), *c, *kept;
	char *text = NULL;
	if (!view)
		return NULL;
	cJSON_ArrayForEach(c, contacts) {
		cJSON *v = shape_contact_is_made(c) ? shape_contact_made(c, true)
		         : cJSON_IsObject(c) ? cJSON_CreateObjectReference(c->child) : cJSON_Duplicate(c, 1);
		if (!v) {
			cJSON_Delete(view);
			return NULL;
		}
		cJSON_AddItemToArray(view, v);
	}
	kept = contacts->child;
	contacts->child = view->child;
	text = cJSON_PrintUnformatted(s->db);
	contacts->child = kept;
	cJSON_Delete(view);
	return text;
}

int store_save(struct store *s, const char *path, char *err, size_t errlen)
{
	char tmp[4096];
	char *text;
	FILE *fp;
	int ok;

	if (cJSON_GetObjectItemCaseSensitive(s->db, "_next_id"))
		cJSON_DeleteItemFromObjectCaseSensitive(s->db, "_next_id");
	cJSON_AddNumberToObject(s->db, "_next_id", (double)s->next_id);
	text = print_db(s);
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	fp = text ? fopen(tmp, "wb") : NULL;
	ok = fp && fputs(text, fp) >= 0;
	if (fp)
		ok = (fclose(fp) == 0) && ok;
	free(text);
	if (!ok || rename(tmp, path) != 0) {
		snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

void store_close(struct store *s)
{
	for (int i = 0; i < IX_COUNT; i++)
		strmap_free(&s->ix[i]);
	multimap_free(&s->account_contacts);
	strmap_free(&s->held_ids);
	enrolments_free(&s->enrolments);
	cJSON_Delete(s->db);
	cJSON_Delete(s->seed);
	s->db = s->seed = NULL;
	s->closed_contacts = 0;
}

const char *store_email_status(struct store *s, const char *email)
{
	const char *at = strrchr(email, '@');
	cJSON *d;
	if (!at)
		return "unverified";
	if (strncasecmp(email, "unverified", 10) == 0)
		return "unverified";
	cJSON_ArrayForEach(d, s->unverified_domains)
		if (cJSON_IsString(d) && strcasecmp(d->valuestring, at + 1) == 0)
			return "unverified";
	return "verified";
}

const char *store_team_id(struct store *s)
{
	return s->team_id ? s->team_id : "";
}
