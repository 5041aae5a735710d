#pragma once
// The project's item keys (core/labels/ItemKey.h) from its items: one list, one key each.
#include "core/labels/ItemKey.h"
#include "core/store/ProjectTypes.h"
#include "core/util/Result.h"

#include <string>
#include <vector>

namespace sg::core {

class ProjectStore;

// Items as ProjectStore::items() gives them; with the project's secret (ProjectStore::uidSecret)
// find() accepts SOP Instance UIDs too.
ItemKeys makeItemKeys(const std::vector<Item>& items, const std::string& uidSecret = {});
Result<ItemKeys> readItemKeys(ProjectStore& store); // every item of the project

} // namespace sg::core
