#pragma once
// The lead's review without widgets: the queue of disagreements (core's ranking, the filters
// chosen here), the item on screen with every rater's read, and the consensus being edited,
// recorded through the store (who and when are the store's; every change has a history row,
// so undo and redo are store operations). Tested without a window.
#include "core/labels/ConsensusReason.h"
#include "core/labels/Label.h"
#include "core/review/ReviewQueue.h"
#include "core/store/ProjectTypes.h"
#include "core/study/Level.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace sg::core {
class ProjectStore;
class ItemKeys;
} // namespace sg::core

namespace sg::ui {

// One rater's read of the item on screen: an analyzer's label or a model's prediction.
struct RaterRead {
    QString name;
    std::int64_t analyzerId = 0; // 0 for a model
    bool model = false;
    std::optional<sg::core::Label> label; // analyzers; for a model: canal/grade from its probabilities
};

// The consensus being edited (not recorded until record()).
struct ConsensusDraft {
    std::optional<sg::core::Canal> canal;
    std::optional<sg::core::Grade> grade;
    std::optional<int> subgrade;
    std::optional<sg::core::Patch> patch;
    std::optional<sg::core::ConsensusReason> reason;
    QString note; // free text beside the reason code
    bool operator==(const ConsensusDraft&) const = default;
};

class ReviewController : public QObject {
    Q_OBJECT
public:
    explicit ReviewController(QObject* parent = nullptr);
    ~ReviewController() override;

    // Opens its own connection as `leadName` (a lead of the project). False: message().
    bool open(const QString& projectPath, const QString& leadName);
    void close();
    bool isOpen() const { return m_store != nullptr; }
    QString projectPath() const { return m_projectPath; }
    QString leadName() const;

    static QString reasonTitle(sg::core::ConsensusReason reason); // "Borderline grade"

    // The queue after the filter, in core's order; the analyzer pairs seen in the whole queue
    // ("ana / bob").
    const std::vector<const sg::core::ReviewEntry*>& queue() const { return m_visible; }
    const sg::core::ReviewQueue& fullQueue() const { return m_queue; }
    QStringList pairs() const;
    // The project's analyzers but leads, as they joined: their colours (ui/charts/RaterColors.h).
    const QStringList& analyzersJoined() const { return m_analyzersJoined; }
    QString pairName(const std::pair<int, int>& pair) const;
    const sg::core::ReviewFilter& filter() const { return m_filter; }
    void setFilter(const sg::core::ReviewFilter& filter);
    int decidedCount() const; // of the filtered queue
    // Why the filtered queue is empty, said plainly ("No disagreements to review: 15 items
    // labeled by two analyzers, they agree on all."); empty while it has entries.
    QString emptyQueueText() const;
    int position() const { return m_position; } // in queue(); -1: an item off the queue, or none
    std::int64_t currentItem() const { return m_itemId; }
    const sg::core::Item* item() const { return m_item ? &*m_item : nullptr; }
    QString currentKey() const;

    // Moving. next/previous walk the filtered queue; goTo shows any item (off the queue too).
    bool next();
    bool previous();
    bool goTo(std::int64_t itemId);
    bool nextOpen(); // the next undecided entry after the current one (wraps once)

    // The item on screen.
    const std::vector<RaterRead>& raters() const { return m_raters; }
    // Analyzers only, numbered as the accept keys count them (1-based; nullptr past the end).
    const RaterRead* analyzer(int number) const;
    const ConsensusDraft& draft() const { return m_draft; }
    const std::optional<sg::core::Consensus>& recorded() const { return m_recorded; }
    QString decidedText() const; // "decided by lead at 2026-12-01 14:02 (UTC)" or ""
    bool isDraftRecorded() const; // the draft is what the store holds (no edit since)
    // The review's own connection (the GUI thread's; small reads only).
    sg::core::ProjectStore& store() { return *m_store; }

    // Editing the draft: the labeling rules (a grade makes it rootlet, cord clears the grade).
    void setCanal(sg::core::Canal canal);
    void setGrade(sg::core::Grade grade);
    void setSubgrade(std::optional<int> subgrade);
    void setPatch(const std::optional<sg::core::Patch>& patch);
    void setReason(sg::core::ConsensusReason reason);
    void setNote(const QString& note);
    bool acceptPatch(int analyzerNumber);
    // Takes analyzer N's label (canal, grade, sub-grade, patch) and records it; the reason is
    // the one chosen for this item, else "reader error" (the other read was wrong).
    bool acceptLabel(int analyzerNumber);
    // Records the draft, then shows the next open entry. Needs a canal and a reason.
    bool record();
    bool undo();
    bool redo();

signals:
    void queueChanged(); // entries, filter or statuses changed
    void itemChanged(); // another item is on screen
    void draftChanged();
    void recordedChanged(); // a consensus was recorded, undone or redone (the dashboard follows)
    void message(const QString& text);

private:
    void rebuildQueue(); // reads the queue from core (one snapshot), keeps the item on screen
    void applyFilter();
    void load(std::int64_t itemId); // raters, recorded consensus, draft
    void edit(const std::function<void(ConsensusDraft&)>& change);
    bool fail(const std::string& what);

    std::unique_ptr<sg::core::ProjectStore> m_store;
    std::unique_ptr<sg::core::ItemKeys> m_keys;
    sg::core::Analyzer m_lead;
    QString m_projectPath;
    sg::core::ReviewQueue m_queue;
    std::vector<const sg::core::ReviewEntry*> m_visible;
    sg::core::ReviewFilter m_filter;
    int m_position = -1;
    std::int64_t m_itemId = 0;
    std::optional<sg::core::Item> m_item;
    std::vector<RaterRead> m_raters;
    QStringList m_analyzersJoined;
    int m_itemsCompared = 0; // items labeled by two analyzers or more
    ConsensusDraft m_draft;
    std::optional<sg::core::Consensus> m_recorded;
};

} // namespace sg::ui
