// Labels, their append-only audit history, and undo/redo as new audited changes.
#include "core/store/ProjectStore.h"

#include "core/store/StoreInternal.h"

#include <nlohmann/json.hpp>

namespace sg::core {
using store::guarded;

namespace store {
namespace {

constexpr const char* kLabelColumns =
    "patch_x, patch_y, patch_w, patch_h, canal, grade, subgrade, comment, seconds, updated_at, item_id, analyzer_id";

Label labelFromRow(const Statement& st)
{
    Label l;
    if (!st.isNull(0))
        l.patch = Patch {st.real(0), st.real(1), st.real(2), st.real(3)};
    readJudgment(st, 4, l.canal, l.grade, l.subgrade);
    l.comment = st.text(7);
    l.secondsSpent = st.real(8);
    l.timestamp = st.text(9);
    l.itemId = st.integer(10);
    l.analyzerId = st.integer(11);
    return l;
}

std::optional<Label> optLabelFromJson(const std::optional<std::string>& json, std::int64_t item, std::int64_t owner)
{
    return json ? std::optional<Label>(labelFromJson(*json, item, owner)) : std::nullopt;
}

} // namespace

void readJudgment(const Statement& st, int first, std::optional<Canal>& canal, std::optional<Grade>& grade,
    std::optional<int>& subgrade)
{
    canal = st.isNull(first) ? std::nullopt : parseCanal(st.text(first));
    grade = st.isNull(first + 1) ? std::nullopt : parseGrade(st.text(first + 1));
    subgrade = st.isNull(first + 2) ? std::nullopt : std::optional<int>(static_cast<int>(st.integer(first + 2)));
}

void bindJudgment(Statement& st, int first, const std::optional<Canal>& canal, const std::optional<Grade>& grade,
    const std::optional<int>& subgrade)
{
    if (canal)
        st.bind(first, std::string(canalName(*canal)));
    if (grade)
        st.bind(first + 1, std::string(gradeName(*grade)));
    st.bind(first + 2, subgrade);
}

std::string labelToJson(const Label& l)
{
    nlohmann::json j;
    if (l.patch)
        j["patch"] = {l.patch->x, l.patch->y, l.patch->w, l.patch->h};
    if (l.canal)
        j["canal"] = std::string(canalName(*l.canal));
    if (l.grade)
        j["grade"] = std::string(gradeName(*l.grade));
    if (l.subgrade)
        j["subgrade"] = *l.subgrade;
    j["comment"] = l.comment;
    j["seconds"] = l.secondsSpent;
    j["timestamp"] = l.timestamp;
    return j.dump();
}

Label labelFromJson(const std::string& json, std::int64_t itemId, std::int64_t ownerId)
{
    const nlohmann::json j = nlohmann::json::parse(json);
    Label l;
    l.itemId = itemId;
    l.analyzerId = ownerId;
    if (j.contains("patch")) {
        const auto& p = j["patch"];
        l.patch = Patch {p[0].get<double>(), p[1].get<double>(), p[2].get<double>(), p[3].get<double>()};
    }
    if (j.contains("canal"))
        l.canal = parseCanal(j["canal"].get<std::string>());
    if (j.contains("grade"))
        l.grade = parseGrade(j["grade"].get<std::string>());
    if (j.contains("subgrade"))
        l.subgrade = j["subgrade"].get<int>();
    l.comment = j.value("comment", "");
    l.secondsSpent = j.value("seconds", 0.0);
    l.timestamp = j.value("timestamp", "");
    return l;
}

const char* labelTable(ReadKind read)
{
    return read == ReadKind::Reread ? "reread_label" : "label";
}

std::optional<Label> readLabel(SqliteConnection& db, std::int64_t itemId, std::int64_t ownerId, ReadKind read)
{
    Statement st = db.prepare(std::string("SELECT ") + kLabelColumns + " FROM " + labelTable(read) +
        " WHERE item_id = ? AND analyzer_id = ?");
    if (st.bind(1, itemId).bind(2, ownerId).step())
        return labelFromRow(st);
    return std::nullopt;
}

std::int64_t writeLabel(SqliteConnection& db, std::int64_t itemId, std::int64_t ownerId,
    const std::optional<Label>& value, std::int64_t changedBy, const std::string& action,
    std::optional<std::int64_t> target, ReadKind read, std::optional<std::int64_t> importedBy)
{
    const std::optional<Label> old = readLabel(db, itemId, ownerId, read);
    // A new comment must not name the patient (undo and redo only bring back what was checked).
    if (value && (action == "set" || action == "import") && (!old || old->comment != value->comment))
        checkCommentIdentity(db, itemId, value->comment);
    if (value) {
        const Label& l = *value;
        Statement st = db.prepare(std::string("INSERT OR REPLACE INTO ") + labelTable(read) + "(" + kLabelColumns +
            ") VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        if (l.patch)
            st.bind(1, l.patch->x).bind(2, l.patch->y).bind(3, l.patch->w).bind(4, l.patch->h);
        bindJudgment(st, 5, l.canal, l.grade, l.subgrade);
        st.bind(8, l.comment).bind(9, l.secondsSpent).bind(10, l.timestamp);
        st.bind(11, itemId).bind(12, ownerId).run();
    } else {
        Statement st =
            db.prepare(std::string("DELETE FROM ") + labelTable(read) + " WHERE item_id = ? AND analyzer_id = ?");
        st.bind(1, itemId).bind(2, ownerId).run();
    }
    Statement h = db.prepare("INSERT INTO label_history(item_id, analyzer_id, changed_by, changed_at, action, target, "
                             "old_value, new_value, reread, imported_by) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    h.bind(1, itemId).bind(2, ownerId).bind(3, changedBy).bind(4, value ? value->timestamp : utcNow());
    h.bind(5, action).bind(6, target).bind(9, static_cast<std::int64_t>(read == ReadKind::Reread ? 1 : 0));
    h.bind(10, importedBy);
    if (old)
        h.bind(7, labelToJson(*old));
    if (value)
        h.bind(8, labelToJson(*value));
    h.run();
    return db.lastInsertId();
}

HistoryEntry historyFromRow(const Statement& st)
{
    HistoryEntry e;
    e.id = st.integer(0);
    e.itemId = st.integer(1);
    e.analyzerId = st.integer(2);
    e.changedBy = st.integer(3);
    e.changedAt = st.text(4);
    e.action = st.text(5);
    e.target = st.optInteger(6);
    e.oldValue = optLabelFromJson(st.optText(7), e.itemId, e.analyzerId);
    e.newValue = optLabelFromJson(st.optText(8), e.itemId, e.analyzerId);
    e.read = st.integer(9) != 0 ? ReadKind::Reread : ReadKind::First;
    return e;
}

std::int64_t labelVersion(SqliteConnection& db, std::int64_t itemId, std::int64_t ownerId, ReadKind read)
{
    // label_history_by_item (item_id, id) answers this from the index.
    Statement st = db.prepare("SELECT MAX(id) FROM label_history WHERE item_id = ? AND analyzer_id = ? AND reread = ?");
    st.bind(1, itemId).bind(2, ownerId).bind(3, static_cast<std::int64_t>(read == ReadKind::Reread ? 1 : 0)).step();
    return st.isNull(0) ? std::int64_t {0} : st.integer(0);
}

} // namespace store

namespace {

constexpr const char* kHistoryColumns =
    "SELECT id, item_id, analyzer_id, changed_by, changed_at, action, target, old_value, new_value, reread "
    "FROM label_history ";

// A label is its analyzer's own judgment: nobody else writes it, not even a lead.
Status checkOwner(const Analyzer& as, std::int64_t ownerId)
{
    if (as.id != ownerId)
        return Status::failure("analyzer '" + as.name + "' cannot change another analyzer's label");
    return Status::success();
}

} // namespace

Result<Label> ProjectStore::saveLabel(const Analyzer& as, const Label& label, ReadKind read)
{
    if (Status owner = checkOwner(as, label.analyzerId); !owner)
        return Error {owner.error()};
    if (Status valid = validateLabel(label); !valid)
        return Error {valid.error()};
    return guarded([&]() -> Result<Label> {
        Transaction tx(*m_db);
        Statement exists = m_db->prepare("SELECT 1 FROM item WHERE id = ?");
        if (!exists.bind(1, label.itemId).step())
            return Error {"item " + std::to_string(label.itemId) + " is not in " + m_path};
        if (auto old = store::readLabel(*m_db, label.itemId, label.analyzerId, read); old && old->sameValue(label))
            return *old; // nothing changed: no commit, no audit row
        Label stored = label;
        stored.timestamp = utcNow();
        store::writeLabel(*m_db, label.itemId, label.analyzerId, stored, as.id, "set", std::nullopt, read);
        tx.commit();
        return stored;
    });
}

Status ProjectStore::clearLabel(const Analyzer& as, std::int64_t itemId, std::int64_t ownerId, ReadKind read)
{
    if (Status owner = checkOwner(as, ownerId); !owner)
        return owner;
    return guarded([&]() -> Status {
        Transaction tx(*m_db);
        if (store::readLabel(*m_db, itemId, ownerId, read))
            store::writeLabel(*m_db, itemId, ownerId, std::nullopt, as.id, "set", std::nullopt, read);
        tx.commit();
        return Status::success();
    });
}

Result<std::optional<Label>> ProjectStore::label(
    const Analyzer& as, std::int64_t itemId, std::int64_t ownerId, ReadKind read)
{
    if (!as.isLead() && as.id != ownerId)
        return Error {"analyzers are blinded: '" + as.name + "' cannot see another analyzer's label"};
    return guarded([&]() -> Result<std::optional<Label>> { return store::readLabel(*m_db, itemId, ownerId, read); });
}

Result<std::vector<Label>> ProjectStore::labels(const Analyzer& as, ReadKind read)
{
    return guarded([&]() -> Result<std::vector<Label>> {
        Statement st = m_db->prepare(std::string("SELECT ") + store::kLabelColumns + " FROM " +
            store::labelTable(read) + " WHERE ? OR analyzer_id = ? ORDER BY item_id, analyzer_id");
        st.bind(1, as.isLead() ? 1 : 0).bind(2, as.id);
        std::vector<Label> all;
        while (st.step())
            all.push_back(store::labelFromRow(st));
        return all;
    });
}

Result<std::vector<HistoryEntry>> ProjectStore::history(const Analyzer& as, std::int64_t itemId)
{
    return guarded([&]() -> Result<std::vector<HistoryEntry>> {
        Statement st =
            m_db->prepare(std::string(kHistoryColumns) + "WHERE item_id = ? AND (? OR analyzer_id = ?) ORDER BY id");
        st.bind(1, itemId).bind(2, as.isLead() ? 1 : 0).bind(3, as.id);
        std::vector<HistoryEntry> all;
        while (st.step())
            all.push_back(store::historyFromRow(st));
        return all;
    });
}

Result<std::int64_t> ProjectStore::labelVersion(
    const Analyzer& as, std::int64_t itemId, std::int64_t ownerId, ReadKind read)
{
    if (!as.isLead() && as.id != ownerId)
        return Error {"analyzers are blinded: '" + as.name + "' cannot see another analyzer's label"};
    return guarded([&]() -> Result<std::int64_t> { return store::labelVersion(*m_db, itemId, ownerId, read); });
}

Result<UndoOutcome> ProjectStore::undo(const Analyzer& as)
{
    return revert(as, false);
}
Result<UndoOutcome> ProjectStore::redo(const Analyzer& as)
{
    return revert(as, true);
}

Result<UndoOutcome> ProjectStore::revert(const Analyzer& as, bool redo)
{
    return guarded([&]() -> Result<UndoOutcome> {
        Transaction tx(*m_db);
        // Replay this analyzer's own changes into undo/redo stacks: the history is the truth,
        // so undo works across restarts and never needs state of its own.
        std::vector<std::int64_t> undoable, redoable;
        Statement st = m_db->prepare("SELECT id, action FROM label_history WHERE changed_by = ? "
                                     "AND action IN ('set', 'undo', 'redo') ORDER BY id");
        st.bind(1, as.id);
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
            return UndoOutcome {};
        Statement row = m_db->prepare(std::string(kHistoryColumns) + "WHERE id = ?");
        row.bind(1, stack.back()).step();
        const HistoryEntry entry = store::historyFromRow(row);
        std::optional<Label> value = redo ? entry.newValue : entry.oldValue;
        if (value)
            value->timestamp = utcNow();
        store::writeLabel(
            *m_db, entry.itemId, entry.analyzerId, value, as.id, redo ? "redo" : "undo", entry.id, entry.read);
        tx.commit();
        return UndoOutcome {true, entry.itemId, value, entry.read};
    });
}

} // namespace sg::core
