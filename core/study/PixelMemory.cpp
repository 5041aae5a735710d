#include "core/study/PixelMemory.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <mutex>

namespace sg::core {
namespace {

constexpr size_t kPage = 4096;
constexpr size_t kHuge = size_t(2) << 20;
constexpr size_t kSlabBytes = size_t(32) << 20;
constexpr size_t kSmallest = size_t(64) << 10; // below this the heap's pages are shared anyway

size_t roundUp(size_t v, size_t to)
{
    return (v + to - 1) / to * to;
}

// Blocks of one size in one mapping aligned to 2 MB, so the kernel can back it with huge pages.
struct Slab {
    char* base = nullptr;
    size_t bytes = 0;
    size_t blockBytes = 0;
    size_t blocks = 0;
    size_t fresh = 0; // blocks [fresh, blocks) never handed out
    std::vector<size_t> freed; // blocks handed back, reused first
    size_t live = 0;
    bool contains(const void* p) const
    {
        const char* c = static_cast<const char*>(p);
        return c >= base && c < base + bytes;
    }
};

char* mapAligned(size_t bytes)
{
    // Map 2 MB more and trim both ends, so the slab starts on a huge page boundary.
    const size_t span = bytes + kHuge;
    void* raw = ::mmap(nullptr, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (raw == MAP_FAILED)
        return nullptr;
    char* start = static_cast<char*>(raw);
    char* aligned = reinterpret_cast<char*>(roundUp(reinterpret_cast<uintptr_t>(start), kHuge));
    if (aligned > start)
        ::munmap(start, static_cast<size_t>(aligned - start));
    char* end = aligned + bytes;
    if (start + span > end)
        ::munmap(end, static_cast<size_t>(start + span - end));
    // Without transparent huge pages (or with "never") this fails and 4 kB pages serve.
    ::madvise(aligned, bytes, MADV_HUGEPAGE);
    return aligned;
}

class Slabs {
public:
    void* allocate(size_t bytes)
    {
        const size_t blockBytes = roundUp(bytes, kPage);
        std::lock_guard lock(m_mutex);
        for (auto& s : m_slabs)
            if (s->blockBytes == blockBytes && (!s->freed.empty() || s->fresh < s->blocks))
                return take(*s);
        auto slab = std::make_unique<Slab>();
        slab->blockBytes = blockBytes;
        slab->bytes = std::max(kSlabBytes, roundUp(blockBytes, kHuge));
        if (m_spare && m_spare->bytes == slab->bytes) { // an empty slab kept for reuse
            slab->base = m_spare->base;
            m_spare.reset();
        } else {
            slab->base = mapAligned(slab->bytes);
            if (!slab->base)
                throw std::bad_alloc();
        }
        slab->blocks = slab->bytes / blockBytes;
        m_slabs.push_back(std::move(slab));
        return take(*m_slabs.back());
    }

    void free(void* p) noexcept
    {
        std::lock_guard lock(m_mutex);
        for (size_t i = 0; i < m_slabs.size(); ++i) {
            Slab& s = *m_slabs[i];
            if (!s.contains(p))
                continue;
            s.freed.push_back(static_cast<size_t>(static_cast<char*>(p) - s.base) / s.blockBytes);
            if (--s.live > 0)
                return;
            std::unique_ptr<Slab> empty = std::move(m_slabs[i]);
            m_slabs.erase(m_slabs.begin() + static_cast<std::ptrdiff_t>(i));
            // Keep one empty slab's address range for the next load (its memory goes back:
            // MADV_DONTNEED), so a slice copied and dropped in a loop does not map and unmap.
            if (m_spare)
                ::munmap(m_spare->base, m_spare->bytes);
            ::madvise(empty->base, empty->bytes, MADV_DONTNEED);
            m_spare = std::move(empty);
            return;
        }
    }

    size_t mappedBytes()
    {
        std::lock_guard lock(m_mutex);
        size_t total = m_spare ? m_spare->bytes : 0;
        for (const auto& s : m_slabs)
            total += s->bytes;
        return total;
    }

private:
    static void* take(Slab& s)
    {
        size_t block;
        if (!s.freed.empty()) {
            block = s.freed.back();
            s.freed.pop_back();
        } else {
            block = s.fresh++;
        }
        ++s.live;
        return s.base + block * s.blockBytes;
    }

    std::mutex m_mutex;
    std::vector<std::unique_ptr<Slab>> m_slabs;
    std::unique_ptr<Slab> m_spare;
};

// Never destroyed: a SliceImage in a static may outlive any destruction order.
Slabs& slabs()
{
    static Slabs* s = new Slabs();
    return *s;
}

} // namespace

void* allocatePixelMemory(size_t bytes)
{
    if (bytes < kSmallest)
        return ::operator new(bytes == 0 ? 1 : bytes);
    return slabs().allocate(bytes);
}

void freePixelMemory(void* p, size_t bytes) noexcept
{
    if (!p)
        return;
    if (bytes < kSmallest) {
        ::operator delete(p);
        return;
    }
    slabs().free(p);
}

size_t pixelSlabBytes()
{
    return slabs().mappedBytes();
}

} // namespace sg::core
