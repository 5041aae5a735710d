#include "core/report/ReportHtmlParts.h"

#include "core/stats/LandisKoch.h"

#include <cstdio>

namespace sg::core::html {
namespace {

// Qt's rich text takes borders and padding from the table's attributes, browsers from CSS.
constexpr const char* kTable = "<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\">";
// Tables of many columns take the whole width, or Qt squeezes their headers letter by letter.
constexpr const char* kWideTable = "<table width=\"100%\" border=\"1\" cellspacing=\"0\" cellpadding=\"3\">";

std::string format(const char* fmt, double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, fmt, v);
    return buf;
}

std::string pct(const std::optional<double>& v)
{
    return v ? format("%.1f%%", *v * 100.0) : "undefined";
}

std::string num(const std::optional<double>& v)
{
    return v ? format("%.3f", *v) : "undefined";
}

std::string interval(const std::optional<std::array<double, 2>>& ci, bool percent)
{
    if (!ci)
        return "";
    // On a line of its own ('|'), so no cell is wider than its longest number.
    return percent ? "|[" + pct((*ci)[0]) + ", " + pct((*ci)[1]) + "]"
                   : "|[" + num((*ci)[0]) + ", " + num((*ci)[1]) + "]";
}

std::string kappaCell(const KappaEstimate& k)
{
    return num(k.value) + interval(k.ci95, false);
}

// A degenerate kappa (a rater used one class) is 0 by construction: it gets no band, which
// would read as a finding ("slight"), but the flag.
std::string band(const KappaEstimate& k)
{
    if (k.degenerate && k.value)
        return "degenerate: a rater used one class";
    return k.value ? std::string(landisKochBand(*k.value)) : "";
}

// A header cell; a '|' in the text is where its line breaks (Qt's rich text would otherwise
// break a narrow column's header inside words).
std::string th(const std::string& text, bool name = false)
{
    std::string cell = htmlEscape(text);
    for (size_t at = cell.find('|'); at != std::string::npos; at = cell.find('|', at))
        cell.replace(at, 1, "<br>");
    return (name ? "<th nowrap class=\"name\">" : "<th nowrap>") + cell + "</th>";
}

// A data cell; '|' breaks its line as in th().
std::string td(const std::string& text, bool name = false)
{
    std::string cell = htmlEscape(text);
    for (size_t at = cell.find('|'); at != std::string::npos; at = cell.find('|', at))
        cell.replace(at, 1, "<br>");
    return (name ? "<td nowrap class=\"name\">" : "<td nowrap>") + cell + "</td>";
}

std::string studyList(const std::vector<std::string>& keys)
{
    if (keys.empty())
        return "none";
    if (keys.size() <= 12) {
        std::string s;
        for (const std::string& k : keys)
            s += (s.empty() ? "" : ", ") + k;
        return s;
    }
    return keys.front() + " to " + keys.back();
}

std::string list(const std::vector<std::string>& names)
{
    std::string s;
    for (const std::string& n : names)
        s += (s.empty() ? "" : ", ") + n;
    return s.empty() ? "none" : s;
}

std::string pairHeader(const char* first)
{
    return std::string("<tr>") + th(first, true) + th("reference", true) + th("other", true) + th("n") +
        th("agreement|[95% CI]") + th("macro-F1") + th("kappa|[95% CI]|band") + th("PABAK") + th("AC1") + "</tr>\n";
}

std::string pairRow(const std::string& first, const PairReport& p)
{
    const PairStatistics& s = p.stats;
    std::string row = "<tr>" + td(first, true) + td(p.reference, true) + td(p.other, true) + td(std::to_string(s.n));
    if (s.n == 0)
        return row + "<td colspan=\"5\" class=\"name\">no item labeled by both</td></tr>\n";
    return row + td(pct(s.percentAgreement) + interval(s.percentAgreementCi95, true)) + td(pct(s.f1Macro)) +
        td(kappaCell(s.kappaUnweighted) + (s.kappaUnweighted.value ? "|" + band(s.kappaUnweighted) : "")) +
        td(num(s.pabak)) + td(num(s.gwetAc1)) + "</tr>\n";
}

std::string fleissLine(const ScaleReport& s)
{
    return "<p>Fleiss' kappa over the " + std::to_string(s.fleissItems) + " item(s) labeled by all " +
        std::to_string(s.raters.size()) + " rater(s): <b>" + num(s.fleissKappa) + "</b>" +
        (s.fleissKappa ? " (" + std::string(landisKochBand(*s.fleissKappa)) + ")" : "") + "</p>\n";
}

} // namespace

