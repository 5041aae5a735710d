// What the statistics read from a project: analyzers' labels, each CNN model as a rater
// (its newest prediction per item, classes by highest probability, no grade on a cord call),
// the lead's consensus, item levels, and study keys that carry nothing from the headers.
#include "core/stats/RatingTable.h"
#include "core/store/LiveRatings.h"
#include "core/store/ProjectRatings.h"
#include "tests/support/ProjectFixture.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <map>
#include <thread>

using namespace sg::core;
using namespace sg::test;

class TestProjectRatings : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<ProjectStore> m_store;
    std::vector<Item> m_items;
    Analyzer m_alice, m_bob, m_lead;

    Label judgment(const Analyzer& who, size_t item, std::optional<Canal> canal, std::optional<Grade> grade)
    {
        Label l;
        l.itemId = m_items[item].id;
        l.analyzerId = who.id;
        l.canal = canal;
        l.grade = grade;
        return l;
    }

    Prediction prediction(size_t item, const std::string& model, const std::string& version, std::vector<double> canal,
        std::vector<double> grade)
    {
        Prediction p;
        p.itemId = m_items[item].id;
        p.modelName = model;
        p.modelVersion = version;
        p.canalProbabilities = std::move(canal);
        p.gradeProbabilities = std::move(grade);
        return p;
    }

    static std::string keyOf(const ProjectRatings& ratings, std::int64_t itemId)
    {
        for (const RatedItem& item : ratings.items)
            if (item.itemId == itemId)
                return ratingItemKey(item);
        return {};
    }

