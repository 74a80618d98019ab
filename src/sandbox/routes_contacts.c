/* routes_contacts.c - contacts: create (run_dedupe updates in place),
 * bulk_create (matches returned unchanged), view, update (PATCH or PUT),
 * bulk_update, search. Shapes and messages as in apollo-api.md §2-5. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "jsonbuf.h"
#include "made_contacts.h"
#include "sandbox.h"
#include "search.h"
#include "typed_fields.h"

/* a value as a request's text: its text, a number written in buf, or NULL */
static const char *value_of(const cJSON *v, char *buf, size_t size)
{
	if (cJSON_IsString(v))
		return v->valuestring;
	if (cJSON_IsNumber(v)) {
		snprintf(buf, size, "%.15g", v->valuedouble);
		return buf;
	}
	return NULL;
}

/* item[key] as value_of gives it (a number in the thread's buffer, which
 * the next call overwrites) */
static const char *item_str(const cJSON *item, const char *key)
{
	static __thread char num[64];
	return value_of(cJSON_GetObjectItemCaseSensitive(item, key), num, sizeof num);
}

/* "first last", or whichever is there */
static void full_name(const char *first, const char *last, char *out, size_t size)
{
	/* what snprintf "%s%s%s" writes, cut to size the same way, without
	 * its format parsing (a bulk_create names 100 contacts) */
	const char *parts[3] = { first, first[0] && last[0] ? " " : "", last };
	size_t o = 0;
	for (int i = 0; i < 3; i++) {
		size_t n = strlen(parts[i]);
		if (n > size - 1 - o)
			n = size - 1 - o;
		memcpy(out + o, parts[i], n);
		o += n;
	}
	out[o] = '\0';
}

static void set_name(cJSON *c)
{
	char name[512];
	full_name(jstr(c, "first_name"), jstr(c, "last_name"), name, sizeof name);
	jset_str(c, "name", name);
}

/* label names -> label ids, creating labels that do not exist (as Apollo does) */
static void add_labels(struct sandbox *sb, cJSON *ids, const cJSON *names)
{
	const cJSON *n;
	cJSON_ArrayForEach(n, names) {
		cJSON *label, *id;
		bool have = false;
		if (!cJSON_IsString(n) || !*n->valuestring)
			continue;
		label = store_find(&sb->store, IX_LABEL_NAME, n->valuestring);
		if (label && strcmp(jstr(label, "modality"), "contacts") != 0)
			label = NULL; /* a list of accounts of that name is another list */
		if (!label) {
			char nid[25], now[32];
			store_new_id(&sb->store, nid);
			store_now(now);
			label = cJSON_CreateObject();
			cJSON_AddStringToObject(label, "id", nid);
			cJSON_AddStringToObject(label, "_id", nid);
			cJSON_AddStringToObject(label, "name", n->valuestring);
			cJSON_AddStringToObject(label, "modality", "contacts");
			cJSON_AddNumberToObject(label, "cached_count", 0);
			cJSON_AddStringToObject(label, "created_at", now);
			cJSON_AddItemToArray(store_list(&sb->store, "labels"), label);
			store_index_put(&sb->store, IX_LABEL_ID, nid, label, false);
			/* the contacts list takes the name, over an accounts list */
			store_index_put(&sb->store, IX_LABEL_NAME, n->valuestring, label, false);
		}
		cJSON_ArrayForEach(id, ids)
			have = have || strcmp(id->valuestring, jstr(label, "id")) == 0;
		if (!have)
			cJSON_AddItemToArray(ids, cJSON_CreateString(jstr(label, "id")));
	}
}

/* Writes the item's fields onto contact c. Sent values overwrite, empty
 * ones clear (Apollo's run_dedupe update), absent ones stay. */
static void apply_fields(struct sandbox *sb, cJSON *c, const cJSON *item, bool replace_labels)
{
	const cJSON *labels = cJSON_GetObjectItemCaseSensitive(item, "label_names");
	cJSON *phones;
	for (size_t i = 0; i < N_CONTACT_TEXT; i++) {
		const char *v = item_str(item, contact_text_fields[i]);
		if (v)
			jset_str(c, contact_text_fields[i], *v ? v : NULL);
	}
	if (item_str(item, "email")) {
		const char *e = jstr(c, "email");
		jset_str(c, "email_status", *e ? store_email_status(&sb->store, e) : NULL);
	}
	phones = cJSON_GetObjectItemCaseSensitive(c, "phone_numbers");
	if (!cJSON_IsArray(phones)) {
		cJSON_DeleteItemFromObjectCaseSensitive(c, "phone_numbers");
		phones = cJSON_AddArrayToObject(c, "phone_numbers");
	}
	for (size_t i = 0; i < N_CONTACT_PHONE; i++) {
		const char *v = item_str(item, contact_phone_fields[i]);
		cJSON *p, *found = NULL;
		if (!v || !*v)
			continue;
		/* a phone of a type the contact has is overwritten, else added */
		cJSON_ArrayForEach(p, phones)
			if (strcmp(jstr(p, "type"), contact_phone_types[i]) == 0)
				found = p;
		if (!found) {
			found = cJSON_CreateObject();
			cJSON_AddItemToArray(phones, found);
			cJSON_AddStringToObject(found, "type", contact_phone_types[i]);
			cJSON_AddNumberToObject(found, "position", cJSON_GetArraySize(phones) - 1);
			cJSON_AddStringToObject(found, "status", "no_status");
		}
		jset_str(found, "raw_number", v);
		jset_str(found, "sanitized_number", v);
	}
	if (cJSON_IsArray(labels)) {
		cJSON *ids = cJSON_GetObjectItemCaseSensitive(c, "label_ids");
		if (replace_labels || !cJSON_IsArray(ids)) {
			cJSON_DeleteItemFromObjectCaseSensitive(c, "label_ids");
			ids = cJSON_AddArrayToObject(c, "label_ids");
		}
		add_labels(sb, ids, labels);
	}
	/* custom values: sent ones overwrite, "" clears, the others stay */
	typed_values_apply(sb, c, cJSON_GetObjectItemCaseSensitive(item, "typed_custom_fields"), "contact");
	set_name(c);
	{
		char now[32];
		store_now(now);
		jset_str(c, "updated_at", now);
	}
}

