#pragma once
// SHA-256 of a byte string, as lowercase hex (what `sha256sum` prints). OpenSSL's libcrypto
// computes it; this header keeps OpenSSL out of every other file.
#include <string>
#include <string_view>

namespace sg::core {

std::string sha256Hex(std::string_view bytes);

} // namespace sg::core
