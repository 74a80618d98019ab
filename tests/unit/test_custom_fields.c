/* test_custom_fields.c - values/custom_fields.h: a team's custom fields read
 * from both of Apollo's replies and from a snapshot, found by label and id,
 * and spreadsheet cells converted into what each type of field takes (and
 * shown back as a person reads them). */
#include "rows/roundtrip.h"
#include "values/custom_fields.h"
#include "values/sheet_values.h"
#include "unit.h"

static char why[400];

/* GET /fields?source=custom as the OAS documents it: ids with the
 * modality in front, options and length under "meta"; a system field and
 * a lead field among them (the first is never custom, the second is a
 * modality apollo-csv does not write) */
static const char fields_reply[] =
	"{\"fields\":["
	"{\"id\":\"contact.attr2\",\"label\":\"First name\",\"modality\":\"contact\",\"source\":\"system\","
	"\"type\":\"string\"},"
	"{\"id\":\"contact.64a0000000000000000000a1\",\"label\":\"Lead Source\",\"modality\":\"contact\","
	"\"source\":\"custom\",\"type\":\"string\",\"meta\":{\"max_length\":10}},"
	"{\"id\":\"contact.64a0000000000000000000a2\",\"label\":\"Persona\",\"modality\":\"contact\","
	"\"source\":\"custom\",\"type\":\"picklist\",\"meta\":{\"picklist_values\":["
	"{\"id\":\"64a00000000000000000b001\",\"name\":\"Economic Buyer\"},"
	"{\"id\":\"64a00000000000000000b002\",\"name\":\"Champion\"},"
	"{\"id\":\"64a00000000000000000b003\",\"name\":\"User\"}]}},"
	"{\"id\":\"contact.64a0000000000000000000a3\",\"label\":\"Renewal Date\",\"modality\":\"contact\","
	"\"source\":\"custom\",\"type\":\"date\"},"
	"{\"id\":\"account.64a0000000000000000000a4\",\"label\":\"Lead Source\",\"modality\":\"account\","
	"\"source\":\"custom\",\"type\":\"textarea\"},"
	"{\"id\":\"opportunity.64a0000000000000000000a5\",\"label\":\"Seats\",\"modality\":\"opportunity\","
	"\"source\":\"custom\",\"type\":\"number\"},"
	"{\"id\":\"lead.64a0000000000000000000a6\",\"label\":\"Lead Only\",\"modality\":\"lead\","
	"\"source\":\"custom\",\"type\":\"string\"},"
	"{\"id\":\"contact.64a0000000000000000000a7\",\"label\":\"Crm Owner\",\"modality\":\"contact\","
	"\"source\":\"crm_synced\",\"type\":\"string\"}"
	"]}";

/* the older GET /typed_custom_fields: bare ids, "name", both option shapes */
static const char typed_reply[] =
	"{\"typed_custom_fields\":["
	"{\"id\":\"63e3649078a015e28f6cc576\",\"name\":\"Lead Source Detail\",\"type\":\"string\","
	"\"modality\":\"contact\",\"text_field_max_length\":255},"
	"{\"id\":\"63e36490b07fcb19a9d26a6e\",\"name\":\"Customer Tier\",\"type\":\"picklist\","
	"\"modality\":\"contact\",\"picklist_options\":["
	"{\"id\":\"63e3649063f352eb273234d4\",\"value\":\"Tier 1\"},"
	"{\"id\":\"63e36490a69484f2c286efe5\",\"value\":\"Tier 2\"}]},"
	"{\"id\":\"63e36490b07fcb19a9d26a70\",\"name\":\"Regions\",\"type\":\"multipicklist\","
	"\"modality\":\"account\",\"picklist_options\":[],\"picklist_values\":["
	"{\"_id\":\"63e3649063f352eb27320001\",\"id\":\"63e3649063f352eb27320001\","
	"\"key\":\"63e3649063f352eb27320001\",\"name\":\"EMEA\"},"
	"{\"_id\":\"63e3649063f352eb27320002\",\"id\":\"63e3649063f352eb27320002\","
	"\"key\":\"63e3649063f352eb27320002\",\"name\":\"APAC\"}]},"
	"{\"id\":\"63e36490b07fcb19a9d26a71\",\"name\":\"Account Manager\",\"type\":\"lookup_user\","
	"\"modality\":\"contact\"}"
	"]}";

