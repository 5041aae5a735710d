// The lead's review queue: which items are disagreements (canal, grade, patch by IoU or by
// millimetres of the slice's pixel spacing, model as a separate kind), the rank with every
// tie-break, the filters, progress, next/previous; and the snapshot of a real project, where
// a lead's own labels are not an analyzer's.
#include "core/review/ReviewQueue.h"
#include "core/review/ReviewSnapshot.h"
#include "core/store/ConsensusStore.h"
#include "tests/support/ProjectFixture.h"

#include <QTemporaryDir>
#include <QTest>

using namespace sg::core;

namespace {

enum Rater { Alice, Bob, Carol, Cnn };

ReviewJudgment judge(Rater r, std::optional<Canal> canal, std::optional<Grade> grade, std::optional<Patch> patch = {})
{
    return {static_cast<int>(r), canal, grade, patch};
}

constexpr auto R = Canal::Rootlet;
constexpr auto C = Canal::Cord;

} // namespace

class TestReviewQueue : public QObject {
    Q_OBJECT
    ReviewInput m_input;
    std::map<std::string, std::int64_t> m_id; // name in this test -> item id

    void add(const std::string& name, std::optional<Level> level, std::vector<ReviewJudgment> js,
        std::optional<double> spacing = 1.0)
    {
        ReviewInputItem item;
        item.itemId = static_cast<std::int64_t>(m_input.items.size()) + 1;
        item.sopUidHash = "hash-" + std::to_string(item.itemId);
        item.level = level;
        item.rowSpacing = spacing;
        item.columnSpacing = spacing;
        item.judgments = std::move(js);
        m_id[name] = item.itemId;
        m_input.items.push_back(std::move(item));
    }

    std::vector<std::string> names(const std::vector<const ReviewEntry*>& entries)
    {
        std::vector<std::string> out;
        for (const ReviewEntry* e : entries)
            for (const auto& [name, id] : m_id)
                if (id == e->itemId)
                    out.push_back(name);
        return out;
    }

private slots:
    void initTestCase()
    {
        m_input.raters = {{"alice", false}, {"bob", false}, {"carol", false}, {"cnn", true}};
        const Patch p {10, 10, 40, 40};
        const Patch far {30, 30, 40, 40}; // IoU 0.14
        const Patch shifted {14, 10, 40, 40}; // IoU 0.82, centres 4 pixels apart
        const auto L45 = Level::L4L5;
        // Instance numbers run against the expected order, so the key (the last tie-break)
        // alone would give the wrong order wherever an earlier rule decides.
        add("dist3", L45, {judge(Alice, R, Grade::A), judge(Bob, R, Grade::D), judge(Cnn, R, Grade::A)});
        add("dist2", L45, {judge(Alice, R, Grade::B), judge(Bob, R, Grade::D)});
        add("dist1severe", L45, {judge(Alice, R, Grade::B), judge(Bob, R, Grade::C)});
        add("dist1canal", L45, {judge(Alice, R, Grade::A), judge(Bob, R, Grade::B), judge(Carol, C, {})});
        add("dist1", L45, {judge(Alice, R, Grade::A), judge(Bob, R, Grade::B)});
        add("canal", L45, {judge(Alice, R, {}), judge(Bob, C, {})});
        add("gradeMissing", Level::L3L4, {judge(Alice, R, Grade::A), judge(Bob, R, {})});
        add("patchIou", L45, {judge(Alice, R, Grade::B, p), judge(Bob, R, Grade::B, far)});
        add("patchMm", L45, {judge(Alice, R, Grade::B, p), judge(Bob, R, Grade::B, shifted)});
        add("modelOnly", L45, {judge(Alice, R, Grade::B), judge(Bob, R, Grade::B), judge(Cnn, R, Grade::D)});
        // Not disagreements: 4 pixels at 0.5 mm are 2 mm; unknown spacing leaves IoU alone;
        // agreement; one rater only; a missing label.
        add("patchNear", L45, {judge(Alice, R, Grade::B, p), judge(Bob, R, Grade::B, shifted)}, 0.5);
        add("patchNoSpacing", L45, {judge(Alice, R, Grade::B, p), judge(Bob, R, Grade::B, shifted)}, std::nullopt);
        add("agree", L45, {judge(Alice, R, Grade::B), judge(Bob, R, Grade::B)});
        add("alone", L45, {judge(Alice, R, Grade::D)});
        add("unlabeled", L45, {judge(Alice, R, Grade::D), judge(Bob, {}, {})});
        std::vector<ItemKeySource> sources;
        const int instance[] = {100, 90, 80, 70, 60, 50, 40, 20, 30, 10, 5, 6, 7, 8, 9};
        for (size_t i = 0; i < m_input.items.size(); ++i)
            sources.push_back({m_input.items[i].itemId, 1, m_input.items[i].level, instance[i], ""});
        m_input.keys = ItemKeys(std::move(sources));
        m_input.items[1].decided = true; // dist2
    }

