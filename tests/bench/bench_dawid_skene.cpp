// The Dawid-Skene estimate's figure (issue 12): 10,000 items x 3 raters on the grade (four
// classes, the paper's skew: 79/15/4/2%), 5% of the labels missing, from a rating table
// (the labels gathered from the table, the seeded majority start, EM to convergence). Prints
// wall and CPU time and how EM ended (printed, not judged).
// Run: build/tests/bench/bench_dawid_skene [--runs N]
#include "core/stats/DawidSkene.h"
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
    constexpr int kItems = 10000;
    const std::vector<std::string> raters {"analyzer1", "analyzer2", "analyzer3"};
    const double accuracy[] = {0.9, 0.85, 0.8};
    std::mt19937 rng(1);
    std::discrete_distribution<int> grade({79, 15, 4, 2});
    std::uniform_real_distribution<double> u(0.0, 1.0);
    RatingTable table;
    table.beginBulk();
    for (int i = 0; i < kItems; ++i) {
        const std::string item = "S" + std::to_string(i % 300) + "/" + std::to_string(i);
        const int truth = grade(rng);
        for (size_t r = 0; r < raters.size(); ++r) {
            if (u(rng) < 0.05)
                continue;
            const int miss = std::clamp(truth + (u(rng) < 0.5 ? -1 : 1), 0, 3);
            table.setLabel(item, raters[r], Task::Grade, u(rng) < accuracy[r] ? truth : miss);
        }
    }
    table.endBulk();
    std::vector<double> wall, cpu;
    DawidSkeneReport last;
    for (int run = 0; run < runs; ++run) {
        const double c0 = cpuMs();
        const auto t0 = Clock::now();
        last = dawidSkeneOfTable(table, Task::Grade, raters, {});
        wall.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        cpu.push_back(cpuMs() - c0);
    }
    std::sort(wall.begin(), wall.end());
    std::sort(cpu.begin(), cpu.end());
    const DawidSkeneFit& f = *last.fit;
    std::printf("Dawid-Skene, %zu items x 3 raters, grade (4 classes): %d EM iterations, %s, log-likelihood %.3f\n",
        last.items.size(), f.iterations, f.converged ? "converged" : "not converged", f.logLikelihood);
    std::printf("priors A %.3f B %.3f C %.3f D %.3f; analyzer1 P(label = truth) %.3f %.3f %.3f %.3f\n", f.priors[0],
        f.priors[1], f.priors[2], f.priors[3], f.theta(0, 0, 0), f.theta(0, 1, 1), f.theta(0, 2, 2), f.theta(0, 3, 3));
    std::printf("%d runs: median wall %.1f ms (min %.1f), median CPU %.1f ms\n", runs, wall[wall.size() / 2],
        wall.front(), cpu[cpu.size() / 2]);
    return 0;
}
