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
#include <map>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

namespace sg::ui {

enum class ItemStatus { Todo, Done, Skipped };

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

    // The analyzer's order, the current position in it and the items' records.
    const std::vector<std::int64_t>& order() const { return m_order; }
    int position() const { return m_position; }
    const sg::core::Item* item() const;
    const sg::core::Item* itemById(std::int64_t itemId) const;
    // The label being edited (not saved until commitAndNext).
    const sg::core::Label& pending() const { return m_pending; }
    const std::optional<sg::core::Prediction>& proposal() const { return m_proposal; }
    // Own saved labels only; statuses and progress are the signed-in user's.
    ItemStatus status(std::int64_t itemId) const;
    const sg::core::Label* savedLabel(std::int64_t itemId) const; // own; nullptr if none
    const sg::core::Progress& progress() const { return m_progress; }
    // Every analyzer's label of the item with their names: a lead's review; empty for an analyzer.
    std::vector<std::pair<QString, sg::core::Label>> allLabels(std::int64_t itemId);
    double defaultPatchSize() const { return m_patchSize; }

    // Editing the pending label.
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
    bool commitAndNext();
    bool previous();
    bool skip(const QString& reason);
    bool jumpTo(std::int64_t itemId);
    bool undo();
    bool redo();
    // The CNN's prediction of the current item was just stored: read it (blinded) again.
    void reloadProposal();

signals:
    void itemChanged();
    void labelChanged();
    void progressChanged();
    void levelsChanged(); // items' levels were corrected (worklist and progress per level change)
    void message(const QString& text);

private:
    void show(int position);
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
    std::unordered_map<std::int64_t, int> m_positionOf;
    std::map<std::int64_t, sg::core::Label> m_own; // saved labels of the signed-in user
    sg::core::Progress m_progress;
    int m_position = -1;
    sg::core::Label m_pending;
    std::optional<sg::core::Prediction> m_proposal;
    QElapsedTimer m_shownAt; // time spent counts from when the item appeared
    double m_patchSize = 64; // pixels; the last size used
};

} // namespace sg::ui