/* An id that must name an existing record, when given: false after a 422.
 * In a bulk_create every item is checked before any contact is made, so
 * one unknown account_id (another team's, or deleted) refuses the whole
 * call, as Apollo does (that Apollo makes none of the call's contacts is
 * UNCONFIRMED). */
static bool valid_ref(struct request *r, const char *v, enum store_index ix)
{
	if (!v || !*v || store_find(&r->sb->store, ix, v))
		return true;
	reply_error(r, 422, "Parameters misconfigured. %s is not a valid ID", v);
	return false;
}

static bool valid_refs(struct request *r, const cJSON *item)
{
	return valid_ref(r, item_str(item, "account_id"), IX_ACCOUNT_ID) &&
	       valid_ref(r, item_str(item, "owner_id"), IX_USER_ID);
}

/* the item's ids and its custom values (with --custom-field-errors=422),
 * for the contact id (NULL: a new one); false after a 422 */
static bool valid_item(struct request *r, const cJSON *item, const char *id)
{
	return valid_refs(r, item) &&
	       typed_values_check(r, cJSON_GetObjectItemCaseSensitive(item, "typed_custom_fields"), "contact", id);
}

/* the keys bulk_create's slim items carry, and each as it is written
 * after another member: ,"key": */
#define SLIM_KEYS(X) X("id") X("first_name") X("last_name") X("name") X("email") X("email_status") \
	X("title") X("organization_name") X("account_id") X("team_id") X("owner_id") \
	X("contact_stage_id") X("created_at") X("updated_at")
#define AS_KEY(k) k,
#define AS_MEMBER(k) ",\"" k "\":",
static const char *const slim_keys[] = { SLIM_KEYS(AS_KEY) };
static const char *const slim_members[] = { SLIM_KEYS(AS_MEMBER) };
#define N_SLIM (sizeof slim_keys / sizeof slim_keys[0])

/* which of slim_keys key is, or -1; an opened made contact's keys are
 * the same literals (made_contacts.c's, merged with these by the linker),
 * so a pointer comparison mostly finds them */
static int slim_index(const char *key)
{
	for (size_t i = 0; i < N_SLIM; i++)
		if (key == slim_keys[i] ||
		    /* two bytes first: many of a contact's keys share the first */
		    (key[0] == slim_keys[i][0] && key[1] == slim_keys[i][1] && strcmp(key, slim_keys[i]) == 0))
			return (int)i;
	return -1;
}

/* an item's values, read in one pass over its keys */
struct item_values {
	const char *text[N_CONTACT_TEXT];       /* the last string under each key */
	const char *phone[N_CONTACT_PHONE];
	const cJSON *label_names, *typed_custom_fields;
	/* the first value under each text key and under "id", of any type:
	 * what item_str reads (value_of) */
	const cJSON *first[N_CONTACT_TEXT], *id, *first_typed;
};

static void read_item(const cJSON *item, struct item_values *v)
{
	const cJSON *f;
	memset(v, 0, sizeof *v);
	cJSON_ArrayForEach(f, item) {
		const char *k = f->string;
		size_t t;
		if (!k)
			continue;
		if (strcmp(k, "id") == 0) {
			if (!v->id)
				v->id = f;
			continue;
		}
		if (strcmp(k, "label_names") == 0) {
			v->label_names = f;
			continue;
		}
		if (strcmp(k, "typed_custom_fields") == 0) {
			if (!v->first_typed)
				v->first_typed = f;
			v->typed_custom_fields = f;
			continue;
		}
		for (t = 0; t < N_CONTACT_TEXT; t++)
			if (k[0] == contact_text_fields[t][0] && strcmp(k, contact_text_fields[t]) == 0)
				break;
		if (t < N_CONTACT_TEXT) {
			if (!v->first[t])
				v->first[t] = f;
			if (cJSON_IsString(f))
				v->text[t] = f->valuestring;
			continue;
		}
		if (!cJSON_IsString(f))
			continue;
		for (size_t i = 0; i < N_CONTACT_PHONE; i++)
			if (k[0] == contact_phone_fields[i][0] && strcmp(k, contact_phone_fields[i]) == 0)
				v->phone[i] = f->valuestring;
	}
}

