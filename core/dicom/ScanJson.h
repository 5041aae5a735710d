#pragma once
// The stable JSON of `spinegrade-cli info --json` (documented in the README).
#include "core/study/Study.h"

#include <string>

namespace sg::core {

std::string scanResultToJson(const ScanResult& result, int indent = 2);

} // namespace sg::core
