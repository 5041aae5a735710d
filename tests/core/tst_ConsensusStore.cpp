// The lead's consensus in the store: only a lead writes it; every change is a row of an
// append-only history (triggers refuse UPDATE and DELETE); undo/redo replays the lead's own
// changes; a project of schema 3 migrates with a trace for the decisions it already had.
#include "core/store/ConsensusStore.h"
#include "core/store/ProjectStore.h"
#include "core/store/Schema.h"
#include "core/store/SqliteConnection.h"
#include "tests/support/ProjectFixture.h"

#include <QTemporaryDir>
#include <QTest>

using namespace sg::core;

class TestConsensusStore : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<ProjectStore> m_store;
    std::vector<Item> m_items;
    Analyzer m_ann, m_lead;

    Consensus decision(size_t item, std::optional<Grade> grade, ConsensusReason reason, std::string text = {})
    {
        Consensus c;
        c.itemId = m_items[item].id;
        c.canal = Canal::Rootlet;
        c.grade = grade;
        c.patch = Patch {12, 14, 30, 28};
        c.reasonCode = reason;
        c.reason = std::move(text);
        return c;
    }

    std::optional<Grade> gradeNow(size_t item)
    {
        auto c = readConsensus(*m_store, m_lead, m_items[item].id);
        return c && *c ? (*c)->grade : std::nullopt;
    }

