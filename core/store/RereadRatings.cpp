#include "core/store/RereadRatings.h"

#include "core/stats/AgreementReport.h"
#include "core/store/ProjectStore.h"
#include "core/store/StoreInternal.h"

namespace sg::core {

Result<std::vector<AnalyzerRereads>> readRereads(ProjectStore& store)
{
    return store::guarded([&]() -> Result<std::vector<AnalyzerRereads>> {
        SqliteConnection& db = store.connection();
        Statement st =
            db.prepare("SELECT a.name, f.canal, f.grade, f.subgrade, r.canal, r.grade, r.subgrade FROM reread_entry e "
                       "JOIN analyzer a ON a.id = e.analyzer_id "
                       "LEFT JOIN label f ON f.item_id = e.item_id AND f.analyzer_id = e.analyzer_id "
                       "LEFT JOIN reread_label r ON r.item_id = e.item_id AND r.analyzer_id = e.analyzer_id "
                       "ORDER BY a.name, e.position");
        std::vector<AnalyzerRereads> out;
        while (st.step()) {
            if (out.empty() || out.back().analyzer != st.text(0))
                out.push_back({st.text(0), {}, {}});
            std::optional<Canal> canal[2];
            std::optional<Grade> grade[2];
            std::optional<int> subgrade;
            store::readJudgment(st, 1, canal[0], grade[0], subgrade);
            store::readJudgment(st, 4, canal[1], grade[1], subgrade);
            const auto cls = [](const auto& v) { return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt; };
            out.back().canal.push_back({cls(canal[0]), cls(canal[1])});
            out.back().grade.push_back({cls(grade[0]), cls(grade[1])});
        }
        return out;
    });
}

Status addIntraRater(AgreementReport& report, ProjectStore& store)
{
    auto rereads = readRereads(store);
    if (!rereads)
        return Status::failure(rereads.error());
    report.intraRater = computeIntraRater(*rereads);
    return Status::success();
}

} // namespace sg::core
