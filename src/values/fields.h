/* values/fields.h - the contact fields apollo-csv knows, named as Apollo's API
 * names them. Mapping profiles (formats/NAME.fmt) and --map use these names. */
#ifndef APOLLO_FIELDS_H
#define APOLLO_FIELDS_H

#include <stdbool.h>

enum field {
	F_FIRST_NAME,
	F_LAST_NAME,
	F_NAME,               /* full name, split when first/last are missing */
	F_EMAIL,
	F_EMAIL_STATUS,
	F_TITLE,
	F_ORGANIZATION_NAME,
	F_WEBSITE_URL,        /* reduced to a domain */
	F_LINKEDIN_URL,
	F_CITY,
	F_STATE,
	F_COUNTRY,
	F_PRESENT_RAW_ADDRESS,
	F_DIRECT_PHONE,
	F_MOBILE_PHONE,
	F_CORPORATE_PHONE,
	F_HOME_PHONE,
	F_OTHER_PHONE,
	F_PHONE,              /* a phone of unknown kind */
	F_LABEL_NAMES,        /* Apollo lists, separated by ; or , */
	F_CONTACT_ID,         /* an Apollo contact id from an export */
	F_ACCOUNT_ID,
	F_TIME_ZONE,
	F_OWNER,
	F_CONTACT_STAGE,
	F_COUNT
};

const char *field_name(enum field f);
/* false when name is not a field */
bool field_parse(const char *name, enum field *out);
/* the fields, comma-separated, for messages and --help */
const char *field_list(void);

#endif
