// The CNN proposals: the shipped weights meet the issue's quality targets on generated
// studies from seeds never used in training, stay unconfident on a real brain MR slice, and
// every broken model (missing, corrupt, mismatched, truncated) is an error naming the file.
// An external TorchScript model written by Python's torch loads and runs.
#include "core/dicom/DicomScanner.h"
#include "core/dicom/SliceLoader.h"
#include "core/ml/ProposalModel.h"
#include "core/ml/ProposalQuality.h"
#include "tests/support/ShippedModel.h"
#include "tests/support/TestData.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <filesystem>

using namespace sg::core;
using sg::test::copyShippedModel;

namespace {

void rewrite(const QString& path, const QByteArray& from, const QByteArray& to)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray text = f.readAll();
    f.close();
    QVERIFY2(text.contains(from), from.constData());
    text.replace(from, to);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text);
}

QString loadError(const QString& dir)
{
    auto model = ProposalModel::load(dir.toStdString());
    return model ? QString() : QString::fromStdString(model.error());
}

// Runs a python3 + torch script (from a file: torch.jit.script reads the classes' source);
// returns its stderr when it failed.
QString runPython(const QString& script, const QStringList& args)
{
    QTemporaryDir dir;
    QFile file(dir.path() + "/make_model.py");
    if (!file.open(QIODevice::WriteOnly) || file.write(script.toUtf8()) < 0)
        return QStringLiteral("cannot write the script");
    file.close();
    QProcess p;
    p.start(QStringLiteral("/usr/bin/python3"), QStringList {file.fileName()} + args);
    if (!p.waitForFinished(120000) || p.exitCode() != 0)
        return QString::fromLocal8Bit(p.readAllStandardError()) + QStringLiteral(" (python3 failed)");
    return {};
}

// A TorchScript model with the manifest's output layouts: small untrained CNNs, scripted.
const char* kScriptedModel = R"(
import sys, torch, torch.nn as nn, torch.nn.functional as F
torch.manual_seed(3)
class Loc(nn.Module):
    def __init__(self, outputs: int):
        super().__init__(); self.c = nn.Conv2d(1, 4, 3, padding=1); self.fc = nn.Linear(4, outputs)
    def forward(self, x):
        return self.fc(F.relu(self.c(x)).mean((2, 3)))
torch.jit.script(Loc(3)).save(sys.argv[1] + '/loc.ts')
torch.jit.script(Loc(int(sys.argv[2]))).save(sys.argv[1] + '/cls.ts')
)";

const char* kScriptedManifest = R"({"manifest_version": 1, "name": "external-test", "version": "0.1",
 "format": "torchscript", "localizer": {"file": "loc.ts", "input_size": 64, "spacing_mm": 4.0, "sha256": "LOC"},
 "classifier": {"file": "cls.ts", "input_size": 48, "spacing_mm": 1.0, "sha256": "CLS"},
 "normalisation": "percentile-2-99.5",
 "patch_mm": 40, "classes": {"canal": ["rootlet", "cord"], "grade": ["A", "B", "C", "D"]}})";

QByteArray sha256Of(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex()
                                       : QByteArray();
}

// The scripted model's manifest with the SHA-256 of the weights as they are in `dir`.
void writeScriptedManifest(const QString& dir)
{
    QByteArray text(kScriptedManifest);
    text.replace("\"LOC\"", "\"" + sha256Of(dir + "/loc.ts") + "\"");
    text.replace("\"CLS\"", "\"" + sha256Of(dir + "/cls.ts") + "\"");
    QFile f(dir + "/manifest.json");
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text);
}

// A classifier that answers its first call (the load-time dry run) as it should, and every
// later one badly: NaN outputs, or a batch of the wrong size.
const char* kTreacherousModel = R"(
import sys, torch, torch.nn as nn, torch.nn.functional as F
torch.manual_seed(3)
class Loc(nn.Module):
    def __init__(self, outputs: int):
        super().__init__(); self.c = nn.Conv2d(1, 4, 3, padding=1); self.fc = nn.Linear(4, outputs)
    def forward(self, x):
        return self.fc(F.relu(self.c(x)).mean((2, 3)))
