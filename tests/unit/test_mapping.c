/* test_mapping.c - rows/profiles.h and rows/mapping.h: choosing a profile, mapping
 * columns, --map overrides, and cleaning a row into a contact. */
#include "rows/mapping.h"
#include "rows/profiles.h"
#include "values/clean.h"
#include "unit.h"

#define MAX_CELLS 16

/* A record made from one line split on `delim` (no quoting). */
struct row {
	char text[1024];
	const char *cells[MAX_CELLS];
	size_t lens[MAX_CELLS];
	struct csv_record rec;
};

static const struct csv_record *make_row(struct row *r, const char *line, char delim)
{
	char *p = r->text;
	size_t n = 0;

	memset(r, 0, sizeof *r);
	snprintf(r->text, sizeof r->text, "%s", line);
	for (;;) {
		char *d = strchr(p, delim);
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

static struct profile_set set;

static void load(void)
{
	char err[512];
	ck_assert_msg(profiles_load(&set, unit_formats_dir(), err, sizeof err) == 0,
	              "profiles_load(%s): %s", unit_formats_dir(), err);
}

static void unload(void)
{
	profiles_free(&set);
}

static const char *chosen(const char *header_line)
{
	struct row h;
	const struct csv_record *rec = make_row(&h, header_line, ',');
	const struct profile *p = profiles_choose(&set, rec->fields, rec->nfields);
	ck_assert_ptr_nonnull(p);
	return p->name;
}

/* mapping_build with no overrides; fails the test if it fails */
static void build(struct column_map *m, const struct csv_record *header)
{
	struct mapping_request req = { .profiles = &set, .file = "test.csv" };
	char err[1024];
	ck_assert_msg(mapping_build(m, &req, header, err, sizeof err) == 0, "mapping_build: %s", err);
}

static int build_with(struct column_map *m, const struct csv_record *header,
                      const struct map_override *o, size_t n, char *err, size_t errlen)
{
	struct mapping_request req = {
		.profiles = &set, .overrides = o, .noverrides = n, .file = "test.csv"
	};
	return mapping_build(m, &req, header, err, errlen);
}

/* ---- profiles ---- */

START_TEST(loads_the_formats_folder)
{
	static const char *const names[] = { "apollo", "generic", "hubspot", "linkedin", "salesforce" };
	ck_assert_uint_ge(set.n, 5);
	ck_assert_ptr_nonnull(set.generic);
	ck_assert_str_eq(set.generic->name, "generic");
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		const struct profile *p = profiles_find(&set, names[i]);
		ck_assert_msg(p != NULL, "profile %s missing", names[i]);
		ck_assert_str_eq(p->name, names[i]);
		ck_assert_ptr_nonnull(p->title);
	}
	ck_assert_ptr_null(profiles_find(&set, "no-such-profile"));
}
END_TEST

START_TEST(missing_formats_folder_is_an_error)
{
	struct profile_set s;
	char err[512];
	ck_assert_int_eq(profiles_load(&s, unit_path("no-formats"), err, sizeof err), -1);
	ck_assert_msg(strstr(err, "APOLLO_CSV_FORMATS") != NULL, "error: %s", err);
	profiles_free(&s);
}
END_TEST

START_TEST(bad_profile_line_names_file_and_line)
{
	struct profile_set s;
	char err[512];
	const char *dir = unit_subdir("badfmt");
	char path[1024];
	FILE *fp;

	snprintf(path, sizeof path, "%s/broken.fmt", dir);
	fp = fopen(path, "w");
	ck_assert_ptr_nonnull(fp);
	fputs("profile: broken\n# a comment\nemail: Email\nshoe_size: Size\n", fp);
	fclose(fp);
	ck_assert_int_eq(profiles_load(&s, dir, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "broken.fmt:4") != NULL, "error: %s", err);
	ck_assert_msg(strstr(err, "shoe_size") != NULL, "error: %s", err);
	profiles_free(&s);
}
END_TEST

START_TEST(chooses_apollo)
{
	ck_assert_str_eq(chosen("First Name,Last Name,Title,Company,Email,Email Status,"
	                        "Apollo Contact Id"), "apollo");
}
END_TEST

START_TEST(chooses_hubspot)
{
	ck_assert_str_eq(chosen("Record ID,First Name,Last Name,Email,Contact owner"), "hubspot");
}
END_TEST

START_TEST(chooses_salesforce)
{
	ck_assert_str_eq(chosen("Id,FirstName,LastName,Company,Email,LeadSource"), "salesforce");
}
END_TEST

START_TEST(chooses_linkedin)
{
	ck_assert_str_eq(chosen("First Name,Last Name,URL,Email Address,Company,Position,"
	                        "Connected On"), "linkedin");
}
END_TEST

START_TEST(chooses_generic_for_a_hand_made_header)
{
	/* issue 19: "Lead Source" is also a Salesforce report's column, but
	 * one such header beside custom columns is no Salesforce export */
	ck_assert_str_eq(chosen("First Name,Last Name,Email,Company,Lead Source,Persona,Renewal Date"),
	                 "generic");
	ck_assert_str_eq(chosen("Email,Name,Salutation"), "generic");
	/* two of its marks, or its API spelling, still choose it */
	ck_assert_str_eq(chosen("First Name,Last Name,Email,Company,Lead Source,Lead Status"), "salesforce");
	ck_assert_str_eq(chosen("Email,Name,OwnerId"), "salesforce");
	ck_assert_str_eq(chosen("Vorname,Nachname,E-Mail,Firma"), "generic");
	ck_assert_str_eq(chosen("Email,Name"), "generic");
}
END_TEST

START_TEST(header_key_normalises)
{
	char k[128];
	clean_match_key_into("First Name", 10, k, sizeof k);
	ck_assert_str_eq(k, "firstname");
	clean_match_key_into("first_name", 10, k, sizeof k);
	ck_assert_str_eq(k, "firstname");
	clean_match_key_into("  FirstName ", 12, k, sizeof k);
	ck_assert_str_eq(k, "firstname");
	clean_match_key_into("E-Mail-Adresse", 14, k, sizeof k);
	ck_assert_str_eq(k, "emailadresse");
	clean_match_key_into("State/Region", 12, k, sizeof k);
	ck_assert_str_eq(k, "stateregion");
	clean_match_key_into("Pr\xC3\xA9nom", 7, k, sizeof k);    /* non-ASCII kept as is */
	ck_assert_str_eq(k, "pr\xC3\xA9nom");
	clean_match_key_into("Email 1", 7, k, sizeof k);
	ck_assert_str_eq(k, "email1");
	clean_match_key_into("---", 3, k, sizeof k);
	ck_assert_str_eq(k, "");
	clean_match_key_into("abcdef", 6, k, 4);                   /* truncated, terminated */
	ck_assert_str_eq(k, "abc");
}
END_TEST

START_TEST(known_header_recognises_any_profile)
{
	ck_assert(profiles_known_header("Email Address", 13, &set));
	ck_assert(profiles_known_header("first_name", 10, &set));
	ck_assert(profiles_known_header("LeadSource", 10, &set) == false); /* detect only */
	ck_assert(!profiles_known_header("Notes:", 6, &set));
	ck_assert(!profiles_known_header("", 0, &set));
}
END_TEST

/* ---- mapping_build ---- */

START_TEST(maps_columns_through_the_chosen_profile)
{
	struct row h;
	struct column_map m;
	build(&m, make_row(&h, "Record ID,First Name,Last Name,Email,Contact owner,Job Title,Shoe", ','));
	ck_assert_str_eq(m.profile->name, "hubspot");
	ck_assert_int_eq(m.col[F_FIRST_NAME], 1);
	ck_assert_int_eq(m.col[F_LAST_NAME], 2);
	ck_assert_int_eq(m.col[F_EMAIL], 3);
	ck_assert_int_eq(m.col[F_OWNER], 4);
	ck_assert_int_eq(m.col[F_TITLE], 5);
	ck_assert_int_eq(m.col[F_PHONE], -1);
	for (int f = 0; f < F_COUNT; f++)
		ck_assert_int_ne(m.col[f], 6);              /* unknown column unmapped */
}
END_TEST

START_TEST(generic_fills_fields_the_profile_lacks)
{
	struct row h;
	struct column_map m;
	/* linkedin names no phone column; generic does */
	build(&m, make_row(&h, "First Name,Last Name,URL,Email Address,Connected On,Phone", ','));
	ck_assert_str_eq(m.profile->name, "linkedin");
	ck_assert_int_eq(m.col[F_LINKEDIN_URL], 2);
	ck_assert_int_eq(m.col[F_EMAIL], 3);
	ck_assert_int_eq(m.col[F_PHONE], 5);
}
END_TEST

START_TEST(duplicate_header_uses_the_first_column)
{
	struct row h;
	struct column_map m;
	build(&m, make_row(&h, "Name,Email,Company,E-mail,Email", ','));
	ck_assert_int_eq(m.col[F_EMAIL], 1);
	ck_assert_int_eq(m.col[F_NAME], 0);
	ck_assert_int_eq(m.col[F_ORGANIZATION_NAME], 2);
}
END_TEST

START_TEST(skipped_columns_are_not_mapped)
{
	struct row h;
	struct column_map m;
	bool skip[] = { true, false };
	struct mapping_request req = { .profiles = &set, .skip_col = skip, .file = "t.csv" };
	char err[512];
	ck_assert_int_eq(mapping_build(&m, &req, make_row(&h, "Email,E-mail", ','), err,
	                               sizeof err), 0);
	ck_assert_int_eq(m.col[F_EMAIL], 1);
}
END_TEST

START_TEST(override_moves_a_field_to_another_column)
{
	struct row h;
	struct column_map m;
	struct map_override o[] = { { F_EMAIL, "Work Email", NULL } };
	char err[512];
	ck_assert_int_eq(build_with(&m, make_row(&h, "Email,Work Email,Name", ','), o, 1, err,
	                            sizeof err), 0);
	ck_assert_int_eq(m.col[F_EMAIL], 1);
	ck_assert_int_eq(m.col[F_NAME], 2);
}
END_TEST

START_TEST(override_matches_a_normalised_header_name)
{
	struct row h;
	struct column_map m;
	struct map_override o[] = { { F_EMAIL, "work_email", NULL } };
	char err[512];
	ck_assert_int_eq(build_with(&m, make_row(&h, "Email,Work Email", ','), o, 1, err,
	                            sizeof err), 0);
	ck_assert_int_eq(m.col[F_EMAIL], 1);
}
END_TEST

START_TEST(override_takes_the_column_from_its_old_field)
{
	struct row h;
	struct column_map m;
	struct map_override o[] = { { F_TITLE, "Name", NULL } };
	char err[512];
	ck_assert_int_eq(build_with(&m, make_row(&h, "Email,Name", ','), o, 1, err, sizeof err), 0);
	ck_assert_int_eq(m.col[F_TITLE], 1);
	ck_assert_int_eq(m.col[F_NAME], -1);
}
END_TEST

START_TEST(empty_override_unmaps_the_field)
{
	struct row h;
	struct column_map m;
	struct map_override o[] = { { F_TITLE, "", NULL } };
	char err[512];
	ck_assert_int_eq(build_with(&m, make_row(&h, "Email,Title", ','), o, 1, err, sizeof err), 0);
	ck_assert_int_eq(m.col[F_TITLE], -1);
	ck_assert_int_eq(m.col[F_EMAIL], 0);
}
END_TEST

START_TEST(override_naming_no_column_fails_listing_columns)
{
	struct row h;
	struct column_map m;
	struct map_override o[] = { { F_EMAIL, "Mail Address", NULL } };
	char err[1024];
	ck_assert_int_eq(build_with(&m, make_row(&h, "Email,Name", ','), o, 1, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "--map email=Mail Address") != NULL, "error: %s", err);
	ck_assert_msg(strstr(err, "\"Email\", \"Name\"") != NULL, "error: %s", err);
}
END_TEST

START_TEST(header_without_email_or_name_fails)
{
	struct row h;
	struct column_map m;
	struct mapping_request req = { .profiles = &set, .file = "t.csv" };
	char err[1024];
	ck_assert_int_eq(mapping_build(&m, &req, make_row(&h, "Company,Phone,Shoe Size", ','), err,
	                               sizeof err), -1);
	ck_assert_msg(strstr(err, "no column could be read as an email or a name") != NULL,
	              "error: %s", err);
	ck_assert_msg(strstr(err, "\"Company\", \"Phone\", \"Shoe Size\"") != NULL, "error: %s", err);
	ck_assert_msg(strstr(err, "--map") != NULL, "error: %s", err);
}
END_TEST

START_TEST(forced_profile_is_used)
{
	struct row h;
	struct column_map m;
	struct mapping_request req = { .profiles = &set, .file = "t.csv" };
	char err[512];
	req.forced = profiles_find(&set, "salesforce");
	ck_assert_ptr_nonnull(req.forced);
	ck_assert_int_eq(mapping_build(&m, &req, make_row(&h, "Email,Name", ','), err,
	                               sizeof err), 0);
	ck_assert_ptr_eq(m.profile, req.forced);
	ck_assert_int_eq(m.col[F_EMAIL], 0);
}
END_TEST

START_TEST(profile_detects_names_the_columns_that_chose_it)
{
	const struct profile *hs = profiles_find(&set, "hubspot");
	ck_assert(profile_detects(hs, "Record ID", 9));
	ck_assert(profile_detects(hs, "record_id", 9));
	ck_assert(!profile_detects(hs, "Email", 5));
	ck_assert(!profile_detects(set.generic, "Email", 5));
}
END_TEST

/* mapping_describe's text for a header (and --map overrides) */
static const char *describe(const char *header, const struct map_override *o, size_t n,
                            const struct profile *forced, bool verbose)
{
	static struct dynbuf out;
	struct row h;
	struct column_map m;
	struct mapping_request req = {
		.profiles = &set, .forced = forced, .overrides = o, .noverrides = n, .file = "t.csv"
	};
	char err[512];
	make_row(&h, header, ',');
	ck_assert_msg(mapping_build(&m, &req, &h.rec, err, sizeof err) == 0, "%s", err);
	dynbuf_free(&out);
	dynbuf_init(&out, (size_t)-1);
	mapping_describe(&m, &h.rec, NULL, verbose, &out);
	return dynbuf_cstr(&out);
}

START_TEST(describe_says_profile_why_fields_and_columns_not_sent)
{
	ck_assert_str_eq(describe("Record ID,First Name,Email,Company Domain Name,Contact owner,Lead Status",
	                          NULL, 0, NULL, false),
	                 "profile \"hubspot\" (HubSpot contacts export): the header has Record ID, Contact owner\n"
	                 "  First Name -> first_name\n"
	                 "  Email -> email\n"
	                 "  Company Domain Name -> website_url\n"
	                 "  Contact owner -> owner (not sent: import's owner is --owner)\n"
	                 "  not sent: Record ID, Lead Status\n");
}
END_TEST

START_TEST(describe_generic_forced_overrides_and_verbose)
{
	struct map_override o[] = { { F_EMAIL, "Personal", NULL } };
	ck_assert_str_eq(describe("Name,Personal,,Account Id", o, 1, NULL, true),
	                 "profile \"generic\" (hand-made spreadsheet): no column marks an export "
	                 "(--format NAME chooses a profile)\n"
	                 "  Name -> name (column 1)\n"
	                 "  Personal -> email (--map, column 2)\n"
	                 "  Account Id -> account_id (sent only when it is an Apollo id, column 4)\n"
	                 "  not sent: column 3\n");
	ck_assert_str_eq(describe("Email", NULL, 0, profiles_find(&set, "linkedin"), false),
	                 "profile \"linkedin\" (LinkedIn connections export), from --format\n"
	                 "  Email -> email\n");
}
END_TEST

START_TEST(salesforce_owner_id_is_not_read_and_lead_owner_is)
{
	struct row h;
	struct column_map m;
	build(&m, make_row(&h, "FirstName,LastName,Email,Company,OwnerId", ','));
	ck_assert_str_eq(m.profile->name, "salesforce");
	ck_assert_int_eq(m.col[F_OWNER], -1);
	build(&m, make_row(&h, "First Name,Last Name,Email,Company,Lead Owner,Lead Source", ','));
	ck_assert_str_eq(m.profile->name, "salesforce");
	ck_assert_int_eq(m.col[F_OWNER], 4);
}
END_TEST

/* ---- mapping_apply and cleaning ---- */

/* Maps one header, applies one row (both split on '|'), returns field f.
 * The map and the row stay alive after the call: the contact may read
 * them when a field is asked for. */
static struct contact contact;

static const char *apply(const char *header, const char *values, enum field f)
{
	static struct row h, v;
	static struct column_map m;
	make_row(&h, header, '|');
	build(&m, &h.rec);
	make_row(&v, values, '|');
	contact_free(&contact);
	contact_init(&contact);
	mapping_apply(&m, &v.rec, &contact);
	return contact_get(&contact, f);
}

static void contact_setup(void)
{
	load();
	contact_init(&contact);
}

static void contact_teardown(void)
{
	contact_free(&contact);
	unload();
}

START_TEST(only_apollo_ids_are_read_as_ids)
{
	char buf[600];
	const char *h = "Email|Apollo Account Id|Apollo Contact Id";
	ck_assert_str_eq(apply(h, "a@x.io|64a000007eeb8a1ec9332a30|65100000dfb81df82a180422", F_ACCOUNT_ID),
	                 "64a000007eeb8a1ec9332a30");
	ck_assert_str_eq(contact_get(&contact, F_CONTACT_ID), "65100000dfb81df82a180422");
	ck_assert_ptr_null(contact_left_out_ids(&contact, buf, sizeof buf));
	/* a Salesforce account id: left out, and the note says so */
	ck_assert_str_eq(apply(h, "a@x.io| 0015e00000AbCdEAAX |", F_ACCOUNT_ID), "");
	ck_assert_ptr_eq(contact_left_out_ids(&contact, buf, sizeof buf), buf);
	ck_assert_str_eq(buf, "Apollo Account Id \"0015e00000AbCdEAAX\" is not an Apollo id (24 hex "
	                      "digits): the row is sent without it");
	/* what a spreadsheet left of one */
	ck_assert_str_eq(apply(h, "a@x.io||6.51E+23", F_CONTACT_ID), "");
	ck_assert_ptr_nonnull(contact_left_out_ids(&contact, buf, sizeof buf));
	ck_assert_msg(strncmp(buf, "Apollo Contact Id: \"6.51E+23\" is an Apollo contact id that a "
	                           "spreadsheet turned into a number", 80) == 0, "%s", buf);
	ck_assert_msg(strstr(buf, "; the row is sent without it") != NULL, "%s", buf);
	/* empty cells: nothing to say */
	ck_assert_str_eq(apply(h, "a@x.io||", F_ACCOUNT_ID), "");
	ck_assert_ptr_null(contact_left_out_ids(&contact, buf, sizeof buf));
}
END_TEST

START_TEST(email_is_trimmed_and_lower_cased)
{
	ck_assert_str_eq(apply("Email", "  Ana.Diaz@Quillmetrics.IO ", F_EMAIL),
	                 "ana.diaz@quillmetrics.io");
}
END_TEST

START_TEST(email_display_name_is_dropped)
{
	ck_assert_str_eq(apply("Email", "Ana <ana@x.com>", F_EMAIL), "ana@x.com");
}
END_TEST

START_TEST(email_mailto_is_dropped)
{
	ck_assert_str_eq(apply("Email", "mailto:A@B.com", F_EMAIL), "a@b.com");
}
END_TEST

START_TEST(phone_loses_its_apostrophe)
{
	ck_assert_str_eq(apply("Email|Phone", "a@b.com|'+44 20 7946 0958", F_PHONE),
	                 "+44 20 7946 0958");
	ck_assert_str_eq(apply("Email|Mobile", "a@b.com| +1  555 0100 ", F_MOBILE_PHONE),
	                 "+1 555 0100");
}
END_TEST

START_TEST(website_becomes_a_domain)
{
	ck_assert_str_eq(apply("Email|Website", "a@b.com|https://www.Example.com/about?x=1",
	                       F_WEBSITE_URL), "example.com");
	ck_assert_str_eq(apply("Email|Website", "a@b.com|Acme.io.", F_WEBSITE_URL), "acme.io");
	ck_assert_str_eq(apply("Email|Website", "a@b.com|http://shop.acme.co.uk:8080/x",
	                       F_WEBSITE_URL), "shop.acme.co.uk");
}
END_TEST

START_TEST(names_are_trimmed_and_inner_spaces_folded)
{
	ck_assert_str_eq(apply("First Name|Last Name", "  Ana   Mar\xC3\xAD" "a \t|Diaz", F_FIRST_NAME),
	                 "Ana Mar\xC3\xAD" "a");
}
END_TEST

START_TEST(nbsp_is_trimmed)
{
	ck_assert_str_eq(apply("First Name|Last Name", "\xC2\xA0" "Ana\xC2\xA0|Diaz", F_FIRST_NAME),
	                 "Ana");
	ck_assert_str_eq(apply("Email|Company", "a@b.com|Acme\xC2\xA0\xC2\xA0Inc",
	                       F_ORGANIZATION_NAME), "Acme Inc");
}
END_TEST

START_TEST(email_status_is_lower_cased)
{
	ck_assert_str_eq(apply("Email|Email Status", "a@b.com|Verified", F_EMAIL_STATUS), "verified");
}
END_TEST

START_TEST(full_name_fills_first_and_last)
{
	ck_assert_str_eq(apply("Name|Email", "Ana Mar\xC3\xAD" "a Diaz|a@b.com", F_FIRST_NAME), "Ana");
	ck_assert_str_eq(contact_get(&contact, F_LAST_NAME), "Mar\xC3\xAD" "a Diaz");
	ck_assert_str_eq(contact_get(&contact, F_NAME), "Ana Mar\xC3\xAD" "a Diaz");
}
END_TEST

START_TEST(full_name_does_not_override_first_name)
{
	ck_assert_str_eq(apply("Name|First Name|Email", "Ana Diaz|Anita|a@b.com", F_FIRST_NAME),
	                 "Anita");
}
END_TEST

START_TEST(unmapped_and_missing_cells_are_empty)
{
	/* the row is shorter than the header */
	ck_assert_str_eq(apply("Email|Company|City", "a@b.com", F_ORGANIZATION_NAME), "");
	ck_assert_str_eq(contact_get(&contact, F_CITY), "");
	ck_assert_str_eq(contact_get(&contact, F_TIME_ZONE), "");     /* not mapped */
	ck_assert_str_eq(contact_get(&contact, F_EMAIL), "a@b.com");
}
END_TEST

static void split(const char *full, const char *first, const char *last)
{
	struct dynbuf f, l;
	dynbuf_init(&f, (size_t)-1);
	dynbuf_init(&l, (size_t)-1);
	split_full_name(full, &f, &l);
	ck_assert_str_eq(dynbuf_cstr(&f), first);
	ck_assert_str_eq(dynbuf_cstr(&l), last);
	dynbuf_free(&f);
	dynbuf_free(&l);
}

START_TEST(split_full_name_on_the_first_space)
{
	split("Ana Mar\xC3\xAD" "a Diaz", "Ana", "Mar\xC3\xAD" "a Diaz");
	split("Ana Diaz", "Ana", "Diaz");
}
END_TEST

START_TEST(split_full_name_last_comma_first)
{
	split("Diaz, Ana", "Ana", "Diaz");
	split("Diaz,Ana", "Ana", "Diaz");
}
END_TEST

START_TEST(split_full_name_single_word)
{
	split("Cher", "Cher", "");
}
END_TEST

static Suite *mapping_suite(void)
{
	Suite *s = suite_create("mapping");
	TCase *prof = unit_tcase("profiles");
	TCase *build_tc = unit_tcase("mapping_build");
	TCase *apply_tc = tcase_create("mapping_apply");
	TCase *split_tc = tcase_create("split_full_name");

	tcase_add_checked_fixture(prof, load, unload);
	tcase_add_test(prof, loads_the_formats_folder);
	tcase_add_test(prof, missing_formats_folder_is_an_error);
	tcase_add_test(prof, bad_profile_line_names_file_and_line);
	tcase_add_test(prof, chooses_apollo);
	tcase_add_test(prof, chooses_hubspot);
	tcase_add_test(prof, chooses_salesforce);
	tcase_add_test(prof, chooses_linkedin);
	tcase_add_test(prof, chooses_generic_for_a_hand_made_header);
	tcase_add_test(prof, header_key_normalises);
	tcase_add_test(prof, known_header_recognises_any_profile);
	suite_add_tcase(s, prof);

	tcase_add_checked_fixture(build_tc, load, unload);
	tcase_add_test(build_tc, maps_columns_through_the_chosen_profile);
	tcase_add_test(build_tc, generic_fills_fields_the_profile_lacks);
	tcase_add_test(build_tc, duplicate_header_uses_the_first_column);
	tcase_add_test(build_tc, skipped_columns_are_not_mapped);
	tcase_add_test(build_tc, override_moves_a_field_to_another_column);
	tcase_add_test(build_tc, override_matches_a_normalised_header_name);
	tcase_add_test(build_tc, override_takes_the_column_from_its_old_field);
	tcase_add_test(build_tc, empty_override_unmaps_the_field);
	tcase_add_test(build_tc, override_naming_no_column_fails_listing_columns);
	tcase_add_test(build_tc, header_without_email_or_name_fails);
	tcase_add_test(build_tc, forced_profile_is_used);
	tcase_add_test(build_tc, profile_detects_names_the_columns_that_chose_it);
	tcase_add_test(build_tc, describe_says_profile_why_fields_and_columns_not_sent);
	tcase_add_test(build_tc, describe_generic_forced_overrides_and_verbose);
	tcase_add_test(build_tc, salesforce_owner_id_is_not_read_and_lead_owner_is);
	suite_add_tcase(s, build_tc);

	tcase_add_checked_fixture(apply_tc, contact_setup, contact_teardown);
	tcase_add_test(apply_tc, only_apollo_ids_are_read_as_ids);
	tcase_add_test(apply_tc, email_is_trimmed_and_lower_cased);
	tcase_add_test(apply_tc, email_display_name_is_dropped);
	tcase_add_test(apply_tc, email_mailto_is_dropped);
	tcase_add_test(apply_tc, phone_loses_its_apostrophe);
	tcase_add_test(apply_tc, website_becomes_a_domain);
	tcase_add_test(apply_tc, names_are_trimmed_and_inner_spaces_folded);
	tcase_add_test(apply_tc, nbsp_is_trimmed);
	tcase_add_test(apply_tc, email_status_is_lower_cased);
	tcase_add_test(apply_tc, full_name_fills_first_and_last);
	tcase_add_test(apply_tc, full_name_does_not_override_first_name);
	tcase_add_test(apply_tc, unmapped_and_missing_cells_are_empty);
	suite_add_tcase(s, apply_tc);

	tcase_add_test(split_tc, split_full_name_on_the_first_space);
	tcase_add_test(split_tc, split_full_name_last_comma_first);
	tcase_add_test(split_tc, split_full_name_single_word);
	suite_add_tcase(s, split_tc);
	return s;
}

int main(void)
{
	return unit_run(mapping_suite());
}