    void ranksByEveryRule()
    {
        const ReviewQueue queue(m_input);
        QCOMPARE(names(queue.filtered({})),
            (std::vector<std::string> {"dist3", "dist2", "dist1severe", "dist1canal", "dist1", "canal", "gradeMissing",
                "patchIou", "patchMm"}));
        // Model-only items are in the queue only when asked, and rank last.
        std::vector<const ReviewEntry*> all;
        for (const ReviewEntry& e : queue.all())
            all.push_back(&e);
        QCOMPARE(names(all).back(), std::string("modelOnly"));
        QCOMPARE(all.size(), size_t {10});
    }

    void classifiesKinds()
    {
        const ReviewQueue queue(m_input);
        const auto kinds = [&](const std::string& name) { return queue.entry(m_id[name])->kinds; };
        QCOMPARE(kinds("dist3"), kindBit(DisagreementKind::Grade) | kindBit(DisagreementKind::Model));
        QCOMPARE(kinds("dist1canal"), kindBit(DisagreementKind::Grade) | kindBit(DisagreementKind::Canal));
        QCOMPARE(kinds("patchIou"), kindBit(DisagreementKind::Patch));
        QCOMPARE(kinds("patchMm"), kindBit(DisagreementKind::Patch));
        QCOMPARE(kinds("modelOnly"), kindBit(DisagreementKind::Model));
        QCOMPARE(queue.entry(m_id["dist3"])->gradeDistance, 3);
        QVERIFY(queue.entry(m_id["dist1severe"])->severePair);
        QVERIFY(!queue.entry(m_id["dist1"])->severePair);
        QCOMPARE(queue.entry(m_id["dist1"])->key, std::string("S001 L4/L5 #10"));
        for (const char* none : {"patchNear", "patchNoSpacing", "agree", "alone", "unlabeled"})
            QVERIFY2(!queue.entry(m_id[none]), none);
        QCOMPARE(kindNames(kinds("dist1canal")), (std::vector<std::string> {"canal", "grade"}));
    }

    void filtersByLevelTaskKindStatusAndPair()
    {
        const ReviewQueue queue(m_input);
        ReviewFilter f;
        f.level = Level::L3L4;
        QCOMPARE(names(queue.filtered(f)), (std::vector<std::string> {"gradeMissing"}));
        f = {};
        f.task = DisagreementKind::Canal;
        QCOMPARE(names(queue.filtered(f)), (std::vector<std::string> {"dist1canal", "canal"}));
        f = {};
        f.task = DisagreementKind::Patch;
        QCOMPARE(names(queue.filtered(f)), (std::vector<std::string> {"patchIou", "patchMm"}));
        f = {};
        f.kinds = kindBit(DisagreementKind::Model);
        QCOMPARE(names(queue.filtered(f)), (std::vector<std::string> {"dist3", "modelOnly"}));
        f = {};
        f.status = ReviewFilter::Status::Decided;
        QCOMPARE(names(queue.filtered(f)), (std::vector<std::string> {"dist2"}));
        f.status = ReviewFilter::Status::Open;
        QCOMPARE(queue.filtered(f).size(), size_t {8});
        f = {};
        f.pair = {{"carol", "alice"}};
        QCOMPARE(names(queue.filtered(f)), (std::vector<std::string> {"dist1canal"}));
        f.pair = {{"bob", "cnn"}};
        f.kinds = kAllKinds;
        // That pair's only kind is "model" on both (no analyzer grade distance): by key.
        QCOMPARE(names(queue.filtered(f)), (std::vector<std::string> {"modelOnly", "dist3"}));
        f.pair = {{"bob", "nobody"}};
        QVERIFY(queue.filtered(f).empty());
        QCOMPARE(queue.progress({}).text(), std::string("1 of 9 decided"));
    }

