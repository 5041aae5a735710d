#pragma once
// The stable JSON of `spinegrade-cli info --json` (documented in the README).
#include "core/study/Study.h"

#include <string>

namespace sg::core {

// With `deidentify` (info --json --deidentify): studies named S001.. in scan order and series
// by number, no UIDs or descriptions, and skipped files counted, not named.
std::string scanResultToJson(const ScanResult& result, int indent = 2, bool deidentify = false);

} // namespace sg::core
