#include "core/stats/RatingTable.h"

#include <algorithm>

namespace sg::core {
namespace {

// A bulk count groups items by label pattern while there are at most this many patterns
// ((classes + 1) ^ raters): 5^6 for six graders.
constexpr uint64_t kMaxPatterns = 1u << 16;

// Classes of a task's scale (taskClasses(task).size(), without the call per label).
constexpr int classCount(Task task)
{
    return task == Task::Grade ? 4 : 2;
}

} // namespace

RatingTable::RatingTable() : m_all(makeTallies()) { }

RatingTable::Tallies RatingTable::makeTallies()
{
    Tallies t;
    for (Scale s : kAllScales)
        t.emplace_back(scaleClassCount(s));
    return t;
}

int RatingTable::raterIndex(std::string_view rater)
{
    // A study has a handful of raters: comparing names beats hashing them.
    if (m_raterNames.size() <= 16) {
        for (size_t r = 0; r < m_raterNames.size(); ++r)
            if (m_raterNames[r] == rater)
                return static_cast<int>(r);
    } else if (const auto it = m_raterIndex.find(rater); it != m_raterIndex.end()) {
        return it->second;
    }
    const int index = static_cast<int>(m_raterNames.size());
    if (static_cast<size_t>(index) >= m_raterCapacity) {
        const size_t capacity = m_raterCapacity * 2;
        for (auto& labels : m_labels) {
            std::vector<int8_t> wider(m_itemLevel.size() * capacity, -1);
            for (size_t i = 0; i < m_itemLevel.size(); ++i)
                std::copy_n(labels.begin() + static_cast<std::ptrdiff_t>(i * m_raterCapacity), m_raterCapacity,
                    wider.begin() + static_cast<std::ptrdiff_t>(i * capacity));
            labels = std::move(wider);
        }
        m_raterCapacity = capacity;
    }
    m_raterNames.emplace_back(rater);
    m_raterIndex.emplace(std::string(rater), index);
    return index;
}

int RatingTable::findItem(std::string_view item) const
{
    return m_items.find(item);
}

int RatingTable::itemIndex(std::string_view item)
{
    if (m_lastItemIndex >= 0 && item == m_items.key(m_lastItemIndex))
        return m_lastItemIndex;
    const int index = m_items.insert(item);
    if (static_cast<size_t>(index) == m_itemLevel.size()) {
        m_itemLevel.push_back(-1);
        m_itemCluster.push_back(-1);
        m_itemTasks.push_back(0);
        for (auto& labels : m_labels)
            labels.resize(labels.size() + m_raterCapacity, -1);
    }
    m_lastItemIndex = index;
    return index;
}

int RatingTable::itemSlot(std::string_view item)
{
    const int index = itemIndex(item);
    for (Task task : {Task::Grade, Task::Canal})
        markTaskItem(index, task);
    return index;
}

void RatingTable::markTaskItem(int item, Task task)
{
    const auto bit = static_cast<uint8_t>(1u << static_cast<unsigned>(task));
    uint8_t& tasks = m_itemTasks[static_cast<size_t>(item)];
    if (tasks & bit)
        return;
    tasks |= bit;
    ++m_taskItems[static_cast<size_t>(task)];
    if (const int level = m_itemLevel[static_cast<size_t>(item)]; level >= 0)
        ++m_levelTaskItems[static_cast<size_t>(level)][static_cast<size_t>(task)];
}

void RatingTable::reserveItems(size_t items)
{
    m_items.reserve(items);
    m_itemLevel.reserve(items);
    m_itemCluster.reserve(items);
    m_itemTasks.reserve(items);
    for (auto& labels : m_labels)
        labels.reserve(items * m_raterCapacity);
}

std::span<int8_t> RatingTable::labelsOf(int item, Task task)
{
    return {m_labels[static_cast<int>(task)].data() + static_cast<size_t>(item) * m_raterCapacity, m_raterNames.size()};
}

std::span<const int8_t> RatingTable::inScale(std::span<const int8_t> labels, Scale scale)
{
    if (!isView(scale))
        return labels;
    // The tallies of a view see the item's labels in the view's classes.
    m_scratch.resize(labels.size());
    for (size_t r = 0; r < labels.size(); ++r)
        m_scratch[r] = labels[r] < 0 ? int8_t {-1} : static_cast<int8_t>(scaleClassOf(scale, labels[r]));
    return m_scratch;
}

void RatingTable::applyToTallies(int item, int rater, Task task, int newTaskClass)
{
    const int level = m_itemLevel[static_cast<size_t>(item)];
    const auto labels = labelsOf(item, task);
    for (Scale scale : scalesOfTask(task)) {
        const auto before = inScale(labels, scale);
        const int newClass = newTaskClass < 0 ? -1 : scaleClassOf(scale, newTaskClass);
        m_all[static_cast<size_t>(scale)].change(before, rater, newClass);
        if (level >= 0)
            m_levelTallies[static_cast<size_t>(level)][static_cast<size_t>(scale)].change(before, rater, newClass);
    }
}

void RatingTable::transferItem(int item, Task task, Tallies& tallies, int sign)
{
    const auto labels = labelsOf(item, task);
    for (Scale scale : scalesOfTask(task))
        tallies[static_cast<size_t>(scale)].addItem(inScale(labels, scale), sign);
}

void RatingTable::endBulk()
{
    m_bulk = false;
    m_all = makeTallies();
    for (Tallies& t : m_levelTallies)
        t = makeTallies();
    for (Task task : {Task::Grade, Task::Canal})
        countTask(task);
}

void RatingTable::countTask(Task task)
{
    const size_t raters = m_raterNames.size();
    const auto base = static_cast<uint64_t>(taskClasses(task).size()) + 1; // a digit per rater: none, class 0..
    uint64_t patterns = 1;
    for (size_t r = 0; r < raters && patterns <= kMaxPatterns; ++r)
        patterns *= base;
    const auto items = static_cast<int>(m_itemLevel.size());
    if (patterns > kMaxPatterns || patterns * (m_levelNames.size() + 1) > static_cast<uint64_t>(items) * 4) {
        // Many raters, or few items: counting item by item is cheaper than a pattern histogram.
        for (int item = 0; item < items; ++item) {
            const int level = m_itemLevel[static_cast<size_t>(item)];
            transferItem(item, task, m_all, +1);
            if (level >= 0)
                transferItem(item, task, m_levelTallies[static_cast<size_t>(level)], +1);
        }
        return;
    }
    // One histogram of label patterns per level, plus one (last) for items without a level.
    const size_t groups = m_levelNames.size() + 1;
    std::vector<int64_t> histogram(groups * patterns, 0);
    for (int item = 0; item < items; ++item) {
        const auto labels = labelsOf(item, task);
        uint64_t code = 0;
        for (size_t r = raters; r-- > 0;)
            code = code * base + static_cast<uint64_t>(labels[r] + 1);
        const int level = m_itemLevel[static_cast<size_t>(item)];
        ++histogram[(level < 0 ? groups - 1 : static_cast<size_t>(level)) * patterns + code];
    }
    std::vector<int8_t> labels(raters);
    for (size_t group = 0; group < groups; ++group)
        for (uint64_t code = 1; code < patterns; ++code) { // code 0: no label at all
            const int64_t count = histogram[group * patterns + code];
            if (count == 0)
                continue;
            uint64_t rest = code;
            for (size_t r = 0; r < raters; ++r, rest /= base)
                labels[r] = static_cast<int8_t>(static_cast<int>(rest % base) - 1);
            for (Scale scale : scalesOfTask(task)) {
                const auto inView = inScale(labels, scale);
                m_all[static_cast<size_t>(scale)].addItem(inView, count);
                if (group + 1 < groups)
                    m_levelTallies[group][static_cast<size_t>(scale)].addItem(inView, count);
            }
        }
}

bool RatingTable::setLabel(std::string_view itemId, std::string_view rater, Task task, std::optional<int> taskClass)
{
    if (taskClass && (*taskClass < 0 || *taskClass >= classCount(task)))
        return false;
    const int r = raterIndex(rater);
    const int item = itemIndex(itemId);
    markTaskItem(item, task);
    return setLabelAt(item, r, task, taskClass);
}

bool RatingTable::setLabelAt(int item, int rater, Task task, std::optional<int> taskClass)
{
    if ((taskClass && (*taskClass < 0 || *taskClass >= classCount(task))) || item < 0 ||
        static_cast<size_t>(item) >= m_itemLevel.size() || rater < 0 ||
        static_cast<size_t>(rater) >= m_raterNames.size())
        return false;
    markTaskItem(item, task);
    const int newClass = taskClass.value_or(-1);
    int8_t& stored = labelsOf(item, task)[static_cast<size_t>(rater)];
    if (stored == newClass)
        return true;
    if (!m_bulk)
        applyToTallies(item, rater, task, newClass);
    stored = static_cast<int8_t>(newClass);
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
            m_levelTaskItems.push_back({});
        }
    }
    const int item = itemIndex(itemId);
    const int oldLevel = m_itemLevel[static_cast<size_t>(item)];
    if (oldLevel == newLevel)
        return;
    for (Task task : {Task::Grade, Task::Canal}) {
        if (!(m_itemTasks[static_cast<size_t>(item)] & (1u << static_cast<unsigned>(task))))
            continue;
        if (oldLevel >= 0)
            --m_levelTaskItems[static_cast<size_t>(oldLevel)][static_cast<size_t>(task)];
        if (newLevel >= 0)
            ++m_levelTaskItems[static_cast<size_t>(newLevel)][static_cast<size_t>(task)];
    }
    for (Task task : {Task::Grade, Task::Canal}) {
        if (m_bulk)
            break;
        if (oldLevel >= 0)
            transferItem(item, task, m_levelTallies[static_cast<size_t>(oldLevel)], -1);
        if (newLevel >= 0)
            transferItem(item, task, m_levelTallies[static_cast<size_t>(newLevel)], +1);
    }
    m_itemLevel[static_cast<size_t>(item)] = newLevel;
}

