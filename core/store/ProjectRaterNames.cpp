#include "core/store/ProjectRaterNames.h"

#include "core/store/ProjectStore.h"
#include "core/store/StoreInternal.h"

namespace sg::core {

Result<RaterNameContext> projectRaterNames(ProjectStore& store)
{
    return store::guarded([&]() -> Result<RaterNameContext> { return store::raterNameContext(store.connection()); });
}

} // namespace sg::core
