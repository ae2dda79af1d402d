// OpenSSL's libcrypto (Debian: libssl-dev): SHA-256 and HMAC-SHA-256 for the manifest's digests
// and pseudonymised child ids.
#include <openssl/evp.h>
#include <openssl/hmac.h>
