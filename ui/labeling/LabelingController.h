#pragma once
// The labeling workflow without widgets: one signed-in analyzer (or lead), the current item
// of their worklist and the label being edited. Every commit is on disk before the next item
// is shown (LabelingSession::save commits). Blinding comes from the core API: for an
// analyzer nothing here ever asks for another analyzer's labels.
// The controller coordinates: the worklist with the user's own labels and statuses is a
// LabelingWorklist, the label being edited (its rules, patch edits, undo of unsaved edits) a
// LabelEditor; saving (with the conflict check), following the file and moving through the
// worklist are here, since each of them changes what is shown.
#include "core/store/LabelingSession.h"
#include "ui/labeling/LabelEditor.h"
#include "ui/labeling/LabelingWorklist.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace sg::ui {

// A save refused because the label was changed elsewhere (the same analyzer in another
// window or process) since this window showed it; the user chooses keepMine or takeNewer.
struct LabelConflict {
    std::int64_t itemId = 0;
    int position = 0; // the worklist entry on screen
    sg::core::Label mine; // what this window was saving
    std::optional<sg::core::Label> newer; // what the file holds now (nullopt: no label)
    std::int64_t version = 0; // the label's row version in the file now
};

class LabelingController : public QObject {
    Q_OBJECT
public:
    explicit LabelingController(QObject* parent = nullptr);
    ~LabelingController() override;

    // Signs in to the project as `name` (a new name becomes an analyzer) and shows the first
    // item without a label of theirs. False (and message()) if the project cannot be opened.
    bool open(const QString& projectPath, const QString& name);
    void close();
    bool isOpen() const { return m_session != nullptr; }
    const sg::core::Analyzer& who() const { return m_session->who(); }
    bool isLead() const { return m_session && m_session->who().isLead(); }
    QString projectPath() const { return m_projectPath; }
    // A reader kit (core/store/ReaderKit.h): its pixels are inside it, there is no DICOM folder.
    bool isReaderKit() const { return m_readerKit; }

    // The analyzer's order (an item scheduled for a blinded re-read appears twice: the
    // entries look alike, only the store knows which is the re-read), the current position in
    // it and the items' records.
    const std::vector<std::int64_t>& order() const { return m_worklist.order(); }
    int position() const { return m_position; }
    const sg::core::Item* item() const;
    const sg::core::Item* itemById(std::int64_t itemId) const;
    // The label being edited (not saved until commitAndNext).
    const sg::core::Label& pending() const { return m_editor.label(); }
    const std::optional<sg::core::Prediction>& proposal() const { return m_proposal; }
    // Own saved labels only; statuses and progress are the signed-in user's.
    ItemStatus status(std::int64_t itemId) const { return m_worklist.status(itemId); } // the item's first read
    const sg::core::Label* savedLabel(std::int64_t itemId) const // own first read; nullptr if none
    {
        return m_worklist.own(sg::core::ReadKind::First, itemId);
    }
    // The same for the entry at a worklist position (a re-read has its own label, empty until
    // given: the first read's is never shown there).
    ItemStatus statusAt(int position) const { return m_worklist.statusAt(position); }
    const sg::core::Label* savedAt(int position) const { return m_worklist.savedAt(position); }
    const sg::core::WorklistProgress& progress() const { return m_progress; }
    // Every analyzer's label of the item with their names: a lead's review; empty for an analyzer.
    std::vector<std::pair<QString, sg::core::Label>> allLabels(std::int64_t itemId);
    double defaultPatchSize() const { return m_editor.defaultPatchSize(); }
    // How the GUI names an item: "item 3 / 10 (L4/L5)" (its place in the order, its level).
    QString itemKey(std::int64_t itemId) const { return m_worklist.itemKey(itemId); }
    QString positionKey(int position) const { return m_worklist.positionKey(position); } // the same for a position
    // Edits of the item on screen not saved yet (undo takes these back first).
    bool hasUnsavedEdits() const { return m_editor.hasEdits(); }
    const std::optional<LabelConflict>& conflict() const { return m_conflict; }

