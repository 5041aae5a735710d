// A reader kit in the GUI: the analyzer opens it like a project on a machine without the
// DICOM folder, sees the slice (from the kit's own pixels) and labels it; the lead receives it
// with File > Receive.
#include "core/dicom/DicomScanner.h"
#include "core/store/ProjectStore.h"
#include "core/store/ReaderKit.h"
#include "core/store/Worklist.h"
#include "tests/support/SeriesFactory.h"
#include "tests/support/TestData.h"
#include "ui/common/BackgroundTask.h"
#include "ui/labeling/KitTransferAction.h"
#include "ui/labeling/LabelingController.h"
#include "ui/labeling/LabelingMode.h"
#include "ui/main/MainWindow.h"
#include "ui/viewer/SliceView.h"
#include "ui/viewer/SliceViewModel.h"

#include <QAction>
#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace sg::core;

class TestReaderKitGui : public QObject {
    Q_OBJECT
private slots:
    void analyzerLabelsAKitWithoutTheDicomFolder()
    {
        QTemporaryDir dir;
        const QString source = dir.filePath("dicom");
        QVERIFY(sg::test::writeSeries(source.toStdString(), sg::test::lumbarSeries(64, 64, 2)).ok());
        const std::string db = dir.filePath("study.sgdb").toStdString();
        const QString kit = dir.filePath("ann.sgkit");
        std::int64_t firstShown = 0;
        {
            auto store = ProjectStore::create(db);
            QVERIFY(store);
            QVERIFY((*store)->importScan(scanPath(source.toStdString()), source.toStdString()));
            QVERIFY(buildWorklist(**store, {}));
            QVERIFY((*store)->addAnalyzer("lead", Role::Lead));
            QVERIFY((*store)->addAnalyzer("ann", Role::Analyzer));
            auto written = exportReaderKit(**store, "ann", kit.toStdString());
            QVERIFY2(written, written ? "" : written.error().c_str());
        }
        // Another machine: the DICOM folder is not there.
        QVERIFY(QDir(source).removeRecursively());

        {
            sg::ui::MainWindow window;
            window.resize(1200, 800);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window, sg::test::kHangBoundMs));
            QSignalSpy messages(&window.labeling(), &sg::ui::LabelingMode::message);
            QVERIFY(window.openLabelingProject(kit, "ann"));
            qInfo("kit open, waiting for its first slice");
            sg::ui::LabelingController& c = window.labeling().controller();
            QVERIFY(c.isReaderKit());
            QVERIFY(c.item());
            firstShown = c.item()->id;
            // The slice shows, read from the kit.
            // Shown, or the slice could not be read (then the failure says why at once).
            const auto unreadable = [&] {
                for (const QList<QVariant>& m : messages)
                    if (m.at(0).toString().contains(QStringLiteral("cannot be read")))
                        return m.at(0).toString();
                return QString();
            };
            QTRY_VERIFY_WITH_TIMEOUT(
                window.labeling().model().image() != nullptr || !unreadable().isEmpty(), sg::test::kHangBoundMs);
            QVERIFY2(window.labeling().model().image() != nullptr, qPrintable(unreadable()));
            qInfo("slice shown, waiting for it on screen");
            QCOMPARE(window.labeling().model().image()->rows, 64);
            auto fromKit = readKitImage(kit.toStdString(), firstShown);
            QVERIFY(fromKit);
            QVERIFY(window.labeling().model().image()->stored == fromKit->stored);
            const QPointF centre(window.sliceView().width() / 2.0, window.sliceView().height() / 2.0);
            QTRY_VERIFY_WITH_TIMEOUT(window.sliceView().pixelAt(centre).has_value(), sg::test::kHangBoundMs);
            // Nothing of the lead's in an analyzer's kit window.
            auto* kits = window.findChild<sg::ui::KitTransferAction*>();
            QVERIFY(kits);
            QVERIFY(!kits->sendAction()->isEnabled());
            // Label it with the same keys as a project.
            c.setCanal(Canal::Rootlet);
            c.setGrade(Grade::C);
            QVERIFY(c.commitAndNext());
        }

        // The lead receives it (File > Receive, without the file dialog).
        sg::ui::MainWindow lead;
        lead.show();
        QVERIFY(QTest::qWaitForWindowExposed(&lead, sg::test::kHangBoundMs));
        QVERIFY(lead.openLabelingProject(QString::fromStdString(db), "lead"));
        auto* kits = lead.findChild<sg::ui::KitTransferAction*>();
        QVERIFY(kits);
        QVERIFY(kits->receiveAction()->isEnabled());
        QSignalSpy finished(kits, &sg::ui::KitTransferAction::finished);
        QVERIFY(kits->receive(kit));
        qInfo("receiving the kit");
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, sg::test::kHangBoundMs);
        QVERIFY2(finished.front().at(0).toBool(), qPrintable(finished.front().at(1).toString()));
        QVERIFY(finished.front().at(1).toString().contains("merged"));
        lead.labeling().close();
        auto store = ProjectStore::open(db);
        QVERIFY(store);
        const Analyzer leadName = **(*store)->findAnalyzer("lead");
        const Analyzer ann = **(*store)->findAnalyzer("ann");
        auto got = (*store)->label(leadName, firstShown, ann.id);
        QVERIFY(got && *got);
        QCOMPARE((*got)->grade, std::optional<Grade>(Grade::C));
    }
};

QTEST_MAIN(TestReaderKitGui)
#include "tst_ReaderKitGui.moc"