void ReportParts::plot(const std::string& id)
{
    for (const PlotSpec& spec : m_plots) {
        if (spec.id != id)
            continue;
        const auto image = m_plotSource ? m_plotSource(spec) : std::nullopt;
        if (!image)
            return;
        m_out << "<div class=\"figure\"><img src=\"" << htmlEscape(image->src) << "\" width=\"" << image->width
              << "\" height=\"" << image->height << "\" alt=\"" << htmlEscape(spec.caption) << "\"><br>"
              << "<span class=\"caption\">" << htmlEscape(spec.caption) << "</span></div>\n";
        return;
    }
}

void ReportParts::summary()
{
    const ProjectReport& r = m_report;
    m_out << "<h2 class=\"first\">Project</h2>\n" << kTable << '\n';
    m_out << "<tr>" << th("items", true) << td(std::to_string(r.items)) << "</tr>\n";
    m_out << "<tr>" << th("studies", true)
          << td(std::to_string(r.studyKeys.size()) + ": " + studyList(r.studyKeys), true) << "</tr>\n";
    m_out << "<tr>" << th("analyzers", true) << td(list(r.analyzers), true) << "</tr>\n";
    m_out << "<tr>" << th("CNN models", true) << td(list(r.models), true) << "</tr>\n";
    m_out << "<tr>" << th("consensus", true)
          << td(r.hasConsensus ? "recorded by the lead (rater \"consensus\")" : "none recorded", true) << "</tr>\n";
    m_out << "</table>\n<h4>Progress per analyzer</h4>\n"
          << kTable << "\n<tr>" << th("analyzer", true) << th("role", true) << th("done") << th("of") << th("done %")
          << "</tr>\n";
    for (const AnalyzerProgressRow& p : r.progress)
        m_out << "<tr>" << td(p.name, true) << td(p.lead ? "lead" : "analyzer", true) << td(std::to_string(p.done))
              << td(std::to_string(p.total))
              << td(p.total > 0 ? pct(static_cast<double>(p.done) / static_cast<double>(p.total)) : "no worklist")
              << "</tr>\n";
    m_out << "</table>\n";
}

void ReportParts::paperTable()
{
    m_out << "<h2>Agreement at a glance</h2>\n<p>Each pair of raters once (agreement, macro-F1 and kappa do "
             "not depend on which is the reference), as in the table of Won et al. 2024.</p>\n"
          << kWideTable << '\n'
          << pairHeader("task");
    for (const TaskEntry& t : m_report.agreement.tasks)
        for (const PairReport& p : t.all.scale.pairs)
            if (p.reference < p.other)
                m_out << pairRow(std::string(taskName(t.task)), p);
    m_out << "</table>\n";
    for (const TaskEntry& t : m_report.agreement.tasks)
        plot("kappa-" + std::string(taskName(t.task)));
}

