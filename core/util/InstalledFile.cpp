#include "core/util/InstalledFile.h"

#include <cstdlib>
#include <filesystem>
#include <vector>

namespace sg::core {

Result<std::string> findInstalledFile(const InstalledFileSearch& search)
{
    namespace fs = std::filesystem;
    if (const char* env = std::getenv(search.environmentVariable.c_str()); env && *env) {
        if (search.usable(env))
            return std::string(env);
        return Error {search.what + " is missing: " + search.environmentVariable + " names " + env + ", which is not " +
            search.notUsable};
    }
    std::vector<std::string> tried;
    auto consider = [&](const std::string& path) {
        tried.push_back(path);
        return search.usable(path);
    };
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path dir = self.parent_path();
        if (consider((dir / search.fileName).string()))
            return tried.back();
        if (consider((dir.parent_path() / search.relativeToPrefix / search.fileName).string()))
            return tried.back();
    }
    if (!search.installDirectory.empty() && consider(search.installDirectory + "/" + search.fileName))
        return tried.back();
    if (!search.buildPath.empty() && consider(search.buildPath))
        return tried.back();
    std::string places;
    for (const std::string& t : tried)
        places += (places.empty() ? "" : ", ") + t;
    return Error {search.what + " " + search.fileName + " is missing (looked in " + places + "; set " +
        search.environmentVariable + " to its path)"};
}

} // namespace sg::core
