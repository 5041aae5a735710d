#include "core/store/ProjectItemKeys.h"

#include "core/store/Deidentify.h"
#include "core/store/ProjectStore.h"

namespace sg::core {

ItemKeys makeItemKeys(const std::vector<Item>& items, const std::string& uidSecret)
{
    std::vector<ItemKeySource> sources;
    sources.reserve(items.size());
    for (const Item& item : items)
        sources.push_back({item.id, item.studyId, item.level, item.instanceNumber, item.sopUidHash});
    ItemKeys::UidHash hash;
    if (!uidSecret.empty())
        hash = [uidSecret](std::string_view uid) { return uidHash(uidSecret, uid); };
    return ItemKeys(std::move(sources), std::move(hash));
}

Result<ItemKeys> readItemKeys(ProjectStore& store)
{
    auto items = store.items();
    if (!items)
        return Error {items.error()};
    return makeItemKeys(*items, store.uidSecret());
}

} // namespace sg::core
