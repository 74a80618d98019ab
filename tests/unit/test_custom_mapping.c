/* test_custom_mapping.c - rows/mapping.h with the team's custom fields: the
 * columns no standard field takes mapped by label, --map naming a custom
 * field by label or id, the summary listing every column (with the custom
 * field a column not sent is near), and rows/custom_values.h turning a
 * row's custom cells into typed_custom_fields and problems. */
#include "rows/custom_values.h"
#include "rows/mapping.h"
#include "rows/profiles.h"
#include "values/sheet_values.h"
#include "unit.h"

#define MAX_CELLS 16

struct row {
	char text[1024];
	const char *cells[MAX_CELLS];
	size_t lens[MAX_CELLS];
	struct csv_record rec;
};

static const struct csv_record *make_row(struct row *r, const char *line)
{
	char *p = r->text;
	size_t n = 0;

	memset(r, 0, sizeof *r);
	snprintf(r->text, sizeof r->text, "%s", line);
	for (;;) {
		char *d = strchr(p, ',');
		ck_assert_uint_lt(n, MAX_CELLS);
		if (d)
			*d = '\0';
		r->cells[n] = p;
		r->lens[n] = strlen(p);
		n++;
		if (!d)
			break;
		p = d + 1;
	}
	r->rec.nfields = n;
	r->rec.fields = r->cells;
	r->rec.lens = r->lens;
	r->rec.line = 1;
	return &r->rec;
}

static const char team[] =
	"{\"fields\":["
	"{\"id\":\"contact.64a0000000000000000000a1\",\"label\":\"Lead Source\",\"modality\":\"contact\","
	"\"source\":\"custom\",\"type\":\"string\"},"
	"{\"id\":\"contact.64a0000000000000000000a2\",\"label\":\"Persona\",\"modality\":\"contact\","
	"\"source\":\"custom\",\"type\":\"picklist\",\"meta\":{\"picklist_values\":["
	"{\"id\":\"64a00000000000000000b001\",\"name\":\"Economic Buyer\"},"
	"{\"id\":\"64a00000000000000000b002\",\"name\":\"Champion\"}]}},"
	"{\"id\":\"contact.64a0000000000000000000a3\",\"label\":\"Renewal Date\",\"modality\":\"contact\","
	"\"source\":\"custom\",\"type\":\"date\"},"
	"{\"id\":\"account.64a0000000000000000000a4\",\"label\":\"Tier\",\"modality\":\"account\","
	"\"source\":\"custom\",\"type\":\"string\"},"
	"{\"id\":\"contact.64a0000000000000000000a5\",\"label\":\"Account Manager\",\"modality\":\"contact\","
	"\"source\":\"custom\",\"type\":\"lookup_user\"}"
	"]}";

static struct profile_set profiles;
static struct custom_fields fields;

static void setup(void)
{
	char err[512];
	cJSON *j = cJSON_Parse(team);

	ck_assert_msg(profiles_load(&profiles, unit_formats_dir(), err, sizeof err) == 0, "%s", err);
	ck_assert_int_eq(custom_fields_from_json(&fields, j, err, sizeof err), 0);
	cJSON_Delete(j);
}

static void teardown(void)
{
	custom_fields_free(&fields);
	profiles_free(&profiles);
}

/* builds m for header with overrides o; the custom step's result */
static int map(struct column_map *m, struct row *h, const char *header, const struct map_override *o, size_t n,
               char *err, size_t errlen)
{
	struct mapping_request req = { .profiles = &profiles, .overrides = o, .noverrides = n, .file = "t.csv" };

	make_row(h, header);
	ck_assert_msg(mapping_build(m, &req, &h->rec, err, errlen) == 0, "%s", err);
	return mapping_add_custom(m, &req, &h->rec, &fields, CF_CONTACT, err, errlen);
}

