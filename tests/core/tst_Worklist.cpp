// The item set: every slice or N per level, seeded; the same items for every analyzer,
// each in their own order; progress and the next item.
#include "core/store/LabelingSession.h"
#include "core/store/Worklist.h"
#include "tests/support/ProjectFixture.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <map>
#include <numeric>
#include <set>

using namespace sg::core;
using namespace sg::test;

class TestWorklist : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_count = 0;

    std::unique_ptr<ProjectStore> project(int perLevel, std::uint64_t seed)
    {
        std::string error;
        const std::string file = (m_dir.path() + "/" + QString::number(++m_count) + ".sgdb").toStdString();
        auto store = makeProject(file, syntheticScan("/data", 3, 12), error, perLevel, seed);
        if (!store)
            qWarning("%s", error.c_str());
        return store;
    }

    static std::vector<std::string> itemSops(ProjectStore& store)
    {
        std::vector<std::string> sops;
        const auto items = store.items();
        for (const Item& item : *items)
            sops.push_back(item.relativePath); // UIDs are hashed under each project's own secret
        std::sort(sops.begin(), sops.end());
        return sops;
    }

private slots:
    void shufflesReproduciblyWithSplitMix()
    {
        // splitmix64's published first output for seed 0 (Vigna's reference implementation).
        SplitMix64 rng(0);
        QCOMPARE(rng.next(), 0xE220A8397B1DCDAFULL);
        std::vector<std::int64_t> a(50), b;
        std::iota(a.begin(), a.end(), 0);
        b = a;
        seededShuffle(a, 7);
        seededShuffle(b, 7);
        QCOMPARE(a, b);
        auto c = b;
        seededShuffle(c, 8);
        QVERIFY(a != c);
        QVERIFY(analyzerSeed(1, "ann") != analyzerSeed(1, "bob"));
    }

    void samplesNSlicesPerLevelOfEachStudy()
    {
        auto store = project(4, 11);
        QVERIFY(store);
        const auto items = store->items();
        QCOMPARE(items->size(), size_t(3 * 5 * 4));
        std::map<std::pair<std::string, int>, int> perStratum;
        for (const Item& item : *items) {
            QVERIFY(item.level);
            ++perStratum[{item.studyUidHash, static_cast<int>(*item.level)}];
        }
        QCOMPARE(perStratum.size(), size_t(15));
        for (const auto& [key, n] : perStratum)
            QCOMPARE(n, 4);

        auto same = project(4, 11);
        auto other = project(4, 12);
        QCOMPARE(itemSops(*same), itemSops(*store)); // same seed, same sample
        QVERIFY(itemSops(*other) != itemSops(*store)); // another seed, another sample
        QCOMPARE(project(0, 11)->items()->size(), size_t(3 * 5 * 12));
        QCOMPARE(project(50, 11)->items()->size(), size_t(3 * 5 * 12)); // fewer slices than N: all
    }

    void givesEveryAnalyzerTheSameItemsInTheirOwnOrder()
    {
        auto store = project(3, 5);
        QVERIFY(store);
        const Analyzer ann = *store->addAnalyzer("ann", Role::Analyzer);
        const Analyzer bob = *store->addAnalyzer("bob", Role::Analyzer);
        const auto annOrder = *worklistOrder(*store, ann);
        const auto bobOrder = *worklistOrder(*store, bob);
        QCOMPARE(annOrder.size(), size_t(45));
        QVERIFY(annOrder != bobOrder);
        QCOMPARE(std::set<std::int64_t>(annOrder.begin(), annOrder.end()),
            std::set<std::int64_t>(bobOrder.begin(), bobOrder.end()));
        // The order is a function of (seed, analyzer): the same in another project file.
        auto again = project(3, 5);
        const Analyzer ann2 = *again->addAnalyzer("ann", Role::Analyzer);
        QCOMPARE(*worklistOrder(*again, ann2), annOrder);
    }

    void reportsProgressAndTheNextItem()
    {
        auto store = project(2, 3);
        QVERIFY(store);
        const Analyzer ann = *store->addAnalyzer("ann", Role::Analyzer);
        const Analyzer bob = *store->addAnalyzer("bob", Role::Analyzer);
        const auto order = *worklistOrder(*store, ann);
        for (int i = 0; i < 3; ++i) {
            auto next = nextItem(*store, ann);
            QVERIFY(next && *next);
            QCOMPARE((*next)->id, order[static_cast<size_t>(i)]);
            Label l;
            l.itemId = (*next)->id;
            l.analyzerId = ann.id;
            l.canal = Canal::Cord;
            QVERIFY(store->saveLabel(ann, l));
        }
        auto p = *progress(*store, ann);
        QCOMPARE(p.done, 3);
        QCOMPARE(p.total, 30);
        QCOMPARE(p.levels.size(), size_t(5));
        int done = 0;
        for (const LevelProgress& level : p.levels) {
            QCOMPARE(level.total, 6);
            done += level.done;
        }
        QCOMPARE(done, 3);
        QCOMPARE(p.levels.front().level, std::optional<Level>(Level::L1L2));
        QCOMPARE(progress(*store, bob)->done, 0); // Bob's progress is his own

        auto rebuilt = buildWorklist(*store, {0, 1});
        QVERIFY(!rebuilt); // labeling started: the item set is fixed
        QVERIFY2(rebuilt.error().find("labeling has started") != std::string::npos, rebuilt.error().c_str());
        QCOMPARE(store->items()->size(), size_t(30));
    }

    void walksTheWorklistThroughALabelingSession()
    {
        std::string file;
        {
            auto store = project(1, 9);
            QVERIFY(store);
            file = store->path();
        }
        auto session = LabelingSession::start(file, "newcomer"); // unknown names sign up as analyzers
        QVERIFY2(session, session ? "" : session.error().c_str());
        LabelingSession& s = **session;
        QCOMPARE(s.who().name, std::string("newcomer"));
        QVERIFY(!s.who().isLead());
        const auto first = *s.nextItem();
        QVERIFY(first);
        QCOMPARE(first->id, s.order()->front());
        Label l;
        l.itemId = first->id;
        l.analyzerId = 12345; // ignored: a session only saves its analyzer's labels
        l.canal = Canal::Rootlet;
        l.grade = Grade::A;
        l.subgrade = 4;
        QVERIFY(s.save(l));
        QCOMPARE(s.label(first->id)->value().subgrade, std::optional<int>(4));
        QCOMPARE(s.nextItem()->value().id, s.order()->at(1));
        QCOMPARE(s.progress()->done, 1);
        auto undone = s.undo(); // back to the item just labeled, now without a label
        QVERIFY(undone && undone->applied);
        QCOMPARE(undone->itemId, first->id);
        QVERIFY(!undone->label);
        QCOMPARE(s.nextItem()->value().id, first->id);
        QCOMPARE(s.progress()->done, 0);
    }
};

QTEST_GUILESS_MAIN(TestWorklist)
#include "tst_Worklist.moc"