    // Editing the pending label (LabelEditor.h). A grade (or sub-grade) makes the slice rootlet;
    // cord clears the grade: the label on screen is always one that can be saved.
    void setCanal(sg::core::Canal canal) { m_editor.setCanal(canal); }
    void setGrade(sg::core::Grade grade) { m_editor.setGrade(grade); }
    void setSubgrade(std::optional<int> subgrade) { m_editor.setSubgrade(subgrade); }
    void setComment(const QString& comment) { m_editor.setComment(comment); }
    void setPatch(const sg::core::Patch& patch) { m_editor.setPatch(patch); }
    void placePatchAt(double column, double row) { m_editor.placePatchAt(column, row); } // a click
    void nudgePatch(double dx, double dy) { m_editor.nudgePatch(dx, dy); }
    void resizePatch(double delta) { m_editor.resizePatch(delta); } // keeps the centre

    // Corrects the level of the current item's stack (every slice of that disc) in the
    // project, for everyone; false (and message) when refused.
    bool correctLevel(std::optional<sg::core::Level> level);

    // Moving through the worklist. Each returns false (and emits message) when refused.
    // A save needs the canal (rootlet or cord) set; an item without one is skipped (skip).
    bool commitAndNext();
    // The slice on screen could not be read (LabelingMode says so when its load fails): no
    // judgement can be saved on it, only a skip with a reason. Cleared with every item shown.
    void setSliceUnreadable(bool unreadable) { m_sliceUnreadable = unreadable; }
    bool previous();
    bool skip(const QString& reason);
    bool jumpTo(std::int64_t itemId);
    bool jumpToPosition(int position);
    // Undo takes back the edits of the item on screen first; beyond them, the saved label
    // changes (newest first), showing that item and saying which it is.
    bool undo();
    bool redo();
    // After conflictFound: save this window's label over the newer one, or show the newer one.
    bool keepMine();
    bool takeNewer();
    // Labels the same analyzer gave elsewhere (another window or process) since the last look:
    // statuses follow, and the item on screen is shown as it is now unless it has edits not
    // saved (those are asked about when saved). The window calls it when it comes to the front.
    void followFile();
    // The CNN's prediction of the current item was just stored: read it (blinded) again.
    void reloadProposal();

signals:
    void itemChanged();
    void labelChanged();
    void progressChanged();
    void labelSaved(); // a label of the user's was committed to the file (the log counts them)
    void levelsChanged(); // items' levels were corrected (worklist and progress per level change)
    void message(const QString& text);
    void conflictFound(); // conflict() says what; answer with keepMine or takeNewer

private:
    void advance(); // after a save: the next item without a label of the user's
    void show(int position);
    void readOwnLabel(int position); // the file's label of that entry and its row version
    void setOwnLabels(sg::core::ReadKind read, std::vector<sg::core::Label> labels);
    void followChangesElsewhere();
    void readProposal();
    bool save(sg::core::Label label);
    bool revert(bool redo);
    void refreshProgress();
    double secondsOnItem() const;
    void fail(const std::string& what);

    std::unique_ptr<sg::core::LabelingSession> m_session;
    QString m_projectPath;
    LabelingWorklist m_worklist;
    sg::core::WorklistProgress m_progress;
    int m_position = -1;
    LabelEditor m_editor; // the pending label
    std::optional<sg::core::Prediction> m_proposal;
    QElapsedTimer m_shownAt; // time spent counts from when the item appeared
    std::int64_t m_shownVersion = 0; // row version of the own label when the item was shown
    std::int64_t m_dataVersion = -1; // the file's data_version when own labels were last read
    std::optional<LabelConflict> m_conflict;
    bool m_readerKit = false; // the open file is a reader kit
    bool m_sliceUnreadable = false; // setSliceUnreadable
};

} // namespace sg::ui