/* An item of a create or bulk_create as read before the store's lock is
 * taken (route_contacts_bulk_create_prepare): its values, its dedupe keys
 * made and hashed. Under the lock only the look-ups and the making are
 * left (reading and hashing were a fifth of a bulk_create). */
struct prep_item {
	struct item_values iv;
	const char *id;                 /* the id it gives, or NULL */
	const char *account_id, *owner_id;  /* as item_str reads them */
	struct store_key email, name;   /* what match looks up (item_str's values) */
	struct store_key ix_email, ix_name;  /* what a new contact is indexed by (read_item's) */
	const char *full_name;
	/* while the text grows: where each of the above is in it, + 1 (0: none) */
	size_t at_id, at_account, at_owner, at_email, at_name, at_ix_email, at_ix_name, at_full_name;
};

struct prep {
	int n;
	struct jsonbuf text;            /* the keys and names, NUL-terminated */
	struct prep_item items[];
};

static void prep_free(void *v)
{
	struct prep *p = v;
	if (p)
		jb_free(&p->text);
	free(p);
}

/* text (NULL: none) into p->text; its offset + 1, or 0 for none */
static size_t keep(struct prep *p, const char *text)
{
	size_t at = p->text.len + 1;
	if (!text)
		return 0;
	jb_raw(&p->text, text, strlen(text) + 1);
	return at;
}

/* the email and the name + company keys of the given values, hashed,
 * their text kept in p->text (at *e_at and *n_at; the keys point nowhere
 * until prep_items is done) */
static void make_keys(struct prep *p, const char *email, const char *f, const char *l, const char *o,
                      struct store_key *ek, size_t *e_at, struct store_key *nk, size_t *n_at)
{
	char buf[512], key[512];
	store_key_make(IX_CONTACT_EMAIL, email, buf, sizeof buf, ek);
	*e_at = keep(p, ek->key);
	nk->key = NULL;
	nk->hash = 0;
	if (f && *f && l && *l && o && *o) {
		store_name_key(f, l, o, key, sizeof key);
		store_key_make(IX_CONTACT_NAME_CO, key, key, sizeof key, nk);
	}
	*n_at = keep(p, nk->key);
}

/* the text at, where keep put it (0: NULL) */
static const char *kept(const struct prep *p, size_t at)
{
	return at ? p->text.data + at - 1 : NULL;
}

/* n items from item on (their ->next), read; NULL when out of memory.
 * Reads nothing but the items: no store, no lock. */
static struct prep *prep_items(const cJSON *item, int n)
{
	struct prep *p = calloc(1, sizeof *p + (size_t)n * sizeof p->items[0]);
	if (!p)
		return NULL;
	p->n = n;
	for (int k = 0; k < n && item; k++, item = item->next) {
		struct prep_item *pi = &p->items[k];
		const char *t[N_CONTACT_TEXT], *e, *f, *l, *o;
		const cJSON *const *first = pi->iv.first;
		char eb[64], fb[64], lb[64], ob[64], ib[64], ab[64], owb[64], name[512];
		read_item(item, &pi->iv);
		memcpy(t, pi->iv.text, sizeof t);
		e = value_of(first[2], eb, sizeof eb);
		f = value_of(first[0], fb, sizeof fb);
		l = value_of(first[1], lb, sizeof lb);
		o = value_of(first[4], ob, sizeof ob);
		make_keys(p, e, f, l, o, &pi->email, &pi->at_email, &pi->name, &pi->at_name);
		/* a new contact is indexed by its string values (read_item's),
		 * which are match's but for numbers and repeated keys */
		if (t[2] == e && t[0] == f && t[1] == l && t[4] == o) {
			pi->ix_email = pi->email;
			pi->ix_name = pi->name;
			pi->at_ix_email = pi->at_email;
			pi->at_ix_name = pi->at_name;
		} else {
			make_keys(p, t[2], t[0], t[1], t[4], &pi->ix_email, &pi->at_ix_email, &pi->ix_name,
			          &pi->at_ix_name);
		}
		pi->at_id = keep(p, value_of(pi->iv.id, ib, sizeof ib));
		pi->at_account = keep(p, value_of(first[5], ab, sizeof ab));
		pi->at_owner = keep(p, value_of(first[CONTACT_TEXT_OWNER], owb, sizeof owb));
		full_name(t[0] ? t[0] : "", t[1] ? t[1] : "", name, sizeof name);
		pi->at_full_name = keep(p, name);
	}
	if (p->text.oom) {
		prep_free(p);
		return NULL;
	}
	/* the keys point at their text, now that it stays where it is */
	for (int k = 0; k < n; k++) {
		struct prep_item *pi = &p->items[k];
		pi->id = kept(p, pi->at_id);
		pi->account_id = kept(p, pi->at_account);
		pi->owner_id = kept(p, pi->at_owner);
		pi->email.key = kept(p, pi->at_email);
		pi->name.key = kept(p, pi->at_name);
		pi->ix_email.key = kept(p, pi->at_ix_email);
		pi->ix_name.key = kept(p, pi->at_ix_name);
		pi->full_name = kept(p, pi->at_full_name);
	}
	return p;
}

void route_contacts_bulk_create_prepare(struct request *r)
{
	const cJSON *items = cJSON_GetObjectItemCaseSensitive(r->params, "contacts");
	int n = cJSON_GetArraySize(items);
	/* what the route refuses needs no reading */
	if (!cJSON_IsArray(items) || n > 100)
		return;
	r->prepared = prep_items(items->child, n);
	r->prepared_free = prep_free;
}

