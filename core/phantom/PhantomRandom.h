#pragma once
// The generator's own random numbers. std::normal_distribution and friends are
// implementation-defined, so the same seed would give other studies on another standard
// library; splitmix64 seeding, xoshiro256** and Box-Muller are fully specified here.
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <numbers>

namespace sg::core {

inline uint64_t splitmix64(uint64_t& state)
{
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

// One seed from several keys (seed, patient, level, slice...): patient k's stream does not
// depend on how many patients are generated.
inline uint64_t mixSeed(std::initializer_list<uint64_t> keys)
{
    uint64_t state = 0x5350494e45475241ULL;
    uint64_t out = 0;
    for (uint64_t k : keys) {
        state ^= k;
        out = splitmix64(state);
        state = out;
    }
    return out;
}

class PhantomRng {
public:
    explicit PhantomRng(uint64_t seed)
    {
        for (uint64_t& s : m_s)
            s = splitmix64(seed);
    }

    uint64_t next()
    {
        const uint64_t result = rotl(m_s[1] * 5, 7) * 9;
        const uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }

    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; } // [0, 1)
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    int uniformInt(int lo, int hi) { return lo + static_cast<int>(uniform() * (hi - lo + 1)); } // [lo, hi]
    bool chance(double p) { return uniform() < p; }

    // Box-Muller gives two independent normals; Rician noise needs exactly a pair.
    void normalPair(double& a, double& b)
    {
        const double u1 = 1.0 - uniform(); // (0, 1]: log stays finite
        const double u2 = uniform();
        const double r = std::sqrt(-2.0 * std::log(u1));
        a = r * std::cos(2.0 * std::numbers::pi * u2);
        b = r * std::sin(2.0 * std::numbers::pi * u2);
    }
    double normal(double mean = 0.0, double sd = 1.0)
    {
        double a, b;
        normalPair(a, b);
        return mean + sd * a;
    }

private:
    static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    uint64_t m_s[4];
};

} // namespace sg::core
