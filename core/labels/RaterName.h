#pragma once
// Rules for the name of a rater (an analyzer, or a CNN model rated under its name). Names
// are shown side by side in the statistics, so two that a person would read as the same
// ("Ann" and "ann", "ann" and "an n", "Ａｎｎ" in full-width letters, "é" composed or not)
// would split one rater into two, or merge two. ICU stays inside RaterName.cpp.
#include "core/util/Status.h"

#include <string>
#include <string_view>
#include <vector>

namespace sg::core {

// The rater name the lead's consensus labels carry in the statistics: reserved, no
// person or model may take it.
inline constexpr const char* kConsensusRater = "consensus";

// The key under which names count as the same: Unicode NFKC with case folding
// (NFKC_Casefold, which also drops default-ignorable characters such as zero-width
// spaces), with every white space removed. Empty for a name that is not UTF-8.
std::string raterNameKey(std::string_view name);

// What a new rater name must not collide with.
struct RaterNameContext {
    std::vector<std::string> analyzers; // names of the project's analyzers
    std::vector<std::string> models; // model names of the project's predictions (classifier raters)
};

// Refuses, with a reason: an empty name, a name that is not UTF-8 or holds control
// characters other than line breaks and tabs, a name with spaces at either end,
// `consensus` (the lead's consensus in the statistics), a model's name, and a name that
// differs from an existing analyzer's only by case, spaces or Unicode form. An exact
// existing analyzer name is refused too (the caller decides whether that means "sign in").
// `what` says which kind of name it is in the message ("analyzer name", "model name").
Status checkNewRaterName(const std::string& name, const RaterNameContext& context, std::string_view what);

} // namespace sg::core
