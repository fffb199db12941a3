// OpenSSL 3's libcrypto for the national algorithms (SM2, SM3, SM4), wrapped by NationalCrypto only.
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/obj_mac.h>
#include <openssl/param_build.h>
#include <openssl/rand.h>

// EVP_PKEY_KEYPAIR and EVP_PKEY_PUBLIC_KEY are macros built from other macros, which Swift
// does not import; expose them as functions.
static inline int clibcrypto_keypair_selection(void) { return EVP_PKEY_KEYPAIR; }
static inline int clibcrypto_public_key_selection(void) { return EVP_PKEY_PUBLIC_KEY; }

// OSSL_PARAM_BLD keeps the pointers it is given until OSSL_PARAM_BLD_to_param copies them, and
// a Swift string passed as a C string lives only for one call: these names live forever.
static inline const char *clibcrypto_param_group_name(void) { return OSSL_PKEY_PARAM_GROUP_NAME; }
static inline const char *clibcrypto_param_public_key(void) { return OSSL_PKEY_PARAM_PUB_KEY; }
static inline const char *clibcrypto_param_private_key(void) { return OSSL_PKEY_PARAM_PRIV_KEY; }
static inline const char *clibcrypto_sm2_group(void) { return SN_sm2; }
