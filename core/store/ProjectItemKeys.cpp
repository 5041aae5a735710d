#include "core/store/ProjectItemKeys.h"

#include "core/store/ProjectStore.h"

namespace sg::core {

ItemKeys makeItemKeys(const std::vector<Item>& items)
{
    std::vector<ItemKeySource> sources;
    sources.reserve(items.size());
    for (const Item& item : items)
        sources.push_back({item.id, item.studyId, item.level, item.instanceNumber, item.sopInstanceUid});
    return ItemKeys(std::move(sources));
}

Result<ItemKeys> readItemKeys(ProjectStore& store)
{
    auto items = store.items();
    if (!items)
        return Error {items.error()};
    return makeItemKeys(*items);
}

} // namespace sg::core