private slots:
    void initTestCase()
    {
        ScanResult scan = syntheticScan("/data/Doe^Jane", 3, 2);
        for (size_t s = 0; s < scan.studies.size(); ++s) {
            scan.studies[s].patientName = "Doe^Jane" + std::to_string(s);
            scan.studies[s].patientId = "MRN-4711-" + std::to_string(s);
        }
        std::string error;
        m_store = makeProject((m_dir.path() + "/ratings.sgdb").toStdString(), scan, error);
        QVERIFY2(m_store, error.c_str());
        m_items = *m_store->items();
        QCOMPARE(m_items.size(), size_t {30});
        m_alice = *m_store->addAnalyzer("alice", Role::Analyzer);
        m_bob = *m_store->addAnalyzer("bob", Role::Analyzer);
        m_lead = *m_store->addAnalyzer("lead", Role::Lead);

        QVERIFY(m_store->saveLabel(m_alice, judgment(m_alice, 0, Canal::Rootlet, Grade::B)));
        QVERIFY(m_store->saveLabel(m_bob, judgment(m_bob, 0, Canal::Rootlet, Grade::C)));
        QVERIFY(m_store->saveLabel(m_alice, judgment(m_alice, 1, Canal::Cord, std::nullopt)));
        QVERIFY(m_store->saveLabel(m_bob, judgment(m_bob, 1, Canal::Rootlet, Grade::A)));
        QVERIFY(m_store->saveLabel(m_alice, judgment(m_alice, 2, std::nullopt, std::nullopt))); // patch only

        // Item 0: version 1 says C, the newer version 2 says D: the newer one is the rating.
        QVERIFY(m_store->savePrediction(prediction(0, "cnn-alice", "1", {0.9, 0.1}, {0.1, 0.1, 0.7, 0.1})));
        std::this_thread::sleep_for(std::chrono::milliseconds(5)); // created_at has milliseconds
        QVERIFY(m_store->savePrediction(prediction(0, "cnn-alice", "2", {0.8, 0.2}, {0.1, 0.1, 0.2, 0.6})));
        // Item 1: a cord call carries grade probabilities that must not become a grade.
        QVERIFY(m_store->savePrediction(prediction(1, "cnn-alice", "2", {0.3, 0.7}, {0.9, 0.05, 0.03, 0.02})));
        // Item 3: no canal found (nothing predicted): no rating at all.
        QVERIFY(m_store->savePrediction(prediction(3, "cnn-alice", "2", {}, {})));

        Consensus c;
        c.itemId = m_items[0].id;
        c.canal = Canal::Rootlet;
        c.grade = Grade::C;
        c.reason = "CSF visible on the next slice";
        QVERIFY(m_store->saveConsensus(m_lead, c));
    }

    void readsEveryRaterWithItsKind()
    {
        const auto ratings = readProjectRatings(*m_store);
        QVERIFY2(ratings, ratings ? "" : ratings.error().c_str());
        std::map<std::string, RaterKind> kinds;
        for (const RaterInfo& r : ratings->raters)
            kinds[r.name] = r.kind;
        QCOMPARE(kinds.size(), size_t {4});
        QVERIFY(kinds["alice"] == RaterKind::Analyzer);
        QVERIFY(kinds["bob"] == RaterKind::Analyzer);
        QVERIFY(kinds["cnn-alice"] == RaterKind::Classifier);
        QVERIFY(kinds[kConsensusRater] == RaterKind::Consensus);
        QCOMPARE(ratings->items.size(), m_items.size());
    }

    void tableHoldsTheJudgments()
    {
        const auto ratings = readProjectRatings(*m_store);
        QVERIFY(ratings);
        RatingTable table;
        fillRatingTable(table, *ratings);
        const std::string k0 = keyOf(*ratings, m_items[0].id), k1 = keyOf(*ratings, m_items[1].id),
                          k2 = keyOf(*ratings, m_items[2].id), k3 = keyOf(*ratings, m_items[3].id);
        const auto grade = [&](const std::string& key, const char* rater) {
            return table.label(key, rater, Task::Grade);
        };
        const auto canal = [&](const std::string& key, const char* rater) {
            return table.label(key, rater, Task::Canal);
        };
        QCOMPARE(grade(k0, "alice"), std::optional<int>(1));
        QCOMPARE(grade(k0, "bob"), std::optional<int>(2));
        QCOMPARE(grade(k0, "cnn-alice"), std::optional<int>(3)); // the newer version's D
        QCOMPARE(grade(k0, kConsensusRater), std::optional<int>(2));
        QCOMPARE(canal(k1, "alice"), std::optional<int>(1));
        QCOMPARE(canal(k1, "cnn-alice"), std::optional<int>(1)); // cord
        QCOMPARE(grade(k1, "cnn-alice"), std::optional<int>()); // ... so no grade
        QCOMPARE(grade(k1, "bob"), std::optional<int>(0));
        QCOMPARE(canal(k2, "alice"), std::optional<int>()); // a patch-only label rates nothing
        QCOMPARE(canal(k3, "cnn-alice"), std::optional<int>());
        // Every item carries its level, so the per-level figures see them.
        QCOMPARE(table.itemLevel(k0), levelName(m_items[0].level));
        QCOMPARE(table.levels().size(), size_t {5});
        QCOMPARE(table.raterNames().size(), size_t {4});
    }

    void studyKeysArePseudonymous()
    {
        const auto ratings = readProjectRatings(*m_store);
        QVERIFY(ratings);
        std::map<std::string, int> perStudy;
        for (const RatedItem& item : ratings->items) {
            const std::string key = ratingItemKey(item);
            QVERIFY2(key.find("Doe") == std::string::npos && key.find("4711") == std::string::npos, key.c_str());
            QVERIFY2(key.find("1.2.826") == std::string::npos, key.c_str()); // no UID either
            ++perStudy[item.studyKey];
        }
        // Three studies of ten items, keyed by import order.
        QCOMPARE(perStudy.size(), size_t {3});
        QCOMPARE(perStudy["S001"], 10);
        QCOMPARE(perStudy["S003"], 10);
        QCOMPARE(ratings->items.front().studyKey, std::string("S001"));
    }

    void dataVersionMovesOnAnotherConnectionsCommit()
    {
        auto other = ProjectStore::open(m_store->path());
        QVERIFY(other);
        const auto before = m_store->dataVersion();
        QVERIFY(before);
        const Analyzer bob = *(*other)->findAnalyzer("bob").value();
        QVERIFY((*other)->saveLabel(bob, judgment(bob, 5, Canal::Rootlet, Grade::A)));
        const auto after = m_store->dataVersion();
        QVERIFY(after);
        QVERIFY(*after != *before);
        // Its own commits do not move it: a view polls with its own connection.
        const auto own = (*other)->dataVersion();
        QVERIFY((*other)->saveLabel(bob, judgment(bob, 6, Canal::Rootlet, Grade::B)));
        QCOMPARE(*(*other)->dataVersion(), *own);
    }

    // Issue 11: a lead who labels is not a fourth rater. One person has one role in a project,
    // so a lead's labels are left out of the analyzers, in the snapshot and in the live table
    // (after a full read and after an incremental one); the lead is a rater as the consensus.
    void leadsOwnLabelsAreNotAnAnalyzers()
    {
        LiveRatings live(*m_store);
        QVERIFY(live.refresh());
        QVERIFY(m_store->saveLabel(m_lead, judgment(m_lead, 4, Canal::Rootlet, Grade::D)));
        const auto ratings = readProjectRatings(*m_store);
        QVERIFY(ratings);
        for (const RaterInfo& r : ratings->raters)
            QVERIFY2(r.name != "lead", "the lead's label counted as an analyzer's");
        for (const Rating& r : ratings->ratings)
            QVERIFY(r.rater != "lead");
        const auto incremental = live.refresh();
        QVERIFY(incremental);
        QVERIFY(incremental->kind != RefreshKind::Full);
        const std::vector<std::string> names = live.table().raterNames();
        QVERIFY(std::find(names.begin(), names.end(), "lead") == names.end());
        LiveRatings fresh(*m_store);
        QVERIFY(fresh.refresh());
        const auto freshNames = fresh.table().raterNames();
        QVERIFY(std::find(freshNames.begin(), freshNames.end(), "lead") == freshNames.end());
        QVERIFY(std::find(freshNames.begin(), freshNames.end(), kConsensusRater) != freshNames.end());
    }
};

QTEST_GUILESS_MAIN(TestProjectRatings)
#include "tst_ProjectRatings.moc"