static const char *described(const struct column_map *m, const struct row *h)
{
	static struct dynbuf out;

	dynbuf_free(&out);
	dynbuf_init(&out, (size_t)-1);
	mapping_describe(m, &h->rec, NULL, false, &out);
	return dynbuf_cstr(&out);
}

START_TEST(the_issue_file_lists_every_column)
{
	struct row h;
	struct column_map m;
	char err[512];

	ck_assert_int_eq(map(&m, &h, "First Name,Last Name,Email,Lead Source,Persona,Renewal Date,Notes,Personas", NULL,
	                     0, err, sizeof err), 0);
	ck_assert_str_eq(described(&m, &h),
	                 "profile \"generic\" (hand-made spreadsheet): no column marks an export "
	                 "(--format NAME chooses a profile)\n"
	                 "  First Name -> first_name\n"
	                 "  Last Name -> last_name\n"
	                 "  Email -> email\n"
	                 "  Lead Source -> custom field Lead Source (string)\n"
	                 "  Persona -> custom field Persona (picklist)\n"
	                 "  Renewal Date -> custom field Renewal Date (date)\n"
	                 "  not sent: Notes, Personas (near custom field \"Persona\")\n");
	ck_assert_str_eq(m.custom[4]->id, "64a0000000000000000000a2");
	ck_assert_ptr_null(m.custom[0]);
	mapping_free(&m);
}
END_TEST

START_TEST(labels_match_as_headers_do_and_per_modality)
{
	struct row h;
	struct column_map m;
	char err[512];

	/* the account field "Tier" is not a contact's; the first column of a
	 * label takes it; a type apollo-csv cannot write is not sent, and says so */
	ck_assert_int_eq(map(&m, &h, "Email,lead_source,PERSONA,Tier,Account Manager,persona", NULL, 0, err,
	                     sizeof err), 0);
	ck_assert_ptr_nonnull(m.custom[1]);
	ck_assert_ptr_nonnull(m.custom[2]);
	ck_assert_ptr_null(m.custom[3]);
	ck_assert_ptr_null(m.custom[4]);
	ck_assert_ptr_null(m.custom[5]);
	ck_assert_str_eq(described(&m, &h),
	                 "profile \"generic\" (hand-made spreadsheet): no column marks an export "
	                 "(--format NAME chooses a profile)\n"
	                 "  Email -> email\n"
	                 "  lead_source -> custom field Lead Source (string)\n"
	                 "  PERSONA -> custom field Persona (picklist)\n"
	                 "  not sent: Tier, Account Manager (custom field of a type apollo-csv cannot write: "
	                 "lookup_user), persona (column 6) (custom field Persona is read from column 3)\n");
	mapping_free(&m);
}
END_TEST

START_TEST(map_names_a_custom_field_by_label_or_id)
{
	struct row h;
	struct column_map m;
	char err[512];
	const struct map_override by_label[] = { { F_COUNT, "Role", "persona" } };
	const struct map_override by_id[] = { { F_COUNT, "Title", "contact.64a0000000000000000000a2" } };
	const struct map_override none[] = { { F_COUNT, "", "Persona" } };

	ck_assert_int_eq(map(&m, &h, "Email,Role,Persona", by_label, 1, err, sizeof err), 0);
	ck_assert_ptr_nonnull(m.custom[1]);
	ck_assert_str_eq(m.custom[1]->label, "Persona");
	ck_assert_ptr_null(m.custom[2]); /* the field is --map's column's */
	ck_assert(strstr(described(&m, &h), "  Role -> custom field Persona (--map, picklist)\n") != NULL);
	mapping_free(&m);

	/* the column the profile gave title is taken from it */
	ck_assert_int_eq(map(&m, &h, "Email,Title", by_id, 1, err, sizeof err), 0);
	ck_assert_str_eq(m.custom[1]->label, "Persona");
	ck_assert_int_eq(m.col[F_TITLE], -1);
	mapping_free(&m);

	/* LABEL= keeps the field from being read */
	ck_assert_int_eq(map(&m, &h, "Email,Persona", none, 1, err, sizeof err), 0);
	ck_assert_ptr_null(m.custom[1]);
	mapping_free(&m);
}
END_TEST

