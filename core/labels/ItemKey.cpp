#include "core/labels/ItemKey.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <tuple>

namespace sg::core {
namespace {

int levelOrder(const std::optional<Level>& level)
{
    return level ? static_cast<int>(*level) : static_cast<int>(kAllLevels.size()); // L? last
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

std::optional<int> positiveNumber(std::string_view digits)
{
    if (digits.empty() || digits.size() > 9)
        return std::nullopt;
    int value = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec != std::errc() || end != digits.data() + digits.size() || value < 1)
        return std::nullopt;
    return value;
}

} // namespace

std::string studyKeyName(int studyOrdinal)
{
    std::string digits = std::to_string(studyOrdinal);
    if (digits.size() < 3)
        digits.insert(0, 3 - digits.size(), '0');
    return "S" + digits;
}

std::string formatItemKey(const ParsedItemKey& key)
{
    return studyKeyName(key.study) + " " + (key.level ? std::string(levelName(*key.level)) : std::string("L?")) + " #" +
        std::to_string(key.ordinal);
}

std::optional<ParsedItemKey> parseItemKey(std::string_view text)
{
    // Three words: S<digits>, a level or L?, #<digits>. Extra spaces are fine.
    std::vector<std::string_view> words;
    text = trim(text);
    while (!text.empty()) {
        size_t end = 0;
        while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end])))
            ++end;
        words.push_back(text.substr(0, end));
        text = trim(text.substr(end));
    }
    if (words.size() != 3 || words[0].size() < 2 || (words[0][0] != 'S' && words[0][0] != 's') || words[2].size() < 2 ||
        words[2][0] != '#')
        return std::nullopt;
    ParsedItemKey key;
    const auto study = positiveNumber(words[0].substr(1));
    const auto ordinal = positiveNumber(words[2].substr(1));
    if (!study || !ordinal)
        return std::nullopt;
    key.study = *study;
    key.ordinal = *ordinal;
    if (words[1] == "L?" || words[1] == "l?")
        key.level = std::nullopt;
    else if (const auto level = parseLevel(words[1]))
        key.level = *level;
    else
        return std::nullopt;
    return key;
}

ItemKeys::ItemKeys(std::vector<ItemKeySource> items, UidHash uidHash) : m_uidHash(std::move(uidHash))
{
    // Study ordinals by study row id (import order).
    std::vector<std::int64_t> studies;
    studies.reserve(items.size());
    for (const ItemKeySource& s : items)
        studies.push_back(s.studyId);
    std::sort(studies.begin(), studies.end());
    studies.erase(std::unique(studies.begin(), studies.end()), studies.end());
    const auto studyOrdinal = [&](std::int64_t studyId) {
        return static_cast<int>(std::lower_bound(studies.begin(), studies.end(), studyId) - studies.begin()) + 1;
    };

    // Slice ordinals within (study, level) by instance number, then item id. The sort keys are
    // computed once (a lookup per comparison cost more than the sort).
    struct SortKey {
        int study, level, instance;
        std::int64_t itemId;
        size_t index;
        bool operator<(const SortKey& o) const
        {
            return std::tie(study, level, instance, itemId) < std::tie(o.study, o.level, o.instance, o.itemId);
        }
    };
    std::vector<SortKey> order;
    order.reserve(items.size());
    for (size_t i = 0; i < items.size(); ++i)
        order.push_back(
            {studyOrdinal(items[i].studyId), levelOrder(items[i].level), items[i].instanceNumber, items[i].itemId, i});
    std::sort(order.begin(), order.end());

    m_entries.resize(items.size());
    m_byRank.reserve(items.size());
    m_index.reserve(items.size());
    std::int64_t rank = 0;
    int ordinal = 0;
    std::pair<int, int> group {-1, -1};
    for (const SortKey& k : order) {
        const ItemKeySource& s = items[k.index];
        const std::pair<int, int> here {k.study, k.level};
        ordinal = here == group ? ordinal + 1 : 1;
        group = here;
        Entry& e = m_entries[k.index];
        e.itemId = s.itemId;
        e.parts = {k.study, s.level, ordinal};
        e.key = formatItemKey(e.parts);
        e.rank = rank++;
        m_byRank.push_back(k.index);
        m_index.emplace(s.itemId, k.index);
    }
    for (const ItemKeySource& s : items)
        if (!s.sopUidHash.empty())
            m_bySop.emplace(s.sopUidHash, s.itemId);
}

const std::string& ItemKeys::key(std::int64_t itemId) const
{
    static const std::string none;
    const auto it = m_index.find(itemId);
    return it == m_index.end() ? none : m_entries[it->second].key;
}

std::optional<ParsedItemKey> ItemKeys::parts(std::int64_t itemId) const
{
    const auto it = m_index.find(itemId);
    if (it == m_index.end())
        return std::nullopt;
    return m_entries[it->second].parts;
}

std::string ItemKeys::studyKey(std::int64_t itemId) const
{
    const auto it = m_index.find(itemId);
    return it == m_index.end() ? std::string() : studyKeyName(m_entries[it->second].parts.study);
}

std::optional<std::int64_t> ItemKeys::find(std::string_view keyOrSopUid) const
{
    const std::string_view text = trim(keyOrSopUid);
    if (const auto parsed = parseItemKey(text)) {
        // Rank order is (study, level, ordinal) order: a binary search finds the key.
        const auto wanted = std::make_tuple(parsed->study, levelOrder(parsed->level), parsed->ordinal);
        const auto at = std::lower_bound(m_byRank.begin(), m_byRank.end(), wanted, [&](size_t i, const auto& w) {
            const ParsedItemKey& p = m_entries[i].parts;
            return std::make_tuple(p.study, levelOrder(p.level), p.ordinal) < w;
        });
        if (at != m_byRank.end()) {
            const ParsedItemKey& p = m_entries[*at].parts;
            if (std::make_tuple(p.study, levelOrder(p.level), p.ordinal) == wanted)
                return m_entries[*at].itemId;
        }
    }
    if (!m_uidHash || text.empty())
        return std::nullopt;
    const auto sop = m_bySop.find(m_uidHash(text));
    if (sop != m_bySop.end())
        return sop->second;
    return std::nullopt;
}

std::int64_t ItemKeys::rank(std::int64_t itemId) const
{
    const auto it = m_index.find(itemId);
    return it == m_index.end() ? -1 : m_entries[it->second].rank;
}

std::vector<std::int64_t> ItemKeys::ordered() const
{
    std::vector<std::int64_t> out;
    out.reserve(m_byRank.size());
    for (size_t i : m_byRank)
        out.push_back(m_entries[i].itemId);
    return out;
}

} // namespace sg::core
