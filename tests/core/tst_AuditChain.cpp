// The tamper-evident audit (issue 13): every history row is linked into one hash chain;
// verifyAuditChain names the first row an outsider changed, deleted or added; a project whose
// triggers were dropped is refused at open; connections are defensive; a label import records
// its importer, and only a lead imports another rater's labels. The tampering is done with
// the plain sqlite3 C API, as anyone holding the file could: no SpineGrade connection.
#include "core/labels/LabelCsv.h"
#include "core/store/AuditChain.h"
#include "core/store/ConsensusStore.h"
#include "core/store/LabelTransfer.h"
#include "core/store/ProjectItemKeys.h"
#include "core/store/ProjectStore.h"
#include "core/store/Schema.h"
#include "core/store/SqliteConnection.h"
#include "tests/support/ProjectFixture.h"

#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace sg::core;
using namespace sg::test;

namespace {

// Runs `sql` on the file through a bare sqlite3 connection; returns SQLite's error ("" if none).
std::string rawExec(const std::string& file, const std::string& sql)
{
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return "cannot open " + file;
    }
    char* message = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
    std::string error = rc == SQLITE_OK ? std::string() : std::string(message ? message : "failed");
    sqlite3_free(message);
    sqlite3_close(db);
    return error;
}

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

} // namespace

class TestAuditChain : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_projects = 0;

    // A project whose history holds labels of two analyzers (with an undo), a consensus and a
    // level correction; closed again. Returns its path.
    std::string historyProject()
    {
        const std::string file = (m_dir.path() + "/p" + QString::number(++m_projects) + ".sgdb").toStdString();
        std::string error;
        auto store = makeProject(file, syntheticScan("/data/a", 1, 2), error);
        if (!store)
            throw std::runtime_error(error);
        const auto items = *store->items();
        const Analyzer ann = *store->addAnalyzer("ann", Role::Analyzer);
        const Analyzer bob = *store->addAnalyzer("bob", Role::Analyzer);
        const Analyzer lena = *store->addAnalyzer("lena", Role::Lead);
        for (size_t i = 0; i < 4; ++i) {
            for (const Analyzer& who : {ann, bob}) {
                Label l;
                l.itemId = items[i].id;
                l.analyzerId = who.id;
                l.canal = Canal::Rootlet;
                l.grade = i % 2 ? Grade::B : Grade::C;
                if (auto saved = store->saveLabel(who, l); !saved)
                    throw std::runtime_error(saved.error());
            }
        }
        if (auto undone = store->undo(ann); !undone)
            throw std::runtime_error(undone.error());
        Consensus c;
        c.itemId = items[0].id;
        c.canal = Canal::Rootlet;
        c.grade = Grade::B;
        c.reasonCode = ConsensusReason::ReaderError;
        if (auto set = setConsensus(*store, lena, c); !set)
            throw std::runtime_error(set.error());
        if (auto corrected = store->correctStackLevel(ann, items[0].id, Level::L3L4); !corrected)
            throw std::runtime_error(corrected.error());
        return file;
    }

    static Result<AuditChainSummary> verifyFile(const std::string& file)
    {
        auto db = SqliteConnection::open(file, OpenMode::ReadOnly);
        if (!db)
            return Error {db.error()};
        return verifyAuditChain(**db);
    }

    static std::int64_t historyRows(const std::string& file)
    {
        auto db = SqliteConnection::open(file, OpenMode::ReadOnly);
        return (*db)->queryInt("SELECT (SELECT count(*) FROM label_history) + (SELECT count(*) FROM "
                               "consensus_history) + (SELECT count(*) FROM level_change) + (SELECT count(*) FROM "
                               "person_event)");
    }

