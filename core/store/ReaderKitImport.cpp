// Receiving a reader kit: every check reads only, then one transaction merges the new rows.
#include "core/store/ReaderKit.h"

#include "core/labels/ItemKey.h"
#include "core/store/AuditChain.h"
#include "core/store/KitImage.h"
#include "core/store/ProjectItemKeys.h"
#include "core/store/StoreInternal.h"

#include <nlohmann/json.hpp>

#include <map>
#include <set>

namespace sg::core {
using store::guarded;

namespace {

struct KitRow {
    std::int64_t id = 0;
    std::int64_t itemId = 0;
    std::int64_t analyzerId = 0;
    std::int64_t changedBy = 0;
    std::string changedAt;
    std::string action;
    std::optional<std::int64_t> target;
    std::optional<std::string> oldValue;
    std::optional<std::string> newValue;
    bool reread = false;
    std::optional<std::int64_t> importedBy;
    bool operator==(const KitRow&) const = default;
};

constexpr const char* kHistoryColumns =
    "id, item_id, analyzer_id, changed_by, changed_at, action, target, old_value, new_value, reread, imported_by";

KitRow readRow(const Statement& st)
{
    return {st.integer(0), st.integer(1), st.integer(2), st.integer(3), st.text(4), st.text(5), st.optInteger(6),
        st.optText(7), st.optText(8), st.integer(9) != 0, st.optInteger(10)};
}

// Label values compared as JSON (the same label written twice gives the same object).
bool sameJson(const std::optional<std::string>& a, const std::optional<std::string>& b)
{
    if (!a || !b)
        return !a && !b;
    const nlohmann::json ja = nlohmann::json::parse(*a, nullptr, false);
    const nlohmann::json jb = nlohmann::json::parse(*b, nullptr, false);
    return !ja.is_discarded() && ja == jb;
}

struct Refusal : std::runtime_error {
    using std::runtime_error::runtime_error;
};

std::int64_t count(SqliteConnection& db, const std::string& sql, std::int64_t analyzerId)
{
    Statement st = db.prepare(sql);
    st.bind(1, analyzerId);
    return st.step() ? st.integer(0) : 0;
}

} // namespace

Result<KitImportSummary> importReaderKit(
    ProjectStore& project, const std::string& kitPath, const std::optional<Analyzer>& receivedBy, Progress& progress)
{
    const auto refused = [&](const std::string& why) {
        return Error {"the reader kit " + kitPath + " was refused: " + why + "; nothing was changed"};
    };
    OpenOptions readOnly;
    readOnly.readOnly = true;
    auto opened = ProjectStore::open(kitPath, readOnly);
    if (!opened)
        return refused(opened.error());
    ProjectStore& kitStore = **opened;
    auto described = readKitInfo(kitStore);
    if (!described)
        return refused(described.error());
    if (!*described)
        return refused("it is a project file, not a reader kit (it has no kit description)");
    const KitInfo info = **described;
    KitImportSummary summary;
    summary.info = info;
    auto ownId = projectId(project);
    if (!ownId)
        return refused(ownId.error());
    if (info.projectId != *ownId)
        return refused("it was sent by another project (project id " + info.projectId + ", this is " + *ownId + ")");
    auto analyzer = project.findAnalyzer(info.analyzerName);
    if (!analyzer)
        return refused(analyzer.error());
    if (!*analyzer || (*analyzer)->id != info.analyzerId)
        return refused("it is for '" + info.analyzerName + "', who is not that analyzer of " + project.path());
    const Analyzer who = **analyzer;

    try {
        SqliteConnection& kit = kitStore.connection();
        SqliteConnection& db = project.connection();
        progress.report(0, 3, "check");
        // Nothing of anyone else: analyzers, labels, entries, consensus.
        if (kit.queryInt("SELECT COUNT(*) FROM analyzer") != 1 ||
            count(kit, "SELECT COUNT(*) FROM analyzer WHERE id = ?", who.id) != 1)
            throw Refusal("it holds other analyzers than '" + who.name + "'");
        for (const char* table : {"label", "reread_label", "label_history", "worklist_entry", "reread_entry"})
            if (count(kit, std::string("SELECT COUNT(*) FROM ") + table + " WHERE analyzer_id <> ?", who.id) > 0)
                throw Refusal(std::string("it holds rows of other analyzers (table ") + table + ")");
        if (kit.queryInt("SELECT COUNT(*) FROM consensus") + kit.queryInt("SELECT COUNT(*) FROM consensus_history") > 0)
            throw Refusal("it holds consensus decisions");

        // The kit's own hash chain (core/store/AuditChain.h): a history row changed, added or
        // removed outside SpineGrade breaks it.
        if (auto chain = verifyAuditChain(kit); !chain)
            throw Refusal("its history chain is broken: " + chain.error());

        // Keys name items in messages; the kit's must name the same items as the project's.
        auto projectKeys = readItemKeys(project);
        if (!projectKeys)
            throw Refusal(projectKeys.error());
        std::set<std::int64_t> firstReads, rereads;
        {
            Statement st = db.prepare("SELECT item_id, 0 FROM worklist_entry WHERE analyzer_id = ?1 "
                                      "UNION ALL SELECT item_id, 1 FROM reread_entry WHERE analyzer_id = ?1");
            st.bind(1, who.id);
            while (st.step())
                (st.integer(1) ? rereads : firstReads).insert(st.integer(0));
        }

        // The history: rows the project sent must be the project's rows, unchanged; and the whole
        // history must replay, each row starting from what the one before it left, and end at
        // the labels the kit holds. An edited row breaks one of the two.
        std::vector<KitRow> rows;
        {
            Statement st = kit.prepare(std::string("SELECT ") + kHistoryColumns + " FROM label_history ORDER BY id");
            while (st.step())
                rows.push_back(readRow(st));
        }
        Statement sent = db.prepare(std::string("SELECT ") + kHistoryColumns + " FROM label_history WHERE id = ?");
        std::map<std::pair<std::int64_t, bool>, std::optional<std::string>> state;
        for (const KitRow& row : rows) {
            if (row.id <= info.baseHistoryId) {
                sent.reset();
                if (!sent.bind(1, row.id).step() || !(readRow(sent) == row))
                    throw Refusal("its history row " + std::to_string(row.id) +
                        " is not the row the project sent "
                        "(the history was edited)");
            } else if (row.changedBy != who.id || (row.importedBy && *row.importedBy != who.id)) {
                throw Refusal("its history row " + std::to_string(row.id) + " was made by someone else");
            }
            std::optional<std::string>& now = state[{row.itemId, row.reread}];
            if (!sameJson(row.oldValue, now))
                throw Refusal("its history row " + std::to_string(row.id) +
                    " does not follow from the row before it (the history was edited)");
            now = row.newValue;
        }
        for (const bool reread : {false, true}) {
            Statement labels = kit.prepare(
                std::string("SELECT item_id FROM ") + store::labelTable(reread ? ReadKind::Reread : ReadKind::First));
            while (labels.step())
                state.try_emplace({labels.integer(0), reread}); // a label with no history row
        }
        for (const auto& [key, value] : state) {
            const auto label =
                store::readLabel(kit, key.first, who.id, key.second ? ReadKind::Reread : ReadKind::First);
            if (!sameJson(label ? std::optional<std::string>(store::labelToJson(*label)) : std::nullopt, value))
                throw Refusal("the label of item " + projectKeys->key(key.first) +
                    " is not what its history says (the kit was edited)");
        }
        progress.report(1, 3, "check");

        // The rows to merge: made in the kit, not received before.
        std::map<std::int64_t, std::int64_t> received; // kit row -> project history row
        {
            Statement st = db.prepare("SELECT kit_row, history_id FROM kit_receipt WHERE kit_id = ?");
            st.bind(1, info.kitId);
            while (st.step())
                received[st.integer(0)] = st.integer(1);
        }
        std::vector<std::pair<KitRow, std::optional<Label>>> merge;
        for (const KitRow& row : rows) {
            if (row.id <= info.baseHistoryId || received.count(row.id))
                continue;
            const std::string key = projectKeys->key(row.itemId);
            if (!(row.reread ? rereads : firstReads).count(row.itemId))
                throw Refusal("it labels item " + (key.empty() ? "#" + std::to_string(row.itemId) : key) +
                    ", which is not in " + who.name + "'s worklist" + (row.reread ? " for a re-read" : ""));
            if (row.action != "set" && row.action != "undo" && row.action != "redo" && row.action != "import")
                throw Refusal("its history row " + std::to_string(row.id) + " has an unknown action");
            std::optional<Label> value;
            if (row.newValue) {
                try {
                    value = store::labelFromJson(*row.newValue, row.itemId, who.id);
                } catch (const std::exception&) {
                    throw Refusal("its history row " + std::to_string(row.id) + " holds no readable label");
                }
                if (Status valid = validateLabel(*value); !valid)
                    throw Refusal("item " + key + ": " + valid.error());
                if (value->patch) {
                    const auto size = store::kitImageSize(kit, row.itemId);
                    if (!size)
                        throw Refusal(size.error());
                    const Patch& p = *value->patch;
                    if (*size && (p.x < 0 || p.y < 0 || p.x + p.w > (*size)->second || p.y + p.h > (*size)->first))
                        throw Refusal("item " + key + ": the patch lies outside the image");
                }
            }
            merge.emplace_back(row, value);
        }
        progress.report(2, 3, "merge");
        if (merge.empty())
            return summary; // received before (or nothing labeled): nothing changes

        Transaction tx(db);
        // Another lead may have received this kit while we checked: read the receipts again.
        {
            Statement st = db.prepare("SELECT kit_row, history_id FROM kit_receipt WHERE kit_id = ?");
            st.bind(1, info.kitId);
            while (st.step())
                received[st.integer(0)] = st.integer(1);
        }
        Statement receipt = db.prepare("INSERT INTO kit_receipt(kit_id, kit_row, history_id) VALUES(?, ?, ?)");
        std::set<std::pair<std::int64_t, bool>> changed;
        for (const auto& [row, value] : merge) {
            if (received.count(row.id))
                continue;
            std::optional<std::int64_t> target;
            if (row.target) {
                if (*row.target <= info.baseHistoryId)
                    target = row.target; // a row the project sent keeps its id
                else if (const auto it = received.find(*row.target); it != received.end())
                    target = it->second;
                else
                    throw Refusal("its history row " + std::to_string(row.id) + " reverts a row the kit does not hold");
            }
            const std::int64_t id = store::writeLabel(db, row.itemId, who.id, value, who.id, row.action, target,
                row.reread ? ReadKind::Reread : ReadKind::First, row.importedBy);
            received[row.id] = id;
            receipt.reset();
            receipt.bind(1, info.kitId).bind(2, row.id).bind(3, id).run();
            changed.insert({row.itemId, row.reread});
            ++summary.mergedRows;
        }
        summary.changedLabels = static_cast<int>(changed.size());
        Statement log = db.prepare("INSERT INTO kit_import(kit_id, analyzer_id, imported_by, imported_at, merged_rows) "
                                   "VALUES(?, ?, ?, ?, ?)");
        log.bind(1, info.kitId).bind(2, who.id);
        if (receivedBy)
            log.bind(3, receivedBy->id);
        log.bind(4, utcNow()).bind(5, summary.mergedRows).run();
        tx.commit();
        progress.report(3, 3, "merge");
        return summary;
    } catch (const Refusal& e) {
        return refused(e.what());
    } catch (const std::exception& e) {
        return refused(e.what());
    }
}

} // namespace sg::core
