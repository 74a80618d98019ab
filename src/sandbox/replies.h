/* replies.h - a route answered in a form real Apollo answers take and a
 * client must not read as success: an error status, no answer at all, a
 * 200 whose body is a bare string or an empty object, the work taken as a
 * pending job, or a bulk answer that leaves out (and did not apply) its
 * first contact. Set per route, by the route's stats name
 * ("contacts/bulk_update"), with --reply or POST /_sandbox/reply; the
 * server counts the requests answered in each form. */
#ifndef SANDBOX_REPLIES_H
#define SANDBOX_REPLIES_H

#include <stdbool.h>
#include <stddef.h>
#include <cjson/cJSON.h>

struct request;
struct store;

enum reply_form {
	RF_NORMAL,
	RF_STATUS,      /* an error status 400..599; not applied */
	RF_HANG,        /* no answer for --stall-ms, then the connection closes; not applied */
	RF_STRING,      /* applied; 200 "ok" */
	RF_OBJECT,      /* applied; 200 {} */
	RF_JOB,         /* applied; 200 {"entity_progress_job":{...}} */
	RF_OMIT_FIRST,  /* the first contact not applied and not answered */
	RF_PAID_PLAN,   /* 403 {"message": "...only available to Apollo users on paid plans."}; not applied */
};

struct reply_rule {
	enum reply_form form;
	int status;                 /* RF_STATUS */
	char name[12];              /* as set: "503", "hang", "omit-first" */
};

struct replies {
	cJSON *forms;               /* route -> form name, the routes not answered normally */
	cJSON *after;               /* route -> requests still answered normally before
	                             * its form (a test's kill between two calls) */
	cJSON *answered;            /* form name -> requests answered in it */
};

void replies_init(struct replies *rp);
void replies_free(struct replies *rp);
/* every route answered normally again, the counts cleared */
void replies_clear(struct replies *rp);
/* route (one the server knows) answered in form from now on; "normal"
 * puts it back. false, with err set, when form is not a form, or not one
 * route can take (job and omit-first are for the bulk contact routes). */
bool replies_set(struct replies *rp, const char *route, const char *form, char *err, size_t errsize);
/* the route's next `after` requests answered normally, then in its form */
void replies_after_count(struct replies *rp, const char *route, long after);
/* The form of a request to route that has come (RF_NORMAL when none is
 * set, or while it is still to come after some), copied: it stays valid
 * when the forms change. */
struct reply_rule replies_take(struct replies *rp, const char *route);

/* Apollo's answer for bulk work it does later: {"entity_progress_job":
 * {"id", "job_type", "status": "pending", "entity_ids"}}, taking ids */
cJSON *entity_progress_job(struct store *s, const char *job_type, cJSON *ids);

/* The applied forms, around the route's handler, with sb->lock held.
 * Before: omit-first takes the first contact out of the request; job keeps
 * every contact id of the request, returned for replies_after. */
cJSON *replies_before(struct request *r, const char *route, const struct reply_rule *rule);
/* After: a 2xx answer becomes the form's (an error stays as it is); true
 * when the request was answered in the form. Frees ids. */
bool replies_after(struct request *r, const char *route, const struct reply_rule *rule, cJSON *ids);

#endif
