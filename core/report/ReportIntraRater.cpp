#include "core/report/ReportIntraRater.h"

#include "core/report/ReportHtml.h" // htmlEscape

#include <algorithm>
#include <cstdio>
#include <string>

namespace sg::core {
namespace {

std::string fixed(double v, const char* fmt = "%.3f")
{
    char buf[32];
    std::snprintf(buf, sizeof buf, fmt, v);
    return buf;
}

// Bounded to [-1, 1]: an asymptotic CI can run past what kappa can be.
std::string kappaCell(const KappaEstimate& k)
{
    if (!k.value)
        return "undefined";
    std::string s = fixed(*k.value);
    if (k.degenerate)
        return s + " (degenerate)";
    if (k.ci95)
        s += " [" + fixed(std::max(-1.0, (*k.ci95)[0])) + ", " + fixed(std::min(1.0, (*k.ci95)[1])) + "]";
    return s;
}

std::string agreementCell(const PairStatistics& s)
{
    if (!s.percentAgreement)
        return "undefined";
    std::string text = fixed(*s.percentAgreement * 100, "%.1f%%");
    if (s.percentAgreementCi95)
        text += " [" + fixed((*s.percentAgreementCi95)[0] * 100, "%.1f") + ", " +
            fixed((*s.percentAgreementCi95)[1] * 100, "%.1f") + "]";
    return text;
}

} // namespace

void writeIntraRaterHtml(std::ostream& out, const AgreementReport& report)
{
    if (!report.intraRater || report.intraRater->empty())
        return;
    out << "<h2 id=\"intra-rater\">Intra-rater reliability (test-retest)</h2>\n"
        << "<p class=\"note\">A share of each analyzer's items came back later in their own worklist, "
           "unmarked (blinded re-reads). Each analyzer's first read against their re-read; the figures between "
           "raters above use the first reads only.</p>\n"
        << "<table>\n<tr><th class=\"name\">analyzer</th><th class=\"name\">task</th><th>n / re-reads</th>"
           "<th>agreement [95% CI]</th><th>kappa [95% CI]</th><th>linear</th><th>quadratic</th></tr>\n";
    for (const IntraRaterEntry& a : *report.intraRater)
        for (const IntraRaterTask& t : a.tasks) {
            const bool grade = t.task == Task::Grade;
            out << "<tr><td class=\"name\">" << htmlEscape(a.analyzer) << "</td><td class=\"name\">"
                << (grade ? "stenosis grade" : "rootlet vs cord") << "</td><td>" << t.stats.n << " / " << t.scheduled
                << "</td><td>" << agreementCell(t.stats) << "</td><td>" << kappaCell(t.stats.kappaUnweighted)
                << "</td><td>" << (grade ? kappaCell(t.stats.kappaLinear) : "") << "</td><td>"
                << (grade ? kappaCell(t.stats.kappaQuadratic) : "") << "</td></tr>\n";
        }
    out << "</table>\n";
}

} // namespace sg::core
