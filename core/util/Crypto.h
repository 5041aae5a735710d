#pragma once
// Stand-in for the coordinator's core/util/Crypto.h (branch auth codes against the agreed
// names; main's version replaces this file at merge). Passphrases: libsodium's Argon2id.
#include <string>
#include <string_view>

namespace sg::core {

// crypto_pwhash_str: salt and cost parameters are inside the returned string.
std::string hashPassphrase(std::string_view passphrase);
bool verifyPassphrase(std::string_view encoded, std::string_view passphrase);

} // namespace sg::core