static void read_set(struct custom_fields *set, const char *text)
{
	cJSON *j = cJSON_Parse(text);
	char err[200] = "";

	ck_assert_ptr_nonnull(j);
	ck_assert_msg(custom_fields_from_json(set, j, err, sizeof err) == 0, "refused: %s", err);
	cJSON_Delete(j);
}

static void refused(const char *text, const char *want)
{
	struct custom_fields set = { NULL, 5 };
	cJSON *j = cJSON_Parse(text);
	char err[200] = "";

	ck_assert_ptr_nonnull(j);
	ck_assert_msg(custom_fields_from_json(&set, j, err, sizeof err) == -1, "%s: accepted", text);
	ck_assert_msg(strcmp(err, want) == 0, "%s:\n  got      %s\n  expected %s", text, err, want);
	ck_assert_uint_eq(set.n, 0);
	ck_assert_ptr_null(set.fields);
	cJSON_Delete(j);
}

START_TEST(fields_reply_keeps_custom_fields_only)
{
	struct custom_fields set;
	const struct custom_field *f;

	read_set(&set, fields_reply);
	ck_assert_uint_eq(set.n, 5);
	f = &set.fields[0];
	ck_assert_str_eq(f->id, "64a0000000000000000000a1");   /* bare: as records key it */
	ck_assert_str_eq(f->label, "Lead Source");
	ck_assert_int_eq(f->modality, CF_CONTACT);
	ck_assert_int_eq(f->type, CF_TEXT);
	ck_assert_str_eq(f->type_name, "string");
	ck_assert_int_eq(f->max_length, 10);
	f = &set.fields[1];
	ck_assert_int_eq(f->type, CF_PICKLIST);
	ck_assert_uint_eq(f->noptions, 3);
	ck_assert_str_eq(f->options[1].id, "64a00000000000000000b002");
	ck_assert_str_eq(f->options[1].label, "Champion");
	ck_assert_int_eq(set.fields[2].type, CF_DATE);
	ck_assert_int_eq(set.fields[3].modality, CF_ACCOUNT);
	ck_assert_int_eq(set.fields[3].type, CF_TEXT);
	ck_assert_int_eq(set.fields[4].modality, CF_OPPORTUNITY);
	ck_assert_int_eq(set.fields[4].type, CF_NUMBER);
	custom_fields_free(&set);
	ck_assert_uint_eq(set.n, 0);
}
END_TEST

START_TEST(typed_custom_fields_reply)
{
	struct custom_fields set;

	read_set(&set, typed_reply);
	ck_assert_uint_eq(set.n, 4);
	ck_assert_str_eq(set.fields[0].id, "63e3649078a015e28f6cc576");
	ck_assert_str_eq(set.fields[0].label, "Lead Source Detail");
	ck_assert_int_eq(set.fields[0].max_length, 255);
	ck_assert_uint_eq(set.fields[1].noptions, 2);
	ck_assert_str_eq(set.fields[1].options[0].label, "Tier 1");
	ck_assert_str_eq(set.fields[1].options[0].id, "63e3649063f352eb273234d4");
	ck_assert_int_eq(set.fields[2].type, CF_MULTIPICKLIST);
	ck_assert_int_eq(set.fields[2].modality, CF_ACCOUNT);
	ck_assert_uint_eq(set.fields[2].noptions, 2);   /* the empty list is not the one read */
	ck_assert_str_eq(set.fields[2].options[1].label, "APAC");
	ck_assert_int_eq(set.fields[3].type, CF_UNSUPPORTED);
	ck_assert_str_eq(set.fields[3].type_name, "lookup_user");
	custom_fields_free(&set);
}
END_TEST