START_TEST(map_of_an_unknown_custom_field_names_the_nearest)
{
	struct row h;
	struct column_map m;
	char err[512];
	const struct map_override typo[] = { { F_COUNT, "Role", "Persona2" } };
	const struct map_override account[] = { { F_COUNT, "Role", "account.64a0000000000000000000a4" } };
	const struct map_override nothing[] = { { F_COUNT, "Role", "Shoe Size" } };
	const struct map_override no_column[] = { { F_COUNT, "Rolle", "Persona" } };

	ck_assert_int_eq(map(&m, &h, "Email,Role", typo, 1, err, sizeof err), -1);
	mapping_free(&m);
	ck_assert_str_eq(err, "--map Persona2=Role: no contact custom field has the label or id \"Persona2\"; "
	                      "did you mean \"Persona\"?");
	ck_assert_int_eq(map(&m, &h, "Email,Role", account, 1, err, sizeof err), -1);
	mapping_free(&m);
	ck_assert_str_eq(err, "--map account.64a0000000000000000000a4=Role: no contact custom field has the label "
	                      "or id \"account.64a0000000000000000000a4\" (it is a field of accounts)");
	ck_assert_int_eq(map(&m, &h, "Email,Role", nothing, 1, err, sizeof err), -1);
	mapping_free(&m);
	ck_assert_str_eq(err, "--map Shoe Size=Role: no contact custom field has the label or id \"Shoe Size\"; "
	                      "they are \"Lead Source\", \"Persona\", \"Renewal Date\", \"Account Manager\"");
	ck_assert_int_eq(map(&m, &h, "Email,Role", no_column, 1, err, sizeof err), -1);
	ck_assert_str_eq(err, "--map Persona=Rolle: no column has that name; the columns are \"Email\", \"Role\"");
	mapping_free(&m);
}
END_TEST

START_TEST(custom_fields_are_wanted_only_for_columns_left)
{
	struct row h;
	struct column_map m;
	struct mapping_request req = { .profiles = &profiles, .file = "t.csv" };
	const struct map_override o[] = { { F_COUNT, "Email", "Persona" } };
	char err[512];

	ck_assert_int_eq(mapping_build(&m, &req, make_row(&h, "First Name,Last Name,Email,Company"), err, sizeof err),
	                 0);
	ck_assert(!mapping_wants_custom(&m, &req, &h.rec));
	ck_assert_int_eq(mapping_no_custom(&req, "--fields FILE", err, sizeof err), 0);
	ck_assert_int_eq(mapping_build(&m, &req, make_row(&h, "Email,,Persona"), err, sizeof err), 0);
	ck_assert(mapping_wants_custom(&m, &req, &h.rec));
	ck_assert_int_eq(mapping_build(&m, &req, make_row(&h, "Email,"), err, sizeof err), 0);
	ck_assert(!mapping_wants_custom(&m, &req, &h.rec)); /* a column without a name */
	req.overrides = o;
	req.noverrides = 1;
	ck_assert(mapping_wants_custom(&m, &req, &h.rec));
	ck_assert_int_eq(mapping_no_custom(&req, "--fields FILE", err, sizeof err), -1);
	ck_assert_msg(strstr(err, "--map Persona=Email: \"Persona\" is not a standard field") == err, "%s", err);
	ck_assert_msg(strstr(err, "it needs --fields FILE") != NULL, "%s", err);
}
END_TEST

