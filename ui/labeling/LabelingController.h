#pragma once
// The labeling workflow without widgets: one signed-in analyzer (or lead), the current item
// of their worklist and the label being edited. Every commit is on disk before the next item
// is shown (LabelingSession::save commits). Blinding comes from the core API: for an
// analyzer nothing here ever asks for another analyzer's labels.
#include "core/store/LabelingSession.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

namespace sg::ui {

enum class ItemStatus { Todo, Done, Skipped };

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
    const std::vector<std::int64_t>& order() const { return m_order; }
    int position() const { return m_position; }
    const sg::core::Item* item() const;
    const sg::core::Item* itemById(std::int64_t itemId) const;
    // The label being edited (not saved until commitAndNext).
    const sg::core::Label& pending() const { return m_pending; }
    const std::optional<sg::core::Prediction>& proposal() const { return m_proposal; }
    // Own saved labels only; statuses and progress are the signed-in user's.
    ItemStatus status(std::int64_t itemId) const; // the item's first read
    const sg::core::Label* savedLabel(std::int64_t itemId) const; // own first read; nullptr if none
    // The same for the entry at a worklist position (a re-read has its own label, empty until
    // given: the first read's is never shown there).
    ItemStatus statusAt(int position) const;
    const sg::core::Label* savedAt(int position) const;
    const sg::core::WorklistProgress& progress() const { return m_progress; }
    // Every analyzer's label of the item with their names: a lead's review; empty for an analyzer.
    std::vector<std::pair<QString, sg::core::Label>> allLabels(std::int64_t itemId);
    double defaultPatchSize() const { return m_patchSize; }
    // How the GUI names an item: "item 3 / 10 (L4/L5)" (its place in the order, its level).
    QString itemKey(std::int64_t itemId) const;
    QString positionKey(int position) const; // the same for a worklist position
    // Edits of the item on screen not saved yet (undo takes these back first).
    bool hasUnsavedEdits() const { return !m_edits.empty(); }
    const std::optional<LabelConflict>& conflict() const { return m_conflict; }

    // Editing the pending label. A grade (or sub-grade) makes the slice rootlet; cord clears
    // the grade: the label on screen is always one that can be saved.
    void setCanal(sg::core::Canal canal);
    void setGrade(sg::core::Grade grade);
    void setSubgrade(std::optional<int> subgrade);
    void setComment(const QString& comment);
    void setPatch(const sg::core::Patch& patch);
    void placePatchAt(double column, double row); // a click: default-size patch centred there
    void nudgePatch(double dx, double dy);
    void resizePatch(double delta); // keeps the centre

    // Corrects the level of the current item's stack (every slice of that disc) in the
    // project, for everyone; false (and message) when refused.
    bool correctLevel(std::optional<sg::core::Level> level);

    // Moving through the worklist. Each returns false (and emits message) when refused.
    // A save needs the canal (rootlet or cord) set; an item without one is skipped (skip).
    bool commitAndNext();
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
    enum class EditKind { Other, Typing, Move, Resize }; // runs of one kind undo as one step
    void edit(EditKind kind, const std::function<void(sg::core::Label&)>& change);
    void advance(); // after a save: the next item without a label of the user's
    void show(int position);
    void readOwnLabel(int position); // the file's label of that entry and its row version
    sg::core::ReadKind readAt(int position) const;
    std::map<std::int64_t, sg::core::Label>& ownOf(sg::core::ReadKind read);
    void setOwnLabels(sg::core::ReadKind read, std::vector<sg::core::Label> labels);
    void followChangesElsewhere();
    void readProposal();
    bool save(sg::core::Label label);
    bool revert(bool redo);
    void refreshProgress();
    std::optional<int> nextUnlabeledAfter(int position) const;
    double secondsOnItem() const;
    void fail(const std::string& what);

    std::unique_ptr<sg::core::LabelingSession> m_session;
    QString m_projectPath;
    std::vector<std::int64_t> m_order;
    std::unordered_map<std::int64_t, sg::core::Item> m_items;
    std::vector<sg::core::ReadKind> m_reads; // per position: first read or re-read
    std::unordered_map<std::int64_t, int> m_positionOf; // first reads
    std::unordered_map<std::int64_t, int> m_rereadPositionOf;
    std::map<std::int64_t, sg::core::Label> m_own; // saved first-read labels of the signed-in user
    std::map<std::int64_t, sg::core::Label> m_ownRereads; // their re-read labels, apart
    sg::core::WorklistProgress m_progress;
    int m_position = -1;
    sg::core::Label m_pending;
    std::optional<sg::core::Prediction> m_proposal;
    QElapsedTimer m_shownAt; // time spent counts from when the item appeared
    double m_patchSize = 64; // pixels; the last size used
    std::vector<sg::core::Label> m_edits; // the pending label before each edit of this item
    std::vector<sg::core::Label> m_redoEdits;
    EditKind m_lastEdit = EditKind::Other;
    std::int64_t m_shownVersion = 0; // row version of the own label when the item was shown
    std::int64_t m_dataVersion = -1; // the file's data_version when own labels were last read
    std::optional<LabelConflict> m_conflict;
    bool m_readerKit = false; // the open file is a reader kit
};

} // namespace sg::ui
