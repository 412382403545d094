#include <libpq-fe.h>
#include <postgres_ext.h>
#include <poll.h>

// The PG_DIAG_* field codes are character-literal macros, which Swift does not import.
static const int stylify_pg_diag_sqlstate = PG_DIAG_SQLSTATE;
static const int stylify_pg_diag_message_primary = PG_DIAG_MESSAGE_PRIMARY;
static const int stylify_pg_diag_constraint_name = PG_DIAG_CONSTRAINT_NAME;
