#include "core/stats/KeyIndex.h"

#include <algorithm>
#include <functional>

namespace sg::core {
namespace {

uint64_t tagged(size_t id, uint64_t hash)
{
    return (hash & 0xFFFFFFFF00000000ull) | (static_cast<uint64_t>(id) + 1);
}

} // namespace

std::string_view KeyIndex::key(int id) const
{
    const auto i = static_cast<size_t>(id);
    return std::string_view(m_arena).substr(m_offsets[i], m_offsets[i + 1] - m_offsets[i]);
}

size_t KeyIndex::slotOf(std::string_view key, uint64_t hash) const
{
    const size_t mask = m_slots.size() - 1;
    for (size_t s = hash & mask;; s = (s + 1) & mask) {
        const uint64_t slot = m_slots[s];
        const auto id = static_cast<uint32_t>(slot);
        if (id == 0 || ((slot >> 32) == (hash >> 32) && this->key(static_cast<int>(id - 1)) == key))
            return s;
    }
}

int KeyIndex::find(std::string_view key) const
{
    if (m_slots.empty())
        return -1;
    const auto id = static_cast<uint32_t>(m_slots[slotOf(key, std::hash<std::string_view> {}(key))]);
    return static_cast<int>(id) - 1;
}

int KeyIndex::insert(std::string_view key)
{
    if ((size() + 1) * 2 > m_slots.size())
        grow(std::max<size_t>(16, m_slots.size() * 2));
    const uint64_t hash = std::hash<std::string_view> {}(key);
    const size_t slot = slotOf(key, hash);
    if (m_slots[slot] != 0)
        return static_cast<int>(static_cast<uint32_t>(m_slots[slot])) - 1;
    if (m_offsets.empty())
        m_offsets.push_back(0);
    m_arena.append(key);
    m_offsets.push_back(m_arena.size());
    m_hashes.push_back(hash);
    m_slots[slot] = tagged(m_hashes.size() - 1, hash);
    return static_cast<int>(m_hashes.size()) - 1;
}

void KeyIndex::reserve(size_t keys)
{
    size_t slots = 16;
    while (slots < keys * 2)
        slots *= 2;
    if (slots > m_slots.size())
        grow(slots);
    m_hashes.reserve(keys);
    m_offsets.reserve(keys + 1);
    // Growing the name arena by reallocation costs most of a 100,000-key load (copies and
    // fresh pages each time): room for keys as long as a typical DICOM UID up front.
    m_arena.reserve(keys * kTypicalKeyBytes);
}

void KeyIndex::grow(size_t slots)
{
    m_slots.assign(slots, 0);
    const size_t mask = slots - 1;
    for (size_t id = 0; id < m_hashes.size(); ++id) {
        size_t s = m_hashes[id] & mask;
        while (m_slots[s] != 0)
            s = (s + 1) & mask;
        m_slots[s] = tagged(id, m_hashes[id]);
    }
}

} // namespace sg::core
