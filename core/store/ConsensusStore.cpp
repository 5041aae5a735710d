// The lead's consensus with its append-only history (schema version 4).
#include "core/store/ConsensusStore.h"

#include "core/store/ProjectStore.h"
#include "core/store/StoreInternal.h"

#include <nlohmann/json.hpp>

namespace sg::core {
using store::guarded;

bool Consensus::sameValue(const Consensus& o) const
{
    return itemId == o.itemId && patch == o.patch && canal == o.canal && grade == o.grade && subgrade == o.subgrade &&
        reasonCode == o.reasonCode && reason == o.reason;
}

namespace {

constexpr const char* kColumns =
    "SELECT c.item_id, c.canal, c.grade, c.subgrade, c.patch_x, c.patch_y, c.patch_w, c.patch_h, c.reason_code, "
    "c.reason, c.decided_by, a.name, c.decided_at FROM consensus c JOIN analyzer a ON a.id = c.decided_by ";
constexpr const char* kHistoryColumns = "SELECT id, item_id, changed_by, changed_at, action, target, old_value, "
                                        "new_value FROM consensus_history ";

Consensus fromRow(const Statement& st)
{
    Consensus c;
    c.itemId = st.integer(0);
    store::readJudgment(st, 1, c.canal, c.grade, c.subgrade);
    if (!st.isNull(4) && !st.isNull(5) && !st.isNull(6) && !st.isNull(7))
        c.patch = Patch {st.real(4), st.real(5), st.real(6), st.real(7)};
    if (auto code = st.optText(8))
        c.reasonCode = parseConsensusReason(*code);
    c.reason = st.text(9);
    c.decidedBy = st.integer(10);
    c.decidedByName = st.text(11);
    c.decidedAt = st.text(12);
    return c;
}

std::string toJson(const Consensus& c)
{
    nlohmann::json j;
    j["canal"] = c.canal ? nlohmann::json(std::string(canalName(*c.canal))) : nlohmann::json();
    j["grade"] = c.grade ? nlohmann::json(std::string(gradeName(*c.grade))) : nlohmann::json();
    j["subgrade"] = c.subgrade ? nlohmann::json(*c.subgrade) : nlohmann::json();
    j["patch"] = c.patch ? nlohmann::json {c.patch->x, c.patch->y, c.patch->w, c.patch->h} : nlohmann::json();
    j["reason_code"] =
        c.reasonCode ? nlohmann::json(std::string(consensusReasonName(*c.reasonCode))) : nlohmann::json();
    j["reason"] = c.reason;
    j["decided_by"] = c.decidedBy;
    j["decided_at"] = c.decidedAt;
    return j.dump();
}

// Tolerant of nulls and absent keys: rows written by the schema 4 migration have a null patch.
Consensus fromJson(const std::string& text, std::int64_t itemId)
{
    const nlohmann::json j = nlohmann::json::parse(text);
    const auto str = [&](const char* key) -> std::optional<std::string> {
        if (!j.contains(key) || j[key].is_null())
            return std::nullopt;
        return j[key].get<std::string>();
    };
    Consensus c;
    c.itemId = itemId;
    if (auto v = str("canal"))
        c.canal = parseCanal(*v);
    if (auto v = str("grade"))
        c.grade = parseGrade(*v);
    if (j.contains("subgrade") && !j["subgrade"].is_null())
        c.subgrade = j["subgrade"].get<int>();
    if (j.contains("patch") && j["patch"].is_array() && j["patch"].size() == 4) {
        const auto& p = j["patch"];
        c.patch = Patch {p[0].get<double>(), p[1].get<double>(), p[2].get<double>(), p[3].get<double>()};
    }
    if (auto v = str("reason_code"))
        c.reasonCode = parseConsensusReason(*v);
    c.reason = str("reason").value_or("");
    if (j.contains("decided_by") && j["decided_by"].is_number_integer())
        c.decidedBy = j["decided_by"].get<std::int64_t>();
    c.decidedAt = str("decided_at").value_or("");
    return c;
}

ConsensusHistoryEntry historyFromRow(const Statement& st)
{
    ConsensusHistoryEntry e;
    e.id = st.integer(0);
    e.itemId = st.integer(1);
    e.changedBy = st.integer(2);
    e.changedAt = st.text(3);
    e.action = st.text(4);
    if (!st.isNull(5))
        e.target = st.integer(5);
    if (auto v = st.optText(6))
        e.oldValue = fromJson(*v, e.itemId);
    if (auto v = st.optText(7))
        e.newValue = fromJson(*v, e.itemId);
    return e;
}

std::optional<Consensus> readRow(SqliteConnection& db, std::int64_t itemId)
{
    Statement st = db.prepare(std::string(kColumns) + "WHERE c.item_id = ?");
    if (st.bind(1, itemId).step())
        return fromRow(st);
    return std::nullopt;
}

Status checkLead(const Analyzer& as, const std::string& what)
{
    if (!as.isLead())
        return Status::failure("only a lead " + what + " ('" + as.name + "' is an analyzer)");
    return Status::success();
}

} // namespace

namespace store {

Status validateConsensus(const Consensus& c)
{
    Label asLabel; // the same rules as a label: no grade on cord, sub-grade only with A, a real patch
    asLabel.canal = c.canal;
    asLabel.grade = c.grade;
    asLabel.subgrade = c.subgrade;
    asLabel.patch = c.patch;
    if (Status valid = validateLabel(asLabel); !valid)
        return valid;
    if (!c.reasonCode)
        return Status::failure("a consensus needs a reason code (one of anatomical_variation, image_quality, "
                               "borderline_grade, reader_error, level_mismatch, other)");
    return Status::success();
}

std::int64_t writeConsensus(SqliteConnection& db, std::int64_t itemId, const std::optional<Consensus>& value,
    std::int64_t changedBy, const std::string& action, std::optional<std::int64_t> target)
{
    const std::optional<Consensus> old = readRow(db, itemId);
    // A new reason must not name the patient (undo and redo only bring back what was checked).
    if (value && (action == "set" || action == "import") && (!old || old->reason != value->reason))
        checkCommentIdentity(db, itemId, value->reason);
    if (value) {
        Statement st = db.prepare(
            "INSERT INTO consensus(item_id, canal, grade, subgrade, patch_x, patch_y, patch_w, patch_h, reason_code, "
            "reason, decided_by, decided_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(item_id) DO UPDATE "
            "SET canal = excluded.canal, grade = excluded.grade, subgrade = excluded.subgrade, patch_x = "
            "excluded.patch_x, patch_y = excluded.patch_y, patch_w = excluded.patch_w, patch_h = excluded.patch_h, "
            "reason_code = excluded.reason_code, reason = excluded.reason, decided_by = excluded.decided_by, "
            "decided_at = excluded.decided_at");
        st.bind(1, itemId);
        bindJudgment(st, 2, value->canal, value->grade, value->subgrade);
        for (int i = 0; i < 4; ++i)
            st.bindNull(5 + i);
        if (value->patch)
            st.bind(5, value->patch->x).bind(6, value->patch->y).bind(7, value->patch->w).bind(8, value->patch->h);
        if (value->reasonCode)
            st.bind(9, std::string(consensusReasonName(*value->reasonCode)));
        else
            st.bindNull(9);
        st.bind(10, value->reason).bind(11, value->decidedBy).bind(12, value->decidedAt).run();
    } else {
        db.prepare("DELETE FROM consensus WHERE item_id = ?").bind(1, itemId).run();
    }
    Statement h = db.prepare("INSERT INTO consensus_history(item_id, changed_by, changed_at, action, target, "
                             "old_value, new_value) VALUES(?, ?, ?, ?, ?, ?, ?) RETURNING id");
    h.bind(1, itemId).bind(2, changedBy).bind(3, utcNow()).bind(4, action);
    if (target)
        h.bind(5, *target);
    else
        h.bindNull(5);
    if (old)
        h.bind(6, toJson(*old));
    else
        h.bindNull(6);
    if (value)
        h.bind(7, toJson(*value));
    else
        h.bindNull(7);
    return h.returnedId();
}

std::optional<Consensus> readConsensusRow(SqliteConnection& db, std::int64_t itemId)
{
    return readRow(db, itemId);
}

} // namespace store

Result<Consensus> setConsensus(ProjectStore& store, const Analyzer& lead, const Consensus& decision)
{
    if (Status ok = checkLead(lead, "records a consensus"); !ok)
        return Error {ok.error()};
    if (Status valid = store::validateConsensus(decision); !valid)
        return Error {valid.error()};
    SqliteConnection& db = store.connection();
    return guarded([&]() -> Result<Consensus> {
        Transaction tx(db);
        Statement exists = db.prepare("SELECT 1 FROM item WHERE id = ?");
        if (!exists.bind(1, decision.itemId).step())
            return Error {"item " + std::to_string(decision.itemId) + " is not in " + store.path()};
        if (auto old = readRow(db, decision.itemId); old && old->sameValue(decision))
            return *old; // nothing changed: no history row
        Consensus stored = decision;
        stored.decidedBy = lead.id;
        stored.decidedByName = lead.name;
        stored.decidedAt = utcNow();
        store::writeConsensus(db, decision.itemId, stored, lead.id, "set");
        tx.commit();
        return stored;
    });
}

Status clearConsensus(ProjectStore& store, const Analyzer& lead, std::int64_t itemId)
{
    if (Status ok = checkLead(lead, "clears a consensus"); !ok)
        return ok;
    SqliteConnection& db = store.connection();
    return guarded([&]() -> Status {
        Transaction tx(db);
        if (readRow(db, itemId))
            store::writeConsensus(db, itemId, std::nullopt, lead.id, "set");
        tx.commit();
        return Status::success();
    });
}

Result<std::optional<Consensus>> readConsensus(ProjectStore& store, const Analyzer& as, std::int64_t itemId)
{
    if (!as.isLead())
        return Error {"analyzers are blinded: only a lead sees consensus labels"};
    return guarded([&]() -> Result<std::optional<Consensus>> { return readRow(store.connection(), itemId); });
}

Result<std::vector<Consensus>> allConsensus(ProjectStore& store, const Analyzer& as)
{
    if (!as.isLead())
        return Error {"analyzers are blinded: only a lead sees consensus labels"};
    return readAllConsensus(store);
}

Result<std::vector<Consensus>> readAllConsensus(ProjectStore& store)
{
    return guarded([&]() -> Result<std::vector<Consensus>> {
        Statement st = store.connection().prepare(std::string(kColumns) + "ORDER BY c.item_id");
        std::vector<Consensus> all;
        while (st.step())
            all.push_back(fromRow(st));
        return all;
    });
}

Result<std::vector<ConsensusHistoryEntry>> consensusHistory(
    ProjectStore& store, const Analyzer& as, std::int64_t itemId)
{
    if (!as.isLead())
        return Error {"analyzers are blinded: only a lead sees the consensus history"};
    return guarded([&]() -> Result<std::vector<ConsensusHistoryEntry>> {
        Statement st = store.connection().prepare(std::string(kHistoryColumns) + "WHERE item_id = ? ORDER BY id");
        st.bind(1, itemId);
        std::vector<ConsensusHistoryEntry> all;
        while (st.step())
            all.push_back(historyFromRow(st));
        return all;
    });
}

namespace {

Result<ConsensusUndoOutcome> revert(ProjectStore& store, const Analyzer& lead, bool redo)
{
    if (Status ok = checkLead(lead, "undoes a consensus"); !ok)
        return Error {ok.error()};
    SqliteConnection& db = store.connection();
    return guarded([&]() -> Result<ConsensusUndoOutcome> {
        Transaction tx(db);
        // The history is the truth (as for labels): replay the lead's own changes into undo
        // and redo stacks, so undo works across restarts with no state of its own.
        std::vector<std::int64_t> undoable, redoable;
        Statement st = db.prepare("SELECT id, action FROM consensus_history WHERE changed_by = ? "
                                  "AND action IN ('set', 'undo', 'redo') ORDER BY id");
        st.bind(1, lead.id);
        while (st.step()) {
            const std::string action = st.text(1);
            auto& from = action == "redo" ? redoable : undoable;
            auto& to = action == "redo" ? undoable : redoable;
            if (action == "set") {
                undoable.push_back(st.integer(0));
                redoable.clear();
            } else if (!from.empty()) {
                to.push_back(from.back());
                from.pop_back();
            }
        }
        const auto& stack = redo ? redoable : undoable;
        if (stack.empty())
            return ConsensusUndoOutcome {};
        Statement row = db.prepare(std::string(kHistoryColumns) + "WHERE id = ?");
        row.bind(1, stack.back()).step();
        const ConsensusHistoryEntry entry = historyFromRow(row);
        std::optional<Consensus> value = redo ? entry.newValue : entry.oldValue;
        if (value) { // the decision as it was, made current again by this lead now
            value->decidedBy = lead.id;
            value->decidedByName = lead.name;
            value->decidedAt = utcNow();
        }
        store::writeConsensus(db, entry.itemId, value, lead.id, redo ? "redo" : "undo", entry.id);
        tx.commit();
        return ConsensusUndoOutcome {true, entry.itemId, value};
    });
}

} // namespace

Result<ConsensusUndoOutcome> undoConsensus(ProjectStore& store, const Analyzer& lead)
{
    return revert(store, lead, false);
}

Result<ConsensusUndoOutcome> redoConsensus(ProjectStore& store, const Analyzer& lead)
{
    return revert(store, lead, true);
}

Result<std::int64_t> consensusVersion(ProjectStore& store)
{
    return guarded([&]() -> Result<std::int64_t> {
        return store.connection().queryInt("SELECT IFNULL(MAX(id), 0) FROM consensus_history");
    });
}

} // namespace sg::core
