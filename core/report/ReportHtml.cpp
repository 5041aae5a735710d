#include "core/report/ReportHtml.h"

#include "core/report/ReportDawidSkene.h"
#include "core/report/ReportHtmlParts.h"
#include "core/report/ReportIntraRater.h"

#include <algorithm>
#include <sstream>
#include <string_view>
#include <vector>

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
// given as table attributes, page-break-before) and ignores the rest: it has no
// page-break-inside, so the PDF writer (ui/report/ReportPdf) moves a table that would
// straddle a page to the next one itself; browsers read the rule here.
constexpr const char* kStyle = R"(
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 9pt; color: #222; margin: 2em auto; max-width: 60em; }
h1 { font-size: 16pt; color: #1d3a5f; margin-bottom: 0.2em; }
h2 { font-size: 13pt; color: #1d3a5f; border-bottom: 1px solid #1d3a5f; margin-top: 1.0em; }
h3 { font-size: 11pt; color: #1d3a5f; margin-top: 1.2em; }
h4 { font-size: 9.5pt; margin-top: 0.8em; margin-bottom: 0.2em; }
p.methods { text-align: justify; }
table { border-collapse: collapse; margin: 0.3em 0 0.6em 0; font-size: 7.5pt; }
th, td { border: 1px solid #b8c2cc; padding: 1px 4px; text-align: right; white-space: nowrap; }
th { background-color: #e8eef4; }
td.name, th.name { text-align: left; }
.note { color: #555; font-size: 8pt; }
.figure { margin: 0.6em 0; }
.caption { color: #555; font-size: 8pt; }
img { max-width: 100%; height: auto; }
@media print {
  body { margin: 0; max-width: none; }
  h2.appendix { page-break-before: always; }
  table, tr, .figure { page-break-inside: avoid; }
}
)";

// The height a table row takes when printed, in CSS pixels, estimated from its lines: a
// cell's lines are its <br>s plus one (7.5pt text, 2px padding, 1px border).
int rowHeight(std::string_view row)
{
    int lines = 1;
    for (size_t cell = row.find("<t"); cell != std::string_view::npos; cell = row.find("<t", cell + 2)) {
        const size_t end = row.find("</t", cell);
        int breaks = 1;
        for (size_t br = row.find("<br>", cell); br != std::string_view::npos && br < end;
             br = row.find("<br>", br + 4))
            ++breaks;
        lines = std::max(lines, breaks);
    }
    return 6 + 13 * lines;
}

// A row that continues the group above it: its first cell is empty (a pair's further classes,
// a level's further pairs). A table is never cut inside a group.
bool continuesGroup(std::string_view row)
{
    const size_t first = row.find("<td");
    return first != std::string_view::npos && row.substr(row.find('>', first) + 1, 5) == "</td>";
}

// Qt's rich text breaks a table taller than a page between rows but may let a row cross the
// break, and it repeats no header. So a long table is written as several tables of at most
// `maxHeight` CSS pixels, each with the header, cut between row groups; the PDF writer then
// keeps each whole on a page (ui/report/ReportPagination.h). Tables hold no nested tables.
std::string splitLongTables(const std::string& html, int maxHeight)
{
    std::string out;
    size_t pos = 0;
    for (size_t start = html.find("<table", pos); start != std::string::npos; start = html.find("<table", pos)) {
        const size_t end = html.find("</table>", start);
        if (end == std::string::npos)
            break;
        out.append(html, pos, start - pos);
        pos = end + 8;
        const std::string_view table(html.data() + start, end + 8 - start);
        const size_t headEnd = table.find("</thead>");
        const size_t openEnd = table.find('>') + 1;
        if (headEnd == std::string_view::npos) {
            out.append(table);
            continue;
        }
        const std::string_view open = table.substr(0, openEnd);
        const std::string_view head = table.substr(openEnd, headEnd + 8 - openEnd);
        std::vector<std::string_view> groups;
        int total = rowHeight(head);
        for (size_t tr = table.find("<tr", headEnd); tr != std::string_view::npos; tr = table.find("<tr", tr + 3)) {
            const size_t trEnd = table.find("</tr>", tr) + 5;
            const std::string_view row = table.substr(tr, trEnd - tr);
            total += rowHeight(row);
            if (!groups.empty() && continuesGroup(row))
                groups.back() = std::string_view(groups.back().data(), row.data() + row.size() - groups.back().data());
            else
                groups.push_back(row);
        }
        if (total <= maxHeight) {
            out.append(table);
            continue;
        }
        int height = 0;
        for (const std::string_view group : groups) {
            int h = 0;
            for (size_t tr = group.find("<tr"); tr != std::string_view::npos; tr = group.find("<tr", tr + 3))
                h += rowHeight(group.substr(tr, group.find("</tr>", tr) - tr));
            if (height == 0 || height + h > maxHeight) {
                if (height > 0)
                    out += "</table>\n";
                out.append(open).append(head).append("\n");
                height = rowHeight(head);
            }
            out.append(group).append("\n");
            height += h;
        }
        out += "</table>";
    }
    out.append(html, pos, std::string::npos);
    return out;
}

} // namespace

std::string projectReportToHtml(
    const ProjectReport& report, const std::vector<PlotSpec>& plots, const PlotSource& plotSource, HtmlMedium medium)
{
    std::ostringstream out;
    out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        << "<title>SpineGrade agreement report</title>\n<style>" << kStyle
        << (medium == HtmlMedium::Print ? "body { margin: 0; max-width: none; }\n" : "") << "</style></head>\n<body>\n";
    out << "<h1>SpineGrade agreement report</h1>\n<p class=\"note\">Generated " << htmlEscape(report.generatedAt)
        << " by SpineGrade " << htmlEscape(report.softwareVersion)
        << ". Studies appear under pseudonymous keys (S001, S002, ... in import order); no patient name, DICOM "
           "identifier, UID or file path is part of this report.</p>\n";

    // The main section (methods, the paper's table, the distributions) fits two printed pages;
    // everything else follows in the appendix, which starts a page.
    html::ReportParts parts(out, report, plots, plotSource);
    parts.methods();
    parts.paperTable();
    parts.distributions();
    parts.appendixStart();
    parts.summary();
    for (const TaskEntry& t : report.agreement.tasks)
        parts.taskDetails(t);
    parts.classifiers();
    parts.levels();
    writeIntraRaterHtml(out, report.agreement); // ReportIntraRater.h
    parts.disagreements();
    writeDawidSkeneHtml(out, report.agreement);
    parts.definitions();
    out << "</body></html>\n";
    // About 60% of a printed page's 996 pixels: a part and the heading above it always fit.
    return splitLongTables(out.str(), 600);
}

} // namespace sg::core
