#include "core/util/PluginLoader.h"

#include <dlfcn.h>

#include <filesystem>

namespace sg::core {
namespace {

std::string dlError()
{
    const char* e = dlerror();
    return e ? e : "unknown error";
}

} // namespace

Result<std::string> findPlugin(const PluginSpec& spec)
{
    InstalledFileSearch search = spec.search;
    if (search.what.empty())
        search.what = "the " + spec.name;
    if (!search.usable) {
        search.usable = [](const std::string& path) {
            std::error_code ec;
            return std::filesystem::is_regular_file(path, ec);
        };
        search.notUsable = "a file";
    }
    return findInstalledFile(search);
}

Result<void*> loadPluginEntry(const std::string& path, const PluginSpec& spec)
{
    const std::string what = "the " + spec.name;
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle)
        return Error {path + ": cannot load " + what + ": " + dlError()};
    dlerror();
    auto* abi = reinterpret_cast<std::uint64_t (*)()>(dlsym(handle, spec.abiSymbol));
    if (!abi)
        return Error {path + ": not a SpineGrade " + spec.name + " (no symbol " + spec.abiSymbol + ")"};
    if (const std::uint64_t theirs = abi(); theirs != spec.abi)
        return Error {path + ": " + what + " was built for another version of SpineGrade (ABI " +
            std::to_string(theirs) + ", this program needs " + std::to_string(spec.abi) + ")"};
    void* entry = dlsym(handle, spec.entrySymbol);
    if (!entry)
        return Error {path + ": not a SpineGrade " + spec.name + " (no symbol " + spec.entrySymbol + ")"};
    return entry;
}

} // namespace sg::core
