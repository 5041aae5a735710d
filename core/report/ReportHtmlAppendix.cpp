#include "core/report/ReportHtmlParts.h"

#include "core/labels/RaterName.h"
#include "core/report/ReportHtmlCells.h"
#include "core/stats/BoundedInterval.h"
#include "core/stats/LandisKoch.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <sstream>

// The report's appendix: the summary, every figure of each task, the classifiers, the levels,
// the disagreements to review and the definitions.
namespace sg::core::html {
using namespace cell;

void ReportParts::appendixStart()
{
    m_out << "<h2 class=\"appendix\" style=\"page-break-before: always\">Appendix</h2>\n<p class=\"note\">Every "
             "figure of the project. Symmetric figures (agreement, kappas, AC1, PABAK, F1, the tests) appear once per "
             "pair of raters; directional ones (precision, recall, weighted F1) once per direction. The CSV and JSON "
             "exports hold every figure unrounded, with the raw (unbounded) asymptotic intervals.</p>\n";
}

void ReportParts::summary()
{
    const ProjectReport& r = m_report;
    m_out << "<h3>A" << ++m_section << ". Project</h3>\n" << kTable << '\n';
    m_out << "<tr>" << th("items", true) << td(count(r.items)) << "</tr>\n";
    m_out << "<tr>" << th("studies", true)
          << td(count(static_cast<std::int64_t>(r.studyKeys.size())) + ": " + studyList(r.studyKeys), true)
          << "</tr>\n";
    m_out << "<tr>" << th("levels", true) << td(list(r.levels, "none assigned"), true) << "</tr>\n";
    m_out << "<tr>" << th("analyzers", true) << td(list(r.analyzers), true) << "</tr>\n";
    m_out << "<tr>" << th("CNN models", true) << td(list(r.models), true) << "</tr>\n";
    m_out << "<tr>" << th("setting", true)
          << td(r.assisted ? "assisted (analyzers see the CNN's grade)"
                           : "blind to the CNN's grade (its patch is shown)",
                 true)
          << "</tr>\n";
    m_out << "<tr>" << th("consensus", true)
          << td(r.hasConsensus
                     ? "on " + plural(r.consensusItems, "item", "items") + ", by the lead (rater \"consensus\")"
                     : "none recorded",
                 true)
          << "</tr>\n";
    m_out << "<tr>" << th("software", true) << td("SpineGrade " + r.softwareVersion, true) << "</tr>\n";
    m_out << "</table>\n"
          << kTable << "\n<thead><tr>" << th("analyzer", true) << th("role", true) << th("done") << th("of")
          << th("done %") << "</tr></thead>\n";
    for (const AnalyzerProgressRow& p : r.progress)
        m_out << "<tr>" << td(p.name, true) << td(p.lead ? "lead" : "analyzer", true) << td(std::to_string(p.done))
              << td(std::to_string(p.total))
              << td(p.total > 0 ? pct(static_cast<double>(p.done) / static_cast<double>(p.total)) : "no worklist")
              << "</tr>\n";
    m_out << "</table>\n";
}

void ReportParts::scaleDetails(const ScaleReport& s, Task task, const std::string& title)
{
    const auto& classes = scaleClasses(s.scale);
    const bool ordinal = classes.size() > 2; // weighted kappas equal the unweighted one on two classes
    const auto pairs = unorderedPairs(s);
    m_out << "<h4>" << htmlEscape(title) << "</h4>\n<p>" << htmlEscape(fleissLine(s)) << "</p>\n";
    if (pairs.empty())
        return;

    // Symmetric: agreement and the kappas, the preferred (bootstrap) intervals.
    m_out << kWideTable << "\n<thead><tr>" << th("pair", true) << th("n") << th("dropped") << th("agreement|[95% CI]")
          << th("macro-F1|[95% CI]") << th(ordinal ? "kappa|unweighted" : "kappa|[95% CI]");
    if (ordinal)
        m_out << th("kappa|linear") << th("kappa|quadratic");
    m_out << "</tr></thead>\n";
    for (const PairReport* p : pairs) {
        m_out << "<tr>" << td(p->reference + " vs|" + p->other, true) << td(count(p->stats.n))
              << td(count(p->stats.nDropped));
        if (p->stats.n == 0) {
            m_out << "<td colspan=\"" << (ordinal ? 5 : 3) << "\" class=\"name\">no item labeled by both</td></tr>\n";
            continue;
        }
        const BootstrapFigures* b = bootstrapOf(*p);
        m_out << td(agreementCell(*p)) << td(f1Cell(*p))
              << td(kappaCell(p->stats.kappaUnweighted, b ? b->kappaUnweighted : Interval(), true));
        if (ordinal)
            m_out << td(kappaCell(p->stats.kappaLinear, b ? b->kappaLinear : Interval(), true))
                  << td(kappaCell(p->stats.kappaQuadratic, b ? b->kappaQuadratic : Interval(), true));
        m_out << "</tr>\n";
    }
    m_out << "</table>\n";

    // Symmetric: the kappa paradox and systematic differences.
    m_out << kWideTable << "\n<thead><tr>" << th("pair", true) << th("AC1|[95% CI]") << th("PABAK") << th("kappa|max")
          << th("PI") << th("BI") << th("Stuart-|Maxwell") << th("Bowker") << th("design|effect") << "</tr></thead>\n";
    for (const PairReport* p : pairs) {
        if (p->stats.n == 0)
            continue;
        const PairStatistics& st = p->stats;
        const BootstrapFigures* b = bootstrapOf(*p);
        m_out << "<tr>" << td(p->reference + " vs|" + p->other, true)
              << td(num(st.gwetAc1) + preferred(b ? b->gwetAc1 : Interval(), st.gwetAc1Ci95, kKappaRange, false))
              << td(num(st.pabak)) << td(num(st.kappaMax)) << td(st.prevalenceIndex ? num(st.prevalenceIndex) : "-")
              << td(st.biasIndex ? num(st.biasIndex) : "-") << td(testCell(st.stuartMaxwell)) << td(testCell(st.bowker))
              << td(b ? num(b->designEffect) : "-") << "</tr>\n";
    }
    m_out << "</table>\n";

    // Symmetric: the asymptotic intervals beside the bootstrap ones.
    m_out << kWideTable << "\n<thead><tr>" << th("pair", true) << th("agreement|Wilson CI")
          << th(ordinal ? "kappa unweighted|SE [95% CI]" : "kappa|SE [95% CI]");
    if (ordinal)
        m_out << th("kappa linear|SE [95% CI]") << th("kappa quadratic|SE [95% CI]");
    m_out << th("AC1|SE [95% CI]") << "</tr></thead>\n";
    const auto se = [](const std::optional<double>& s, const Interval& ci) {
        return s ? "SE " + num(s) + "|" + ciText(ci, kKappaRange, false) : std::string("-");
    };
    for (const PairReport* p : pairs) {
        if (p->stats.n == 0)
            continue;
        const PairStatistics& st = p->stats;
        m_out << "<tr>" << td(p->reference + " vs|" + p->other, true)
              << td(ciText(st.percentAgreementCi95, kProportionRange, true))
              << td(se(st.kappaUnweighted.se, st.kappaUnweighted.ci95));
        if (ordinal)
            m_out << td(se(st.kappaLinear.se, st.kappaLinear.ci95))
                  << td(se(st.kappaQuadratic.se, st.kappaQuadratic.ci95));
        m_out << td(se(st.gwetAc1Se, st.gwetAc1Ci95)) << "</tr>\n";
    }
    m_out << "</table>\n";

    // Directional: precision and recall per class, and weighted F1, each direction.
    m_out << kWideTable << "\n<thead><tr>" << th("reference", true) << th("other", true) << th("weighted|F1");
    for (const std::string& c : classes)
        m_out << th("P|" + c) << th("R|" + c);
    m_out << "</tr></thead>\n";
    for (const PairReport& p : s.pairs) {
        if (p.stats.n == 0)
            continue;
        m_out << "<tr>" << td(p.reference, true) << td(p.other, true) << td(num(p.stats.f1Weighted));
        for (const ClassFigures& f : p.stats.perClass)
            m_out << td(f.precision ? num(f.precision) : "-") << td(f.recall ? num(f.recall) : "-");
        m_out << "</tr>\n";
    }
    m_out << "</table>\n";

    // Per pair: the confusion matrix (rows: the first rater) with each class's F1 and the
    // disagreements by distance.
    m_out << kWideTable << "\n<thead><tr>" << th("pair (rows vs columns)", true) << th("class", true);
    for (const std::string& c : classes)
        m_out << th(c);
    m_out << th("F1") << th("disagreements|by distance", true) << "</tr></thead>\n";
    for (const PairReport* p : pairs) {
        if (p->stats.n == 0)
            continue;
        const PairStatistics& st = p->stats;
        std::string distance;
        for (size_t d = 1; d < st.distanceCounts.size(); ++d)
            distance += (d > 1 ? "|" : "") + std::to_string(d) + (d == 1 ? " class: " : " classes: ") +
                count(st.distanceCounts[d]);
        for (size_t c = 0; c < classes.size(); ++c) {
            m_out << "<tr>" << td(c == 0 ? p->reference + " vs|" + p->other : "", true)
                  << td(p->reference + " " + classes[c], true);
            for (size_t o = 0; o < classes.size(); ++o)
                m_out << td(count(st.confusion.at(static_cast<int>(c), static_cast<int>(o))));
            m_out << td(st.perClass[c].f1 ? num(st.perClass[c].f1) : "-") << td(c == 0 ? distance : "", true)
                  << "</tr>\n";
        }
    }
    m_out << "</table>\n";

    if (isView(s.scale))
        return; // the confusion heat maps show the task's own scale
    std::vector<std::string> heatmaps;
    for (const PlotSpec& spec : m_plots)
        if (spec.kind == PlotKind::Confusion && spec.task == task)
            heatmaps.push_back(spec.id);
    plotsTwoPerRow(heatmaps);
}

void ReportParts::taskDetails(const TaskEntry& t)
{
    const std::string task(taskName(t.task));
    const ScaleReport& s = t.all.scale;
    m_out << "<h3>A" << ++m_section << ". " << taskTitle(t.task) << "</h3>\n";
    if (s.raters.empty()) {
        m_out << "<p>No labels yet.</p>\n";
        return;
    }
    m_out << "<p>" << plural(s.items, "item", "items") << " labeled by at least one rater.</p>\n";
    plot("kappa-" + task);
    plot("distribution-" + task);
    scaleDetails(s, t.task, "Every pair of raters, " + task);
    for (const ScaleReport& v : t.all.views)
        scaleDetails(v, t.task, "Binarised: " + std::string(scaleName(v.scale)));
}

void ReportParts::classifiers()
{
    const auto& rows = m_report.agreement.classifiers;
    if (rows.empty())
        return;
    m_out << "<h3>A" << ++m_section
          << ". Classifiers against each reference (grade)</h3>\n<p class=\"note\">Se/Sp: sensitivity and "
             "specificity of the classifier's grade; AUROC of its probabilities with DeLong's 95% CI; log loss: "
             "RSNA 2024-style, normal/mild (A), moderate (B), severe (C/D) weighted 1, 2, 4.</p>\n"
          << kWideTable << "\n<thead><tr>" << th("classifier", true) << th("reference", true) << th("n")
          << th("Se / Sp|A vs B-D") << th("Se / Sp|A-B vs C-D") << th("AUROC|A vs B-D") << th("AUROC|A-B vs C-D")
          << th("log|loss") << "</tr></thead>\n";
    const auto auroc = [](const AurocEstimate& a) {
        return num(a.value) + (a.ci95 ? "|" + ciText(a.ci95, kProportionRange, false) : "");
    };
    for (const ClassifierVsReference& r : rows)
        m_out << "<tr>" << td(r.classifier, true) << td(r.reference, true) << td(count(r.n))
              << td(num(r.sensitivity[0]) + " /|" + num(r.specificity[0]))
              << td(num(r.sensitivity[1]) + " /|" + num(r.specificity[1])) << td(auroc(r.auroc[0]))
              << td(auroc(r.auroc[1])) << td(num(r.rsnaWeightedLogLoss)) << "</tr>\n";
    m_out << "</table>\n";
}

void ReportParts::levels()
{
    bool any = false;
    for (const TaskEntry& t : m_report.agreement.tasks)
        any = any || !t.levels.empty();
    if (!any)
        return;
    m_out << "<h3>A" << ++m_section
          << ". Per disc level</h3>\n<p class=\"note\">95% CIs as above: the patient-clustered bootstrap's "
             "where a level has one, else the asymptotic one (marked *), bounded to the statistic's range.</p>\n";
    for (const TaskEntry& t : m_report.agreement.tasks) {
        if (t.levels.empty())
            continue;
        const std::string task(taskName(t.task));
        m_out << "<h4>" << htmlEscape(taskTitle(t.task)) << " per level</h4>\n"
              << kWideTable << "\n<thead><tr>" << th("level", true) << th("pair", true) << th("n")
              << th("agreement|[95% CI]") << th("macro-F1|[95% CI]") << th("kappa, band|[95% CI]")
              << th("Fleiss'|kappa") << "</tr></thead>\n";
        const auto row = [&](const std::string& level, const PairReport& p, const std::string& fleiss) {
            m_out << "<tr>" << td(level, true) << td(p.reference + " vs|" + p.other, true) << td(count(p.stats.n));
            if (p.stats.n == 0) {
                m_out << "<td colspan=\"3\" class=\"name\">no item labeled by both</td>" << td(fleiss) << "</tr>\n";
                return;
            }
            const BootstrapFigures* b = bootstrapOf(p);
            m_out << td(agreementCell(p)) << td(f1Cell(p))
                  << td(kappaCell(p.stats.kappaUnweighted, b ? b->kappaUnweighted : Interval(), true)) << td(fleiss)
                  << "</tr>\n";
        };
        for (const LevelReport& l : t.levels) {
            bool first = true;
            for (const PairReport* p : unorderedPairs(l.report.scale)) {
                row(first ? l.level : "", *p, first ? num(l.report.scale.fleissKappa) : "");
                first = false;
            }
        }
        m_out << "</table>\n";
        std::vector<std::string> charts;
        for (const PlotSpec& spec : m_plots)
            if (spec.kind == PlotKind::PerLevel && spec.task == t.task)
                charts.push_back(spec.id);
        plotsTwoPerRow(charts);
        bool header = false;
        for (const LevelReport& l : t.levels)
            for (const ScaleReport& v : l.report.views)
                for (const PairReport* p : unorderedPairs(v)) {
                    if (!header)
                        m_out << "<h4>Binarised grade per level</h4>\n"
                              << kWideTable << "\n<thead><tr>" << th("level, view", true) << th("pair", true) << th("n")
                              << th("agreement|[95% CI]") << th("macro-F1|[95% CI]") << th("kappa, band|[95% CI]")
                              << th("Fleiss'|kappa") << "</tr></thead>\n";
                    header = true;
                    row(l.level + "|" + std::string(scaleName(v.scale)), *p, num(v.fleissKappa));
                }
        if (header)
            m_out << "</table>\n";
    }
}

void ReportParts::disagreements()
{
    const ProjectReport& r = m_report;
    m_out << "<h3>A" << ++m_section << ". Disagreements to review</h3>\n";
    if (r.disagreements.empty()) {
        m_out << "<p>No item on which the analyzers disagree.</p>\n";
        return;
    }
    size_t decided = 0;
    for (const Disagreement& d : r.disagreements)
        decided += d.consensus ? 1 : 0;
    m_out << "<p>" << r.disagreements.size()
          << " item/task pair(s) on which the analyzers gave different labels (an item where the analyzers agree "
             "and only a CNN differs is not listed); "
          << decided << " decided by a consensus.</p>\n";

    // The reasons per level: which kind of disagreement the lead found where. Rows in the
    // order of the fixed list, then decisions without a code, then the undecided.
    const int codes = static_cast<int>(allConsensusReasons().size());
    std::map<std::pair<int, std::string>, std::map<std::string, int>> reasons; // reason -> level -> count
    std::vector<std::string> levels;
    for (const Disagreement& d : r.disagreements) {
        const std::string level = d.level.empty() ? "unassigned" : d.level;
        if (!contains(levels, level))
            levels.push_back(level);
        const std::pair<int, std::string> reason = !d.consensus ? std::pair(codes + 1, std::string("(undecided)"))
            : d.reasonCode
            ? std::pair(static_cast<int>(*d.reasonCode), std::string(consensusReasonTitle(*d.reasonCode)))
            : std::pair(codes, std::string("(no reason code)"));
        ++reasons[reason][level];
    }
    std::sort(levels.begin(), levels.end());
    m_out << "<p><b>Reasons per level.</b></p>\n" << kWideTable << "\n<thead><tr>" << th("reason", true);
    for (const std::string& l : levels)
        m_out << th(l);
    m_out << th("total") << "</tr></thead>\n";
    for (const auto& [reason, byLevel] : reasons) {
        int total = 0;
        m_out << "<tr>" << tdWrap(reason.second);
        for (const std::string& l : levels) {
            const auto it = byLevel.find(l);
            const int n = it == byLevel.end() ? 0 : it->second;
            total += n;
            m_out << td(n ? std::to_string(n) : "");
        }
        m_out << td(std::to_string(total)) << "</tr>\n";
    }
    m_out << "</table>\n";

    // The list: each analyzer's label, the consensus and its reason.
    std::vector<size_t> columns;
    for (size_t i = 0; i < r.raters.size(); ++i)
        if (contains(r.analyzerRaters, r.raters[i]))
            columns.push_back(i);
    m_out << kWideTable << "\n<thead><tr>" << th("item", true) << th("level", true) << th("task", true);
    for (size_t i : columns)
        m_out << th(r.raters[i], true);
    m_out << th("consensus", true) << th("reason", true) << "</tr></thead>\n";
    for (const Disagreement& d : r.disagreements) {
        m_out << "<tr>" << td(d.itemKey, true) << td(d.level.empty() ? "unassigned" : d.level, true)
              << td(std::string(taskName(d.task)), true);
        for (size_t i : columns)
            m_out << td(d.labels[i].value_or("-"), true);
        std::string reason = d.reasonCode ? std::string(consensusReasonTitle(*d.reasonCode)) : "";
        if (!d.reason.empty())
            reason += (reason.empty() ? "" : ": ") + d.reason;
        m_out << td(d.consensus.value_or("open"), true) << tdWrap(reason) << "</tr>\n";
    }
    m_out << "</table>\n";
}

void ReportParts::definitions()
{
    m_out << "<h3>A" << ++m_section
          << ". How the figures are computed</h3>\n<p class=\"note\">"
             "n: items both raters labeled; dropped: items of the task (given to the raters) that either rater left "
             "without a label, also those nobody labeled. <b>Confidence intervals.</b> Where a table shows one 95% "
             "CI, it is the patient-clustered percentile bootstrap's (studies resampled, not slices); an interval "
             "marked * is the asymptotic one, shown where no bootstrap interval exists (fewer than two studies, or not "
             "computed). The "
             "asymptotic intervals are listed beside them: Wilson for agreement, value &#177; 1.96 SE for the "
             "kappas (large-sample SE of Fleiss, Cohen &amp; Everitt, as statsmodels and R's vcd::Kappa) and AC1 "
             "(Gwet 2008). Every printed interval is bounded to the range of its statistic: [-1, 1] for the kappas "
             "and AC1, [0, 1] for agreement, F1 and AUROC; the CSV and JSON exports keep the raw values. "
             "Bands of Landis &amp; Koch: &lt;0 poor, 0-0.20 slight, 0.21-0.40 fair, 0.41-0.60 moderate, "
             "0.61-0.80 substantial, 0.81-1 almost perfect. PABAK = (k Po - 1)/(k - 1) and Gwet's AC1, k the "
             "classes of the scale; kappa max: the largest kappa the two raters' marginals allow; PI and BI: Byrt's "
             "prevalence and bias indices (two classes only; BI signed, the first rater as rows); Stuart-Maxwell and "
             "Bowker: statistic (df) and p. Design effect: the bootstrap variance of the agreement over its binomial "
             "variance. Macro-F1 averages the classes either rater used (scikit-learn's default); weighted F1 "
             "weights by the reference's support; P and R: precision and recall of each class with the first rater "
             "as the reference. Kappa is undefined only where 1 - Pe = 0 (both raters gave one and the same class "
             "to every item). Where one rater used one class only, kappa is exactly 0 (as statsmodels, vcd and irr "
             "give it) and marked degenerate. Undefined: a precision when the other never chose the class, a recall "
             "when the reference never did. A CNN model's label is the class of highest probability of its latest "
             "prediction.</p>\n";
}

} // namespace sg::core::html
