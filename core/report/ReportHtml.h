#pragma once
// The report as one HTML document: a main section for a paper (methods paragraph with the
// project's numbers, the table of Won et al. 2024, each rater's label distribution), then an
// appendix with every figure of every task, view, pair and level, the plots, and the
// disagreements to review. Printed intervals are bounded to their statistic's range. Plots are
// <img> elements whose source the caller gives (a data: URI for the self-contained file, a
// resource name for the PDF); the markup stays within what Qt's rich text can lay out, so
// the same document prints to PDF.
#include "core/report/ReportPlots.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace sg::core {

struct HtmlImage {
    std::string src; // "data:image/png;base64,..." or a name the renderer resolves
    int width = 0; // CSS pixels the image is shown at
    int height = 0;
};

using PlotSource = std::function<std::optional<HtmlImage>(const PlotSpec&)>;

// Screen: a centred column for a browser. Print: no body margin, for the PDF writer, whose
// page margins are the page's (Qt's rich text reads no @media print rule).
enum class HtmlMedium { Screen, Print };

std::string projectReportToHtml(const ProjectReport& report, const std::vector<PlotSpec>& plots,
    const PlotSource& plotSource, HtmlMedium medium = HtmlMedium::Screen);

// Text made safe for HTML content and attribute values.
std::string htmlEscape(std::string_view text);

} // namespace sg::core
