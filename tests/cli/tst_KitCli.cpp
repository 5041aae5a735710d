// spinegrade-cli kit export / import: the round trip of a reader study with reader kits. The
// lead creates the project, sends two kits, each analyzer labels theirs on the command line
// (labels import --db KIT) with the DICOM folder gone, the lead receives both, and stats
// shows both analyzers.
#include "core/labels/ItemKey.h"
#include "core/store/ProjectItemKeys.h"
#include "core/store/ProjectStore.h"
#include "tests/support/CliRun.h"
#include "tests/support/Passphrases.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using sg::test::CliRun;
using sg::test::runCli;

namespace {

// Every item of the kit graded by `rater` (keys as the analyzer's own file names them).
QString labelCsv(const QString& kit, const QString& rater, const QString& grade)
{
    sg::core::OpenOptions readOnly;
    readOnly.readOnly = true;
    auto store = sg::core::ProjectStore::open(kit.toStdString(), readOnly);
    if (!store)
        return {};
    auto keys = sg::core::readItemKeys(**store);
    if (!keys)
        return {};
    QString csv = QStringLiteral("item,rater,task,label,patch_x,patch_y,patch_w,patch_h\n");
    for (std::int64_t id : keys->ordered()) {
        const QString key = QString::fromStdString(keys->key(id));
        csv += QStringLiteral("%1,%2,grade,%3,,,,\n").arg(key, rater, grade);
        csv += QStringLiteral("%1,%2,canal,rootlet,10,10,30,30\n").arg(key, rater);
    }
    return csv;
}

bool writeText(const QString& path, const QString& text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text.toUtf8()) > 0;
}

} // namespace