private slots:
    void initTestCase()
    {
        std::string error;
        m_store = sg::test::makeProject(
            (m_dir.path() + "/consensus.sgdb").toStdString(), sg::test::syntheticScan("/data/c", 1, 2), error);
        QVERIFY2(m_store, error.c_str());
        m_items = *m_store->items();
        m_ann = *m_store->addAnalyzer("ann", Role::Analyzer);
        m_lead = *m_store->addAnalyzer("lena", Role::Lead);
    }

    void onlyALeadWritesAndSeesIt()
    {
        QVERIFY(!setConsensus(*m_store, m_ann, decision(0, Grade::B, ConsensusReason::ReaderError)));
        QVERIFY(!readConsensus(*m_store, m_ann, m_items[0].id));
        QVERIFY(!allConsensus(*m_store, m_ann));
        Consensus noReason = decision(0, Grade::B, ConsensusReason::Other);
        noReason.reasonCode.reset();
        const auto refused = setConsensus(*m_store, m_lead, noReason);
        QVERIFY(!refused);
        QVERIFY2(refused.error().find("reason code") != std::string::npos, refused.error().c_str());
        Consensus cordGraded = decision(0, Grade::B, ConsensusReason::Other);
        cordGraded.canal = Canal::Cord;
        QVERIFY(!setConsensus(*m_store, m_lead, cordGraded));
        QCOMPARE(*consensusVersion(*m_store), std::int64_t {0}); // nothing refused left a trace
    }

    void storesPatchReasonWhoAndWhen()
    {
        const auto stored =
            setConsensus(*m_store, m_lead, decision(0, Grade::C, ConsensusReason::BorderlineGrade, "CSF above"));
        QVERIFY2(stored, stored ? "" : stored.error().c_str());
        const auto read = readConsensus(*m_store, m_lead, m_items[0].id);
        QVERIFY(read && *read);
        const Consensus& c = **read;
        QCOMPARE(c.grade, std::optional(Grade::C));
        QCOMPARE(c.patch, std::optional(Patch {12, 14, 30, 28}));
        QCOMPARE(c.reasonCode, std::optional(ConsensusReason::BorderlineGrade));
        QCOMPARE(c.reason, std::string("CSF above"));
        QCOMPARE(c.decidedBy, m_lead.id);
        QCOMPARE(c.decidedByName, std::string("lena"));
        QVERIFY(!c.decidedAt.empty());
        // The same decision again is no change and no history row.
        const std::int64_t version = *consensusVersion(*m_store);
        QVERIFY(setConsensus(*m_store, m_lead, decision(0, Grade::C, ConsensusReason::BorderlineGrade, "CSF above")));
        QCOMPARE(*consensusVersion(*m_store), version);
    }

    void historyIsAppendOnlyWithUndoRedo()
    {
        QVERIFY(setConsensus(*m_store, m_lead, decision(0, Grade::D, ConsensusReason::ReaderError)));
        QVERIFY(clearConsensus(*m_store, m_lead, m_items[0].id));
        QCOMPARE(gradeNow(0), std::optional<Grade>());
        auto undone = undoConsensus(*m_store, m_lead); // the clear
        QVERIFY(undone && undone->applied);
        QCOMPARE(gradeNow(0), std::optional(Grade::D));
        QVERIFY(undoConsensus(*m_store, m_lead)->applied); // D -> C
        QCOMPARE(gradeNow(0), std::optional(Grade::C));
        QVERIFY(redoConsensus(*m_store, m_lead)->applied); // C -> D
        QCOMPARE(gradeNow(0), std::optional(Grade::D));
        QVERIFY(undoConsensus(*m_store, m_lead)->applied);
        QVERIFY(undoConsensus(*m_store, m_lead)->applied); // back to nothing
        QCOMPARE(gradeNow(0), std::optional<Grade>());
        QVERIFY(!undoConsensus(*m_store, m_lead)->applied);
        QVERIFY(!undoConsensus(*m_store, m_ann)); // analyzers have no consensus to undo

        const auto history = consensusHistory(*m_store, m_lead, m_items[0].id);
        QVERIFY(history);
        std::vector<std::string> actions;
        for (const ConsensusHistoryEntry& e : *history)
            actions.push_back(e.action);
        QCOMPARE(actions, (std::vector<std::string> {"set", "set", "set", "undo", "undo", "redo", "undo", "undo"}));
        QVERIFY(!history->front().oldValue && history->front().newValue);
        QCOMPARE(history->front().newValue->grade, std::optional(Grade::C));
        QCOMPARE(history->front().newValue->reason, std::string("CSF above"));
        QVERIFY(history->at(3).target);

        // Nobody rewrites the trace, not even through SQL.
        SqliteConnection& db = m_store->connection();
        QVERIFY_THROWS_EXCEPTION(SqlError, db.exec("UPDATE consensus_history SET action = 'set'"));
        QVERIFY_THROWS_EXCEPTION(SqlError, db.exec("DELETE FROM consensus_history"));
        QCOMPARE(db.queryInt("SELECT COUNT(*) FROM consensus_history WHERE item_id = " + std::to_string(m_items[0].id)),
            std::int64_t {8});
    }

    void saveConsensusKeepsItsOldCallersWorking()
    {
        Consensus c;
        c.itemId = m_items[1].id;
        c.canal = Canal::Cord;
        c.reason = "free text only";
        QVERIFY(m_store->saveConsensus(m_lead, c));
        const auto read = m_store->consensus(m_lead, m_items[1].id);
        QVERIFY(read && *read);
        QCOMPARE((*read)->reasonCode, std::optional(ConsensusReason::Other));
        QCOMPARE(consensusHistory(*m_store, m_lead, m_items[1].id)->size(), size_t {1});
    }

    // A schema 3 project with a decision migrates: the decision stays, gets an 'import' row in
    // the new history, and the new columns are there.
    void migratesAnOldProjectWithItsDecisions()
    {
        const std::string path = (m_dir.path() + "/old.sgdb").toStdString();
        QVERIFY(sg::test::writeOldProjectFile(path, 3));
        {
            auto db = SqliteConnection::open(path, OpenMode::ReadWrite);
            QVERIFY(db);
            (*db)->exec("INSERT INTO analyzer(id, name, role) VALUES(2, 'lee', 'lead');"
                        "INSERT INTO consensus(item_id, canal, grade, reason, decided_by, decided_at)"
                        " VALUES(1, 'rootlet', 'C', 'seen together', 2, '2025-01-01T00:00:00.000Z')");
        }
        auto store = ProjectStore::open(path);
        QVERIFY2(store, store ? "" : store.error().c_str());
        QCOMPARE((*store)->schemaVersion(), kSchemaVersion);
        QVERIFY(kSchemaVersion >= 4);
        const Analyzer lee = *(*(*store)->findAnalyzer("lee"));
        const auto c = readConsensus(**store, lee, 1);
        QVERIFY(c && *c);
        QCOMPARE((*c)->grade, std::optional(Grade::C));
        QCOMPARE((*c)->reason, std::string("seen together"));
        QVERIFY(!(*c)->reasonCode);
        const auto history = consensusHistory(**store, lee, 1);
        QVERIFY(history);
        QCOMPARE(history->size(), size_t {1});
        QCOMPARE(history->front().action, std::string("import"));
        QCOMPARE(history->front().newValue->grade, std::optional(Grade::C));
        QCOMPARE(history->front().changedBy, std::int64_t {2});
        // The old slice has no spacing until its folder is imported again.
        QVERIFY((*store)->connection().queryInt("SELECT COUNT(*) FROM slice WHERE row_spacing IS NULL") == 1);
        // The migrated decision can be changed and undone like any other.
        Consensus next = **c;
        next.grade = Grade::D;
        next.reasonCode = ConsensusReason::ImageQuality;
        QVERIFY(setConsensus(**store, lee, next));
        QVERIFY(undoConsensus(**store, lee)->applied);
        QCOMPARE((*readConsensus(**store, lee, 1))->grade, std::optional(Grade::C));
    }
};

QTEST_GUILESS_MAIN(TestConsensusStore)
#include "tst_ConsensusStore.moc"
