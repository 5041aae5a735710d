#include "ui/main/InferenceThreads.h"

#include <cstdlib>
#include <unistd.h>

namespace sg::ui {

void restartWithPassiveInferenceThreads(char** argv)
{
    if (std::getenv("OMP_WAIT_POLICY") != nullptr)
        return; // set by the user, or this is the restarted program
    if (setenv("OMP_WAIT_POLICY", "PASSIVE", 1) != 0)
        return;
    execv("/proc/self/exe", argv);
    // execv returned: it failed. Go on with spinning threads rather than not at all.
}

} // namespace sg::ui
