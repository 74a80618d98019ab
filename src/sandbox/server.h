/* server.h - start apollo-sandbox's HTTP server, and set what main() reads from
 * the command line into it. */
#ifndef SANDBOX_SERVER_H
#define SANDBOX_SERVER_H

#include <microhttpd.h>

#include "sandbox.h"

/* Listens on 127.0.0.1:*port (0: any free port, written back). NULL on failure. */
struct MHD_Daemon *server_start(struct sandbox *sb, unsigned *port);
const char *fault_name(enum fault_kind k);
bool fault_parse(const char *name, enum fault_kind *out);
/* name is a route's stats name ("contacts/{id}", "users/search") */
bool server_route_known(const char *name);
/* --reply ROUTE=FORM, at start-up or run time: false with err set when
 * the route or the form is not one (replies_set) */
bool server_set_reply(struct replies *rp, const char *route, const char *form, char *err, size_t errsize);
/* forgets every rate window (reset, shutdown) */
void server_free_rates(struct sandbox *sb);

#endif
