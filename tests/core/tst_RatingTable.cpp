// The rating table's counts, kept up to date label by label, equal a recomputation from
// scratch after any sequence of sets, changes, removals and level moves; the per-level
// figures equal those of a table holding only that level's items.
#include "core/stats/AgreementJson.h"
#include "core/stats/AgreementReport.h"
#include "core/stats/RatingTable.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <map>
#include <random>
#include <tuple>

using namespace sg::core;

namespace {

using Key = std::tuple<std::string, std::string, Task>; // item, rater, task

std::string json(const RatingTable& t)
{
    return agreementReportToJson(computeAgreementReport(t), -1);
}

// Items of a task (given to the raters: any label set or removed) with one rater that had them.
using Given = std::map<std::pair<std::string, Task>, std::string>;

// The same final labels and levels, and the same items of each task, fed in a different order.
RatingTable rebuilt(const std::map<Key, int>& labels, const std::map<std::string, std::string>& levels,
    const Given& given, std::mt19937& rng)
{
    std::vector<std::pair<Key, int>> shuffled(labels.begin(), labels.end());
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    RatingTable t;
    for (const auto& [itemTask, rater] : given) // an empty label: an item of the task, no label
        t.setLabel(itemTask.first, rater, itemTask.second, std::nullopt);
    for (const auto& [key, cls] : shuffled)
        t.setLabel(std::get<0>(key), std::get<1>(key), std::get<2>(key), cls);
    for (const auto& [item, level] : levels)
        t.setItemLevel(item, level);
    return t;
}

} // namespace

class TestRatingTable : public QObject {
    Q_OBJECT
private slots:
    void incrementalEqualsFromScratch_data()
    {
        QTest::addColumn<int>("seed");
        QTest::addColumn<int>("raters");
        QTest::addColumn<int>("items");
        for (int seed = 1; seed <= 30; ++seed)
            QTest::addRow("seed %d", seed) << seed << 1 + seed % 5 << 3 + (seed * 7) % 40;
    }
    void incrementalEqualsFromScratch()
    {
        QFETCH(int, seed);
        QFETCH(int, raters);
        QFETCH(int, items);
        std::mt19937 rng(static_cast<unsigned>(seed));
        std::uniform_int_distribution<int> pickItem(0, items - 1), pickRater(0, raters - 1), pickOp(0, 9);
        const char* levelNames[] = {"", "L3/L4", "L4/L5", "L5/S1"};
        RatingTable incremental;
        std::map<Key, int> labels;
        std::map<std::string, std::string> levels;
        Given given;
        for (int step = 0; step < 600; ++step) {
            const std::string item = "item" + std::to_string(pickItem(rng));
            const std::string rater = "rater" + std::to_string(pickRater(rng));
            const Task task = pickOp(rng) < 7 ? Task::Grade : Task::Canal;
            const int op = pickOp(rng);
            if (op < 9)
                given.emplace(std::make_pair(item, task), rater);
            if (op < 6) { // set or change
                const int cls = std::uniform_int_distribution<int>(0, task == Task::Grade ? 3 : 1)(rng);
                QVERIFY(incremental.setLabel(item, rater, task, cls));
                labels[{item, rater, task}] = cls;
            } else if (op < 9) { // remove (possibly a label that is not there)
                incremental.removeLabel(item, rater, task);
                labels.erase({item, rater, task});
            } else { // move the item to another level, or clear it
                const std::string level = levelNames[std::uniform_int_distribution<int>(0, 3)(rng)];
                incremental.setItemLevel(item, level);
                if (level.empty())
                    levels.erase(item);
                else
                    levels[item] = level;
            }
            if (step % 50 == 49)
                QCOMPARE(json(incremental), json(rebuilt(labels, levels, given, rng)));
        }
        QCOMPARE(json(incremental), json(rebuilt(labels, levels, given, rng)));
        for (const auto& [key, cls] : labels)
            QCOMPARE(incremental.label(std::get<0>(key), std::get<1>(key), std::get<2>(key)), std::optional<int>(cls));
    }

