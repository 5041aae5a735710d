#include "core/review/ReviewSnapshot.h"

#include "core/store/ConsensusStore.h"
#include "core/store/ProjectRatings.h" // argmaxClass: models are read as the statistics read them
#include "core/store/ProjectStore.h"
#include "core/store/SqliteConnection.h"

#include <map>
#include <sstream>
#include <unordered_map>

namespace sg::core {
namespace {

std::vector<double> probabilities(const std::string& text)
{
    std::vector<double> out;
    std::stringstream in(text);
    for (std::string cell; std::getline(in, cell, ',');)
        try {
            out.push_back(std::stod(cell));
        } catch (...) {
            return {};
        }
    return out;
}

std::optional<Patch> patchAt(const Statement& st, int first)
{
    if (st.isNull(first) || st.isNull(first + 1) || st.isNull(first + 2) || st.isNull(first + 3))
        return std::nullopt;
    return Patch {st.real(first), st.real(first + 1), st.real(first + 2), st.real(first + 3)};
}

// One read transaction: every query sees the same snapshot while labels go on elsewhere.
class ReadSnapshot {
public:
    explicit ReadSnapshot(SqliteConnection& db) : m_db(db) { m_db.exec("BEGIN DEFERRED"); }
    ~ReadSnapshot()
    {
        try {
            m_db.exec("COMMIT");
        } catch (...) {
        }
    }
    ReadSnapshot(const ReadSnapshot&) = delete;
    ReadSnapshot& operator=(const ReadSnapshot&) = delete;

private:
    SqliteConnection& m_db;
};

} // namespace

Result<ReviewSnapshot> readReviewSnapshot(ProjectStore& store)
{
    try {
        SqliteConnection& db = store.connection();
        ReviewSnapshot out;
        ReviewInput& in = out.input;
        ReadSnapshot snapshot(db);

        std::unordered_map<std::int64_t, size_t> slot;
        std::vector<ItemKeySource> sources;
        Statement items = db.prepare("SELECT i.id, s.sop_uid, se.study_id, s.level, s.instance_number, "
                                     "s.row_spacing, s.column_spacing FROM item i JOIN slice s ON s.id = i.slice_id "
                                     "JOIN series se ON se.id = s.series_id ORDER BY i.id");
        while (items.step()) {
            ReviewInputItem item;
            item.itemId = items.integer(0);
            item.sopUidHash = items.text(1);
            if (auto level = items.optText(3))
                item.level = parseLevel(*level);
            item.rowSpacing = items.optReal(5);
            item.columnSpacing = items.optReal(6);
            sources.push_back(
                {item.itemId, items.integer(2), item.level, static_cast<int>(items.integer(4)), item.sopUidHash});
            slot.emplace(item.itemId, in.items.size());
            in.items.push_back(std::move(item));
        }
        in.keys = ItemKeys(std::move(sources));

        // Raters: the analyzers with labels (a lead's labels are never an analyzer's: one
        // person has one role in a project), then the models.
        std::map<std::string, int> raterIndex;
        Statement analyzers = db.prepare("SELECT name FROM analyzer WHERE role = 'analyzer' AND id IN "
                                         "(SELECT analyzer_id FROM label) ORDER BY name");
        while (analyzers.step()) {
            raterIndex.emplace(analyzers.text(0), static_cast<int>(in.raters.size()));
            in.raters.push_back({analyzers.text(0), false});
        }
        Statement models = db.prepare("SELECT DISTINCT model_name FROM prediction ORDER BY model_name");
        while (models.step()) {
            if (raterIndex.count(models.text(0)))
                continue; // refused by checkModelName; never two raters of one name
            raterIndex.emplace(models.text(0), static_cast<int>(in.raters.size()));
            in.raters.push_back({models.text(0), true});
        }

        Statement labels = db.prepare("SELECT l.item_id, a.name, l.canal, l.grade, l.patch_x, l.patch_y, l.patch_w, "
                                      "l.patch_h FROM label l JOIN analyzer a ON a.id = l.analyzer_id "
                                      "WHERE a.role = 'analyzer' ORDER BY l.item_id, a.name");
        while (labels.step()) {
            const auto item = slot.find(labels.integer(0));
            if (item == slot.end())
                continue;
            ReviewJudgment j;
            j.rater = raterIndex.at(labels.text(1));
            if (auto canal = labels.optText(2))
                j.canal = parseCanal(*canal);
            if (auto grade = labels.optText(3))
                j.grade = parseGrade(*grade);
            j.patch = patchAt(labels, 4);
            in.items[item->second].judgments.push_back(j);
        }

        // The newest prediction of each model for each item (ordered last wins).
        std::map<std::pair<std::int64_t, int>, ReviewJudgment> latest;
        Statement predictions = db.prepare("SELECT item_id, model_name, canal_probs, grade_probs, patch_x, patch_y, "
                                           "patch_w, patch_h FROM prediction ORDER BY item_id, model_name, "
                                           "created_at, id");
        while (predictions.step()) {
            ReviewJudgment j;
            j.rater = raterIndex.at(predictions.text(1));
            if (const auto canal = argmaxClass(probabilities(predictions.text(2))))
                j.canal = static_cast<Canal>(*canal);
            if (!j.canal || *j.canal == Canal::Rootlet)
                if (const auto grade = argmaxClass(probabilities(predictions.text(3))))
                    j.grade = static_cast<Grade>(*grade);
            j.patch = patchAt(predictions, 4);
            latest[{predictions.integer(0), j.rater}] = j;
        }
        for (const auto& [key, j] : latest)
            if (const auto item = slot.find(key.first); item != slot.end())
                in.items[item->second].judgments.push_back(j);

        auto decisions = readAllConsensus(store);
        if (!decisions)
            return Error {decisions.error()};
        for (Consensus& c : *decisions) {
            if (const auto item = slot.find(c.itemId); item != slot.end())
                in.items[item->second].decided = true;
            out.consensus.emplace(c.itemId, std::move(c));
        }
        // A decision made on older labels: an analyzer's label changed after it (both times
        // are utcNow()'s fixed-width ISO text, so text order is time order).
        Statement changed = db.prepare("SELECT l.item_id, MAX(l.updated_at) FROM label l JOIN analyzer a "
                                       "ON a.id = l.analyzer_id WHERE a.role = 'analyzer' GROUP BY l.item_id");
        while (changed.step()) {
            const auto decided = out.consensus.find(changed.integer(0));
            const auto item = slot.find(changed.integer(0));
            if (decided != out.consensus.end() && item != slot.end() && changed.text(1) > decided->second.decidedAt)
                in.items[item->second].labelsChangedSince = true;
        }
        return out;
    } catch (const std::exception& e) {
        return Error {e.what()};
    }
}

} // namespace sg::core
