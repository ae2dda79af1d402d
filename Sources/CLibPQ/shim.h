// libpq, PostgreSQL's own client library (Debian: libpq-dev): the shared figure history's connection.
// Its types only: the library itself is opened when first used (CareStore's LibPQ), not linked.
#include <postgresql/libpq-fe.h>
