#pragma once
// The sections of the HTML report, each writing into one stream. Internal to ReportHtml.
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

    void summary(); // items, studies, raters, progress
    void paperTable(); // task x pair: agreement, macro-F1, kappa: the table of the paper
    void taskDetails(const TaskEntry& task); // raters, every ordered pair, the binarised views
    void levels(); // every pair per disc level
    void disagreements(); // the items to review
    void definitions();

private:
    void plot(const std::string& id);
    void pairDetails(const PairReport& pair, Scale scale, Task task);

    std::ostream& m_out;
    const ProjectReport& m_report;
    const std::vector<PlotSpec>& m_plots;
    const PlotSource& m_plotSource;
};

} // namespace sg::core::html
