// Statistics engine figures (printed, not judged): the full computation for 100,000 items
// x 3 raters on both tasks (loading every label into the rating table, then every figure of
// every pair, view and level), and one incremental update (a label change, then the report
// the dashboard would redraw). Run: build/tests/bench/bench_stats
#include "core/stats/AgreementReport.h"
#include "core/stats/RatingTable.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <random>
#include <string>
#include <vector>

using namespace sg::core;
using Clock = std::chrono::steady_clock;

namespace {

struct GeneratedLabel {
    std::string item;
    int rater;
    Task task;
    int cls;
};

// CPU time of this thread: on a machine shared with other builds, wall time also counts the
// time the scheduler gave to others.
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

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main()
{
    constexpr int kItems = 100000;
    const std::string raters[] = {"analyzer1", "analyzer2", "cnn"};
    const char* levels[] = {"L1/L2", "L2/L3", "L3/L4", "L4/L5", "L5/S1"};
    std::mt19937 rng(1);
    std::discrete_distribution<int> grade({79, 15, 4, 2});
    std::vector<GeneratedLabel> labels;
    std::vector<std::string> items;
    for (int i = 0; i < kItems; ++i) {
        // SOP instance UIDs as the label store keys items.
        items.push_back("1.2.826.0.1.3680043.8.498." + std::to_string(10000000 + i));
        const int truth = grade(rng);
        for (int r = 0; r < 3; ++r) {
            labels.push_back({items.back(), r, Task::Grade, rng() % 10 < 9 ? truth : grade(rng)});
            labels.push_back({items.back(), r, Task::Canal, static_cast<int>(rng() % 10 < 9)});
        }
    }

    // The store's loader knows its items and raters: it registers each once and sets labels
    // by slot. The same labels, as slots.
    std::vector<int> itemOfLabel(labels.size());
    for (size_t i = 0; i < labels.size(); ++i)
        itemOfLabel[i] = static_cast<int>(i / 6);

    std::vector<double> full, load, record, figures, fullCpu, slotted, slottedCpu, recount, recountCpu;
    std::vector<double> update, updateReport;
    for (int round = 0; round < 9; ++round) {
        // 1. From label rows keyed by strings (what `stats --csv` does).
        double c0 = cpuMs();
        auto t0 = Clock::now();
        RatingTable table;
        table.reserveItems(kItems);
        table.beginBulk();
        for (const GeneratedLabel& l : labels)
            table.setLabel(l.item, raters[l.rater], l.task, l.cls);
        const auto tRecorded = Clock::now();
        table.endBulk();
        const auto t1 = Clock::now();
        record.push_back(ms(tRecorded - t0));
        AgreementReport report = computeAgreementReport(table);
        const auto t2 = Clock::now();
        fullCpu.push_back(cpuMs() - c0);
        load.push_back(ms(t1 - t0));
        figures.push_back(ms(t2 - t1));
        full.push_back(ms(t2 - t0));
        if (round == 0)
            std::printf("check: grade analyzer1 vs analyzer2 n %lld kappa %.4f macro-F1 %.4f\n",
                static_cast<long long>(report.tasks[0].all.scale.pairs[0].stats.n),
                *report.tasks[0].all.scale.pairs[0].stats.kappaUnweighted.value,
                *report.tasks[0].all.scale.pairs[0].stats.f1Macro);

        // 2. From a loader that registers items and raters once (what `stats --db` does).
        c0 = cpuMs();
        t0 = Clock::now();
        RatingTable bySlot;
        bySlot.reserveItems(kItems);
        bySlot.beginBulk();
        int raterSlot[3];
        for (int r = 0; r < 3; ++r)
            raterSlot[r] = bySlot.raterSlot(raters[r]);
        std::vector<int> itemSlot(kItems);
        for (int i = 0; i < kItems; ++i)
            itemSlot[static_cast<size_t>(i)] = bySlot.itemSlot(items[static_cast<size_t>(i)]);
        for (size_t i = 0; i < labels.size(); ++i)
            bySlot.setLabelAt(itemSlot[static_cast<size_t>(itemOfLabel[i])], raterSlot[labels[i].rater], labels[i].task,
                labels[i].cls);
        bySlot.endBulk();
        report = computeAgreementReport(bySlot);
        slotted.push_back(ms(Clock::now() - t0));
        slottedCpu.push_back(cpuMs() - c0);

        // 3. Every count and figure again from the labels already in memory.
        c0 = cpuMs();
        t0 = Clock::now();
        bySlot.beginBulk();
        bySlot.endBulk();
        report = computeAgreementReport(bySlot);
        recount.push_back(ms(Clock::now() - t0));
        recountCpu.push_back(cpuMs() - c0);

        if (round == 0) {
            for (int i = 0; i < kItems; ++i)
                table.setItemLevel(items[static_cast<size_t>(i)], levels[i % 5]);
            for (int u = 0; u < 2001; ++u) {
                const GeneratedLabel& l = labels[rng() % labels.size()];
                const int cls = static_cast<int>(rng() % (l.task == Task::Grade ? 4 : 2));
                const auto a = Clock::now();
                table.setLabel(l.item, raters[l.rater], l.task, cls);
                const auto b = Clock::now();
                report = computeAgreementReport(table);
                const auto c = Clock::now();
                update.push_back(ms(b - a));
                updateReport.push_back(ms(c - a));
            }
        }
    }
    std::printf("full computation, %d items x 3 raters, grade + canal (%zu labels), median of %zu"
                " (wall; CPU time of the thread in brackets):\n",
        kItems, labels.size(), full.size());
    std::printf("  from label rows keyed by strings (stats --csv):\n");
    std::printf("    load labels into the rating table  %8.2f ms (recording the labels %.2f ms, counting %.2f ms)\n",
        median(load), median(record), median(load) - median(record));
    std::printf("    every figure from the counts       %8.3f ms\n", median(figures));
    std::printf("    total                              %8.2f ms [%.2f ms]\n", median(full), median(fullCpu));
    std::printf("  from a loader that registers each item once (stats --db, the dashboard):\n");
    std::printf("    total                              %8.2f ms [%.2f ms]\n", median(slotted), median(slottedCpu));
    std::printf("  recount everything from the labels in memory, then every figure:\n");
    std::printf("    total                              %8.2f ms [%.2f ms]\n", median(recount), median(recountCpu));
    std::printf("incremental update (median of %zu, with 5 levels):\n", update.size());
    std::printf("  one label change                   %8.4f ms\n", median(update));
    std::printf("  one label change + whole report    %8.4f ms\n", median(updateReport));
    return 0;
}
