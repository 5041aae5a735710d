#pragma once
// The GUI thread's first frame touches tens of megabytes of fresh memory: Mesa's software
// renderer (llvmpipe) allocates and clears VTK's framebuffers, the widget's framebuffer and
// the window's surfaces, and Qt copies the window's 1280x900 backing store to compose it.
// Each fresh 4 KiB page is a page fault, and on a virtual machine a fault is expensive: they
// were the largest cost of show() and of the first compose (README, Figures). This makes the
// main heap one 2 MiB-aligned region of transparent huge pages (madvise, where the kernel
// allows them: /sys/kernel/mm/transparent_hugepage/enabled "madvise" or "always"), so one fault
// maps 2 MiB, and lets buffers of up to 32 MiB come from it and be reused after a free instead
// of being mapped fresh each time. glibc's own GLIBC_TUNABLES=glibc.malloc.hugetlb=1 does the
// same but must be set before the program starts.
namespace sg::ui {

// Call first in main(), before any thread exists. SPINEGRADE_NO_HUGE_HEAP=1 leaves malloc as it is.
void useHugePageHeap();

} // namespace sg::ui
