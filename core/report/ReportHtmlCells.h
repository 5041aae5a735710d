#pragma once
// The cells, numbers and small texts every section of the HTML report uses (ReportHtmlParts
// writes the main section, ReportHtmlAppendix the appendix). Internal to ReportHtml.
#include "core/report/ReportHtml.h"
#include "core/stats/BoundedInterval.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sg::core::html::cell {

// Qt's rich text takes borders and padding from the table's attributes, browsers from CSS.
inline constexpr const char* kTable = "<table border=\"1\" cellspacing=\"0\" cellpadding=\"2\">";
// Tables of many columns take the whole width, or Qt squeezes their headers letter by letter.
inline constexpr const char* kWideTable = "<table width=\"100%\" border=\"1\" cellspacing=\"0\" cellpadding=\"2\">";
// Marks an interval that is the asymptotic one because no bootstrap interval exists.
inline constexpr const char* kAsymptoticMark = "*";

// Numbers as printed: a printf format, a percentage and a 3-decimal value ("undefined" when
// there is none), a count.
std::string format(const char* fmt, double v);
std::string pct(const std::optional<double>& v);
std::string num(const std::optional<double>& v);
std::string count(std::int64_t n);

using Interval = std::optional<std::array<double, 2>>;

// An interval as printed: bounded to the statistic's range (a kappa's normal CI can pass 1).
std::string ciText(const Interval& raw, StatRange range, bool percent);

// The interval a reader is shown: the patient-clustered bootstrap's where it exists, else the
// asymptotic one marked with kAsymptoticMark. On a line of its own ('|') below the value.
std::string preferred(const Interval& bootstrap, const Interval& asymptotic, StatRange range, bool percent);

// A pair's bootstrap figures when it had two clusters or more, else nullptr.
const BootstrapFigures* bootstrapOf(const PairReport& p);
// Percent agreement and macro-F1 with the preferred interval below.
std::string agreementCell(const PairReport& p);
std::string f1Cell(const PairReport& p);

// A degenerate kappa (a rater used one class) is 0 by construction: it gets no band, which
// would read as a finding ("slight"), but the flag.
std::string band(const KappaEstimate& k);

std::string kappaCell(const KappaEstimate& k, const Interval& bootstrap, bool withBand);

// Text with '|' where its line breaks, made safe for HTML.
std::string lines(const std::string& text);

// A header cell; a '|' in the text is where its line breaks (Qt's rich text would otherwise
// break a narrow column's header inside words).
std::string th(const std::string& text, bool name = false, int span = 1);

// A data cell; '|' breaks its line as in th().
std::string td(const std::string& text, bool name = false);

// A cell whose text may wrap (free text: reasons), left-aligned.
std::string tdWrap(const std::string& text);

// Words for the methods paragraph: study keys ("S001 to S060" past twelve), an English list
// ("a, b, and c"), "two"/"Two", "3 items", and a task's title.
std::string studyList(const std::vector<std::string>& keys);
std::string list(const std::vector<std::string>& names, const char* none = "none");
std::string numberWord(size_t n, bool capital);
std::string plural(std::int64_t n, const char* one, const char* many);
bool contains(const std::vector<std::string>& v, const std::string& name);
std::string taskTitle(Task task);

// Each pair once; the comparisons of the paper first: analyzers with each other, each
// analyzer with each classifier, then every rater with the consensus, then the rest.
struct PairRow {
    std::string comparison;
    const PairReport* pair;
};

std::vector<PairRow> paperPairs(const ProjectReport& r, const ScaleReport& s);

// Each unordered pair once (reference < other).
std::vector<const PairReport*> unorderedPairs(const ScaleReport& s);
// A chi-square test as "statistic (df)|p value".
std::string testCell(const std::optional<ChiSquareTest>& t);
// The Fleiss' kappa and Krippendorff's alpha sentence under a task's tables.
std::string fleissLine(const ScaleReport& s);

} // namespace sg::core::html::cell
