// spinegrade-cli project / worklist / labels, end to end on DICOM written through ITK.
#include "core/dicom/DicomScanner.h"
#include "core/store/ProjectItemKeys.h"
#include "core/store/ProjectStore.h"
#include "core/store/Schema.h"
#include "core/store/SqliteConnection.h"
#include "tests/support/CliRun.h"
#include "tests/support/Passphrases.h"
#include "tests/support/ProjectFixture.h"
#include "tests/support/SeriesFactory.h"
#include "tests/support/TestData.h"

#include <QFile>
#include <QMap>

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

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

// A command that shows every rater's labels: the lead signs in (the passphrase is in this
// process's environment, set in initTestCase).
Run asLead(const QStringList& args)
{
    return cli(args + sg::test::asLead());
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
    QStringList m_sops; // items' SOP Instance UIDs (in clear, from the files), sorted
    QByteArray m_unchosen; // a slice the worklist did not choose
    QMap<QString, QByteArray> m_keyOf; // SOP UID -> item key (what exports name items by)
    QMap<QString, std::int64_t> m_rankOf; // SOP UID -> position in key order

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
        // Every spinegrade-cli this test starts has the lead's passphrase (issue 13).
        qputenv("SPINEGRADE_PASSPHRASE", kLeadPassphrase);
        // A folder of two studies, 5 levels x 3 slices each.
        for (int k = 1; k <= 2; ++k) {
            SeriesSpec spec = lumbarSeries(32, 32, 3);
            const std::string suffix = std::string(".") + char('0' + k);
            spec.studyUid += suffix;
            spec.seriesUid += suffix;
            spec.patientName = k == 1 ? "DOE^JANE" : "ROE^RICHARD";
            spec.patientId = "PID-100" + std::to_string(k);
            spec.studyDate = "2024050" + std::to_string(k);
            const Status written = writeSeries(path("studies").toStdString() + "/patient" + std::to_string(k), spec);
            QVERIFY2(written, written.error().c_str());
        }
        m_db = path("project.sgdb");
    }

    void createsImportsAndBuildsTheWorklist()
    {
        Run r = cli({"project", "create", "--db", m_db, "--lead", kLeadName});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = cli({"project", "create", "--db", m_db});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("already exists"));
        // A file that is not DICOM is skipped, and named with the reason, not only counted.
        {
            QFile notes(path("studies") + "/notes.txt");
            QVERIFY(notes.open(QIODevice::WriteOnly));
            notes.write("not an image\n");
        }
        r = cli({"project", "import", "--db", m_db, path("studies")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("2 studies, 30 new slice(s)"), qPrintable(r.out));
        QVERIFY2(r.out.contains("1 file(s) skipped"), qPrintable(r.out));
        QVERIFY2(r.out.contains("skipped " + path("studies") + "/notes.txt: "), qPrintable(r.out));
        r = cli({"worklist", "--db", m_db, "--per-level", "2", "--seed", "3"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.startsWith("20 item(s), seed 3"), qPrintable(r.out));
        QVERIFY2(r.out.contains("L4/L5: 4"), qPrintable(r.out));

        auto store = ProjectStore::open(m_db.toStdString());
        QVERIFY(store);
        const auto items = (*store)->items();
        for (const Item& item : *items)
            QVERIFY2(QFileInfo::exists(QString::fromStdString(item.file)), item.file.c_str());
        // The project keeps the UIDs as keyed hashes: the clear ones come from the files.
        const auto keys = readItemKeys(**store);
        QVERIFY(keys);
        for (const Study& study : scanPath(path("studies").toStdString()).studies)
            for (const Series& series : study.series)
                for (const Stack& stack : series.stacks)
                    for (const SliceRef& slice : stack.slices) {
                        const auto item = (*store)->findItem(slice.sopInstanceUid);
                        QVERIFY(item);
                        const QString sop = QString::fromStdString(slice.sopInstanceUid);
                        if (!*item) {
                            m_unchosen = sop.toUtf8();
                            continue;
                        }
                        m_sops << sop;
                        m_keyOf[sop] = QByteArray::fromStdString(keys->key((*item)->id));
                        m_rankOf[sop] = keys->rank((*item)->id);
                    }
        m_sops.sort();
        QCOMPARE(m_sops.size(), 20);
        QVERIFY(!m_unchosen.isEmpty());
    }

    // A project made on the command line alone can have its lead (who reviews and whose name
    // the lead-only commands take) and its analyzers; a bad or clashing name leaves no file.
    void createNamesTheLeadAndTheAnalyzers()
    {
        const QString db = path("people.sgdb");
        Run r = cli({"project", "create", "--db", db, "--lead", "lena", "--analyzer", "ann", "--analyzer", "bob"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("lead lena") && r.out.contains("analyzers ann bob"), qPrintable(r.out));
        {
            auto store = sg::core::ProjectStore::open(db.toStdString());
            QVERIFY(store);
            auto people = (*store)->analyzers();
            QVERIFY(people);
            QStringList seen;
            for (const sg::core::Analyzer& a : *people)
                seen << QString::fromStdString(a.name) + (a.isLead() ? ":lead" : ":analyzer");
            seen.sort();
            QCOMPARE(seen, QStringList({"ann:analyzer", "bob:analyzer", "lena:lead"}));
        }
        const QString clash = path("clash.sgdb");
        r = cli({"project", "create", "--db", clash, "--lead", "Ann", "--analyzer", "ann"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("ann"), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(clash));
        r = cli({"project", "create", "--db", clash, "--analyzer", "consensus"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(!QFileInfo::exists(clash));
    }

    // The lead's linkage file: beside the project, mode 0600, key -> PatientID, name, date;
    // the project itself keeps none of them.
    void importWritesTheLinkageFileBesideTheProject()
    {
        const QString db = path("linked.sgdb");
        const QString linkage = path("linkage.csv");
        QVERIFY(cli({"project", "create", "--db", db}).exitCode == 0);
        Run r = cli({"project", "import", "--db", db, "--linkage", db, path("studies")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("would be the project file"), qPrintable(r.err));
        r = cli({"project", "import", "--db", db, "--linkage", linkage, path("studies")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("linkage of 2 studies"), qPrintable(r.out));
        struct stat st { };
        QCOMPARE(::stat(linkage.toLocal8Bit().constData(), &st), 0);
        QCOMPARE(st.st_mode & 07777, mode_t(0600));
        const QByteArray expected = "key,patient_id,patient_name,study_date\n"
                                    "S001,PID-1001,DOE^JANE,20240501\n"
                                    "S002,PID-1002,ROE^RICHARD,20240502\n";
        QCOMPARE(readText(linkage), expected);
        // Imported again (the same studies): nothing repeated, still 0600.
        ::chmod(linkage.toLocal8Bit().constData(), 0644);
        r = cli({"project", "import", "--db", db, "--linkage", linkage, path("studies")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(readText(linkage), expected);
        QCOMPARE(::stat(linkage.toLocal8Bit().constData(), &st), 0);
        QCOMPARE(st.st_mode & 07777, mode_t(0600));
        // The project holds none of it.
        const QByteArray project = readText(db) + readText(db + "-wal");
        for (const char* s : {"DOE", "JANE", "ROE^RICHARD", "PID-100", "2024050"})
            QVERIFY2(!project.contains(s), s);
    }

    void importsAndExportsLabelsRoundTrip()
    {
        const QByteArray csv = "item,rater,task,label\n" + m_sops[0].toUtf8() + ",ann,grade,B\n" + m_sops[0].toUtf8() +
            ",ann,canal,rootlet\n" + m_sops[1].toUtf8() + ",ann,canal,cord\n" + m_sops[1].toUtf8() + ",bob,grade,A\n" +
            m_sops[2].toUtf8() + ",bob,grade,\n";
        writeText(path("in.csv"), csv);
        Run r = cli({"labels", "import", "--db", m_db, "--csv", path("in.csv"), "--as", "lena"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("5 row(s) read, 3 label(s) created or changed, 2 new rater(s)"), qPrintable(r.out));
        r = asLead({"labels", "export", "--db", m_db, "--csv", path("out.csv")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        // Items by key (never a UID), in key order.
        const QByteArray k0 = m_keyOf[m_sops[0]], k1 = m_keyOf[m_sops[1]];
        const QByteArray first = k0 + ",ann,grade,B\n" + k0 + ",ann,canal,rootlet\n";
        const QByteArray second =
            k1 + ",ann,grade,\n" + k1 + ",ann,canal,cord\n" + k1 + ",bob,grade,A\n" + k1 + ",bob,canal,\n";
        const QByteArray expected =
            "item,rater,task,label\n" + (m_rankOf[m_sops[0]] < m_rankOf[m_sops[1]] ? first + second : second + first);
        QCOMPARE(readText(path("out.csv")), expected);
        for (const QString& sop : m_sops)
            QVERIFY(!readText(path("out.csv")).contains(sop.toUtf8()));
        // Importing the export changes nothing: same labels, no new audit rows.
        const auto rows = historyRows();
        r = cli({"labels", "import", "--db", m_db, "--csv", path("out.csv"), "--as", "lena"});
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
        const Run r = cli({"labels", "import", "--db", m_db, "--csv", path("in.csv"), "--as", "lena"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QCOMPARE(r.err.count('\n'), 1); // one line
        QCOMPARE(historyRows(), rows);
        QVERIFY(asLead({"labels", "export", "--db", m_db, "--csv", path("out.csv")}).exitCode == 0);
        QCOMPARE(readText(path("out.csv")), before); // no label changed, carl not created
    }

    void oddFileNamesCannotForgeErrorLines()
    {
        // A real file whose name holds a line feed, a carriage return and U+2028 (a line break
        // to some terminals), then text posing as another error of the program. The error
        // naming it is one line, the name escaped in it.
        const QByteArray name = QFile::encodeName(m_dir.path()) + "/a\nspinegrade-cli: forged\r\xE2\x80\xA8.csv";
        {
            QFile f(QFile::decodeName(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("item,rater,task,label\nX,carl,grade,E\n");
        }
        QVERIFY(QFileInfo::exists(QFile::decodeName(name)));
        const Run r = cli({"labels", "import", "--db", m_db, "--csv", QFile::decodeName(name), "--as", "lena"});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.count('\n'), 1); // one line, ending in the program's own line feed
        QVERIFY2(!r.err.contains('\r') && !r.err.contains(QChar(0x2028)), qPrintable(r.err));
        QVERIFY2(r.err.startsWith("spinegrade-cli: "), qPrintable(r.err));
        QVERIFY2(
            r.err.contains("/a\\nspinegrade-cli: forged\\x0D\\u{2028}.csv line 2: grade label 'E'"), qPrintable(r.err));
    }

    void namesWithQuotesCommasAndLineBreaksRoundTripAndFormulasAreNeutralised()
    {
        const QByteArray odd = "\"O'Neil, \"\"Bo\"\"\nII\""; // as a CSV cell
        const QByteArray formula = "\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"";
        const QByteArray csv = "item,rater,task,label\r\n" + m_sops[6].toUtf8() + "," + odd + ",grade,C\r\n" +
            m_sops[6].toUtf8() + "," + formula + ",grade,D\r\n" + m_sops[7].toUtf8() + ",+1,canal,cord\r\n" +
            m_sops[7].toUtf8() + ",@mention,canal,rootlet\r\n";
        writeText(path("odd.csv"), csv);
        Run r = cli({"labels", "import", "--db", m_db, "--csv", path("odd.csv"), "--as", "lena"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("4 new rater(s)"), qPrintable(r.out));
        {
            auto store = ProjectStore::open(m_db.toStdString());
            QVERIFY(store);
            QVERIFY(*(*store)->findAnalyzer("O'Neil, \"Bo\"\nII"));
            QVERIFY(*(*store)->findAnalyzer("=HYPERLINK(\"http://x\",\"y\")"));
            QVERIFY(*(*store)->findAnalyzer("+1"));
        }
        r = asLead({"labels", "export", "--db", m_db, "--csv", path("odd-out.csv")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QByteArray out = readText(path("odd-out.csv"));
        QVERIFY2(out.contains("," + odd + ",grade,C\n"), out.constData());
        QVERIFY2(out.contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",grade,D\n"), out.constData());
        QVERIFY2(out.contains(",'+1,canal,cord\n") && out.contains(",'@mention,canal,rootlet\n"), out.constData());
        // Reading the export back finds the same raters and changes nothing.
        const auto rows = historyRows();
        r = cli({"labels", "import", "--db", m_db, "--csv", path("odd-out.csv"), "--as", "lena"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("0 label(s) created or changed, 0 new rater(s)"), qPrintable(r.out));
        QCOMPARE(historyRows(), rows);
        // The report's CSV neutralises the names too, and keeps figures as numbers.
        r = asLead({"report", "--db", m_db, "--out", path("report.csv")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QByteArray report = readText(path("report.csv"));
        QVERIFY2(report.contains("'=HYPERLINK") && report.contains(",'+1,"), report.left(2000).constData());
        QVERIFY(!report.contains(",=HYPERLINK") && !report.contains(",+1,"));
    }

    void refusesRaterNamesThatPassForAnother_data()
    {
        QTest::addColumn<QByteArray>("rater");
        QTest::addColumn<QString>("message");
        QTest::newRow("case") << QByteArray("ANN") << "differs from the existing analyzer 'ann' only by case";
        QTest::newRow("space") << QByteArray("\"b ob\"") << "differs from the existing analyzer 'bob'";
        QTest::newRow("NFKC") << QByteArray("\xef\xbd\x81nn") << "differs from the existing analyzer 'ann'";
        QTest::newRow("consensus") << QByteArray("Consensus") << "reserved";
    }
    void refusesRaterNamesThatPassForAnother()
    {
        QFETCH(QByteArray, rater);
        QFETCH(QString, message);
        writeText(path("names.csv"),
            "item,rater,task,label\n" + m_sops[8].toUtf8() + ",dora,grade,A\n" + m_sops[8].toUtf8() + "," + rater +
                ",grade,B\n");
        const auto rows = historyRows();
        const Run r = cli({"labels", "import", "--db", m_db, "--csv", path("names.csv"), "--as", "lena"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("names.csv line 3: ") && r.err.contains(message), qPrintable(r.err));
        QCOMPARE(historyRows(), rows);
        auto store = ProjectStore::open(m_db.toStdString());
        QVERIFY(!*(*store)->findAnalyzer("dora")); // the whole file was rejected
    }

    void refusesACsvOverTheSizeLimit()
    {
        QByteArray csv = "item,rater,task,label\n";
        for (int i = 0; i < 200; ++i)
            csv += m_sops[9].toUtf8() + ",ann,grade,A\n";
        writeText(path("big.csv"), csv);
        const Run r =
            cli({"labels", "import", "--db", m_db, "--csv", path("big.csv"), "--max-csv-mb", "0.001", "--as", "lena"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(
            r.err.contains(path("big.csv") + " is ") && r.err.contains("more than the 1048 bytes"), qPrintable(r.err));
    }

    void readingCommandsLeaveAnOlderProjectUntouchedAndAWriteBacksItUp()
    {
        const QString old = path("old.sgdb");
        QVERIFY(writeOldProjectFile(old.toStdString(), 2));
        const QByteArray hash = fileHash(old);
        // A file from before passphrases has no lead who could sign in: the commands that show
        // every rater's labels are refused, and the file is left as it was.
        Run r = asLead({"stats", "--db", old, "--json"});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(fileHash(old), hash);
        r = asLead({"labels", "export", "--db", old, "--csv", path("old.csv")});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(fileHash(old), hash);
        QVERIFY(!QFileInfo::exists(old + ".v2.bak"));
        {
            auto db = SqliteConnection::open(old.toStdString(), OpenMode::ReadOnly);
            QCOMPARE((*db)->queryInt("PRAGMA user_version"), 2);
        }
        // Naming its lead is the first write: it migrates, after a backup of the file as it was.
        r = cli({"project", "lead", "--db", old, "--name", kLeadName});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(old + ".v2.bak"), qPrintable(r.err));
        auto backup = SqliteConnection::open((old + ".v2.bak").toStdString(), OpenMode::ReadOnly);
        QCOMPARE((*backup)->queryInt("PRAGMA user_version"), 2);
        QCOMPARE((*backup)->queryText("SELECT grade FROM label"), std::string("B"));
        const QByteArray led = fileHash(old);
        r = asLead({"stats", "--db", old, "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("\"ann\""), qPrintable(r.out));
        r = asLead({"report", "--db", old, "--out", path("old-report.json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = asLead({"labels", "export", "--db", old, "--csv", path("old.csv")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(readText(path("old.csv")),
            QByteArray("item,rater,task,label\nS001 L4/L5 #1,ann,grade,B\nS001 L4/L5 #1,ann,canal,rootlet\n"));
        QCOMPARE(fileHash(old), led); // reading changed nothing
        writeText(path("old-in.csv"), "item,rater,task,label\n1.2.3.4.1,ann,grade,C\n");
        r = cli({"labels", "import", "--db", old, "--csv", path("old-in.csv"), "--as", sg::test::kLeadName});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        auto now = SqliteConnection::open(old.toStdString(), OpenMode::ReadOnly);
        QCOMPARE((*now)->queryInt("PRAGMA user_version"), std::int64_t {sg::core::kSchemaVersion});
        QCOMPARE((*now)->queryText("SELECT grade FROM label"), std::string("C"));
    }

    void fullLabelsRoundTripThroughAFreshProject()
    {
        // Patches, sub-grades, comments and seconds come in by CSV ...
        const QByteArray s10 = m_sops[10].toUtf8(), s11 = m_sops[11].toUtf8();
        writeText(path("full-in.csv"),
            "item,rater,task,label,patch_x,patch_y,patch_w,patch_h,subgrade,comment,seconds\n" + s10 +
                ",erin,grade,A,,,,,3,\"narrow, \"\"really\"\"\",14.25\n" + s10 +
                ",erin,canal,rootlet,3.5,4,20.125,18,,,\n" + s11 + ",erin,canal,cord,0,0,32,32,,=cmd,0.1\n");
        Run r = cli({"labels", "import", "--db", m_db, "--csv", path("full-in.csv"), "--as", "lena"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        {
            auto store = ProjectStore::open(m_db.toStdString());
            const Analyzer lead {0, "lead", Role::Lead};
            const auto item = *(*store)->findItem(m_sops[10].toStdString());
            const auto erin = *(*store)->findAnalyzer("erin");
            const auto label = *(*store)->label(lead, item->id, erin->id);
            QVERIFY(label);
            QCOMPARE(label->patch, std::optional<Patch>(Patch {3.5, 4, 20.125, 18}));
            QCOMPARE(label->subgrade, std::optional<int>(3));
            QCOMPARE(label->comment, std::string("narrow, \"really\""));
            QCOMPARE(label->secondsSpent, 14.25);
        }
        // ... and leave whole: export --full, import into a fresh project of the same studies,
        // export again: the same file.
        r = asLead({"labels", "export", "--db", m_db, "--csv", path("full-1.csv"), "--full"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QByteArray first = readText(path("full-1.csv"));
        QVERIFY2(first.contains(",erin,canal,rootlet,3.5,4,20.125,18,,,\n"), first.constData());
        QVERIFY2(first.contains(",erin,grade,A,,,,,3,\"narrow, \"\"really\"\"\",14.25\n"), first.constData());
        QVERIFY2(first.contains(",erin,grade,,,,,,,'=cmd,0.1\n"), first.constData());
        const QString fresh = path("fresh.sgdb");
        QVERIFY(cli({"project", "create", "--db", fresh, "--lead", kLeadName}).exitCode == 0);
        QVERIFY(cli({"project", "import", "--db", fresh, path("studies")}).exitCode == 0);
        QVERIFY(cli({"worklist", "--db", fresh, "--per-level", "2", "--seed", "3"}).exitCode == 0);
        r = cli({"labels", "import", "--db", fresh, "--csv", path("full-1.csv"), "--as", "lena"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = asLead({"labels", "export", "--db", fresh, "--csv", path("full-2.csv"), "--full"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(readText(path("full-2.csv")), first);
        // The JSON export: one object per label with its item, study key and level.
        r = asLead({"labels", "export", "--db", fresh, "--json", path("labels.json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonArray labels = QJsonDocument::fromJson(readText(path("labels.json"))).array();
        QVERIFY(!labels.isEmpty());
        bool found = false;
        for (const QJsonValue& v : labels) {
            const QJsonObject o = v.toObject();
            if (o["item"].toString().toUtf8() != m_keyOf[m_sops[10]] || o["rater"].toString() != "erin")
                continue;
            found = true;
            QVERIFY2(o["study"].toString().startsWith("S00"), qPrintable(o["study"].toString()));
            QVERIFY(!o["level"].toString().isEmpty());
            QCOMPARE(o["grade"].toString(), QStringLiteral("A"));
            QCOMPARE(o["subgrade"].toInt(), 3);
            QCOMPARE(o["canal"].toString(), QStringLiteral("rootlet"));
            QCOMPARE(o["patch"].toObject()["w"].toDouble(), 20.125);
            QCOMPARE(o["seconds"].toDouble(), 14.25);
        }
        QVERIFY(found);
    }

    void rejectsBadOptionalColumnsWhole_data()
    {
        QTest::addColumn<QByteArray>("row");
        QTest::addColumn<QString>("message");
        QTest::newRow("outside the image")
            << QByteArray("SOP,fay,canal,rootlet,20,20,13,5,")
            << "in.csv line 3: the patch (20, 20, 13 x 5) lies outside the 32 x 32 image";
        QTest::newRow("negative start") << QByteArray("SOP,fay,canal,rootlet,-1,2,3,4,")
                                        << "in.csv line 3: the patch starts outside the image";
        QTest::newRow("zero size") << QByteArray("SOP,fay,canal,rootlet,1,2,0,4,")
                                   << "in.csv line 3: the patch must have a positive width and height";
        QTest::newRow("negative size") << QByteArray("SOP,fay,canal,rootlet,1,2,3,-4,")
                                       << "in.csv line 3: the patch must have a positive width and height";
        QTest::newRow("NaN") << QByteArray("SOP,fay,canal,rootlet,nan,2,3,4,")
                             << "in.csv line 3: patch_x 'nan' is not a finite number";
        QTest::newRow("infinite") << QByteArray("SOP,fay,canal,rootlet,1,2,inf,4,")
                                  << "in.csv line 3: patch_w 'inf' is not a finite number";
        QTest::newRow("partial patch") << QByteArray("SOP,fay,canal,rootlet,1,2,,4,")
                                       << "in.csv line 3: patch_x, patch_y, patch_w and patch_h must be all given";
        QTest::newRow("patch on grade row")
            << QByteArray("SOP,fay,grade,B,1,2,3,4,") << "in.csv line 3: the patch goes on the canal row";
        QTest::newRow("sub-grade on C") << QByteArray("SOP,fay,grade,C,,,,,2")
                                        << "in.csv line 3: a sub-grade needs grade A (this row's grade is C)";
        QTest::newRow("sub-grade 5") << QByteArray("SOP,fay,grade,A,,,,,5") << "in.csv line 3: subgrade '5'";
    }
    void rejectsBadOptionalColumnsWhole()
    {
        QFETCH(QByteArray, row);
        QFETCH(QString, message);
        row.replace("SOP", m_sops[12].toUtf8());
        writeText(path("in.csv"),
            "item,rater,task,label,patch_x,patch_y,patch_w,patch_h,subgrade\n" + m_sops[13].toUtf8() +
                ",fay,canal,rootlet,1,1,10,10,\n" + row + "\n");
        const auto rows = historyRows();
        const Run r = cli({"labels", "import", "--db", m_db, "--csv", path("in.csv"), "--as", "lena"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QCOMPARE(historyRows(), rows);
        auto store = ProjectStore::open(m_db.toStdString());
        QVERIFY(!*(*store)->findAnalyzer("fay")); // nothing of the file was kept
    }

    // Issue 13: the commands that show more than one rater's labels need the lead, signed in
    // with the lead's passphrase; an analyzer (with their own passphrase) is not the lead.
    void leadCommandsAreRefusedWithoutTheLeadsPassphrase()
    {
        const QString db = path("people.sgdb"); // lena (lead), ann and bob invited
        QVERIFY(QFileInfo::exists(db));
        QProcessEnvironment none = QProcessEnvironment::systemEnvironment();
        none.remove("SPINEGRADE_PASSPHRASE");
        const QStringList commands[] = {{"labels", "export", "--db", db, "--csv", path("x.csv")}, {"stats", "--db", db},
            {"report", "--db", db, "--out", path("x.json")}, {"review", "--db", db},
            {"consensus", "export", "--db", db, "--csv", path("x.csv")}};
        for (const QStringList& command : commands) {
            const CliRun r = runCli(command, none); // no --as
            QVERIFY2(r.exitCode == 2, qPrintable(command.join(' ') + ": " + r.err));
            QVERIFY2(r.err.contains("--as LEAD") && r.err.contains("SPINEGRADE_PASSPHRASE"), qPrintable(r.err));
        }
        QVERIFY(!QFileInfo::exists(path("x.csv")) && !QFileInfo::exists(path("x.json")));
        // --as without a passphrase (no terminal to type it at), and with a wrong one.
        CliRun r = runCli({"stats", "--db", db, "--as", kLeadName}, none);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("no passphrase for lena"), qPrintable(r.err));
        r = runCli({"stats", "--db", db, "--as", kLeadName}, passphraseEnv("not lena's passphrase"));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("name or passphrase not recognised"), qPrintable(r.err));
        // Ann sets her passphrase at her first sign-in; it opens her name, not the lead's.
        r = runCli({"project", "passphrase", "--db", db, "--as", "ann"}, passphraseEnv(kAnalyzerPassphrase));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = runCli({"project", "passphrase", "--db", db, "--as", "ann"}, passphraseEnv("a second passphrase"));
        QCOMPARE(r.exitCode, 1); // set once
        r = runCli({"labels", "export", "--db", db, "--csv", path("x.csv"), "--as", "ann"},
            passphraseEnv(kAnalyzerPassphrase));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("ann is not a lead"), qPrintable(r.err));
        r = runCli({"labels", "export", "--db", db, "--csv", path("x.csv"), "--as", kLeadName},
            passphraseEnv(kAnalyzerPassphrase));
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!QFileInfo::exists(path("x.csv")));
        // The lead invites; an analyzer cannot; both recorded (or not) in the people history.
        r = runCli(
            {"project", "invite", "--db", db, "--analyzer", "carl", "--as", "ann"}, passphraseEnv(kAnalyzerPassphrase));
        QCOMPARE(r.exitCode, 2);
        r = runCli({"project", "invite", "--db", db, "--analyzer", "carl", "--as", kLeadName}, passphraseEnv());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        auto conn = SqliteConnection::open(db.toStdString(), OpenMode::ReadOnly);
        QVERIFY(conn);
        QCOMPARE((*conn)->queryText("SELECT group_concat(a.name || ':' || e.action || ':' || IFNULL(b.name, '-'), ' ') "
                                    "FROM person_event e JOIN analyzer a ON a.id = e.person_id "
                                    "LEFT JOIN analyzer b ON b.id = e.changed_by ORDER BY e.id"),
            std::string("lena:create:lena lena:passphrase:lena ann:invite:lena bob:invite:lena "
                        "ann:passphrase:ann carl:invite:lena"));
        r = runCliAsLead({"labels", "export", "--db", db, "--csv", path("x.csv")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    void refusesProjectFilesItCannotTrust()
    {
        const QString newer = path("newer.sgdb");
        QVERIFY(cli({"project", "create", "--db", newer}).exitCode == 0);
        {
            auto db = SqliteConnection::open(newer.toStdString(), OpenMode::ReadWrite);
            QVERIFY(db);
            (*db)->exec("PRAGMA user_version = " + std::to_string(sg::core::kSchemaVersion + 1));
        }
        const QByteArray hash = fileHash(newer);
        Run r = cli({"worklist", "--db", newer});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("newer SpineGrade") && r.err.contains("it was not changed"), qPrintable(r.err));
        QCOMPARE(fileHash(newer), hash);
        r = asLead({"labels", "export", "--db", path("in.csv"), "--csv", path("x.csv")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("not an SQLite database"), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestProjectCli)
#include "tst_ProjectCli.moc"
