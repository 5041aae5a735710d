#pragma once
// Memory for slice pixels. A 512x512 slice is 128 pages of 4 kB, and touching a fresh page
// costs a page fault: on the virtual machines this program runs on, faults were most of a
// series load (60 slices: 7,680 faults, 150-400 ms, more than reading the files). Slices of
// 64 kB and more therefore live in slabs of transparent huge pages (2 MB pages, one fault
// each): blocks of one size in 32 MB slabs, reused as slices come and go; a slab no slice
// uses gives its memory back. Smaller buffers use the ordinary heap.
#include <cstddef>
#include <cstdint>
#include <new>
#include <vector>

namespace sg::core {

void* allocatePixelMemory(size_t bytes); // throws std::bad_alloc
void freePixelMemory(void* p, size_t bytes) noexcept;

// Bytes the slabs hold from the system now (mapped, resident or not), for tests and benchmarks.
size_t pixelSlabBytes();

template <typename T>
struct PixelAllocator {
    using value_type = T;
    PixelAllocator() noexcept = default;
    template <typename U>
    PixelAllocator(const PixelAllocator<U>&) noexcept
    {
    }
    T* allocate(size_t n)
    {
        if (n > size_t(-1) / sizeof(T))
            throw std::bad_array_new_length();
        return static_cast<T*>(allocatePixelMemory(n * sizeof(T)));
    }
    void deallocate(T* p, size_t n) noexcept { freePixelMemory(p, n * sizeof(T)); }
    template <typename U>
    bool operator==(const PixelAllocator<U>&) const noexcept
    {
        return true;
    }
};

// A slice's stored 16-bit pixels (core/study/SliceImage.h).
using StoredPixels = std::vector<uint16_t, PixelAllocator<uint16_t>>;

} // namespace sg::core
