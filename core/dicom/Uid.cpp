#include "core/dicom/Uid.h"

#include <cstdint>

namespace sg::core {
namespace {

__extension__ typedef unsigned __int128 Uint128; // 128 bits hold a UUID

uint64_t fnv1a(std::string_view text, uint64_t seed)
{
    uint64_t h = 1469598103934665603ULL ^ seed;
    for (unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    // splitmix64 finaliser spreads the bits of short keys.
    h += 0x9e3779b97f4a7c15ULL;
    h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
    h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
    return h ^ (h >> 31);
}

} // namespace

std::string uidFromKey(std::string_view key)
{
    Uint128 v = (static_cast<Uint128>(fnv1a(key, 0x5350494e45ULL)) << 64) | fnv1a(key, 0x4752414445ULL);
    // Mark as a random (version 4) UUID so the value is a valid 2.25 UID.
    v &= ~(static_cast<Uint128>(0xF) << 76);
    v |= static_cast<Uint128>(0x4) << 76;
    std::string digits;
    do {
        digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
        v /= 10;
    } while (v != 0);
    return "2.25." + digits;
}

} // namespace sg::core
