#pragma once
// What `spinegrade-cli screen` found: every screened slice with its CNN proposal, and per disc
// level the worst finding. The JSON, the table and the RSNA submission rows all read these.
#include "core/ml/ProposalModel.h"
#include "core/study/Level.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sg::cli {

struct ScreenedSlice {
    std::string sopUid;
    std::optional<core::Level> level;
    core::SliceProposal proposal;
    int instanceNumber = 0; // for the slice's key (--deidentify)
};

inline constexpr const char* kGradeLetters[] = {"A", "B", "C", "D"};

// Rootlet slices with a canal: per level, the worst grade, the most probable slice among them.
// A level whose slices are all out of distribution is listed with the reason instead.
struct LevelWorst {
    std::string level;
    int grade = -1;
    double probability = 0;
    std::string sopUid;
    std::string notGraded; // grade < 0: why (core::levelNotGradedReason)
    std::int64_t index = 0; // of the slice in the screened list
};

// In level order.
std::vector<LevelWorst> worstPerLevel(const std::vector<ScreenedSlice>& slices);

} // namespace sg::cli