    // endBulk() counts items grouped by label pattern (few raters, many items) or item by
    // item (many raters, or few items); both must equal label-by-label counting.
    void bulkCountEqualsLabelByLabel_data()
    {
        QTest::addColumn<int>("raters");
        QTest::addColumn<int>("items");
        QTest::addRow("patterns, 3 raters") << 3 << 3000;
        QTest::addRow("patterns, 1 rater") << 1 << 500;
        QTest::addRow("item by item, 9 raters") << 9 << 2000;
        QTest::addRow("item by item, few items") << 3 << 7;
    }
    void bulkCountEqualsLabelByLabel()
    {
        QFETCH(int, raters);
        QFETCH(int, items);
        std::mt19937 rng(static_cast<unsigned>(raters * 1000 + items));
        const char* levelNames[] = {"", "L3/L4", "L4/L5", "L5/S1"};
        RatingTable incremental, bulk;
        bulk.beginBulk();
        std::vector<int> raterSlots;
        for (int r = 0; r < raters; ++r)
            raterSlots.push_back(bulk.raterSlot("rater" + std::to_string(r)));
        for (int i = 0; i < items; ++i) {
            const std::string item = "item" + std::to_string(i);
            const int slot = bulk.itemSlot(item);
            incremental.itemSlot(item); // both: an item of every task, labeled or not
            for (int r = 0; r < raters; ++r)
                for (Task task : {Task::Grade, Task::Canal}) {
                    if (rng() % 6 == 0)
                        continue; // missing labels: dropped pairwise
                    const int cls = static_cast<int>(rng() % (task == Task::Grade ? 4 : 2));
                    incremental.setLabel(item, "rater" + std::to_string(r), task, cls);
                    QVERIFY(bulk.setLabelAt(slot, raterSlots[static_cast<size_t>(r)], task, cls));
                }
            const char* level = levelNames[rng() % 4];
            incremental.setItemLevel(item, level);
            bulk.setItemLevel(item, level);
        }
        QVERIFY(!bulk.setLabelAt(items, 0, Task::Grade, 1)); // no such item slot
        QVERIFY(!bulk.setLabelAt(0, raters, Task::Grade, 1)); // no such rater slot
        bulk.endBulk();
        QCOMPARE(json(bulk), json(incremental));
    }

    void levelFiguresEqualATableOfThatLevel()
    {
        std::mt19937 rng(7);
        RatingTable all;
        std::map<std::string, RatingTable> byLevel;
        for (int i = 0; i < 200; ++i) {
            const std::string item = std::string("i").append(std::to_string(i));
            const std::string level = i % 3 == 0 ? "L4/L5" : i % 3 == 1 ? "L5/S1" : "";
            for (const char* rater : {"analyzer1", "analyzer2", "cnn"}) {
                if (rng() % 5 == 0)
                    continue;
                const int grade = static_cast<int>(rng() % 4);
                const int canal = static_cast<int>(rng() % 2);
                all.setLabel(item, rater, Task::Grade, grade);
                all.setLabel(item, rater, Task::Canal, canal);
                if (!level.empty()) {
                    byLevel[level].setLabel(item, rater, Task::Grade, grade);
                    byLevel[level].setLabel(item, rater, Task::Canal, canal);
                }
            }
            all.setItemLevel(item, level);
        }
        const AgreementReport report = computeAgreementReport(all);
        const QByteArray json = QByteArray::fromStdString(agreementReportToJson(report));
        const QJsonObject tasks = QJsonDocument::fromJson(json).object()["tasks"].toObject();
        const QJsonObject gradeLevels = tasks["grade"].toObject()["levels"].toObject();
        QCOMPARE(gradeLevels.keys(), (QStringList {"L4/L5", "L5/S1"}));
        QCOMPARE(gradeLevels["L4/L5"].toObject()["views"].toObject().size(), 2);
        QCOMPARE(tasks["canal"].toObject()["levels"].toObject().keys(), (QStringList {"L4/L5", "L5/S1"}));
        for (const TaskEntry& task : report.tasks) {
            QCOMPARE(task.levels.size(), size_t {2});
            for (const LevelReport& level : task.levels) {
                AgreementReport levelOnly;
                for (const TaskEntry& t : computeAgreementReport(byLevel[level.level]).tasks)
                    if (t.task == task.task)
                        levelOnly.tasks.push_back({t.task, t.all, {}, std::nullopt});
                AgreementReport fromBreakdown;
                fromBreakdown.tasks.push_back({task.task, level.report, {}, std::nullopt});
                QCOMPARE(agreementReportToJson(fromBreakdown), agreementReportToJson(levelOnly));
            }
        }
    }

