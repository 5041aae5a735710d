// Review queue figures (printed, not judged): building the queue of 100,000 items x 3
// analyzers (every pair compared on canal, grade and patch; then the rank sort), with and
// without computing the item keys, and next/previous-disagreement under several filters
// from random positions. Run: build/tests/bench/bench_review [--items N] [--runs N]
#include "core/review/ReviewQueue.h"

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
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

double ms(Clock::duration d)
{
    return std::chrono::duration<double, std::milli>(d).count();
}

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

} // namespace

int main(int argc, char** argv)
{
    int items = 100000, runs = 21;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--items"))
            items = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--runs"))
            runs = std::atoi(argv[i + 1]);
    }
    std::mt19937 rng(11);
    std::discrete_distribution<int> truth({70, 18, 8, 4});
    std::uniform_real_distribution<double> u(0, 1);
    std::normal_distribution<double> jitter(0, 2.0); // pixels
    ReviewInput input;
    input.raters = {{"analyzer1", false}, {"analyzer2", false}, {"analyzer3", false}};
    std::vector<ItemKeySource> sources;
    for (int i = 0; i < items; ++i) {
        ReviewInputItem item;
        item.itemId = i + 1;
        item.level = kAllLevels[static_cast<size_t>(i % 5)];
        item.rowSpacing = item.columnSpacing = 0.7;
        const int g = truth(rng);
        const bool cord = u(rng) < 0.03;
        for (int r = 0; r < 3; ++r) {
            ReviewJudgment j;
            j.rater = r;
            j.canal = (u(rng) < 0.02) != cord ? Canal::Cord : Canal::Rootlet;
            if (j.canal == Canal::Rootlet)
                j.grade = static_cast<Grade>(std::clamp(g + (u(rng) < 0.1 ? (u(rng) < 0.5 ? -1 : 1) : 0), 0, 3));
            j.patch = Patch {100 + jitter(rng), 120 + jitter(rng), 60 + jitter(rng), 50 + jitter(rng)};
            item.judgments.push_back(j);
        }
        item.decided = u(rng) < 0.3;
        sources.push_back({item.itemId, i / 500 + 1, item.level, i, ""});
        input.items.push_back(std::move(item));
    }

    std::vector<double> keysWall, buildWall, buildCpu;
    ReviewQueue queue;
    for (int run = 0; run < runs; ++run) {
        auto t0 = Clock::now();
        input.keys = ItemKeys(sources);
        auto t1 = Clock::now();
        const double c0 = cpuMs();
        ReviewQueue q(input);
        const double c1 = cpuMs();
        auto t2 = Clock::now();
        keysWall.push_back(ms(t1 - t0));
        buildWall.push_back(ms(t2 - t1));
        buildCpu.push_back(c1 - c0);
        queue = std::move(q);
    }
    std::printf("review queue: %d items x 3 analyzers, %zu in the queue (%s)\n", items, queue.all().size(),
        queue.progress({}).text().c_str());
    std::printf("  item keys (ItemKeys):  median %.1f ms, p95 %.1f ms wall\n", percentile(keysWall, 0.5),
        percentile(keysWall, 0.95));
    std::printf("  queue build:           median %.1f ms, p95 %.1f ms wall; median %.1f ms CPU (%d runs)\n",
        percentile(buildWall, 0.5), percentile(buildWall, 0.95), percentile(buildCpu, 0.5), runs);

    // next/previous from random positions, under filters a lead uses.
    ReviewFilter any, level, open, pair, canal;
    level.level = Level::L4L5;
    open.status = ReviewFilter::Status::Open;
    pair.pair = {{"analyzer1", "analyzer3"}};
    canal.task = DisagreementKind::Canal; // the rarest kind: the longest walks
    const ReviewFilter* filters[] = {&any, &level, &open, &pair, &canal};
    std::vector<double> stepWall;
    std::uniform_int_distribution<size_t> at(0, queue.all().size() - 1);
    std::size_t found = 0;
    for (int k = 0; k < 5000; ++k) {
        const ReviewFilter& f = *filters[k % 5];
        const std::int64_t from = queue.all()[at(rng)].itemId;
        auto t0 = Clock::now();
        const auto next = (k % 2) ? queue.previous(f, from, true) : queue.next(f, from, true);
        stepWall.push_back(ms(Clock::now() - t0));
        found += next ? 1 : 0;
    }
    std::printf("  next/previous (5000 calls, 5 filters, undecided only): median %.4f ms, p95 %.4f ms, max %.3f ms "
                "wall (%zu found)\n",
        percentile(stepWall, 0.5), percentile(stepWall, 0.95), percentile(stepWall, 1.0), found);
    std::vector<double> progressWall;
    for (int k = 0; k < 50; ++k) {
        auto t0 = Clock::now();
        (void)queue.progress(*filters[k % 5]);
        progressWall.push_back(ms(Clock::now() - t0));
    }
    std::printf("  progress under a filter: median %.2f ms, p95 %.2f ms wall\n", percentile(progressWall, 0.5),
        percentile(progressWall, 0.95));
    return 0;
}
