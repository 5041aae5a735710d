#include "ui/main/InferenceThreads.h"

#include <cstdlib>

namespace sg::ui {
namespace {

void setPassive()
{
    // Overwrite 0: a user's own OMP_WAIT_POLICY wins. A failure only leaves the threads spinning.
    setenv("OMP_WAIT_POLICY", "PASSIVE", 0);
}

void setPassiveBeforeLibraries(int, char**, char**)
{
    setPassive();
}

// Runs before the initialisers of the shared libraries (libgomp's included); only an
// executable's .preinit_array is honoured, which is why only programs call this file's function.
__attribute__((section(".preinit_array"), used)) void (*const kPreinit)(
    int, char**, char**) = setPassiveBeforeLibraries;

} // namespace

void usePassiveInferenceThreads()
{
    setPassive();
}

} // namespace sg::ui
