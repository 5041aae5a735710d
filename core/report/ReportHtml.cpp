#include "core/report/ReportHtml.h"

#include "core/report/ReportHtmlParts.h"
#include "core/report/ReportIntraRater.h"

#include <sstream>

namespace sg::core {

std::string htmlEscape(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

namespace {

// Screen and print styles. Qt's rich text reads the simple rules (fonts, colours, borders
// given as table attributes, page breaks) and ignores the rest.
constexpr const char* kStyle = R"(
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; color: #222; margin: 2em auto; max-width: 60em; }
h1 { font-size: 18pt; color: #1d3a5f; }
h2 { font-size: 14pt; color: #1d3a5f; border-bottom: 1px solid #1d3a5f; margin-top: 1.6em; }
h3 { font-size: 11.5pt; color: #1d3a5f; margin-top: 1.2em; }
h4 { font-size: 10pt; margin-bottom: 0.2em; }
table { border-collapse: collapse; margin: 0.4em 0 0.8em 0; font-size: 8.5pt; }
th, td { border: 1px solid #b8c2cc; padding: 2px 6px; text-align: right; white-space: nowrap; }
th { background-color: #e8eef4; }
td.name, th.name { text-align: left; }
.note { color: #555; font-size: 9pt; }
.figure { margin: 0.6em 0; }
.caption { color: #555; font-size: 9pt; }
img { max-width: 100%; height: auto; }
@media print {
  body { margin: 0; max-width: none; }
  h2 { page-break-before: always; }
  h2.first { page-break-before: avoid; }
  table, .figure { page-break-inside: avoid; }
}
)";

} // namespace

std::string projectReportToHtml(
    const ProjectReport& report, const std::vector<PlotSpec>& plots, const PlotSource& plotSource)
{
    std::ostringstream out;
    out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        << "<title>SpineGrade agreement report</title>\n<style>" << kStyle << "</style></head>\n<body>\n";
    out << "<h1>SpineGrade agreement report</h1>\n<p class=\"note\">Generated " << htmlEscape(report.generatedAt)
        << ". Studies appear under pseudonymous keys (S001, S002, ... in import order) and items as "
           "key/number; no patient name, DICOM identifier, UID or file path is part of this report.</p>\n";

    html::ReportParts parts(out, report, plots, plotSource);
    parts.summary();
    parts.paperTable();
    for (const TaskEntry& t : report.agreement.tasks)
        parts.taskDetails(t);
    parts.levels();
    writeIntraRaterHtml(out, report.agreement); // ReportIntraRater.h
    parts.disagreements();
    parts.definitions();
    out << "</body></html>\n";
    return out.str();
}

} // namespace sg::core