private slots:
    void anIntactChainVerifiesWithEveryHistoryRow()
    {
        const std::string file = historyProject();
        const auto chain = verifyFile(file);
        QVERIFY2(chain, chain ? "" : chain.error().c_str());
        QCOMPARE(chain->rows, historyRows(file));
        const std::int64_t people = (*SqliteConnection::open(file, OpenMode::ReadOnly))
                                        ->queryInt("SELECT count(*) FROM person_event"); // roles, settings
        QCOMPARE(chain->rows - people, std::int64_t(8 + 1 + 1 + 1)); // labels, the undo, consensus, level
        QCOMPARE(chain->headHash.size(), size_t(64));
        QVERIFY(chain->headHash != std::string(64, '0'));
        // The chain follows the order the rows were written, across tables.
        auto db = SqliteConnection::open(file, OpenMode::ReadOnly);
        // (person_event rows, the project's settings and people, come first: left out here.)
        QCOMPARE((*db)->queryText("SELECT group_concat(table_name, ' ') FROM (SELECT table_name FROM audit_chain "
                                  "WHERE table_name <> 'person_event' ORDER BY seq LIMIT -1 OFFSET 9)"),
            std::string("consensus_history level_change"));
        QVERIFY(ProjectStore::open(file)); // and the project opens
    }

    void aRowChangedWithTheTriggersDroppedIsNamed()
    {
        const std::string file = historyProject();
        QCOMPARE(rawExec(file,
                     "DROP TRIGGER label_history_no_update; DROP TRIGGER label_history_no_delete;"
                     "UPDATE label_history SET new_value = replace(new_value, '\"B\"', '\"A\"') WHERE id = 3"),
            std::string());
        auto db = SqliteConnection::open(file, OpenMode::ReadOnly);
        QVERIFY(
            (*db)->queryText("SELECT new_value FROM label_history WHERE id = 3").find("\"A\"") != std::string::npos);
        db->reset();
        const auto chain = verifyFile(file);
        QVERIFY(!chain);
        QVERIFY2(contains(chain.error(), "breaks at label_history row 3 (chain entry ") &&
                contains(chain.error(), "): content changed"),
            chain.error().c_str());
        QVERIFY2(contains(chain.error(), file), chain.error().c_str());
    }

    void aRowChangedInAnotherTableIsNamed()
    {
        const std::string file = historyProject();
        QCOMPARE(rawExec(file,
                     "DROP TRIGGER level_change_no_update;"
                     "UPDATE level_change SET new_level = 'L5/S1'"),
            std::string());
        const auto chain = verifyFile(file);
        QVERIFY(!chain);
        QVERIFY2(contains(chain.error(), "level_change row 1 (chain entry ") &&
                contains(chain.error(), "): content changed"),
            chain.error().c_str());
    }

    void aDeletedRowIsDetected()
    {
        const std::string file = historyProject();
        QCOMPARE(rawExec(file, "DROP TRIGGER label_history_no_delete; DELETE FROM label_history WHERE id = 5"),
            std::string());
        auto chain = verifyFile(file);
        QVERIFY(!chain);
        QVERIFY2(
            contains(chain.error(), "label_history row 5 (chain entry ") && contains(chain.error(), "): row missing"),
            chain.error().c_str());

        // The row with its chain entry: the gap in the chain names the row after it.
        const std::string other = historyProject();
        QCOMPARE(rawExec(other,
                     "DROP TRIGGER label_history_no_delete; DROP TRIGGER audit_chain_no_delete;"
                     "DELETE FROM label_history WHERE id = 5;"
                     "DELETE FROM audit_chain WHERE table_name = 'label_history' AND row_id = 5"),
            std::string());
        chain = verifyFile(other);
        QVERIFY(!chain);
        QVERIFY2(
            contains(chain.error(), "label_history row 6 (chain entry ") && contains(chain.error(), "): row missing"),
            chain.error().c_str());
    }

    void aRowAddedWithoutItsChainEntryIsDetected()
    {
        const std::string file = historyProject();
        // A plain sqlite3 cannot add a history row at all while the chain trigger is there (it
        // has no sg_sha256), so the forger drops it first.
        QVERIFY(contains(rawExec(file,
                             "INSERT INTO label_history(item_id, analyzer_id, changed_by, changed_at, action) "
                             "SELECT item_id, analyzer_id, changed_by, changed_at, 'set' FROM label_history LIMIT 1"),
            "sg_sha256"));
        QCOMPARE(rawExec(file,
                     "DROP TRIGGER label_history_chain;"
                     "INSERT INTO label_history(item_id, analyzer_id, changed_by, changed_at, action) "
                     "SELECT item_id, analyzer_id, changed_by, changed_at, 'set' FROM label_history LIMIT 1"),
            std::string());
        const auto chain = verifyFile(file);
        QVERIFY(!chain);
        QVERIFY2(contains(chain.error(), "label_history row 10: row inserted"), chain.error().c_str());
    }

    void aRelinkedChainEntryIsDetected()
    {
        // An entry pointed at another row: its content hash fails (or its link does).
        const std::string file = historyProject();
        QCOMPARE(rawExec(file,
                     "DROP TRIGGER audit_chain_no_update; UPDATE audit_chain SET prev_hash = row_hash "
                     "WHERE table_name = 'label_history' AND row_id = 4"),
            std::string());
        const auto chain = verifyFile(file);
        QVERIFY(!chain);
        QVERIFY2(
            contains(chain.error(), "label_history row 4 (chain entry ") && contains(chain.error(), "): link broken"),
            chain.error().c_str());
    }

    void aProjectWithDroppedTriggersIsRefusedAtOpen()
    {
        const std::string file = historyProject();
        QCOMPARE(
            rawExec(file, "DROP TRIGGER label_history_no_update; DROP TRIGGER consensus_history_chain"), std::string());
        const QByteArray before = fileHash(QString::fromStdString(file));
        for (bool readOnly : {false, true}) {
            OpenOptions options;
            options.readOnly = readOnly;
            const auto store = ProjectStore::open(file, options);
            QVERIFY(!store);
            QVERIFY2(contains(store.error(), file) && contains(store.error(), "label_history_no_update") &&
                    contains(store.error(), "consensus_history_chain") && contains(store.error(), "missing"),
                store.error().c_str());
        }
        QCOMPARE(fileHash(QString::fromStdString(file)), before);

        // A trigger replaced by a harmless-looking one of the same name is refused too.
        const std::string other = historyProject();
        QCOMPARE(rawExec(other,
                     "DROP TRIGGER label_history_no_delete; CREATE TRIGGER label_history_no_delete BEFORE DELETE ON "
                     "label_history BEGIN SELECT 1; END"),
            std::string());
        const auto store = ProjectStore::open(other);
        QVERIFY(!store);
        QVERIFY2(contains(store.error(), "label_history_no_delete were altered"), store.error().c_str());
    }

    void theMigrationChainsTheRowsAnOlderVersionWrote()
    {
        const std::string file = (m_dir.path() + "/old.sgdb").toStdString();
        QVERIFY(writeOldProjectFile(file, 5));
        QCOMPARE(rawExec(file,
                     "INSERT INTO label_history(item_id, analyzer_id, changed_by, changed_at, action, new_value) "
                     "VALUES(1, 1, 1, '2024-01-01T00:00:00Z', 'set', '{}'), "
                     "(1, 1, 1, '2024-01-02T00:00:00Z', 'set', NULL);"
                     "INSERT INTO level_change(series_id, stack_index, old_level, new_level, changed_by, changed_at) "
                     "VALUES(1, 0, 'L4/L5', 'L3/L4', 1, '2024-01-03T00:00:00Z')"),
            std::string());
        {
            auto store = ProjectStore::open(file);
            QVERIFY2(store, store ? "" : store.error().c_str());
            QCOMPARE((*store)->schemaVersion(), kSchemaVersion);
            const auto chain = verifyAuditChain((*store)->connection());
            QVERIFY2(chain, chain ? "" : chain.error().c_str());
            // The three history rows, and the settings the later migrations wrote (person_event).
            QCOMPARE(chain->rows, historyRows(file));
            QVERIFY(chain->rows >= 3);
            // New rows continue the chain.
            const Analyzer ann = **(*store)->findAnalyzer("ann");
            QVERIFY((*store)->correctStackLevel(ann, 1, Level::L2L3));
            const auto longer = verifyAuditChain((*store)->connection());
            QVERIFY2(longer, longer ? "" : longer.error().c_str());
            QCOMPARE(longer->rows, chain->rows + 1);
        }
        auto db = SqliteConnection::open(file, OpenMode::ReadOnly);
        QCOMPARE(
            (*db)->queryInt("SELECT count(*) FROM audit_chain WHERE table_name <> 'person_event'"), std::int64_t(4));
    }

    void connectionsAreDefensive()
    {
        const std::string file = historyProject();
        auto store = ProjectStore::open(file);
        QVERIFY(store);
        SqliteConnection& db = (*store)->connection();
        QCOMPARE(db.queryInt("PRAGMA trusted_schema"), std::int64_t(0));
        // Defensive: the schema table cannot be edited around SQL.
        db.exec("PRAGMA writable_schema = ON");
        bool refused = false;
        try {
            db.exec("UPDATE sqlite_schema SET sql = 'x' WHERE name = 'label_history_no_update'");
        } catch (const SqlError&) {
            refused = true;
        }
        QVERIFY(refused);
    }

    void anImportRecordsItsImporterAndOnlyALeadImportsForOthers()
    {
        const std::string file = historyProject();
        auto store = ProjectStore::open(file);
        QVERIFY(store);
        const auto items = *(*store)->items();
        const std::string item5 = makeItemKeys(items).key(items[5].id); // a label file names an item by its key
        auto rows = parseLabelCsv("item,rater,task,label\n" + item5 + ",bob,grade,D\n", "in.csv");
        QVERIFY2(rows, rows ? "" : rows.error().c_str());
        const Analyzer ann = **(*store)->findAnalyzer("ann");
        const Analyzer bob = **(*store)->findAnalyzer("bob");
        const Analyzer lena = **(*store)->findAnalyzer("lena");
        const auto refused = importLabelRows(**store, ann, *rows, "in.csv");
        QVERIFY(!refused);
        QVERIFY2(contains(refused.error(), "in.csv line 2") && contains(refused.error(), "need a lead"),
            refused.error().c_str());
        QVERIFY(importLabelRows(**store, bob, *rows, "in.csv")); // their own
        auto again = parseLabelCsv("item,rater,task,label\n" + item5 + ",bob,grade,A\n", "in.csv");
        QVERIFY(importLabelRows(**store, lena, *again, "in.csv"));
        Statement st = (*store)->connection().prepare(
            "SELECT analyzer_id, changed_by, imported_by FROM label_history WHERE action = 'import' ORDER BY id");
        QVERIFY(st.step());
        QCOMPARE(st.integer(0), bob.id);
        QCOMPARE(st.integer(2), bob.id);
        QVERIFY(st.step());
        QCOMPARE(st.integer(1), bob.id); // changed by the rater of the file...
        QCOMPARE(st.integer(2), lena.id); // ...imported by the lead
        // imported_by is part of the chained content.
        (*store).reset();
        QCOMPARE(rawExec(file,
                     "DROP TRIGGER label_history_no_update; UPDATE label_history SET imported_by = " +
                         std::to_string(bob.id) + " WHERE imported_by = " + std::to_string(lena.id)),
            std::string());
        const auto chain = verifyFile(file);
        QVERIFY(!chain);
        QVERIFY2(contains(chain.error(), "content changed"), chain.error().c_str());
    }
};

QTEST_GUILESS_MAIN(TestAuditChain)
#include "tst_AuditChain.moc"
