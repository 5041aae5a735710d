#pragma once
// Finds the DICOM studies under a folder (recursively, any file name).
#include "core/dicom/ReaderLimits.h"
#include "core/study/Study.h"
#include "core/util/Progress.h"

#include <functional>
#include <string>
#include <vector>

namespace sg::core {

// A path may be a folder or one file. Files that cannot be used, and folders that cannot
// be searched, are listed in ScanResult::skipped with the reason; the scan never fails.
// Headers are read by the DICOM reader helpers under `limits` (slice size, per-file and
// whole-scan deadlines). `progress` hears (files done, files total); a cancelled scan returns
// what was read so far with ScanResult::cancelled set.
ScanResult scanPath(const std::string& path, const ReaderLimits& limits = {}, Progress& progress = Progress::none());

// The regular files under `path` (sorted), following links to folders once; what cannot be
// searched (no permission, a folder that vanished, a link loop, ...) goes to `skipped`.
std::vector<std::string> listDicomCandidates(const std::string& path, std::vector<SkippedFile>& skipped);

} // namespace sg::core