void RatingTable::setItemCluster(std::string_view itemId, std::string_view cluster)
{
    const int item = itemIndex(itemId);
    int index = -1;
    if (!cluster.empty()) {
        auto it = m_clusterIndex.find(cluster);
        if (it == m_clusterIndex.end())
            it = m_clusterIndex.emplace(std::string(cluster), static_cast<int>(m_clusterIndex.size())).first;
        index = it->second;
    }
    m_itemCluster[static_cast<size_t>(item)] = index;
}

std::optional<int> RatingTable::label(std::string_view itemId, std::string_view rater, Task task) const
{
    const int item = findItem(itemId);
    const auto rt = m_raterIndex.find(rater);
    if (item < 0 || rt == m_raterIndex.end())
        return std::nullopt;
    const int8_t c =
        m_labels[static_cast<int>(task)][static_cast<size_t>(item) * m_raterCapacity + static_cast<size_t>(rt->second)];
    return c < 0 ? std::nullopt : std::optional<int>(c);
}

std::string RatingTable::itemLevel(std::string_view itemId) const
{
    const int item = findItem(itemId);
    if (item < 0 || m_itemLevel[static_cast<size_t>(item)] < 0)
        return {};
    return m_levelNames[static_cast<size_t>(m_itemLevel[static_cast<size_t>(item)])];
}

