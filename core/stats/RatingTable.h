#pragma once
// Every label of a study in memory, keyed by (item, rater, task), with the agreement counts
// kept current as labels are set, changed or removed one at a time: the label store (or the
// CSV reader) feeds it, and the report is derived from its counts at any moment.
// An item may carry a level (a string such as "L4/L5"); every count is also kept per level.
#include "core/stats/AgreementTally.h"
#include "core/stats/KeyIndex.h"
#include "core/stats/Scale.h"

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sg::core {

class RatingTable {
public:
    RatingTable();

    // Sets or changes the label (a class index of the task's scale), or removes it with
    // nullopt. O(R) for R raters. Returns false if the class index is out of range.
    // The item becomes an item of the task (given to the raters) even when the label is
    // nullopt: an empty label in the CSV is an item nobody labeled, dropped from every pair.
    bool setLabel(std::string_view item, std::string_view rater, Task task, std::optional<int> taskClass);
    void removeLabel(std::string_view item, std::string_view rater, Task task) { setLabel(item, rater, task, {}); }
    // The same by slot: a loader that knows its items and raters registers each once
    // (itemSlot/raterSlot) and then sets labels without hashing a key per label. itemSlot
    // makes the item an item of every task: it is on the worklist, labeled or not.
    int itemSlot(std::string_view item);
    int raterSlot(std::string_view rater) { return raterIndex(rater); }
    bool setLabelAt(int itemSlot, int raterSlot, Task task, std::optional<int> taskClass);
    // The cluster (study, i.e. patient) the item belongs to, which the bootstrap resamples
    // (ClusterBootstrap.h); "" makes the item its own cluster, as every item is by default.
    void setItemCluster(std::string_view item, std::string_view cluster);
    // "" clears the level. Moves the item's counts between levels: O(R^2).
    void setItemLevel(std::string_view item, std::string_view level);
    // Room for this many items, for a bulk load: saves rehashing the item index.
    void reserveItems(size_t items);
    // A bulk load: between beginBulk() and endBulk() setLabel/setItemLevel only record, and
    // endBulk() counts everything once (cheaper than label-by-label updates): items with the
    // same labels count together, so it costs one pass over the items plus one tally update
    // per distinct label pattern.
    // The figures are the same either way; the report must not be read in between.
    void beginBulk() { m_bulk = true; }
    void endBulk();

    std::optional<int> label(std::string_view item, std::string_view rater, Task task) const;
    std::string itemLevel(std::string_view item) const;

    const std::vector<std::string>& raterNames() const { return m_raterNames; } // by rater index
    // Item by item, for what the counts cannot give (the cluster bootstrap): items by slot,
    // an item's labels of a task by rater index (-1: none), and its cluster (-1: its own).
    int itemCount() const { return static_cast<int>(m_itemLevel.size()); }
    std::span<const int8_t> itemLabels(int item, Task task) const
    {
        return {
            m_labels[static_cast<int>(task)].data() + static_cast<size_t>(item) * m_raterCapacity, m_raterNames.size()};
    }
    int itemCluster(int item) const { return m_itemCluster[static_cast<size_t>(item)]; }
    // The item's level as an id (-1: none), and a level name's id (-1: unknown), so a pass
    // over the items of one level compares integers.
    int itemLevelId(int item) const { return m_itemLevel[static_cast<size_t>(item)]; }
    int levelId(std::string_view level) const;
    std::string_view itemKey(int item) const { return m_items.key(item); }
    int findItemSlot(std::string_view item) const { return findItem(item); } // -1 if unknown
    int clusterCount() const { return static_cast<int>(m_clusterIndex.size()); } // named clusters
    // Counts for a scale over all items, or over the items of one level.
    const AgreementTally& tally(Scale scale) const { return m_all[static_cast<size_t>(scale)]; }
    const AgreementTally* levelTally(Scale scale, const std::string& level) const;
    std::vector<std::string> levels() const; // levels that have been given to items, sorted
    // Items of a task (given to the raters: itemSlot, or any setLabel of the task), over all
    // items or one level: a pair's n_dropped is this minus the items both raters labeled.
    int64_t taskItems(Task task) const { return m_taskItems[static_cast<size_t>(task)]; }
    int64_t levelTaskItems(Task task, const std::string& level) const;

private:
    // Lookups by string_view without building a std::string per call.
    struct Hash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view> {}(s); }
    };
    using Index = std::unordered_map<std::string, int, Hash, std::equal_to<>>;
    using Tallies = std::vector<AgreementTally>; // one per Scale

    int raterIndex(std::string_view rater);
    int itemIndex(std::string_view item);
    int findItem(std::string_view item) const; // -1 if unknown
    // The item's labels for a task, one per rater (-1: none).
    std::span<int8_t> labelsOf(int item, Task task);
    std::span<const int8_t> inScale(std::span<const int8_t> labels, Scale scale);
    void applyToTallies(int item, int rater, Task task, int newTaskClass);
    // Adds every label of the item for the task to `tallies` (sign +1), or removes them (-1).
    void transferItem(int item, Task task, Tallies& tallies, int sign);
    void countTask(Task task); // endBulk's work for one task
    void markTaskItem(int item, Task task); // counts the item as one of the task's, once
    static Tallies makeTallies();

    std::vector<std::string> m_raterNames;
    Index m_raterIndex;
    KeyIndex m_items;
    int m_lastItemIndex = -1; // labels mostly arrive grouped by item: skip the hash lookup
    // Labels of item i for a task at [i * m_raterCapacity + rater]; the capacity doubles
    // (one re-layout) when a rater beyond it appears.
    size_t m_raterCapacity = 4;
    std::vector<int8_t> m_labels[2];
    std::vector<int> m_itemLevel; // index into m_levelNames, -1 none
    std::vector<int> m_itemCluster; // index of the item's cluster name, -1: its own cluster
    Index m_clusterIndex;
    std::vector<uint8_t> m_itemTasks; // bit (1 << task): the item is an item of the task
    std::array<int64_t, 2> m_taskItems {}; // [task]: items of the task
    std::vector<std::array<int64_t, 2>> m_levelTaskItems; // [level][task]
    std::vector<std::string> m_levelNames;
    std::vector<Tallies> m_levelTallies; // [level]
    Tallies m_all;
    std::vector<int8_t> m_scratch;
    bool m_bulk = false;
};

// Feeds rows of the label CSV in file order: a later row for the same (item, rater, task)
// changes the label, an empty label removes it.
void addLabelRows(RatingTable& table, const std::vector<LabelRow>& rows);

} // namespace sg::core