START_TEST(bad_replies_are_refused_whole)
{
	refused("[]", "the reply is not a JSON object");
	refused("{\"people\":[]}", "the reply has no list of \"fields\" or \"typed_custom_fields\"");
	refused("{\"fields\":{}}", "the reply has no list of \"fields\" or \"typed_custom_fields\"");
	refused("{\"fields\":[{\"id\":\"contact.64a0000000000000000000a1\",\"label\":\"A\",\"type\":\"string\","
	        "\"modality\":\"contact\",\"source\":\"custom\"},7]}",
	        "field 2 is a number, not an object");
	refused("{\"fields\":[{\"label\":\"A\",\"type\":\"string\",\"source\":\"custom\"}]}",
	        "field 1 has no \"id\" (it is missing)");
	refused("{\"fields\":[{\"id\":\"contact.64a0000000000000000000a1\",\"type\":\"string\","
	        "\"source\":\"custom\"}]}",
	        "field 1 (contact.64a0000000000000000000a1) has no \"label\"");
	refused("{\"typed_custom_fields\":[{\"id\":\"64a0000000000000000000a1\",\"name\":\"A\","
	        "\"type\":\"string\"}]}",
	        "field 1 (64a0000000000000000000a1) has no \"modality\"");
	refused("{\"fields\":[{\"id\":\"contact.64a0000000000000000000a1\",\"label\":\"A\","
	        "\"source\":\"custom\",\"type\":null}]}",
	        "field 1 (contact.64a0000000000000000000a1) has no \"type\"");
}
END_TEST

START_TEST(snapshot_reads_back_as_written)
{
	struct custom_fields set, again;
	cJSON *snap;
	char *text;
	const cJSON *first;

	read_set(&set, fields_reply);
	snap = custom_fields_to_json(&set);
	first = cJSON_GetArrayItem(cJSON_GetObjectItem(snap, "fields"), 0);
	ck_assert_str_eq(cJSON_GetObjectItem(first, "id")->valuestring, "contact.64a0000000000000000000a1");
	ck_assert_str_eq(cJSON_GetObjectItem(first, "label")->valuestring, "Lead Source");
	ck_assert_str_eq(cJSON_GetObjectItem(first, "type")->valuestring, "string");
	ck_assert_int_eq(cJSON_GetObjectItem(first, "max_length")->valueint, 10);
	text = cJSON_PrintUnformatted(snap);
	read_set(&again, text);
	ck_assert_uint_eq(again.n, set.n);
	for (size_t i = 0; i < set.n; i++) {
		ck_assert_str_eq(again.fields[i].id, set.fields[i].id);
		ck_assert_str_eq(again.fields[i].label, set.fields[i].label);
		ck_assert_str_eq(again.fields[i].type_name, set.fields[i].type_name);
		ck_assert_int_eq(again.fields[i].type, set.fields[i].type);
		ck_assert_int_eq(again.fields[i].modality, set.fields[i].modality);
		ck_assert_int_eq(again.fields[i].max_length, set.fields[i].max_length);
		ck_assert_uint_eq(again.fields[i].noptions, set.fields[i].noptions);
		for (size_t k = 0; k < set.fields[i].noptions; k++) {
			ck_assert_str_eq(again.fields[i].options[k].id, set.fields[i].options[k].id);
			ck_assert_str_eq(again.fields[i].options[k].label, set.fields[i].options[k].label);
		}
	}
	free(text);
	cJSON_Delete(snap);
	custom_fields_free(&again);
	custom_fields_free(&set);
}
END_TEST

START_TEST(found_by_label_as_headers_are)
{
	struct custom_fields set;
	const struct custom_field *f;

	read_set(&set, fields_reply);
	f = custom_fields_by_label(&set, CF_CONTACT, "Lead Source");
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(f->id, "64a0000000000000000000a1");
	ck_assert_ptr_eq(custom_fields_by_label(&set, CF_CONTACT, "lead_source"), f);
	ck_assert_ptr_eq(custom_fields_by_label(&set, CF_CONTACT, " LEAD-SOURCE "), f);
	/* the account field of the same label is the account's */
	f = custom_fields_by_label(&set, CF_ACCOUNT, "Lead Source");
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(f->id, "64a0000000000000000000a4");
	ck_assert_ptr_null(custom_fields_by_label(&set, CF_ACCOUNT, "Persona"));
	ck_assert_ptr_null(custom_fields_by_label(&set, CF_CONTACT, "Lead Sources"));
	ck_assert_ptr_null(custom_fields_by_label(&set, CF_CONTACT, "First name")); /* a system field */
	ck_assert_ptr_null(custom_fields_by_label(&set, CF_CONTACT, ""));
	ck_assert_ptr_null(custom_fields_by_label(&set, CF_CONTACT, "--"));
	custom_fields_free(&set);
}
END_TEST

