#include "core/stats/ClusterBootstrap.h"

#include "core/stats/AgreementReport.h"
#include "core/stats/RatingTable.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <random>

namespace sg::core {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Unbiased uniform index in [0, n) from the generator's raw 64-bit output (rejection of the
// incomplete last block): the same on every platform, unlike std::uniform_int_distribution.
uint64_t uniformBelow(std::mt19937_64& gen, uint64_t n)
{
    const uint64_t max = std::numeric_limits<uint64_t>::max();
    const uint64_t limit = max - max % n; // a multiple of n
    uint64_t x = gen();
    while (x >= limit)
        x = gen();
    return x % n;
}

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

double kappaOf(const int64_t* cells, int k, const std::vector<int64_t>& row, const std::vector<int64_t>& col, double n,
    int weights)
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
    std::vector<int64_t> row(static_cast<size_t>(k), 0), col(static_cast<size_t>(k), 0);
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

BootstrapFigures bootstrapPair(const ConfusionMatrix& whole, const ClusterTables& tables, BootstrapOptions options)
{
    BootstrapFigures b;
    b.replicates = options.replicates;
    b.seed = options.seed;
    b.clusters = tables.clusters();
    const int k = tables.classes;
    const auto clusters = static_cast<uint64_t>(b.clusters);
    // One cluster resamples to itself: a zero-width interval would claim a precision no data
    // gives. Undefined (null) instead, as for any figure no replicate defines.
    if (clusters < 2 || options.replicates <= 0)
        return b;
    std::mt19937_64 gen(options.seed);
    std::array<std::vector<double>, 6> values;
    for (auto& v : values)
        v.reserve(static_cast<size_t>(options.replicates));
    std::vector<int64_t> cells(static_cast<size_t>(k * k));
    for (int r = 0; r < options.replicates; ++r) {
        std::fill(cells.begin(), cells.end(), 0);
        for (uint64_t draw = 0; draw < clusters; ++draw) {
            const uint64_t c = uniformBelow(gen, clusters);
            for (uint32_t j = tables.offsets[c]; j < tables.offsets[c + 1]; ++j)
                cells[tables.cells[j]] += tables.counts[j];
        }
        const auto f = bootstrapFigures(cells.data(), k);
        for (size_t s = 0; s < f.size(); ++s)
            if (!std::isnan(f[s]))
                values[s].push_back(f[s]);
    }
    // Design effect before the percentiles sort the values (the order does not matter to it).
    const auto& pa = values[0];
    const double n = static_cast<double>(whole.total());
    int64_t agree = 0;
    for (int c = 0; c < whole.classes; ++c)
        agree += whole.at(c, c);
    const double po = n > 0 ? static_cast<double>(agree) / n : 0.0;
    if (pa.size() > 1 && po > 0.0 && po < 1.0) {
        double mean = 0.0;
        for (double v : pa)
            mean += v;
        mean /= static_cast<double>(pa.size());
        double var = 0.0;
        for (double v : pa)
            var += (v - mean) * (v - mean);
        var /= static_cast<double>(pa.size() - 1);
        b.designEffect = var / (po * (1.0 - po) / n);
    }
    b.percentAgreement = interval(values[0]);
    b.kappaUnweighted = interval(values[1]);
    b.kappaLinear = interval(values[2]);
    b.kappaQuadratic = interval(values[3]);
    b.gwetAc1 = interval(values[4]);
    b.f1Macro = interval(values[5]);
    return b;
}

namespace {

// The per-cluster tables of raters a and b (a = rows) on a scale, over every item both
// labeled; clusters in the order of their first item.
ClusterTables clusterTables(const RatingTable& table, Scale scale, int a, int b)
{
    const int k = scaleClassCount(scale);
    const Task task = scaleTask(scale);
    const int named = table.clusterCount();
    std::vector<int> dense(static_cast<size_t>(named + table.itemCount()), -1);
    std::vector<int64_t> cells; // dense cluster-major k x k
    for (int item = 0; item < table.itemCount(); ++item) {
        const auto labels = table.itemLabels(item, task);
        const int la = labels[static_cast<size_t>(a)], lb = labels[static_cast<size_t>(b)];
        if (la < 0 || lb < 0)
            continue;
        const int cluster = table.itemCluster(item);
        int& d = dense[static_cast<size_t>(cluster >= 0 ? cluster : named + item)];
        if (d < 0) {
            d = static_cast<int>(cells.size()) / (k * k);
            cells.resize(cells.size() + static_cast<size_t>(k * k), 0);
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

void bootstrapScale(ScaleReport& report, const RatingTable& table, BootstrapOptions options)
{
    const auto& names = table.raterNames();
    auto indexOf = [&](const std::string& name) {
        return static_cast<int>(std::find(names.begin(), names.end(), name) - names.begin());
    };
    std::map<std::pair<std::string, std::string>, BootstrapFigures> done; // by (lesser, greater) name
    const bool byItem = table.clusterCount() == 0;
    for (PairReport& p : report.pairs) {
        if (p.stats.n == 0)
            continue;
        const bool forward = p.reference < p.other;
        const auto key = forward ? std::make_pair(p.reference, p.other) : std::make_pair(p.other, p.reference);
        auto it = done.find(key);
        if (it == done.end()) {
            const int a = indexOf(key.first), b = indexOf(key.second);
            const ClusterTables tables = clusterTables(table, report.scale, a, b);
            BootstrapFigures f = bootstrapPair(p.stats.confusion, tables, options);
            f.clusteredByItem = byItem;
            it = done.emplace(key, f).first;
        }
        p.bootstrap = it->second;
    }
}

} // namespace

void addBootstrap(AgreementReport& report, const RatingTable& table, BootstrapOptions options)
{
    report.bootstrapReplicates = options.replicates;
    report.bootstrapSeed = options.seed;
    report.bootstrapByItem = table.clusterCount() == 0;
    if (options.replicates <= 0)
        return;
    for (TaskEntry& t : report.tasks) {
        bootstrapScale(t.all.scale, table, options);
        for (ScaleReport& v : t.all.views)
            bootstrapScale(v, table, options);
    }
}

} // namespace sg::core
