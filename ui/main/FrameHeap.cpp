#include "ui/main/FrameHeap.h"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>

namespace sg::ui {
namespace {

constexpr uintptr_t kHugePage = uintptr_t {2} << 20;
constexpr size_t kLargest = size_t {32} << 20; // glibc's upper bound for M_MMAP_THRESHOLD
constexpr size_t kRegion = size_t {64} << 20; // the heap grown at once, then given huge pages

} // namespace

void useHugePageHeap()
{
    if (std::getenv("SPINEGRADE_NO_HUGE_HEAP"))
        return;
    // Large buffers (a frame's pixels, a texture's storage) come from the heap, and a free
    // keeps the heap's top instead of returning it, so the next frame reuses warm pages.
    mallopt(M_MMAP_THRESHOLD, static_cast<int>(kLargest));
    mallopt(M_TRIM_THRESHOLD, static_cast<int>(2 * kRegion));
    // Grow the heap by kRegion in one step (a block from the heap, then its top pad), then
    // give that whole range huge pages. Pages are still only taken when first touched.
    auto* before = static_cast<char*>(sbrk(0));
    mallopt(M_TOP_PAD, static_cast<int>(kRegion - kLargest / 2));
    void* volatile block = malloc(kLargest / 2); // volatile: the compiler drops a bare malloc/free pair
    free(block);
    mallopt(M_TOP_PAD, 128 * 1024); // glibc's default again for later growth
    auto* after = static_cast<char*>(sbrk(0));
    const uintptr_t from = (reinterpret_cast<uintptr_t>(before) + kHugePage - 1) & ~(kHugePage - 1);
    const uintptr_t to = reinterpret_cast<uintptr_t>(after) & ~(kHugePage - 1);
    if (to > from)
        madvise(reinterpret_cast<void*>(from), to - from, MADV_HUGEPAGE); // refused: small pages, as before
}

} // namespace sg::ui
