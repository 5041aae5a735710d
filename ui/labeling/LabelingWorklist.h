#pragma once
// The signed-in user's worklist as the labeling window walks it: the entries in their order
// (an item scheduled for a blinded re-read appears twice; only the store knows which entry is
// the re-read), the items' records, the user's own saved labels of each entry, the statuses
// they make, and how the GUI names an entry. No store and no signals: the controller fills it.
#include "core/store/LabelingSession.h"

#include <QCoreApplication>
#include <QString>

#include <cstdint>
#include <map>
#include <optional>
#include <unordered_map>
#include <vector>

namespace sg::ui {

enum class ItemStatus { Todo, Done, Skipped };

class LabelingWorklist {
    Q_DECLARE_TR_FUNCTIONS(LabelingWorklist)
public:
    // Everything anew: the entries in order and the items' records (own labels cleared).
    void reset(const std::vector<sg::core::WorklistEntry>& entries, std::vector<sg::core::Item> items);
    void clear();

    const std::vector<std::int64_t>& order() const { return m_order; }
    int size() const { return static_cast<int>(m_order.size()); }
    bool empty() const { return m_order.empty(); }
    bool contains(int position) const { return position >= 0 && position < size(); }
    std::int64_t itemIdAt(int position) const { return m_order[static_cast<size_t>(position)]; }
    // First read or re-read; First outside the worklist.
    sg::core::ReadKind readAt(int position) const;
    // The entry of the item's first read, or of its re-read.
    std::optional<int> positionOf(std::int64_t itemId, sg::core::ReadKind read = sg::core::ReadKind::First) const;
    const sg::core::Item* itemById(std::int64_t itemId) const;
    // Levels corrected in the project: the records of the items listed here follow.
    void updateLevels(const std::vector<sg::core::Item>& items);

    // The user's own saved labels, first reads and re-reads apart. `setOwnLabels` keeps those
    // of `analyzerId` only (a lead is given everyone's).
    void setOwnLabels(sg::core::ReadKind read, std::vector<sg::core::Label> labels, std::int64_t analyzerId);
    void setOwn(sg::core::ReadKind read, std::int64_t itemId, const std::optional<sg::core::Label>& label);
    const sg::core::Label* own(sg::core::ReadKind read, std::int64_t itemId) const; // nullptr if none
    const sg::core::Label* savedAt(int position) const; // the entry's own label (a re-read: its own)
    ItemStatus status(std::int64_t itemId) const; // the item's first read
    ItemStatus statusAt(int position) const;
    // The next entry after `position` (round the end) without a label of the user's.
    std::optional<int> nextUnlabeledAfter(int position) const;

    // "item 3 / 10 (L4/L5)": the entry's place in the order and its item's level.
    QString positionKey(int position) const;
    // The same for the item's entry of that read; "item #7 (not in your worklist)" without one.
    QString itemKey(std::int64_t itemId, sg::core::ReadKind read = sg::core::ReadKind::First) const;

private:
    std::map<std::int64_t, sg::core::Label>& ownOf(sg::core::ReadKind read);
    const std::map<std::int64_t, sg::core::Label>& ownOf(sg::core::ReadKind read) const;

    std::vector<std::int64_t> m_order;
    std::unordered_map<std::int64_t, sg::core::Item> m_items;
    std::vector<sg::core::ReadKind> m_reads; // per position: first read or re-read
    std::unordered_map<std::int64_t, int> m_positionOf; // first reads
    std::unordered_map<std::int64_t, int> m_rereadPositionOf;
    std::map<std::int64_t, sg::core::Label> m_own; // saved first-read labels of the signed-in user
    std::map<std::int64_t, sg::core::Label> m_ownRereads; // their re-read labels, apart
};

} // namespace sg::ui
