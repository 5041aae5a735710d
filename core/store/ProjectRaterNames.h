#pragma once
// The names a new rater of a project must not collide with (its analyzers, and the models of
// its predictions), for asking early: the sign-in dialog judges a typed name by the same rules
// the store applies when it adds the analyzer (core/labels/RaterName.h).
#include "core/labels/RaterName.h"
#include "core/util/Result.h"

namespace sg::core {

class ProjectStore;

Result<RaterNameContext> projectRaterNames(ProjectStore& store);

} // namespace sg::core
