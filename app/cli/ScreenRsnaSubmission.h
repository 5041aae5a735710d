#pragma once
// `spinegrade-cli screen --rsna-submission FILE`: the RSNA 2024 challenge's spinal canal rows of
// the screened study (core/labels/Rsna.h), and the study id they are written under.
#include "app/cli/ScreenedSlices.h"

#include <optional>
#include <string>
#include <vector>

namespace sg::cli {

// The study's RSNA id: `given`, or the name of its folder (train_images/{study_id}); nullopt
// when neither is one.
std::optional<std::string> rsnaStudyId(const std::string& dir, const std::string& given);

// One row per level, from the grade probabilities of the slice that stands for the level's
// worst finding; a level with no graded slice gets 1/3 each and a note on stderr. Returns the
// exit status.
int writeRsnaSubmission(const std::string& path, const std::string& studyId, const std::vector<ScreenedSlice>& slices);

} // namespace sg::cli
