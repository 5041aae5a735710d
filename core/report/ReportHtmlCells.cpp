#include "core/report/ReportHtmlCells.h"

#include "core/labels/RaterName.h"
#include "core/stats/LandisKoch.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace sg::core::html::cell {

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

std::string count(std::int64_t n)
{
    return std::to_string(n);
}

std::string ciText(const Interval& raw, StatRange range, bool percent)
{
    const Interval ci = boundedInterval(raw, range);
    if (!ci)
        return "";
    return percent ? "[" + pct((*ci)[0]) + ", " + pct((*ci)[1]) + "]"
                   : "[" + num((*ci)[0]) + ", " + num((*ci)[1]) + "]";
}

std::string preferred(const Interval& bootstrap, const Interval& asymptotic, StatRange range, bool percent)
{
    if (bootstrap)
        return "|" + ciText(bootstrap, range, percent);
    if (asymptotic)
        return "|" + ciText(asymptotic, range, percent) + kAsymptoticMark;
    return "";
}

const BootstrapFigures* bootstrapOf(const PairReport& p)
{
    return p.bootstrap && p.bootstrap->clusters >= 2 ? &*p.bootstrap : nullptr;
}

std::string agreementCell(const PairReport& p)
{
    const BootstrapFigures* b = bootstrapOf(p);
    return pct(p.stats.percentAgreement) +
        preferred(b ? b->percentAgreement : Interval(), p.stats.percentAgreementCi95, kProportionRange, true);
}

std::string f1Cell(const PairReport& p)
{
    const BootstrapFigures* b = bootstrapOf(p);
    return pct(p.stats.f1Macro) + preferred(b ? b->f1Macro : Interval(), Interval(), kProportionRange, true);
}

std::string band(const KappaEstimate& k)
{
    if (k.degenerate && k.value)
        return "degenerate";
    return k.value ? std::string(landisKochBand(*k.value)) : "";
}

std::string kappaCell(const KappaEstimate& k, const Interval& bootstrap, bool withBand)
{
    if (!k.value)
        return "undefined";
    // The band beside the value, the interval below: two lines a row.
    if (k.degenerate)
        return num(k.value) + " degenerate";
    return num(k.value) + (withBand ? " " + band(k) : "") + preferred(bootstrap, k.ci95, kKappaRange, false);
}

std::string lines(const std::string& text)
{
    std::string cell = htmlEscape(text);
    for (size_t at = cell.find('|'); at != std::string::npos; at = cell.find('|', at))
        cell.replace(at, 1, "<br>");
    return cell;
}

std::string th(const std::string& text, bool name, int span)
{
    const std::string colspan = span > 1 ? " colspan=\"" + std::to_string(span) + "\"" : "";
    return (name ? "<th nowrap class=\"name\"" : "<th nowrap") + colspan + ">" + lines(text) + "</th>";
}

std::string td(const std::string& text, bool name)
{
    return (name ? "<td nowrap class=\"name\">" : "<td nowrap>") + lines(text) + "</td>";
}

std::string tdWrap(const std::string& text)
{
    return "<td class=\"name\">" + htmlEscape(text) + "</td>";
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

std::string list(const std::vector<std::string>& names, const char* none)
{
    std::string s;
    for (size_t i = 0; i < names.size(); ++i)
        s += (i == 0 ? "" : i + 1 == names.size() ? (names.size() > 2 ? ", and " : " and ") : ", ") + names[i];
    return s.empty() ? none : s;
}

std::string numberWord(size_t n, bool capital)
{
    static const char* words[] = {"no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"};
    std::string w = n <= 10 ? words[n] : std::to_string(n);
    if (capital && !w.empty())
        w[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
    return w;
}

std::string plural(std::int64_t n, const char* one, const char* many)
{
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

bool contains(const std::vector<std::string>& v, const std::string& name)
{
    return std::find(v.begin(), v.end(), name) != v.end();
}

std::string taskTitle(Task task)
{
    return task == Task::Grade ? "Stenosis grade (Schizas A-D)" : "Rootlet vs cord";
}

std::vector<PairRow> paperPairs(const ProjectReport& r, const ScaleReport& s)
{
    const auto& analyzers = r.analyzerRaters;
    const auto isModel = [&](const std::string& n) { return contains(r.models, n); };
    std::vector<PairRow> rows[4];
    for (const PairReport& p : s.pairs) {
        const bool refAnalyzer = contains(analyzers, p.reference);
        const bool otherAnalyzer = contains(analyzers, p.other);
        if (refAnalyzer && otherAnalyzer && p.reference < p.other)
            rows[0].push_back({"analyzers", &p});
        else if (refAnalyzer && isModel(p.other))
            rows[1].push_back({"analyzer vs CNN", &p});
        else if (p.reference == kConsensusRater)
            rows[2].push_back({"vs consensus", &p});
        else if (!refAnalyzer && !otherAnalyzer && p.other != kConsensusRater && p.reference < p.other)
            rows[3].push_back({"CNN vs CNN", &p});
    }
    std::vector<PairRow> out;
    for (auto& group : rows)
        out.insert(out.end(), group.begin(), group.end());
    return out;
}

std::vector<const PairReport*> unorderedPairs(const ScaleReport& s)
{
    std::vector<const PairReport*> out;
    for (const PairReport& p : s.pairs)
        if (p.reference < p.other)
            out.push_back(&p);
    return out;
}

std::string testCell(const std::optional<ChiSquareTest>& t)
{
    if (!t)
        return "undefined";
    return format("%.2f", t->statistic) + " (" + std::to_string(t->df) + ")|p " + format("%.3g", t->p);
}

std::string fleissLine(const ScaleReport& s)
{
    std::string line = "Fleiss' kappa over the " + plural(s.fleissItems, "item", "items") + " labeled by all " +
        plural(static_cast<std::int64_t>(s.raters.size()), "rater", "raters") + ": " + num(s.fleissKappa);
    if (s.fleissKappaSe)
        line += " (SE " + num(s.fleissKappaSe) + ")";
    return line + "; Krippendorff's alpha over every item with two labels or more: nominal " +
        num(s.krippendorffAlpha.nominal) + ", ordinal " + num(s.krippendorffAlpha.ordinal) + ".";
}

} // namespace sg::core::html::cell
