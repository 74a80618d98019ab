#include "config.h"

#include <string.h>

#include "values/fields.h"

static const char *const names[F_COUNT] = {
	[F_FIRST_NAME] = "first_name",
	[F_LAST_NAME] = "last_name",
	[F_NAME] = "name",
	[F_EMAIL] = "email",
	[F_EMAIL_STATUS] = "email_status",
	[F_TITLE] = "title",
	[F_ORGANIZATION_NAME] = "organization_name",
	[F_WEBSITE_URL] = "website_url",
	[F_LINKEDIN_URL] = "linkedin_url",
	[F_CITY] = "city",
	[F_STATE] = "state",
	[F_COUNTRY] = "country",
	[F_PRESENT_RAW_ADDRESS] = "present_raw_address",
	[F_DIRECT_PHONE] = "direct_phone",
	[F_MOBILE_PHONE] = "mobile_phone",
	[F_CORPORATE_PHONE] = "corporate_phone",
	[F_HOME_PHONE] = "home_phone",
	[F_OTHER_PHONE] = "other_phone",
	[F_PHONE] = "phone",
	[F_LABEL_NAMES] = "label_names",
	[F_CONTACT_ID] = "contact_id",
	[F_ACCOUNT_ID] = "account_id",
	[F_TIME_ZONE] = "time_zone",
	[F_OWNER] = "owner",
	[F_CONTACT_STAGE] = "contact_stage",
};

const char *field_name(enum field f)
{
	return (f >= 0 && f < F_COUNT) ? names[f] : "?";
}

bool field_parse(const char *name, enum field *out)
{
	for (int i = 0; i < F_COUNT; i++)
		if (strcmp(name, names[i]) == 0) {
			*out = (enum field)i;
			return true;
		}
	return false;
}

const char *field_list(void)
{
	static char list[512];
	if (!list[0])
		for (int i = 0; i < F_COUNT; i++) {
			if (i)
				strcat(list, ", ");
			strcat(list, names[i]);
		}
	return list;
}
