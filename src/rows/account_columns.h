/* rows/account_columns.h - the columns of a companies file, found by the
 * names the files people have give them: an Apollo accounts export
 * ("Company Name", "Website", "Apollo Account Id"...), a HubSpot companies
 * export ("Company name", "Company Domain Name", "Company owner"...), a
 * Salesforce accounts export ("Account Name", "Billing City"...) or a
 * hand-made sheet ("name", "website"). Contacts are mapped by profiles
 * (rows/profiles.h); an account has other fields, and these few names
 * are all its files vary in, so they are a table here. Also what a row's
 * cells become: the domain, one address line, the lists, the key that
 * makes two rows the same account. Knows no HTTP. */
#ifndef APOLLO_ACCOUNT_COLUMNS_H
#define APOLLO_ACCOUNT_COLUMNS_H

#include <stddef.h>

#include "common/dynbuf.h"
#include "files/csv_reader.h"

enum account_col {
	AC_ID,          /* Apollo Account Id */
	AC_NAME,
	AC_WEBSITE,     /* a website or a domain */
	AC_PHONE,
	AC_STAGE,
	AC_OWNER,
	AC_LISTS,
	AC_LINKEDIN,
	AC_ADDRESS,     /* one line, as Apollo's export writes it */
	AC_STREET,
	AC_CITY,
	AC_STATE,
	AC_POSTAL,
	AC_COUNTRY,
	AC_COUNT
};

/* the column of each field in header (-1: none), first names preferred */
void account_columns_find(const struct csv_record *header, int col[AC_COUNT]);
/* the field's name in messages ("website") */
const char *account_column_name(enum account_col c);

/* The cells of a row in one address line: the address column when it has
 * text, else street, city, state, postal code and country joined by ", ". */
void account_address(const struct csv_record *rec, const int col[AC_COUNT], struct dynbuf *out);

/* A lists cell ("Q3 targets, Germany;Tier 1") as its names, trimmed,
 * each once, sorted, joined by ';' so that two rows with the same lists
 * have the same text: "Germany;Q3 targets;Tier 1". "" when none. */
void account_lists(const char *cell, struct dynbuf *out);

/* What makes two rows the same account: its domain, else its name as a
 * match key ("ACME, Inc." and "Acme Inc" are one); "" when the row has
 * neither. */
void account_key(const char *domain, const char *name, struct dynbuf *out);

#endif
