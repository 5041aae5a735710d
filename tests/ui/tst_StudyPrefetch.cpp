// The study named on the command line loads before the window exists (ui/main/StudyPrefetch.h,
// issue 14): the window takes that load over with its progress, its Cancel and its errors, as
// if it had started it. The loads here are real (DICOM written to a folder, a folder of a text
// file) or, where a load must still be running when the test acts, a load that waits for its
// cancel.
#include "tests/support/SeriesFactory.h"
#include "tests/support/TestData.h"
#include "ui/main/CommandLine.h"
#include "ui/main/MainWindow.h"
#include "ui/main/StudyPrefetch.h"
#include "ui/viewer/ViewerState.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <tuple>
#include <vector>

using sg::ui::LoadedStudy;

namespace {

// A load that reports once, then waits until it is cancelled (or, so that a broken relay
// fails the test instead of hanging it, the hang bound passes) and says what it saw.
struct WaitingLoad {
    std::atomic<bool> sawCancel {false};
    std::atomic<int> runs {0};

    sg::ui::StudyLoadFunction function()
    {
        return [this](const QString& path, sg::core::Progress& progress) {
            ++runs;
            progress.report(2, 5, "Scanning files");
            const auto bound = std::chrono::steady_clock::now() + std::chrono::milliseconds(sg::test::kHangBoundMs);
            while (!progress.cancelled() && std::chrono::steady_clock::now() < bound)
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            sawCancel = progress.cancelled();
            auto study = std::make_shared<LoadedStudy>();
            study->path = path;
            study->cancelled = progress.cancelled();
            return study;
        };
    }
};

// A load held at a gate until the test opens it.
struct GatedLoad {
    std::mutex mutex;
    std::condition_variable opened;
    bool open = false;

    void release()
    {
        std::lock_guard lock(mutex);
        open = true;
        opened.notify_all();
    }

    sg::ui::StudyLoadFunction function()
    {
        return [this](const QString& path, sg::core::Progress& progress) {
            progress.report(2, 5, "Scanning files");
            std::unique_lock lock(mutex);
            opened.wait(lock, [this] { return open; });
            lock.unlock();
            progress.report(5, 5, "Reading slices");
            auto study = std::make_shared<LoadedStudy>();
            study->path = path;
            return study;
        };
    }
};

// Reports a listener heard, thread-safe.
struct Heard {
    std::mutex mutex;
    std::vector<std::tuple<int64_t, int64_t, std::string>> reports;
    sg::core::Progress::Listener listener()
    {
        return [this](int64_t done, int64_t total, const std::string& text) {
            std::lock_guard lock(mutex);
            reports.emplace_back(done, total, text);
        };
    }
    bool has(int64_t done, int64_t total, const std::string& text)
    {
        std::lock_guard lock(mutex);
        for (const auto& r : reports)
            if (r == std::make_tuple(done, total, text))
                return true;
        return false;
    }
};

QToolButton* cancelButton(sg::ui::MainWindow& window)
{
    for (auto* b : window.findChildren<QToolButton*>())
        if (b->text() == QStringLiteral("Cancel"))
            return b;
    return nullptr;
}

} // namespace

class TestStudyPrefetch : public QObject {
    Q_OBJECT
private slots:
    // Every test takes what it prefetched: none is left for the next.
    void cleanup() { QVERIFY(!sg::ui::studyPrefetchPending()); }

    // The taker hears the report made before it took the load, then the later ones, and gets
    // the study the prefetch read (read once).
    void theTakerGetsTheLoadWithItsProgress()
    {
        GatedLoad load;
        sg::ui::prefetchStudy(QStringLiteral("/study/a"), load.function());
        QVERIFY(sg::ui::studyPrefetchPending());
        Heard heard;
        sg::core::Progress progress(heard.listener());
        std::shared_ptr<LoadedStudy> study;
        std::thread taker([&] { study = sg::ui::loadOrTakeStudy(QStringLiteral("/study/a"), progress); });
        QTRY_VERIFY_WITH_TIMEOUT(heard.has(2, 5, "Scanning files"), sg::test::kHangBoundMs);
        QVERIFY(!sg::ui::studyPrefetchPending());
        load.release();
        taker.join();
        QVERIFY(study);
        QCOMPARE(study->path, QStringLiteral("/study/a"));
        QVERIFY(!study->cancelled);
        QVERIFY(heard.has(5, 5, "Reading slices"));
    }

    // Cancel on the taker's progress stops the prefetched load, which started before it.
    void theTakersCancelStopsThePrefetchedLoad()
    {
        WaitingLoad load;
        sg::ui::prefetchStudy(QStringLiteral("/study/b"), load.function());
        Heard heard;
        sg::core::Progress progress(heard.listener());
        std::shared_ptr<LoadedStudy> study;
        std::thread taker([&] { study = sg::ui::loadOrTakeStudy(QStringLiteral("/study/b"), progress); });
        QTRY_VERIFY_WITH_TIMEOUT(heard.has(2, 5, "Scanning files"), sg::test::kHangBoundMs);
        progress.cancel();
        taker.join();
        QVERIFY(load.sawCancel);
        QVERIFY(study && study->cancelled);
        QCOMPARE(load.runs.load(), 1);
    }

