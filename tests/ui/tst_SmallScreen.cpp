// The main window on a 1366x768 laptop screen: run under Xvfb with exactly that screen (the
// test's CMake entry starts one). In each role (clinician viewing a study, annotator, lead)
// the window's frame fits the screen, no minimum height is over 700 px, and the status bar is
// on screen; a long status message is cut with "…" and readable whole in its tooltip.
#include "tests/ui/LabelingFixture.h"
#include "ui/browser/StudyBrowser.h"
#include "ui/common/ElidedLabel.h"
#include "ui/dashboard/DashboardWidget.h"
#include "ui/labeling/LabelingController.h"
#include "ui/main/MainWindow.h"
#include "ui/main/WindowLayout.h"

#include <QApplication>
#include <QDockWidget>
#include <QScreen>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace sg::core;

namespace {

constexpr int kMaxMinimumHeight = 700; // the screen's 768 less a task bar and a title bar

// Empty if `window` fits `screen` as the issue asks, else what does not.
QString fits(sg::ui::MainWindow& window, QScreen* screen)
{
    QStringList wrong;
    const QRect available = screen->availableGeometry();
    if (!available.contains(window.frameGeometry()))
        wrong << QString("frame %1,%2 %3x%4 outside the screen's %5x%6")
                     .arg(window.frameGeometry().x())
                     .arg(window.frameGeometry().y())
                     .arg(window.frameGeometry().width())
                     .arg(window.frameGeometry().height())
                     .arg(available.width())
                     .arg(available.height());
    const int minimum = std::max(window.minimumHeight(), window.minimumSizeHint().height());
    if (minimum > kMaxMinimumHeight)
        wrong << QString("minimum height %1").arg(minimum);
    QStatusBar* bar = window.statusBar();
    const QRect barInWindow(bar->mapTo(&window, QPoint(0, 0)), bar->size());
    if (!bar->isVisible() || bar->height() < 10 || !window.rect().contains(barInWindow))
        wrong << QString("status bar not on screen (visible %1, at %2, height %3, window height %4)")
                     .arg(bar->isVisible())
                     .arg(barInWindow.y())
                     .arg(bar->height())
                     .arg(window.height());
    for (QDockWidget* dock : {window.studyDock(), window.logDock(), window.cnnDock(), window.labeling().panelDock(),
             window.labeling().worklistDock()})
        if (dock->isVisible() && dock->minimumSizeHint().height() > kMaxMinimumHeight)
            wrong << QString("%1 needs %2 px").arg(dock->windowTitle()).arg(dock->minimumSizeHint().height());
    return wrong.join("; ");
}

} // namespace

class TestSmallScreen : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::string m_db;

