#include "core/util/Crypto.h"

#include <sodium.h>

#include <stdexcept>

namespace sg::core {

std::string hashPassphrase(std::string_view passphrase)
{
    if (sodium_init() < 0)
        throw std::runtime_error("libsodium could not be initialised");
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, passphrase.data(), passphrase.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
            crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        throw std::runtime_error("out of memory while hashing a passphrase");
    return out;
}

bool verifyPassphrase(std::string_view encoded, std::string_view passphrase)
{
    if (sodium_init() < 0)
        return false;
    const std::string str(encoded); // crypto_pwhash_str_verify wants a NUL-terminated string
    return crypto_pwhash_str_verify(str.c_str(), passphrase.data(), passphrase.size()) == 0;
}

} // namespace sg::core
