#include "core/stats/ClusterBootstrap.h"

#include "core/stats/AgreementReport.h"
#include "core/stats/RatingTable.h"
#include "core/stats/UniformDraw.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <map>
#include <random>
#include <thread>

namespace sg::core {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// numpy.percentile's default (linear interpolation between order statistics).
double percentile(const std::vector<double>& sorted, double p)
{
    const double h = (static_cast<double>(sorted.size()) - 1.0) * p;
    const auto lo = static_cast<size_t>(std::floor(h));
    const size_t hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

std::optional<std::array<double, 2>> interval(std::vector<double>& values)
{
    if (values.empty())
        return std::nullopt;
    std::sort(values.begin(), values.end());
    return std::array<double, 2> {percentile(values, 0.025), percentile(values, 0.975)};
}

double kappaOf(const int64_t* cells, int k, const std::array<int64_t, kMaxClasses>& row,
    const std::array<int64_t, kMaxClasses>& col, double n, int weights)
{
    // CohenKappa.h's rules, decided on the counts: undefined where both raters used one and the
    // same class only, exactly 0 where one rater used a single class.
    int refSingle = -1, otherSingle = -1;
    for (int c = 0; c < k; ++c) {
        if (row[static_cast<size_t>(c)] == static_cast<int64_t>(n))
            refSingle = c;
        if (col[static_cast<size_t>(c)] == static_cast<int64_t>(n))
            otherSingle = c;
    }
    if (refSingle >= 0 && refSingle == otherSingle)
        return kNaN;
    if (refSingle >= 0 || otherSingle >= 0)
        return 0.0;
    double po = 0.0, pe = 0.0;
    for (int i = 0; i < k; ++i)
        for (int j = 0; j < k; ++j) {
            double w = i == j ? 1.0 : 0.0;
            if (weights > 0 && k > 1) {
                const double d = std::abs(i - j) / static_cast<double>(k - 1);
                w = weights == 1 ? 1.0 - d : 1.0 - d * d;
            }
            po += w * static_cast<double>(cells[i * k + j]) / n;
            pe += w * (static_cast<double>(row[static_cast<size_t>(i)]) / n) *
                (static_cast<double>(col[static_cast<size_t>(j)]) / n);
        }
    return (po - pe) / (1.0 - pe);
}

} // namespace

std::array<double, 6> bootstrapFigures(const int64_t* cells, int k)
{
    std::array<double, 6> f;
    f.fill(kNaN);
    std::array<int64_t, kMaxClasses> row {}, col {};
    int64_t total = 0, agree = 0;
    for (int i = 0; i < k; ++i)
        for (int j = 0; j < k; ++j) {
            row[static_cast<size_t>(i)] += cells[i * k + j];
            col[static_cast<size_t>(j)] += cells[i * k + j];
            total += cells[i * k + j];
        }
    if (total == 0)
        return f;
    for (int c = 0; c < k; ++c)
        agree += cells[c * k + c];
    const double n = static_cast<double>(total);
    const double po = static_cast<double>(agree) / n;
    f[0] = po;
    for (int w = 0; w < 3; ++w)
        f[static_cast<size_t>(1 + w)] = kappaOf(cells, k, row, col, n, w);
    double chance = 0.0, macro = 0.0;
    int present = 0;
    for (int c = 0; c < k; ++c) {
        const auto q = static_cast<size_t>(c);
        const double pi = static_cast<double>(row[q] + col[q]) / (2.0 * n);
        chance += pi * (1.0 - pi);
        if (row[q] + col[q] > 0) {
            macro += 2.0 * static_cast<double>(cells[c * k + c]) / static_cast<double>(row[q] + col[q]);
            ++present;
        }
    }
    chance /= (k - 1.0);
    f[4] = (po - chance) / (1.0 - chance);
    f[5] = macro / present;
    return f;
}

namespace {

// A scale's view of the task's matrix: task cell -> the scale's cell (a binarised grade view
// adds up grade cells), so one set of draws serves the grade and both of its views.
struct Collapse {
    int classes = 0;
    std::array<uint8_t, kMaxClasses * kMaxClasses> cellOf {};
};

Collapse collapseTo(Scale scale, int taskClasses)
{
    Collapse c;
    c.classes = scaleClassCount(scale);
    for (int i = 0; i < taskClasses; ++i)
        for (int j = 0; j < taskClasses; ++j)
            c.cellOf[static_cast<size_t>(i * taskClasses + j)] =
                static_cast<uint8_t>(scaleClassOf(scale, i) * c.classes + scaleClassOf(scale, j));
    return c;
}

Collapse identity(int classes)
{
    Collapse c;
    c.classes = classes;
    for (int cell = 0; cell < classes * classes; ++cell)
        c.cellOf[static_cast<size_t>(cell)] = static_cast<uint8_t>(cell);
    return c;
}

// The bootstrap of one pair's cluster tables seen through each collapse: the same draws as
// bootstrapPair on each collapsed table (the collapse keeps the clusters and their order).
// Every replicate's cluster indices, replicate-major: what bootstrapCollapsed draws itself,
// drawn once for the pairs that share their clusters.
std::vector<uint32_t> drawAll(uint64_t clusters, BootstrapOptions options)
{
    std::mt19937_64 gen(options.seed);
    const UniformBelow draw(clusters);
    std::vector<uint32_t> out(static_cast<size_t>(options.replicates) * clusters);
    for (uint32_t& d : out)
        d = static_cast<uint32_t>(draw(gen));
    return out;
}

// `drawn`: the indices drawAll gives for these clusters and options, or null to draw here.
std::vector<BootstrapFigures> bootstrapCollapsed(const ClusterTables& tables, const std::vector<Collapse>& collapses,
    const std::vector<const ConfusionMatrix*>& wholes, BootstrapOptions options, const uint32_t* drawn = nullptr)
{
    std::vector<BootstrapFigures> out(collapses.size());
    for (BootstrapFigures& b : out) {
        b.replicates = options.replicates;
        b.seed = options.seed;
        b.clusters = tables.clusters();
    }
    const int k = tables.classes;
    const auto clusters = static_cast<uint64_t>(tables.clusters());
    // One cluster resamples to itself: a zero-width interval would claim a precision no data
    // gives. Undefined (null) instead, as for any figure no replicate defines.
    if (clusters < 2 || options.replicates <= 0)
        return out;
    std::mt19937_64 gen(options.seed);
    const UniformBelow draw(clusters);
    std::vector<std::array<std::vector<double>, 6>> values(collapses.size());
    for (auto& perScale : values)
        for (auto& v : perScale)
            v.reserve(static_cast<size_t>(options.replicates));
    // Two accumulators, alternate draws: consecutive draws mostly add to the same cell, and
    // one array would make each add wait for the previous one's store.
    std::array<int64_t, kMaxClasses * kMaxClasses> cells {}, odd {}, collapsed {};
    for (int r = 0; r < options.replicates; ++r) {
        cells.fill(0);
        odd.fill(0);
        const uint32_t* replicate = drawn ? drawn + static_cast<size_t>(r) * clusters : nullptr;
        for (uint64_t d = 0; d < clusters; ++d) {
            const uint64_t c = replicate ? replicate[d] : draw(gen);
            auto& into = d % 2 == 0 ? cells : odd;
            for (uint32_t j = tables.offsets[c]; j < tables.offsets[c + 1]; ++j)
                into[tables.cells[j]] += tables.counts[j];
        }
        for (size_t cell = 0; cell < cells.size(); ++cell)
            cells[cell] += odd[cell];
        for (size_t s = 0; s < collapses.size(); ++s) {
            collapsed.fill(0);
            for (int cell = 0; cell < k * k; ++cell)
                collapsed[collapses[s].cellOf[static_cast<size_t>(cell)]] += cells[static_cast<size_t>(cell)];
            const auto f = bootstrapFigures(collapsed.data(), collapses[s].classes);
            for (size_t i = 0; i < f.size(); ++i)
                if (!std::isnan(f[i]))
                    values[s][i].push_back(f[i]);
        }
    }
    for (size_t s = 0; s < collapses.size(); ++s) {
        BootstrapFigures& b = out[s];
        auto& v = values[s];
        // Design effect before the percentiles sort the values (the order does not matter to it).
        const ConfusionMatrix& whole = *wholes[s];
        const auto& pa = v[0];
        const double n = static_cast<double>(whole.total());
        int64_t agree = 0;
        for (int c = 0; c < whole.classes; ++c)
            agree += whole.at(c, c);
        const double po = n > 0 ? static_cast<double>(agree) / n : 0.0;
        if (pa.size() > 1 && po > 0.0 && po < 1.0) {
            double mean = 0.0;
            for (double x : pa)
                mean += x;
            mean /= static_cast<double>(pa.size());
            double var = 0.0;
            for (double x : pa)
                var += (x - mean) * (x - mean);
            var /= static_cast<double>(pa.size() - 1);
            b.designEffect = var / (po * (1.0 - po) / n);
        }
        b.percentAgreement = interval(v[0]);
        b.kappaUnweighted = interval(v[1]);
        b.kappaLinear = interval(v[2]);
        b.kappaQuadratic = interval(v[3]);
        b.gwetAc1 = interval(v[4]);
        b.f1Macro = interval(v[5]);
    }
    return out;
}

} // namespace

BootstrapFigures bootstrapPair(const ConfusionMatrix& whole, const ClusterTables& tables, BootstrapOptions options)
{
    return bootstrapCollapsed(tables, {identity(tables.classes)}, {&whole}, options).front();
}

namespace {

// The per-cluster tables of raters a and b (a = rows) on a scale, over every item both
// labeled (of one level, or of every level with kAllLevels); clusters in the order of their
// first item.
constexpr int kAllLevels = -2;

// `ids`: which cluster each is (the table's cluster id, or the item's own).
ClusterTables clusterTables(const RatingTable& table, Scale scale, int a, int b, int level, std::vector<int>& ids)
{
    const int k = scaleClassCount(scale);
    const Task task = scaleTask(scale);
    const int named = table.clusterCount();
    std::vector<int> dense(static_cast<size_t>(named + table.itemCount()), -1);
    std::vector<int64_t> cells; // dense cluster-major k x k
    ids.clear();
    for (int item = 0; item < table.itemCount(); ++item) {
        if (level != kAllLevels && table.itemLevelId(item) != level)
            continue;
        const auto labels = table.itemLabels(item, task);
        const int la = labels[static_cast<size_t>(a)], lb = labels[static_cast<size_t>(b)];
        if (la < 0 || lb < 0)
            continue;
        const int cluster = table.itemCluster(item);
        int& d = dense[static_cast<size_t>(cluster >= 0 ? cluster : named + item)];
        if (d < 0) {
            d = static_cast<int>(cells.size()) / (k * k);
            cells.resize(cells.size() + static_cast<size_t>(k * k), 0);
            ids.push_back(cluster >= 0 ? cluster : named + item);
        }
        ++cells[static_cast<size_t>(d * k * k + scaleClassOf(scale, la) * k + scaleClassOf(scale, lb))];
    }
    ClusterTables t;
    t.classes = k;
    const size_t count = cells.size() / static_cast<size_t>(k * k);
    for (size_t c = 0; c < count; ++c) {
        for (int cell = 0; cell < k * k; ++cell)
            if (const int64_t v = cells[c * static_cast<size_t>(k * k) + static_cast<size_t>(cell)]; v != 0) {
                t.cells.push_back(static_cast<uint8_t>(cell));
                t.counts.push_back(v);
            }
        t.offsets.push_back(static_cast<uint32_t>(t.cells.size()));
    }
    return t;
}

// One unordered pair of one task over all items or one level: bootstrapped once for the task's
// scale and its views (the same items, so the same clusters and draws), and the figures go to
// both orders of the pair (they are symmetric).
struct PairJob {
    Task task = Task::Grade;
    int level = kAllLevels;
    int a = 0, b = 0; // rater indices, a's name the lesser
    std::vector<Scale> scales; // the task's scale and views where the pair is
    std::vector<std::vector<PairReport*>> reports; // [scale]: the pair in both orders
    std::vector<BootstrapFigures> figures; // [scale]
    ClusterTables tables; // of the task's scale
    std::vector<int> clusterIds; // [cluster of tables]
    const uint32_t* drawn = nullptr; // the draws it shares with pairs of the same clusters
};

void collectJobs(std::vector<PairJob>& jobs, TaskReport& report, Task task, const RatingTable& table, int level)
{
    const auto& names = table.raterNames();
    auto indexOf = [&](const std::string& name) {
        return static_cast<int>(std::find(names.begin(), names.end(), name) - names.begin());
    };
    std::map<std::pair<std::string, std::string>, size_t> done; // by (lesser, greater) name
    std::vector<ScaleReport*> scales {&report.scale};
    for (ScaleReport& v : report.views)
        scales.push_back(&v);
    for (ScaleReport* scale : scales)
        for (PairReport& p : scale->pairs) {
            if (p.stats.n == 0)
                continue;
            const auto key =
                p.reference < p.other ? std::make_pair(p.reference, p.other) : std::make_pair(p.other, p.reference);
            auto it = done.find(key);
            if (it == done.end()) {
                it = done.emplace(key, jobs.size()).first;
                PairJob job;
                job.task = task;
                job.level = level;
                job.a = indexOf(key.first);
                job.b = indexOf(key.second);
                jobs.push_back(std::move(job));
            }
            PairJob& job = jobs[it->second];
            const auto s = std::find(job.scales.begin(), job.scales.end(), scale->scale);
            if (s == job.scales.end()) {
                job.scales.push_back(scale->scale);
                job.reports.push_back({&p});
            } else {
                job.reports[static_cast<size_t>(s - job.scales.begin())].push_back(&p);
            }
        }
}

// Every figure the bootstrap reports (agreement, the kappas, AC1, macro-F1, the design
// effect) is the same for a matrix and its transpose, so either order's matrix serves.
void runJob(PairJob& job, const RatingTable& table, BootstrapOptions options)
{
    std::vector<Collapse> collapses;
    std::vector<const ConfusionMatrix*> wholes;
    for (size_t s = 0; s < job.scales.size(); ++s) {
        collapses.push_back(collapseTo(job.scales[s], job.tables.classes));
        wholes.push_back(&job.reports[s].front()->stats.confusion);
    }
    job.figures = bootstrapCollapsed(job.tables, collapses, wholes, options, job.drawn);
    for (BootstrapFigures& f : job.figures)
        f.clusteredByItem = table.clusterCount() == 0;
}

// Runs work(0 .. n-1) on every core.
template <typename Work>
void parallelFor(size_t n, const Work& work)
{
    const unsigned threads = std::min<unsigned>(
        std::max(1u, std::thread::hardware_concurrency()), static_cast<unsigned>(std::max<size_t>(n, 1)));
    std::atomic<size_t> next {0};
    auto loop = [&] {
        for (size_t j = next++; j < n; j = next++)
            work(j);
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t)
        pool.emplace_back(loop);
    loop();
    for (std::thread& t : pool)
        t.join();
}

// At most this many shared draws are held (4 bytes each): 2,000 replicates of 4,000 clusters.
constexpr size_t kMaxSharedDraws = size_t {8} << 20;

} // namespace

void addBootstrap(AgreementReport& report, const RatingTable& table, BootstrapOptions options)
{
    report.bootstrapReplicates = options.replicates;
    report.bootstrapSeed = options.seed;
    report.bootstrapByItem = table.clusterCount() == 0;
    if (options.replicates <= 0)
        return;
    // Every pair of every scale, over all items and per level (clusters: the studies within
    // that level's items). Each job's draws come from a generator seeded with the seed, so the
    // figures do not depend on how the jobs are spread over threads.
    std::vector<PairJob> jobs;
    for (TaskEntry& t : report.tasks) {
        collectJobs(jobs, t.all, t.task, table, kAllLevels);
        for (LevelReport& l : t.levels)
            if (const int level = table.levelId(l.level); level >= 0)
                collectJobs(jobs, l.report, t.task, table, level);
    }
    parallelFor(jobs.size(), [&](size_t j) {
        PairJob& job = jobs[j];
        job.tables = clusterTables(table, scalesOfTask(job.task).front(), job.a, job.b, job.level, job.clusterIds);
    });
    // Pairs (of any task or level) with the same clusters in the same order would draw the
    // same indices from the seed: draw them once. The figures are the same either way.
    std::map<std::vector<int>, std::vector<size_t>> sameClusters;
    for (size_t j = 0; j < jobs.size(); ++j)
        if (jobs[j].tables.clusters() >= 2)
            sameClusters[jobs[j].clusterIds].push_back(j);
    std::vector<std::vector<uint32_t>> shared;
    shared.reserve(sameClusters.size());
    for (const auto& [ids, members] : sameClusters) {
        if (members.size() < 2 || static_cast<size_t>(options.replicates) * ids.size() > kMaxSharedDraws)
            continue;
        shared.push_back(drawAll(ids.size(), options));
        for (size_t j : members)
            jobs[j].drawn = shared.back().data();
    }
    parallelFor(jobs.size(), [&](size_t j) { runJob(jobs[j], table, options); });
    for (const PairJob& job : jobs)
        for (size_t s = 0; s < job.scales.size(); ++s)
            for (PairReport* p : job.reports[s])
                p->bootstrap = job.figures[s];
}

} // namespace sg::core