/* A new contact's values, kept for its slim item (written from them,
 * not read back from the contact) */
struct slim_new {
	struct made_values v;
	char id[25];
	const cJSON *errors;        /* its custom_field_errors, if it was opened */
};

/* A new contact, made closed (made_contacts.h) unless open says otherwise
 * or it has what a closed one cannot hold: labels, custom values, an
 * account (whose list of contacts points at it). now: the request's time,
 * read once for all its contacts. */
static cJSON *new_contact(struct request *r, const struct prep_item *pi, const char *owner_id, const char *now,
                          bool open, struct slim_new *sn)
{
	struct sandbox *sb = r->sb;
	const struct item_values *iv = &pi->iv;
	const char *email = iv->text[2], *account = iv->text[5];
	cJSON *c;

	store_new_id(&sb->store, sn->id);
	/* its slot is written at the end: asked for now, it comes meanwhile */
	store_prefetch(&sb->store, IX_CONTACT_ID, sn->id);
	sn->v.id = sn->id;
	sn->v.team_id = store_team_id(&sb->store);
	memcpy(sn->v.text, iv->text, sizeof sn->v.text);
	sn->v.text[CONTACT_TEXT_OWNER] = owner_id;
	memcpy(sn->v.phone, iv->phone, sizeof sn->v.phone);
	sn->v.email_status = email && *email ? store_email_status(&sb->store, email) : NULL;
	sn->v.now = now;
	sn->v.name = pi->full_name;
	sn->errors = NULL;
	c = made_contact_new(&sn->v);
	if (!c)
		return NULL;
	if (open || cJSON_IsArray(iv->label_names) || cJSON_IsObject(iv->typed_custom_fields) ||
	    (account && *account)) {
		made_contact_open(c);
		/* not packed (arena.h): these print values for their messages and
		 * free() the text, and make labels that outlive no reset anyway */
		if (cJSON_IsArray(iv->label_names))
			add_labels(sb, cJSON_GetObjectItemCaseSensitive(c, "label_ids"), iv->label_names);
		/* only with values: it looks for the contact's typed_custom_fields first */
		if (cJSON_IsObject(iv->typed_custom_fields))
			typed_values_apply(sb, c, iv->typed_custom_fields, "contact");
		/* typed_values_apply empties it where it is: the pointer stays good */
		sn->errors = cJSON_GetObjectItemCaseSensitive(c, "custom_field_errors");
	}
	store_add_contact(&sb->store, c);
	store_index_contact_keys(&sb->store, c, sn->id, &pi->ix_email, &pi->ix_name, account);
	return c;
}

/* the slots match reads for an item (email, name + company), asked for
 * PREFETCH_AHEAD items before it is matched */
#define PREFETCH_AHEAD 4
static void match_prefetch(struct sandbox *sb, const struct prep_item *pi)
{
	store_prefetch_key(&sb->store, IX_CONTACT_EMAIL, &pi->email);
	store_prefetch_key(&sb->store, IX_CONTACT_NAME_CO, &pi->name);
}

/* Apollo's dedupe match: id, then email, then first + last name + company
 * (apollo-api.md §2). Apollo also tells "same company" by the email's
 * domain or organization_id, and matches the contact's additional emails
 * and CRM ids: the sandbox does not (it compares organization_name, as
 * letters and digits); how Apollo compares company names (case, spaces,
 * "Inc") is UNCONFIRMED. */
static cJSON *match(struct sandbox *sb, const struct prep_item *pi)
{
	cJSON *c = NULL;
	if (pi->id && *pi->id)
		c = store_find(&sb->store, IX_CONTACT_ID, pi->id);
	if (!c)
		c = store_find_key(&sb->store, IX_CONTACT_EMAIL, &pi->email);
	if (!c)
		c = store_find_key(&sb->store, IX_CONTACT_NAME_CO, &pi->name);
	return c;
}

static cJSON *labels_of(struct sandbox *sb, const cJSON *c)
{
	cJSON *out = cJSON_CreateArray(), *id;
	cJSON_ArrayForEach(id, cJSON_GetObjectItemCaseSensitive(c, "label_ids")) {
		cJSON *l = cJSON_IsString(id) ? store_find(&sb->store, IX_LABEL_ID, id->valuestring) : NULL;
		if (l)
			cJSON_AddItemToArray(out, store_public(l));
	}
	return out;
}

static void reply_contact(struct request *r, const cJSON *c, bool with_labels)
{
	cJSON *out = cJSON_CreateObject();
	cJSON_AddItemToObject(out, "contact", store_public_contact(c));
	if (with_labels)
		cJSON_AddItemToObject(out, "labels", labels_of(r->sb, c));
	reply_json(r, 200, out);
}

