// The CNN in the program, with the shipped model on a generated study: proposals appear with
// the slice on screen first, follow the user, are stored in a project with the model's name
// and version, respect blinding, stop when the study closes; a missing or corrupt model is
// said and everything else works.
#include "core/dicom/DicomScanner.h"
#include "core/ml/ModelManifest.h"
#include "core/phantom/PhantomWriter.h"
#include "core/store/ProjectRatings.h"
#include "core/store/ProjectStore.h"
#include "core/store/SqliteConnection.h"
#include "core/store/Worklist.h"
#include "tests/ui/LabelingFixture.h"
#include "ui/labeling/LabelingController.h"
#include "ui/labeling/LabelingMode.h"
#include "ui/labeling/LabelingPanel.h"
#include "ui/main/MainWindow.h"
#include "ui/proposals/LabelingProposals.h"
#include "ui/proposals/ProposalWorker.h"
#include "ui/proposals/ScreeningPanel.h"
#include "ui/proposals/ViewerProposals.h"
#include "ui/viewer/SliceView.h"
#include "ui/viewer/ViewerState.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <atomic>
#include <memory>
#include <mutex>

using namespace sg::core;
using namespace sg::ui;

namespace {

SlicePlace placeOf(const ViewerState& state)
{
    return {state.seriesIndex(), state.stackIndex(), state.sliceIndex()};
}

// Sets $SPINEGRADE_MODEL_DIR for one test and restores it after.
class ModelDirOverride {
public:
    explicit ModelDirOverride(const QString& dir) : m_had(qEnvironmentVariableIsSet("SPINEGRADE_MODEL_DIR"))
    {
        m_old = qgetenv("SPINEGRADE_MODEL_DIR");
        qputenv("SPINEGRADE_MODEL_DIR", dir.toUtf8());
    }
    ~ModelDirOverride()
    {
        if (m_had)
            qputenv("SPINEGRADE_MODEL_DIR", m_old);
        else
            qunsetenv("SPINEGRADE_MODEL_DIR");
    }

private:
    bool m_had;
    QByteArray m_old;
};

bool showWindow(MainWindow& window)
{
    window.resize(1280, 860);
    window.show();
    return QTest::qWaitForWindowExposed(&window, sg::test::kHangBoundMs);
}

QString logText(MainWindow& window)
{
    auto* log = window.findChild<QPlainTextEdit*>();
    return log ? log->toPlainText() : QString();
}

} // namespace

