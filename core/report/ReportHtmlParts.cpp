#include "core/report/ReportHtmlParts.h"

#include "core/labels/RaterName.h"
#include "core/report/ReportHtmlCells.h"
#include "core/stats/BoundedInterval.h"
#include "core/stats/LandisKoch.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <sstream>

// The report's main section: its plots, the methods paragraph, the paper's table and the
// label distributions. The appendix is in ReportHtmlAppendix.cpp.
namespace sg::core::html {
using namespace cell;

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

void ReportParts::plotsTwoPerRow(const std::vector<std::string>& ids)
{
    // Half the text width each: 320 CSS pixels of the 680 an A4 page holds within its margins.
    constexpr int kHalf = 320;
    std::vector<std::pair<const PlotSpec*, HtmlImage>> shown;
    for (const std::string& id : ids)
        for (const PlotSpec& spec : m_plots)
            if (spec.id == id)
                if (const auto image = m_plotSource ? m_plotSource(spec) : std::nullopt)
                    shown.emplace_back(&spec, *image);
    // A table a row, so that the PDF keeps each row whole on a page and breaks between rows.
    for (size_t i = 0; i < shown.size(); i += 2) {
        m_out << "<table class=\"plots\" width=\"100%\" border=\"0\" cellspacing=\"0\" cellpadding=\"2\"><tr>";
        for (size_t k = i; k < i + 2; ++k) {
            if (k >= shown.size()) {
                m_out << "<td></td>";
                continue;
            }
            const auto& [spec, image] = shown[k];
            const int width = std::min(image.width, kHalf);
            const int height = image.width > 0 ? image.height * width / image.width : image.height;
            m_out << "<td class=\"name\" width=\"50%\" valign=\"top\"><img src=\"" << htmlEscape(image.src)
                  << "\" width=\"" << width << "\" height=\"" << height << "\" alt=\"" << htmlEscape(spec->caption)
                  << "\"><br><span class=\"caption\">" << htmlEscape(spec->caption) << "</span></td>";
        }
        m_out << "</tr></table>\n";
    }
}

void ReportParts::methods()
{
    const ProjectReport& r = m_report;
    const size_t analyzers = r.analyzerRaters.size();
    std::vector<std::string> named;
    for (const std::string& a : r.analyzerRaters) {
        const auto p = std::find_if(
            r.progress.begin(), r.progress.end(), [&](const AnalyzerProgressRow& row) { return row.name == a; });
        named.push_back(a + (p != r.progress.end() && p->lead ? ", the study lead" : ""));
    }
    std::string leads;
    for (const AnalyzerProgressRow& p : r.progress)
        if (p.lead)
            leads += (leads.empty() ? "" : ", ") + p.name;

    std::string text = numberWord(analyzers, true) + (analyzers == 1 ? " analyzer (" : " analyzers (") + list(named) +
        ") independently labeled " + plural(r.items, "axial MRI slice", "axial MRI slices") + " (items) of " +
        plural(static_cast<std::int64_t>(r.studyKeys.size()), "study", "studies") + " (one study per patient) at " +
        plural(static_cast<std::int64_t>(r.levels.size()), "disc level", "disc levels") +
        (r.levels.empty() ? "" : " (" + list(r.levels) + ")") +
        ": on each slice, rootlets or spinal cord and, on rootlet slices, the Schizas grade (A-D). ";
    // What the labeling window shows, said as it is: in both settings an analyzer sees the CNN's
    // canal patch (their own patch starts from it) and its rootlet/cord probabilities; the
    // setting decides whether they also see its grade.
    text += r.assisted
        ? "The project was assisted: each analyzer saw the CNN's proposed grade while labeling, "
          "but never another analyzer's labels. "
        : "The project was blind to the CNN's grade: no analyzer saw another analyzer's labels or the CNN's "
          "proposed grade. ";
    text += "In both settings the analyzers saw the CNN's proposed canal patch, from which their own patch "
            "started, and its rootlet/cord probabilities; patch and rootlet/cord agreement with the CNN is therefore "
            "not independent of it. ";
    if (!r.models.empty())
        text += (r.models.size() == 1 ? "The CNN classifier " : "The CNN classifiers ") + list(r.models) +
            (r.models.size() == 1 ? " rated" : " rated") + " the same slices (its class of highest probability). ";
    if (r.hasConsensus)
        text += "The study lead (" + (leads.empty() ? std::string("lead") : leads) + ") reviewed disagreements and " +
            "recorded a consensus on " + plural(r.consensusItems, "item", "items") + ", used as a further reference. ";
    text += "For each pair of raters we report percent agreement, Cohen's kappa (unweighted, and with linear and "
            "quadratic weights for the ordinal grade), macro-averaged F1, Gwet's AC1 and the prevalence- and "
            "bias-adjusted kappa (PABAK), and the Stuart-Maxwell and Bowker tests of systematic difference; across "
            "all raters, Fleiss' kappa and Krippendorff's alpha (nominal and ordinal). The grade was also analysed "
            "binarised (A vs B-D and A-B vs C-D) and per disc level. ";
    const AgreementReport& a = r.agreement;
    if (a.bootstrapReplicates > 0)
        text += "95% confidence intervals are percentile intervals of a patient-clustered bootstrap (" +
            std::to_string(a.bootstrapReplicates) + " replicates, seed " + std::to_string(a.bootstrapSeed) +
            (a.bootstrapByItem ? ", each item its own cluster as no study was known"
                               : ", resampling studies rather than slices") +
            "); where it is undefined, the asymptotic interval (Wilson for agreement, large-sample standard error "
            "for kappa) is given and marked. ";
    else
        text += "95% confidence intervals are asymptotic (Wilson for agreement, large-sample standard error for "
                "kappa). ";
    if (!r.models.empty())
        text += "Each classifier was also compared with each analyzer, with the analyzers' majority and with the "
                "consensus (sensitivity, specificity, AUROC with DeLong's 95% CI, RSNA-weighted log loss). ";
    text += "Statistics were computed with SpineGrade " +
        (r.softwareVersion.empty() ? "(version unknown)" : r.softwareVersion) + ".";
    m_out << "<h2 class=\"first\">Methods</h2>\n<p class=\"methods\">" << htmlEscape(text) << "</p>\n";
}

void ReportParts::paperTable()
{
    m_out << "<h2>Results</h2>\n<p><b>Table 1.</b> Agreement between analyzers and between each analyzer and the "
             "CNN, as in Won et al. 2024. Each pair once: agreement, macro-F1 and kappa do not depend on which "
             "rater is the reference.</p>\n"
          << kWideTable << "\n<thead><tr>" << th("task", true) << th("comparison", true) << th("raters", true)
          << th("n") << th("agreement|[95% CI]") << th("macro-F1|[95% CI]") << th("kappa, band|[95% CI]")
          << "</tr></thead>\n";
    bool asymptotic = false;
    for (const TaskEntry& t : m_report.agreement.tasks) {
        bool first = true;
        for (const PairRow& row : paperPairs(m_report, t.all.scale)) {
            const PairReport& p = *row.pair;
            m_out << "<tr>" << td(first ? (t.task == Task::Canal ? "rootlet/cord" : "grade") : "", true)
                  << td(row.comparison, true) << td(p.reference + " vs|" + p.other, true) << td(count(p.stats.n));
            first = false;
            if (p.stats.n == 0) {
                m_out << "<td colspan=\"3\" class=\"name\">no item labeled by both</td></tr>\n";
                continue;
            }
            const BootstrapFigures* b = bootstrapOf(p);
            asymptotic = asymptotic || !b;
            m_out << td(agreementCell(p)) << td(f1Cell(p))
                  << td(kappaCell(p.stats.kappaUnweighted, b ? b->kappaUnweighted : Interval(), true)) << "</tr>\n";
        }
    }
    m_out << "</table>\n<p class=\"note\">n: slices both raters labeled. 95% CIs: patient-clustered percentile "
             "bootstrap";
    if (m_report.agreement.bootstrapReplicates > 0)
        m_out << " (" << m_report.agreement.bootstrapReplicates << " replicates, seed "
              << m_report.agreement.bootstrapSeed << ")";
    m_out << ", bounded to the range of the statistic";
    if (asymptotic)
        m_out << "; " << kAsymptoticMark
              << " asymptotic CI (Wilson, large-sample kappa) where the bootstrap is undefined (fewer than two "
                 "studies); macro-F1 has none";
    m_out << ". Bands of Landis &amp; Koch.</p>\n";
}

void ReportParts::distributions()
{
    const TaskEntry* grade = nullptr;
    const TaskEntry* canal = nullptr;
    for (const TaskEntry& t : m_report.agreement.tasks)
        (t.task == Task::Grade ? grade : canal) = &t;
    std::ostringstream table; // written after the sentence that reads it out
    table << kWideTable << "\n<thead><tr>" << th("rater", true) << th("role", true) << th("graded");
    const auto& grades = scaleClasses(Scale::Grade);
    const auto& canals = scaleClasses(Scale::Canal);
    for (const std::string& c : grades)
        table << th(c);
    table << th("canal|labeled");
    for (const std::string& c : canals)
        table << th(c);
    table << "</tr></thead>\n";
    const auto find = [](const TaskEntry* t, const std::string& name) -> const RaterSummary* {
        if (!t)
            return nullptr;
        for (const RaterSummary& s : t->all.scale.raters)
            if (s.name == name)
                return &s;
        return nullptr;
    };
    const auto cells = [&](const RaterSummary* s, size_t classes) {
        std::string out = td(s ? count(s->n) : "0");
        for (size_t c = 0; c < classes; ++c) {
            if (!s || s->n == 0) {
                out += td("-");
                continue;
            }
            const double share = static_cast<double>(s->counts[c]) / static_cast<double>(s->n);
            out += td(format("%.1f", share * 100.0) + " (" + count(s->counts[c]) + ")");
        }
        return out;
    };
    std::string sentence;
    for (const std::string& name : m_report.raters) {
        const RaterSummary* g = find(grade, name);
        const RaterSummary* c = find(canal, name);
        if (!g && !c)
            continue;
        const bool analyzer = contains(m_report.analyzerRaters, name);
        const std::string role = analyzer ? "analyzer" : name == kConsensusRater ? "consensus" : "CNN";
        table << "<tr>" << td(name, true) << td(role, true) << cells(g, grades.size()) << cells(c, canals.size())
              << "</tr>\n";
        if (analyzer && g && g->n > 0) {
            sentence += (sentence.empty() ? "" : "; ") + name + ": ";
            for (size_t k = 0; k < grades.size(); ++k)
                sentence += (k ? ", " : "") + grades[k] + " " +
                    format("%.1f%%", 100.0 * static_cast<double>(g->counts[k]) / static_cast<double>(g->n));
        }
    }
    table << "</table>\n";
    // The abstract's sentence, then the table's caption, then the table: the PDF keeps the
    // short paragraphs above a table with it on one page.
    if (!sentence.empty())
        m_out << "<p>Grade distribution (" << (m_report.analyzerRaters.size() == 1 ? "the analyzer" : "analyzers")
              << ") " << htmlEscape(sentence) << ".</p>\n";
    m_out << "<p><b>Table 2.</b> Each rater's labels: % of the slices the rater graded (count).</p>\n" << table.str();
}

} // namespace sg::core::html
