// What people expect of a desktop program, on the real window: a project opened from the
// command line (with the sign-in dialog), the title naming what is open, Open Recent with a
// missing entry, Help > About, panels that come back and a layout remembered per role, a
// folder without DICOM that leaves the project open, and a dropped folder.
#include "core/ml/TorchVersion.h"
#include "core/util/LibraryVersions.h"
#include "tests/support/Passphrases.h"
#include "tests/ui/LabelingFixture.h"
#include "ui/labeling/IdentityDialog.h"
#include "ui/labeling/LabelingController.h"
#include "ui/main/AboutDialog.h"
#include "ui/main/CommandLine.h"
#include "ui/main/RecentFiles.h"
#include "ui/main/UserGuide.h"
#include "ui/main/WindowLayout.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>
#include <QUrl>
#include <QWidgetAction>

#include <functional>

using namespace sg::core;
using sg::ui::MainWindow;

namespace {

// Signs in as `name` once the sign-in dialog is up (it runs its own event loop, so the test
// can only reach it from a timer that fires inside that loop).
void signInWhenAsked(const QString& name, bool* done)
{
    auto* dialog = qobject_cast<sg::ui::IdentityDialog*>(QApplication::activeModalWidget());
    if (!dialog) {
        QTimer::singleShot(20, [name, done] { signInWhenAsked(name, done); });
        return;
    }
    // The fixture's lead has no passphrase yet: the first sign-in sets it (typed twice).
    if (dialog->isChecking()) {
        QTimer::singleShot(20, [name, done] { signInWhenAsked(name, done); });
        return;
    }
    if (dialog->isFirstSignIn()) {
        dialog->passphraseEdit()->setText(sg::test::kLeadPassphrase);
        dialog->confirmEdit()->setText(sg::test::kLeadPassphrase);
        dialog->startButton()->click();
        *done = true;
        return;
    }
    dialog->nameEdit()->setText(name);
    dialog->passphraseEdit()->setText(sg::test::kLeadPassphrase);
    dialog->startButton()->click();
    QTimer::singleShot(20, [name, done] { signInWhenAsked(name, done); });
}

QAction* actionNamed(QMenu* menu, const QString& text)
{
    for (QAction* a : menu->actions())
        if (a->text().remove('&') == text)
            return a;
    return nullptr;
}

QMenu* menuNamed(MainWindow& window, const QString& title)
{
    for (QAction* a : window.menuBar()->actions())
        if (a->menu() && a->text().remove('&') == title)
            return a->menu();
    return nullptr;
}

QDockWidget* dock(MainWindow& window, const char* name)
{
    return window.findChild<QDockWidget*>(name);
}

} // namespace