private slots:
    void initTestCase()
    {
        // The premise: without the small screen this test would prove nothing.
        QCOMPARE(QGuiApplication::primaryScreen()->geometry().size(), QSize(1366, 768));
        QVERIFY(sg::test::writeLabelingSeries(m_dir.path()));
        m_db = sg::test::makeProjectOver(m_dir.path(), "small.sgdb");
        QVERIFY(!m_db.empty());
        auto store = ProjectStore::open(m_db);
        QVERIFY(store && (*store)->addAnalyzer("ann", Role::Analyzer));
    }

    void theWindowFitsInEachRole_data()
    {
        QTest::addColumn<QString>("role");
        QTest::newRow("clinician") << QString("clinician");
        QTest::newRow("annotator") << QString("annotator");
        QTest::newRow("lead") << QString("lead");
    }
    void theWindowFitsInEachRole()
    {
        QFETCH(QString, role);
        sg::ui::MainWindow window;
        window.show(); // at the size it chooses for this screen
        QVERIFY(QTest::qWaitForWindowExposed(&window, sg::test::kHangBoundMs));
        QScreen* screen = window.screen();
        if (role == "clinician") {
            QSignalSpy loaded(&window, &sg::ui::MainWindow::studyLoaded);
            window.openStudy(m_dir.path());
            QVERIFY(loaded.wait(sg::test::kHangBoundMs));
        } else {
            QVERIFY(window.openLabelingProject(QString::fromStdString(m_db), role == "lead" ? "lead" : "ann"));
            QCOMPARE(window.labeling().controller().isLead(), role == "lead");
        }
        QCOMPARE(window.windowLayout().role(), role);
        // The Study tab is not blank while labeling: it says why there is no study.
        auto* browser = qobject_cast<sg::ui::StudyBrowser*>(window.studyDock()->widget());
        QVERIFY(browser);
        QCOMPARE(browser->placeholder().contains("worklist"), role != "clinician");
        if (const QByteArray dir = qgetenv("SG_SCREENSHOT_DIR"); !dir.isEmpty() && role == "annotator") {
            window.studyDock()->raise();
            QTRY_VERIFY_WITH_TIMEOUT(browser->isVisible(), 5000);
            QVERIFY(browser->grab().save(QString::fromLocal8Bit(dir) + "/study_tab_annotator.png"));
        }
        // Docks rearranged for the role must not have grown the window past the screen.
        QTRY_VERIFY2_WITH_TIMEOUT(fits(window, screen).isEmpty(), qPrintable(fits(window, screen)), 5000);
        // And the whole window, as the user sees it at the screen's full height.
        window.resize(window.width(), screen->availableGeometry().height());
        QTRY_VERIFY2_WITH_TIMEOUT(fits(window, screen).isEmpty(), qPrintable(fits(window, screen)), 5000);
        qInfo("%s: window %dx%d, minimum height %d, status bar at y %d", qPrintable(role), window.width(),
            window.height(), std::max(window.minimumHeight(), window.minimumSizeHint().height()),
            window.statusBar()->mapTo(&window, QPoint(0, 0)).y());
        if (const QByteArray dir = qgetenv("SG_SCREENSHOT_DIR"); !dir.isEmpty())
            QVERIFY(window.grab().save(QString::fromLocal8Bit(dir) + "/small_screen_" + role + ".png"));
        if (role == "lead") {
            // The lead's dashboard window fits the screen too (it was 1240x1000).
            QVERIFY(window.openDashboard());
            QWidget* dashboard = window.dashboard();
            QVERIFY(QTest::qWaitForWindowExposed(dashboard, sg::test::kHangBoundMs));
            const int minimum = std::max(dashboard->minimumHeight(), dashboard->minimumSizeHint().height());
            QVERIFY2(minimum <= kMaxMinimumHeight, qPrintable(QString::number(minimum)));
            QVERIFY2(dashboard->frameGeometry().height() <= screen->availableGeometry().height() &&
                    dashboard->frameGeometry().width() <= screen->availableGeometry().width(),
                qPrintable(
                    QString("%1x%2").arg(dashboard->frameGeometry().width()).arg(dashboard->frameGeometry().height())));
        }
    }

    void aLongStatusMessageIsCutAndWholeInItsTooltip()
    {
        sg::ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window, sg::test::kHangBoundMs));
        const QString missing = m_dir.path() + "/" + QString("a-folder-name-much-longer-than-a-screen ").repeated(8);
        QVERIFY(!window.openPath(missing));
        sg::ui::ElidedLabel& status = window.statusMessage();
        QVERIFY(window.statusText().contains(missing));
        QVERIFY(status.isElided());
        QVERIFY(status.displayedText().endsWith(QChar(0x2026)));
        QCOMPARE(status.toolTip(), window.statusText());
        // The window did not grow to show it.
        QVERIFY(window.frameGeometry().width() <= window.screen()->availableGeometry().width());
        // A short one shows whole, without a tooltip repeating it.
        QVERIFY(!window.openPath("/nonexistent-x"));
        QVERIFY(!status.isElided());
        QVERIFY(status.toolTip().isEmpty());
    }
};

int main(int argc, char** argv)
{
    sg::ui::VtkViewport::setDefaultSurfaceFormat();
    QApplication app(argc, argv);
    TestSmallScreen test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_SmallScreen.moc"
