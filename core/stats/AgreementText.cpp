#include "core/stats/AgreementText.h"

#include "core/stats/BoundedInterval.h"

#include "core/stats/KappaParadox.h"
#include "core/stats/LandisKoch.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace sg::core {
namespace {

using Table = std::vector<std::vector<std::string>>;

std::string format(const char* fmt, double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, fmt, v);
    return buf;
}

std::string percent(const std::optional<double>& v)
{
    return v ? format("%.1f%%", *v * 100.0) : "undefined";
}
std::string number(const std::optional<double>& v)
{
    return v ? format("%.3f", *v) : "undefined";
}

// Printed bounded to the statistic's range (BoundedInterval.h): a kappa's normal CI can pass 1.
std::string interval(const std::optional<std::array<double, 2>>& raw, StatRange range)
{
    const auto ci = boundedInterval(raw, range);
    return ci ? "[" + format("%.3f", (*ci)[0]) + ", " + format("%.3f", (*ci)[1]) + "]" : "undefined";
}

std::string testText(const std::optional<ChiSquareTest>& t)
{
    if (!t)
        return "undefined";
    return format("%.3f", t->statistic) + " (df " + std::to_string(t->df) + ", p " + format("%.4g", t->p) + ")";
}

std::string kappaText(const KappaEstimate& k, bool band)
{
    if (!k.value)
        return "undefined";
    std::string s = format("%.3f", *k.value);
    if (k.degenerate) // 0 by construction: a band would read as a finding
        return s + " (degenerate: a rater used one class)";
    if (k.ci95)
        s.append(" ").append(interval(k.ci95, kKappaRange));
    if (band)
        s.append(" ").append(landisKochBand(*k.value));
    return s;
}

// Left-aligned columns two spaces apart, the first row a header.
void printTable(std::ostringstream& out, const Table& rows, const std::string& indent)
{
    std::vector<size_t> width;
    for (const auto& row : rows)
        for (size_t c = 0; c < row.size(); ++c) {
            width.resize(std::max(width.size(), row.size()), 0);
            width[c] = std::max(width[c], row[c].size());
        }
    for (const auto& row : rows) {
        std::string line = indent;
        for (size_t c = 0; c < row.size(); ++c)
            line += row[c] + (c + 1 < row.size() ? std::string(width[c] - row[c].size() + 2, ' ') : "");
        out << line << '\n';
    }
}

// The pair's clustered bootstrap CI of kappa, or why there is none ("" without a bootstrap).
std::string bootstrapKappa(const PairReport& p)
{
    if (!p.bootstrap)
        return "";
    if (p.bootstrap->clusters < 2)
        return "undefined (" + std::to_string(p.bootstrap->clusters) +
            (p.bootstrap->clusteredByItem ? " item)" : " study)");
    return interval(p.bootstrap->kappaUnweighted, kKappaRange) + " (" + std::to_string(p.bootstrap->clusters) +
        (p.bootstrap->clusteredByItem ? " items)" : " studies)");
}

// One row per unordered pair: agreement, F1 and kappa do not depend on which rater is the
// reference. `withBootstrap`: a last column with the kappa's bootstrap CI (the per-level
// table, whose pairs have no details below).
void addSummaryRows(Table& rows, const std::string& label, const ScaleReport& s, bool withBootstrap = false)
{
    for (const PairReport& p : s.pairs) {
        if (p.reference > p.other)
            continue;
        const PairStatistics& st = p.stats;
        rows.push_back({label, p.reference, p.other, std::to_string(st.n), percent(st.percentAgreement),
            percent(st.f1Macro), kappaText(st.kappaUnweighted, true)});
        if (withBootstrap)
            rows.back().push_back(bootstrapKappa(p));
    }
}

Table summaryHeader(const char* first)
{
    return {{first, "reference", "other", "n", "agreement", "macro-F1", "kappa [95% CI] band"}};
}

