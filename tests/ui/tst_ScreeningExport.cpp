// File > Export screening… (issue 16): with a study open in the plain viewer and no project,
// once the CNN has proposed, the one-page report is written on a worker; before that, the
// action is disabled. A real window under Xvfb, the shipped model, a generated study.
#include "core/phantom/PhantomWriter.h"
#include "tests/support/TestData.h"
#include "ui/common/BackgroundTask.h"
#include "ui/main/MainWindow.h"
#include "ui/proposals/ViewerProposals.h"
#include "ui/report/ScreeningExportAction.h"
#include "ui/vtk/VtkViewport.h"

#include <QAction>
#include <QApplication>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

QString runTool(const QString& program, const QStringList& args)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(120000))
        return {};
    return QString::fromUtf8(p.readAllStandardOutput());
}

} // namespace

class TestScreeningExport : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_study;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_study = m_dir.path() + "/study";
        sg::core::PhantomOptions options;
        options.seed = 20261201;
        options.size = 256;
        const sg::core::Status written = sg::core::generatePhantomStudy(options, m_study.toStdString());
        QVERIFY2(written, written.error().c_str());
    }

    void exportsOnePageWithoutAProject()
    {
        if (QStandardPaths::findExecutable("pdfinfo").isEmpty() ||
            QStandardPaths::findExecutable("pdftotext").isEmpty())
            QSKIP("pdfinfo/pdftotext (poppler-utils) are not installed");
        sg::ui::MainWindow window;
        window.resize(1280, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window, sg::test::kHangBoundMs));
        sg::ui::ScreeningExportAction& exporter = window.screeningExport();
        QVERIFY(!exporter.action()->isEnabled()); // nothing open, nothing proposed
        QVERIFY(!exporter.exportTo(m_dir.path() + "/early.pdf"));
        QVERIFY(!QFileInfo::exists(m_dir.path() + "/early.pdf"));

        QSignalSpy loaded(&window, &sg::ui::MainWindow::studyLoaded);
        QSignalSpy all(&window.viewerProposals(), &sg::ui::ViewerProposals::allProposed);
        window.openStudy(m_study);
        QVERIFY(loaded.wait(120000) || loaded.size() > 0);
        QVERIFY(all.size() > 0 || all.wait(300000));
        QVERIFY(exporter.action()->isEnabled());

        const QString pdf = m_dir.path() + "/screening.pdf";
        QSignalSpy finished(&exporter, &sg::ui::ScreeningExportAction::finished);
        QVERIFY(exporter.exportTo(pdf));
        QVERIFY(exporter.task().isRunning() || finished.size() > 0); // on the worker
        QVERIFY(finished.size() > 0 || finished.wait(120000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        QVERIFY(window.statusText().contains("Screening report written to"));
        QVERIFY2(runTool("pdfinfo", {pdf}).contains(QRegularExpression("Pages:\\s+1\\n")), qPrintable(pdf));
        const QString text = runTool("pdftotext", {"-layout", pdf, "-"});
        QVERIFY2(text.contains("SYNTHETIC, PATIENT"), qPrintable(text)); // PN formatted
        QVERIFY2(text.contains(QRegularExpression("L4/L5\\s+([ABCD]\\s+\\d+%|not graded)")), qPrintable(text));
        if (const QString shot = qEnvironmentVariable("SG_SHOT"); !shot.isEmpty())
            window.grab().save(shot);
        if (const QString keep = qEnvironmentVariable("SG_KEEP_REPORT"); !keep.isEmpty()) {
            QFile::remove(keep);
            QFile::copy(pdf, keep);
        }
    }
};

int main(int argc, char** argv)
{
    sg::ui::VtkViewport::setDefaultSurfaceFormat();
    QApplication app(argc, argv);
    TestScreeningExport test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_ScreeningExport.moc"
