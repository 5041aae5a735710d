#include "core/util/Crypto.h"

#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <stdexcept>

namespace sg::core {

std::string hmacSha256Hex(std::string_view key, std::string_view bytes)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
            reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest, &length))
        throw std::runtime_error("OpenSSL could not compute an HMAC-SHA256");
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    for (unsigned int i = 0; i < length; ++i) {
        hex.push_back(kHex[digest[i] >> 4]);
        hex.push_back(kHex[digest[i] & 15]);
    }
    return hex;
}

std::string randomBytes(std::size_t n)
{
    std::string out(n, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1)
        throw std::runtime_error("OpenSSL could not draw random bytes");
    return out;
}

} // namespace sg::core
