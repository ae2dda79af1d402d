// The one C header carestats uses: libcsv (Debian package libcsv-dev).
#include <stddef.h>
#include <csv.h>