void route_contacts_create(struct request *r)
{
	struct prep *prep;
	cJSON *c;
	if (!valid_item(r, r->params, NULL))
		return;
	/* one item, read here: the lock saves nothing on a call of one contact */
	prep = prep_items(r->params, 1);
	if (!prep) {
		reply_error(r, 500, "out of memory");
		return;
	}
	c = param_bool(r, "run_dedupe", false) ? match(r->sb, &prep->items[0]) : NULL;
	if (c) {
		/* run_dedupe on create: the match is updated in place */
		store_unindex_contact(&r->sb->store, c);
		apply_fields(r->sb, c, r->params, false);
		store_index_contact(&r->sb->store, c);
	} else {
		char now[32];
		store_now(now);
		struct slim_new sn;
		c = new_contact(r, &prep->items[0], param_str(r, "owner_id"), now, true, &sn);
		if (!c) {
			prep_free(prep);
			reply_error(r, 500, "out of memory");
			return;
		}
	}
	prep_free(prep);
	reply_contact(r, c, true);
}

static void write_member(struct jsonbuf *b, size_t key, const cJSON *v, bool first)
{
	const char *m = slim_members[key] + first; /* the first without its comma */
	jb_raw(b, m, strlen(m));
	jb_value(b, v);
}

/* A slim item as text: slim_keys in their order, null for a key c lacks
 * (the first of a repeated key, as cJSON's lookup finds). Written, not
 * built: a bulk_create reply has 1,400 such values. */
static void write_slim(struct jsonbuf *b, const cJSON *c)
{
	const cJSON *vals[N_SLIM] = { 0 }, *v;
	cJSON_ArrayForEach(v, c) {
		int i = v->string ? slim_index(v->string) : -1;
		if (i >= 0 && !vals[i])
			vals[i] = v;
	}
	jb_lit(b, "{");
	for (size_t i = 0; i < N_SLIM; i++)
		write_member(b, i, vals[i], i == 0);
	jb_lit(b, "}");
}

/* ,"key":"text", or ,"key":null where text is absent (or "", when
 * empty_null) */
static void write_text(struct jsonbuf *b, const char *member, const char *text, bool empty_null)
{
	jb_raw(b, member, strlen(member));
	if (!text || (empty_null && !*text))
		jb_lit(b, "null");
	else
		jb_string(b, text);
}

/* the text fields a slim item carries, in their order among a new
 * contact's members, with their place in contact_text_fields */
static const struct { int field; const char *member; } slim_text[] = {
	{ 0, ",\"first_name\":" }, { 1, ",\"last_name\":" }, { 2, ",\"email\":" }, { 3, ",\"title\":" },
	{ 4, ",\"organization_name\":" }, { 5, ",\"account_id\":" }, { 6, ",\"contact_stage_id\":" },
	{ CONTACT_TEXT_OWNER, ",\"owner_id\":" },
};

/* The slim item of a contact new_contact just made, from the values it
 * was made of: its slim keys in the order of its members (as created
 * items have always been sent). */
static void write_slim_new(struct jsonbuf *b, const struct slim_new *sn)
{
	const cJSON *v;
	jb_lit(b, "{\"id\":");
	jb_string(b, sn->v.id);
	write_text(b, ",\"team_id\":", sn->v.team_id ? sn->v.team_id : "", false);
	for (size_t i = 0; i < sizeof slim_text / sizeof slim_text[0]; i++)
		write_text(b, slim_text[i].member, sn->v.text[slim_text[i].field], true);
	write_text(b, ",\"email_status\":", sn->v.email_status, false);
	write_text(b, ",\"created_at\":", sn->v.now, false);
	write_text(b, ",\"updated_at\":", sn->v.now, false);
	write_text(b, ",\"name\":", sn->v.name, false);
	/* custom values the contact was made without (typed_fields.h): Apollo's
	 * slim items show no custom_field_errors, and where it reports them
	 * for a bulk_create is UNCONFIRMED; the sandbox names them here, and
	 * only when there are some */
	v = sn->errors;
	if (v && v->child) {
		jb_lit(b, ",\"custom_field_errors\":");
		jb_value(b, v);
	}
	jb_lit(b, "}");
}

/* {"created_contacts":[...],"existing_contacts":[...]} as a raw cJSON
 * value the server prints as it is: created holds the reply up to its
 * created items (written there, not copied: the larger list), existing
 * the existing items */
static cJSON *bulk_reply(struct jsonbuf *created, struct jsonbuf *existing)
{
	char *text;
	cJSON *raw;
	jb_lit(created, "],\"existing_contacts\":[");
	jb_raw(created, existing->data ? existing->data : "", existing->len);
	jb_lit(created, "]}");
	if (existing->oom)
		created->oom = true;
	text = jb_take(created);
	/* the raw value takes the text as it is: a copy of 38 KB under the
	 * store's lock was 2% of a bulk_create (cJSON frees it with free(),
	 * as it would its own copy: arena_free passes it to free) */
	raw = text ? cJSON_CreateRaw("") : NULL;
	if (!raw) {
		free(text);
		return NULL;
	}
	cJSON_free(raw->valuestring);
	raw->valuestring = text;
	return raw;
}

