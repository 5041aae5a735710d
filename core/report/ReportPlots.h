#pragma once
// The plots a report shows, as specifications: the report's HTML places them, and a painter
// outside core (ui/report) draws each one from the same ProjectReport.
#include "core/report/ProjectReport.h"

#include <string>
#include <vector>

namespace sg::core {

enum class PlotKind {
    KappaIntervals, // every pair's unweighted kappa with its 95% CI over the Landis-Koch bands
    Distribution, // every rater's class distribution, bars side by side
    Confusion, // one pair's confusion matrix as a heat map
    PerLevel, // one pair's agreement and kappa per disc level
};

struct PlotSpec {
    std::string id; // unique in the report, usable as a file name: "confusion-grade-1"
    PlotKind kind = PlotKind::KappaIntervals;
    Task task = Task::Grade;
    std::string reference; // Confusion and PerLevel: the pair
    std::string other;
    std::string caption;
};

// Every plot of the report, in the order the HTML shows them. Confusion and per-level plots
// are drawn for each unordered pair with a common item that does not involve the consensus
// (its figures are in the tables); a task without levels gets no per-level plot.
std::vector<PlotSpec> reportPlots(const ProjectReport& report);

// Helpers for painters: the task's entry, and a pair of its overall scale (or null).
const TaskEntry* findTask(const ProjectReport& report, Task task);
const PairReport* findPair(const ScaleReport& scale, const std::string& reference, const std::string& other);

} // namespace sg::core
