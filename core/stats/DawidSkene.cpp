#include "core/stats/DawidSkene.h"

#include "core/stats/AgreementReport.h"
#include "core/stats/RatingTable.h"
#include "core/stats/UniformDraw.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

namespace sg::core {
namespace {

size_t at(size_t row, size_t width, size_t col)
{
    return row * width + col;
}

// Priors and confusion rows from the posteriors, each count plus the pseudocount.
void mStep(std::span<const int8_t> labels, const std::vector<bool>& labeled, const std::vector<double>& post,
    DawidSkeneFit& fit, double smoothing)
{
    const auto k = static_cast<size_t>(fit.classes), r = static_cast<size_t>(fit.raters);
    const size_t items = labeled.size();
    std::vector<double> prior(k, smoothing);
    std::vector<double> counts(r * k * k, smoothing);
    double total = smoothing * static_cast<double>(k);
    for (size_t i = 0; i < items; ++i) {
        if (!labeled[i])
            continue;
        total += 1.0;
        for (size_t c = 0; c < k; ++c)
            prior[c] += post[at(i, k, c)];
        for (size_t j = 0; j < r; ++j) {
            const int l = labels[at(i, r, j)];
            if (l < 0)
                continue;
            for (size_t c = 0; c < k; ++c)
                counts[at(at(j, k, c), k, static_cast<size_t>(l))] += post[at(i, k, c)];
        }
    }
    for (size_t c = 0; c < k; ++c)
        fit.priors[c] = prior[c] / total;
    for (size_t row = 0; row < r * k; ++row) {
        double sum = 0.0;
        for (size_t l = 0; l < k; ++l)
            sum += counts[at(row, k, l)];
        for (size_t l = 0; l < k; ++l)
            fit.confusion[at(row, k, l)] = counts[at(row, k, l)] / sum;
    }
}

// Posteriors from the parameters (in logs, normalised by log-sum-exp); returns the
// log-likelihood of the labeled items.
double eStep(std::span<const int8_t> labels, const std::vector<bool>& labeled, std::vector<double>& post,
    const DawidSkeneFit& fit)
{
    const auto k = static_cast<size_t>(fit.classes), r = static_cast<size_t>(fit.raters);
    std::vector<double> logPrior(k), logTheta(fit.confusion.size());
    for (size_t c = 0; c < k; ++c)
        logPrior[c] = std::log(fit.priors[c]);
    for (size_t x = 0; x < logTheta.size(); ++x)
        logTheta[x] = std::log(fit.confusion[x]);
    std::vector<double> lp(k);
    double ll = 0.0;
    for (size_t i = 0; i < labeled.size(); ++i) {
        if (!labeled[i]) {
            for (size_t c = 0; c < k; ++c)
                post[at(i, k, c)] = fit.priors[c];
            continue;
        }
        for (size_t c = 0; c < k; ++c) {
            double v = logPrior[c];
            for (size_t j = 0; j < r; ++j)
                if (const int l = labels[at(i, r, j)]; l >= 0)
                    v += logTheta[at(at(j, k, c), k, static_cast<size_t>(l))];
            lp[c] = v;
        }
        const double top = *std::max_element(lp.begin(), lp.end());
        double sum = 0.0;
        for (size_t c = 0; c < k; ++c)
            sum += std::exp(lp[c] - top);
        for (size_t c = 0; c < k; ++c)
            post[at(i, k, c)] = std::exp(lp[c] - top) / sum;
        ll += top + std::log(sum);
    }
    return ll;
}

} // namespace

std::vector<int> dawidSkeneStart(std::span<const int8_t> labels, int raters, int classes, uint64_t seed)
{
    const auto r = static_cast<size_t>(raters), k = static_cast<size_t>(classes);
    const size_t items = r == 0 ? 0 : labels.size() / r;
    std::mt19937_64 gen(seed);
    std::vector<int> start(items, -1);
    std::vector<int> votes(k);
    std::vector<int> tied;
    for (size_t i = 0; i < items; ++i) {
        std::fill(votes.begin(), votes.end(), 0);
        for (size_t j = 0; j < r; ++j)
            if (const int l = labels[at(i, r, j)]; l >= 0 && static_cast<size_t>(l) < k)
                ++votes[static_cast<size_t>(l)];
        const int top = *std::max_element(votes.begin(), votes.end());
        if (top == 0)
            continue;
        tied.clear();
        for (size_t c = 0; c < k; ++c)
            if (votes[c] == top)
                tied.push_back(static_cast<int>(c));
        start[i] = tied.size() == 1 ? tied.front() : tied[UniformBelow(tied.size())(gen)];
    }
    return start;
}

DawidSkeneFit dawidSkene(std::span<const int8_t> labels, int raters, int classes, std::span<const int> start,
    const DawidSkeneOptions& options)
{
    DawidSkeneFit fit;
    fit.classes = classes;
    fit.raters = raters;
    const auto k = static_cast<size_t>(classes), r = static_cast<size_t>(raters);
    const size_t items = start.size();
    fit.priors.assign(k, 1.0 / static_cast<double>(k));
    fit.confusion.assign(r * k * k, 1.0 / static_cast<double>(k));
    fit.posteriors.assign(items * k, 0.0);
    std::vector<bool> labeled(items, false);
    for (size_t i = 0; i < items; ++i)
        if (start[i] >= 0 && static_cast<size_t>(start[i]) < k) {
            labeled[i] = true;
            fit.posteriors[at(i, k, static_cast<size_t>(start[i]))] = 1.0;
        }
    double previous = -std::numeric_limits<double>::infinity();
    for (int it = 1; it <= options.maxIterations; ++it) {
        mStep(labels, labeled, fit.posteriors, fit, options.smoothing);
        fit.logLikelihood = eStep(labels, labeled, fit.posteriors, fit);
        fit.iterations = it;
        if (std::abs(fit.logLikelihood - previous) < options.tolerance) {
            fit.converged = true;
            break;
        }
        previous = fit.logLikelihood;
    }
    fit.map.assign(items, -1);
    for (size_t i = 0; i < items; ++i) {
        const auto row = fit.posteriors.begin() + static_cast<std::ptrdiff_t>(i * k);
        fit.map[i] = static_cast<int>(std::max_element(row, row + static_cast<std::ptrdiff_t>(k)) - row);
    }
    return fit;
}

DawidSkeneReport dawidSkeneOfTable(
    const RatingTable& table, Task task, const std::vector<std::string>& analyzers, const DawidSkeneOptions& options)
{
    DawidSkeneReport report;
    report.task = task;
    report.seed = options.seed;
    const auto& names = table.raterNames();
    std::vector<int> columns; // rater index of each analyzer with a label of the task
    std::vector<std::string> sorted = analyzers;
    std::sort(sorted.begin(), sorted.end());
    for (const std::string& a : sorted) {
        const auto it = std::find(names.begin(), names.end(), a);
        if (it == names.end())
            continue;
        const auto index = static_cast<int>(it - names.begin());
        for (int item = 0; item < table.itemCount(); ++item)
            if (table.itemLabels(item, task)[static_cast<size_t>(index)] >= 0) {
                columns.push_back(index);
                report.raters.push_back(a);
                break;
            }
    }
    report.mapBySlot.assign(static_cast<size_t>(table.itemCount()), -1);
    if (columns.size() < 2) {
        report.undefinedReason = "needs at least two analyzers with labels of the " + std::string(taskName(task)) +
            ", the project has " + std::to_string(columns.size());
        return report;
    }
    const int raters = static_cast<int>(columns.size());
    const int classes = static_cast<int>(taskClasses(task).size());
    std::vector<int8_t> labels;
    std::vector<int> slots;
    for (int item = 0; item < table.itemCount(); ++item) {
        const auto all = table.itemLabels(item, task);
        bool any = false;
        for (int c : columns)
            any = any || all[static_cast<size_t>(c)] >= 0;
        if (!any)
            continue;
        for (int c : columns)
            labels.push_back(all[static_cast<size_t>(c)]);
        slots.push_back(item);
        report.items.emplace_back(table.itemKey(item));
    }
    if (slots.empty()) {
        report.undefinedReason = "no item has a label of the " + std::string(taskName(task));
        return report;
    }
    const std::vector<int> start = dawidSkeneStart(labels, raters, classes, options.seed);
    report.fit = dawidSkene(labels, raters, classes, start, options);
    for (size_t i = 0; i < slots.size(); ++i)
        report.mapBySlot[static_cast<size_t>(slots[i])] = report.fit->map[i];
    return report;
}

void addDawidSkene(
    AgreementReport& report, const RatingTable& table, const std::vector<std::string>& analyzers, uint64_t seed)
{
    DawidSkeneOptions options;
    options.seed = seed;
    for (TaskEntry& t : report.tasks)
        t.dawidSkene = dawidSkeneOfTable(table, t.task, analyzers, options);
}

} // namespace sg::core
