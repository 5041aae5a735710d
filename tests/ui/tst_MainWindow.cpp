// The whole program window on a written lumbar series and on a folder of bad files.
#include "tests/support/ImageCompare.h"
#include "tests/support/SeriesFactory.h"
#include "tests/support/TestData.h"
#include "ui/main/MainWindow.h"
#include "ui/viewer/SliceView.h"
#include "ui/viewer/ViewerState.h"

#include <QApplication>
#include <QDateTime>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <QTreeView>
#include <cstdio>

using namespace sg::core;

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void opensALumbarSeriesAndNavigatesByKeyboard()
    {
        QTemporaryDir dir;
        QVERIFY(sg::test::writeSeries(dir.path().toStdString(), sg::test::lumbarSeries(96, 96, 3)).ok());
        sg::ui::MainWindow window;
        window.resize(1000, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window, sg::test::kHangBoundMs));
        QSignalSpy loaded(&window, &sg::ui::MainWindow::studyLoaded);
        window.openStudy(dir.path());
        QVERIFY(loaded.wait(30000));
        sg::ui::ViewerState& state = window.state();
        QCOMPARE(state.stackCount(), 5);
        QCOMPARE(state.currentStack()->level, std::optional<Level>(Level::L4L5));
        QCOMPARE(state.sliceIndex(), 1);

        auto* tree = window.findChild<QTreeView*>();
        QVERIFY(tree);
        QCOMPARE(tree->model()->rowCount(), 1); // one study
        QCOMPARE(tree->model()->rowCount(tree->model()->index(0, 0)), 1); // one series
        const QModelIndex series = tree->model()->index(0, 0, tree->model()->index(0, 0));
        QCOMPARE(tree->model()->rowCount(series), 5); // five levels
        QCOMPARE(tree->model()->index(0, 0, series).data().toString().left(5), QString("L1/L2"));

        // Window shortcuts fire for the active window; Xvfb has no window manager to activate it.
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window, sg::test::kHangBoundMs));
        window.sliceView().setFocus();
        QTest::keyClick(&window, Qt::Key_Down);
        QCOMPARE(state.sliceIndex(), 2);
        QTest::keyClick(&window, Qt::Key_Up);
        QCOMPARE(state.sliceIndex(), 1);
        QTest::keyClick(&window, Qt::Key_PageUp);
        QCOMPARE(state.currentStack()->level, std::optional<Level>(Level::L3L4));
        QTest::keyClick(&window, Qt::Key_PageDown);
        QTest::keyClick(&window, Qt::Key_PageDown);
        QCOMPARE(state.currentStack()->level, std::optional<Level>(Level::L5S1));
        QTest::keyClick(&window, Qt::Key_3); // full-range preset
        QVERIFY(std::abs(state.window().width - 927) < 1); // the series spans 100 .. 1027

        // Something is drawn: the series' bright disc.
        const QImage frame = window.sliceView().grabFramebuffer();
        int bright = 0;
        for (int y = 0; y < frame.height(); y += 4)
            for (int x = 0; x < frame.width(); x += 4)
                bright += qGray(frame.pixel(x, y)) > 150;
        QVERIFY(bright > 50);
        window.grab().save(sg::test::testOutputDir() + "/main_window_lumbar.png");
    }

    void listsSkippedFilesAndKeepsWorking()
    {
        QTemporaryDir dir;
        const QString py = sg::test::pydicomDataDir();
        for (const char* f : {"MR_small.dcm", "MR_truncated.dcm", "test-SR.dcm", "README.txt"})
            QVERIFY(QFile::copy(py + "/" + f, dir.path() + "/" + f));
        QVERIFY(QFile::copy(py + "/dicomdirtests/DICOMDIR-nooffset", dir.path() + "/DICOMDIR-nooffset"));
        sg::ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window, sg::test::kHangBoundMs));
        QSignalSpy loaded(&window, &sg::ui::MainWindow::studyLoaded);
        window.openStudy(dir.path());
        QVERIFY(loaded.wait(30000));
        const QString log = window.findChild<QPlainTextEdit*>()->toPlainText();
        QVERIFY2(log.contains("MR_truncated.dcm: truncated"), qPrintable(log));
        QVERIFY(log.contains("test-SR.dcm: not an image"));
        QVERIFY(log.contains("README.txt: not a DICOM file"));
        QVERIFY(log.contains("DICOMDIR-nooffset: malformed file"));
        QVERIFY(window.state().currentImage()); // MR_small is shown
    }

    // A file named with a newline (or bytes that are not UTF-8) is logged on one line with
    // escapes, as the command line prints it: a name cannot forge a log line.
    void oddFileNamesCannotForgeLogLines()
    {
        QTemporaryDir dir;
        QVERIFY(QFile::copy(sg::test::pydicomDataDir() + "/MR_small.dcm", dir.path() + "/MR_small.dcm"));
        const QByteArray odd = QFile::encodeName(dir.path()) + "/evil\n12:00:00  Loaded\xff.dcm";
        {
            FILE* f = std::fopen(odd.constData(), "wb");
            QVERIFY(f);
            std::fputs("not DICOM", f);
            std::fclose(f);
        }
        sg::ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window, sg::test::kHangBoundMs));
        QSignalSpy loaded(&window, &sg::ui::MainWindow::studyLoaded);
        window.openStudy(dir.path());
        QVERIFY(loaded.wait(30000));
        const QString log = window.findChild<QPlainTextEdit*>()->toPlainText();
        QVERIFY2(log.contains("evil\\n12:00:00  Loaded\\xFF.dcm: not a DICOM file"), qPrintable(log));
        for (const QString& line : log.split('\n'))
            QVERIFY2(!line.startsWith("12:00:00  Loaded"), qPrintable(log));
    }

    // A folder named with a line break: every log line still starts with its time, and the
    // status bar and the title stay one line.
    void oddFolderNamesCannotForgeLogLines()
    {
        QTemporaryDir dir;
        const QString odd = dir.path() + "/study\n12:00:00  Opened project forged";
        QVERIFY(QDir().mkpath(odd));
        QVERIFY(QFile::copy(sg::test::pydicomDataDir() + "/MR_small.dcm", odd + "/MR_small.dcm"));
        sg::ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window, sg::test::kHangBoundMs));
        QSignalSpy loaded(&window, &sg::ui::MainWindow::studyLoaded);
        window.openStudy(odd);
        QVERIFY(loaded.wait(30000));
        const QString log = window.findChild<QPlainTextEdit*>()->toPlainText();
        QVERIFY2(log.contains("study\\n12:00:00  Opened project forged"), qPrintable(log));
        const QRegularExpression stamped("^\\d\\d:\\d\\d:\\d\\d  ");
        for (const QString& line : log.split('\n'))
            QVERIFY2(stamped.match(line).hasMatch(), qPrintable(log));
        QVERIFY2(!window.statusText().contains('\n'), qPrintable(window.statusText()));
        QVERIFY2(!window.windowTitle().contains('\n'), qPrintable(window.windowTitle()));
    }

    // A file named as a project that is not one is refused as a project, with its name; its
    // folder is not scanned as a study.
    void aFakeProjectFileIsNotOpenedAsItsFolder()
    {
        QTemporaryDir dir;
        QVERIFY(QFile::copy(sg::test::pydicomDataDir() + "/MR_small.dcm", dir.path() + "/MR_small.dcm"));
        QFile fake(dir.path() + "/notes.sgdb");
        QVERIFY(fake.open(QIODevice::WriteOnly));
        fake.write("just text, not a database\n");
        fake.close();
        sg::ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window, sg::test::kHangBoundMs));
        QVERIFY(!window.openPath(fake.fileName()));
        QVERIFY(!window.isLoading());
        QVERIFY(!window.state().currentImage());
        QVERIFY2(window.statusText().contains("notes.sgdb"), qPrintable(window.statusText()));
    }

    void demoIsGeneratedOnceThenOpened()
    {
        QTemporaryDir data;
        qputenv("XDG_DATA_HOME", data.path().toLocal8Bit());
        sg::ui::MainWindow window;
        window.show();
        QSignalSpy loaded(&window, &sg::ui::MainWindow::studyLoaded);
        window.openDemo();
        QVERIFY(loaded.wait(60000));
        QVERIFY(QFileInfo(data.path() + "/spinegrade/demo-study-2").isDir());
        QVERIFY(!QFileInfo::exists(data.path() + "/spinegrade/demo-study-2.partial"));
        QCOMPARE(window.state().stackCount(), 5);
        QCOMPARE(window.state().currentStack()->level, std::optional<Level>(Level::L4L5));
        QVERIFY(window.state().currentImage());
        // The demo's own answer key is not a skipped file to warn about.
        const QString log = window.findChild<QPlainTextEdit*>()->toPlainText();
        QVERIFY2(!log.contains("ground_truth.json"), qPrintable(log));
        QCOMPARE(window.windowTitle(), QString("SpineGrade - LUMBAR SPINE (synthetic)"));
        window.grab().save(sg::test::testOutputDir() + "/main_window_demo.png");
        // The second time it opens what is there: same files, no regeneration.
        const QDateTime made = QFileInfo(data.path() + "/spinegrade/demo-study-2").lastModified();
        window.openDemo();
        QVERIFY(loaded.wait(60000));
        QCOMPARE(QFileInfo(data.path() + "/spinegrade/demo-study-2").lastModified(), made);
        qunsetenv("XDG_DATA_HOME");
    }

    void cancelLeavesTheWindowUsable()
    {
        QTemporaryDir dir;
        QVERIFY(sg::test::writeSeries(dir.path().toStdString(), sg::test::lumbarSeries(256, 256, 12)).ok());
        sg::ui::MainWindow window;
        window.show();
        QSignalSpy loaded(&window, &sg::ui::MainWindow::studyLoaded);
        window.openStudy(dir.path());
        window.openStudy(dir.path()); // a second open cancels the first
        QVERIFY(loaded.wait(30000));
        QCOMPARE(window.state().stackCount(), 5);
    }
};

int main(int argc, char** argv)
{
    sg::ui::VtkViewport::setDefaultSurfaceFormat();
    QApplication app(argc, argv);
    TestMainWindow test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_MainWindow.moc"