class Bad(nn.Module):
    def __init__(self, mode: int):
        super().__init__(); self.inner = Loc(9); self.mode = mode; self.calls = 0
    def forward(self, x):
        y = self.inner(x)
        self.calls += 1
        if self.calls > 1:
            if self.mode == 0:
                return y * float('nan')
            return torch.cat([y, y], 0)
        return y
torch.jit.script(Loc(3)).save(sys.argv[1] + '/loc.ts')
torch.jit.script(Bad(int(sys.argv[2]))).save(sys.argv[1] + '/cls.ts')
)";

SliceImage patternSlice()
{
    SliceImage slice;
    slice.rows = slice.columns = 100;
    slice.rowSpacing = slice.columnSpacing = 1.5;
    slice.pixels.resize(100 * 100);
    for (size_t i = 0; i < slice.pixels.size(); ++i)
        slice.pixels[i] = static_cast<float>((i * 37) % 101);
    return slice;
}

} // namespace

class TestProposalModel : public QObject {
    Q_OBJECT
private slots:
    void shippedModelLoads()
    {
        auto model = ProposalModel::load(defaultModelDirectory());
        QVERIFY2(model.ok(), model ? "" : model.error().c_str());
        QCOMPARE(QString::fromStdString((*model)->info().name), QStringLiteral("spinegrade-synthetic"));
        QVERIFY(!(*model)->info().version.empty());
    }

    // The issue's targets on 12 studies (about 240 slices, sizes 256/384/512) from seeds far
    // from the training seeds (1000..), plus 40 synthetic non-spine slices.
    void shippedModelMeetsTargetsOnUnseenSeeds()
    {
        auto model = ProposalModel::load(defaultModelDirectory());
        QVERIFY2(model.ok(), model ? "" : model.error().c_str());
        QualityRun run;
        run.firstSeed = 424242;
        run.studies = 12;
        run.negatives = 40;
        auto q = measureProposalQuality(**model, run);
        QVERIFY2(q.ok(), q ? "" : q.error().c_str());
        qInfo("%s", q->text().c_str());
        QVERIFY(q->slices > 150);
        QVERIFY2(q->canalMissed <= q->slices / 100, "the localizer missed canals");
        QVERIFY2(q->centreErrorPercentile(99) <= 2.0, "centre error p99 above 2 mm");
        QVERIFY2(q->canalAccuracy >= 0.98, "rootlet/cord accuracy below 98%");
        QVERIFY2(q->grade.f1Macro.value_or(0) >= 0.90, "grade macro-F1 below 0.90");
        QVERIFY2(q->negativesFound <= 2 && q->negativeMaxGrade < 0.6, "confident grades on non-spine slices");
    }

    // A real brain MR (pydicom's MR_small.dcm, GE, 64x64): no canal, or no confident grade.
    void realBrainSliceGetsNoConfidentGrade()
    {
        const QString file = sg::test::pydicomDataDir() + "/MR_small.dcm";
        QVERIFY2(QFileInfo(file).isFile(), qPrintable(file + " missing (python3-pydicom)"));
        const ScanResult scan = scanPath(file.toStdString());
        QVERIFY(!scan.studies.empty());
        const Stack& stack = scan.studies[0].series[0].stacks[0];
        auto slice = loadSlice(stack.slices[0], stack);
        QVERIFY2(slice.ok(), slice ? "" : slice.error().c_str());
        auto model = ProposalModel::load(defaultModelDirectory());
        QVERIFY(model.ok());
        auto p = (*model)->propose(*slice);
        QVERIFY2(p.ok(), p ? "" : p.error().c_str());
        const double maxGrade = *std::max_element(p->grade.begin(), p->grade.end());
        qInfo("MR_small: canal found %d (confidence %.3f), highest grade probability %.3f", p->canalFound,
            p->canalConfidence, maxGrade);
        QVERIFY(!p->canalFound || maxGrade < 0.6);
        QVERIFY(!p->canalFound || !p->patch);
    }

    void missingModelNamesTheManifest()
    {
        QTemporaryDir dir;
        const QString error = loadError(dir.path() + "/nothing-here");
        QVERIFY2(error.contains("nothing-here/manifest.json") && error.contains("missing"), qPrintable(error));
    }

