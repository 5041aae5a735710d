#include "core/store/SliceNeighbours.h"

#include "core/store/ProjectStore.h"
#include "core/store/StoreInternal.h"

#include <filesystem>

namespace sg::core {

Result<std::vector<NeighbourSlice>> neighbourSlices(ProjectStore& store, std::int64_t itemId, int radius)
{
    return store::guarded([&]() -> Result<std::vector<NeighbourSlice>> {
        Statement st = store.connection().prepare(
            "SELECT n.slice_index - s.slice_index, r.path, n.rel_path, n.sop_uid, n.instance_number "
            "FROM item i JOIN slice s ON s.id = i.slice_id "
            "JOIN slice n ON n.series_id = s.series_id AND n.stack_index = s.stack_index "
            "JOIN import_root r ON r.id = n.root_id "
            "WHERE i.id = ? AND ABS(n.slice_index - s.slice_index) <= ? ORDER BY n.slice_index");
        st.bind(1, itemId).bind(2, radius);
        std::vector<NeighbourSlice> slices;
        while (st.step())
            slices.push_back({static_cast<int>(st.integer(0)), store.resolveFile(st.text(1), st.text(2)), st.text(3),
                static_cast<int>(st.integer(4))});
        if (slices.empty())
            return Error {"item " + std::to_string(itemId) + " is not in " + store.path()};
        return slices;
    });
}

} // namespace sg::core