void route_contacts_bulk_create(struct request *r)
{
	cJSON *items = cJSON_GetObjectItemCaseSensitive(r->params, "contacts");
	cJSON *append = param_array(r, "append_label_names");
	const char *owner = param_str(r, "owner_id");
	bool dedupe = param_bool(r, "run_dedupe", false);
	struct jsonbuf created = { 0 }, existing = { 0 };
	const struct prep *prep = r->prepared;
	cJSON *out, *item;
	char now[32];
	int i = 0, made = 0;

	if (!cJSON_IsArray(items)) {
		reply_error(r, 422, "Please provide an array of contact attributes in the \"contact_attributes\" parameter.");
		return;
	}
	if (cJSON_GetArraySize(items) > 100) {
		reply_error(r, 422, "Please limit your array to 100 contacts or fewer.");
		return;
	}
	if (owner && *owner && !store_find(&r->sb->store, IX_USER_ID, owner)) {
		reply_error(r, 422, "Parameters misconfigured. %s is not a valid ID", owner);
		return;
	}
	/* read before the lock was taken (route_contacts_bulk_create_prepare) */
	if (!prep || prep->n != cJSON_GetArraySize(items)) {
		reply_error(r, 500, "out of memory");
		return;
	}
	/* every item is checked before anything is created */
	cJSON_ArrayForEach(item, items) {
		const struct prep_item *pi = &prep->items[i];
		if (!cJSON_IsObject(item)) {
			reply_error(r, 422, "contacts[%d] is not an object of contact attributes.", i);
			return;
		}
		if (!valid_ref(r, pi->account_id, IX_ACCOUNT_ID) || !valid_ref(r, pi->owner_id, IX_USER_ID) ||
		    !typed_values_check(r, pi->iv.first_typed, "contact", NULL))
			return;
		i++;
	}
	store_now(now);
	/* the reply, up to its created items; some 450 bytes an item */
	jb_reserve(&created, (size_t)prep->n * 512);
	jb_lit(&created, "{\"created_contacts\":[");
	for (int k = 0; dedupe && k < PREFETCH_AHEAD && k < prep->n; k++)
		match_prefetch(r->sb, &prep->items[k]);
	i = 0;
	cJSON_ArrayForEach(item, items) {
		const struct prep_item *pi = &prep->items[i++];
		cJSON *c;
		struct slim_new sn;
		if (dedupe && i - 1 + PREFETCH_AHEAD < prep->n)
			match_prefetch(r->sb, &prep->items[i - 1 + PREFETCH_AHEAD]);
		c = dedupe ? match(r->sb, pi) : NULL;
		if (c) {
			/* bulk create never changes a match */
			if (existing.len)
				jb_lit(&existing, ",");
			write_slim(&existing, c);
			continue;
		}
		c = new_contact(r, pi, owner && *owner ? owner : pi->owner_id, now,
		                cJSON_IsArray(append), &sn);
		if (!c) {
			jb_free(&created);
			jb_free(&existing);
			reply_error(r, 500, "out of memory");
			return;
		}
		if (cJSON_IsArray(append))
			add_labels(r->sb, cJSON_GetObjectItemCaseSensitive(c, "label_ids"), append);
		if (made++)
			jb_lit(&created, ",");
		write_slim_new(&created, &sn);
	}
	out = bulk_reply(&created, &existing);
	jb_free(&created);
	jb_free(&existing);
	if (out)
		reply_json(r, 200, out);
	else
		reply_error(r, 500, "out of memory");
}

static cJSON *find_contact(struct request *r, const char *id)
{
	cJSON *c = store_find(&r->sb->store, IX_CONTACT_ID, id);
	if (!c)
		reply_error(r, 422, "Oops! This contact does not exist in Apollo.");
	return c;
}

void route_contacts_view(struct request *r)
{
	cJSON *c = find_contact(r, r->id);
	if (c)
		reply_contact(r, c, false);
}

void route_contacts_update(struct request *r)
{
	cJSON *c = find_contact(r, r->id);
	if (!c || !valid_item(r, r->params, r->id))
		return;
	store_unindex_contact(&r->sb->store, c);
	/* on update, label_names replaces the contact's lists */
	apply_fields(r->sb, c, r->params, true);
	store_index_contact(&r->sb->store, c);
	reply_contact(r, c, true);
}

/* labels/add_entity_ids_to_label_names and
 * labels/remove_entity_ids_from_label_names [OAS]: contacts into or out of
 * lists by name, a name that is no list made a list on adding (as
 * label_names does). The reply's shape is not documented: the lists
 * named, as clients read it (UNCONFIRMED). */
