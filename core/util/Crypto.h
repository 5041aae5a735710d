#pragma once
// The project's cryptography, in one place: hashes, keyed hashes, random bytes and passphrase
// hashing. OpenSSL's libcrypto and libsodium stay inside Crypto.cpp and Sha256.cpp.
//
// - sha256Hex (Sha256.h): content hashes (the model's weights, the audit chain).
// - hmacSha256Hex: pseudonyms that only the holder of a key can recompute. A SOP Instance UID
//   keyed with the project's random secret matches again when labels are imported, but a
//   copy of a kit or an export, which never carries the secret, cannot be joined back to
//   the hospital's UIDs.
// - randomBytes: secrets, salts, kit ids.
// - hashPassphrase / verifyPassphrase: Argon2id (libsodium's crypto_pwhash_str), slow on
//   purpose: about 0.2-1 s and 64 MiB per try on this project's machines, so guessing a
//   passphrase from a stolen project file costs that much per guess.
#include "core/util/Result.h"
#include "core/util/Sha256.h"

#include <string>
#include <string_view>

namespace sg::core {

// HMAC-SHA256 of bytes under key, as lowercase hex (64 characters).
std::string hmacSha256Hex(std::string_view key, std::string_view bytes);

// n bytes from the operating system's cryptographic generator.
std::string randomBytes(std::size_t n);
// The same as lowercase hex (2n characters): secrets and ids that live in text columns.
std::string randomHex(std::size_t n);

// An encoded Argon2id hash ("$argon2id$v=19$m=...,t=...,p=1$salt$hash"): algorithm, cost and
// a fresh random salt travel with it, so a later, costlier setting still verifies old hashes.
// An error only when the system cannot allocate the memory the cost asks for.
Result<std::string> hashPassphrase(std::string_view passphrase);
// True when passphrase matches encoded; false for a wrong passphrase or a malformed encoding.
bool verifyPassphrase(std::string_view encoded, std::string_view passphrase);

} // namespace sg::core