    // A caller that has cancelled before it took the load gets a cancelled study even if the
    // load had finished: it asked to stop.
    void cancelledBeforeTakingIsCancelled()
    {
        GatedLoad load;
        load.release();
        sg::ui::prefetchStudy(QStringLiteral("/study/c"), load.function());
        sg::core::Progress progress;
        progress.cancel();
        const auto study = sg::ui::loadOrTakeStudy(QStringLiteral("/study/c"), progress);
        QVERIFY(study && study->cancelled);
    }

    // Another path is loaded afresh (a real load of an empty folder); the prefetch stays for
    // its own path.
    void anotherPathIsLoadedAfresh()
    {
        WaitingLoad load;
        sg::ui::prefetchStudy(QStringLiteral("/study/d"), load.function());
        QTemporaryDir empty;
        const auto study = sg::ui::loadOrTakeStudy(empty.path(), sg::core::Progress::none());
        QVERIFY(study);
        QCOMPARE(study->path, empty.path());
        QVERIFY(study->series.empty());
        QVERIFY(sg::ui::studyPrefetchPending());
        QTRY_COMPARE_WITH_TIMEOUT(load.runs.load(), 1, sg::test::kHangBoundMs); // its own load only
        sg::core::Progress stop;
        stop.cancel();
        const auto own = sg::ui::loadOrTakeStudy(QStringLiteral("/study/d"), stop);
        QVERIFY(own && own->cancelled);
    }

    // What the load threw reaches the taker (the window's task turns it into its error line).
    void anExceptionReachesTheTaker()
    {
        sg::ui::prefetchStudy(
            QStringLiteral("/study/e"), [](const QString&, sg::core::Progress&) -> std::shared_ptr<LoadedStudy> {
                throw std::runtime_error("disk on fire");
            });
        QVERIFY_THROWS_EXCEPTION(
            std::runtime_error, sg::ui::loadOrTakeStudy(QStringLiteral("/study/e"), sg::core::Progress::none()));
    }

    // `spinegrade FOLDER`, as main() runs it: the study read before the window existed is the
    // one the window shows (it took the load), with the log lines of any open.
    void aStudyOnTheCommandLineIsTheOneLoadedEarly()
    {
        QTemporaryDir dir;
        QVERIFY(sg::test::writeSeries(dir.path().toStdString(), sg::test::lumbarSeries(96, 96, 3)).ok());
        sg::ui::prefetchFromCommandLine({dir.path()}, false);
        QVERIFY(sg::ui::studyPrefetchPending());
        sg::ui::MainWindow window;
        QSignalSpy loaded(&window, &sg::ui::MainWindow::studyLoaded);
        sg::ui::openFromCommandLine(window, {dir.path()}, false);
        window.show();
        QVERIFY(loaded.wait(sg::test::kHangBoundMs));
        QVERIFY(!sg::ui::studyPrefetchPending());
        QCOMPARE(window.state().stackCount(), 5);
        QVERIFY2(window.logText().contains("Opening " + dir.path()), qPrintable(window.logText()));
        QVERIFY2(window.logText().contains("Opened study " + dir.path()), qPrintable(window.logText()));
    }

    // A folder without DICOM named at start: the status bar and the log say so by name, as
    // when the folder is opened from the menu.
    void aBadFolderOnTheCommandLineIsReportedAsBefore()
    {
        QTemporaryDir dir;
        QFile note(dir.path() + "/notes.txt");
        QVERIFY(note.open(QIODevice::WriteOnly));
        note.write("not an image");
        note.close();
        sg::ui::prefetchFromCommandLine({dir.path()}, false);
        sg::ui::MainWindow window;
        QSignalSpy finished(&window, &sg::ui::MainWindow::loadFinished);
        sg::ui::openFromCommandLine(window, {dir.path()}, false);
        window.show();
        QVERIFY(finished.wait(sg::test::kHangBoundMs));
        QVERIFY(!sg::ui::studyPrefetchPending());
        QVERIFY2(window.statusText().contains("No DICOM images were found in " + dir.path()),
            qPrintable(window.statusText()));
        QVERIFY(window.statusText().contains("notes.txt"));
        QVERIFY2(window.logText().contains("No image series found in " + dir.path()), qPrintable(window.logText()));
        QVERIFY(!window.isLoading());
    }

    // The window's Cancel button stops a load that began before the window existed.
    void theWindowsCancelStopsALoadStartedBeforeIt()
    {
        WaitingLoad load;
        QTemporaryDir dir;
        sg::ui::prefetchStudy(dir.path(), load.function());
        sg::ui::MainWindow window;
        QSignalSpy finished(&window, &sg::ui::MainWindow::loadFinished);
        window.show();
        window.openStudy(dir.path());
        QToolButton* cancel = cancelButton(window);
        QVERIFY(cancel);
        QTRY_VERIFY_WITH_TIMEOUT(cancel->isVisible(), sg::test::kHangBoundMs);
        // The relayed report is on screen: the window's task is attached to the running load.
        QTRY_VERIFY_WITH_TIMEOUT(window.statusText().contains("Scanning files"), sg::test::kHangBoundMs);
        cancel->click();
        QVERIFY(finished.wait(sg::test::kHangBoundMs));
        QVERIFY(load.sawCancel);
        QCOMPARE(load.runs.load(), 1);
        QCOMPARE(window.statusText(), QStringLiteral("Loading cancelled."));
        QVERIFY(window.logText().contains("Loading of " + dir.path() + " cancelled."));
    }
};

QTEST_MAIN(TestStudyPrefetch)
#include "tst_StudyPrefetch.moc"
