/* server.h - start apollo-sandbox's HTTP server. */
#ifndef SANDBOX_SERVER_H
#define SANDBOX_SERVER_H

#include <microhttpd.h>

#include "sandbox.h"

/* Listens on 127.0.0.1:*port (0: any free port, written back). NULL on failure. */
struct MHD_Daemon *server_start(struct sandbox *sb, unsigned *port);
const char *fault_name(enum fault_kind k);
bool fault_parse(const char *name, enum fault_kind *out);
/* forgets every rate window (reset, shutdown) */
void server_free_rates(struct sandbox *sb);

#endif