    void stepsNextAndPreviousUnderTheFilter()
    {
        ReviewQueue queue(m_input);
        const ReviewFilter all;
        QCOMPARE(queue.next(all, std::nullopt), std::optional<std::int64_t>(m_id["dist3"]));
        QCOMPARE(queue.next(all, m_id["dist3"]), std::optional<std::int64_t>(m_id["dist2"]));
        QCOMPARE(queue.next(all, m_id["dist3"], true), std::optional<std::int64_t>(m_id["dist1severe"]));
        QCOMPARE(queue.previous(all, m_id["dist3"]), std::optional<std::int64_t>());
        QCOMPARE(queue.previous(all, std::nullopt), std::optional<std::int64_t>(m_id["patchMm"]));
        QCOMPARE(queue.next(all, m_id["patchMm"]), std::optional<std::int64_t>());
        ReviewFilter level;
        level.level = Level::L3L4;
        QCOMPARE(queue.next(level, m_id["dist3"]), std::optional<std::int64_t>(m_id["gradeMissing"]));
        QCOMPARE(queue.previous(level, m_id["patchMm"]), std::optional<std::int64_t>(m_id["gradeMissing"]));
        queue.setDecided(m_id["dist1severe"], true);
        QCOMPARE(queue.next(all, m_id["dist3"], true), std::optional<std::int64_t>(m_id["dist1canal"]));
        QCOMPARE(queue.progress(all).text(), std::string("2 of 9 decided"));
    }

    // With a pair filter the entries are that pair's: "dist1canal" is a grade disagreement
    // of alice and bob (1 apart) and a canal one of alice and carol, never both at once; and
    // the pair's rank puts it by its key among the other 1-apart grade items.
    void aPairFilterRanksAndCountsByThatPairOnly()
    {
        const ReviewQueue queue(m_input);
        ReviewFilter f;
        f.pair = {{"carol", "alice"}};
        auto entries = queue.filtered(f);
        QCOMPARE(entries.size(), size_t {1});
        QCOMPARE(entries[0]->kinds, kindBit(DisagreementKind::Canal));
        QCOMPARE(entries[0]->gradeDistance, 0);
        f.pair = {{"alice", "bob"}};
        entries = queue.filtered(f);
        QCOMPARE(names(entries),
            (std::vector<std::string> {"dist3", "dist2", "dist1severe", "dist1", "dist1canal", "canal", "gradeMissing",
                "patchIou", "patchMm"}));
        QCOMPARE(entries[4]->kinds, kindBit(DisagreementKind::Grade));
        QCOMPARE(queue.next(f, m_id["dist1"]), std::optional<std::int64_t>(m_id["dist1canal"]));
        // The task filter asks the pair's kinds: alice and bob never disagree on the canal of
        // dist1canal, so canal review under that pair shows only "canal".
        f.task = DisagreementKind::Canal;
        QCOMPARE(names(queue.filtered(f)), (std::vector<std::string> {"canal"}));
        QCOMPARE(queue.progress(f).text(), std::string("0 of 1 decided"));
        // The same queue without the pair is as before.
        QCOMPARE(queue.entry(m_id["dist1canal"])->kinds,
            kindBit(DisagreementKind::Grade) | kindBit(DisagreementKind::Canal));
    }

