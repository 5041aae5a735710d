// The report from the GUI: the export run as a background task (progress, cancel, failure
// message) and File > Export report... in the real main window under Xvfb, offered to a
// lead only.
#include "core/store/LabelingSession.h"
#include "tests/support/ImageCompare.h"
#include "tests/ui/LabelingFixture.h"
#include "ui/common/BackgroundTask.h"
#include "ui/report/ReportExport.h"
#include "ui/report/ReportExportAction.h"
#include "ui/vtk/VtkViewport.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QProgressDialog>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace sg::core;
using sg::ui::BackgroundTask;
using sg::ui::ReportFormat;

namespace {
// An export as the GUI runs it: exportReport() through a BackgroundTask.
struct Export {
    BackgroundTask task;
    QSignalSpy progress {&task, &BackgroundTask::progress};
    std::optional<Status> outcome;

    bool start(const QString& project, const QString& out, ReportFormat format)
    {
        return task.start<Status>([=](Progress& p) { return sg::ui::exportReport(project, out, format, p); },
            [this](const Status& s) { outcome = s; });
    }
    // Waits on the outcome (delivered through this thread's event loop), not on a clock.
    bool waitForOutcome()
    {
        return QTest::qWaitFor([&] { return outcome.has_value(); }, 120000);
    }
};
} // namespace

class TestReportExport : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::string m_db;

    QString path(const QString& name) const { return m_dir.filePath(name); }

private slots:
    void initTestCase()
    {
        QVERIFY(sg::test::writeLabelingSeries(m_dir.path()));
        m_db = sg::test::makeProjectOver(m_dir.path(), "report.sgdb");
        QVERIFY(!m_db.empty());
        // ann and bob label every item; bob calls every third one grade B.
        for (const char* name : {"ann", "bob"}) {
            auto session = LabelingSession::start(m_db, name);
            QVERIFY(session);
            const auto order = (*session)->order();
            QVERIFY(order);
            for (std::int64_t id : *order) {
                Label l;
                l.itemId = id;
                l.canal = Canal::Rootlet;
                l.grade = std::string(name) == "bob" && id % 3 == 0 ? Grade::B : Grade::A;
                QVERIFY((*session)->save(l).ok());
            }
        }
    }

    void exportsOnAWorkerWithProgress()
    {
        Export exporter;
        QVERIFY(exporter.start(QString::fromStdString(m_db), path("gui.pdf"), ReportFormat::Pdf));
        // start() returns with the export under way on a pool thread (no clock: its progress and
        // its end arrive through this thread's event loop, which the test waits on).
        QVERIFY(exporter.task.isRunning());
        QVERIFY(!exporter.outcome);
        QVERIFY(!exporter.start(QString::fromStdString(m_db), path("second.pdf"), ReportFormat::Pdf));
        QVERIFY(exporter.waitForOutcome());
        QVERIFY2(exporter.outcome->ok(), exporter.outcome->error().c_str());
        QVERIFY(!exporter.task.isRunning());
        const QSignalSpy& progress = exporter.progress;
        QVERIFY(progress.size() >= 2);
        QCOMPARE(progress.last().at(0).toInt(), progress.last().at(1).toInt()); // ends at 100%
        QFile pdf(path("gui.pdf"));
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.read(5) == "%PDF-");
        QVERIFY(!QFileInfo::exists(path("second.pdf")));
    }

    void cancelWritesNothing()
    {
        Export exporter;
        QVERIFY(exporter.start(QString::fromStdString(m_db), path("cancelled.html"), ReportFormat::Html));
        exporter.task.cancel();
        QVERIFY(exporter.waitForOutcome());
        QVERIFY(!exporter.outcome->ok());
        QVERIFY2(exporter.outcome->error().find("cancelled") != std::string::npos, exporter.outcome->error().c_str());
        QVERIFY(!QFileInfo::exists(path("cancelled.html")));
    }

    void failureNamesTheFile()
    {
        Export exporter;
        QVERIFY(exporter.start(path("missing.sgdb"), path("r.html"), ReportFormat::Html));
        QVERIFY(exporter.waitForOutcome());
        QVERIFY(!exporter.outcome->ok());
        QVERIFY2(
            exporter.outcome->error().find("missing.sgdb") != std::string::npos, exporter.outcome->error().c_str());
    }

    void theMenuOffersItToALeadOnly()
    {
        {
            sg::ui::MainWindow window;
            QVERIFY(!window.reportExport().action()->isEnabled()); // no project open
            QVERIFY(sg::test::openWindow(window, m_db, "ann"));
            QVERIFY(!window.reportExport().action()->isEnabled());
            QVERIFY(!window.reportExport().exportTo(path("by-ann.html")));
        }
        QVERIFY(!QFileInfo::exists(path("by-ann.html")));

        sg::ui::MainWindow window;
        QVERIFY(sg::test::openWindow(window, m_db, "lead"));
        QAction* action = window.reportExport().action();
        QVERIFY(action->isEnabled());
        QCOMPARE(action->text(), QString("&Export report…"));
        QSignalSpy finished(&window.reportExport(), &sg::ui::ReportExportAction::finished);
        QVERIFY(window.reportExport().exportTo(path("by-lead.html")));
        QVERIFY(!action->isEnabled()); // one export at a time
        // What the lead sees while it runs (shown at once here; a quick export shows nothing).
        auto* dialog = window.findChild<QProgressDialog*>();
        QVERIFY(dialog);
        dialog->show();
        dialog->grab().save(sg::test::testOutputDir() + "/report_export_progress.png");
        QVERIFY(finished.wait(120000));
        QVERIFY(finished.first().at(0).toBool());
        QVERIFY(action->isEnabled());
        QVERIFY(QFileInfo(path("by-lead.html")).size() > 10000);
        QMenu* file = window.menuBar()->findChild<QMenu*>();
        QVERIFY(file && file->actions().contains(action));
        file->popup(window.mapToGlobal(QPoint(10, 30)));
        QVERIFY(QTest::qWaitForWindowExposed(file, sg::test::kHangBoundMs));
        window.grab().save(sg::test::testOutputDir() + "/report_export_window.png");
        file->grab().save(sg::test::testOutputDir() + "/report_export_menu.png");
        file->close();
        const QLabel* status = window.statusBar()->findChild<QLabel*>();
        QVERIFY(status);
        QTRY_VERIFY2_WITH_TIMEOUT(status->text().contains("Report written to"), qPrintable(status->text()), 60000);
        // A name without a known extension is refused with a message, nothing starts.
        QVERIFY(!window.reportExport().exportTo(path("report.txt")));
        QVERIFY(status->text().contains(".html, .pdf, .csv or .json"));
    }
};

int main(int argc, char** argv)
{
    sg::ui::VtkViewport::setDefaultSurfaceFormat();
    QApplication app(argc, argv);
    TestReportExport test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_ReportExport.moc"
