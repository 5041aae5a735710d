// spinegrade-cli phantom: writes patients, and refuses bad options with one clear line.
#include "tests/support/TestData.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run {
    int exitCode = -1;
    QString out, err;
};

Run runCli(const QStringList& args, const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(sg::test::cliPath(), args);
    Run r;
    if (!p.waitForFinished(120000))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromLocal8Bit(p.readAllStandardOutput());
    r.err = QString::fromLocal8Bit(p.readAllStandardError());
    return r;
}

} // namespace

class TestPhantomCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY2(QFileInfo(sg::test::cliPath()).isExecutable(), qPrintable(sg::test::cliPath())); }

    void writesPatients()
    {
        QTemporaryDir dir;
        const Run r = runCli({"phantom", "--out", dir.path(), "--patients", "2", "--seed", "9", "--size", "128",
            "--prevalence", "1,1,1,1"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("slices: rootlet A "), qPrintable(r.out));
        for (const QString id : {"SYN-9-0001", "SYN-9-0002"}) {
            QVERIFY(QFileInfo(dir.path() + "/" + id + "/ground_truth.json").isFile());
            QVERIFY(QDir(dir.path() + "/" + id).entryList({"*.dcm"}).size() >= 15);
        }
        // A second process with the same seed writes the same bytes.
        QTemporaryDir again;
        QCOMPARE(runCli({"phantom", "--out", again.path(), "--patients", "2", "--seed", "9", "--size", "128",
                            "--prevalence", "1,1,1,1"})
                     .exitCode,
            0);
        for (const QString id : {"SYN-9-0001", "SYN-9-0002"})
            for (const QString& name : QDir(dir.path() + "/" + id).entryList(QDir::Files)) {
                QFile a(dir.path() + "/" + id + "/" + name), b(again.path() + "/" + id + "/" + name);
                QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
                QVERIFY2(a.readAll() == b.readAll(), qPrintable(name));
            }
        const Run info = runCli({"info", dir.path()});
        QCOMPARE(info.exitCode, 0);
        QVERIFY2(info.out.startsWith("2 studies"), qPrintable(info.out));
        QCOMPARE(info.out.count("L4/L5:"), 2);
    }

    void helpDescribesEachOption()
    {
        const Run r = runCli({"phantom", "--help"});
        QCOMPARE(r.exitCode, 0);
        for (const char* opt : {"--out", "--patients", "--seed", "--size", "--prevalence"})
            QVERIFY2(r.out.contains(opt), opt);
    }

    void badOptionsFail_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no patients") << QStringList {"--patients", "0"} << "--patients must be at least 1";
        QTest::newRow("negative patients") << QStringList {"--patients", "-3"} << "--patients";
        QTest::newRow("tiny size") << QStringList {"--size", "16"} << "--size must be between 64 and 1024";
        QTest::newRow("huge size") << QStringList {"--size", "4096"} << "--size";
        QTest::newRow("three grades") << QStringList {"--prevalence", "1,2,3"} << "--prevalence must be four numbers";
        QTest::newRow("negative grade") << QStringList {"--prevalence", "1,-2,3,4"} << "non-negative";
        QTest::newRow("zero sum") << QStringList {"--prevalence", "0,0,0,0"} << "zero";
        QTest::newRow("not a number") << QStringList {"--size", "big"} << "--size";
        QTest::newRow("unwritable out") << QStringList {"--out", "/proc/spinegrade-phantom"}
                                        << "cannot create output folder";
    }
    void badOptionsFail()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        QTemporaryDir dir;
        // Defaults for the options the row does not set (CLI11 refuses an option twice).
        QStringList all {"phantom"};
        all += args;
        if (!args.contains("--out"))
            all += {"--out", dir.path() + "/out"};
        if (!args.contains("--size"))
            all += {"--size", "64"};
        const Run r = runCli(all);
        QVERIFY2(r.exitCode != 0 && r.exitCode != -1, qPrintable(QString::number(r.exitCode)));
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY2(r.err.trimmed().count('\n') <= 1, qPrintable(r.err)); // one clear line (plus CLI11's hint)
        QVERIFY(!QFileInfo::exists(dir.path() + "/out/SYN-1-0001/ground_truth.json"));
    }

    // DICOM is written by the writer plugin (libspinegrade-dicomwriter.so, ITK/GDCM), loaded on
    // the first write. A missing file, a file that is not a library, or a library that is not
    // the plugin is a clear message naming the file, and exit status 1: never a crash.
    void brokenDicomWriterPluginIsSaid_data()
    {
        QTest::addColumn<QString>("plugin");
        QTest::addColumn<QString>("problem");
        QTest::newRow("missing") << "no-such-plugin.so"
                                 << "which is not a file";
        QTest::newRow("text file") << "plugin.txt"
                                   << "cannot load the DICOM writer plugin";
        QTest::newRow("another library") << "/lib/x86_64-linux-gnu/libz.so.1"
                                         << "not a SpineGrade DICOM writer plugin (no symbol sg_dicom_writer_abi)";
    }
    void brokenDicomWriterPluginIsSaid()
    {
        QFETCH(QString, plugin);
        QFETCH(QString, problem);
        QTemporaryDir dir;
        if (!plugin.startsWith('/'))
            plugin = dir.filePath(plugin);
        QFile text(dir.filePath("plugin.txt"));
        QVERIFY(text.open(QIODevice::WriteOnly) && text.write("not a shared library\n") > 0);
        text.close();
        if (!QFileInfo::exists(plugin) && !plugin.startsWith(dir.path()))
            QSKIP("no libz.so.1 at the Debian path");
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("SPINEGRADE_DICOM_WRITER", plugin);
        const Run r = runCli({"phantom", "--out", dir.path() + "/out", "--patients", "1", "--size", "64"}, env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(plugin) && r.err.contains(problem), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestPhantomCli)
#include "tst_PhantomCli.moc"
