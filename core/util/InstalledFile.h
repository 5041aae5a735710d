#pragma once
// Finds a file the programs ship beside themselves (the DICOM reader helper, the ML plugin):
// an environment variable names it outright; otherwise beside the running program, in the
// install layout relative to it (a relocated install), in the configured install folder,
// then in the build tree (tests). The error names every place looked at.
#include "core/util/Result.h"

#include <functional>
#include <string>

namespace sg::core {

struct InstalledFileSearch {
    std::string what; // "the DICOM reader helper": starts every message
    std::string fileName; // "spinegrade-dicom-reader"
    std::string environmentVariable; // "SPINEGRADE_DICOM_READER": that file only, when set
    std::string relativeToPrefix; // "libexec/spinegrade": beside bin/ in a relocated install
    std::string installDirectory; // configured at build time; may be empty
    std::string buildPath; // the build tree's copy; may be empty
    std::function<bool(const std::string&)> usable; // is a file / is an executable file
    std::string notUsable; // "an executable file": what the variable's file is not
};

Result<std::string> findInstalledFile(const InstalledFileSearch& search);

} // namespace sg::core
