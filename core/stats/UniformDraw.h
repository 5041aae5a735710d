#pragma once
// A seeded uniform draw that is the same on every platform (the bootstrap's resampling, the
// Dawid-Skene start's tie-break): std::mt19937_64's output is fixed by the standard, and
// std::uniform_int_distribution's is not.
#include <cstdint>
#include <limits>
#include <random>

namespace sg::core {

__extension__ using U128 = unsigned __int128; // GCC and Clang: the 128-bit product of two 64-bit values

// An unbiased uniform index in [0, n) from the generator's raw 64-bit output (rejection of the
// incomplete last block): the same on every platform, unlike std::uniform_int_distribution.
// A 64-bit division costs as much as the draw itself, so the block's limit is computed once
// per n and x % n by Lemire, Kaser & Kurz's direct remainder (2019) with a 128-bit
// reciprocal, exact for every 64-bit x and n: the same indices as x % n, faster.
struct UniformBelow {
    explicit UniformBelow(uint64_t n)
        : n(n),
          limit(std::numeric_limits<uint64_t>::max() - std::numeric_limits<uint64_t>::max() % n),
          reciprocal(~static_cast<U128>(0) / n + 1)
    {
    }
    uint64_t operator()(std::mt19937_64& gen) const
    {
        uint64_t x = gen();
        while (x >= limit)
            x = gen();
        return remainder(x);
    }
    uint64_t remainder(uint64_t x) const
    {
        const U128 low = reciprocal * x; // mod 2^128
        const U128 bottom = (static_cast<U128>(static_cast<uint64_t>(low)) * n) >> 64;
        return static_cast<uint64_t>((bottom + (low >> 64) * n) >> 64);
    }
    uint64_t n, limit; // limit: a multiple of n
    U128 reciprocal;
};

} // namespace sg::core
