/* apollo/reply_shape.h - the types of the fields a reader takes from one of
 * Apollo's replies, checked before it takes them.
 *
 * A field of an unexpected type (a string id where an object was, a number
 * where a string was, an array where an object was) is never read as a
 * blank, a 0 or "not there": the check names the endpoint and the field,
 * "contacts/bulk_create: reply field created_contacts[3].id is a number,
 * expected a string", and the reader gives that as the reason of every
 * item the field could be about. What Apollo documents is accepted: null
 * for any field, a number as a string of digits (page numbers), a float
 * or "loading" for a metric.
 *
 * What a reader takes is written as a small spec, its keys as Apollo's:
 *     {id!:s,email:s,statuses:[{status:s,added_at:s}],skipped:{*:s}}
 *   {k:T,...}  an object; k! must be there and not null; * is every member
 *   [T]        an array, each element a T
 *   s          a string
 *   n          a whole number: a JSON number, or a string of digits
 *   f          a number: a JSON number or a string that is one ("3.5")
 *   m          a metric: a number as f, or the string "loading"
 *   b          true or false
 *   a  o  *    any array, any object, anything
 * Any field may be absent or null unless it is marked with !; members the
 * spec does not name are not looked at. Knows nothing of CSV or rows. */
#ifndef APOLLO_REPLY_SHAPE_H
#define APOLLO_REPLY_SHAPE_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

struct reply_check {
	const char *endpoint;      /* as messages name it: "contacts/bulk_create" */
	char message[600];         /* the first mismatch found, "" while none */
};

void reply_check_init(struct reply_check *rc, const char *endpoint);

/* Does v, found at `where` in the reply ("" for the reply itself,
 * "created_contacts[3]"), have the shape of spec? false with the first
 * mismatch in rc->message (an earlier one is kept). A spec that cannot be
 * read is a bug: false, saying so. */
bool reply_shape(struct reply_check *rc, const cJSON *v, const char *where, const char *spec);

/* The same for one member of an object: obj's `key` (absent or null is
 * fine unless the spec starts with !, e.g. "!s"). */
bool reply_member(struct reply_check *rc, const cJSON *obj, const char *where, const char *key,
                  const char *spec);

/* A text from a reply as a message may quote it: on one line, control
 * characters (a newline, a terminal's escape) as '?', at most `max`
 * bytes of it and then "...". Returns buf. */
const char *reply_quote(const char *text, size_t max, char *buf, size_t size);

/* One member of a reply a reader takes: a list whose items are judged
 * one by one (per_item: spec is an item's), or one value (spec is the
 * member's). */
struct reply_part {
	const char *key;
	const char *spec;
	bool per_item;
};

/* A copy of the reply object holding only what fits: a member that does
 * not fit is left out, and so is each item of a per_item list that does
 * not; the first misfit is in rc->message, for the reasons of the items
 * the copy cannot confirm. Members no part names are copied as they are.
 * NULL when reply is not an object, or out of memory. */
cJSON *reply_usable(struct reply_check *rc, const cJSON *reply, const struct reply_part *parts, size_t n);

#endif
