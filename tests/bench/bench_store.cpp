// Commit latency of one label, as an analyzer's keypress pays it: LabelingSession::save
// (validate, BEGIN IMMEDIATE, upsert, audit row, COMMIT with fsync) on a real file, then
// the next-item query the GUI runs before showing the next slice. Prints figures only.
//   bench_store [DIR] [COMMITS]   (DIR defaults to the current directory: use a real disk, not tmpfs)
#include "core/store/LabelingSession.h"
#include "tests/support/ProjectFixture.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace sg::core;
using Clock = std::chrono::steady_clock;

namespace {

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    const size_t i = std::min(v.size() - 1, static_cast<size_t>(p / 100.0 * static_cast<double>(v.size())));
    return v[i];
}

void report(const char* what, const std::vector<double>& ms)
{
    std::printf("  %-34s n=%zu  median %.3f ms  p95 %.3f ms  p99 %.3f ms  max %.3f ms\n", what, ms.size(),
                percentile(ms, 50), percentile(ms, 95), percentile(ms, 99), *std::max_element(ms.begin(), ms.end()));
}

double msSince(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

int run(const std::string& dir, int commits, bool full)
{
    const std::string file = dir + (full ? "/bench_full.sgdb" : "/bench_normal.sgdb");
    for (const char* suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(file + suffix);
    std::string error;
    if (!sg::test::makeProject(file, sg::test::syntheticScan("/data", 4, 20), error)) { // 400 items
        std::fprintf(stderr, "bench_store: %s\n", error.c_str());
        return 1;
    }
    auto session = LabelingSession::start(file, "bench", OpenOptions{full});
    if (!session) {
        std::fprintf(stderr, "bench_store: %s\n", session.error().c_str());
        return 1;
    }
    const auto order = *(*session)->order();
    std::vector<double> save, next, both;
    for (int i = 0; i < commits; ++i) {
        Label l;
        l.itemId = order[static_cast<size_t>(i) % order.size()];
        l.canal = Canal::Rootlet;
        l.grade = static_cast<Grade>(i % 4);
        l.patch = Patch{100.0 + i % 7, 120, 64, 64};
        l.comment = "bench " + std::to_string(i);
        l.secondsSpent = 2.0;
        const auto t0 = Clock::now();
        if (auto saved = (*session)->save(l); !saved) {
            std::fprintf(stderr, "bench_store: %s\n", saved.error().c_str());
            return 1;
        }
        const auto t1 = Clock::now();
        (void)(*session)->nextItem();
        save.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
        next.push_back(msSince(t1));
        both.push_back(msSince(t0));
    }
    std::printf("%s (journal_mode=WAL, synchronous=%s), %s\n", file.c_str(), full ? "FULL" : "NORMAL",
                full ? "full durability: a commit survives a power cut" : "durable against a crash, not a power cut");
    report("commit one label (save)", save);
    report("next-item query", next);
    report("save + next-item", both);
    for (const char* suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(file + suffix);
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    const std::string dir = argc > 1 ? argv[1] : std::filesystem::current_path().string();
    const int commits = argc > 2 ? std::max(100, std::atoi(argv[2])) : 2000;
    // fsync latency depends on what else writes to the disk: print the load with the figures.
    std::string load;
    std::getline(std::ifstream("/proc/loadavg"), load);
    std::printf("bench_store: %d label commits per mode in %s (load average %s)\n", commits, dir.c_str(), load.c_str());
    return run(dir, commits, true) || run(dir, commits, false);
}