static void change_lists(struct request *r, bool add)
{
	cJSON *ids = param_array(r, "entity_ids"), *names = param_array(r, "label_names"), *it, *out, *lists;
	const char *modality = param_str(r, "modality");

	if (!ids || !cJSON_GetArraySize(ids) || !names || !cJSON_GetArraySize(names)) {
		reply_error(r, 422, "Please provide entity_ids and label_names.");
		return;
	}
	if (modality && strcmp(modality, "accounts") == 0) {
		if (!accounts_change_lists(r, ids, names, add))
			return;
		out = cJSON_CreateObject();
		lists = cJSON_AddArrayToObject(out, "labels");
		reply_json(r, 200, out);
		return;
	}
	if (!modality || strcmp(modality, "contacts") != 0) {
		reply_error(r, 422, "modality must be contacts or accounts");
		return;
	}
	cJSON_ArrayForEach(it, ids)
		if (!cJSON_IsString(it) || !store_find(&r->sb->store, IX_CONTACT_ID, it->valuestring)) {
			reply_error(r, 422, "Oops! This contact does not exist in Apollo.");
			return;
		}
	cJSON_ArrayForEach(it, ids) {
		cJSON *c = store_find(&r->sb->store, IX_CONTACT_ID, it->valuestring);
		cJSON *have = cJSON_GetObjectItemCaseSensitive(c, "label_ids"), *n;
		store_unindex_contact(&r->sb->store, c);
		if (!cJSON_IsArray(have)) {
			cJSON_DeleteItemFromObjectCaseSensitive(c, "label_ids");
			have = cJSON_AddArrayToObject(c, "label_ids");
		}
		if (add) {
			add_labels(r->sb, have, names);
		} else {
			cJSON_ArrayForEach(n, names) {
				const cJSON *label = cJSON_IsString(n) ? store_find(&r->sb->store, IX_LABEL_NAME, n->valuestring)
				                                       : NULL;
				for (int i = cJSON_GetArraySize(have) - 1; label && i >= 0; i--)
					if (strcmp(jstr(label, "id"), cJSON_GetArrayItem(have, i)->valuestring) == 0)
						cJSON_DeleteItemFromArray(have, i);
			}
		}
		store_index_contact(&r->sb->store, c);
	}
	out = cJSON_CreateObject();
	lists = cJSON_AddArrayToObject(out, "labels");
	cJSON_ArrayForEach(it, names) {
		cJSON *label = cJSON_IsString(it) ? store_find(&r->sb->store, IX_LABEL_NAME, it->valuestring) : NULL;
		if (label)
			cJSON_AddItemToArray(lists, store_public(label));
	}
	reply_json(r, 200, out);
}

void route_labels_add_entities(struct request *r)
{
	change_lists(r, true);
}

void route_labels_remove_entities(struct request *r)
{
	change_lists(r, false);
}

void route_contacts_bulk_update(struct request *r)
{
	cJSON *ids = param_array(r, "contact_ids");
	cJSON *attrs = cJSON_GetObjectItemCaseSensitive(r->params, "contact_attributes");
	cJSON *out, *list, *it, *src;
	int n;
	bool async = param_bool(r, "async", false);

	if (!cJSON_IsArray(attrs))
		attrs = NULL;
	if (!ids && !attrs) {
		reply_error(r, 422, "Please provide either contact_ids or contact_attributes");
		return;
	}
	src = attrs ? attrs : ids;
	n = cJSON_GetArraySize(src);
	if (n > 1000) {
		reply_error(r, 422, "Please limit your array to fewer than 1000.");
		return;
	}
	/* every contact must exist before any is changed */
	cJSON_ArrayForEach(it, src) {
		const char *id = attrs ? item_str(it, "id") : cJSON_IsString(it) ? it->valuestring : (const char *)NULL;
		if (!id || !store_find(&r->sb->store, IX_CONTACT_ID, id)) {
			cJSON *e = cJSON_CreateObject(), *d = cJSON_AddObjectToObject(e, "error_details");
			cJSON_AddStringToObject(e, "error", "Validation failed");
			jset_str(d, "contact_id", id);
			cJSON_AddStringToObject(d, "field", "id");
			cJSON_AddStringToObject(d, "message", "Contact not found");
			reply_json(r, 422, e);
			return;
		}
		if (!valid_item(r, attrs ? it : (const cJSON *)r->params, id))
			return;
	}
	list = cJSON_CreateArray();
	cJSON_ArrayForEach(it, src) {
		const char *id = attrs ? item_str(it, "id") : it->valuestring;
		cJSON *c = store_find(&r->sb->store, IX_CONTACT_ID, id);
		store_unindex_contact(&r->sb->store, c);
		apply_fields(r->sb, c, attrs ? it : (const cJSON *)r->params, false);
		store_index_contact(&r->sb->store, c);
		cJSON_AddItemToArray(list, store_public_contact(c));
	}
	if (n > 100 || async) {
		/* a job in Apollo; applied at once here, reported as pending */
		cJSON *eids = cJSON_CreateArray();
		cJSON_ArrayForEach(it, list)
			cJSON_AddItemToArray(eids, cJSON_CreateString(jstr(it, "id")));
		cJSON_Delete(list);
		reply_json(r, 200, entity_progress_job(&r->sb->store, "contact_bulk_update", eids));
		return;
	}
	out = cJSON_CreateObject();
	cJSON_AddItemToObject(out, "contacts", list);
	reply_json(r, 200, out);
}

/* ---- update_stages and update_owners ---- */

/* contact_ids[] and value_param for update_stages and update_owners
 * (documented as query parameters; a JSON body is taken too): every
 * contact must exist, and the value must name a record of ix (or, with
 * list, one of that store list); false after a 422 */
static bool bulk_set_params(struct request *r, const char *value_param, cJSON **ids, const char **value)
{
	cJSON *it;
	*ids = param_array(r, "contact_ids");
	*value = param_str(r, value_param);
	if (!*ids || cJSON_GetArraySize(*ids) == 0) {
		reply_error(r, 422, "Required parameter 'contact_ids' missing");
		return false;
	}
	if (!*value || !**value) {
		reply_error(r, 422, "Required parameter '%s' missing", value_param);
		return false;
	}
	cJSON_ArrayForEach(it, *ids)
		if (!cJSON_IsString(it) || !store_find(&r->sb->store, IX_CONTACT_ID, it->valuestring)) {
			cJSON *e = cJSON_CreateObject(), *d = cJSON_AddObjectToObject(e, "error_details");
			cJSON_AddStringToObject(e, "error", "Validation failed");
			jset_str(d, "contact_id", cJSON_IsString(it) ? it->valuestring : NULL);
			cJSON_AddStringToObject(d, "field", "id");
			cJSON_AddStringToObject(d, "message", "Contact not found");
			reply_json(r, 422, e);
			return false;
		}
	return true;
}

