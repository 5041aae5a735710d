// spinegrade-cli train: seeded and reproducible on generated studies (same seed, same weight
// bytes; another seed, other weights), and on one analyzer's labels in a real project file:
// k-fold cross-validation prints each fold, and the final model's manifest names the analyzer.
#include "core/dicom/DicomScanner.h"
#include "core/phantom/PhantomStudy.h"
#include "core/phantom/PhantomWriter.h"
#include "core/store/ProjectStore.h"
#include "core/store/Worklist.h"
#include "tests/support/CliRun.h"
#include "tests/support/Passphrases.h"
#include "tests/support/TestData.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using sg::test::runCli;
using namespace sg::core;

namespace {

QByteArray hashOf(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

QStringList tinyRun(const QString& out, const QString& seed)
{
    return {"train", "--out", out, "--studies", "2", "--sizes", "128", "--epochs", "1", "--negatives", "1",
        "--eval-studies", "0", "--threads", "2", "--seed", seed};
}

} // namespace

class TestTrainCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY2(QFileInfo(sg::test::cliPath()).isExecutable(), qPrintable(sg::test::cliPath())); }

    void sameSeedSameWeights()
    {
        QTemporaryDir a, b, c;
        for (const auto& [dir, seed] : {std::pair {&a, "5"}, std::pair {&b, "5"}, std::pair {&c, "6"}}) {
            const auto r = runCli(tinyRun(dir->path(), seed), 600000);
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            QVERIFY2(r.err.contains("epoch 1/1"), qPrintable(r.err)); // progress is printed
        }
        for (const QString name : {"localizer.pt", "classifier.pt"}) {
            const QByteArray ha = hashOf(a.path() + "/" + name);
            QVERIFY(!ha.isEmpty());
            QCOMPARE(hashOf(b.path() + "/" + name), ha);
            QVERIFY(hashOf(c.path() + "/" + name) != ha);
        }
        QFile f(a.path() + "/manifest.json");
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject m = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(m["format"].toString(), QStringLiteral("native"));
        QVERIFY(m["training"].toObject()["command"].toString().contains("--studies 2 --seed 5"));
        QCOMPARE(m["classifier"].toObject()["input_size"].toInt(), 64);
        // train writes each weight file's SHA-256, which loading checks.
        for (const char* stage : {"localizer", "classifier"}) {
            const QJsonObject s = m[stage].toObject();
            QCOMPARE(s["sha256"].toString().toLatin1(), hashOf(a.path() + "/" + s["file"].toString()).toHex());
        }
        // The model it wrote is usable.
        QTemporaryDir phantom;
        QVERIFY(runCli({"phantom", "--out", phantom.path(), "--patients", "1", "--size", "128"}).exitCode == 0);
        const auto s = runCli({"screen", phantom.path() + "/SYN-1-0001", "--model", a.path(), "--json"});
        QVERIFY2(s.exitCode == 0, qPrintable(s.err));
    }

    // A project with 4 generated studies, one analyzer whose labels are the ground truth.
    void crossValidatesOneAnalyzer()
    {
        QTemporaryDir dir;
        PhantomOptions o;
        o.seed = 77;
        o.size = 128;
        o.prevalence = {1, 1, 1, 1};
        const std::string root = (dir.path() + "/studies").toStdString();
        QVERIFY(generatePhantomPatients(o, 4, root).ok());
        const std::string db = (dir.path() + "/project.sgdb").toStdString();
        auto store = ProjectStore::create(db);
        QVERIFY(store.ok());
        QVERIFY((*store)->importScan(scanPath(root), root).ok());
        QVERIFY(buildWorklist(**store, {}).ok());
        auto analyzer = (*store)->addAnalyzer("ana", Role::Analyzer);
        QVERIFY(analyzer.ok());
        QVERIFY(sg::test::addTestLead(**store)); // `stats --db` below signs the lead in (issue 13)
        qputenv("SPINEGRADE_PASSPHRASE", sg::test::kLeadPassphrase);
        int saved = 0;
        for (int p = 0; p < 4; ++p) {
            const PhantomStudy study = renderPhantomStudy(o, p);
            for (const PhantomSlice& s : study.slices) {
                auto item = (*store)->findItem(s.truth.sopInstanceUid);
                QVERIFY(item.ok() && item->has_value());
                Label l;
                l.itemId = (*item)->id;
                l.analyzerId = analyzer->id;
                l.patch = Patch {
                    double(s.truth.patchX), double(s.truth.patchY), double(s.truth.patchW), double(s.truth.patchH)};
                l.canal = s.truth.cord ? Canal::Cord : Canal::Rootlet;
                if (s.truth.grade)
                    l.grade = static_cast<Grade>(static_cast<int>(*s.truth.grade));
                if (l.grade == Grade::A)
                    l.subgrade = s.truth.subgrade;
                auto r = (*store)->saveLabel(*analyzer, l);
                QVERIFY2(r.ok(), r ? "" : r.error().c_str());
                ++saved;
            }
        }
        store->reset();
        const QString out = dir.path() + "/model-ana";
        const auto r = runCli({"train", "--db", QString::fromStdString(db), "--analyzer", "ana", "--folds", "2",
                                  "--epochs", "1", "--out", out, "--threads", "2"},
            900000);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QString::number(saved) + " labeled slices"), qPrintable(r.err));
        const QStringList lines = r.out.split('\n');
        QVERIFY2(lines.size() >= 4 && lines[0].startsWith("fold") && lines[1].startsWith("1  ") &&
                lines[2].startsWith("2  "),
            qPrintable(r.out));
        QFile f(out + "/manifest.json");
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject m = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(m["name"].toString(), QStringLiteral("cnn-ana"));
        QCOMPARE(m["training"].toObject()["analyzer"].toString(), QStringLiteral("ana"));
        QCOMPARE(m["training"].toObject()["project"].toString(), QString::fromStdString(db));
        QVERIFY(!QFileInfo::exists(out + "/cross-validation"));
        // Every labeled slice got a held-out prediction, stored as the rater "cnn-ana-cv".
        QVERIFY2(r.out.contains("stored " + QString::number(saved) + " held-out predictions"), qPrintable(r.out));
        const auto stats = runCli({"stats", "--db", QString::fromStdString(db), "--as", "lena", "--json"});
        QCOMPARE(stats.exitCode, 0);
        const QJsonObject canal =
            QJsonDocument::fromJson(stats.out.toUtf8()).object()["tasks"].toObject()["canal"].toObject();
        QVERIFY2(canal["raters"].toObject().contains("cnn-ana-cv"), qPrintable(stats.out.left(400)));
        bool paired = false;
        for (const QJsonValue& pair : canal["pairs"].toArray()) {
            const QJsonObject o = pair.toObject();
            if (o["reference"].toString() == "ana" && o["other"].toString() == "cnn-ana-cv") {
                paired = true;
                // Slices where the 1-epoch fold model found no canal carry no canal call.
                QVERIFY2(o["n"].toInt() >= 1 && o["n"].toInt() <= saved, qPrintable(QString::number(o["n"].toInt())));
            }
        }
        QVERIFY(paired);

        const auto unknown =
            runCli({"train", "--db", QString::fromStdString(db), "--analyzer", "nobody", "--out", out});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.err.contains("no analyzer named \"nobody\""), qPrintable(unknown.err));
    }
    // Labels that arrived only by CSV, patches included, teach a classifier (issue 15: before,
    // import could not bring patches in, and train stopped with "no labels with a patch").
    void trainsOnLabelsThatArrivedByCsv()
    {
        QTemporaryDir dir;
        PhantomOptions o;
        o.seed = 91;
        o.size = 128;
        o.prevalence = {1, 1, 1, 1};
        const std::string root = (dir.path() + "/studies").toStdString();
        QVERIFY(generatePhantomPatients(o, 2, root).ok());
        const QString db = dir.path() + "/project.sgdb";
        {
            auto store = ProjectStore::create(db.toStdString());
            QVERIFY(store.ok());
            QVERIFY((*store)->importScan(scanPath(root), root).ok());
            QVERIFY(buildWorklist(**store, {}).ok());
            QVERIFY(sg::test::addTestLead(**store)); // lena, who imports the file with her passphrase
        }
        QByteArray csv = "item,rater,task,label,patch_x,patch_y,patch_w,patch_h,subgrade\n";
        int labeled = 0;
        for (int p = 0; p < 2; ++p)
            for (const PhantomSlice& s : renderPhantomStudy(o, p).slices) {
                const PhantomSliceTruth& t = s.truth;
                const QByteArray item = QByteArray::fromStdString(t.sopInstanceUid);
                const QByteArray grade = t.grade ? QByteArray(1, char('A' + static_cast<int>(*t.grade))) : "";
                const QByteArray sub = grade == "A" && t.subgrade > 0 ? QByteArray::number(t.subgrade) : "";
                csv += item + ",csv-ana,grade," + grade + ",,,,," + sub + "\n";
                csv += item + ",csv-ana,canal," + (t.cord ? "cord" : "rootlet") + "," + QByteArray::number(t.patchX) +
                    "," + QByteArray::number(t.patchY) + "," + QByteArray::number(t.patchW) + "," +
                    QByteArray::number(t.patchH) + ",\n";
                ++labeled;
            }
        QFile f(dir.path() + "/labels.csv");
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(csv);
        f.close();
        auto r = runCli({"labels", "import", "--db", db, "--csv", f.fileName(), "--as", sg::test::kLeadName},
            sg::test::passphraseEnv());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        // Small on purpose (2 studies of 128 px, 1 epoch, random weights): this proves the way
        // in, not the model's quality.
        r = runCli({"train", "--db", db, "--analyzer", "csv-ana", "--folds", "2", "--epochs", "1", "--init", "none",
                       "--out", dir.path() + "/model", "--threads", "2"},
            600000);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QString::number(labeled) + " labeled slices with a patch"), qPrintable(r.err));
        QVERIFY(QFileInfo::exists(dir.path() + "/model/manifest.json"));
    }
};

QTEST_GUILESS_MAIN(TestTrainCli)
#include "tst_TrainCli.moc"