START_TEST(found_by_id)
{
	struct custom_fields set;

	read_set(&set, fields_reply);
	ck_assert_str_eq(custom_fields_by_id(&set, "contact.64a0000000000000000000a2")->label, "Persona");
	ck_assert_str_eq(custom_fields_by_id(&set, "64a0000000000000000000a2")->label, "Persona");
	ck_assert_str_eq(custom_fields_by_id(&set, "opportunity.64a0000000000000000000a5")->label, "Seats");
	/* an id under another modality's name is not that field */
	ck_assert_ptr_null(custom_fields_by_id(&set, "account.64a0000000000000000000a2"));
	ck_assert_ptr_null(custom_fields_by_id(&set, "contact.64a0000000000000000000ff"));
	ck_assert_ptr_null(custom_fields_by_id(&set, "contact.attr2"));
	custom_fields_free(&set);
}
END_TEST

START_TEST(nearest_label)
{
	struct custom_fields set;
	const char *near;

	read_set(&set, fields_reply);
	near = custom_fields_nearest(&set, CF_CONTACT, "Lead Sorce");
	ck_assert_ptr_nonnull(near);
	ck_assert_str_eq(near, "Lead Source");
	near = custom_fields_nearest(&set, CF_CONTACT, "Personas");
	ck_assert_ptr_nonnull(near);
	ck_assert_str_eq(near, "Persona");
	ck_assert_ptr_null(custom_fields_nearest(&set, CF_CONTACT, "Zip"));
	ck_assert_ptr_null(custom_fields_nearest(&set, CF_ACCOUNT, "Persona")); /* contact only */
	custom_fields_free(&set);
}
END_TEST

START_TEST(keep_one_modality)
{
	struct custom_fields set;

	read_set(&set, fields_reply);
	custom_fields_keep(&set, CF_ACCOUNT);
	ck_assert_uint_eq(set.n, 1);
	ck_assert_str_eq(set.fields[0].id, "64a0000000000000000000a4");
	custom_fields_keep(&set, CF_CONTACT);
	ck_assert_uint_eq(set.n, 0);
	custom_fields_free(&set);
}
END_TEST

START_TEST(modalities_by_name)
{
	enum cf_modality m = CF_MODALITIES;

	ck_assert(cf_modality_from_name("account", &m) && m == CF_ACCOUNT);
	ck_assert(cf_modality_from_name("Contact", &m) && m == CF_CONTACT);
	ck_assert(cf_modality_from_name("OPPORTUNITY", &m) && m == CF_OPPORTUNITY);
	ck_assert(!cf_modality_from_name("lead", &m));
	ck_assert(!cf_modality_from_name("", &m));
	ck_assert_str_eq(cf_modality_name(CF_ACCOUNT), "account");
	ck_assert_str_eq(cf_modality_name(CF_OPPORTUNITY), "opportunity");
}
END_TEST

/* ---- values ---- */

static struct custom_field field(enum cf_type type, const char *label)
{
	static struct cf_option opts[12];
	static char ids[12][40], labels[12][24];
	static const char *const names[] = { "Economic Buyer", "Champion", "User" };

