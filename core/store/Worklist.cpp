#include "core/store/Worklist.h"

#include "core/store/RereadSchedule.h"
#include "core/store/StoreInternal.h"

#include <algorithm>
#include <map>

namespace sg::core {
using store::guarded;

std::uint64_t SplitMix64::next()
{
    std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

std::uint64_t SplitMix64::below(std::uint64_t n)
{
    // Rejection sampling: no modulo bias, even for large n.
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    std::uint64_t r = next();
    while (r >= limit)
        r = next();
    return r % n;
}

void seededShuffle(std::vector<std::int64_t>& values, std::uint64_t seed)
{
    SplitMix64 rng(seed);
    for (size_t i = values.size(); i > 1; --i)
        std::swap(values[i - 1], values[rng.below(i)]);
}

std::uint64_t analyzerSeed(std::uint64_t projectSeed, const std::string& analyzerName)
{
    std::uint64_t h = 0xCBF29CE484222325ULL; // FNV-1a of the name
    for (unsigned char c : analyzerName)
        h = (h ^ c) * 0x100000001B3ULL;
    return SplitMix64(projectSeed ^ h).next();
}

namespace store {

RereadSettings readRereadSettings(SqliteConnection& db)
{
    RereadSettings settings;
    const std::string share = db.queryText("SELECT value FROM setting WHERE key = 'reread_share'");
    const std::string gap = db.queryText("SELECT value FROM setting WHERE key = 'reread_gap'");
    settings.share = share.empty() ? 0.0 : std::stod(share);
    settings.gap = gap.empty() ? settings.gap : std::stoi(gap);
    return settings;
}

void addWorklistEntries(SqliteConnection& db, const Analyzer& analyzer)
{
    std::vector<std::int64_t> ids;
    Statement items = db.prepare("SELECT id FROM item ORDER BY id");
    while (items.step())
        ids.push_back(items.integer(0));
    const std::string seedText = db.queryText("SELECT value FROM setting WHERE key = 'worklist_seed'");
    const std::uint64_t seed = analyzerSeed(seedText.empty() ? 1 : std::stoull(seedText), analyzer.name);
    seededShuffle(ids, seed);
    // Re-reads share the positions of the first reads: one order, nothing telling them apart.
    const std::vector<WorklistEntry> entries = scheduleRereads(ids, readRereadSettings(db), seed);
    Statement first = db.prepare("INSERT INTO worklist_entry(analyzer_id, item_id, position) VALUES(?, ?, ?)");
    Statement again = db.prepare("INSERT INTO reread_entry(analyzer_id, item_id, position) VALUES(?, ?, ?)");
    for (size_t i = 0; i < entries.size(); ++i) {
        Statement& ins = entries[i].read == ReadKind::Reread ? again : first;
        ins.reset();
        ins.bind(1, analyzer.id).bind(2, entries[i].itemId).bind(3, static_cast<std::int64_t>(i)).run();
    }
}

} // namespace store

namespace {

// Sorts levels as the spine runs, unassigned last.
int levelRank(const std::optional<Level>& level)
{
    return level ? static_cast<int>(*level) : 99;
}

void sortLevels(std::vector<LevelProgress>& levels)
{
    std::sort(levels.begin(), levels.end(),
        [](const LevelProgress& a, const LevelProgress& b) { return levelRank(a.level) < levelRank(b.level); });
}

} // namespace

Result<WorklistSummary> buildWorklist(ProjectStore& store, const WorklistOptions& options)
{
    if (options.perLevel < 0)
        return Error {"--per-level must be 0 (every slice) or a positive number"};
    return guarded([&]() -> Result<WorklistSummary> {
        SqliteConnection& db = store.connection();
        Transaction tx(db);
        const auto started =
            db.queryInt("SELECT (SELECT COUNT(*) FROM label_history) + (SELECT COUNT(*) FROM prediction)");
        if (started > 0)
            return Error {"labeling has started in " + store.path() +
                " (labels or predictions exist); the item set is fixed once the first label is saved"};
        // Strata: (study, level); slices in scan order so a seed always draws the same ones.
        // Import order (the scanner imports studies and series sorted by UID): UIDs are stored
        // as keyed hashes, whose order would change with each project's secret.
        std::map<std::pair<std::int64_t, int>, std::vector<std::int64_t>> strata;
        Statement st = db.prepare("SELECT s.id, st.id, s.level FROM slice s "
                                  "JOIN series se ON se.id = s.series_id JOIN study st ON st.id = se.study_id "
                                  "ORDER BY st.id, se.id, s.stack_index, s.slice_index");
        while (st.step())
            strata[{st.integer(1), levelRank(parseLevel(st.text(2)))}].push_back(st.integer(0));
        SplitMix64 rng(options.seed);
        std::vector<std::int64_t> chosen;
        for (auto& [key, slices] : strata) {
            if (options.perLevel > 0 && static_cast<int>(slices.size()) > options.perLevel) {
                seededShuffle(slices, rng.next());
                slices.resize(static_cast<size_t>(options.perLevel));
            }
            chosen.insert(chosen.end(), slices.begin(), slices.end());
        }
        std::sort(chosen.begin(), chosen.end());
        db.exec("DELETE FROM reread_entry; DELETE FROM worklist_entry; DELETE FROM item;");
        db.exec("INSERT OR REPLACE INTO setting(key, value) VALUES('worklist_seed', '" + std::to_string(options.seed) +
            "')");
        Statement ins = db.prepare("INSERT INTO item(slice_id) VALUES(?)");
        for (std::int64_t sliceId : chosen) {
            ins.reset();
            ins.bind(1, sliceId).run();
        }
        Statement analyzers = db.prepare("SELECT id, name, role FROM analyzer ORDER BY id");
        while (analyzers.step())
            store::addWorklistEntries(db, store::readAnalyzer(analyzers));
        WorklistSummary summary;
        summary.items = static_cast<int>(chosen.size());
        Statement levels =
            db.prepare("SELECT s.level, COUNT(*) FROM item i JOIN slice s ON s.id = i.slice_id GROUP BY s.level");
        while (levels.step())
            summary.perLevel.push_back({parseLevel(levels.text(0)), 0, static_cast<int>(levels.integer(1))});
        sortLevels(summary.perLevel);
        tx.commit();
        return summary;
    });
}

namespace {

// Every entry of the analyzer in order: first reads and re-reads share one position space.
constexpr const char* kEntries = "SELECT item_id, 0 AS reread, position FROM worklist_entry WHERE analyzer_id = ?1 "
                                 "UNION ALL SELECT item_id, 1, position FROM reread_entry WHERE analyzer_id = ?1 "
                                 "ORDER BY position";

} // namespace

Result<std::vector<WorklistEntry>> worklistEntries(ProjectStore& store, const Analyzer& analyzer)
{
    return guarded([&]() -> Result<std::vector<WorklistEntry>> {
        Statement st = store.connection().prepare(kEntries);
        st.bind(1, analyzer.id);
        std::vector<WorklistEntry> entries;
        while (st.step())
            entries.push_back({st.integer(0), st.integer(1) != 0 ? ReadKind::Reread : ReadKind::First});
        return entries;
    });
}

Result<std::vector<std::int64_t>> worklistOrder(ProjectStore& store, const Analyzer& analyzer)
{
    auto entries = worklistEntries(store, analyzer);
    if (!entries)
        return Error {entries.error()};
    std::vector<std::int64_t> ids;
    for (const WorklistEntry& e : *entries)
        ids.push_back(e.itemId);
    return ids;
}

Result<std::optional<WorklistEntry>> nextEntry(ProjectStore& store, const Analyzer& analyzer)
{
    return guarded([&]() -> Result<std::optional<WorklistEntry>> {
        Statement st = store.connection().prepare(
            "SELECT item_id, reread FROM (SELECT item_id, 0 AS reread, position FROM worklist_entry w "
            "WHERE analyzer_id = ?1 AND NOT EXISTS (SELECT 1 FROM label l WHERE l.item_id = w.item_id "
            "AND l.analyzer_id = ?1) UNION ALL SELECT item_id, 1, position FROM reread_entry w "
            "WHERE analyzer_id = ?1 AND NOT EXISTS (SELECT 1 FROM reread_label l WHERE l.item_id = w.item_id "
            "AND l.analyzer_id = ?1)) ORDER BY position LIMIT 1");
        if (st.bind(1, analyzer.id).step())
            return std::optional<WorklistEntry>(
                WorklistEntry {st.integer(0), st.integer(1) != 0 ? ReadKind::Reread : ReadKind::First});
        return std::optional<WorklistEntry>();
    });
}

Result<std::optional<Item>> nextItem(ProjectStore& store, const Analyzer& analyzer)
{
    auto entry = nextEntry(store, analyzer);
    if (!entry)
        return Error {entry.error()};
    if (!*entry)
        return std::optional<Item>();
    auto item = store.item((*entry)->itemId);
    if (!item)
        return Error {item.error()};
    return std::optional<Item>(*item);
}

Result<WorklistProgress> progress(ProjectStore& store, const Analyzer& analyzer)
{
    return guarded([&]() -> Result<WorklistProgress> {
        // Entries, not items: a re-read is one more place in the order, done when labeled.
        Statement st = store.connection().prepare(
            "SELECT s.level, COUNT(*), COUNT(l.item_id) FROM worklist_entry w JOIN item i ON i.id = w.item_id "
            "JOIN slice s ON s.id = i.slice_id LEFT JOIN label l ON l.item_id = w.item_id "
            "AND l.analyzer_id = w.analyzer_id WHERE w.analyzer_id = ?1 GROUP BY s.level "
            "UNION ALL SELECT s.level, COUNT(*), COUNT(l.item_id) FROM reread_entry w JOIN item i ON i.id = w.item_id "
            "JOIN slice s ON s.id = i.slice_id LEFT JOIN reread_label l ON l.item_id = w.item_id "
            "AND l.analyzer_id = w.analyzer_id WHERE w.analyzer_id = ?1 GROUP BY s.level");
        st.bind(1, analyzer.id);
        WorklistProgress p;
        std::map<int, LevelProgress> levels;
        while (st.step()) {
            const std::optional<Level> level = parseLevel(st.text(0));
            LevelProgress& lp = levels.try_emplace(levelRank(level), LevelProgress {level, 0, 0}).first->second;
            lp.done += static_cast<int>(st.integer(2));
            lp.total += static_cast<int>(st.integer(1));
            p.done += static_cast<int>(st.integer(2));
            p.total += static_cast<int>(st.integer(1));
        }
        for (auto& [rank, lp] : levels)
            p.levels.push_back(lp);
        sortLevels(p.levels);
        return p;
    });
}

} // namespace sg::core
