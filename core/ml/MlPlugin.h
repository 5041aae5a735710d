#pragma once
// Finds and loads the ML plugin (libspinegrade-ml.so, the only code that links LibTorch) on
// first use, so a command that runs no model never pays Torch's start-up. A missing or broken
// plugin is an error value naming the file and what is wrong, shown like a missing model.
#include "core/ml/MlBackend.h"
#include "core/util/Result.h"

#include <string>

namespace sg::core {

inline constexpr const char* kMlPluginName = "libspinegrade-ml.so";

// Where the plugin is: $SPINEGRADE_ML_PLUGIN if set (that file and no other), else beside the
// running program, the install's lib/spinegrade folder, then the build tree. The error lists
// the places looked in.
Result<std::string> findMlPlugin();

// Loads the plugin at PATH (dlopen), checks its ABI value and returns its backend. Not cached:
// mlBackend() is what the program calls. Never throws.
Result<MlBackend*> loadMlPlugin(const std::string& path);

// The backend, loaded on the first call (thread-safe). The answer, backend or error, is kept
// for the life of the process: a broken plugin is not retried, as a broken model is not.
Result<MlBackend*> mlBackend();

} // namespace sg::core
