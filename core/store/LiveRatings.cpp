#include "core/store/LiveRatings.h"

#include "core/store/ProjectStore.h"
#include "core/store/StoreInternal.h"

#include <algorithm>

namespace sg::core {
using store::guarded;

LiveRatings::LiveRatings(ProjectStore& store) : m_store(store), m_table(std::make_unique<RatingTable>()) { }

LiveRatings::~LiveRatings() = default;

std::string LiveRatings::fingerprint()
{
    // What changes when an item, an analyzer, a prediction or a consensus is added or replaced,
    // or a stack's level is corrected (level_change is append-only).
    // Replacements get a new created_at / decided_at (milliseconds), so max() moves with them.
    return m_store.connection().queryText(
        "SELECT (SELECT COUNT(*) FROM item) || '|' || (SELECT IFNULL(MAX(id), 0) FROM analyzer) || '|' || "
        "(SELECT COUNT(*) FROM prediction) || '|' || (SELECT IFNULL(MAX(id), 0) FROM prediction) || '|' || "
        "(SELECT IFNULL(MAX(created_at), '') FROM prediction) || '|' || (SELECT COUNT(*) FROM consensus) || '|' || "
        "(SELECT IFNULL(MAX(decided_at), '') FROM consensus) || '|' || (SELECT IFNULL(MAX(id), 0) FROM level_change) "
        "|| "
        "'|' || (SELECT IFNULL(MAX(id), 0) FROM consensus_history)");
}

void LiveRatings::reloadAll()
{
    SqliteConnection& db = m_store.connection();
    // Read the history mark BEFORE the snapshot: rows committed in between are replayed after
    // it, and replaying a row the snapshot already holds sets the same value again.
    // The mark and the progress counts come from one snapshot: the rows after the mark are
    // replayed as deltas on the counts, so the counts must not already hold them.
    std::int64_t mark = 0;
    std::unordered_map<std::int64_t, AnalyzerCount> progress;
    {
        db.exec("BEGIN DEFERRED");
        try {
            mark = db.queryInt("SELECT IFNULL(MAX(id), 0) FROM label_history");
            Statement st = db.prepare("SELECT a.id, a.name, a.role, "
                                      "(SELECT COUNT(*) FROM worklist_entry w WHERE w.analyzer_id = a.id) + "
                                      "(SELECT COUNT(*) FROM reread_entry w WHERE w.analyzer_id = a.id), "
                                      "(SELECT COUNT(*) FROM label l WHERE l.analyzer_id = a.id) + "
                                      "(SELECT COUNT(*) FROM reread_label l WHERE l.analyzer_id = a.id) "
                                      "FROM analyzer a");
            while (st.step())
                progress[st.integer(0)] = {
                    st.text(1), st.text(2) == "lead", static_cast<int>(st.integer(4)), static_cast<int>(st.integer(3))};
        } catch (...) {
            db.exec("COMMIT");
            throw;
        }
        db.exec("COMMIT");
    }
    const std::string print = fingerprint();
    auto ratings = readProjectRatings(m_store);
    if (!ratings)
        throw SqlError(ratings.error());
    auto table = std::make_unique<RatingTable>();
    fillRatingTable(*table, *ratings);
    m_itemKeys.clear();
    for (const RatedItem& item : ratings->items)
        m_itemKeys.emplace(item.itemId, ratingItemKey(item));
    m_analyzerNames.clear();
    m_leads.clear();
    Statement st = db.prepare("SELECT id, name, role FROM analyzer");
    while (st.step()) {
        m_analyzerNames.emplace(st.integer(0), st.text(1));
        if (st.text(2) == "lead")
            m_leads.insert(st.integer(0));
    }
    m_table = std::move(table);
    m_progress = std::move(progress);
    m_raters = std::move(ratings->raters);
    m_lastHistoryId = mark;
    m_fingerprint = print;
    m_loaded = true;
}

std::int64_t LiveRatings::applyHistorySince(std::int64_t id)
{
    Statement st = m_store.connection().prepare("SELECT id, item_id, analyzer_id, new_value, old_value IS NOT NULL, "
                                                "reread FROM label_history WHERE id > ? ORDER BY id");
    st.bind(1, id);
    std::int64_t applied = 0;
    while (st.step()) {
        const auto key = m_itemKeys.find(st.integer(1));
        const auto name = m_analyzerNames.find(st.integer(2));
        if (key == m_itemKeys.end() || name == m_analyzerNames.end())
            return -1; // an item or analyzer this table does not know yet
        // A label row appeared or went: the analyzer's done count follows.
        const auto counted = m_progress.find(st.integer(2));
        if (counted == m_progress.end())
            return -1;
        counted->second.done += (st.isNull(3) ? 0 : 1) - (st.integer(4) != 0 ? 1 : 0);
        // A blinded re-read counts for progress only, never in the figures between raters; a
        // lead's label is not an analyzer's (ProjectRatings.cpp).
        if (st.integer(5) != 0 || m_leads.count(st.integer(2))) {
            m_lastHistoryId = st.integer(0);
            ++applied;
            continue;
        }
        std::optional<Canal> canal;
        std::optional<Grade> grade;
        if (const auto json = st.optText(3)) {
            const Label label = store::labelFromJson(*json, st.integer(1), st.integer(2));
            canal = label.canal;
            grade = label.grade;
        }
        // The row holds the whole label after the change: set both tasks to it (absent = removed).
        m_table->setLabel(key->second, name->second, Task::Canal,
            canal ? std::optional<int>(static_cast<int>(*canal)) : std::nullopt);
        m_table->setLabel(key->second, name->second, Task::Grade,
            grade ? std::optional<int>(static_cast<int>(*grade)) : std::nullopt);
        if ((canal || grade) && std::none_of(m_raters.begin(), m_raters.end(), [&](const RaterInfo& r) {
                return r.name == name->second;
            })) {
            // A first label of an analyzer: analyzers come first, sorted by name.
            const auto at = std::find_if(m_raters.begin(), m_raters.end(),
                [&](const RaterInfo& r) { return r.kind != RaterKind::Analyzer || r.name > name->second; });
            m_raters.insert(at, {name->second, RaterKind::Analyzer});
        }
        m_lastHistoryId = st.integer(0);
        ++applied;
    }
    return applied;
}

std::vector<AnalyzerCount> LiveRatings::progress() const
{
    std::vector<AnalyzerCount> out;
    for (const auto& [id, p] : m_progress)
        if (p.total > 0)
            out.push_back(p);
    std::sort(out.begin(), out.end(), [](const AnalyzerCount& a, const AnalyzerCount& b) { return a.name < b.name; });
    return out;
}

Result<RefreshOutcome> LiveRatings::refresh()
{
    return guarded([&]() -> Result<RefreshOutcome> {
        if (!m_loaded || fingerprint() != m_fingerprint) {
            reloadAll();
            applyHistorySince(m_lastHistoryId); // rows committed during the snapshot
            return RefreshOutcome {RefreshKind::Full, 0};
        }
        const std::int64_t rows = applyHistorySince(m_lastHistoryId);
        if (rows < 0) {
            reloadAll();
            applyHistorySince(m_lastHistoryId);
            return RefreshOutcome {RefreshKind::Full, 0};
        }
        return RefreshOutcome {rows > 0 ? RefreshKind::Incremental : RefreshKind::Unchanged, rows};
    });
}

} // namespace sg::core