    // Decided on older labels: open again, shown apart, counted open; a new decision settles it.
    void aDecisionOnOlderLabelsIsReopened()
    {
        ReviewInput input = m_input;
        input.items[0].decided = true; // dist3
        input.items[0].labelsChangedSince = true;
        ReviewQueue queue(input);
        const ReviewEntry* e = queue.entry(m_id["dist3"]);
        QVERIFY(e->decided && e->reopened && !e->settled());
        QCOMPARE(queue.progress({}).text(), std::string("1 of 9 decided")); // dist2 only
        ReviewFilter open;
        open.status = ReviewFilter::Status::Open;
        QCOMPARE(names(queue.filtered(open)).front(), std::string("dist3"));
        QCOMPARE(queue.next({}, std::nullopt, true), std::optional<std::int64_t>(m_id["dist3"]));
        queue.setDecided(m_id["dist3"], true);
        QVERIFY(queue.entry(m_id["dist3"])->settled());
        QCOMPARE(queue.progress({}).text(), std::string("2 of 9 decided"));
    }

    // A real project: the snapshot reads analyzers' labels and patches, models' newest
    // predictions and decisions; a lead's own label is not an analyzer's.
    void snapshotOfAProjectLeavesTheLeadsLabelsOut()
    {
        QTemporaryDir dir;
        std::string error;
        auto store = sg::test::makeProject(
            (dir.path() + "/review.sgdb").toStdString(), sg::test::syntheticScan("/data/r", 1, 2), error);
        QVERIFY2(store, error.c_str());
        const auto items = *store->items();
        const Analyzer ann = *store->addAnalyzer("ann", Role::Analyzer);
        const Analyzer ben = *store->addAnalyzer("ben", Role::Analyzer);
        const Analyzer lead = *store->addAnalyzer("lena", Role::Lead);
        const auto label = [&](const Analyzer& who, size_t item, Grade grade) {
            Label l;
            l.itemId = items[item].id;
            l.analyzerId = who.id;
            l.canal = Canal::Rootlet;
            l.grade = grade;
            l.patch = Patch {10, 10, 20, 20};
            QVERIFY(store->saveLabel(who, l));
        };
        label(ann, 0, Grade::B);
        label(ben, 0, Grade::B);
        label(lead, 0, Grade::D); // the lead disagrees: not an analyzer disagreement
        label(ann, 1, Grade::A);
        label(ben, 1, Grade::C);
        Consensus c;
        c.itemId = items[1].id;
        c.canal = Canal::Rootlet;
        c.grade = Grade::B;
        c.reasonCode = ConsensusReason::BorderlineGrade;
        QVERIFY(setConsensus(*store, lead, c));

        const auto snapshot = readReviewSnapshot(*store);
        QVERIFY2(snapshot, snapshot ? "" : snapshot.error().c_str());
        QCOMPARE(snapshot->input.raters.size(), size_t {2});
        const ReviewQueue queue(snapshot->input);
        QCOMPARE(queue.all().size(), size_t {1});
        const ReviewEntry& e = queue.all().front();
        QCOMPARE(e.itemId, items[1].id);
        QCOMPARE(e.gradeDistance, 2);
        QVERIFY(e.decided);
        QCOMPARE(snapshot->consensus.at(items[1].id).reasonCode, std::optional(ConsensusReason::BorderlineGrade));
        QCOMPARE(queue.progress({}).text(), std::string("1 of 1 decided"));
        // The slices imported now carry their pixel spacing.
        for (const ReviewInputItem& item : snapshot->input.items)
            QVERIFY(item.rowSpacing && item.columnSpacing);

        // An analyzer changes their label after the decision: the item is open again.
        const std::string decidedAt = snapshot->consensus.at(items[1].id).decidedAt;
        QVERIFY(QTest::qWaitFor([&] { return utcNow() > decidedAt; })); // a later time stamp, not a race
        label(ben, 1, Grade::D);
        const auto later = readReviewSnapshot(*store);
        QVERIFY(later);
        const ReviewQueue reopened(later->input);
        QVERIFY(reopened.all().front().reopened);
        QCOMPARE(reopened.progress({}).text(), std::string("0 of 1 decided"));
    }
};

QTEST_GUILESS_MAIN(TestReviewQueue)
#include "tst_ReviewQueue.moc"
