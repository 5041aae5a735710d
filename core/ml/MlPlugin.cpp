#include "core/ml/MlPlugin.h"

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
    if (const char* env = std::getenv("SPINEGRADE_ML_PLUGIN"); env && *env) {
        if (isFile(env))
            return std::string(env);
        return Error {
            std::string("the ML plugin is missing: SPINEGRADE_ML_PLUGIN names ") + env + ", which is not a file"};
    }
    std::vector<std::string> tried;
    auto consider = [&](const std::string& path) {
        tried.push_back(path);
        return isFile(path);
    };
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path dir = self.parent_path();
        if (consider((dir / kMlPluginName).string()))
            return tried.back();
        // A relocated install: bin/ and lib/spinegrade/ side by side.
        if (consider((dir.parent_path() / "lib" / "spinegrade" / kMlPluginName).string()))
            return tried.back();
    }
#ifdef SG_INSTALL_ML_PLUGIN_DIR
    if (consider(std::string(SG_INSTALL_ML_PLUGIN_DIR) + "/" + kMlPluginName))
        return tried.back();
#endif
#ifdef SG_BUILD_ML_PLUGIN
    if (consider(SG_BUILD_ML_PLUGIN))
        return tried.back();
#endif
    std::string places;
    for (const std::string& t : tried)
        places += (places.empty() ? "" : ", ") + t;
    return Error {std::string("the ML plugin ") + kMlPluginName + " is missing (looked in " + places +
        "; set SPINEGRADE_ML_PLUGIN to its path)"};
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
