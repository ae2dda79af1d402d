// libpq, PostgreSQL's own client library (Debian: libpq-dev): the shared figure history's connection.
#include <postgresql/libpq-fe.h>
