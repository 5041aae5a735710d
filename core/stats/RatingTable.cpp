#include "core/stats/RatingTable.h"

#include <algorithm>

namespace sg::core {

RatingTable::RatingTable() : m_all(makeTallies()) {}

RatingTable::Tallies RatingTable::makeTallies()
{
    Tallies t;
    for (Scale s : kAllScales)
        t.emplace_back(scaleClassCount(s));
    return t;
}

int RatingTable::raterIndex(std::string_view rater)
{
    const auto it = m_raterIndex.find(std::string(rater));
    if (it != m_raterIndex.end())
        return it->second;
    m_raterNames.emplace_back(rater);
    return m_raterIndex[std::string(rater)] = static_cast<int>(m_raterNames.size()) - 1;
}

int RatingTable::itemIndex(std::string_view item)
{
    const auto [it, inserted] = m_itemIndex.try_emplace(std::string(item), static_cast<int>(m_items.size()));
    if (inserted)
        m_items.emplace_back();
    return it->second;
}

std::span<const int8_t> RatingTable::inScale(const std::vector<int8_t>& labels, Scale scale)
{
    // The tallies of a view see the item's labels in the view's classes.
    m_scratch.resize(labels.size());
    for (size_t r = 0; r < labels.size(); ++r)
        m_scratch[r] = labels[r] < 0 ? int8_t{-1} : static_cast<int8_t>(scaleClassOf(scale, labels[r]));
    return m_scratch;
}

void RatingTable::applyToTallies(Item& item, int rater, Task task, int newTaskClass, Tallies* levelTallies)
{
    const auto& labels = item.labels[static_cast<int>(task)];
    for (Scale scale : scalesOfTask(task)) {
        const auto before = inScale(labels, scale);
        const int newClass = newTaskClass < 0 ? -1 : scaleClassOf(scale, newTaskClass);
        m_all[static_cast<size_t>(scale)].change(before, rater, newClass);
        if (levelTallies)
            (*levelTallies)[static_cast<size_t>(scale)].change(before, rater, newClass);
    }
}

void RatingTable::transferItem(const Item& item, Task task, Tallies& tallies, bool add)
{
    // One label at a time, the same O(1) steps as label changes, so the counts stay exact.
    const auto& labels = item.labels[static_cast<int>(task)];
    std::vector<int8_t> partial = add ? std::vector<int8_t>(labels.size(), -1) : labels;
    for (size_t r = 0; r < labels.size(); ++r) {
        if (labels[r] < 0)
            continue;
        for (Scale scale : scalesOfTask(task))
            tallies[static_cast<size_t>(scale)].change(inScale(partial, scale), static_cast<int>(r),
                                                       add ? scaleClassOf(scale, labels[r]) : -1);
        partial[r] = add ? labels[r] : int8_t{-1};
    }
}

bool RatingTable::setLabel(std::string_view itemId, std::string_view rater, Task task, std::optional<int> taskClass)
{
    const int classes = static_cast<int>(taskClasses(task).size());
    if (taskClass && (*taskClass < 0 || *taskClass >= classes))
        return false;
    const int r = raterIndex(rater);
    Item& item = m_items[static_cast<size_t>(itemIndex(itemId))];
    auto& labels = item.labels[static_cast<int>(task)];
    const int newClass = taskClass.value_or(-1);
    const int oldClass = r < static_cast<int>(labels.size()) ? labels[static_cast<size_t>(r)] : -1;
    if (oldClass == newClass)
        return true;
    applyToTallies(item, r, task, newClass, item.level >= 0 ? &m_levelTallies[static_cast<size_t>(item.level)] : nullptr);
    if (r >= static_cast<int>(labels.size()))
        labels.resize(static_cast<size_t>(r) + 1, -1);
    labels[static_cast<size_t>(r)] = static_cast<int8_t>(newClass);
    return true;
}

void RatingTable::setItemLevel(std::string_view itemId, std::string_view level)
{
    int newLevel = -1;
    if (!level.empty()) {
        const auto it = std::find(m_levelNames.begin(), m_levelNames.end(), level);
        newLevel = static_cast<int>(it - m_levelNames.begin());
        if (it == m_levelNames.end()) {
            m_levelNames.emplace_back(level);
            m_levelTallies.push_back(makeTallies());
        }
    }
    Item& item = m_items[static_cast<size_t>(itemIndex(itemId))];
    if (item.level == newLevel)
        return;
    for (Task task : {Task::Grade, Task::Canal}) {
        if (item.level >= 0)
            transferItem(item, task, m_levelTallies[static_cast<size_t>(item.level)], false);
        if (newLevel >= 0)
            transferItem(item, task, m_levelTallies[static_cast<size_t>(newLevel)], true);
    }
    item.level = newLevel;
}

std::optional<int> RatingTable::label(std::string_view itemId, std::string_view rater, Task task) const
{
    const auto it = m_itemIndex.find(std::string(itemId));
    const auto rt = m_raterIndex.find(std::string(rater));
    if (it == m_itemIndex.end() || rt == m_raterIndex.end())
        return std::nullopt;
    const auto& labels = m_items[static_cast<size_t>(it->second)].labels[static_cast<int>(task)];
    if (rt->second >= static_cast<int>(labels.size()) || labels[static_cast<size_t>(rt->second)] < 0)
        return std::nullopt;
    return labels[static_cast<size_t>(rt->second)];
}

std::string RatingTable::itemLevel(std::string_view itemId) const
{
    const auto it = m_itemIndex.find(std::string(itemId));
    if (it == m_itemIndex.end() || m_items[static_cast<size_t>(it->second)].level < 0)
        return {};
    return m_levelNames[static_cast<size_t>(m_items[static_cast<size_t>(it->second)].level)];
}

const AgreementTally* RatingTable::levelTally(Scale scale, const std::string& level) const
{
    const auto it = std::find(m_levelNames.begin(), m_levelNames.end(), level);
    if (it == m_levelNames.end())
        return nullptr;
    return &m_levelTallies[static_cast<size_t>(it - m_levelNames.begin())][static_cast<size_t>(scale)];
}

std::vector<std::string> RatingTable::levels() const
{
    std::vector<std::string> sorted = m_levelNames;
    std::sort(sorted.begin(), sorted.end());
    return sorted;
}

void addLabelRows(RatingTable& table, const std::vector<LabelRow>& rows)
{
    for (const LabelRow& row : rows)
        table.setLabel(row.item, row.rater, row.task, row.label.empty() ? std::nullopt : classIndex(row.task, row.label));
}

} // namespace sg::core
