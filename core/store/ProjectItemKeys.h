#pragma once
// The project's item keys (core/labels/ItemKey.h) from its items: one list, one key each.
#include "core/labels/ItemKey.h"
#include "core/store/ProjectTypes.h"
#include "core/util/Result.h"

#include <vector>

namespace sg::core {

class ProjectStore;

ItemKeys makeItemKeys(const std::vector<Item>& items); // items as ProjectStore::items() gives them
Result<ItemKeys> readItemKeys(ProjectStore& store); // every item of the project

} // namespace sg::core
