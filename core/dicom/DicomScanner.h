#pragma once
// Finds the DICOM studies under a folder (recursively, any file name).
#include "core/study/Study.h"

#include <functional>
#include <string>

namespace sg::core {

// Called with (files done, files total); returning false cancels the scan.
using ScanProgress = std::function<bool(int done, int total)>;

// A path may be a folder or one file. Files that cannot be used are listed in
// ScanResult::skipped with the reason; the scan itself never fails.
ScanResult scanPath(const std::string& path, const ScanProgress& progress = {});

} // namespace sg::core
