// The report from the GUI: the export run as a background task (progress, cancel, failure
// message) and File > Export report... in the real main window under Xvfb, offered to a
// lead only.
#include "core/store/LabelingSession.h"
#include "tests/support/ImageCompare.h"
#include "tests/ui/LabelingFixture.h"
#include "ui/common/BackgroundTask.h"
#include "ui/report/ReportExport.h"
#include "ui/report/ReportExportAction.h"
#include "ui/report/ReportPagination.h"
#include "ui/vtk/VtkViewport.h"

#include <QAbstractTextDocumentLayout>
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
#include <QTextBlock>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextLayout>
#include <QTextTable>

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

    // Qt's rich text has no page-break-inside: a table that reaches the bottom of a page goes
    // on over the break. The PDF writer moves it, with its heading, to the next page; a table
    // taller than a page is left to break between rows, and counted.
    void tablesStayWholeOnAPage()
    {
        const auto document = [](QTextDocument& doc, int filler) {
            QString html = "<p>" + QString("Filler text of the page above the table. ").repeated(filler) + "</p>";
            html += "<h4>The table's heading</h4><table border=\"1\">";
            for (int r = 0; r < 12; ++r)
                html += QString("<tr><td>row %1</td><td>0.500</td></tr>").arg(r);
            html += "</table><p>After.</p><table border=\"1\">";
            for (int r = 0; r < 80; ++r)
                html += QString("<tr><td>long %1</td></tr>").arg(r);
            doc.setHtml(html + "</table>");
            doc.setPageSize(QSizeF(400, 500));
        };
        // As much filler as puts the short table across the first page break.
        QTextDocument doc;
        int filler = 1;
        for (; filler < 200; ++filler) {
            document(doc, filler);
            if (sg::ui::tablesCrossingPages(doc) == 2)
                break;
        }
        QVERIFY2(filler < 200, "Qt never let the table cross the page break");
        const auto pageOf = [&](double y) { return static_cast<int>(y / doc.pageSize().height()); };

        const sg::ui::TablePagination result = sg::ui::keepTablesWhole(doc);
        QCOMPARE(result.tables, 2);
        QCOMPARE(result.moved, 1);
        QCOMPARE(result.split, 1);
        QCOMPARE(sg::ui::tablesCrossingPages(doc), 1); // only the one taller than a page
        // The heading went with its table.
        auto* table = qobject_cast<QTextTable*>(doc.rootFrame()->childFrames().at(0));
        QVERIFY(table);
        const QRectF box = doc.documentLayout()->frameBoundingRect(table);
        QTextBlock heading = doc.begin();
        while (heading.isValid() && !heading.text().contains("heading"))
            heading = heading.next();
        QVERIFY(heading.isValid());
        QCOMPARE(pageOf(doc.documentLayout()->blockBoundingRect(heading).top()), pageOf(box.top()));
        QCOMPARE(pageOf(box.top()), pageOf(box.bottom() - 1));
    }

    // A paragraph that runs over a break would have its lines of one page painted again,
    // clipped, on the other (their text in the PDF outside the margins): it moves whole.
    void paragraphsStayWholeOnAPage()
    {
        const QString para = "<p>" + QString("The paragraph that must stay on one page. ").repeated(12) + "</p>";
        QTextDocument doc;
        const auto span = [&](const QTextBlock& b) {
            const QTextLayout* l = b.layout();
            const double top = l->position().y() + l->lineAt(0).y();
            const QTextLine last = l->lineAt(l->lineCount() - 1);
            return std::pair(static_cast<int>(top / doc.pageSize().height()),
                static_cast<int>((l->position().y() + last.y() + last.height() - 1) / doc.pageSize().height()));
        };
        QTextBlock block;
        int lines = 1;
        for (; lines < 100; ++lines) {
            doc.setHtml(QString("<p>filler</p>").repeated(lines) + para);
            doc.setPageSize(QSizeF(400, 500));
            doc.pageCount();
            block = doc.lastBlock();
            if (span(block).first != span(block).second)
                break;
        }
        QVERIFY2(lines < 100, "Qt never let the paragraph run over the break");
        const sg::ui::TablePagination result = sg::ui::keepTablesWhole(doc);
        QCOMPARE(result.blocksMoved, 1);
        block = doc.lastBlock();
        QCOMPARE(span(block).first, span(block).second);
        QCOMPARE(span(block).first, 1);
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