class TestProposals : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_study;

    std::string makeProject(const QString& name)
    {
        const std::string db = (m_dir.path() + "/" + name).toStdString();
        auto store = ProjectStore::create(db);
        if (!store || !(*store)->importScan(scanPath(m_study.toStdString()), m_study.toStdString()))
            return {};
        if (!buildWorklist(**store, {}))
            return {};
        if (!(*store)->addAnalyzer("lena", Role::Lead))
            return {}; // the tests then fail on the missing project, not later on a missing lead
        return db;
    }

    // Opens the generated study and waits until the CNN has proposed every slice.
    bool openAndProposeAll(MainWindow& window, std::vector<int>* order = nullptr)
    {
        if (order)
            connect(&window.proposalWorker(), &ProposalWorker::proposed, &window,
                [order](int index, const SliceProposal&) { order->push_back(index); });
        QSignalSpy loaded(&window, &MainWindow::studyLoaded);
        QSignalSpy all(&window.viewerProposals(), &ViewerProposals::allProposed);
        window.openStudy(m_study);
        return loaded.wait(60000) && (all.count() > 0 || all.wait(120000));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_study = m_dir.path() + "/study";
        PhantomOptions options;
        options.seed = 20261128; // not a training seed of the shipped model
        options.size = 256;
        const Status written = generatePhantomStudy(options, m_study.toStdString());
        QVERIFY2(written, written.error().c_str());
    }

    void proposesEverySliceOnScreenFirst()
    {
        MainWindow window;
        QVERIFY(showWindow(window));
        std::vector<int> order;
        SlicePlace onScreen;
        connect(&window, &MainWindow::studyLoaded, this, [&] { onScreen = placeOf(window.state()); });
        QVERIFY(openAndProposeAll(window, &order));

        const ViewerProposals& vp = window.viewerProposals();
        QVERIFY(window.proposalWorker().model());
        QVERIFY(vp.proposals().size() >= 15);
        QCOMPARE(vp.proposals().proposedCount(), vp.proposals().size());
        QCOMPARE(static_cast<int>(order.size()), vp.proposals().size());
        QCOMPARE(order.front(), vp.proposals().indexOf(onScreen)); // the slice on screen came first
        QTRY_VERIFY_WITH_TIMEOUT(window.statusText().contains("CNN proposals for all"), 60000);

        // The phantom's slices have a canal: a patch near the image centre, and a grade.
        const SliceProposal* p = vp.proposals().at(placeOf(window.state()));
        QVERIFY(p);
        QVERIFY(p->canalFound);
        QVERIFY(p->patch);
        QVERIFY(p->patch->w > 4 && p->patch->w < 200);
        QVERIFY(window.screeningPanel().currentLabel()->text().contains("Rootlet"));

        // Screening: every level has its worst grade, and a click shows that slice.
        QTableWidget* levels = window.screeningPanel().levelTable();
        QTRY_VERIFY_WITH_TIMEOUT(levels->rowCount() >= 5, 60000); // rebuilt on a timer
        int graded = 0;
        for (int r = 0; r < levels->rowCount(); ++r)
            graded += QStringLiteral("ABCD").contains(levels->item(r, 1)->text()) ? 1 : 0;
        QVERIFY2(graded >= 4, qPrintable(QString::number(graded)));
        const auto summary = vp.proposals().levels(*window.state().study());
        int target = -1;
        for (int r = 0; r < static_cast<int>(summary.size()); ++r)
            if (summary[static_cast<size_t>(r)].worstSlice && summary[static_cast<size_t>(r)].stack != onScreen.stack)
                target = r;
        QVERIFY(target >= 0);
        const QString targetLevel = QString::fromStdString(levelName(summary[static_cast<size_t>(target)].level));
        int row = -1;
        for (int r = 0; r < levels->rowCount(); ++r)
            if (levels->item(r, 0)->text() == targetLevel)
                row = r;
        QVERIFY2(row >= 0, qPrintable(targetLevel));
        emit levels->cellClicked(row, 0);
        QCOMPARE(placeOf(window.state()), *summary[static_cast<size_t>(target)].worstSlice);
        QVERIFY(window.screeningPanel().currentLabel()->text().contains("Grade"));

        // The row of the level on screen is the current one, and follows the user to another
        // level (keys, the study tree), also after the rows are rebuilt.
        const auto rowOfStack = [&](int stack) {
            for (const auto& l : summary)
                if (l.stack == stack && l.series == window.state().seriesIndex())
                    for (int r = 0; r < levels->rowCount(); ++r)
                        if (levels->item(r, 0)->text() == QString::fromStdString(levelName(l.level)))
                            return r;
            return -1;
        };
        QCOMPARE(levels->currentRow(), row);
        QVERIFY(levels->selectionModel()->isRowSelected(row, {}));
        for (int stack :
            {onScreen.stack, (summary[static_cast<size_t>(target)].stack + 1) % window.state().stackCount()}) {
            window.state().selectStack(stack);
            window.state().selectSlice(0);
            const int expected = rowOfStack(stack);
            QVERIFY2(expected >= 0, qPrintable(QString::number(stack)));
            QCOMPARE(levels->currentRow(), expected);
            QVERIFY(levels->selectionModel()->isRowSelected(expected, {}));
            window.screeningPanel().setLevels(vp.proposals().levels(*window.state().study())); // rebuilt
            QCOMPARE(levels->currentRow(), expected);
        }
        if (!qEnvironmentVariableIsEmpty("SG_SCREENSHOT_DIR"))
            QVERIFY(window.screeningPanel().grab().save(qEnvironmentVariable("SG_SCREENSHOT_DIR") + "/cnn_levels.png"));

        if (const QByteArray out = qgetenv("SG_PROPOSALS_SCREENSHOT"); !out.isEmpty()) {
            QTest::qWait(300);
            window.sliceView().update();
            QTest::qWait(300);
            QVERIFY(window.grab().save(QString::fromLocal8Bit(out)));
        }
    }

    // The CNN (LibTorch's start-up, then inference) waits for the study's first frame, so the
    // first render does not share two cores with it: not running when the study is loaded,
    // and every slice proposed once the view has swapped a frame after that.
    void theCnnStartsAfterTheStudysFirstFrame()
    {
        MainWindow window;
        QVERIFY(showWindow(window));
        bool runningAtLoad = true;
        int framesAfterLoad = 0;
        connect(&window, &MainWindow::studyLoaded, this, [&] {
            runningAtLoad = window.proposalWorker().isRunning();
            connect(&window.sliceView(), &QOpenGLWidget::frameSwapped, this, [&] { ++framesAfterLoad; });
        });
        QSignalSpy all(&window.viewerProposals(), &ViewerProposals::allProposed);
        window.openStudy(m_study);
        QVERIFY(all.wait(120000));
        QVERIFY(!runningAtLoad);
        QVERIFY(framesAfterLoad >= 1);
        QCOMPARE(window.viewerProposals().proposals().proposedCount(), window.viewerProposals().proposals().size());
    }

    void followsTheUserToAnotherLevel()
    {
        // Every batch the worker takes, recorded on the worker thread (batchTaken is the worker's
        // synchronisation point). The worker is held at its second batch until the user has moved:
        // on a loaded machine it could otherwise take every slice before the GUI thread gets to
        // move, and the test would show nothing. (Declared before the window, so they outlive its
        // worker thread.)
        struct Taken {
            std::vector<int> indices;
            int requests = 0;
        };
        std::mutex takenMutex;
        std::vector<Taken> taken;
        QSemaphore moved;
        std::atomic<bool> heldTooLong {false};
        MainWindow window;
        QVERIFY(showWindow(window));
        // Small batches, so that a 19-slice study has work left behind the jump.
        constexpr int batch = 4;
        ProposalWorker& worker = window.proposalWorker();
        worker.setBatchSize(batch);
        connect(
            &worker, &ProposalWorker::batchTaken, this,
            [&](const std::vector<int>& indices, int requests) {
                size_t count = 0;
                {
                    std::lock_guard lock(takenMutex);
                    taken.push_back({indices, requests});
                    count = taken.size();
                }
                if (count == 2 && !moved.tryAcquire(1, 300000)) // a bound against a hang, not a clock
                    heldTooLong = true;
            },
            Qt::DirectConnection);
        std::vector<int> order;
        int target = -1, requestsAtMove = -1;
        connect(&window.viewerProposals(), &ViewerProposals::currentProposed, this, [&] {
            if (target >= 0)
                return;
            // After the first proposal, the user goes to the far end of the study.
            ViewerState& state = window.state();
            const int far = state.stackIndex() >= state.stackCount() / 2 ? 0 : state.stackCount() - 1;
            state.selectStack(far);
            state.selectSlice(0);
            target = window.viewerProposals().proposals().indexOf(placeOf(state));
            requestsAtMove = worker.prioritizeRequests();
            moved.release();
        });
        QVERIFY(openAndProposeAll(window, &order));
        QVERIFY(!heldTooLong);
        QVERIFY(target >= 0);
        QVERIFY(requestsAtMove >= 1);

        // What the worker guarantees: the first batch it took after the last request of the
        // move is the target alone, and nothing before it held the target.
        std::lock_guard lock(takenMutex);
        size_t first = 0;
        int before = 0; // slices taken (and so proposed) before it
        while (first < taken.size() && taken[first].requests < requestsAtMove) {
            QVERIFY(std::find(taken[first].indices.begin(), taken[first].indices.end(), target) ==
                taken[first].indices.end());
            before += static_cast<int>(taken[first].indices.size());
            ++first;
        }
        QVERIFY2(first < taken.size(), "no batch was taken after the move");
        QCOMPARE(taken[first].requests, requestsAtMove);
        QCOMPARE(taken[first].indices, std::vector<int> {target});
        // Held at its second batch, the worker had taken at most 1 + batch slices before.
        QVERIFY2(before <= 1 + batch, qPrintable(QString::number(before)));
        // Work was left behind the target: it jumped the queue.
        QVERIFY2(first + 1 < taken.size(), "the study is too small to show re-prioritising");
        // Proposals arrive in the order the batches were taken.
        QVERIFY(static_cast<int>(order.size()) > before);
        QCOMPARE(order[static_cast<size_t>(before)], target);
    }

    void storesPredictionsAndKeepsBlinding()
    {
        const std::string db = makeProject("blind.sgdb");
        QVERIFY(!db.empty());
        std::int64_t items = 0;
        {
            MainWindow window;
            QVERIFY(sg::test::openWindow(window, db, "ann")); // an analyzer of a blind project
            LabelingProposals& lp = window.labelingProposals();
            QVERIFY(lp.isRunning()); // from the moment the project opens
            QTRY_VERIFY_WITH_TIMEOUT(!lp.isRunning(), 120000);
            items = static_cast<std::int64_t>(window.labeling().controller().order().size());
            QCOMPARE(static_cast<std::int64_t>(lp.storedCount()), items);
            const auto& model = window.proposalWorker().model();
            QVERIFY(model);

            auto store = ProjectStore::open(db);
            QVERIFY(store);
            auto predicted = (*store)->predictedItems(model->name, model->version);
            QVERIFY(predicted);
            QCOMPARE(static_cast<std::int64_t>(predicted->size()), items);
            // The model is a classifier rater in the statistics now.
            auto ratings = readProjectRatings(**store);
            QVERIFY(ratings);
            QVERIFY(std::any_of(ratings->raters.begin(), ratings->raters.end(),
                [&](const RaterInfo& r) { return r.name == model->name && r.kind == RaterKind::Classifier; }));

            // The analyzer of a blind project sees the CNN's patch only: no rootlet/cord, no grade.
            LabelingController& c = window.labeling().controller();
            QTRY_VERIFY_WITH_TIMEOUT(c.proposal().has_value(), 60000);
            QVERIFY(c.proposal()->gradeProbabilities.empty());
            QVERIFY(c.proposal()->canalProbabilities.empty());
            QCOMPARE(c.proposal()->modelName, model->name);
            QCOMPARE(c.proposal()->modelVersion, model->version);
            auto* text = window.labeling().panel().findChild<QLabel*>("proposalText");
            QVERIFY(text);
            QVERIFY2(text->text().contains("hidden"), qPrintable(text->text()));
            QVERIFY(!window.labeling().proposalOverlay().caption().contains("grade"));
            QVERIFY(!window.labeling().proposalOverlay().caption().contains("%"));
            QVERIFY(window.labeling().proposalOverlay().caption().startsWith("CNN"));
            if (const QByteArray out = qgetenv("SG_LABELING_PROPOSALS_SCREENSHOT"); !out.isEmpty()) {
                QTest::qWait(300);
                QVERIFY(window.grab().save(QString::fromLocal8Bit(out)));
            }
        }
        {
            MainWindow window;
            QVERIFY(sg::test::openWindow(window, db, "lena")); // the lead
            LabelingController& c = window.labeling().controller();
            // Already predicted by this model version: nothing runs again, the store answers.
            QTRY_VERIFY_WITH_TIMEOUT(!window.labelingProposals().isRunning(), 120000);
            QCOMPARE(static_cast<std::int64_t>(window.labelingProposals().storedCount()), items);
            QVERIFY(c.proposal().has_value());
            if (c.proposal()->patch) { // a canal was found: the lead sees the grade
                QCOMPARE(c.proposal()->gradeProbabilities.size(), size_t(4));
                if (c.proposal()->canalProbabilities[0] >= c.proposal()->canalProbabilities[1])
                    QVERIFY(window.labeling().proposalOverlay().caption().contains("grade"));
            }
            bool anyGraded = false;
            for (std::int64_t id : c.order()) {
                auto store = ProjectStore::open(db);
                auto lead = (*store)->findAnalyzer("lena");
                auto predictions = (*store)->predictions(**lead, id);
                QVERIFY(predictions && predictions->size() == 1);
                anyGraded = anyGraded || predictions->front().gradeProbabilities.size() == 4;
            }
            QVERIFY(anyGraded);
        }
    }

    void stopsWhenTheStudyCloses()
    {
        const std::string db = makeProject("cancel.sgdb");
        QVERIFY(!db.empty());
        MainWindow window;
        QVERIFY(sg::test::openWindow(window, db, "ann"));
        // Closing the project cancels its job at once; nothing is stored after that.
        window.labeling().close();
        QVERIFY(!window.labeling().isActive());
        QVERIFY(!window.labelingProposals().isRunning());
        // The batch under way may still be stored (a valid prediction); once the thread is idle
        // after the cancel it takes nothing more, so the count is final.
        QTRY_VERIFY_WITH_TIMEOUT(!window.proposalWorker().isBusy(), 120000);
        auto count = [&] {
            auto store = ProjectStore::open(db);
            return store ? static_cast<int>((*store)->connection().queryInt("SELECT COUNT(*) FROM prediction")) : -1;
        };
        const int stored = count();
        QVERIFY(stored >= 0);
        QCoreApplication::sendPostedEvents(); // whatever the worker posted before it stopped
        QCoreApplication::processEvents();
        QCOMPARE(count(), stored);
        QVERIFY(!window.labelingProposals().isRunning());

        // The viewer's Stop button: nothing more arrives once it is pressed.
        {
            MainWindow stopped;
            QVERIFY(showWindow(stopped));
            int atStop = -1;
            connect(&stopped.viewerProposals(), &ViewerProposals::currentProposed, this, [&] {
                if (atStop >= 0)
                    return;
                stopped.screeningPanel().cancelButton()->click();
                atStop = stopped.viewerProposals().proposals().proposedCount();
            });
            QSignalSpy loaded(&stopped, &MainWindow::studyLoaded);
            stopped.openStudy(m_study);
            QVERIFY(loaded.wait(60000));
            QTRY_VERIFY_WITH_TIMEOUT(atStop >= 1, 60000);
            // Idle after the cancel: all it posted is queued; delivering it changes nothing.
            QTRY_VERIFY_WITH_TIMEOUT(!stopped.proposalWorker().isBusy(), 120000);
            QCoreApplication::sendPostedEvents();
            QCoreApplication::processEvents();
            QCOMPARE(stopped.viewerProposals().proposals().proposedCount(), atStop);
            QVERIFY(atStop < stopped.viewerProposals().proposals().size());
            QVERIFY(stopped.statusText().contains("stopped"));
            // The same button now says Run and proposes the rest.
            QToolButton* button = stopped.screeningPanel().cancelButton();
            QCOMPARE(button->text(), QString("Run"));
            QVERIFY(button->isEnabled());
            QSignalSpy all(&stopped.viewerProposals(), &ViewerProposals::allProposed);
            button->click();
            QVERIFY(all.wait(60000));
            QCOMPARE(
                stopped.viewerProposals().proposals().proposedCount(), stopped.viewerProposals().proposals().size());
            QCOMPARE(button->text(), QString("Stop"));
        }

        // The viewer: closing the window while the CNN runs stops the worker after the batch
        // under way (it takes no other), rather than waiting for the whole study. Counted on
        // the worker's own synchronisation point, not on a clock; small batches leave many.
        std::atomic<bool> closing {false}; // before the window: its worker thread writes them
        std::atomic<int> takenWhileClosing {0};
        auto viewer = std::make_unique<MainWindow>();
        QVERIFY(showWindow(*viewer));
        viewer->proposalWorker().setBatchSize(2);
        connect(
            &viewer->proposalWorker(), &ProposalWorker::batchTaken, this,
            [&](const std::vector<int>&, int) {
                if (closing)
                    ++takenWhileClosing;
            },
            Qt::DirectConnection);
        QSignalSpy loaded(viewer.get(), &MainWindow::studyLoaded);
        viewer->openStudy(m_study);
        QVERIFY(loaded.wait(60000));
        QTRY_VERIFY_WITH_TIMEOUT(viewer->proposalWorker().isRunning(), 60000); // after the first frame
        const int left =
            viewer->viewerProposals().proposals().size() - viewer->viewerProposals().proposals().proposedCount();
        QVERIFY2(left > 4, qPrintable(QString::number(left)));
        closing = true;
        viewer.reset();
        // One batch may be taken between `closing` and the cancel in the destructor.
        QVERIFY2(takenWhileClosing <= 1, qPrintable(QString::number(takenWhileClosing)));
    }

    void missingModelIsSaidAndTheViewerWorks()
    {
        const QString missing = m_dir.path() + "/no-such-model";
        ModelDirOverride use(missing);
        MainWindow window;
        QVERIFY(showWindow(window));
        QSignalSpy loaded(&window, &MainWindow::studyLoaded);
        window.openStudy(m_study);
        QVERIFY(loaded.wait(60000));
        QTRY_VERIFY2_WITH_TIMEOUT(window.statusText().contains("CNN proposals are off"),
            qPrintable(window.statusText() + "\n" + logText(window)), 120000);
        QVERIFY2(window.statusText().contains(missing), qPrintable(window.statusText()));
        QVERIFY(logText(window).contains("CNN proposals are off"));
        QVERIFY(logText(window).contains(missing));
        QVERIFY(window.screeningPanel().modelLabel()->text().contains(missing));
        QVERIFY(!window.proposalWorker().model());

        // Everything else works: slices step and render, no proposal is drawn.
        const int before = window.state().sliceIndex();
        window.state().stepSlice(window.state().sliceIndex() > 0 ? -1 : +1);
        QVERIFY(window.state().sliceIndex() != before);
        QVERIFY(window.sliceView().pixelAt({200, 200}).has_value());
        QCOMPARE(window.viewerProposals().proposals().proposedCount(), 0);
    }

    // The dock names the model and shows its card's status: a research-use banner for the
    // shipped weights, which a manifest saying "validated" (with what on) lifts.
    void dockShowsTheModelsStatusBanner()
    {
        {
            MainWindow window;
            QVERIFY(showWindow(window));
            window.openStudy(m_study);
            QTRY_VERIFY_WITH_TIMEOUT(window.proposalWorker().model().has_value(), 120000);
            QLabel* banner = window.screeningPanel().bannerLabel();
            QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 60000);
            QCOMPARE(banner->text(), QString::fromUtf8("Research use — trained on synthetic studies only"));
            QVERIFY(banner->width() > 50 && banner->height() > 10);
            const QString model = window.screeningPanel().modelLabel()->text();
            QVERIFY2(model.contains("spinegrade-synthetic") && model.contains("version"), qPrintable(model));
        }
        const QString dir = m_dir.path() + "/validated-model";
        QVERIFY(QDir().mkpath(dir));
        const QDir from(QString::fromStdString(defaultModelDirectory()));
        for (const QString& name : from.entryList(QDir::Files))
            QVERIFY(QFile::copy(from.filePath(name), dir + "/" + name));
        auto manifest = readModelManifest(dir.toStdString());
        QVERIFY(manifest.ok());
        manifest->status = kValidatedStatus;
        manifest->validatedOn = "a reader study at hospital X";
        QVERIFY(writeModelManifest(dir.toStdString(), *manifest).ok());
        ModelDirOverride use(dir);
        MainWindow window;
        QVERIFY(showWindow(window));
        window.openStudy(m_study);
        QTRY_VERIFY_WITH_TIMEOUT(window.proposalWorker().model().has_value(), 120000);
        QTRY_VERIFY_WITH_TIMEOUT(window.screeningPanel().modelLabel()->text().contains("validated on"), 60000);
        QVERIFY(window.screeningPanel().modelLabel()->text().contains("a reader study at hospital X"));
        QVERIFY(!window.screeningPanel().bannerLabel()->isVisible());
    }

    void corruptModelIsSaidWithItsFile()
    {
        const QString dir = m_dir.path() + "/corrupt-model";
        QVERIFY(QDir().mkpath(dir));
        QFile manifest(dir + "/manifest.json");
        QVERIFY(manifest.open(QIODevice::WriteOnly));
        manifest.write("{ \"name\": \"canal-cnn\", truncated");
        manifest.close();
        ModelDirOverride use(dir);
        MainWindow window;
        QVERIFY(showWindow(window));
        QSignalSpy loaded(&window, &MainWindow::studyLoaded);
        window.openStudy(m_study);
        QVERIFY(loaded.wait(60000));
        QTRY_VERIFY_WITH_TIMEOUT(window.statusText().contains("CNN proposals are off"), 120000);
        QVERIFY2(window.statusText().contains("manifest.json"), qPrintable(window.statusText()));
        QVERIFY(logText(window).contains("manifest.json"));
        QVERIFY(window.sliceView().pixelAt({200, 200}).has_value());
    }
};

QTEST_MAIN(TestProposals)
#include "tst_Proposals.moc"