void printPair(std::ostringstream& out, const PairReport& p, const std::vector<std::string>& classes)
{
    const PairStatistics& s = p.stats;
    out << "  " << p.reference << " (rows) vs " << p.other << ": n " << s.n;
    if (s.n == 0) {
        out << " (no common item)\n";
        return;
    }
    out << ", dropped " << s.nDropped << "\n    agreement " << percent(s.percentAgreement)
        << " [" + percent((*s.percentAgreementCi95)[0]) + ", " + percent((*s.percentAgreementCi95)[1]) + "]"
        << ", macro-F1 " << percent(s.f1Macro) << ", weighted-F1 " << percent(s.f1Weighted) << ", PABAK "
        << number(s.pabak) << ", Gwet AC1 " << number(s.gwetAc1) << ' ' << interval(s.gwetAc1Ci95, kKappaRange)
        << " SE " << number(s.gwetAc1Se) << '\n';
    out << "    kappa_max " << number(s.kappaMax) << ", prevalence index " << number(s.prevalenceIndex)
        << ", bias index " << number(s.biasIndex) << "; Stuart-Maxwell " << testText(s.stuartMaxwell) << ", Bowker "
        << testText(s.bowker) << '\n';
    if (const std::string why = kappaParadoxSentence(s, classes); !why.empty())
        out << "    " << why << '\n';
    if (p.bootstrap && p.bootstrap->clusters < 2) {
        out << "    bootstrap 95% CI: undefined (it needs at least two "
            << (p.bootstrap->clusteredByItem ? "items" : "studies") << ", this pair has " << p.bootstrap->clusters
            << ")\n";
    } else if (p.bootstrap) {
        const BootstrapFigures& b = *p.bootstrap;
        out << "    bootstrap 95% CI (" << b.clusters << (b.clusteredByItem ? " items" : " studies") << "): agreement "
            << interval(b.percentAgreement, kProportionRange) << ", kappa " << interval(b.kappaUnweighted, kKappaRange)
            << ", linear " << interval(b.kappaLinear, kKappaRange) << ", quadratic "
            << interval(b.kappaQuadratic, kKappaRange) << ", AC1 " << interval(b.gwetAc1, kKappaRange) << ", macro-F1 "
            << interval(b.f1Macro, kProportionRange) << ", design effect " << number(b.designEffect) << '\n';
    }
    Table k {{"kappa", "value [95% CI]", "SE"}};
    const std::pair<const char*, const KappaEstimate*> kappas[] = {
        {"unweighted", &s.kappaUnweighted}, {"linear", &s.kappaLinear}, {"quadratic", &s.kappaQuadratic}};
    for (const auto& [name, e] : kappas)
        k.push_back({name, kappaText(*e, true), number(e->se)});
    printTable(out, k, "    ");
    Table t {{"class", "precision", "recall", "F1", "support"}};
    for (size_t c = 0; c < classes.size(); ++c) {
        const ClassFigures& f = s.perClass[c];
        t.push_back({classes[c], number(f.precision), number(f.recall), number(f.f1), std::to_string(f.support)});
    }
    printTable(out, t, "    ");
    Table m {{"confusion"}};
    for (const std::string& c : classes)
        m[0].push_back(c);
    for (size_t i = 0; i < classes.size(); ++i) {
        m.push_back({classes[i]});
        for (size_t j = 0; j < classes.size(); ++j)
            m.back().push_back(std::to_string(s.confusion.at(static_cast<int>(i), static_cast<int>(j))));
    }
    printTable(out, m, "    ");
    out << "    disagreement distance:";
    for (size_t d = 1; d < s.distanceCounts.size(); ++d)
        out << ' ' << d << ": " << s.distanceCounts[d];
    out << '\n';
}

// Short: the priors and each analyzer's probability of giving each true class its own label
// (the diagonal of the estimated confusion matrix; the full matrices are in the JSON).
void printDawidSkene(std::ostringstream& out, const DawidSkeneReport& d)
{
    const auto& classes = taskClasses(d.task);
    out << "\nDawid-Skene latent classes (" << taskName(d.task) << ", the analyzers' labels; seed " << d.seed << "): ";
    if (!d.fit) {
        out << "undefined, " << d.undefinedReason << '\n';
        return;
    }
    const DawidSkeneFit& f = *d.fit;
    out << d.items.size() << " item(s), " << f.iterations << " EM iteration(s), "
        << (f.converged ? "converged" : "not converged") << "\n";
    Table t {{"", "prior"}};
    for (const std::string& r : d.raters)
        t[0].push_back(r + " P(label = truth)");
    for (size_t c = 0; c < classes.size(); ++c) {
        t.push_back({classes[c], format("%.3f", f.priors[c])});
        for (size_t r = 0; r < d.raters.size(); ++r)
            t.back().push_back(format("%.3f", f.theta(static_cast<int>(r), static_cast<int>(c), static_cast<int>(c))));
    }
    printTable(out, t, "  ");
}