void ReportParts::pairDetails(const PairReport& p, Scale scale, Task task)
{
    const PairStatistics& s = p.stats;
    const auto& classes = scaleClasses(scale);
    m_out << "<h4>" << htmlEscape(p.reference) << " (reference, rows) vs " << htmlEscape(p.other) << "</h4>\n";
    if (s.n == 0) {
        m_out << "<p>No item labeled by both.</p>\n";
        return;
    }
    m_out << kWideTable << "\n<tr>" << th("n") << th("dropped") << th("agreement|[95% CI]") << th("PABAK")
          << th("Gwet AC1") << th("macro-F1") << th("weighted-F1") << "</tr>\n<tr>" << td(std::to_string(s.n))
          << td(std::to_string(s.nDropped)) << td(pct(s.percentAgreement) + interval(s.percentAgreementCi95, true))
          << td(num(s.pabak)) << td(num(s.gwetAc1)) << td(pct(s.f1Macro)) << td(pct(s.f1Weighted))
          << "</tr>\n</table>\n";

    m_out << kTable << "\n<tr>" << th("kappa", true) << th("value") << th("SE") << th("95% CI") << th("band", true)
          << "</tr>\n";
    const std::pair<const char*, const KappaEstimate*> kappas[] = {
        {"unweighted", &s.kappaUnweighted}, {"linear", &s.kappaLinear}, {"quadratic", &s.kappaQuadratic}};
    for (const auto& [name, k] : kappas)
        m_out << "<tr>" << td(name, true) << td(num(k->value)) << td(num(k->se))
              << td(k->ci95 ? num((*k->ci95)[0]) + " to " + num((*k->ci95)[1]) : "undefined") << td(band(*k), true)
              << "</tr>\n";
    m_out << "</table>\n";

    m_out << kWideTable << "\n<tr>" << th("class", true) << th("precision") << th("recall") << th("F1") << th("support")
          << "<th></th>" << th("confusion: " + p.other + " →", true);
    for (const std::string& c : classes)
        m_out << th(c);
    m_out << "</tr>\n";
    for (size_t c = 0; c < classes.size(); ++c) {
        const ClassFigures& f = s.perClass[c];
        m_out << "<tr>" << td(classes[c], true) << td(num(f.precision)) << td(num(f.recall)) << td(num(f.f1))
              << td(std::to_string(f.support)) << "<td></td>" << td(p.reference + " " + classes[c], true);
        for (size_t o = 0; o < classes.size(); ++o)
            m_out << td(std::to_string(s.confusion.at(static_cast<int>(c), static_cast<int>(o))));
        m_out << "</tr>\n";
    }
    m_out << "</table>\n<p>Disagreements by distance:";
    for (size_t d = 1; d < s.distanceCounts.size(); ++d)
        m_out << ' ' << d << (d == 1 ? " class apart: " : " classes apart: ") << s.distanceCounts[d]
              << (d + 1 < s.distanceCounts.size() ? ";" : ".");
    m_out << "</p>\n";

    if (isView(scale))
        return; // the confusion heat maps show the task's own scale
    for (const PlotSpec& spec : m_plots)
        if (spec.kind == PlotKind::Confusion && spec.task == task && spec.reference == p.reference &&
            spec.other == p.other)
            plot(spec.id);
}

void ReportParts::taskDetails(const TaskEntry& t)
{
    const std::string task(taskName(t.task));
    const ScaleReport& s = t.all.scale;
    const auto& classes = scaleClasses(s.scale);
    m_out << "<h2>Task: " << (t.task == Task::Grade ? "stenosis grade (Schizas A-D)" : "rootlet vs cord") << "</h2>\n";
    if (s.raters.empty()) {
        m_out << "<p>No labels yet.</p>\n";
        return;
    }
    m_out << "<p>" << s.items << " item(s) labeled by at least one rater.</p>\n" << fleissLine(s);
    m_out << "<h3>Raters</h3>\n" << kTable << "\n<tr>" << th("rater", true) << th("n");
    for (const std::string& c : classes)
        m_out << th(c);
    m_out << "</tr>\n";
    for (const RaterSummary& r : s.raters) {
        m_out << "<tr>" << td(r.name, true) << td(std::to_string(r.n));
        for (int64_t count : r.counts)
            m_out << td(std::to_string(count) + " (" +
                pct(r.n > 0 ? std::optional<double>(static_cast<double>(count) / static_cast<double>(r.n))
                            : std::nullopt) +
                ")");
        m_out << "</tr>\n";
    }
    m_out << "</table>\n";
    plot("distribution-" + task);

    m_out << "<h3>Every pair of raters</h3>\n<p class=\"note\">Each ordered pair: the reference's classes are the "
             "rows of the confusion matrix, so precision and recall trade places when the pair is reversed.</p>\n";
    for (const PairReport& p : s.pairs)
        pairDetails(p, s.scale, t.task);

    for (const ScaleReport& v : t.all.views) {
        m_out << "<h3>Binarised: " << htmlEscape(std::string(scaleName(v.scale))) << "</h3>\n" << fleissLine(v);
        for (const PairReport& p : v.pairs)
            pairDetails(p, v.scale, t.task);
    }
}

