#include "core/store/ProjectRatings.h"

#include "core/stats/AgreementReport.h"
#include "core/stats/ClassifierReference.h"

#include "core/labels/LabelCsv.h"
#include "core/stats/RatingTable.h"
#include "core/store/ProjectStore.h"
#include "core/store/StoreInternal.h"

#include <cstdio>
#include <map>
#include <set>
#include <unordered_map>

namespace sg::core {
using store::guarded;

namespace {

// A deferred read transaction: every query below sees the same snapshot, while writers in
// other processes go on (WAL). Never takes the write lock.
class ReadSnapshot {
public:
    explicit ReadSnapshot(SqliteConnection& db) : m_db(db) { m_db.exec("BEGIN DEFERRED"); }
    ~ReadSnapshot()
    {
        try {
            m_db.exec("COMMIT");
        } catch (...) { // nothing was written; the connection closes the transaction anyway
        }
    }
    ReadSnapshot(const ReadSnapshot&) = delete;
    ReadSnapshot& operator=(const ReadSnapshot&) = delete;

private:
    SqliteConnection& m_db;
};

void readItems(SqliteConnection& db, ProjectRatings& out)
{
    Statement st = db.prepare("SELECT i.id, se.study_id, s.level, s.instance_number, s.sop_uid FROM item i "
                              "JOIN slice s ON s.id = i.slice_id JOIN series se ON se.id = s.series_id ORDER BY i.id");
    std::vector<ItemKeySource> sources;
    while (st.step()) {
        RatedItem item;
        item.itemId = st.integer(0);
        item.level = st.optText(2).value_or("");
        item.sopUidHash = st.text(4);
        sources.push_back(
            {item.itemId, st.integer(1), parseLevel(item.level), static_cast<int>(st.integer(3)), item.sopUidHash});
        out.items.push_back(std::move(item));
    }
    // Keys by import order (study row id), so they are stable as labels come in.
    out.keys = ItemKeys(std::move(sources));
    for (RatedItem& item : out.items) {
        item.key = out.keys.key(item.itemId);
        item.studyKey = out.keys.studyKey(item.itemId);
    }
}

void readAnalyzerLabels(SqliteConnection& db, ProjectRatings& out)
{
    // A lead's labels are never an analyzer's (issue 11): the lead is a rater only as the
    // consensus. One person has one role in a project (analyzer.role), so a lead who is also
    // an analyzer does not exist today; a lead's own labels are left out of the statistics.
    Statement raters = db.prepare(
        "SELECT name FROM analyzer WHERE role = 'analyzer' AND id IN (SELECT analyzer_id FROM label) ORDER BY name");
    while (raters.step())
        out.raters.push_back({raters.text(0), RaterKind::Analyzer});
    Statement st = db.prepare("SELECT l.item_id, a.name, l.canal, l.grade FROM label l "
                              "JOIN analyzer a ON a.id = l.analyzer_id "
                              "WHERE a.role = 'analyzer' AND (l.canal IS NOT NULL OR l.grade IS NOT NULL) "
                              "ORDER BY l.item_id, a.name");
    while (st.step()) {
        Rating r;
        r.itemId = st.integer(0);
        r.rater = st.text(1);
        if (auto canal = st.optText(2))
            r.canal = parseCanal(*canal);
        if (auto grade = st.optText(3))
            r.grade = parseGrade(*grade);
        out.ratings.push_back(std::move(r));
    }
}

void readPredictions(SqliteConnection& db, ProjectRatings& out)
{
    // The newest prediction of each model for each item wins (ordered last).
    Statement st = db.prepare("SELECT item_id, model_name, canal_probs, grade_probs FROM prediction "
                              "ORDER BY item_id, model_name, created_at, id");
    std::set<std::string> models;
    std::map<std::pair<std::int64_t, std::string>, Rating> latest;
    while (st.step()) {
        Rating r;
        r.itemId = st.integer(0);
        r.rater = st.text(1);
        const auto canal = argmaxClass(store::splitProbabilities(st.text(2)));
        if (canal)
            r.canal = static_cast<Canal>(*canal);
        if (!r.canal || *r.canal == Canal::Rootlet)
            if (auto probs = store::splitProbabilities(st.text(3)); const auto grade = argmaxClass(probs)) {
                r.grade = static_cast<Grade>(*grade);
                r.gradeProbabilities = std::move(probs);
            }
        models.insert(r.rater);
        latest[{r.itemId, r.rater}] = std::move(r);
    }
    for (const std::string& model : models)
        out.raters.push_back({model, RaterKind::Classifier});
    for (auto& [key, rating] : latest)
        if (rating.canal || rating.grade)
            out.ratings.push_back(std::move(rating));
}

void readConsensus(SqliteConnection& db, ProjectRatings& out)
{
    Statement st = db.prepare("SELECT item_id, canal, grade FROM consensus ORDER BY item_id");
    bool any = false;
    while (st.step()) {
        Rating r;
        r.itemId = st.integer(0);
        r.rater = kConsensusRater;
        if (auto canal = st.optText(1))
            r.canal = parseCanal(*canal);
        if (auto grade = st.optText(2))
            r.grade = parseGrade(*grade);
        if (r.canal || r.grade) {
            out.ratings.push_back(std::move(r));
            any = true;
        }
    }
    if (any)
        out.raters.push_back({kConsensusRater, RaterKind::Consensus});
}

} // namespace

std::optional<int> argmaxClass(const std::vector<double>& probabilities)
{
    if (probabilities.empty())
        return std::nullopt;
    size_t best = 0;
    for (size_t i = 1; i < probabilities.size(); ++i)
        if (probabilities[i] > probabilities[best])
            best = i;
    return static_cast<int>(best);
}

Result<ProjectRatings> readProjectRatings(ProjectStore& store)
{
    return guarded([&]() -> Result<ProjectRatings> {
        SqliteConnection& db = store.connection();
        ProjectRatings out;
        ReadSnapshot snapshot(db);
        readItems(db, out);
        readAnalyzerLabels(db, out);
        readPredictions(db, out);
        readConsensus(db, out);
        return out;
    });
}

std::string ratingItemKey(const RatedItem& item)
{
    return item.key;
}

void fillRatingTable(RatingTable& table, const ProjectRatings& ratings)
{
    // Items and raters are registered once and labels set by slot: no key hashed per label.
    std::unordered_map<std::int64_t, int> itemSlots;
    itemSlots.reserve(ratings.items.size());
    table.reserveItems(ratings.items.size());
    table.beginBulk();
    for (const RatedItem& item : ratings.items) {
        const std::string key = ratingItemKey(item);
        itemSlots.emplace(item.itemId, table.itemSlot(key));
        if (!item.level.empty())
            table.setItemLevel(key, item.level);
        table.setItemCluster(key, item.studyKey); // the bootstrap resamples patients (studies)
    }
    std::unordered_map<std::string, int> raterSlots;
    for (const RaterInfo& rater : ratings.raters)
        raterSlots.emplace(rater.name, table.raterSlot(rater.name));
    for (const Rating& r : ratings.ratings) {
        const auto item = itemSlots.find(r.itemId);
        const auto rater = raterSlots.find(r.rater);
        if (item == itemSlots.end() || rater == raterSlots.end())
            continue; // not in the snapshot's items or raters: cannot happen with foreign keys
        if (r.canal)
            table.setLabelAt(item->second, rater->second, Task::Canal, static_cast<int>(*r.canal));
        if (r.grade)
            table.setLabelAt(item->second, rater->second, Task::Grade, static_cast<int>(*r.grade));
    }
    table.endBulk();
}

std::vector<ClassifierScores> classifierScores(const ProjectRatings& ratings)
{
    std::unordered_map<std::int64_t, const RatedItem*> items;
    for (const RatedItem& item : ratings.items)
        items.emplace(item.itemId, &item);
    std::map<std::string, ClassifierScores> byModel;
    for (const Rating& r : ratings.ratings) {
        const auto item = items.find(r.itemId);
        if (r.gradeProbabilities.size() != 4 || item == items.end())
            continue;
        ClassifierScores& s = byModel[r.rater];
        s.classifier = r.rater;
        s.items.push_back({ratingItemKey(*item->second),
            {r.gradeProbabilities[0], r.gradeProbabilities[1], r.gradeProbabilities[2], r.gradeProbabilities[3]}});
    }
    std::vector<ClassifierScores> out;
    for (auto& [name, s] : byModel)
        out.push_back(std::move(s));
    return out;
}

void addClassifierFigures(AgreementReport& report, const RatingTable& table, const ProjectRatings& ratings)
{
    std::vector<std::string> references, analyzers;
    for (const RaterInfo& r : ratings.raters) {
        if (r.kind != RaterKind::Classifier)
            references.push_back(r.name);
        if (r.kind == RaterKind::Analyzer)
            analyzers.push_back(r.name);
    }
    // The Dawid-Skene reference comes from the analyzers' labels, seeded with the report's seed.
    addDawidSkene(report, table, analyzers, report.bootstrapSeed);
    const TaskEntry* grade = nullptr;
    for (const TaskEntry& t : report.tasks)
        if (t.task == Task::Grade && t.dawidSkene)
            grade = &t;
    report.classifiers = classifierVsReferences(
        table, references, analyzers, classifierScores(ratings), grade ? &*grade->dawidSkene : nullptr);
}

} // namespace sg::core
