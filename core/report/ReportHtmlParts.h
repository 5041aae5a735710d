#pragma once
// The sections of the HTML report, each writing into one stream. Internal to ReportHtml.
//
// The report is laid out for a paper: a main section (at most two printed pages) with the
// methods paragraph, the table of Won et al. 2024 and each rater's label distribution; then
// an appendix with every other figure, symmetric ones once per unordered pair and directional
// ones (precision, recall) once per direction.
#include "core/report/ReportHtml.h"

#include <ostream>

namespace sg::core::html {

class ReportParts {
public:
    ReportParts(std::ostream& out, const ProjectReport& report, const std::vector<PlotSpec>& plots,
        const PlotSource& plotSource)
        : m_out(out), m_report(report), m_plots(plots), m_plotSource(plotSource)
    {
    }

    // Main section.
    void methods(); // the methods paragraph with the project's numbers (GRRAS items)
    void paperTable(); // task x pair: agreement, macro-F1, kappa with CIs: the table of the paper
    void distributions(); // each rater's grade and canal distribution, as in the paper's abstract

    // Appendix.
    void appendixStart();
    void summary(); // items, studies, raters, progress
    void taskDetails(const TaskEntry& task); // symmetric, asymptotic, directional and per-class figures
    void classifiers(); // each classifier against each reference
    void levels(); // every unordered pair per disc level
    void disagreements(); // the analyzer disagreements to review, with the consensus and reason
    void definitions(); // how each figure is computed, which CIs are which

private:
    void plot(const std::string& id);
    void plotsTwoPerRow(const std::vector<std::string>& ids); // half width, one small table a row
    void scaleDetails(const ScaleReport& scale, Task task, const std::string& title);

    std::ostream& m_out;
    const ProjectReport& m_report;
    const std::vector<PlotSpec>& m_plots;
    const PlotSource& m_plotSource;
    int m_section = 0; // the appendix's sections, A1, A2, ... in the order written
};

} // namespace sg::core::html
