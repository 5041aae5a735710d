// The import root on this machine (issue 13, README "De-identification"): a project whose study
// folder moved asks its lead where the folder is now, checks the answer, remembers it for that
// project (QSettings, under the project's id) and shows the slices from there; the next open on
// this machine is not asked. Real SQLite file, real DICOM through the reader, real window.
#include "core/dicom/DicomScanner.h"
#include "core/store/ProjectStore.h"
#include "core/store/ReaderKit.h"
#include "core/store/Worklist.h"
#include "tests/support/SeriesFactory.h"
#include "tests/support/TestData.h"
#include "ui/common/ImportRoots.h"
#include "ui/labeling/ImportRootPrompt.h"
#include "ui/labeling/LabelingController.h"
#include "ui/labeling/LabelingMode.h"
#include "ui/main/MainWindow.h"
#include "ui/review/ReviewMode.h"
#include "ui/viewer/SliceView.h"
#include "ui/viewer/SliceViewModel.h"
#include "ui/vtk/VtkViewport.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QMessageBox>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace sg::core;

namespace {

// The visible one of the window's children of that type and name, or nullptr.
template <typename T>
T* visibleChild(QWidget& window, const QString& name)
{
    for (T* child : window.findChildren<T*>(name))
        if (child->isVisible())
            return child;
    return nullptr;
}

// The folder chooser is up (or comes): answers it with `folder`, as its Choose button does.
bool chooseInDialog(QWidget& window, const QString& folder)
{
    QFileDialog* dialog = nullptr;
    if (!QTest::qWaitFor([&] { return (dialog = visibleChild<QFileDialog>(window, "importRootDialog")) != nullptr; },
            sg::test::kHangBoundMs))
        return false;
    dialog->selectFile(folder);
    static_cast<QDialog*>(dialog)->accept(); // QFileDialog's own accept()
    return true;
}

// The question is up: clicks "Choose the folder…", then answers the folder chooser with `folder`.
bool answer(QWidget& window, const QString& folder, QString* question = nullptr)
{
    QMessageBox* box = nullptr;
    if (!QTest::qWaitFor([&] { return (box = visibleChild<QMessageBox>(window, "importRootQuestion")) != nullptr; },
            sg::test::kHangBoundMs))
        return false;
    if (question)
        *question = box->text();
    auto* choose = box->findChild<QAbstractButton*>("chooseImportRoot");
    if (!choose)
        return false;
    choose->click();
    return chooseInDialog(window, folder);
}

bool imageShown(sg::ui::MainWindow& window)
{
    return window.labeling().model().image() != nullptr && window.sliceView().pixelAt({10, 10}).has_value();
}

} // namespace

class TestImportRoot : public QObject {
    Q_OBJECT
private slots:
    void init() { QSettings().clear(); }

