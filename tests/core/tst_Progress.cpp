// core::Progress, the one way a long operation reports and learns it should stop; and
// core::Status, whose success is said explicitly.
#include "core/util/Progress.h"
#include "core/util/Result.h"
#include "core/util/Status.h"

#include <QTest>

#include <string>
#include <thread>
#include <type_traits>
#include <vector>

using sg::core::Error;
using sg::core::Progress;
using sg::core::Result;
using sg::core::Status;

class TestProgress : public QObject {
    Q_OBJECT

private slots:
    void aListenerHearsEveryReport()
    {
        std::vector<std::string> heard;
        Progress progress([&](int64_t done, int64_t total, const std::string& text) {
            heard.push_back(std::to_string(done) + "/" + std::to_string(total) + " " + text);
        });
        progress.report(0, 2, "scan");
        progress.report(2, 2);
        QCOMPARE(heard, (std::vector<std::string> {"0/2 scan", "2/2 "}));
        QVERIFY(!progress.cancelled());
        progress.cancel();
        QVERIFY(progress.cancelled());
    }

    void aStepSaysItsNameAndStopsWithItsParent()
    {
        std::vector<std::string> heard;
        Progress progress([&](int64_t done, int64_t, const std::string& text) {
            heard.push_back(text + " " + std::to_string(done));
        });
        Progress scan = progress.step("scan");
        scan.report(3, 10, "ignored: the step names itself");
        QCOMPARE(heard, (std::vector<std::string> {"scan 3"}));
        QVERIFY(!scan.cancelled());
        progress.cancel();
        QVERIFY(scan.cancelled());
    }

    void noneIsNeverCancelled()
    {
        // Shared by every caller who does not care: one caller's cancel() must not stop
        // every later operation in the program.
        Progress::none().report(1, 2, "nobody listens");
        Progress::none().cancel();
        QVERIFY(!Progress::none().cancelled());
        QVERIFY(&Progress::none() == &Progress::none());
    }

    void reportsFromManyThreadsReachAListenerOneAtATime()
    {
        // The listener is not thread-safe (a plain counter): Progress serialises calls to it.
        int64_t calls = 0;
        Progress progress([&](int64_t, int64_t, const std::string&) { ++calls; });
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&] {
                for (int i = 0; i < 20000; ++i)
                    progress.report(i, 20000);
            });
        std::thread canceller([&] { progress.cancel(); });
        for (std::thread& t : threads)
            t.join();
        canceller.join();
        QCOMPARE(calls, int64_t(80000));
        QVERIFY(progress.cancelled());
    }

    void successIsExplicit()
    {
        // An empty message once meant success: now a Status cannot be made without saying
        // which it is, and a failure always has a message.
        static_assert(!std::is_default_constructible_v<Status>);
        static_assert(!std::is_constructible_v<Status, std::string>);
        QVERIFY(Status::success().ok());
        QVERIFY(Status::success().error().empty());
        const Status failed = Status::failure("cannot write /tmp/x: disk full");
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error(), std::string("cannot write /tmp/x: disk full"));
        const Status unexplained = Status::failure("");
        QVERIFY(!unexplained.ok());
        QVERIFY(!unexplained.error().empty());
    }

    void aResultErrorAlwaysSaysWhy()
    {
        const Result<int> r = Error {""};
        QVERIFY(!r.ok());
        QVERIFY(!r.error().empty());
    }
};

QTEST_GUILESS_MAIN(TestProgress)
#include "tst_Progress.moc"