/* POST contacts/update_stages: contact_ids[], contact_stage_id ->
 * {"contacts":[...]} with each contact as it now is */
void route_contacts_update_stages(struct request *r)
{
	cJSON *ids, *it, *out, *list;
	const char *stage;
	bool known = false;
	char now[32];

	if (!bulk_set_params(r, "contact_stage_id", &ids, &stage))
		return;
	cJSON_ArrayForEach(it, store_list(&r->sb->store, "contact_stages"))
		known = known || strcmp(jstr(it, "id"), stage) == 0;
	if (!known) {
		reply_error(r, 422, "Parameters misconfigured. %s is not a valid ID", stage);
		return;
	}
	store_now(now);
	out = cJSON_CreateObject();
	list = cJSON_AddArrayToObject(out, "contacts");
	cJSON_ArrayForEach(it, ids) {
		cJSON *c = store_find(&r->sb->store, IX_CONTACT_ID, it->valuestring);
		jset_str(c, "contact_stage_id", stage);
		jset_str(c, "updated_at", now);
		cJSON_AddItemToArray(list, store_public_contact(c));
	}
	reply_json(r, 200, out);
}

/* POST contacts/update_owners: contact_ids[], owner_id ->
 * {"contacts":[{"id","owner_id","crm_owner_id"}]} */
void route_contacts_update_owners(struct request *r)
{
	cJSON *ids, *it, *out, *list;
	const char *owner;
	char now[32];

	if (!bulk_set_params(r, "owner_id", &ids, &owner) || !valid_ref(r, item_str(r->params, "owner_id"), IX_USER_ID))
		return;
	store_now(now);
	out = cJSON_CreateObject();
	list = cJSON_AddArrayToObject(out, "contacts");
	cJSON_ArrayForEach(it, ids) {
		cJSON *c = store_find(&r->sb->store, IX_CONTACT_ID, it->valuestring), *o;
		jset_str(c, "owner_id", owner);
		jset_str(c, "updated_at", now);
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "id", jstr(c, "id"));
		cJSON_AddStringToObject(o, "owner_id", owner);
		jset_str(o, "crm_owner_id", jstr(c, "crm_owner_id")[0] ? jstr(c, "crm_owner_id") : NULL);
		cJSON_AddItemToArray(list, o);
	}
	reply_json(r, 200, out);
}

/* ---- search ---- */

/* what a contact search narrows to; an absent filter keeps every contact */
struct contact_filters {
	const char *words;          /* q_keywords, part of the name, email, title or company */
	cJSON *labels, *stages;
};

static bool contact_wanted(const cJSON *c, const void *filters)
{
	const struct contact_filters *f = filters;
	const char *q = f->words;

	return (!q || !*q || text_contains(jstr(c, "name"), q) || text_contains(jstr(c, "email"), q) ||
	        text_contains(jstr(c, "title"), q) || text_contains(jstr(c, "organization_name"), q)) &&
	       (!f->labels || has_any_label(c, f->labels)) &&
	       (!f->stages || list_has(f->stages, jstr(c, "contact_stage_id")));
}

/* the sandbox keeps no activity or email dates: those sorts go by updated_at */
static const struct search_sort contact_sorts[] = {
	{ "contact_created_at", "created_at", NULL },
	{ "contact_updated_at", "updated_at", NULL },
	{ "contact_last_activity_date", "updated_at", NULL },
	{ "contact_email_last_opened_at", "updated_at", NULL },
	{ "contact_email_last_clicked_at", "updated_at", NULL },
};

static cJSON *contact_show(struct sandbox *sb, const cJSON *c)
{
	(void)sb;
	return store_public_contact(c);
}

void route_contacts_search(struct request *r)
{
	struct contact_filters f = { .words = param_str(r, "q_keywords") };
	const struct search s = {
		.list = "contacts", .keep = contact_wanted, .filters = &f, .show = contact_show,
		.sorts = contact_sorts, .n_sorts = sizeof contact_sorts / sizeof contact_sorts[0],
		.oom_error = "out of memory",
	};
	struct search_reply rep;

	/* a list given as anything else is no filter here, not a 422 */
	f.labels = param_array(r, "contact_label_ids");
	f.stages = param_array(r, "contact_stage_ids");
	if (!search_run(r, &s, &rep))
		return;
	cJSON_AddArrayToObject(rep.out, "breadcrumbs");
	cJSON_AddBoolToObject(rep.out, "partial_results_only", false);
	cJSON_AddBoolToObject(rep.out, "has_join", false);
	cJSON_AddBoolToObject(rep.out, "disable_eu_prospecting", false);
	cJSON_AddNumberToObject(rep.out, "partial_results_limit", 10000);
	cJSON_AddItemToObject(rep.out, "pagination", rep.pagination);
	cJSON_AddNullToObject(rep.out, "num_fetch_result");
	reply_json(r, 200, rep.out);
}
