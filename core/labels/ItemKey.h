#pragma once
// The one key an item has everywhere a lead, a review, a report or an export names it:
// "S001 L4/L5 #3" = the project's pseudonymous study ordinal (S001.. by first import of the
// study: study row id order), the disc level ("L?" when unassigned), and the slice's
// 1-based ordinal among that study's items of that level by instance number (ties by item id).
//
// Nothing in a key comes from a DICOM header's identity fields, so keys may leave the
// building. Keys are computed from the whole item list of a project: adding a slice with a
// lower instance number renumbers the slices after it (keys name items of one snapshot).
// Analyzers in labeling mode never see keys (blinded re-reads stay unmarked).
#include "core/study/Level.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sg::core {

// What a key is computed from; makeItemKeys (core/store/ProjectItemKeys.h) fills it from the
// store's items.
struct ItemKeySource {
    std::int64_t itemId = 0;
    std::int64_t studyId = 0; // study row id: import order
    std::optional<Level> level;
    int instanceNumber = 0;
    std::string sopUidHash; // optional: the SOP UID's keyed hash, lets find() accept the UID
};

struct ParsedItemKey {
    int study = 0; // 1 for S001
    std::optional<Level> level; // nullopt for L?
    int ordinal = 0; // 1-based
    bool operator==(const ParsedItemKey&) const = default;
};

std::string studyKeyName(int studyOrdinal); // 1 -> "S001" (more digits past 999)
std::string formatItemKey(const ParsedItemKey& key); // "S001 L4/L5 #3", "S002 L? #1"
// Strict but forgiving of case and spacing: "S001 L4/L5 #3", "s1 l4-l5 #3", "S001 L? #1".
std::optional<ParsedItemKey> parseItemKey(std::string_view text);

class ItemKeys {
public:
    // How a SOP Instance UID becomes the hash the sources carry (a project's keyed hash,
    // core/store/Deidentify.h); without one find() takes keys only.
    using UidHash = std::function<std::string(std::string_view)>;
    ItemKeys() = default;
    explicit ItemKeys(std::vector<ItemKeySource> items, UidHash uidHash = {});

    size_t size() const { return m_entries.size(); }
    bool contains(std::int64_t itemId) const { return m_index.count(itemId) != 0; }
    // "" for an item not in the list.
    const std::string& key(std::int64_t itemId) const;
    std::optional<ParsedItemKey> parts(std::int64_t itemId) const;
    // "S001" of the item's study; "" for an unknown item.
    std::string studyKey(std::int64_t itemId) const;
    // The item a key names; the SOP Instance UID is accepted as well. nullopt: no such item
    // (or the text is neither a key nor a known UID).
    std::optional<std::int64_t> find(std::string_view keyOrSopUid) const;
    // Position of the item in key order (study, level L1/L2..L5/S1 then L?, ordinal): sort
    // by it instead of comparing key strings ("#10" sorts after "#9"). -1 for unknown items.
    std::int64_t rank(std::int64_t itemId) const;
    // Item ids in key order.
    std::vector<std::int64_t> ordered() const;

private:
    struct Entry {
        std::int64_t itemId = 0;
        ParsedItemKey parts;
        std::string key;
        std::int64_t rank = 0;
    };
    std::vector<Entry> m_entries; // input order
    std::unordered_map<std::int64_t, size_t> m_index; // item id -> entry
    std::vector<size_t> m_byRank; // entry indices in key order
    std::unordered_map<std::string, std::int64_t> m_bySop; // SOP UID's hash -> item id
    UidHash m_uidHash;
};

} // namespace sg::core
