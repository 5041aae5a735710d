// `spinegrade-cli audit verify` (issue 13): exit 0 and one line on an intact chain; after
// python3's sqlite3 module (a plain sqlite3, as anyone holding the file has) drops the triggers
// and changes or deletes a history row, exit 1 naming that row; `labels import --as` lets a
// lead import anyone's labels and an analyzer only their own.
#include "core/store/Identity.h"
#include "core/store/ProjectItemKeys.h"
#include "core/store/ProjectStore.h"
#include "core/store/SqliteConnection.h"
#include "tests/support/CliRun.h"
#include "tests/support/Passphrases.h"
#include "tests/support/ProjectFixture.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace sg::core;
using namespace sg::test;

class TestAuditCli : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_projects = 0;
    std::vector<std::string> m_sops;

    // A project with six label rows by ann and bob; closed again.
    QString labeledProject()
    {
        const QString file = m_dir.path() + "/p" + QString::number(++m_projects) + ".sgdb";
        std::string error;
        auto store = makeProject(file.toStdString(), syntheticScan("/data/a", 1, 2), error);
        if (!store)
            return {};
        const Analyzer ann = *store->addAnalyzer("ann", Role::Analyzer);
        const Analyzer bob = *store->addAnalyzer("bob", Role::Analyzer);
        // The lead and ann sign in with passphrases (issue 13): an import names its importer.
        if (!addTestLead(*store) || !setFirstPassphrase(*store, "ann", kAnalyzerPassphrase))
            return {};
        const auto items = *store->items();
        m_sops.clear();
        const ItemKeys keys = makeItemKeys(items); // label files name items by key
        for (const Item& item : items)
            m_sops.push_back(keys.key(item.id));
        for (size_t i = 0; i < 3; ++i)
            for (const Analyzer& who : {ann, bob}) {
                Label l;
                l.itemId = items[i].id;
                l.analyzerId = who.id;
                l.canal = Canal::Rootlet;
                l.grade = Grade::B;
                if (!store->saveLabel(who, l))
                    return {};
            }
        return file;
    }

    // SQL through python3's sqlite3 module; true when it ran without error.
    static bool python(const QString& file, const QString& sql, QString& error)
    {
        QProcess py;
        py.start(qEnvironmentVariable("SG_PYTHON3", "python3"),
            {"-c", "import sqlite3, sys\ndb = sqlite3.connect(sys.argv[1])\ndb.executescript(sys.argv[2])\ndb.commit()",
                file, sql});
        if (!py.waitForStarted() || !py.waitForFinished(60000))
            return error = "python3 did not run", false;
        error = QString::fromUtf8(py.readAllStandardError());
        return py.exitStatus() == QProcess::NormalExit && py.exitCode() == 0;
    }

private slots:
    void initTestCase()
    {
        QProcess probe;
        probe.start(qEnvironmentVariable("SG_PYTHON3", "python3"), {"-c", "import sqlite3"});
        if (!probe.waitForStarted() || !probe.waitForFinished(60000) || probe.exitCode() != 0)
            QSKIP("python3 with its sqlite3 module is needed to tamper with a project as an outsider would");
    }

    void anIntactChainExitsZeroWithOneLine()
    {
        const QString file = labeledProject();
        QVERIFY(!file.isEmpty());
        const CliRun r = runCli({"audit", "verify", "--db", file});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        // Six label rows, and the people and settings history (person_event): every history row.
        auto db = SqliteConnection::open(file.toStdString(), OpenMode::ReadOnly);
        QVERIFY(db);
        const std::int64_t rows = (*db)->queryInt("SELECT (SELECT count(*) FROM label_history) + (SELECT count(*) "
                                                  "FROM person_event)");
        QVERIFY(rows > 6);
        QVERIFY2(r.out.startsWith(QString("audit chain intact: %1 rows; head ").arg(rows)), qPrintable(r.out));
        QCOMPARE(r.out.count('\n'), 1);
    }

    void aRowChangedWithTheTriggersDroppedIsNamed()
    {
        const QString file = labeledProject();
        QString error;
        QVERIFY2(python(file,
                     "DROP TRIGGER label_history_no_update; DROP TRIGGER label_history_no_delete;"
                     "UPDATE label_history SET changed_by = 1 WHERE id = 4;",
                     error),
            qPrintable(error));
        const CliRun r = runCli({"audit", "verify", "--db", file});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("label_history row 4 (chain entry ") && r.err.contains("): content changed"),
            qPrintable(r.err));
        QVERIFY2(r.err.contains("label_history_no_update, label_history_no_delete are missing") ||
                r.err.contains("label_history_no_delete, label_history_no_update are missing"),
            qPrintable(r.err));
        // And the project no longer opens for any other command.
        const CliRun stats = runCli({"stats", "--db", file});
        QVERIFY(stats.exitCode != 0);
        QVERIFY2(stats.err.contains(file) && stats.err.contains("label_history_no_update"), qPrintable(stats.err));
    }

    void aDeletedRowIsNamed()
    {
        const QString file = labeledProject();
        QString error;
        QVERIFY2(python(file, "DROP TRIGGER label_history_no_delete; DELETE FROM label_history WHERE id = 2;", error),
            qPrintable(error));
        const CliRun r = runCli({"audit", "verify", "--db", file});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(
            r.err.contains("label_history row 2 (chain entry ") && r.err.contains("): row missing"), qPrintable(r.err));
    }

    void anImportNeedsItsImporter()
    {
        const QString file = labeledProject();
        const QString csv = m_dir.path() + "/bob.csv";
        QFile f(csv);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray("item,rater,task,label\n") + m_sops[4].c_str() + ",bob,grade,C\n");
        f.close();
        CliRun r = runCli({"audit", "verify", "--db", file});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const int before = r.out.section(' ', 3, 3).toInt(); // "audit chain intact: N rows; head ..."
        QVERIFY2(before > 0, qPrintable(r.out));
        r = runCli({"labels", "import", "--db", file, "--csv", csv});
        QVERIFY(r.exitCode != 0); // --as is required
        r = runCli({"labels", "import", "--db", file, "--csv", csv, "--as", "nobody"}, passphraseEnv());
        QCOMPARE(r.exitCode, 2); // refused: nobody cannot sign in
        r = runCli({"labels", "import", "--db", file, "--csv", csv, "--as", "ann"}, passphraseEnv(kAnalyzerPassphrase));
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("bob.csv line 2") && r.err.contains("need a lead"), qPrintable(r.err));
        r = runCli({"labels", "import", "--db", file, "--csv", csv, "--as", "lena"}, passphraseEnv());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = runCli({"audit", "verify", "--db", file});
        // The one label imported is one more row in the chain.
        QVERIFY2(r.exitCode == 0 && r.out.startsWith(QString("audit chain intact: %1 rows").arg(before + 1)),
            qPrintable(r.out + r.err));
    }
};

QTEST_GUILESS_MAIN(TestAuditCli)
#include "tst_AuditCli.moc"
