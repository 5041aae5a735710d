#pragma once
// ground_truth.json of a synthetic patient:
// {"slices":[{"sop_uid","level","canal":"rootlet"|"cord","grade":"A".."D"|null,
//   "subgrade":"A1".."A4"|null,"canal_center_px":[col,row],"patch_px":{x,y,w,h},
//   "pixel_spacing":[row,col]}]}
#include "core/phantom/PhantomStudy.h"
#include "core/util/Result.h"

#include <string>
#include <vector>

namespace sg::core {

std::string groundTruthToJson(const std::vector<PhantomSliceTruth>& slices);

// Reads the file's text back (the csfAreaMm2 diagnostic is not part of the format).
Result<std::vector<PhantomSliceTruth>> groundTruthFromJson(const std::string& text);

} // namespace sg::core
