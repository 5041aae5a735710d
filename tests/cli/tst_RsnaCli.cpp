// RSNA 2024 LSDC interop through spinegrade-cli: a small RSNA-style tree is built from two
// generated studies (their ground truth gives the grades and canal centres), imported as
// rater `rsna` and exported again file for file; hostile files are refused whole with their
// file and line; `screen --rsna-submission` writes five rows per study that each sum to 1.
#include "tests/support/CliRun.h"
#include "tests/support/TestData.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using sg::test::runCli;

namespace {

const QStringList kLevels {"L1/L2", "L2/L3", "L3/L4", "L4/L5", "L5/S1"};
const QStringList kColumns {"l1_l2", "l2_l3", "l3_l4", "l4_l5", "l5_s1"};

QString severityOf(const QString& grade)
{
    return grade == "A" ? "Normal/Mild" : grade == "B" ? "Moderate" : "Severe"; // C and D
}

QString number(double v)
{
    return QString::number(v, 'g', QLocale::FloatingPointShortest);
}

bool writeFile(const QString& path, const QString& text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(text.toUtf8()) == text.toUtf8().size();
}

QString readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString("(cannot read %1)").arg(path);
}

struct RsnaText {
    QString train, coordinates, series;
};

} // namespace

class TestRsnaCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        // The lead's passphrase for every spinegrade-cli started here (issue 13: sign-in).
        qputenv("SPINEGRADE_PASSPHRASE", "the rsna test lead's passphrase");
        QVERIFY(m_dir.isValid());
        const QString phantom = m_dir.path() + "/phantom";
        const auto r = runCli({"phantom", "--out", phantom, "--patients", "2", "--seed", "2024", "--size", "256",
            "--prevalence", "1,1,1,1"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        m_rsna = m_dir.path() + "/rsna";
        const QStringList studies {"4003253", "7143189"};
        const QStringList series {"702807833", "1201400"};
        const QStringList patients = QDir(phantom).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        QCOMPARE(patients.size(), 2);
        // What an export must give back (studies in numeric order, levels in order), and the
        // input: the same plus what the import skips (a sagittal series, another condition).
        RsnaText in, out;
        in.train = "study_id";
        for (const QString& c : kColumns)
            in.train += ",spinal_canal_stenosis_" + c;
        in.train += ",left_neural_foraminal_narrowing_l4_l5\n";
        out.train = in.train.left(in.train.lastIndexOf(',')) + "\n";
        in.coordinates = out.coordinates = "study_id,series_id,instance_number,condition,level,x,y\n";
        in.series = out.series = "study_id,series_id,series_description\n";
        for (int k = 0; k < 2; ++k) {
            const QString dest = m_rsna + "/train_images/" + studies[k] + "/" + series[k];
            QVERIFY(QDir().mkpath(dest));
            const QString src = phantom + "/" + patients[k];
            QFile truthFile(src + "/ground_truth.json");
            QVERIFY(truthFile.open(QIODevice::ReadOnly));
            const QJsonArray slices = QJsonDocument::fromJson(truthFile.readAll()).object()["slices"].toArray();
            for (int i = 0; i < slices.size(); ++i) // IM0001.dcm holds instance 1, in ground-truth order
                QVERIFY(
                    QFile::copy(src + QString::asprintf("/IM%04d.dcm", i + 1), dest + QString("/%1.dcm").arg(i + 1)));
            QString trainRow = studies[k];
            for (int l = 0; l < 5; ++l) {
                QList<int> graded; // instance indexes of the level's graded (rootlet) slices
                for (int i = 0; i < slices.size(); ++i)
                    if (slices[i]["level"].toString() == kLevels[l] && slices[i]["grade"].isString())
                        graded.append(i);
                if (graded.isEmpty()) { // a cord-only level: no severity, no point
                    trainRow += ",";
                    continue;
                }
                const QJsonObject s = slices[graded[graded.size() / 2]].toObject();
                const QString severity = severityOf(s["grade"].toString());
                m_gradesSeen.insert(s["grade"].toString());
                trainRow += "," + severity;
                const QJsonArray centre = s["canal_center_px"].toArray();
                const QString x = number(std::round(centre[0].toDouble() * 1000) / 1000);
                const QString y = number(std::round(centre[1].toDouble() * 1000) / 1000);
                const QString row = QString("%1,%2,%3,Spinal Canal Stenosis,%4,%5,%6\n")
                                        .arg(studies[k], series[k])
                                        .arg(graded[graded.size() / 2] + 1)
                                        .arg(kLevels[l], x, y);
                in.coordinates += row;
                out.coordinates += row;
            }
            out.train += trainRow + "\n";
            in.train += trainRow + ",Moderate\n";
            // Skipped on import: the spinal canal on a sagittal series, and another condition.
            in.coordinates += studies[k] + ",999" + QString::number(k) + ",8,Spinal Canal Stenosis,L4/L5,120.5,130\n";
            in.coordinates += studies[k] + "," + series[k] + ",3,Left Subarticular Stenosis,L4/L5,100,110\n";
            in.series += studies[k] + "," + series[k] + ",Axial T2\n" + studies[k] + ",999" + QString::number(k) +
                ",Sagittal T2/STIR\n";
            out.series += studies[k] + "," + series[k] + ",Axial T2\n";
        }
        m_in = in;
        m_expected = out;
        QVERIFY(writeInput(m_rsna, in));
        m_db = m_dir.path() + "/rsna.sgdb";
        for (const QStringList& args : {QStringList {"project", "create", "--db", m_db, "--lead", "lead"},
                 QStringList {"project", "import", "--db", m_db, m_rsna + "/train_images"},
                 QStringList {"worklist", "--db", m_db}}) {
            const auto step = runCli(args);
            QVERIFY2(step.exitCode == 0, qPrintable(args.join(' ') + ": " + step.err));
        }
    }

    // Runs first: every hostile data set is refused whole, the file and what is wrong named,
    // and the project keeps no label from it.
    void hostileDataSetsAreRefusedWhole_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QString>("message");
        const QString firstPoint = m_in.coordinates.section('\n', 1, 1); // study,series,instance,...
        const QString study = firstPoint.section(',', 0, 0);
        const QString series = firstPoint.section(',', 1, 1);
        QTest::newRow("missing column") << "train.csv"
                                        << ",spinal_canal_stenosis_l4_l5"
                                        << ",l4_l5"
                                        << "train.csv: no column spinal_canal_stenosis_l4_l5";
        const QString trainRow = m_in.train.section('\n', 1, 1);
        QStringList badRow = trainRow.split(',');
        badRow[1] = "Very bad";
        QTest::newRow("bad severity") << "train.csv" << trainRow << badRow.join(',')
                                      << "train.csv line 2: spinal_canal_stenosis_l1_l2 'Very bad' is not one of";
        QTest::newRow("missing coordinate column") << "train_label_coordinates.csv"
                                                   << ",x,y\n"
                                                   << ",xx,y\n"
                                                   << "train_label_coordinates.csv: no column x";
        QTest::newRow("study id climbing out")
            << "train_label_coordinates.csv"
            << "\n" + study + ","
            << "\n../" + study + ","
            << "train_label_coordinates.csv line 2: study_id '../" + study + "' is not an RSNA id";
        QTest::newRow("series id climbing out") << "train_label_coordinates.csv"
                                                << "," + series + ","
                                                << ",../../../etc,"
                                                << "series_id '../../../etc' is not an RSNA id";
        QTest::newRow("huge study id") << "train_label_coordinates.csv"
                                       << "\n" + study + ","
                                       << "\n123456789012345678901234567890,"
                                       << "study_id '123456789012345678901234567890' is not an RSNA id";
        QTest::newRow("huge instance number") << "train_label_coordinates.csv"
                                              << "," + series + "," + firstPoint.section(',', 2, 2) + ","
                                              << "," + series + ",4294967297,"
                                              << "instance_number '4294967297' is not a number";
        QTest::newRow("huge coordinate") << "train_label_coordinates.csv"
                                         << "," + firstPoint.section(',', 5, 5) + ","
                                         << ",1e309,"
                                         << "is not a point in pixels";
        QTest::newRow("not a number") << "train_label_coordinates.csv"
                                      << "," + firstPoint.section(',', 5, 5) + ","
                                      << ",nan,"
                                      << "is not a point in pixels";
        QTest::newRow("bad level") << "train_label_coordinates.csv"
                                   << "," + firstPoint.section(',', 4, 4) + ","
                                   << ",L6/L7,"
                                   << "level 'L6/L7' is not one of";
        QTest::newRow("study not in train.csv") << "train.csv"
                                                << "\n" + study + ","
                                                << "\n1" + study + ","
                                                << "study " + study + " is not in";
        QTest::newRow("point off the image") << "train_label_coordinates.csv"
                                             << "," + firstPoint.section(',', 5, 5) + ","
                                             << ",5000,"
                                             << "lies outside the 256 x 256 image";
        // The last row names an image the project does not have: the rows before it are fine,
        // and still nothing is imported.
        QTest::newRow("unknown image in the last row")
            << "train_label_coordinates.csv"
            << "Left Subarticular Stenosis,L4/L5,100,110\n"
            << "Left Subarticular Stenosis,L4/L5,100,110\n" + study + "," + series +
                ",777,Spinal Canal Stenosis,L3/L4,100,110\n"
            << "train_images/" + study + "/" + series + "/777.dcm is not an item of the project";
    }

    void hostileDataSetsAreRefusedWhole()
    {
        QFETCH(QString, file);
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(QString, message);
        // The hostile copy lives beside the real tree and shares its images (a symlink).
        const QString dir = m_dir.path() + "/hostile";
        QDir(dir).removeRecursively();
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(QFile::link(m_rsna + "/train_images", dir + "/train_images"));
        RsnaText text = m_in;
        QString* target = file == "train.csv"       ? &text.train
            : file == "train_label_coordinates.csv" ? &text.coordinates
                                                    : &text.series;
        QVERIFY2(target->contains(from), qPrintable(from));
        target->replace(target->indexOf(from), from.size(), to);
        QVERIFY(writeInput(dir, text));
        const auto r = runCli({"labels", "import", "--rsna", dir, "--db", m_db, "--as", "lead"});
        qInfo().noquote() << r.err.trimmed(); // what a user reads
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY2(r.err.contains(dir + "/" + file) || r.err.contains(dir + "/train_images"), qPrintable(r.err));
        QCOMPARE(labelCount(), 0);
    }

    void importsAsRaterRsnaAndExportsTheSameFiles()
    {
        const auto r = runCli({"labels", "import", "--rsna", m_rsna, "--db", m_db, "--as", "lead"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        qInfo().noquote() << r.out.trimmed();
        // The crosswalk is printed; the skipped rows are counted.
        QVERIFY2(r.out.contains("Normal/Mild -> A, Moderate -> B, Severe -> C") &&
                r.out.contains("D is never imported") && r.out.contains("C and D -> Severe"),
            qPrintable(r.out));
        QVERIFY2(r.out.contains("skipped 2 spinal canal row(s) of other series (sagittal) and 2 row(s) of other"),
            qPrintable(r.out));
        QVERIFY2(!r.err.contains("RSNA says"), qPrintable(r.err)); // the project's levels agree
        const int points = m_expected.coordinates.count('\n') - 1;
        QCOMPARE(labelCount(), points);
        QVERIFY(!readCsvExport().contains(",rsna,grade,D")); // D is never produced
        if (m_gradesSeen.contains("D"))
            QVERIFY(readCsvExport().contains(",rsna,grade,C"));

        for (const QStringList& extra : {QStringList {"--rater", "rsna"}, QStringList {}}) {
            const QString out = m_dir.path() + "/export" + extra.join("");
            const auto e =
                runCli(QStringList {"labels", "export", "--rsna", out, "--db", m_db, "--as", "lead"} + extra);
            QVERIFY2(e.exitCode == 0, qPrintable(e.err));
            QVERIFY2(e.out.contains("rater 'rsna'"), qPrintable(e.out));
            QCOMPARE(readFile(out + "/train.csv"), m_expected.train);
            if (extra.isEmpty())
                qInfo().noquote() << readFile(out + "/train.csv") << readFile(out + "/train_label_coordinates.csv");
            QCOMPARE(readFile(out + "/train_label_coordinates.csv"), m_expected.coordinates);
            QCOMPARE(readFile(out + "/train_series_descriptions.csv"), m_expected.series);
        }
        // Re-importing the export changes nothing: the round trip is exact.
        QVERIFY(QFile::link(m_rsna + "/train_images", m_dir.path() + "/export/train_images"));
        const auto again =
            runCli({"labels", "import", "--rsna", m_dir.path() + "/export", "--db", m_db, "--as", "lead"});
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QVERIFY2(again.out.contains("0 label(s) created or changed"), qPrintable(again.out));
        // The consensus has no grade yet: an export of it has headers only.
        const auto consensus = runCli(
            {"labels", "export", "--rsna", m_dir.path() + "/consensus", "--db", m_db, "--consensus", "--as", "lead"});
        QVERIFY2(consensus.exitCode == 0, qPrintable(consensus.err));
        QCOMPARE(readFile(m_dir.path() + "/consensus/train.csv"), m_expected.train.section('\n', 0, 0) + "\n");
    }

    void rsnaIsARaterInTheStatistics()
    {
        const auto r = runCli({"stats", "--db", m_db, "--json", "--as", "lead"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("\"rsna\""), qPrintable(r.out.left(2000)));
        // A name that passes for it is refused like any rater's.
        const QString csv = m_dir.path() + "/clash.csv";
        QVERIFY(writeFile(csv,
            "item,rater,task,label\n" + readCsvExport().section('\n', 1, 1).section(',', 0, 0) + ",RSNA,grade,A\n"));
        const auto clash = runCli({"labels", "import", "--db", m_db, "--csv", csv, "--as", "lead"});
        QCOMPARE(clash.exitCode, 1);
    }

    void submissionRowsNameEveryLevelAndSumToOne()
    {
        const QString sub = m_dir.path() + "/submission.csv";
        const auto r = runCli({"screen", m_rsna + "/train_images/4003253", "--rsna-submission", sub}, 300000);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        qInfo().noquote() << readFile(sub);
        const QStringList lines = readFile(sub).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 6);
        QCOMPARE(lines[0], QString("row_id,normal_mild,moderate,severe"));
        for (int l = 0; l < 5; ++l) {
            const QStringList cells = lines[l + 1].split(',');
            QCOMPARE(cells.size(), 4);
            QCOMPARE(cells[0], "4003253_spinal_canal_stenosis_" + kColumns[l]);
            double sum = 0;
            for (int c = 1; c < 4; ++c) {
                bool ok = false;
                const double p = cells[c].toDouble(&ok);
                QVERIFY2(ok && p >= 0 && p <= 1, qPrintable(lines[l + 1]));
                sum += p;
            }
            QVERIFY2(std::abs(sum - 1) < 1e-12, qPrintable(lines[l + 1]));
        }
        // A folder not named by an RSNA id needs --rsna-study-id; with it the rows carry it.
        const QString phantom = m_dir.path() + "/phantom/" +
            QDir(m_dir.path() + "/phantom").entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name).first();
        const auto noId = runCli({"screen", phantom, "--rsna-submission", sub});
        QCOMPARE(noId.exitCode, 1);
        QVERIFY2(noId.err.contains("--rsna-study-id"), qPrintable(noId.err));
        const auto withId = runCli({"screen", phantom, "--rsna-submission", sub, "--rsna-study-id", "42"}, 300000);
        QVERIFY2(withId.exitCode == 0, qPrintable(withId.err));
        QVERIFY(readFile(sub).contains("\n42_spinal_canal_stenosis_l5_s1,"));
    }

private:
    static bool writeInput(const QString& dir, const RsnaText& text)
    {
        return QDir().mkpath(dir) && writeFile(dir + "/train.csv", text.train) &&
            writeFile(dir + "/train_label_coordinates.csv", text.coordinates) &&
            writeFile(dir + "/train_series_descriptions.csv", text.series);
    }

    QString readCsvExport()
    {
        const QString csv = m_dir.path() + "/labels.csv";
        const auto r = runCli({"labels", "export", "--db", m_db, "--csv", csv, "--as", "lead"});
        return r.exitCode == 0 ? readFile(csv) : "export failed: " + r.err;
    }

    // Labels in the project (two rows each in the CSV export, header aside).
    int labelCount() { return static_cast<int>(readCsvExport().count('\n') - 1) / 2; }

    QTemporaryDir m_dir;
    QString m_rsna;
    QString m_db;
    RsnaText m_in;
    RsnaText m_expected;
    QSet<QString> m_gradesSeen;
};

QTEST_GUILESS_MAIN(TestRsnaCli)
#include "tst_RsnaCli.moc"