void ReportParts::levels()
{
    bool any = false;
    for (const TaskEntry& t : m_report.agreement.tasks)
        any = any || !t.levels.empty();
    if (!any)
        return;
    m_out << "<h2>Per level</h2>\n";
    for (const TaskEntry& t : m_report.agreement.tasks) {
        if (t.levels.empty())
            continue;
        const std::string task(taskName(t.task));
        m_out << "<h3>" << task << "</h3>\n" << kWideTable << '\n' << pairHeader("level");
        for (const LevelReport& l : t.levels)
            for (const PairReport& p : l.report.scale.pairs)
                if (p.reference < p.other)
                    m_out << pairRow(l.level, p);
        m_out << "</table>\n"
              << kTable << "\n<tr>" << th("level", true) << th("items") << th("Fleiss' kappa") << th("over items")
              << "</tr>\n";
        for (const LevelReport& l : t.levels)
            m_out << "<tr>" << td(l.level, true) << td(std::to_string(l.report.scale.items))
                  << td(num(l.report.scale.fleissKappa)) << td(std::to_string(l.report.scale.fleissItems)) << "</tr>\n";
        m_out << "</table>\n";
        for (const PlotSpec& spec : m_plots)
            if (spec.kind == PlotKind::PerLevel && spec.task == t.task)
                plot(spec.id);
        bool header = false;
        for (const LevelReport& l : t.levels)
            for (const ScaleReport& v : l.report.views)
                for (const PairReport& p : v.pairs) {
                    if (p.reference >= p.other)
                        continue;
                    if (!header)
                        m_out << "<h4>Binarised grade per level</h4>\n"
                              << kWideTable << '\n'
                              << pairHeader("level, view");
                    header = true;
                    m_out << pairRow(l.level + "|" + std::string(scaleName(v.scale)), p);
                }
        if (header)
            m_out << "</table>\n";
    }
    m_out << "<p class=\"note\">Every figure of every ordered pair per level and view is in the CSV and JSON "
             "exports.</p>\n";
}

void ReportParts::disagreements()
{
    const auto& raters = m_report.raters;
    m_out << "<h2>Disagreements to review</h2>\n";
    if (m_report.disagreements.empty()) {
        m_out << "<p>No item on which the raters disagree.</p>\n";
        return;
    }
    m_out << "<p>" << m_report.disagreements.size()
          << " item/task pair(s) on which the analyzers and models gave more than one label (the consensus "
             "column is shown, not counted).</p>\n"
          << kWideTable << "\n<tr>" << th("item", true) << th("level", true) << th("task", true);
    for (const std::string& r : raters)
        m_out << th(r, true);
    m_out << "</tr>\n";
    for (const Disagreement& d : m_report.disagreements) {
        m_out << "<tr>" << td(d.itemKey, true) << td(d.level.empty() ? "unassigned" : d.level, true)
              << td(std::string(taskName(d.task)), true);
        for (const auto& label : d.labels)
            m_out << td(label.value_or("-"), true);
        m_out << "</tr>\n";
    }
    m_out << "</table>\n";
}

void ReportParts::definitions()
{
    m_out << "<h2>How the figures are computed</h2>\n<p class=\"note\">"
             "n: items both raters labeled; dropped: items of the task (given to the raters) that either rater left "
             "without a label, also those nobody labeled. Agreement: "
             "Wilson 95% interval. Cohen's kappa unweighted, linear and quadratic weights, with the large-sample "
             "standard error (Fleiss, Cohen &amp; Everitt; as statsmodels and R's vcd::Kappa) and value &#177; "
             "1.96 SE. Bands of Landis &amp; Koch: &lt;0 poor, 0-0.20 slight, 0.21-0.40 fair, 0.41-0.60 moderate, "
             "0.61-0.80 substantial, 0.81-1 almost perfect. PABAK = (k Po - 1)/(k - 1) and Gwet's AC1, k the "
             "classes of the scale. Macro-F1 averages the classes either rater used (scikit-learn's default); "
             "weighted-F1 weights by support. Kappa is undefined only where 1 - Pe = 0 (both raters gave one and "
             "the same class to every item). Where one rater used one class only, kappa is exactly 0 "
             "(as statsmodels, vcd and irr give it) and marked degenerate; its SE, 0 by construction, and CI "
             "are not given. Undefined: a precision "
             "when the other never chose the class, a recall when the reference never did. A CNN model's label is "
             "the class of highest probability of its latest prediction.</p>\n";
}

} // namespace sg::core::html
