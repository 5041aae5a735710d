// The one item key: "S001 L4/L5 #3" = study ordinal by first import, level (L? unassigned),
// 1-based ordinal of the slice among its study's items of that level by instance number.
#include "core/labels/ItemKey.h"
#include "core/store/ProjectItemKeys.h"
#include "core/store/ProjectRatings.h"
#include "tests/support/ProjectFixture.h"

#include <QTemporaryDir>
#include <QTest>

#include <set>

using namespace sg::core;

class TestItemKey : public QObject {
    Q_OBJECT

private slots:
    void formatsStudyLevelAndOrdinal()
    {
        QCOMPARE(formatItemKey({1, Level::L4L5, 3}), std::string("S001 L4/L5 #3"));
        QCOMPARE(formatItemKey({12, std::nullopt, 1}), std::string("S012 L? #1"));
        QCOMPARE(formatItemKey({1234, Level::L5S1, 10}), std::string("S1234 L5/S1 #10"));
        QCOMPARE(studyKeyName(7), std::string("S007"));
    }

    void parsesWhatItFormats()
    {
        for (const ParsedItemKey& key : {ParsedItemKey {1, Level::L1L2, 1}, ParsedItemKey {99, std::nullopt, 42},
                 ParsedItemKey {1000, Level::L5S1, 7}}) {
            const auto back = parseItemKey(formatItemKey(key));
            QVERIFY(back);
            QVERIFY(*back == key);
        }
        const auto loose = parseItemKey("  s1   l4-l5  #3 ");
        QVERIFY(loose);
        QVERIFY((*loose == ParsedItemKey {1, Level::L4L5, 3}));
        for (const char* bad : {"", "S001", "S001 L4/L5", "S001 L4/L5 3", "S001 L9/L10 #1", "S0 L4/L5 #1",
                 "S001 L4/L5 #0", "X001 L4/L5 #1", "S001/123", "S001 L4/L5 #1 extra", "S001 L4/L5 #-1"})
            QVERIFY2(!parseItemKey(bad), bad);
    }

    void ordinalsFollowInstanceNumberWithinStudyAndLevel()
    {
        // Study row ids 7 and 3: 3 was imported first, so it is S001. Input order is scrambled.
        const ItemKeys keys({
            {10, 7, Level::L4L5, 5, "1.7.5"},
            {11, 3, Level::L4L5, 9, "1.3.9"},
            {12, 3, Level::L4L5, 2, "1.3.2"},
            {13, 3, Level::L3L4, 4, "1.3.4"},
            {14, 3, std::nullopt, 1, "1.3.1"},
            {15, 3, Level::L4L5, 2, "1.3.2b"}, // same instance number as 12: the item id decides
            {16, 7, std::nullopt, 8, ""},
        });
        QCOMPARE(keys.size(), size_t {7});
        QCOMPARE(keys.key(12), std::string("S001 L4/L5 #1"));
        QCOMPARE(keys.key(15), std::string("S001 L4/L5 #2"));
        QCOMPARE(keys.key(11), std::string("S001 L4/L5 #3"));
        QCOMPARE(keys.key(13), std::string("S001 L3/L4 #1"));
        QCOMPARE(keys.key(14), std::string("S001 L? #1"));
        QCOMPARE(keys.key(10), std::string("S002 L4/L5 #1"));
        QCOMPARE(keys.key(16), std::string("S002 L? #1"));
        QCOMPARE(keys.key(99), std::string());
        QCOMPARE(keys.studyKey(10), std::string("S002"));
        // Key order: study, level (L? last), ordinal; "#10" after "#9" is the rank's job.
        QCOMPARE(keys.ordered(), (std::vector<std::int64_t> {13, 12, 15, 11, 14, 10, 16}));
        QVERIFY(keys.rank(13) < keys.rank(12));
        QCOMPARE(keys.rank(99), std::int64_t {-1});
    }

    void findsByKeyOrSopUid()
    {
        // Sources carry the UID's hash (a project's keyed hash); find() hashes the UID it is given.
        const auto hash = [](std::string_view uid) { return "h:" + std::string(uid); };
        const ItemKeys keys({{10, 1, Level::L4L5, 5, "h:1.2.840.1"}, {11, 1, std::nullopt, 9, "h:1.2.840.2"}}, hash);
        QVERIFY(!ItemKeys({{10, 1, Level::L4L5, 5, "h:1.2.840.1"}}).find("1.2.840.1")); // no hash: keys only
        QVERIFY(!keys.find("h:1.2.840.1")); // the hash itself names nothing
        QCOMPARE(keys.find("S001 L4/L5 #1"), std::optional<std::int64_t>(10));
        QCOMPARE(keys.find("s1 l4_l5 #1"), std::optional<std::int64_t>(10));
        QCOMPARE(keys.find("S001 L? #1"), std::optional<std::int64_t>(11));
        QCOMPARE(keys.find("1.2.840.2"), std::optional<std::int64_t>(11));
        QCOMPARE(keys.find(" 1.2.840.1 "), std::optional<std::int64_t>(10));
        QVERIFY(!keys.find("S001 L4/L5 #2"));
        QVERIFY(!keys.find("S002 L4/L5 #1"));
        QVERIFY(!keys.find("1.2.840.3"));
        QVERIFY(!keys.find(""));
        for (std::int64_t id : {10, 11})
            QCOMPARE(keys.find(keys.key(id)), std::optional<std::int64_t>(id));
    }

    // A real project: the store's items carry the study row id, and the statistics, the report
    // and the exports name items by the same key.
    void projectItemsAndRatingsUseTheKey()
    {
        QTemporaryDir dir;
        std::string error;
        const ScanResult scan = sg::test::syntheticScan("/data/x", 2, 3);
        auto store = sg::test::makeProject((dir.path() + "/keys.sgdb").toStdString(), scan, error);
        QVERIFY2(store, error.c_str());
        const auto items = store->items();
        QVERIFY(items);
        // With the project's secret, find() takes a SOP Instance UID as well (the project keeps its keyed hash).
        const ItemKeys keys = makeItemKeys(*items, store->uidSecret());
        QCOMPARE(keys.size(), items->size());
        std::set<std::string> distinct;
        for (const Item& item : *items) {
            const std::string& key = keys.key(item.id);
            QVERIFY(parseItemKey(key));
            distinct.insert(key);
            QCOMPARE(keys.find(key), std::optional<std::int64_t>(item.id));
        }
        int byUid = 0;
        for (const Study& study : scan.studies)
            for (const Series& series : study.series)
                for (const Stack& stack : series.stacks)
                    for (const SliceRef& slice : stack.slices) {
                        const auto item = store->findItem(slice.sopInstanceUid);
                        QVERIFY(item && *item);
                        QCOMPARE(keys.find(slice.sopInstanceUid), std::optional<std::int64_t>((*item)->id));
                        QCOMPARE(makeItemKeys(*items).find(slice.sopInstanceUid), std::nullopt); // no secret
                        ++byUid;
                    }
        QCOMPARE(byUid, int(items->size()));
        QCOMPARE(distinct.size(), items->size());
        QVERIFY(distinct.count("S001 L1/L2 #1") && distinct.count("S002 L5/S1 #3"));
        const auto ratings = readProjectRatings(*store);
        QVERIFY(ratings);
        for (const RatedItem& item : ratings->items)
            QCOMPARE(ratingItemKey(item), keys.key(item.itemId));
    }
};

QTEST_GUILESS_MAIN(TestItemKey)
#include "tst_ItemKey.moc"