START_TEST(a_rows_custom_cells_become_typed_values_and_problems)
{
	struct row h, r;
	struct column_map m;
	struct custom_row cr;
	char err[512], *json;
	const struct cf_reading how = { DATE_AUTO, false };

	ck_assert_int_eq(map(&m, &h, "Email,Lead Source,Persona,Renewal Date", NULL, 0, err, sizeof err), 0);
	ck_assert(custom_columns(&m));
	custom_row_init(&cr);

	custom_row_read(&cr, &m, make_row(&r, "a@x.io, Webinar ,champion,31/12/2026"), &how, false);
	ck_assert_uint_eq(cr.nbad, 0);
	json = cJSON_PrintUnformatted(cr.typed);
	ck_assert_str_eq(json, "{\"64a0000000000000000000a1\":\"Webinar\",\"64a0000000000000000000a2\":"
	                       "\"64a00000000000000000b002\",\"64a0000000000000000000a3\":\"2026-12-31\"}");
	free(json);

	/* blanks send nothing; (clear) sends nothing to a new contact... */
	custom_row_read(&cr, &m, make_row(&r, "a@x.io,,(clear),"), &how, false);
	ck_assert_ptr_null(cr.typed);
	/* ... and empties the field of one being updated */
	custom_row_read(&cr, &m, make_row(&r, "a@x.io,,(clear),"), &how, true);
	json = cJSON_PrintUnformatted(cr.typed);
	ck_assert_str_eq(json, "{\"64a0000000000000000000a2\":\"\"}");
	free(json);

	/* a value that does not fit: named, the others still sent */
	custom_row_read(&cr, &m, make_row(&r, "a@x.io,Ads,Gatekeeper,31/02/2026"), &how, false);
	ck_assert_uint_eq(cr.nbad, 2);
	ck_assert_uint_eq(cr.bad[0].col, 2);
	ck_assert_str_eq(cr.bad[0].text, "Persona: \"Gatekeeper\" is not one of Persona's values: Economic Buyer, "
	                                 "Champion");
	ck_assert_uint_eq(cr.bad[1].col, 3);
	ck_assert_str_eq(cr.reason.data, "Persona: \"Gatekeeper\" is not one of Persona's values: Economic Buyer, "
	                                 "Champion; Renewal Date: \"31/02/2026\" is not a date (February has 28 days "
	                                 "in 2026) (Renewal Date takes a date)");
	json = cJSON_PrintUnformatted(cr.typed);
	ck_assert_str_eq(json, "{\"64a0000000000000000000a1\":\"Ads\"}");
	free(json);
	custom_row_free(&cr);
	mapping_free(&m);
}
END_TEST

START_TEST(a_mapped_column_under_another_name_says_both)
{
	struct row h, r;
	struct column_map m;
	struct custom_row cr;
	char err[512];
	const struct map_override o[] = { { F_COUNT, "Role", "Persona" } };
	const struct cf_reading how = { DATE_AUTO, false };

	ck_assert_int_eq(map(&m, &h, "Email,Role", o, 1, err, sizeof err), 0);
	custom_row_init(&cr);
	custom_row_read(&cr, &m, make_row(&r, "a@x.io,Boss"), &how, false);
	ck_assert_uint_eq(cr.nbad, 1);
	ck_assert_str_eq(cr.bad[0].text, "Role (custom field Persona): \"Boss\" is not one of Persona's values: "
	                                 "Economic Buyer, Champion");
	custom_row_free(&cr);
	mapping_free(&m);
}
END_TEST

static Suite *custom_mapping_suite(void)
{
	Suite *s = suite_create("custom_mapping");
	TCase *t = unit_tcase("custom_mapping");

	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, the_issue_file_lists_every_column);
	tcase_add_test(t, labels_match_as_headers_do_and_per_modality);
	tcase_add_test(t, map_names_a_custom_field_by_label_or_id);
	tcase_add_test(t, map_of_an_unknown_custom_field_names_the_nearest);
	tcase_add_test(t, custom_fields_are_wanted_only_for_columns_left);
	tcase_add_test(t, a_rows_custom_cells_become_typed_values_and_problems);
	tcase_add_test(t, a_mapped_column_under_another_name_says_both);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	return unit_run(custom_mapping_suite());
}
