/* rows/validate.h - can this row become an Apollo contact? */
#ifndef APOLLO_VALIDATE_H
#define APOLLO_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

#include "values/fields.h"

/* NULL when the address is acceptable, else why not (static text). */
const char *validate_email(const char *email);

struct contact;

/* NULL when the row can become a contact; else the reason, written to buf,
 * and *field set to the field at fault (F_COUNT when it is the row). */
const char *validate_contact(struct contact *c, enum field *field, char *buf, size_t size);

#endif
