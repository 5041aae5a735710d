// ui::BackgroundTask, the GUI's one way to run a core task off its thread: progress, then
// the outcome, on the GUI thread; cancel reaches the task; nothing comes after abandon().
// Every wait is on state or a signal, never on a clock.
#include "ui/common/BackgroundTask.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>
#include <optional>
#include <stdexcept>
#include <thread>

using sg::core::Error;
using sg::core::Progress;
using sg::core::Result;
using sg::core::Status;
using sg::ui::BackgroundTask;

namespace {
constexpr int kWaitMs = 120000; // only stops a hang

// Blocks its task until cancelled: the test decides when it ends, not a clock.
Result<int> untilCancelled(Progress& progress)
{
    while (!progress.cancelled())
        std::this_thread::yield();
    return Error {"stopped"};
}
} // namespace

class TestBackgroundTask : public QObject {
    Q_OBJECT

private slots:
    void deliversProgressThenTheOutcomeOnTheGuiThread()
    {
        BackgroundTask task;
        QThread* gui = QThread::currentThread();
        std::atomic<QThread*> worker {nullptr};
        bool progressOnGui = true;
        std::vector<qint64> done;
        QString lastText;
        connect(&task, &BackgroundTask::progress, this, [&](qint64 d, qint64, const QString& text) {
            progressOnGui = progressOnGui && QThread::currentThread() == gui;
            done.push_back(d);
            lastText = text;
        });
        std::optional<Result<int>> outcome;
        bool progressBeforeOutcome = false;
        QVERIFY(task.start<Result<int>>(
            [&](Progress& p) -> Result<int> {
                worker = QThread::currentThread();
                for (int i = 0; i <= 1000; ++i)
                    p.report(i, 1000, "counting");
                return 42;
            },
            [&](Result<int> r) {
                QCOMPARE(QThread::currentThread(), gui);
                progressBeforeOutcome = !done.empty() && done.back() == 1000;
                outcome = std::move(r);
            }));
        QVERIFY(task.isRunning());
        QVERIFY(QTest::qWaitFor([&] { return outcome.has_value(); }, kWaitMs));
        QVERIFY(!task.isRunning());
        QVERIFY(worker.load() != gui);
        QVERIFY(outcome->ok());
        QCOMPARE(**outcome, 42);
        QVERIFY(progressOnGui);
        QVERIFY(progressBeforeOutcome); // the last report (1000 of 1000) came before the outcome
        QCOMPARE(lastText, QString("counting"));
        // Coalesced: the first and the last always, not a thousand posts.
        QVERIFY(done.size() >= 2 && done.size() < 1001);
        QCOMPARE(done.front(), qint64(0));
    }

    void cancelReachesTheTaskAndItsOutcomeStillComes()
    {
        BackgroundTask task;
        std::optional<Result<int>> outcome;
        QVERIFY(task.start<Result<int>>(untilCancelled, [&](Result<int> r) { outcome = std::move(r); }));
        QVERIFY(!task.start<Result<int>>(untilCancelled, {})); // one task at a time
        task.cancel();
        QVERIFY(QTest::qWaitFor([&] { return outcome.has_value(); }, kWaitMs));
        QCOMPARE(QString::fromStdString(outcome->error()), QString("stopped"));
        // Free again.
        std::optional<Status> second;
        QVERIFY(task.start<Status>([](Progress&) { return Status::success(); }, [&](const Status& s) { second = s; }));
        QVERIFY(QTest::qWaitFor([&] { return second.has_value(); }, kWaitMs));
        QVERIFY(second->ok());
    }

    void anExceptionBecomesAFailure()
    {
        BackgroundTask task;
        std::optional<Status> outcome;
        QVERIFY(task.start<Status>([](Progress&) -> Status { throw std::runtime_error("disk on fire"); },
            [&](const Status& s) { outcome = s; }));
        QVERIFY(QTest::qWaitFor([&] { return outcome.has_value(); }, kWaitMs));
        QVERIFY(!outcome->ok());
        QVERIFY2(outcome->error().find("disk on fire") != std::string::npos, outcome->error().c_str());
    }

    void abandonDropsTheOutcomeAndItsProgress()
    {
        BackgroundTask task;
        QSignalSpy progress(&task, &BackgroundTask::progress);
        bool delivered = false;
        std::atomic<bool> reported {false};
        QVERIFY(task.start<Result<int>>(
            [&](Progress& p) {
                reported = true;
                auto r = untilCancelled(p);
                // Posted after abandon() cancelled, before it returns: must never arrive.
                p.report(1, 1, "after the cancel");
                return r;
            },
            [&](Result<int>) { delivered = true; }));
        QVERIFY(QTest::qWaitFor([&] { return reported.load(); }, kWaitMs));
        task.abandon();
        QVERIFY(!task.isRunning());
        // A later task's outcome comes; the abandoned one's never does, nor its progress.
        std::optional<Status> next;
        QVERIFY(task.start<Status>([](Progress&) { return Status::success(); }, [&](const Status& s) { next = s; }));
        QVERIFY(QTest::qWaitFor([&] { return next.has_value(); }, kWaitMs));
        QCoreApplication::processEvents();
        QVERIFY(!delivered);
        QCOMPARE(progress.count(), 0);
    }

    void goingAwayWaitsForTheTask()
    {
        std::atomic<bool> ended {false};
        bool delivered = false;
        {
            BackgroundTask task;
            QVERIFY(task.start<Result<int>>(
                [&](Progress& p) {
                    auto r = untilCancelled(p);
                    ended = true;
                    return r;
                },
                [&](Result<int>) { delivered = true; }));
        } // cancels and waits: the task never outlives what it reports to
        QVERIFY(ended.load());
        QCoreApplication::processEvents();
        QVERIFY(!delivered);
    }
};

QTEST_GUILESS_MAIN(TestBackgroundTask)
#include "tst_BackgroundTask.moc"
