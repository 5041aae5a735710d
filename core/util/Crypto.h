#pragma once
// Keyed hashes and random bytes (OpenSSL's libcrypto inside Crypto.cpp).
// NOTE (branch deid): a stand-in with the names the coordinator lands on main; main's wins at merge.
#include <cstddef>
#include <string>
#include <string_view>

namespace sg::core {

// HMAC-SHA256 of `bytes` under `key`, as lowercase hex.
std::string hmacSha256Hex(std::string_view key, std::string_view bytes);
// `n` bytes from the operating system's cryptographic random source.
std::string randomBytes(std::size_t n);

} // namespace sg::core