const AgreementTally* RatingTable::levelTally(Scale scale, const std::string& level) const
{
    const auto it = std::find(m_levelNames.begin(), m_levelNames.end(), level);
    if (it == m_levelNames.end())
        return nullptr;
    return &m_levelTallies[static_cast<size_t>(it - m_levelNames.begin())][static_cast<size_t>(scale)];
}

int64_t RatingTable::levelTaskItems(Task task, const std::string& level) const
{
    const auto it = std::find(m_levelNames.begin(), m_levelNames.end(), level);
    if (it == m_levelNames.end())
        return 0;
    return m_levelTaskItems[static_cast<size_t>(it - m_levelNames.begin())][static_cast<size_t>(task)];
}

int RatingTable::levelId(std::string_view level) const
{
    const auto it = std::find(m_levelNames.begin(), m_levelNames.end(), level);
    return it == m_levelNames.end() ? -1 : static_cast<int>(it - m_levelNames.begin());
}

std::vector<std::string> RatingTable::levels() const
{
    std::vector<std::string> sorted = m_levelNames;
    std::sort(sorted.begin(), sorted.end());
    return sorted;
}

void addLabelRows(RatingTable& table, const std::vector<LabelRow>& rows)
{
    table.reserveItems(rows.size() / 2);
    table.beginBulk();
    for (const LabelRow& row : rows) {
        table.setLabel(
            row.item, row.rater, row.task, row.label.empty() ? std::nullopt : classIndex(row.task, row.label));
        if (!row.study.empty())
            table.setItemCluster(row.item, row.study);
    }
    table.endBulk();
}

} // namespace sg::core
