#pragma once
// Intra-rater reliability (test-retest): each analyzer's first read of an item against their
// blinded re-read of it (the worklist schedules re-reads, core/store/RereadSchedule.h). Per
// analyzer and task, the figures of a pair of raters (PairStatistics): n, agreement, the
// three kappas with CIs. These never enter the figures between raters.
#include "core/labels/LabelCsv.h" // Task
#include "core/stats/PairStatistics.h"

#include <optional>
#include <string>
#include <vector>

namespace sg::core {

// One re-read scheduled for an analyzer: the task's class (scale order) at each read, nullopt
// where that read has no label for the task (or the entry was not reached yet).
struct ReadPair {
    std::optional<int> first;
    std::optional<int> again;
};

// Every re-read scheduled for one analyzer, per task.
struct AnalyzerRereads {
    std::string analyzer;
    std::vector<ReadPair> canal;
    std::vector<ReadPair> grade;
};

struct IntraRaterTask {
    Task task = Task::Grade;
    int64_t scheduled = 0; // re-reads scheduled for this analyzer
    PairStatistics stats; // rows first read, columns re-read; n_dropped: re-reads without both labels
};

struct IntraRaterEntry {
    std::string analyzer;
    std::vector<IntraRaterTask> tasks; // canal, then grade
};

// Analyzers in the order given; an analyzer without scheduled re-reads is left out.
std::vector<IntraRaterEntry> computeIntraRater(const std::vector<AnalyzerRereads>& rereads);

} // namespace sg::core
