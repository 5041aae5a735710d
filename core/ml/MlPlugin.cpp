#include "core/ml/MlPlugin.h"

#include "core/util/InstalledFile.h"

#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <optional>
#include <vector>

namespace sg::core {
namespace {

namespace fs = std::filesystem;

bool isFile(const std::string& path)
{
    std::error_code ec;
    return fs::is_regular_file(path, ec);
}

std::string dlError()
{
    const char* e = dlerror();
    return e ? e : "unknown error";
}

} // namespace

Result<std::string> findMlPlugin()
{
    InstalledFileSearch search;
    search.what = "the ML plugin";
    search.fileName = kMlPluginName;
    search.environmentVariable = "SPINEGRADE_ML_PLUGIN";
    search.relativeToPrefix = "lib/spinegrade";
#ifdef SG_INSTALL_ML_PLUGIN_DIR
    search.installDirectory = SG_INSTALL_ML_PLUGIN_DIR;
#endif
#ifdef SG_BUILD_ML_PLUGIN
    search.buildPath = SG_BUILD_ML_PLUGIN;
#endif
    search.usable = isFile;
    search.notUsable = "a file";
    return findInstalledFile(search);
}

Result<MlBackend*> loadMlPlugin(const std::string& path)
{
    // RTLD_LOCAL: Torch's symbols stay the plugin's. The handle is never closed: LibTorch does
    // not survive being unloaded, and the backend lives until the process ends.
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle)
        return Error {path + ": cannot load the ML plugin: " + dlError()};
    dlerror();
    auto* abi = reinterpret_cast<std::uint64_t (*)()>(dlsym(handle, kMlPluginAbiSymbol));
    if (!abi)
        return Error {path + ": not a SpineGrade ML plugin (no symbol " + kMlPluginAbiSymbol + ")"};
    if (const std::uint64_t theirs = abi(); theirs != kMlPluginAbi)
        return Error {path + ": the ML plugin was built for another version of SpineGrade (ABI " +
            std::to_string(theirs) + ", this program needs " + std::to_string(kMlPluginAbi) + ")"};
    auto* backend = reinterpret_cast<MlBackend* (*)()>(dlsym(handle, kMlPluginBackendSymbol));
    if (!backend)
        return Error {path + ": not a SpineGrade ML plugin (no symbol " + kMlPluginBackendSymbol + ")"};
    MlBackend* b = backend();
    if (!b)
        return Error {path + ": the ML plugin gave no backend"};
    return b;
}

Result<MlBackend*> mlBackend()
{
    static std::once_flag once;
    static std::optional<Result<MlBackend*>> answer;
    std::call_once(once, [] {
        Result<std::string> path = findMlPlugin();
        answer = path ? loadMlPlugin(*path) : Result<MlBackend*>(Error {path.error()});
    });
    return *answer;
}

} // namespace sg::core
