#pragma once
// SliceHeader <-> JSON, to bring headers back from the isolated reader processes.
#include "core/dicom/SliceHeader.h"

#include <string>

namespace sg::core {

std::string sliceHeaderToJson(const SliceHeader& header);
Result<SliceHeader> sliceHeaderFromJson(const std::string& text);

} // namespace sg::core
