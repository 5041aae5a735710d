#include "core/store/LabelingSession.h"

#include "core/store/StoreInternal.h"

namespace sg::core {

namespace {

// What the analyzer judged; time spent and timestamp say how long and when, not what.
bool sameJudgment(const Label& a, const Label& b)
{
    return a.patch == b.patch && a.canal == b.canal && a.grade == b.grade && a.subgrade == b.subgrade &&
        a.comment == b.comment;
}

} // namespace

Result<std::unique_ptr<LabelingSession>> LabelingSession::start(
    const std::string& projectPath, const std::string& analyzerName, OpenOptions options)
{
    auto store = ProjectStore::open(projectPath, options);
    if (!store)
        return Error {store.error()};
    // The caller has signed the person in (core/store/Identity.h: the GUI's sign-in dialog,
    // which also refuses names nobody invited in a project that has a lead).
    auto who = (*store)->ensureAnalyzer(analyzerName, Role::Analyzer);
    if (!who)
        return Error {who.error()};
    return std::unique_ptr<LabelingSession>(new LabelingSession(std::move(*store), *who));
}

Result<Label> LabelingSession::save(Label label, ReadKind read)
{
    label.analyzerId = m_who.id;
    return m_store->saveLabel(m_who, label, read);
}

Result<GuardedSave> LabelingSession::saveIfUnchanged(Label label, std::int64_t shownVersion, ReadKind read)
{
    label.analyzerId = m_who.id;
    if (Status valid = validateLabel(label); !valid)
        return Error {valid.error()};
    // ProjectStore::saveLabel's steps, with the version check inside the same write
    // transaction (BEGIN IMMEDIATE): no other connection can commit between check and write.
    return store::guarded([&]() -> Result<GuardedSave> {
        SqliteConnection& db = m_store->connection();
        Transaction tx(db);
        Statement exists = db.prepare("SELECT 1 FROM item WHERE id = ?");
        if (!exists.bind(1, label.itemId).step())
            return Error {"item " + std::to_string(label.itemId) + " is not in " + m_store->path()};
        const auto version = m_store->labelVersion(m_who, label.itemId, m_who.id, read);
        if (!version)
            return Error {version.error()};
        const std::optional<Label> now = store::readLabel(db, label.itemId, m_who.id, read);
        if (*version != shownVersion) {
            // Changed elsewhere to what this window says too: nothing to choose between.
            if (now && sameJudgment(*now, label))
                return GuardedSave {true, *now, *version, {}};
            return GuardedSave {false, label, *version, now};
        }
        if (now && now->sameValue(label))
            return GuardedSave {true, *now, *version, {}}; // nothing changed: no commit, no audit row
        Label stored = label;
        stored.timestamp = utcNow();
        const std::int64_t row =
            store::writeLabel(db, label.itemId, m_who.id, stored, m_who.id, "set", std::nullopt, read);
        tx.commit();
        return GuardedSave {true, stored, row, {}};
    });
}

} // namespace sg::core
