// Settings, CNN predictions and the lead's consensus labels.
#include "core/store/ProjectStore.h"

#include "core/store/ConsensusStore.h"
#include "core/store/RereadSchedule.h"
#include "core/store/StoreInternal.h"

#include <cmath>
#include <sstream>

namespace sg::core {
using store::guarded;
using store::splitProbabilities;

namespace {

std::string joinProbabilities(const std::vector<double>& p)
{
    std::ostringstream out;
    out.precision(17);
    for (size_t i = 0; i < p.size(); ++i)
        out << (i ? "," : "") << p[i];
    return out.str();
}

Status checkProbabilities(const std::vector<double>& p, size_t classes, const char* what)
{
    if (!p.empty() && p.size() != classes)
        return Status::failure(std::string(what) + " probabilities need " + std::to_string(classes) + " values");
    for (double v : p)
        if (!(v >= 0 && v <= 1))
            return Status::failure(std::string(what) + " probabilities must lie between 0 and 1");
    return Status::success();
}

} // namespace

std::vector<double> store::splitProbabilities(const std::string& text)
{
    std::vector<double> p;
    std::istringstream in(text);
    std::string field;
    while (std::getline(in, field, ','))
        p.push_back(std::stod(field));
    return p;
}

Result<bool> ProjectStore::assisted()
{
    return guarded(
        [&]() -> Result<bool> { return m_db->queryText("SELECT value FROM setting WHERE key = 'assisted'") == "1"; });
}

Status ProjectStore::setAssisted(bool on)
{
    return guarded([&]() -> Status {
        Transaction tx(*m_db);
        m_db->exec(
            std::string("INSERT OR REPLACE INTO setting(key, value) VALUES('assisted', '") + (on ? "1" : "0") + "')");
        tx.commit();
        return Status::success();
    });
}

Result<RereadSettings> ProjectStore::rereadSettings()
{
    return guarded([&]() -> Result<RereadSettings> { return store::readRereadSettings(*m_db); });
}

Status ProjectStore::setRereadSettings(const RereadSettings& settings)
{
    if (!(settings.share >= 0 && settings.share <= kMaxRereadShare))
        return Status::failure(
            "the re-read share must lie between 0 and 0.5 (0 = no re-reads), not " + std::to_string(settings.share));
    if (settings.gap < 1)
        return Status::failure("the re-read gap must be at least 1 entry, not " + std::to_string(settings.gap));
    return guarded([&]() -> Status {
        Transaction tx(*m_db);
        // The schedule is drawn when the worklist is built; changing it afterwards would leave
        // analyzers with different rules, so it is fixed once the first label is saved.
        const auto current = store::readRereadSettings(*m_db);
        if (current.share == settings.share && current.gap == settings.gap)
            return Status::success();
        if (m_db->queryInt("SELECT COUNT(*) FROM label_history") > 0)
            return Status::failure("labeling has started in " + m_path +
                "; the re-read schedule is fixed once the "
                "first label is saved");
        Statement st = m_db->prepare("INSERT OR REPLACE INTO setting(key, value) VALUES(?, ?)");
        st.bind(1, std::string("reread_share")).bind(2, std::to_string(settings.share)).run();
        st.reset();
        st.bind(1, std::string("reread_gap")).bind(2, std::to_string(settings.gap)).run();
        tx.commit();
        return Status::success();
    });
}

Status ProjectStore::checkModelName(const std::string& modelName)
{
    return guarded([&]() -> Status { return store::checkModelName(*m_db, modelName); });
}

Status ProjectStore::savePrediction(const Prediction& p)
{
    return savePredictions({p});
}

Status ProjectStore::savePredictions(const std::vector<Prediction>& predictions)
{
    // All are checked before any is written: a batch is stored whole or not at all.
    for (const Prediction& p : predictions) {
        if (Status s = checkProbabilities(p.canalProbabilities, 2, "rootlet/cord"); !s)
            return s;
        if (Status s = checkProbabilities(p.gradeProbabilities, 4, "grade"); !s)
            return s;
        if (p.modelName.empty())
            return Status::failure("a prediction needs the model's name");
        if (p.patch &&
            !(std::isfinite(p.patch->x) && std::isfinite(p.patch->y) && std::isfinite(p.patch->w) &&
                std::isfinite(p.patch->h) && p.patch->w > 0 && p.patch->h > 0))
            return Status::failure(
                "a predicted patch needs finite coordinates and a positive size (model " + p.modelName + ")");
    }
    return guarded([&]() -> Status {
        Transaction tx(*m_db);
        std::string checkedName;
        for (const Prediction& p : predictions)
            if (p.modelName != checkedName) {
                if (Status named = store::checkModelName(*m_db, p.modelName); !named)
                    return named;
                checkedName = p.modelName;
            }
        Statement st = m_db->prepare(
            "INSERT OR REPLACE INTO prediction(item_id, model_name, model_version, patch_x, patch_y, patch_w, patch_h, "
            "canal_probs, grade_probs, created_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        const std::string now = utcNow();
        for (const Prediction& p : predictions) {
            st.reset();
            st.bind(1, p.itemId).bind(2, p.modelName).bind(3, p.modelVersion);
            if (p.patch)
                st.bind(4, p.patch->x).bind(5, p.patch->y).bind(6, p.patch->w).bind(7, p.patch->h);
            else
                st.bindNull(4).bindNull(5).bindNull(6).bindNull(7);
            st.bind(8, joinProbabilities(p.canalProbabilities)).bind(9, joinProbabilities(p.gradeProbabilities));
            st.bind(10, p.createdAt.empty() ? now : p.createdAt).run();
        }
        tx.commit();
        return Status::success();
    });
}

Result<std::vector<std::int64_t>> ProjectStore::predictedItems(
    const std::string& modelName, const std::string& modelVersion)
{
    return guarded([&]() -> Result<std::vector<std::int64_t>> {
        Statement st =
            m_db->prepare("SELECT item_id FROM prediction WHERE model_name = ? AND model_version = ? ORDER BY item_id");
        st.bind(1, modelName).bind(2, modelVersion);
        std::vector<std::int64_t> ids;
        while (st.step())
            ids.push_back(st.integer(0));
        return ids;
    });
}

Result<std::vector<Prediction>> ProjectStore::predictions(const Analyzer& as, std::int64_t itemId)
{
    return guarded([&]() -> Result<std::vector<Prediction>> {
        // Blind study: the CNN's patch only, as in a reader kit (issue 13); its rootlet/cord and
        // grade probabilities only in assisted mode, or to a lead.
        const bool showGrade =
            as.isLead() || m_db->queryText("SELECT value FROM setting WHERE key = 'assisted'") == "1";
        Statement st =
            m_db->prepare("SELECT model_name, model_version, patch_x, patch_y, patch_w, patch_h, "
                          "canal_probs, grade_probs, created_at FROM prediction WHERE item_id = ? ORDER BY id");
        st.bind(1, itemId);
        std::vector<Prediction> all;
        while (st.step()) {
            Prediction p;
            p.itemId = itemId;
            p.modelName = st.text(0);
            p.modelVersion = st.text(1);
            if (!st.isNull(2))
                p.patch = Patch {st.real(2), st.real(3), st.real(4), st.real(5)};
            if (showGrade) {
                p.canalProbabilities = splitProbabilities(st.text(6));
                p.gradeProbabilities = splitProbabilities(st.text(7));
            }
            p.createdAt = st.text(8);
            all.push_back(std::move(p));
        }
        return all;
    });
}

Status ProjectStore::saveConsensus(const Analyzer& lead, const Consensus& c)
{
    // Callers from before the review gave free text only: their decisions are "other".
    Consensus decision = c;
    if (!decision.reasonCode)
        decision.reasonCode = ConsensusReason::Other;
    auto stored = setConsensus(*this, lead, decision);
    return stored ? Status::success() : Status::failure(stored.error());
}

Result<std::optional<Consensus>> ProjectStore::consensus(const Analyzer& as, std::int64_t itemId)
{
    return readConsensus(*this, as, itemId);
}

} // namespace sg::core
