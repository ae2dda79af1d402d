# Sourced by scripts/*: puts the Swift toolchain on PATH and installs what the build needs.
# Idempotent; prints only what it does.

if ! command -v swift >/dev/null 2>&1; then
  for d in /opt/swift/usr/bin /opt/swift/bin; do
    [ -x "$d/swift" ] && export PATH="$d:$PATH" && break
  done
fi
command -v swift >/dev/null 2>&1 || { echo "carestats: the Swift toolchain is not installed (expected /opt/swift)." >&2; exit 2; }

# apt_install PKG... : install Debian packages when missing (as root, or with sudo).
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "carestats: installing ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# libcsv: the C library the CSV reader wraps.
[ -f /usr/include/csv.h ] || apt_install libcsv-dev

# SQLite headers: the figure history store (GRDB) links the system SQLite.
[ -f /usr/include/sqlite3.h ] || apt_install libsqlite3-dev

# libpq: the shared figure history in PostgreSQL. OpenSSL's libcrypto: SHA-256 and HMAC-SHA-256.
[ -f /usr/include/postgresql/libpq-fe.h ] || apt_install libpq-dev
[ -f /usr/include/openssl/evp.h ] || apt_install libssl-dev
