#include "core/store/ConsensusTransfer.h"

#include "core/labels/ConsensusCsv.h"
#include "core/store/ConsensusStore.h"
#include "core/store/ProjectItemKeys.h"
#include "core/store/ProjectStore.h"
#include "core/store/StoreInternal.h"

#include <algorithm>
#include <map>

namespace sg::core {
using store::guarded;

namespace {

struct Pending {
    Consensus value;
    int line = 0; // first row of the item
    bool canal = false, grade = false; // tasks given by the file
};

} // namespace

Result<ConsensusImportSummary> importConsensusCsv(ProjectStore& store, const Analyzer& lead, const std::string& path)
{
    if (!lead.isLead())
        return Error {
            "only a lead imports a consensus ('" + lead.name + "' is an analyzer); " + path + " was not read"};
    // The whole file is read and checked before anything is written.
    auto rows = readConsensusCsv(path);
    if (!rows)
        return Error {rows.error()};
    auto keys = readItemKeys(store);
    if (!keys)
        return Error {keys.error()};
    const auto lineError = [&](int line, const std::string& what) {
        return Error {path + " line " + std::to_string(line) + ": " + what + "; nothing was imported"};
    };
    SqliteConnection& db = store.connection();
    return guarded([&]() -> Result<ConsensusImportSummary> {
        Transaction tx(db);
        std::map<std::int64_t, Pending> pending;
        for (const ConsensusRow& row : *rows) {
            const auto itemId = keys->find(row.item);
            if (!itemId)
                return lineError(row.line,
                    "no item '" + row.item + "' in " + store.path() +
                        " (give its key, e.g. S001 L4/L5 #3, or its SOP instance UID)");
            auto [it, fresh] = pending.try_emplace(*itemId);
            Pending& p = it->second;
            if (fresh) {
                p.line = row.line;
                // The file sets the tasks it names; the rest of a decision (patch, the other
                // task) stays as it is.
                if (auto old = store::readConsensusRow(db, *itemId))
                    p.value = *old;
                p.value.itemId = *itemId;
                p.value.reasonCode = row.reason;
                p.value.reason = row.reasonText;
            } else if (p.value.reasonCode != row.reason || p.value.reason != row.reasonText) {
                return lineError(row.line,
                    "the reason differs from line " + std::to_string(p.line) + " for the same item " + row.item);
            }
            bool& seen = row.task == Task::Canal ? p.canal : p.grade;
            if (seen)
                return lineError(row.line,
                    "the " + std::string(taskName(row.task)) + " of item " + row.item +
                        " is given twice (first at line " + std::to_string(p.line) + ")");
            seen = true;
            if (row.task == Task::Canal) {
                p.value.canal = row.label.empty() ? std::nullopt : parseCanal(row.label);
                if (row.hasPatch) // a file with the patch columns sets the patch (empty: none)
                    p.value.patch = row.patch;
            } else {
                p.value.grade = row.label.empty() ? std::nullopt : parseGrade(row.label);
                if (row.hasSubgrade)
                    p.value.subgrade = row.subgrade;
                if (p.value.grade != Grade::A)
                    p.value.subgrade.reset();
            }
        }
        ConsensusImportSummary summary;
        summary.rows = static_cast<int>(rows->size());
        const std::string now = utcNow();
        for (auto& [itemId, p] : pending) {
            if (Status valid = store::validateConsensus(p.value); !valid)
                return lineError(p.line, valid.error());
            if (auto old = store::readConsensusRow(db, itemId); old && old->sameValue(p.value)) {
                ++summary.unchanged;
                continue;
            }
            p.value.decidedBy = lead.id;
            p.value.decidedAt = now;
            store::writeConsensus(db, itemId, p.value, lead.id, "import");
            ++summary.changed;
        }
        tx.commit();
        return summary;
    });
}

Status exportConsensusCsv(ProjectStore& store, const Analyzer& as, const std::string& path)
{
    auto decisions = allConsensus(store, as);
    if (!decisions)
        return Status::failure(decisions.error());
    auto keys = readItemKeys(store);
    if (!keys)
        return Status::failure(keys.error());
    std::sort(decisions->begin(), decisions->end(),
        [&](const Consensus& a, const Consensus& b) { return keys->rank(a.itemId) < keys->rank(b.itemId); });
    std::vector<ConsensusRow> rows;
    for (const Consensus& c : *decisions) {
        // A decision from before reason codes is exported as "other" with its text.
        const ConsensusReason reason = c.reasonCode.value_or(ConsensusReason::Other);
        const std::string& key = keys->key(c.itemId);
        ConsensusRow row;
        row.item = key;
        row.reason = reason;
        row.reasonText = c.reason;
        row.decidedBy = c.decidedByName;
        row.decidedAt = c.decidedAt;
        ConsensusRow grade = row, canal = row;
        grade.task = Task::Grade;
        grade.label = c.grade ? std::string(gradeName(*c.grade)) : "";
        grade.subgrade = c.subgrade;
        canal.task = Task::Canal;
        canal.label = c.canal ? std::string(canalName(*c.canal)) : "";
        canal.patch = c.patch; // the canal patch goes on the canal row, as in the label CSV
        rows.push_back(std::move(grade));
        rows.push_back(std::move(canal));
    }
    return writeTextFile(path, formatConsensusCsv(rows));
}

} // namespace sg::core
