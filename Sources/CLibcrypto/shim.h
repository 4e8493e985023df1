// OpenSSL's libcrypto (apt libssl-dev): AES-256-GCM through EVP and the OS-seeded RAND_bytes.
// Only Core/Privacy uses it.
#include <openssl/evp.h>
#include <openssl/rand.h>
