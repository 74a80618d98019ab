/* commands/doctor.h - the doctor command: a read-only preflight against
 * Apollo that says whether each command would work with this key. */
#ifndef APOLLO_CMD_DOCTOR_H
#define APOLLO_CMD_DOCTOR_H

#include "cli/command_line.h"

int cmd_doctor(const struct config *cfg);

#endif
