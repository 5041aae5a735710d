// The RSNA 2024 LSDC format without a project: the crosswalk both ways, the level columns,
// ids that cannot climb out of train_images, the files' text, and submission rows that sum to 1.
#include "core/labels/Rsna.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <fstream>

using namespace sg::core;

namespace {

void write(const QString& dir, const char* name, const std::string& text)
{
    std::ofstream((dir + "/" + name).toStdString(), std::ios::binary) << text;
}

} // namespace

class TestRsna : public QObject {
    Q_OBJECT
private slots:
    void crosswalkNeverGivesDAndWritesCAndDAsSevere()
    {
        QCOMPARE(gradeFromRsnaSeverity("Normal/Mild"), std::optional<Grade>(Grade::A));
        QCOMPARE(gradeFromRsnaSeverity("Moderate"), std::optional<Grade>(Grade::B));
        QCOMPARE(gradeFromRsnaSeverity("Severe"), std::optional<Grade>(Grade::C));
        QVERIFY(!gradeFromRsnaSeverity("severe"));
        QVERIFY(!gradeFromRsnaSeverity(""));
        QCOMPARE(rsnaSeverity(Grade::C), std::string_view("Severe"));
        QCOMPARE(rsnaSeverity(Grade::D), std::string_view("Severe"));
        QCOMPARE(rsnaLevelColumn(Level::L5S1), std::string("spinal_canal_stenosis_l5_s1"));
    }

    void idsAreDigitsOnly()
    {
        QVERIFY(isRsnaId("4003253"));
        QVERIFY(isRsnaId("0"));
        for (const char* bad : {"", "..", "../1", "1/2", "-1", "+1", "01", " 1", "1e5", "1234567890123456789"})
            QVERIFY2(!isRsnaId(bad), bad);
    }

    void filesRoundTripThroughTheReader()
    {
        QTemporaryDir dir;
        std::vector<RsnaLevelLabel> labels {
            {"20", "5", 3, Level::L4L5, Grade::D, std::make_pair(120.25, 98.5)},
            {"20", "5", 1, Level::L1L2, Grade::A, std::nullopt},
            {"3", "7", 2, Level::L3L4, Grade::B, std::make_pair(0.1, 200.0)},
        };
        QVERIFY(writeRsnaDataset(dir.path().toStdString(), labels));
        const RsnaFiles files = formatRsnaDataset(labels);
        // Numeric order of studies (3 before 20); a level without a patch has no coordinate row.
        QCOMPARE(files.train,
            std::string(
                "study_id,spinal_canal_stenosis_l1_l2,spinal_canal_stenosis_l2_l3,spinal_canal_stenosis_l3_l4,"
                "spinal_canal_stenosis_l4_l5,spinal_canal_stenosis_l5_s1\n3,,,Moderate,,\n20,Normal/Mild,,,Severe,\n"));
        QCOMPARE(files.coordinates,
            std::string("study_id,series_id,instance_number,condition,level,x,y\n"
                        "3,7,2,Spinal Canal Stenosis,L3/L4,0.1,200\n20,5,3,Spinal Canal Stenosis,L4/L5,120.25,98.5\n"));
        auto read = readRsnaDataset(dir.path().toStdString());
        QVERIFY2(read, read ? "" : read.error().c_str());
        QCOMPARE(read->points.size(), size_t(2));
        QCOMPARE(read->points[1].grade, Grade::C); // D went out as Severe and comes back as C
        QCOMPARE(read->points[1].x, 120.25);
    }

    void aBadCellNamesFileLineAndValue()
    {
        QTemporaryDir dir;
        const QString d = dir.path();
        write(d, "train.csv",
            "study_id,spinal_canal_stenosis_l1_l2,spinal_canal_stenosis_l2_l3,"
            "spinal_canal_stenosis_l3_l4,spinal_canal_stenosis_l4_l5,spinal_canal_stenosis_l5_s1\n"
            "1,,,,Severe,\n");
        write(d, "train_series_descriptions.csv", "study_id,series_id,series_description\n1,2,Axial T2\n");
        write(d, "train_label_coordinates.csv",
            "study_id,series_id,instance_number,condition,level,x,y\n1,2,3,Spinal Canal Stenosis,L4/L5,10,20\n"
            "1,2,4,Spinal Canal Stenosis,L4/L5,\"1,5\",20\n");
        auto read = readRsnaDataset(d.toStdString());
        QVERIFY(!read);
        QVERIFY2(QString::fromStdString(read.error()).contains("train_label_coordinates.csv line 3: x '1,5'"),
            read.error().c_str());
        // A file over the limit is refused before it is parsed.
        auto small = readRsnaDataset(d.toStdString(), 16);
        QVERIFY(!small);
        QVERIFY2(QString::fromStdString(small.error()).contains("train.csv"), small.error().c_str());
    }

    void submissionRowsSumToOne()
    {
        const auto row = rsnaSubmissionRow("42", Level::L4L5, std::array<double, 4> {0.1, 0.2, 0.3, 0.4});
        QCOMPARE(row.rowId, std::string("42_spinal_canal_stenosis_l4_l5"));
        QVERIFY(std::abs(row.normalMild + row.moderate + row.severe - 1) < 1e-15);
        QVERIFY(std::abs(row.severe - 0.7) < 1e-15);
        // Probabilities that do not quite sum to 1 (float rounding in a model) are scaled.
        const auto scaled = rsnaSubmissionRow("42", Level::L1L2, std::array<double, 4> {0.5, 0.3, 0.1, 0.05});
        QVERIFY(std::abs(scaled.normalMild + scaled.moderate + scaled.severe - 1) < 1e-15);
        const auto none = rsnaSubmissionRow("42", Level::L1L2, std::nullopt);
        QCOMPARE(none.normalMild, 1.0 / 3);
        const std::string text = formatRsnaSubmission({row});
        QVERIFY(text.starts_with("row_id,normal_mild,moderate,severe\n42_spinal_canal_stenosis_l4_l5,0."));
    }
};

QTEST_GUILESS_MAIN(TestRsna)
#include "tst_Rsna.moc"