void printScaleDetails(std::ostringstream& out, const ScaleReport& s)
{
    const auto& classes = scaleClasses(s.scale);
    out << "\n== " << scaleName(s.scale) << ": " << s.items << " item(s) labeled, Fleiss' kappa "
        << number(s.fleissKappa) << " (SE " << number(s.fleissKappaSe) << ") over " << s.fleissItems
        << " item(s) labeled by all " << s.raters.size() << " rater(s); Krippendorff's alpha nominal "
        << number(s.krippendorffAlpha.nominal) << ", ordinal " << number(s.krippendorffAlpha.ordinal) << '\n';
    Table t {{"rater", "n"}};
    for (const std::string& c : classes)
        t[0].push_back(c);
    for (const RaterSummary& r : s.raters) {
        t.push_back({r.name, std::to_string(r.n)});
        for (int64_t count : r.counts)
            t.back().push_back(
                std::to_string(count) + " (" + percent(static_cast<double>(count) / static_cast<double>(r.n)) + ")");
    }
    printTable(out, t, "  ");
    for (const PairReport& p : s.pairs)
        printPair(out, p, classes);
}

} // namespace

std::string agreementReportToText(const AgreementReport& report)
{
    std::ostringstream out;
    out << "Agreement by task and pair of raters\n";
    Table summary = summaryHeader("task");
    for (const TaskEntry& t : report.tasks)
        addSummaryRows(summary, std::string(taskName(t.task)), t.all.scale);
    printTable(out, summary, "");
    if (report.bootstrapReplicates > 0)
        out << "\nBootstrap: " << report.bootstrapReplicates << " replicates, seed " << report.bootstrapSeed
            << (report.bootstrapByItem ? ", each item its own cluster (no study given)"
                                       : ", resampling studies (patients), not slices")
            << "; percentile 95% CIs per pair below\n";

    Table views = summaryHeader("view");
    Table levels = summaryHeader("level");
    if (report.bootstrapReplicates > 0)
        levels[0].push_back("kappa bootstrap 95% CI");
    for (const TaskEntry& t : report.tasks) {
        for (const ScaleReport& v : t.all.views)
            addSummaryRows(views, std::string(scaleName(v.scale)), v);
        for (const LevelReport& l : t.levels)
            addSummaryRows(
                levels, l.level + " " + std::string(taskName(t.task)), l.report.scale, report.bootstrapReplicates > 0);
    }
    if (views.size() > 1) {
        out << "\nBinarised grade\n";
        printTable(out, views, "");
    }
    if (levels.size() > 1) {
        out << "\nPer level\n";
        printTable(out, levels, "");
    }

    if (!report.classifiers.empty()) {
        out << "\nClassifiers against each reference (grade; AUROC with DeLong 95% CI; RSNA-weighted log loss)\n";
        Table c {{"classifier", "reference", "n", "sens/spec A vs B-D", "sens/spec A-B vs C-D", "AUROC A vs B-D",
            "AUROC A-B vs C-D", "log loss", "kappa", "macro-F1"}};
        auto auroc = [](const AurocEstimate& a) { return number(a.value) + " " + interval(a.ci95, kProportionRange); };
        for (const ClassifierVsReference& r : report.classifiers)
            c.push_back({r.classifier, r.reference, std::to_string(r.n),
                number(r.sensitivity[0]) + " / " + number(r.specificity[0]),
                number(r.sensitivity[1]) + " / " + number(r.specificity[1]), auroc(r.auroc[0]), auroc(r.auroc[1]),
                number(r.rsnaWeightedLogLoss), number(r.kappaUnweighted.value), percent(r.f1Macro)});
        printTable(out, c, "");
    }

    for (const TaskEntry& t : report.tasks)
        if (t.dawidSkene)
            printDawidSkene(out, *t.dawidSkene);
    if (report.intraRater && !report.intraRater->empty()) {
        out << "\nIntra-rater (test-retest: each analyzer's first read against their blinded re-read)\n";
        Table intra {{"analyzer", "task", "n", "agreement", "kappa", "kappa linear", "kappa quadratic"}};
        for (const IntraRaterEntry& a : *report.intraRater)
            for (const IntraRaterTask& t : a.tasks) {
                const bool grade = t.task == Task::Grade;
                intra.push_back({a.analyzer, std::string(taskName(t.task)),
                    std::to_string(t.stats.n) + " of " + std::to_string(t.scheduled),
                    percent(t.stats.percentAgreement) + " " + interval(t.stats.percentAgreementCi95, kProportionRange),
                    kappaText(t.stats.kappaUnweighted, false), grade ? kappaText(t.stats.kappaLinear, false) : "",
                    grade ? kappaText(t.stats.kappaQuadratic, false) : ""});
            }
        printTable(out, intra, "");
    }

    for (const TaskEntry& t : report.tasks) {
        printScaleDetails(out, t.all.scale);
        for (const ScaleReport& v : t.all.views)
            printScaleDetails(out, v);
    }
    return out.str();
}

} // namespace sg::core