class TestDesktopApp : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        // A settings file of its own: recent files and layouts must not leak between runs.
        QCoreApplication::setOrganizationName(QStringLiteral("SpineGradeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_DesktopApp"));
        QSettings().clear();
    }
    void init() { QSettings().clear(); }

    void opensAProjectFromTheCommandLine()
    {
        QTemporaryDir dir;
        QVERIFY(sg::test::writeLabelingSeries(dir.path()));
        const std::string db = sg::test::makeProjectOver(dir.path(), "study.sgdb");
        QVERIFY(!db.empty());
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window, sg::test::kHangBoundMs));
        QCOMPARE(window.windowTitle(), QString("SpineGrade"));

        bool signedIn = false;
        QTimer::singleShot(0, [&] { signInWhenAsked("lead", &signedIn); });
        // What main() does with `spinegrade study.sgdb`.
        QCommandLineParser parser;
        sg::ui::addGuiOptions(parser);
        QVERIFY(parser.parse({"spinegrade", QString::fromStdString(db)}));
        sg::ui::openFromCommandLine(window, parser.positionalArguments(), parser.isSet("demo"));
        QTRY_VERIFY_WITH_TIMEOUT(window.labeling().isActive(), sg::test::kHangBoundMs);
        QVERIFY(signedIn); // through the sign-in dialog, as from the menu
        QCOMPARE(window.labeling().controller().projectPath(), QString::fromStdString(db));
        QCOMPARE(window.windowTitle(), QString("SpineGrade - study.sgdb (lead)"));
        // The log records the project's events; the project is a recent file.
        QVERIFY2(
            window.logText().contains("Opened project " + QString::fromStdString(db)), qPrintable(window.logText()));
        QVERIFY(window.logText().contains("Signed in as lead (lead)"));
        QCOMPARE(window.recentFiles().paths().value(0), QString::fromStdString(db));

        // Closing the project names nothing; a study names its description.
        window.labeling().close();
        QCOMPARE(window.windowTitle(), QString("SpineGrade"));
        QSignalSpy loaded(&window, &MainWindow::studyLoaded);
        sg::ui::openFromCommandLine(window, {dir.path()}, false);
        QVERIFY(loaded.wait(sg::test::kHangBoundMs));
        QCOMPARE(window.windowTitle(), QString("SpineGrade - Lumbar spine (test)"));
    }

    void aFolderWithoutDicomKeepsTheProjectOpen()
    {
        QTemporaryDir dir, empty;
        QVERIFY(sg::test::writeLabelingSeries(dir.path()));
        const std::string db = sg::test::makeProjectOver(dir.path(), "keep.sgdb");
        QVERIFY(!db.empty());
        MainWindow window;
        QVERIFY(sg::test::openWindow(window, db, "lead"));
        QFile note(empty.path() + "/notes.txt");
        QVERIFY(note.open(QIODevice::WriteOnly));
        note.write("not an image");
        note.close();
        QSignalSpy finished(&window, &MainWindow::loadFinished);
        window.openPath(empty.path());
        QVERIFY(finished.wait(sg::test::kHangBoundMs));
        QVERIFY(window.labeling().isActive()); // the project was not closed
        QCOMPARE(window.windowTitle(), QString("SpineGrade - keep.sgdb (lead)"));
        QVERIFY2(window.statusText().contains("No DICOM images were found in " + empty.path()),
            qPrintable(window.statusText()));
        QVERIFY(window.statusText().contains("keep.sgdb stays open"));
        QVERIFY(window.statusText().contains("notes.txt")); // the skipped file by name
        if (!qEnvironmentVariableIsEmpty("SG_SCREENSHOT_DIR")) {
            QTest::qWait(100);
            QVERIFY(window.grab().save(qEnvironmentVariable("SG_SCREENSHOT_DIR") + "/no_dicom_status.png"));
        }
    }

    void recentFilesListTheLastTenAndGreyAMissingOne()
    {
        QTemporaryDir dir;
        QVERIFY(sg::test::writeLabelingSeries(dir.path()));
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window, sg::test::kHangBoundMs));
        sg::ui::RecentFiles& recent = window.recentFiles();
        QVERIFY(recent.paths().isEmpty());
        // Twelve folders, then the study: ten kept, newest first.
        QTemporaryDir others;
        for (int i = 0; i < 12; ++i) {
            QVERIFY(QDir(others.path()).mkpath(QString("f%1").arg(i)));
            recent.add(others.path() + QString("/f%1").arg(i));
        }
        QSignalSpy loaded(&window, &MainWindow::studyLoaded);
        window.openPath(dir.path());
        QVERIFY(loaded.wait(sg::test::kHangBoundMs));
        QStringList paths = recent.paths();
        QCOMPARE(paths.size(), sg::ui::RecentFiles::kMaximum);
        QCOMPARE(paths.first(), QDir::cleanPath(dir.path()));
        QCOMPARE(paths.last(), others.path() + "/f3");

        // f11 and f10 go away (an unmounted drive, a deleted folder): still listed, greyed, with
        // their paths.
        const QString gone = others.path() + "/f11";
        const QString goneToo = others.path() + "/f10";
        QVERIFY(QDir(gone).removeRecursively());
        QVERIFY(QDir(goneToo).removeRecursively());
        QMenu* menu = window.openRecentMenu();
        emit menu->aboutToShow();
        QAction* missing = nullptr;
        QAction* study = nullptr;
        for (QAction* a : menu->actions()) {
            if (a->data().toString() == gone)
                missing = a;
            if (a->data().toString() == QDir::cleanPath(dir.path()))
                study = a;
        }
        QVERIFY(missing && study);
        auto* row = qobject_cast<QWidgetAction*>(missing);
        QVERIFY(row && row->defaultWidget());
        auto* rowLabel = row->defaultWidget()->findChild<QLabel*>();
        QVERIFY(rowLabel && !rowLabel->isEnabled()); // greyed
        QVERIFY2(missing->text().contains(gone) && missing->text().contains("missing"), qPrintable(missing->text()));
        QVERIFY(study->isEnabled());
        QVERIFY(study->text().contains("study"));

        // Choosing an entry opens it.
        window.openStudy(others.path() + "/f0"); // something else first (empty: the study stays)
        QSignalSpy ended(&window, &MainWindow::loadFinished);
        QVERIFY(ended.wait(sg::test::kHangBoundMs));
        const int before = loaded.count();
        study->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() > before, sg::test::kHangBoundMs);

        // One missing entry can be removed by itself; then Remove missing entries takes the
        // rest; Clear empties the list.
        auto* removeOne = row->defaultWidget()->findChild<QToolButton*>("recentRemoveEntry");
        QVERIFY(removeOne);
        removeOne->click();
        QVERIFY(!recent.paths().contains(gone));
        QVERIFY(recent.paths().contains(goneToo));
        emit menu->aboutToShow();
        auto* prune = menu->findChild<QAction*>("recentRemoveMissing");
        if (!prune)
            for (QAction* a : menu->actions())
                if (a->objectName() == "recentRemoveMissing")
                    prune = a;
        QVERIFY(prune && prune->isEnabled());
        prune->trigger();
        QVERIFY(!recent.paths().contains(goneToo));
        QCOMPARE(recent.paths().size(), sg::ui::RecentFiles::kMaximum - 2);
        emit menu->aboutToShow();
        QAction* clear = nullptr;
        for (QAction* a : menu->actions())
            if (a->objectName() == "recentClear")
                clear = a;
        QVERIFY(clear && clear->isEnabled());
        clear->trigger();
        QVERIFY(recent.paths().isEmpty());
        // Kept across windows (QSettings): a new window sees what the last one added.
        recent.add(dir.path());
        MainWindow second;
        QCOMPARE(second.recentFiles().paths(), QStringList {QDir::cleanPath(dir.path())});
    }

    void aboutNamesVersionsModelAndLicence()
    {
        const QString html = sg::ui::aboutHtml();
        QVERIFY2(html.contains(QStringLiteral(SG_VERSION)), qPrintable(html));
        QVERIFY(html.contains(QString("Qt</td><td>&nbsp;&nbsp;%1").arg(qVersion())));
        QVERIFY(html.contains("VTK</td><td>&nbsp;&nbsp;9."));
        QVERIFY(html.contains(QString::fromStdString(itkVersion() + " / " + gdcmVersion())));
        QVERIFY(!itkVersion().empty() && !gdcmVersion().empty());
        QVERIFY(html.contains("LibTorch</td><td>&nbsp;&nbsp;" + QString::fromStdString(torchVersion())));
        QVERIFY(torchVersion().find('.') != std::string::npos);
        QVERIFY(html.contains("SQLite</td><td>&nbsp;&nbsp;3."));
        QVERIFY(html.contains("spinegrade-synthetic")); // the shipped model
        QVERIFY(html.contains("MIT License"));

        // Help > About shows it.
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window, sg::test::kHangBoundMs));
        QMenu* help = menuNamed(window, "Help");
        QVERIFY(help);
        QAction* about = actionNamed(help, "About SpineGrade");
        QVERIFY(about);
        about->trigger();
        auto* dialog = window.findChild<sg::ui::AboutDialog*>();
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isVisible(), sg::test::kHangBoundMs);
        QCOMPARE(dialog->findChild<QLabel*>("aboutText")->text(), html);
        // The F1 sheet stays beside it.
        QAction* keys = actionNamed(help, "Keyboard shortcuts");
        QVERIFY(keys && keys->shortcut() == QKeySequence(Qt::Key_F1));
        {
            // The sheet says which keys work in which mode: a heading per mode, the labeling
            // keys under "Labeling", the review's under "Review".
            QStringList sheet;
            QTimer::singleShot(0, &window, [&] {
                auto* table = window.findChild<QTableWidget*>("shortcutsTable");
                if (table)
                    for (int r = 0; r < table->rowCount(); ++r)
                        sheet << (table->item(r, 1)->text().isEmpty() ? "# " : "") + table->item(r, 0)->text();
                if (table && !qEnvironmentVariableIsEmpty("SG_SCREENSHOT_DIR"))
                    table->window()->grab().save(qEnvironmentVariable("SG_SCREENSHOT_DIR") + "/shortcuts.png");
                if (table)
                    table->window()->close();
            });
            keys->trigger();
            const auto heading = [&](const QString& start) {
                for (int i = 0; i < sheet.size(); ++i)
                    if (sheet[i].startsWith("# " + start))
                        return i;
                return -1;
            };
            const int labeling = heading("Labeling"), review = heading("Review");
            QVERIFY2(labeling >= 0 && review >= 0, qPrintable(sheet.join(" | ")));
            QVERIFY(heading("Viewing a study") >= 0 && heading("Mouse") >= 0);
            // Under each heading, that mode's actions (up to the next heading).
            const auto under = [&](int at) {
                QStringList out;
                for (int i = at + 1; i < sheet.size() && !sheet[i].startsWith("# "); ++i)
                    out << sheet[i];
                return out;
            };
            QVERIFY2(!under(labeling).isEmpty() && !under(review).isEmpty(), qPrintable(sheet.join(" | ")));
            // Go to item (Ctrl+G) finds an item of a project: listed for labeling and review, not
            // with the keys of viewing a study.
            QVERIFY2(!under(heading("Viewing a study")).contains("Go to item…"), qPrintable(sheet.join(" | ")));
            QVERIFY2(under(labeling).contains("Go to item…") && under(review).contains("Go to item…"),
                qPrintable(sheet.join(" | ")));
        }
        if (!qEnvironmentVariableIsEmpty("SG_SCREENSHOT_DIR")) {
            QTest::qWait(100); // let the dialog lay out before it is grabbed
            QVERIFY(dialog->grab().save(qEnvironmentVariable("SG_SCREENSHOT_DIR") + "/about.png"));
        }
        dialog->close();
    }

    void theUserGuideHasAPagePerRoleWithScreenshots()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window, sg::test::kHangBoundMs));
        QAction* open = actionNamed(menuNamed(window, "Help"), "User guide");
        QVERIFY(open);
        open->trigger();
        auto* guide = window.findChild<sg::ui::UserGuide*>();
        QVERIFY(guide && guide->isVisible());
        for (const QString& role : sg::ui::UserGuide::roles()) {
            guide->showRole(role);
            QCOMPARE(guide->browser()->source(), sg::ui::UserGuide::pageUrl(role));
            const QString text = guide->browser()->toPlainText();
            QVERIFY2(text.size() > 300, qPrintable(role));
            // Every image the page shows is bundled (a missing one would be an empty resource).
            const QString html = guide->browser()->toHtml();
            QVERIFY2(html.contains("../screenshots/"), qPrintable(role));
            QRegularExpression img("src=\"\\.\\./screenshots/([a-z_]+\\.png)\"");
            int images = 0;
            for (auto m = img.globalMatch(html); m.hasNext(); ++images) {
                const QString name = m.next().captured(1);
                QVERIFY2(QFile::exists(":/guide/screenshots/" + name), qPrintable(name));
            }
            QVERIFY(images >= 1);
        }
        // It opens on the page of the window's role (viewing: the clinician's).
        guide->showRole("lead");
        open->trigger();
        QCOMPARE(guide->browser()->source(), sg::ui::UserGuide::pageUrl("clinician"));
        if (!qEnvironmentVariableIsEmpty("SG_SCREENSHOT_DIR")) {
            guide->showRole("annotator");
            QTest::qWait(100);
            QVERIFY(guide->grab().save(qEnvironmentVariable("SG_SCREENSHOT_DIR") + "/user_guide.png"));
        }
    }

    void closedPanelsComeBackAndTheLayoutIsRememberedPerRole()
    {
        QTemporaryDir dir;
        QVERIFY(sg::test::writeLabelingSeries(dir.path()));
        const std::string db = sg::test::makeProjectOver(dir.path(), "layout.sgdb");
        QVERIFY(!db.empty());
        {
            MainWindow window;
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window, sg::test::kHangBoundMs));
            QDockWidget* log = dock(window, "logDock");
            QVERIFY(log && log->isVisible());
            log->close(); // its title bar's close button
            QVERIFY(!log->isVisible());
            // View > Panels has every dock; the log's entry brings it back.
            QMenu* panels = window.windowLayout().panelsMenu();
            emit panels->aboutToShow();
            QStringList names;
            for (QAction* a : panels->actions())
                names << a->text();
            for (const char* n : {"Study", "Log", "CNN", "Label", "Worklist"})
                QVERIFY2(names.contains(n), qPrintable(names.join(',')));
            QAction* logEntry = actionNamed(panels, "Log");
            QVERIFY(!logEntry->isChecked());
            logEntry->trigger();
            QVERIFY(log->isVisible());

            // A viewing arrangement without the study tree is kept for next time.
            dock(window, "studyDock")->close();
            QVERIFY(!dock(window, "studyDock")->isVisible());
        }
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window, sg::test::kHangBoundMs));
        QCOMPARE(window.windowLayout().role(), QString("clinician"));
        QVERIFY(!dock(window, "studyDock")->isVisible()); // remembered
        QVERIFY(dock(window, "logDock")->isVisible());

        // The lead's layout is its own: the log closed there stays closed for the lead only.
        QVERIFY(window.openLabelingProject(QString::fromStdString(db), "lead"));
        QCOMPARE(window.windowLayout().role(), QString("lead"));
        QVERIFY(dock(window, "worklistDock")->isVisible());
        dock(window, "logDock")->close();
        window.labeling().close();
        QCOMPARE(window.windowLayout().role(), QString("clinician"));
        QVERIFY(dock(window, "logDock")->isVisible());
        QVERIFY(!dock(window, "worklistDock")->isVisible());
        QVERIFY(window.openLabelingProject(QString::fromStdString(db), "lead"));
        QVERIFY(!dock(window, "logDock")->isVisible());
        QVERIFY(dock(window, "labelDock")->isVisible());
        window.labeling().close();

        // View > Reset layout: the viewing default again, study tree included.
        QAction* reset = window.findChild<QAction*>("resetLayout");
        QVERIFY(reset);
        reset->trigger();
        QVERIFY(dock(window, "studyDock")->isVisible());
        QVERIFY(dock(window, "logDock")->isVisible());
        QVERIFY(dock(window, "cnnDock")->isVisible());
        QVERIFY(!dock(window, "labelDock")->isVisible());
    }

    void aDroppedFolderOpens()
    {
        QTemporaryDir dir;
        QVERIFY(sg::test::writeLabelingSeries(dir.path()));
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window, sg::test::kHangBoundMs));
        QVERIFY(window.acceptDrops());
        QMimeData data;
        data.setUrls({QUrl::fromLocalFile(dir.path())});
        const QPoint at = window.rect().center();
        QDragEnterEvent enter(at, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QSignalSpy loaded(&window, &MainWindow::studyLoaded);
        QDropEvent drop(at, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &drop);
        QVERIFY(loaded.wait(sg::test::kHangBoundMs));
        QCOMPARE(window.windowTitle(), QString("SpineGrade - Lumbar spine (test)"));
    }
};

QTEST_MAIN(TestDesktopApp)
#include "tst_DesktopApp.moc"