class TestKitCli : public QObject {
    Q_OBJECT
private slots:
    void roundTripWithTwoKits()
    {
        // Every spinegrade-cli started here has the lead's passphrase (issue 13): kits are the lead's.
        qputenv("SPINEGRADE_PASSPHRASE", sg::test::kLeadPassphrase);
        QTemporaryDir dir;
        const QString studies = dir.filePath("studies");
        const QString db = dir.filePath("study.sgdb");
        CliRun r = runCli({"phantom", "--out", studies, "--patients", "1", "--size", "128", "--seed", "4"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = runCli({"project", "create", "--db", db, "--lead", sg::test::kLeadName, "--analyzer", "ann", "--analyzer",
            "bert"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = runCli({"project", "import", "--db", db, studies});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = runCli({"worklist", "--db", db, "--per-level", "2"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));

        // Only a lead sends kits.
        r = runCli(
            {"kit", "export", "--db", db, "--analyzer", "ann", "--out", dir.filePath("x.sgkit"), "--as", "bert"});
        QCOMPARE(r.exitCode, 2); // refused: bert is no lead (and has no passphrase yet)
        for (const QString name : {QStringLiteral("ann"), QStringLiteral("bert")}) {
            r = runCli({"kit", "export", "--db", db, "--analyzer", name, "--out", dir.filePath(name + ".sgkit"), "--as",
                sg::test::kLeadName});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            QVERIFY2(r.out.contains("reader kit for " + name), qPrintable(r.out));
        }
        // An existing kit is never overwritten.
        r = runCli({"kit", "export", "--db", db, "--analyzer", "ann", "--out", dir.filePath("ann.sgkit")});
        QVERIFY(r.exitCode != 0);

        // The analyzers label offline: the DICOM folder is gone.
        QVERIFY(QDir(studies).rename(studies, studies + ".away"));
        const QString annCsv = dir.filePath("ann.csv"), bertCsv = dir.filePath("bert.csv");
        QVERIFY(writeText(annCsv, labelCsv(dir.filePath("ann.sgkit"), "ann", "A")));
        QVERIFY(writeText(bertCsv, labelCsv(dir.filePath("bert.sgkit"), "bert", "B")));
        r = runCli({"labels", "import", "--db", dir.filePath("ann.sgkit"), "--csv", annCsv, "--as", "ann"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = runCli({"labels", "import", "--db", dir.filePath("bert.sgkit"), "--csv", bertCsv, "--as", "bert"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        // Ann's labels do not go into Bert's kit.
        r = runCli({"labels", "import", "--db", dir.filePath("bert.sgkit"), "--csv", annCsv, "--as", "bert"});
        QVERIFY(r.exitCode != 0);

        for (const QString name : {QStringLiteral("ann"), QStringLiteral("bert")}) {
            r = runCli({"kit", "import", "--db", db, "--as", sg::test::kLeadName, dir.filePath(name + ".sgkit")});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            QVERIFY2(r.out.contains("merged"), qPrintable(r.out));
        }
        r = runCli({"kit", "import", "--db", db, "--as", sg::test::kLeadName, dir.filePath("ann.sgkit")});
        QVERIFY2(r.exitCode == 0 && r.out.contains("nothing new"), qPrintable(r.out + r.err));

        r = runCli({"stats", "--db", db, "--json", "--as", sg::test::kLeadName});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("\"ann\"") && r.out.contains("\"bert\""), qPrintable(r.out));
        r = runCli({"stats", "--db", db, "--as", sg::test::kLeadName});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("ann") && r.out.contains("bert"), qPrintable(r.out));
    }

    // The study folder moved (README "De-identification"): without --root the export names the
    // file it cannot find; with --root (the folder as it is on this machine) it reads them there.
    // An odd --root (no folder, a file) is refused with the option named, before anything runs.
    void exportFindsMovedStudiesWithRoot()
    {
        qputenv("SPINEGRADE_PASSPHRASE", sg::test::kLeadPassphrase);
        QTemporaryDir dir;
        const QString studies = dir.filePath("studies");
        const QString moved = dir.filePath(QStringLiteral("elsewhere/Études déplacées"));
        const QString db = dir.filePath("study.sgdb");
        CliRun r = runCli({"phantom", "--out", studies, "--patients", "1", "--size", "64", "--seed", "7"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = runCli({"project", "create", "--db", db, "--lead", sg::test::kLeadName, "--analyzer", "ann"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = runCli({"project", "import", "--db", db, studies});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = runCli({"worklist", "--db", db, "--per-level", "1"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(QDir().mkpath(dir.filePath("elsewhere")));
        QVERIFY(QDir().rename(studies, moved));

        const QString kit = dir.filePath("ann.sgkit");
        r = runCli({"kit", "export", "--db", db, "--analyzer", "ann", "--out", kit, "--as", sg::test::kLeadName});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(studies + "/"), qPrintable(r.err)); // the file, where the project looked
        QVERIFY2(r.err.contains("--root"), qPrintable(r.err)); // and what to do
        QVERIFY(!QFile::exists(kit));

        r = runCli({"kit", "export", "--db", db, "--analyzer", "ann", "--out", kit, "--as", sg::test::kLeadName,
            "--root", dir.filePath("not there")});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("--root"), qPrintable(r.err));
        r = runCli({"kit", "export", "--db", db, "--analyzer", "ann", "--out", kit, "--as", sg::test::kLeadName,
            "--root", db});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("--root"), qPrintable(r.err));
        QVERIFY(!QFile::exists(kit));

        r = runCli({"kit", "export", "--db", db, "--analyzer", "ann", "--out", kit, "--as", sg::test::kLeadName,
            "--root", moved});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("reader kit for ann"), qPrintable(r.out));
        QVERIFY(QFile::exists(kit));

        // labels import checks each patch against its image's size: the same --root.
        const QString csv = dir.filePath("ann.csv");
        QVERIFY(writeText(csv, labelCsv(db, "ann", "A")));
        r = runCli({"labels", "import", "--db", db, "--csv", csv, "--as", sg::test::kLeadName});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(studies + "/"), qPrintable(r.err));
        r = runCli({"labels", "import", "--db", db, "--csv", csv, "--as", sg::test::kLeadName, "--root", moved});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestKitCli)
#include "tst_KitCli.moc"
