#include "ui/labeling/LabelingWorklist.h"

#include "ui/labeling/LabelText.h"

namespace sg::ui {

using namespace sg::core;

void LabelingWorklist::reset(const std::vector<WorklistEntry>& entries, std::vector<Item> items)
{
    clear();
    for (const WorklistEntry& e : entries) {
        const int position = static_cast<int>(m_order.size());
        (e.read == ReadKind::Reread ? m_rereadPositionOf : m_positionOf)[e.itemId] = position;
        m_order.push_back(e.itemId);
        m_reads.push_back(e.read);
    }
    for (auto& item : items)
        m_items.emplace(item.id, std::move(item));
}

void LabelingWorklist::clear()
{
    m_order.clear();
    m_reads.clear();
    m_items.clear();
    m_positionOf.clear();
    m_rereadPositionOf.clear();
    m_own.clear();
    m_ownRereads.clear();
}

ReadKind LabelingWorklist::readAt(int position) const
{
    return contains(position) ? m_reads[static_cast<size_t>(position)] : ReadKind::First;
}

std::optional<int> LabelingWorklist::positionOf(std::int64_t itemId, ReadKind read) const
{
    const auto& positions = read == ReadKind::Reread ? m_rereadPositionOf : m_positionOf;
    const auto it = positions.find(itemId);
    return it == positions.end() ? std::nullopt : std::optional<int>(it->second);
}

const Item* LabelingWorklist::itemById(std::int64_t itemId) const
{
    const auto it = m_items.find(itemId);
    return it == m_items.end() ? nullptr : &it->second;
}

void LabelingWorklist::updateLevels(const std::vector<Item>& items)
{
    for (const Item& i : items)
        if (const auto it = m_items.find(i.id); it != m_items.end())
            it->second.level = i.level;
}

std::map<std::int64_t, Label>& LabelingWorklist::ownOf(ReadKind read)
{
    return read == ReadKind::Reread ? m_ownRereads : m_own;
}

const std::map<std::int64_t, Label>& LabelingWorklist::ownOf(ReadKind read) const
{
    return read == ReadKind::Reread ? m_ownRereads : m_own;
}

void LabelingWorklist::setOwnLabels(ReadKind read, std::vector<Label> labels, std::int64_t analyzerId)
{
    auto& own = ownOf(read);
    own.clear();
    for (auto& label : labels)
        if (label.analyzerId == analyzerId)
            own[label.itemId] = std::move(label);
}

void LabelingWorklist::setOwn(ReadKind read, std::int64_t itemId, const std::optional<Label>& label)
{
    if (label)
        ownOf(read)[itemId] = *label;
    else
        ownOf(read).erase(itemId);
}

const Label* LabelingWorklist::own(ReadKind read, std::int64_t itemId) const
{
    const auto& own = ownOf(read);
    const auto it = own.find(itemId);
    return it == own.end() ? nullptr : &it->second;
}

const Label* LabelingWorklist::savedAt(int position) const
{
    if (!contains(position))
        return nullptr;
    return own(readAt(position), itemIdAt(position));
}

ItemStatus LabelingWorklist::status(std::int64_t itemId) const
{
    const Label* saved = own(ReadKind::First, itemId);
    if (!saved)
        return ItemStatus::Todo;
    return isSkip(*saved) ? ItemStatus::Skipped : ItemStatus::Done;
}

ItemStatus LabelingWorklist::statusAt(int position) const
{
    const Label* saved = savedAt(position);
    if (!saved)
        return ItemStatus::Todo;
    return isSkip(*saved) ? ItemStatus::Skipped : ItemStatus::Done;
}

std::optional<int> LabelingWorklist::nextUnlabeledAfter(int position) const
{
    const int n = size();
    for (int step = 1; step <= n; ++step) {
        const int p = ((position + step) % n + n) % n;
        if (!savedAt(p))
            return p;
    }
    return std::nullopt;
}

QString LabelingWorklist::positionKey(int position) const
{
    if (!contains(position))
        return tr("no item");
    const Item* i = itemById(itemIdAt(position));
    const std::string level = i ? levelName(i->level) : std::string();
    const QString key = tr("item %1 / %2").arg(position + 1).arg(m_order.size());
    return level.empty() ? key : QStringLiteral("%1 (%2)").arg(key, QString::fromStdString(level));
}

QString LabelingWorklist::itemKey(std::int64_t itemId, ReadKind read) const
{
    const auto position = positionOf(itemId, read);
    return position ? positionKey(*position) : tr("item #%1 (not in your worklist)").arg(itemId);
}

} // namespace sg::ui
