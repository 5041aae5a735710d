#pragma once
// A RatingTable kept current with a project file that others are writing, for a live view.
// The first refresh reads everything (readProjectRatings); after that, label changes are
// read from the append-only label_history, only the rows newer than the last one seen, so a
// refresh costs O(changes), not O(project). Predictions, consensus and new items or raters
// and level corrections leave no label history: a small fingerprint of those tables tells
// when to read everything again.
//
// Owns no connection: give it the ProjectStore of the thread it runs on (one per thread).
#include "core/stats/RatingTable.h"
#include "core/store/ProjectRatings.h"
#include "core/util/Result.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace sg::core {

class ProjectStore;

enum class RefreshKind { Unchanged, Incremental, Full };

// An analyzer's progress through their worklist: items they labeled (a skip counts), of all.
struct AnalyzerCount {
    std::string name;
    bool lead = false;
    int done = 0;
    int total = 0;
};

struct RefreshOutcome {
    RefreshKind kind = RefreshKind::Unchanged;
    std::int64_t historyRows = 0; // label changes applied (incremental)
};

class LiveRatings {
public:
    explicit LiveRatings(ProjectStore& store);
    ~LiveRatings();

    // Brings the table up to date with what is committed now.
    Result<RefreshOutcome> refresh();

    const RatingTable& table() const { return *m_table; }
    const std::vector<RaterInfo>& raters() const { return m_raters; } // as readProjectRatings orders them
    std::int64_t lastHistoryId() const { return m_lastHistoryId; }
    // Every analyzer with a worklist, by name; kept current from the history like the table.
    std::vector<AnalyzerCount> progress() const;

private:
    void reloadAll(); // throws SqlError
    std::int64_t applyHistorySince(std::int64_t id); // throws; -1: a row needs a full reload
    std::string fingerprint(); // throws

    ProjectStore& m_store;
    std::unique_ptr<RatingTable> m_table;
    std::vector<RaterInfo> m_raters;
    std::unordered_map<std::int64_t, std::string> m_itemKeys; // item id -> table key
    std::unordered_map<std::int64_t, std::string> m_analyzerNames; // analyzer id -> name
    std::unordered_map<std::int64_t, AnalyzerCount> m_progress; // analyzer id -> progress
    std::unordered_set<std::int64_t> m_leads; // their labels are not rated (only their consensus)
    std::int64_t m_lastHistoryId = 0;
    std::string m_fingerprint;
    bool m_loaded = false;
};

} // namespace sg::core
