#pragma once
// Dense ids for strings (item UIDs): an open-addressing table over one contiguous arena of
// names, because the node-per-key std::unordered_map spends most of a 100,000-item load on
// allocations and cache misses.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sg::core {

class KeyIndex {
public:
    int find(std::string_view key) const; // -1 if absent
    int insert(std::string_view key); // the key's id, new ids count up from 0
    void reserve(size_t keys); // room for this many keys of typical length
    static constexpr size_t kTypicalKeyBytes = 48; // a SOP instance UID is up to 64 characters
    size_t size() const { return m_hashes.size(); }
    std::string_view key(int id) const;

private:
    size_t slotOf(std::string_view key, uint64_t hash) const; // the key's slot, or the empty one it would take
    void grow(size_t slots);

    // Low 32 bits: id + 1 (0 = empty); high 32 bits: the key's hash, so a probe that hits
    // another key is told apart without touching its name. A power of two, at most half full.
    std::vector<uint64_t> m_slots;
    std::vector<uint64_t> m_hashes; // [id]
    std::vector<uint64_t> m_offsets; // [id] start in m_arena; [size] = end
    std::string m_arena;
};

} // namespace sg::core