    void movedStudiesAreAskedForOnceAndRemembered()
    {
        QTemporaryDir dir;
        // Unicode in both folders: the paths go through QString, std::string and SQLite.
        const QString studies = dir.filePath(QStringLiteral("Études ü"));
        const QString moved = dir.filePath(QStringLiteral("elsewhere/Études déplacées"));
        QVERIFY(sg::test::writeSeries(studies.toStdString(), sg::test::lumbarSeries(64, 64, 2)).ok());
        const QString db = dir.filePath("study.sgdb");
        std::string projectId;
        {
            auto store = ProjectStore::create(db.toStdString());
            QVERIFY(store);
            QVERIFY((*store)->importScan(scanPath(studies.toStdString()), studies.toStdString()));
            QVERIFY(buildWorklist(**store, {}));
            QVERIFY((*store)->addAnalyzer("lead", Role::Lead));
            projectId = (*store)->projectId();
        }
        QVERIFY(!projectId.empty());
        // The lead's machine has the studies somewhere else now.
        QVERIFY(QDir().mkpath(dir.filePath("elsewhere")));
        QVERIFY(QDir().rename(studies, moved));
        const QString empty = dir.filePath("empty");
        QVERIFY(QDir().mkpath(empty));

        {
            sg::ui::MainWindow window;
            window.resize(1200, 800);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window, sg::test::kHangBoundMs));
            QVERIFY(window.openLabelingProject(db, "lead"));
            // Asked, naming where the studies were looked for.
            QString question;
            QVERIFY(answer(window, empty, &question));
            QVERIFY2(question.contains(QDir::toNativeSeparators(studies)), qPrintable(question));
            QVERIFY2(question.contains("Where is the folder"), qPrintable(question));
            QVERIFY(!imageShown(window)); // the slice's file is not where the project says
            // A folder without the studies is refused, and asked again.
            QVERIFY(answer(window, moved, &question));
            QVERIFY2(question.contains("not in") && question.contains(QDir::toNativeSeparators(empty)),
                qPrintable(question));
            // The right one: the slice shows, read from the moved folder.
            QTRY_VERIFY_WITH_TIMEOUT(imageShown(window), sg::test::kHangBoundMs);
            const sg::core::Item* item = window.labeling().controller().item();
            QVERIFY(item);
            QVERIFY2(QString::fromStdString(item->file).startsWith(moved), item->file.c_str());
            QCOMPARE(QSettings().value(sg::ui::importRootKey(projectId)).toString(), QDir::cleanPath(moved));
            // Every store the GUI opens for it reads from there.
            QCOMPARE(QString::fromStdString(sg::ui::projectOpenOptions(db).root), QDir::cleanPath(moved));
        }

        // Opened again on this machine: not asked, the slice shows at once.
        {
            sg::ui::MainWindow window;
            window.resize(1200, 800);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window, sg::test::kHangBoundMs));
            auto* prompt = window.findChild<sg::ui::ImportRootPrompt*>();
            QVERIFY(prompt);
            QSignalSpy checked(prompt, &sg::ui::ImportRootPrompt::studiesChecked);
            QVERIFY(window.openLabelingProject(db, "lead"));
            QTRY_COMPARE_WITH_TIMEOUT(checked.count(), 1, sg::test::kHangBoundMs);
            QCOMPARE(checked.at(0).at(0).toBool(), true);
            QVERIFY(visibleChild<QMessageBox>(window, "importRootQuestion") == nullptr);
            QTRY_VERIFY_WITH_TIMEOUT(imageShown(window), sg::test::kHangBoundMs);

            // File > Locate studies… asks at any time; a wrong answer is refused and asked again.
            auto* locate = window.findChild<QAction*>("locateStudies");
            QVERIFY(locate && locate->isEnabled());
            locate->trigger();
            QVERIFY(chooseInDialog(window, empty));
            QString question;
            QVERIFY(answer(window, moved, &question));
            QVERIFY2(question.contains(QDir::toNativeSeparators(empty)), qPrintable(question));
            QTRY_VERIFY_WITH_TIMEOUT(imageShown(window), sg::test::kHangBoundMs);
            QCOMPARE(QSettings().value(sg::ui::importRootKey(projectId)).toString(), QDir::cleanPath(moved));

            // Chosen while review is in front: review keeps its place; labeling opens the project
            // again (its files under the folder) once it is back.
            QVERIFY(window.review().enter());
            QSignalSpy reopened(&window.labeling(), &sg::ui::LabelingMode::activeChanged);
            QSignalSpy changed(prompt, &sg::ui::ImportRootPrompt::rootChanged);
            locate->trigger();
            QVERIFY(chooseInDialog(window, moved));
            QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, sg::test::kHangBoundMs); // checked and remembered
            QVERIFY(window.review().isActive());
            QCOMPARE(reopened.count(), 0);
            window.review().leave();
            QTRY_COMPARE_WITH_TIMEOUT(reopened.count(), 1, sg::test::kHangBoundMs);
            QVERIFY(reopened.at(0).at(0).toBool());
            QTRY_VERIFY_WITH_TIMEOUT(imageShown(window), sg::test::kHangBoundMs);
        }

        // The remembered folder moved as well: asked again.
        const QString third = dir.filePath(QStringLiteral("third"));
        QVERIFY(QDir().rename(moved, third));
        {
            sg::ui::MainWindow window;
            window.resize(1200, 800);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window, sg::test::kHangBoundMs));
            QVERIFY(window.openLabelingProject(db, "lead"));
            QString question;
            QVERIFY(answer(window, third, &question));
            QVERIFY2(question.contains(QDir::toNativeSeparators(QDir::cleanPath(moved))), qPrintable(question));
            QTRY_VERIFY_WITH_TIMEOUT(imageShown(window), sg::test::kHangBoundMs);
            QCOMPARE(QSettings().value(sg::ui::importRootKey(projectId)).toString(), QDir::cleanPath(third));
        }
    }

    // Odd answers are refused, never a crash: a file, a folder that is not there, an empty path.
    // Cancelled: the studies stay missing, each slice says it cannot be read, and no grade can
    // be saved on it (it would count in the agreement though nobody saw the image).
    void aSliceThatCannotBeReadTakesNoLabel()
    {
        QTemporaryDir dir;
        const QString studies = dir.filePath("studies");
        QVERIFY(sg::test::writeSeries(studies.toStdString(), sg::test::lumbarSeries(64, 64, 1)).ok());
        const QString db = dir.filePath("gone.sgdb");
        {
            auto store = ProjectStore::create(db.toStdString());
            QVERIFY(store);
            QVERIFY((*store)->importScan(scanPath(studies.toStdString()), studies.toStdString()));
            QVERIFY(buildWorklist(**store, {}));
            QVERIFY((*store)->addAnalyzer("lead", Role::Lead));
        }
        QVERIFY(QDir(studies).removeRecursively());
        sg::ui::MainWindow window;
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window, sg::test::kHangBoundMs));
        QVERIFY(window.openLabelingProject(db, "lead"));
        QMessageBox* box = nullptr;
        QVERIFY(
            QTest::qWaitFor([&] { return (box = visibleChild<QMessageBox>(window, "importRootQuestion")) != nullptr; },
                sg::test::kHangBoundMs));
        box->button(QMessageBox::Cancel)->click();
        const auto unreadableShown = [&] {
            const auto corners = window.labeling().model().cornerTexts();
            return std::any_of(
                corners.begin(), corners.end(), [](const QString& t) { return t.contains("Slice unreadable"); });
        };
        QTRY_VERIFY_WITH_TIMEOUT(unreadableShown(), sg::test::kHangBoundMs);
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window, sg::test::kHangBoundMs));
        window.sliceView().setFocus();
        for (Qt::Key k : {Qt::Key_R, Qt::Key_A, Qt::Key_Return})
            QTest::keyClick(&window.sliceView(), k);
        QVERIFY2(window.statusText().startsWith("Not saved") && window.statusText().contains("cannot be read"),
            qPrintable(window.statusText()));
        QCOMPARE(window.labeling().controller().progress().done, 0);
        auto store = ProjectStore::open(db.toStdString());
        QVERIFY(store);
        auto lead = (*store)->findAnalyzer("lead");
        QVERIFY(lead && *lead);
        auto items = (*store)->items();
        QVERIFY(items && !items->empty());
        auto saved = (*store)->label(**lead, items->front().id, (*lead)->id);
        QVERIFY(saved);
        QVERIFY(!saved->has_value());
    }

    void oddFoldersAreRefused()
    {
        QTemporaryDir dir;
        const QString studies = dir.filePath(QStringLiteral("研究"));
        QVERIFY(sg::test::writeSeries(studies.toStdString(), sg::test::lumbarSeries(64, 64, 1)).ok());
        const auto scan = scanPath(studies.toStdString());
        QVERIFY(!scan.studies.empty());
        sg::ui::RootSample sample;
        for (const auto& file : QDir(studies).entryList(QDir::Files)) {
            sample.files << dir.filePath("gone/" + file);
            sample.relative << file;
        }
        QVERIFY(!sample.empty());
        QVERIFY(!sg::ui::sampleFound(sample));
        QVERIFY(sg::ui::sampleFoundUnder(sample, studies));
        QVERIFY(!sg::ui::sampleFoundUnder(sample, studies + "/" + sample.relative.first())); // a file
        QVERIFY(!sg::ui::sampleFoundUnder(sample, dir.filePath("not there")));
        QVERIFY(!sg::ui::sampleFoundUnder(sample, QString()));
        QCOMPARE(sg::ui::sampleRoot(sample), dir.filePath("gone"));
    }

    // A reader kit holds its pixels: its analyzer is never asked for a folder.
    void aReaderKitIsNeverAsked()
    {
        QTemporaryDir dir;
        const QString studies = dir.filePath("studies");
        QVERIFY(sg::test::writeSeries(studies.toStdString(), sg::test::lumbarSeries(64, 64, 1)).ok());
        const QString db = dir.filePath("study.sgdb");
        const QString kit = dir.filePath("ann.sgkit");
        {
            auto store = ProjectStore::create(db.toStdString());
            QVERIFY(store);
            QVERIFY((*store)->importScan(scanPath(studies.toStdString()), studies.toStdString()));
            QVERIFY(buildWorklist(**store, {}));
            QVERIFY((*store)->addAnalyzer("lead", Role::Lead));
            QVERIFY((*store)->addAnalyzer("ann", Role::Analyzer));
            QVERIFY(exportReaderKit(**store, "ann", kit.toStdString()));
        }
        QVERIFY(QDir(studies).removeRecursively());
        sg::ui::MainWindow window;
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window, sg::test::kHangBoundMs));
        QVERIFY(window.openLabelingProject(kit, "ann"));
        QVERIFY(window.labeling().controller().isReaderKit());
        QTRY_VERIFY_WITH_TIMEOUT(imageShown(window), sg::test::kHangBoundMs);
        // The look is decided on open (a kit is never looked for): no question was made.
        QVERIFY(window.findChildren<QMessageBox*>("importRootQuestion").isEmpty());
        auto* locate = window.findChild<QAction*>("locateStudies");
        QVERIFY(locate);
        QVERIFY(!locate->isEnabled());
    }
};

int main(int argc, char** argv)
{
    sg::ui::VtkViewport::setDefaultSurfaceFormat();
    QApplication app(argc, argv);
    QApplication::setOrganizationName("SpineGradeTest");
    QApplication::setApplicationName("tst_ImportRoot");
    QStandardPaths::setTestModeEnabled(true); // remembered roots go to a test settings file
    TestImportRoot test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_ImportRoot.moc"