	for (int i = 0; i < 12; i++) {
		snprintf(ids[i], sizeof ids[i], "64a00000000000000000b%03d", i + 1);
		if (i < 3)
			snprintf(labels[i], sizeof labels[i], "%s", names[i]);
		else
			snprintf(labels[i], sizeof labels[i], "Option %d", i + 1);
		opts[i].id = ids[i];
		opts[i].label = labels[i];
	}
	return (struct custom_field){ "64a0000000000000000000a1", (char *)label, CF_CONTACT, type,
	                              (char *)"test", 0, type == CF_PICKLIST || type == CF_MULTIPICKLIST ? opts : NULL,
	                              type == CF_PICKLIST || type == CF_MULTIPICKLIST ? 3 : 0 };
}

static void sets_as(const struct custom_field *f, const struct cf_reading *how, const char *cell,
                    const char *want)
{
	cJSON *out = (cJSON *)1;
	enum cf_value_kind k = how ? custom_value_convert_as(f, cell, strlen(cell), how, &out, why, sizeof why)
	                           : custom_value_convert(f, cell, strlen(cell), &out, why, sizeof why);
	char *got;

	ck_assert_msg(k == CF_VALUE_SET, "%s \"%s\": kind %d (%s)", f->label, cell, k, why);
	ck_assert_ptr_nonnull(out);
	got = cJSON_PrintUnformatted(out);
	ck_assert_msg(strcmp(got, want) == 0, "%s \"%s\" -> %s, expected %s", f->label, cell, got, want);
	free(got);
	cJSON_Delete(out);
}

static void sets(const struct custom_field *f, const char *cell, const char *want)
{
	sets_as(f, NULL, cell, want);
}

static void is_bad_as(const struct custom_field *f, const struct cf_reading *how, const char *cell,
                      const char *want)
{
	cJSON *out = (cJSON *)1;
	enum cf_value_kind k = how ? custom_value_convert_as(f, cell, strlen(cell), how, &out, why, sizeof why)
	                           : custom_value_convert(f, cell, strlen(cell), &out, why, sizeof why);

	ck_assert_msg(k == CF_VALUE_BAD, "%s \"%s\" accepted (kind %d)", f->label, cell, k);
	ck_assert_ptr_null(out);
	ck_assert_msg(strcmp(why, want) == 0, "%s \"%s\":\n  got      %s\n  expected %s", f->label, cell, why,
	              want);
}

static void is_bad(const struct custom_field *f, const char *cell, const char *want)
{
	is_bad_as(f, NULL, cell, want);
}

static void kind_is(const struct custom_field *f, const char *cell, enum cf_value_kind want)
{
	cJSON *out = (cJSON *)1;
	ck_assert_int_eq(custom_value_convert(f, cell, strlen(cell), &out, why, sizeof why), want);
	ck_assert_ptr_null(out);
}

START_TEST(text_is_checked_against_its_length)
{
	struct custom_field f = field(CF_TEXT, "Lead Source");

	sets(&f, "  Webinar  ", "\"Webinar\"");
	sets(&f, "line one\nline two\n", "\"line one\\nline two\"");
	f.max_length = 5;
	sets(&f, "\xC3\xA9t\xC3\xA9s!", "\"\xC3\xA9t\xC3\xA9s!\""); /* five characters, seven bytes */
	is_bad(&f, "Webinar", "\"Webinar\" is 7 characters long; Lead Source takes at most 5");
}
END_TEST

START_TEST(numbers_as_the_amount_cleaner_reads_them)
{
	struct custom_field f = field(CF_NUMBER, "Seats");
	const struct cf_reading comma = { DATE_AUTO, true };

	sets(&f, "1,234.5", "\"1234.5\"");
	sets(&f, "1.234,5", "\"1234.5\"");   /* only a decimal comma reads it */
	sets(&f, "12k", "\"12000\"");
	sets(&f, "1.5k", "\"1500\"");
	sets(&f, "42", "\"42\"");
	sets(&f, "$1,000.00", "\"1000\"");
	sets(&f, "-3.25", "\"-3.25\"");
	sets(&f, "-0", "\"0\"");
	sets(&f, "12,5", "\"12.5\"");
	sets_as(&f, &comma, "1.234,5", "\"1234.5\"");
	sets_as(&f, &comma, "1,5", "\"1.5\"");
	sets_as(&f, &comma, "1.500", "\"1500\"");
	is_bad_as(&f, &comma, "1,500", "\"1,500\" could be 1.5 or 1500 (if commas group thousands in this file, "
	                               "leave out --decimal-comma) (Seats takes a number)");
	sets(&f, "1,500", "\"1500\"");
	is_bad(&f, "1.500", "\"1.500\" could be 1.5 or 1500 (if dots group thousands in this file, use "
	                    "--decimal-comma) (Seats takes a number)");
	is_bad(&f, "ten", "\"ten\" is not an amount (only a currency like $ or USD, and k, m or bn, can go with "
	                  "the number) (Seats takes a number)");
	is_bad(&f, "-", "\"-\" is not a number for Seats");
	is_bad(&f, "3-4", "\"3-4\" holds more than one number (Seats takes a number)");
}
END_TEST