    void corruptManifestNamesTheFile()
    {
        QTemporaryDir dir;
        copyShippedModel(dir.path());
        QFile f(dir.path() + "/manifest.json");
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("{\"name\": \"x\", ");
        f.close();
        const QString error = loadError(dir.path());
        QVERIFY2(error.contains(dir.path() + "/manifest.json") && error.contains("not valid JSON"), qPrintable(error));
    }

    void mismatchedClassesAreRefused()
    {
        QTemporaryDir dir;
        copyShippedModel(dir.path());
        rewrite(dir.path() + "/manifest.json", "\"D\"", "\"E\"");
        const QString error = loadError(dir.path());
        QVERIFY2(error.contains("manifest.json") && error.contains("classes.grade"), qPrintable(error));
    }

    void mismatchedInputSizeIsRefused()
    {
        QTemporaryDir dir;
        copyShippedModel(dir.path());
        rewrite(dir.path() + "/manifest.json", "\"input_size\": 64", "\"input_size\": 60");
        const QString error = loadError(dir.path());
        QVERIFY2(error.contains("manifest.json") && error.contains("input_size 60"), qPrintable(error));
    }

    void truncatedWeightsAreRefused()
    {
        QTemporaryDir dir;
        copyShippedModel(dir.path());
        const QString weights = dir.path() + "/classifier.pt";
        QVERIFY(QFile::resize(weights, QFileInfo(weights).size() / 2));
        const QString error = loadError(dir.path());
        QVERIFY2(error.contains(weights) && error.contains("SHA-256"), qPrintable(error));
    }

    void tamperedWeightsAreRefused()
    {
        QTemporaryDir dir;
        copyShippedModel(dir.path());
        const QString weights = dir.path() + "/classifier.pt";
        {
            QFile f(weights);
            QVERIFY(f.open(QIODevice::ReadWrite));
            f.seek(f.size() - 100); // inside the tensor data: still a loadable archive
            char c = 0;
            QVERIFY(f.getChar(&c));
            f.seek(f.size() - 100);
            QVERIFY(f.putChar(static_cast<char>(c ^ 0x55)));
        }
        const QString error = loadError(dir.path());
        QVERIFY2(error.contains(weights) && error.contains("SHA-256") && error.contains("changed or damaged"),
            qPrintable(error));
    }

    void weightsWithoutAHashAreRefused()
    {
        QTemporaryDir dir;
        copyShippedModel(dir.path());
        rewrite(dir.path() + "/manifest.json", "\"sha256\": \"726e", "\"sha257\": \"726e");
        const QString error = loadError(dir.path());
        QVERIFY2(error.contains("manifest.json") && error.contains("classifier.sha256 is missing"), qPrintable(error));
    }

    void weightsOutsideTheModelFolderAreRefused_data()
    {
        QTest::addColumn<QString>("file"); // what the manifest names instead of classifier.pt
        QTest::addColumn<QString>("message");
        QTest::newRow("absolute") << "ABS/classifier.pt"
                                  << "absolute or leaves the model folder";
        QTest::newRow("parent") << "../elsewhere/classifier.pt"
                                << "absolute or leaves the model folder";
        QTest::newRow("symlink out") << "link.pt"
                                     << "outside the model folder";
    }
    void weightsOutsideTheModelFolderAreRefused()
    {
        QFETCH(QString, file);
        QFETCH(QString, message);
        QTemporaryDir outside, dir;
        copyShippedModel(dir.path());
        // The same bytes outside the folder: the hash would match, the place must not.
        QVERIFY(QFile::copy(dir.path() + "/classifier.pt", outside.path() + "/classifier.pt"));
        QVERIFY(QFile::link(outside.path() + "/classifier.pt", dir.path() + "/link.pt"));
        file.replace("ABS", outside.path());
        rewrite(dir.path() + "/manifest.json", "\"classifier.pt\"", "\"" + file.toUtf8() + "\"");
        const QString error = loadError(dir.path());
        QVERIFY2(error.contains(message), qPrintable(error));
    }

