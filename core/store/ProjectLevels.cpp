// Level corrections: the scanner names levels from the stack order, and an analyzer who sees
// a wrong one corrects the whole stack (one disc level) at once.
#include "core/store/ProjectStore.h"

#include "core/store/StoreInternal.h"

namespace sg::core {
using store::guarded;

Result<int> ProjectStore::correctStackLevel(const Analyzer& as, std::int64_t itemId, std::optional<Level> level)
{
    return guarded([&]() -> Result<int> {
        Transaction tx(*m_db);
        Statement where = m_db->prepare(
            "SELECT s.series_id, s.stack_index, s.level FROM item i JOIN slice s ON s.id = i.slice_id WHERE i.id = ?");
        if (!where.bind(1, itemId).step())
            return Error {"item " + std::to_string(itemId) + " is not in " + m_path};
        const std::int64_t series = where.integer(0);
        const std::int64_t stack = where.integer(1);
        const std::optional<std::string> old = where.optText(2);
        const std::optional<std::string> now =
            level ? std::optional<std::string>(std::string(levelName(*level))) : std::nullopt;
        if (old == now)
            return 0;
        Statement update = m_db->prepare("UPDATE slice SET level = ? WHERE series_id = ? AND stack_index = ?");
        update.bind(1, now).bind(2, series).bind(3, stack).run();
        const int changed = m_db->changes();
        m_db->prepare("INSERT INTO level_change(series_id, stack_index, old_level, new_level, changed_by, changed_at) "
                      "VALUES(?, ?, ?, ?, ?, ?)")
            .bind(1, series)
            .bind(2, stack)
            .bind(3, old)
            .bind(4, now)
            .bind(5, as.id)
            .bind(6, utcNow())
            .run();
        tx.commit();
        return changed;
    });
}

} // namespace sg::core