START_TEST(dates_as_the_date_reader_reads_them)
{
	struct custom_field f = field(CF_DATE, "Renewal Date");
	const struct cf_reading dmy = { DATE_DMY, false };

	sets(&f, "2026-12-01", "\"2026-12-01\"");
	sets(&f, "31/12/2026", "\"2026-12-31\"");
	sets(&f, "12/31/2026", "\"2026-12-31\"");
	sets(&f, "1-Dec-2026", "\"2026-12-01\"");
	sets(&f, "Dec 1, 2026", "\"2026-12-01\"");
	sets(&f, "46357", "\"2026-12-01\"");          /* an Excel day number */
	sets(&f, "2026-12-01 00:00:00", "\"2026-12-01\"");
	sets_as(&f, &dmy, "03/04/2026", "\"2026-04-03\"");
	is_bad(&f, "31/02/2026", "\"31/02/2026\" is not a date (February has 28 days in 2026) (Renewal Date takes "
	                         "a date)");
	is_bad(&f, "next week", "\"next week\" is not a date (write it like 2026-12-01, 01/12/2026 or 1 Dec 2026) "
	                        "(Renewal Date takes a date)");
	ck_assert_msg(strncmp(why, "\"next week\"", 11) == 0, "%s", why);
	/* both readings make a date: refused, not guessed */
	is_bad(&f, "03/04/2026", "\"03/04/2026\" could be 3 April 2026 (dmy) or 4 March 2026 (mdy): use --date-format "
	                         "dmy or mdy (Renewal Date takes a date)");
}
END_TEST

START_TEST(date_times_to_iso)
{
	struct custom_field f = field(CF_DATETIME, "Last Call");

	sets(&f, "2026-12-01", "\"2026-12-01\"");
	sets(&f, "2026-12-01 14:30", "\"2026-12-01T14:30:00Z\"");
	sets(&f, "2026-12-01T14:30:00+02:00", "\"2026-12-01T12:30:00Z\"");
	sets(&f, "12/31/2026 2:30 PM", "\"2026-12-31T14:30:00Z\"");
	is_bad(&f, "2026-12-01 25:00", "\"2026-12-01 25:00\" is not a date and time (there is no hour 25) (Last "
	                               "Call takes a date and time)");
}
END_TEST

START_TEST(booleans_from_every_spelling)
{
	struct custom_field f = field(CF_BOOLEAN, "Opted In");
	static const char *const yes[] = { "yes", "Y", "TRUE", "true", "1", "x", "X", "checked", "On" };
	static const char *const no[] = { "no", "N", "FALSE", "false", "0", "unchecked", "off" };

	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		sets(&f, yes[i], "\"true\"");
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		sets(&f, no[i], "\"false\"");
	is_bad(&f, "maybe", "\"maybe\" is not a yes or no for Opted In (yes/no, true/false, 1/0, x, checked)");
	is_bad(&f, "2", "\"2\" is not a yes or no for Opted In (yes/no, true/false, 1/0, x, checked)");
}
END_TEST

