// Whose study it is (issue 13, 16): the plain viewer shows the patient's name, ID and study date
// from the files in its corner; labeling and review, on the same files, never do. A hostile
// PatientName (control characters, a right-to-left override, 10,000 characters) is drawn
// escaped and cut. Real DICOM written by the test, a real window under Xvfb.
#include "tests/support/SeriesFactory.h"
#include "tests/ui/ReviewFixture.h"
#include "ui/labeling/LabelingMode.h"
#include "ui/main/MainWindow.h"
#include "ui/review/ReviewMode.h"
#include "ui/viewer/SliceView.h"
#include "ui/viewer/SliceViewModel.h"
#include "ui/viewer/ViewerState.h"
#include "ui/vtk/VtkViewport.h"

#include <QApplication>
#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

constexpr int kWait = sg::test::kHangBoundMs;

QString corners(const sg::ui::SliceViewModel& model)
{
    const auto c = model.cornerTexts();
    return QStringList {c[0], c[1], c[2], c[3]}.join(QLatin1Char('\n'));
}

bool openFolder(sg::ui::MainWindow& window, const QString& dir)
{
    QSignalSpy loaded(&window, &sg::ui::MainWindow::studyLoaded);
    window.openStudy(dir);
    return loaded.wait(kWait) || loaded.size() > 0;
}

} // namespace

class TestClinicianIdentity : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    sg::test::ReviewProject m_project;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir().mkpath(m_dir.path() + "/no-model")); // no CNN: this test is about the corners
        qputenv("SPINEGRADE_MODEL_DIR", QFile::encodeName(m_dir.path() + "/no-model"));
        QVERIFY(QDir().mkpath(m_dir.path() + "/study"));
        m_project = sg::test::makeReviewProject(m_dir.path() + "/study"); // PatientName TEST^SERIES
        QVERIFY2(!m_project.db.empty(), "the review project could not be made");
    }

    void viewerShowsWhoseStudyItIs()
    {
        sg::ui::MainWindow window;
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window, kWait));
        QVERIFY(openFolder(window, m_dir.path() + "/study"));
        // What the view draws is its model's corners: the viewer's.
        QCOMPARE(window.sliceView().model(), &window.state().model());
        const QString text = corners(*window.sliceView().model());
        QVERIFY2(text.contains("TEST, SERIES"), qPrintable(text)); // PN formatted, not TEST^SERIES
        QVERIFY2(text.contains("ID TEST-0001"), qPrintable(text));
        QVERIFY2(text.contains("Study 2026-01-01"), qPrintable(text)); // DA formatted
        QVERIFY2(text.contains("O"), qPrintable(text)); // the writer's PatientSex
        QVERIFY(!text.contains("TEST^SERIES"));
        // SG_SHOT: the window as the user sees it (a person looks at it; not compared).
        if (const QString shot = qEnvironmentVariable("SG_SHOT"); !shot.isEmpty()) {
            QTest::qWait(1500);
            window.grab().save(shot);
        }
    }

    void labelingAndReviewNeverShowIt()
    {
        sg::ui::MainWindow window;
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window, kWait));
        QVERIFY(openFolder(window, m_dir.path() + "/study"));
        QVERIFY(corners(*window.sliceView().model()).contains("TEST-0001"));
        QSignalSpy shown(&window.labeling(), &sg::ui::LabelingMode::itemShown);
        QVERIFY(window.openLabelingProject(QString::fromStdString(m_project.db), "lead"));
        QTRY_VERIFY_WITH_TIMEOUT(window.labeling().model().image() != nullptr, kWait);
        QCOMPARE(window.sliceView().model(), &window.labeling().model());
        const QString labeling = corners(window.labeling().model());
        QVERIFY2(!labeling.contains("TEST") && !labeling.contains("SERIES"), qPrintable(labeling));
        QVERIFY2(!labeling.contains("2026-01-01"), qPrintable(labeling));

        QVERIFY(window.review().enter());
        QTRY_VERIFY_WITH_TIMEOUT(window.review().model().image() != nullptr, kWait);
        QCOMPARE(window.sliceView().model(), &window.review().model());
        const QString review = corners(window.review().model());
        QVERIFY2(!review.contains("TEST") && !review.contains("SERIES"), qPrintable(review));
        QVERIFY2(!review.contains("2026-01-01"), qPrintable(review));
    }

    void hostileNameIsEscapedAndCut()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        sg::test::SeriesSpec spec = sg::test::lumbarSeries(64, 64, 1);
        spec.studyUid = "1.2.826.0.1.3680043.10.1341.9";
        spec.seriesUid = "1.2.826.0.1.3680043.10.1341.9.1";
        // An escape sequence, a newline, a right-to-left override and 10,000 characters.
        spec.patientName = "EVIL\x1b[2J\nLINE^\xE2\x80\xAEJANE" + std::string(10000, 'X');
        spec.patientId = "ID\x07\xE2\x80\xAE"
                         "42";
        QVERIFY(sg::test::writeSeries(dir.path().toStdString(), spec).ok());
        sg::ui::MainWindow window;
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window, kWait));
        QVERIFY(openFolder(window, dir.path()));
        const QString topLeft = window.sliceView().model()->cornerTexts()[0];
        const QStringList lines = topLeft.split('\n');
        QVERIFY2(lines.size() == 4, qPrintable(topLeft)); // name, ID, study, series: the name's newline forged no line
        const QString name = lines[0];
        QVERIFY2(name.startsWith("EVIL\\x1B[2J\\nLINE, \\u{202E}JANE"), qPrintable(name.left(80)));
        QVERIFY(!topLeft.contains(QChar(0x1b)) && !topLeft.contains(QChar(0x202e)) && !topLeft.contains(QChar(0x07)));
        QVERIFY2(name.contains(QString::fromUtf8("\xE2\x80\xA6")), qPrintable(name)); // cut with …
        QVERIFY2(name.size() < 200, qPrintable(QString::number(name.size())));
        QVERIFY2(lines[1].startsWith("ID ID\\x07\\u{202E}42"), qPrintable(lines[1]));
    }
};

int main(int argc, char** argv)
{
    sg::ui::VtkViewport::setDefaultSurfaceFormat();
    QApplication app(argc, argv);
    TestClinicianIdentity test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_ClinicianIdentity.moc"