    void droppedItemsAndOrderedPairs()
    {
        RatingTable t;
        t.setLabel("i1", "a", Task::Grade, 0);
        t.setLabel("i1", "b", Task::Grade, 1);
        t.setLabel("i2", "a", Task::Grade, 2); // only a: dropped for (a, b)
        t.setLabel("i3", "c", Task::Grade, 3); // only c: dropped for (a, b) too
        t.setLabel("i4", "a", Task::Canal, 0); // another task: not an item of the grade
        const ScaleReport r = computeAgreementReport(t).tasks[0].all.scale;
        QCOMPARE(r.items, int64_t {3});
        QCOMPARE(r.raters.size(), size_t {3});
        QCOMPARE(r.pairs.size(), size_t {6});
        const PairStatistics& ab = r.pairs[0].stats; // (a, b)
        QCOMPARE(r.pairs[0].reference, std::string("a"));
        QCOMPARE(r.pairs[0].other, std::string("b"));
        QCOMPARE(ab.n, int64_t {1});
        QCOMPARE(ab.nDropped, int64_t {2});
        QCOMPARE(ab.confusion.at(0, 1), int64_t {1}); // rows = reference a: A, columns = b: B
        const PairStatistics& ba = r.pairs[2].stats; // (b, a)
        QCOMPARE(r.pairs[2].reference, std::string("b"));
        QCOMPARE(ba.confusion.at(1, 0), int64_t {1});
        QCOMPARE(r.pairs[1].stats.n, int64_t {0}); // (a, c): no common item
        QVERIFY(!r.pairs[1].stats.percentAgreement);
        QVERIFY(!r.fleissKappa); // no item labeled by all three

        // A rater whose last label goes is no longer a rater of the task.
        t.removeLabel("i3", "c", Task::Grade);
        const ScaleReport after = computeAgreementReport(t).tasks[0].all.scale;
        QCOMPARE(after.raters.size(), size_t {2});
        QCOMPARE(after.items, int64_t {2});
        QVERIFY(!t.setLabel("i1", "a", Task::Canal, 2)); // not a canal class
    }

    // docs/domain.md: n_dropped counts every item of the task that either rater left without a
    // label, also those nobody labeled: an empty CSV label, or an item on the worklist.
    void droppedCountsItemsNobodyLabeled()
    {
        RatingTable t;
        t.setLabel("i1", "a", Task::Grade, 0);
        t.setLabel("i1", "b", Task::Grade, 0);
        t.setLabel("i2", "a", Task::Grade, 1);
        t.setLabel("i2", "b", Task::Grade, 1);
        t.setLabel("i3", "a", Task::Grade, 2); // only a
        t.setLabel("i4", "a", Task::Grade, {}); // given, nobody labeled it (an empty CSV label)
        t.setLabel("i4", "b", Task::Grade, {});
        t.setLabel("i5", "a", Task::Grade, 3); // labeled, then the label removed
        t.removeLabel("i5", "a", Task::Grade);
        t.setLabel("i6", "a", Task::Canal, 0); // canal only: not an item of the grade
        t.itemSlot("i7"); // on the worklist, unlabeled: an item of both tasks
        t.setItemLevel("i7", "L4/L5");
        t.setItemLevel("i1", "L4/L5");
        t.setItemLevel("i3", "L4/L5");
        const AgreementReport report = computeAgreementReport(t);
        const ScaleReport grade = report.tasks[0].all.scale;
        QCOMPARE(grade.items, int64_t {3}); // labeled by someone: i1, i2, i3
        QCOMPARE(grade.taskItems, int64_t {6}); // i1..i5 and i7
        QCOMPARE(grade.pairs[0].stats.n, int64_t {2});
        QCOMPARE(grade.pairs[0].stats.nDropped, int64_t {4}); // i3, i4, i5, i7
        for (const ScaleReport& view : report.tasks[0].all.views) // the grade's items too
            QCOMPARE(view.pairs[0].stats.nDropped, int64_t {4});
        const ScaleReport level = report.tasks[0].levels.at(0).report.scale;
        QCOMPARE(report.tasks[0].levels.at(0).level, std::string("L4/L5"));
        QCOMPARE(level.pairs[0].stats.n, int64_t {1}); // i1
        QCOMPARE(level.pairs[0].stats.nDropped, int64_t {2}); // i3, i7
        // Moving an item between levels moves it as an item of the task.
        t.setItemLevel("i7", "L5/S1");
        const AgreementReport moved = computeAgreementReport(t);
        QCOMPARE(moved.tasks[0].levels.at(0).report.scale.pairs[0].stats.nDropped, int64_t {1});
        const ScaleReport canal = report.tasks[1].all.scale;
        QCOMPARE(canal.taskItems, int64_t {2}); // i6 and i7
        // The same from a bulk load by slot: every worklist item is an item of both tasks.
        RatingTable bulk;
        bulk.beginBulk();
        const int a = bulk.raterSlot("a"), b = bulk.raterSlot("b");
        for (const char* item : {"w1", "w2", "w3"})
            bulk.itemSlot(item);
        bulk.setLabelAt(0, a, Task::Grade, 0);
        bulk.setLabelAt(0, b, Task::Grade, 1);
        bulk.endBulk();
        const ScaleReport fromBulk = computeAgreementReport(bulk).tasks[0].all.scale;
        QCOMPARE(fromBulk.pairs[0].stats.n, int64_t {1});
        QCOMPARE(fromBulk.pairs[0].stats.nDropped, int64_t {2});
    }
};

QTEST_APPLESS_MAIN(TestRatingTable)
#include "tst_RatingTable.moc"