START_TEST(picklist_label_to_value_id)
{
	struct custom_field f = field(CF_PICKLIST, "Persona");

	sets(&f, "Champion", "\"64a00000000000000000b002\"");
	sets(&f, " economic BUYER ", "\"64a00000000000000000b001\"");
	sets(&f, "Economic  Buyer", "\"64a00000000000000000b001\"");
	sets(&f, "64a00000000000000000b003", "\"64a00000000000000000b003\""); /* the id itself */
	is_bad(&f, "Gatekeeper", "\"Gatekeeper\" is not one of Persona's values: Economic Buyer, Champion, User");
	f.noptions = 12;
	is_bad(&f, "Gatekeeper", "\"Gatekeeper\" is not one of Persona's values: Economic Buyer, Champion, User, "
	                         "Option 4, Option 5, Option 6, Option 7, Option 8, Option 9, Option 10, ... "
	                         "(12 in all)");
	f.noptions = 0;
	is_bad(&f, "User", "\"User\" is not one of Persona's values: none: the field has no values");
}
END_TEST

START_TEST(multi_picklist_labels_to_ids)
{
	struct custom_field f = field(CF_MULTIPICKLIST, "Roles");

	sets(&f, "Champion", "[\"64a00000000000000000b002\"]");
	sets(&f, "user; Champion;Economic Buyer", "[\"64a00000000000000000b003\",\"64a00000000000000000b002\","
	                                          "\"64a00000000000000000b001\"]");
	sets(&f, "User;;user; ", "[\"64a00000000000000000b003\"]");
	is_bad(&f, "User; Boss", "\"Boss\" is not one of Roles's values: Economic Buyer, Champion, User");
	kind_is(&f, " ; ;", CF_VALUE_NONE);
}
END_TEST

START_TEST(blanks_send_nothing_and_clear_clears)
{
	static const enum cf_type types[] = { CF_TEXT, CF_NUMBER, CF_DATE, CF_DATETIME, CF_BOOLEAN, CF_PICKLIST,
		                              CF_MULTIPICKLIST, CF_UNSUPPORTED };

	ck_assert_str_eq(CUSTOM_VALUE_CLEAR, ROUNDTRIP_CLEAR);
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
		struct custom_field f = field(types[i], "Any");
		kind_is(&f, "", CF_VALUE_NONE);
		kind_is(&f, "  \t\xC2\xA0", CF_VALUE_NONE);
		kind_is(&f, "(clear)", CF_VALUE_CLEAR);
		kind_is(&f, " (Clear) ", CF_VALUE_CLEAR);
	}
	{
		struct custom_field f = field(CF_TEXT, "Any");
		cJSON *out = NULL;
		/* the length given, not the string's: a cell is not NUL-terminated */
		ck_assert_int_eq(custom_value_convert(&f, "abcdef", 3, &out, why, sizeof why), CF_VALUE_SET);
		ck_assert_str_eq(out->valuestring, "abc");
		cJSON_Delete(out);
	}
}
END_TEST

START_TEST(unsupported_types_are_refused)
{
	struct custom_field f = field(CF_UNSUPPORTED, "Account Manager");

	f.type_name = (char *)"lookup_user";
	is_bad(&f, "ann@example.com", "\"ann@example.com\" cannot be sent: apollo-csv does not write Account "
	                              "Manager's type (lookup_user)");
}
END_TEST

/* ---- shown back ---- */

static void shows(const struct custom_field *f, const char *stored, const char *want)
{
	cJSON *v = cJSON_Parse(stored);
	struct dynbuf out;

	ck_assert_ptr_nonnull(v);
	dynbuf_init(&out, 1 << 16);
	dynbuf_add(&out, "|", 1);
	custom_value_show(f, v, &out);
	ck_assert_msg(strcmp(out.data + 1, want) == 0, "%s %s shown as \"%s\", expected \"%s\"", f->label, stored,
	              out.data + 1, want);
	dynbuf_free(&out);
	cJSON_Delete(v);
}

