// Passphrase hashing time (issue 13): Argon2id as core/util/Crypto.h sets it up, the cost a
// sign-in pays on purpose. Prints hash and verify times (median of N, default 5) and the
// encoded parameters. build/tests/bench/bench_passphrase [N]
#include "core/util/Crypto.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
    using Clock = std::chrono::steady_clock;
    std::vector<double> hashing, verifying;
    std::string encoded;
    for (int i = 0; i < runs; ++i) {
        const auto t0 = Clock::now();
        auto hash = sg::core::hashPassphrase("a passphrase of ordinary length");
        const auto t1 = Clock::now();
        if (!hash) {
            std::fprintf(stderr, "bench_passphrase: %s\n", hash.error().c_str());
            return 1;
        }
        encoded = *hash;
        const bool ok = sg::core::verifyPassphrase(encoded, "a passphrase of ordinary length");
        const auto t2 = Clock::now();
        if (!ok) {
            std::fprintf(stderr, "bench_passphrase: a fresh hash did not verify\n");
            return 1;
        }
        hashing.push_back(std::chrono::duration<double>(t1 - t0).count());
        verifying.push_back(std::chrono::duration<double>(t2 - t1).count());
    }
    const std::string params = encoded.substr(0, encoded.find('$', encoded.find("m=")));
    std::printf("Argon2id %s: hash %.3f s, verify %.3f s (median of %d; min %.3f / %.3f s)\n", params.c_str(),
        median(hashing), median(verifying), runs, *std::min_element(hashing.begin(), hashing.end()),
        *std::min_element(verifying.begin(), verifying.end()));
    return 0;
}