    void aModelThatMisbehavesLaterIsCaughtOnEveryCall_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("message");
        QTest::newRow("NaN") << "0"
                             << "the classifier gives non-finite outputs";
        QTest::newRow("batch size") << "1"
                                    << "the classifier gives output [2, 9] for a batch of 1";
    }
    void aModelThatMisbehavesLaterIsCaughtOnEveryCall()
    {
        QFETCH(QString, mode);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString problem = runPython(kTreacherousModel, {dir.path(), mode});
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        writeScriptedManifest(dir.path());
        auto model = ProposalModel::load(dir.path().toStdString());
        QVERIFY2(model.ok(), model ? "" : model.error().c_str()); // the dry run on zeros passes
        for (int call = 0; call < 2; ++call) {
            auto p = (*model)->propose(patternSlice());
            QVERIFY(!p.ok());
            QVERIFY2(QString::fromStdString(p.error()).contains(message), p.error().c_str());
        }
    }

    void missingWeightsAreRefused()
    {
        QTemporaryDir dir;
        copyShippedModel(dir.path());
        QVERIFY(QFile::remove(dir.path() + "/localizer.pt"));
        const QString error = loadError(dir.path());
        QVERIFY2(error.contains(dir.path() + "/localizer.pt") && error.contains("missing"), qPrintable(error));
    }

    void externalTorchScriptModelRuns()
    {
        QTemporaryDir dir;
        const QString problem = runPython(kScriptedModel, {dir.path(), "9"});
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        writeScriptedManifest(dir.path());
        auto model = ProposalModel::load(dir.path().toStdString());
        QVERIFY2(model.ok(), model ? "" : model.error().c_str());
        QCOMPARE(QString::fromStdString((*model)->info().name), QStringLiteral("external-test"));
        SliceImage slice;
        slice.rows = slice.columns = 100;
        slice.rowSpacing = slice.columnSpacing = 1.5;
        slice.pixels.resize(100 * 100);
        for (size_t i = 0; i < slice.pixels.size(); ++i)
            slice.pixels[i] = static_cast<float>((i * 37) % 101);
        auto p = (*model)->propose(slice);
        QVERIFY2(p.ok(), p ? "" : p.error().c_str());
        double sum = 0;
        for (double g : p->grade)
            sum += g;
        QVERIFY(std::abs(sum - 1.0) < 1e-4);
        QVERIFY(p->canalConfidence >= 0 && p->canalConfidence <= 1);
    }

    void externalModelWithWrongOutputsIsRefused()
    {
        QTemporaryDir dir;
        const QString problem = runPython(kScriptedModel, {dir.path(), "5"});
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        writeScriptedManifest(dir.path());
        const QString error = loadError(dir.path());
        QVERIFY2(error.contains(dir.path() + "/cls.ts") && error.contains("[N, 9]"), qPrintable(error));
    }

    void badSlicesAreErrorsNotCrashes()
    {
        auto model = ProposalModel::load(defaultModelDirectory());
        QVERIFY(model.ok());
        SliceImage empty;
        QVERIFY(!(*model)->propose(empty).ok());
        SliceImage shortBuffer;
        shortBuffer.rows = shortBuffer.columns = 64;
        shortBuffer.pixels.resize(100);
        auto r = (*model)->propose(shortBuffer);
        QVERIFY(!r.ok() && r.error().find("rows x columns") != std::string::npos);
        SliceImage absurd;
        absurd.rows = absurd.columns = 8;
        absurd.pixels.assign(64, 1.0f);
        absurd.rowSpacing = 0;
        QVERIFY(!(*model)->propose(absurd).ok());
        // Flat and NaN slices are valid input: no canal, no crash.
        SliceImage flat;
        flat.rows = flat.columns = 64;
        flat.pixels.assign(64 * 64, 7.0f);
        auto f = (*model)->propose(flat);
        QVERIFY(f.ok());
        QVERIFY(!f->canalFound);
        flat.pixels.assign(64 * 64, std::numeric_limits<float>::quiet_NaN());
        QVERIFY((*model)->propose(flat).ok());
    }
};

QTEST_GUILESS_MAIN(TestProposalModel)
#include "tst_ProposalModel.moc"
