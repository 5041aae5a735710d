#pragma once
// What the labeling GUI talks to: one analyzer working through their worklist in one
// project. Every call is complete when it returns (save() has committed), so the GUI shows
// the next item only after the label is on disk. Blinding is built in: the session only
// ever returns this analyzer's labels. One session per thread (it owns its connection).
#include "core/store/ProjectStore.h"
#include "core/store/Worklist.h"

#include <memory>
#include <string>

namespace sg::core {

// The outcome of a save that checks the label was not changed elsewhere since it was shown.
struct GuardedSave {
    bool saved = false; // false: changed elsewhere, nothing written
    Label label; // saved: as stored (with its timestamp)
    std::int64_t version = 0; // the label's row version now (ProjectStore::labelVersion)
    std::optional<Label> newer; // not saved: the label as the other window / process left it
};

class LabelingSession {
public:
    // Opens the project and signs in as `analyzerName`, creating the analyzer (role analyzer)
    // on first use so a new analyzer can start labeling at once.
    static Result<std::unique_ptr<LabelingSession>> start(
        const std::string& projectPath, const std::string& analyzerName, OpenOptions options = {});

    const Analyzer& who() const { return m_who; }
    ProjectStore& store() { return *m_store; }

    // A worklist entry is an item and which read of it (first or re-read); the labels of
    // the two reads are apart, so a re-read starts empty and never overwrites the first.
    Result<std::optional<Item>> nextItem() { return core::nextItem(*m_store, m_who); }
    Result<std::optional<WorklistEntry>> nextEntry() { return core::nextEntry(*m_store, m_who); }
    Result<std::vector<std::int64_t>> order() { return worklistOrder(*m_store, m_who); }
    Result<std::vector<WorklistEntry>> entries() { return worklistEntries(*m_store, m_who); }
    Result<WorklistProgress> progress() { return core::progress(*m_store, m_who); }
    Result<Item> item(std::int64_t itemId) { return m_store->item(itemId); }
    Result<std::optional<Label>> label(std::int64_t itemId, ReadKind read = ReadKind::First)
    {
        return m_store->label(m_who, itemId, m_who.id, read);
    }
    Result<std::int64_t> version(std::int64_t itemId, ReadKind read = ReadKind::First)
    {
        return m_store->labelVersion(m_who, itemId, m_who.id, read);
    }
    // Fills in the analyzer; commits the label and its audit row before returning.
    Result<Label> save(Label label, ReadKind read = ReadKind::First);
    // As save, but only if the label's row version is still `shownVersion` (what the caller
    // read when it showed the item): the same analyzer in a second window or process never
    // has their newer label overwritten unseen. Check and write are one transaction.
    Result<GuardedSave> saveIfUnchanged(Label label, std::int64_t shownVersion, ReadKind read = ReadKind::First);
    Status clear(std::int64_t itemId, ReadKind read = ReadKind::First)
    {
        return m_store->clearLabel(m_who, itemId, m_who.id, read);
    }
    Result<UndoOutcome> undo() { return m_store->undo(m_who); }
    Result<UndoOutcome> redo() { return m_store->redo(m_who); }
    Result<std::vector<Prediction>> predictions(std::int64_t itemId) { return m_store->predictions(m_who, itemId); }

private:
    LabelingSession(std::unique_ptr<ProjectStore> store, Analyzer who)
        : m_store(std::move(store)), m_who(std::move(who))
    {
    }
    std::unique_ptr<ProjectStore> m_store;
    Analyzer m_who;
};

} // namespace sg::core
