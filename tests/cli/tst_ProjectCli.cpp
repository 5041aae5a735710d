// spinegrade-cli project / worklist / labels, end to end on DICOM written through ITK.
#include "core/store/ProjectStore.h"
#include "core/store/SqliteConnection.h"
#include "tests/support/ProjectFixture.h"
#include "tests/support/SeriesFactory.h"
#include "tests/support/TestData.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace sg::core;
using namespace sg::test;

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run cli(const QStringList& args)
{
    QProcess p;
    p.start(cliPath(), args);
    p.waitForFinished(120000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

void writeText(const QString& path, const QByteArray& text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text);
}

QByteArray readText(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestProjectCli : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_db;
    QStringList m_sops; // items, sorted
    QByteArray m_unchosen; // a slice the worklist did not choose

    QString path(const char* name) const { return m_dir.path() + "/" + name; }
    std::int64_t historyRows()
    {
        auto db = SqliteConnection::open(m_db.toStdString(), OpenMode::ReadOnly);
        return db ? (*db)->queryInt("SELECT COUNT(*) FROM label_history") : -1;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(QFileInfo(cliPath()).isExecutable(), qPrintable(cliPath()));
        // A folder of two studies, 5 levels x 3 slices each.
        for (int k = 1; k <= 2; ++k) {
            SeriesSpec spec = lumbarSeries(32, 32, 3);
            const std::string suffix = std::string(".") + char('0' + k);
            spec.studyUid += suffix;
            spec.seriesUid += suffix;
            const Status written = writeSeries(path("studies").toStdString() + "/patient" + std::to_string(k), spec);
            QVERIFY2(written, written.error.c_str());
        }
        m_db = path("project.sgdb");
    }

    void createsImportsAndBuildsTheWorklist()
    {
        Run r = cli({"project", "create", "--db", m_db});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = cli({"project", "create", "--db", m_db});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("already exists"));
        r = cli({"project", "import", "--db", m_db, path("studies")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("2 studies, 30 new slice(s)"), qPrintable(r.out));
        r = cli({"worklist", "--db", m_db, "--per-level", "2", "--seed", "3"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.startsWith("20 item(s), seed 3"), qPrintable(r.out));
        QVERIFY2(r.out.contains("L4/L5: 4"), qPrintable(r.out));

        auto store = ProjectStore::open(m_db.toStdString());
        QVERIFY(store);
        const auto items = (*store)->items();
        for (const Item& item : *items) {
            QVERIFY2(QFileInfo::exists(QString::fromStdString(item.file)), item.file.c_str());
            m_sops << QString::fromStdString(item.sopInstanceUid);
        }
        m_sops.sort();
        QCOMPARE(m_sops.size(), 20);
        m_unchosen = QByteArray::fromStdString((*store)->connection().queryText(
            "SELECT sop_uid FROM slice WHERE id NOT IN (SELECT slice_id FROM item) LIMIT 1"));
        QVERIFY(!m_unchosen.isEmpty());
    }

    void importsAndExportsLabelsRoundTrip()
    {
        const QByteArray csv = "item,rater,task,label\n" + m_sops[0].toUtf8() + ",ann,grade,B\n" + m_sops[0].toUtf8() +
                               ",ann,canal,rootlet\n" + m_sops[1].toUtf8() + ",ann,canal,cord\n" + m_sops[1].toUtf8() +
                               ",bob,grade,A\n" + m_sops[2].toUtf8() + ",bob,grade,\n";
        writeText(path("in.csv"), csv);
        Run r = cli({"labels", "import", "--db", m_db, "--csv", path("in.csv")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("5 row(s) read, 3 label(s) created or changed, 2 new rater(s)"), qPrintable(r.out));
        r = cli({"labels", "export", "--db", m_db, "--csv", path("out.csv")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QByteArray expected = "item,rater,task,label\n" + m_sops[0].toUtf8() + ",ann,grade,B\n" +
                                    m_sops[0].toUtf8() + ",ann,canal,rootlet\n" + m_sops[1].toUtf8() + ",ann,grade,\n" +
                                    m_sops[1].toUtf8() + ",ann,canal,cord\n" + m_sops[1].toUtf8() + ",bob,grade,A\n" +
                                    m_sops[1].toUtf8() + ",bob,canal,\n";
        QCOMPARE(readText(path("out.csv")), expected);
        // Importing the export changes nothing: same labels, no new audit rows.
        const auto rows = historyRows();
        r = cli({"labels", "import", "--db", m_db, "--csv", path("out.csv")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("0 label(s) created or changed"), qPrintable(r.out));
        QCOMPARE(historyRows(), rows);
    }

    void rejectsAFileWithOneBadRowWhole_data()
    {
        QTest::addColumn<QByteArray>("badRow");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown item") << QByteArray("1.2.3.999,carl,grade,C") << "in.csv line 4: item '1.2.3.999'";
        QTest::newRow("not chosen") << QByteArray("UNCHOSEN,carl,grade,C")
                                    << "in.csv line 4: item 'UNCHOSEN' is not an item of the project";
        QTest::newRow("bad label") << QByteArray("SOP,carl,grade,E") << "in.csv line 4: grade label 'E'";
        QTest::newRow("missing column") << QByteArray("SOP,carl,grade") << "in.csv line 4: missing column 'label'";
        QTest::newRow("graded cord") << QByteArray("SOP1,ann,grade,C")
                                     << "in.csv line 4: a cord slice cannot be graded";
    }
    void rejectsAFileWithOneBadRowWhole()
    {
        QFETCH(QByteArray, badRow);
        QFETCH(QString, message);
        badRow.replace("UNCHOSEN", m_unchosen).replace("SOP1", m_sops[1].toUtf8()).replace("SOP", m_sops[5].toUtf8());
        message.replace("UNCHOSEN", m_unchosen);
        const QByteArray csv = "item,rater,task,label\n" + m_sops[3].toUtf8() + ",carl,grade,D\n" + m_sops[4].toUtf8() +
                               ",ann,grade,C\n" + badRow + "\n";
        writeText(path("in.csv"), csv);
        const QByteArray before = readText(path("out.csv"));
        const auto rows = historyRows();
        const Run r = cli({"labels", "import", "--db", m_db, "--csv", path("in.csv")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QCOMPARE(r.err.count('\n'), 1); // one line
        QCOMPARE(historyRows(), rows);
        QVERIFY(cli({"labels", "export", "--db", m_db, "--csv", path("out.csv")}).exitCode == 0);
        QCOMPARE(readText(path("out.csv")), before); // no label changed, carl not created
    }

    void refusesProjectFilesItCannotTrust()
    {
        const QString newer = path("newer.sgdb");
        QVERIFY(cli({"project", "create", "--db", newer}).exitCode == 0);
        {
            auto db = SqliteConnection::open(newer.toStdString(), OpenMode::ReadWrite);
            QVERIFY(db);
            (*db)->exec("PRAGMA user_version = 7");
        }
        const QByteArray hash = fileHash(newer);
        Run r = cli({"worklist", "--db", newer});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("newer SpineGrade") && r.err.contains("it was not changed"), qPrintable(r.err));
        QCOMPARE(fileHash(newer), hash);
        r = cli({"labels", "export", "--db", path("in.csv"), "--csv", path("x.csv")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("not an SQLite database"), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestProjectCli)
#include "tst_ProjectCli.moc"