START_TEST(stored_values_as_a_person_reads_them)
{
	struct custom_field pick = field(CF_PICKLIST, "Persona"), multi = field(CF_MULTIPICKLIST, "Roles");
	struct custom_field date = field(CF_DATE, "Renewal"), when = field(CF_DATETIME, "Last Call");
	struct custom_field yes = field(CF_BOOLEAN, "Opted In"), num = field(CF_NUMBER, "Seats");
	struct custom_field text = field(CF_TEXT, "Lead Source");

	shows(&pick, "\"64a00000000000000000b002\"", "Champion");
	shows(&pick, "\"64a00000000000000000b0ff\"", "64a00000000000000000b0ff"); /* unknown: its id */
	shows(&multi, "[\"64a00000000000000000b003\",\"64a00000000000000000b001\"]", "User; Economic Buyer");
	shows(&multi, "\"64a00000000000000000b003;64a00000000000000000b002\"", "User; Champion");
	shows(&multi, "[]", "");
	shows(&date, "\"2025-08-07\"", "2025-08-07");
	shows(&date, "\"2025-08-07T00:00:00.000Z\"", "2025-08-07");
	shows(&when, "\"2025-08-07T00:00:00.000Z\"", "2025-08-07");
	shows(&when, "\"2026-12-01T12:30:00Z\"", "2026-12-01T12:30:00Z");
	shows(&yes, "true", "true");
	shows(&yes, "false", "false");
	shows(&yes, "\"1\"", "true");
	shows(&yes, "\"false\"", "false");
	shows(&num, "12.5", "12.5");
	shows(&num, "1234", "1234");
	shows(&num, "\"1234.5\"", "1234.5");
	shows(&text, "\"Webinar\"", "Webinar");
	shows(&text, "null", "");
}
END_TEST

/* what is shown converts back to what was stored */
START_TEST(shown_values_convert_back)
{
	struct custom_field multi = field(CF_MULTIPICKLIST, "Roles"), when = field(CF_DATETIME, "Last Call");
	const struct {
		struct custom_field *f;
		const char *stored;
	} cases[] = {
		{ &multi, "[\"64a00000000000000000b003\",\"64a00000000000000000b001\"]" },
		{ &when, "\"2026-12-01T12:30:00Z\"" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		cJSON *v = cJSON_Parse(cases[i].stored), *back = NULL;
		struct dynbuf out;
		char *got;

		dynbuf_init(&out, 1 << 16);
		custom_value_show(cases[i].f, v, &out);
		ck_assert_int_eq(custom_value_convert(cases[i].f, out.data, out.len, &back, why, sizeof why),
		                 CF_VALUE_SET);
		got = cJSON_PrintUnformatted(back);
		ck_assert_str_eq(got, cases[i].stored);
		free(got);
		cJSON_Delete(back);
		cJSON_Delete(v);
		dynbuf_free(&out);
	}
}
END_TEST

static Suite *custom_fields_suite(void)
{
	Suite *s = suite_create("custom_fields");
	TCase *t = unit_tcase("definitions");
	TCase *v = unit_tcase("values");

	tcase_add_test(t, fields_reply_keeps_custom_fields_only);
	tcase_add_test(t, typed_custom_fields_reply);
	tcase_add_test(t, bad_replies_are_refused_whole);
	tcase_add_test(t, snapshot_reads_back_as_written);
	tcase_add_test(t, found_by_label_as_headers_are);
	tcase_add_test(t, found_by_id);
	tcase_add_test(t, nearest_label);
	tcase_add_test(t, keep_one_modality);
	tcase_add_test(t, modalities_by_name);
	suite_add_tcase(s, t);
	tcase_add_test(v, text_is_checked_against_its_length);
	tcase_add_test(v, numbers_as_the_amount_cleaner_reads_them);
	tcase_add_test(v, dates_as_the_date_reader_reads_them);
	tcase_add_test(v, date_times_to_iso);
	tcase_add_test(v, booleans_from_every_spelling);
	tcase_add_test(v, picklist_label_to_value_id);
	tcase_add_test(v, multi_picklist_labels_to_ids);
	tcase_add_test(v, blanks_send_nothing_and_clear_clears);
	tcase_add_test(v, unsupported_types_are_refused);
	tcase_add_test(v, stored_values_as_a_person_reads_them);
	tcase_add_test(v, shown_values_convert_back);
	suite_add_tcase(s, v);
	return s;
}

int main(void)
{
	return unit_run(custom_fields_suite());
}
