// The patient-clustered bootstrap's figure (issue 12): 2,000 replicates for 10,000 items in 300
// studies x 3 raters, both tasks and the two binarised grade views (every pair), on counts, over
// all items and per level (each study has slices at the five lumbar levels).
// Prints wall and CPU time (printed, not judged). Run: build/tests/bench/bench_bootstrap [--runs N]
#include "core/stats/AgreementReport.h"
#include "core/stats/ClusterBootstrap.h"
#include "core/stats/RatingTable.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <random>
#include <string>
#include <vector>

using namespace sg::core;
using Clock = std::chrono::steady_clock;

namespace {

double cpuMs()
{
    timespec t {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

} // namespace

int main(int argc, char** argv)
{
    int runs = 5;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], "--runs") == 0)
            runs = std::max(1, std::atoi(argv[i + 1]));
    constexpr int kItems = 10000, kStudies = 300;
    const char* raters[] = {"analyzer1", "analyzer2", "cnn"};
    const char* levels[] = {"L1/L2", "L2/L3", "L3/L4", "L4/L5", "L5/S1"};
    std::mt19937 rng(1);
    std::discrete_distribution<int> grade({79, 15, 4, 2});
    RatingTable table;
    table.beginBulk();
    for (int i = 0; i < kItems; ++i) {
        const std::string item = "S" + std::to_string(i % kStudies) + "/" + std::to_string(i);
        table.setItemCluster(item, "S" + std::to_string(i % kStudies));
        table.setItemLevel(item, levels[(i / kStudies) % 5]);
        const int truth = grade(rng);
        for (const char* r : raters) {
            table.setLabel(item, r, Task::Grade, rng() % 10 < 9 ? truth : grade(rng));
            table.setLabel(item, r, Task::Canal, static_cast<int>(rng() % 10 < 9));
        }
    }
    table.endBulk();
    const AgreementReport base = computeAgreementReport(table);
    std::vector<double> wall, cpu;
    for (int run = 0; run < runs; ++run) {
        AgreementReport report = base;
        const double c0 = cpuMs();
        const auto t0 = Clock::now();
        addBootstrap(report, table, {kDefaultBootstrapReplicates, kDefaultBootstrapSeed});
        wall.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        cpu.push_back(cpuMs() - c0);
        if (run == 0) {
            const auto& p = report.tasks.front().all.scale.pairs.front();
            std::printf("grade %s vs %s: kappa bootstrap CI [%.4f, %.4f] over %lld studies, design effect %.3f\n",
                p.reference.c_str(), p.other.c_str(), (*p.bootstrap->kappaUnweighted)[0],
                (*p.bootstrap->kappaUnweighted)[1], static_cast<long long>(p.bootstrap->clusters),
                p.bootstrap->designEffect.value_or(-1.0));
        }
    }
    std::sort(wall.begin(), wall.end());
    std::sort(cpu.begin(), cpu.end());
    std::printf(
        "bootstrap %d replicates, %d items, %d studies, 3 raters, 2 tasks + 2 views, all items and 5 levels (%d runs): "
        "median wall %.0f ms (min %.0f), median CPU %.0f ms\n",
        kDefaultBootstrapReplicates, kItems, kStudies, runs, wall[wall.size() / 2], wall.front(), cpu[cpu.size() / 2]);
    return 0;
}
