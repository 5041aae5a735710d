// Work that crashes or hangs costs one item, not the process.
#include "core/util/IsolatedRunner.h"

#include <QTest>

#include <csignal>
#include <cstdlib>
#include <thread>
#include <unistd.h>

using namespace sg::core;

class TestIsolatedRunner : public QObject {
    Q_OBJECT
private slots:
    void crashesAndHangsCostOneItem_data()
    {
        QTest::addColumn<int>("processes");
        QTest::newRow("one process") << 1;
        QTest::newRow("two processes") << 2;
    }
    void crashesAndHangsCostOneItem()
    {
        QFETCH(int, processes);
        IsolatedOptions options;
        options.processes = processes;
        options.itemTimeoutSeconds = 3; // generous: a loaded CI machine must not look hung
        options.crashMessage = "crashed";
        int progressCalls = 0, lastDone = 0;
        options.progress = [&](int done, int total) {
            ++progressCalls;
            QCOMPARE(total, 12);
            QVERIFY(done > lastDone);
            lastDone = done;
        };
        const auto results = runIsolated(
            12,
            [](int i) -> Result<std::string> {
                if (i == 3)
                    std::abort(); // what GDCM's assert() does
                if (i == 5)
                    std::raise(SIGSEGV);
                if (i == 7)
                    ::sleep(30); // hangs
                if (i == 9)
                    return Error {"bad item"};
                if (i == 10)
                    throw std::runtime_error("thrown");
                return std::string(100000 + i, char('a' + i)); // larger than a pipe buffer
            },
            options);
        QCOMPARE(results.size(), size_t(12));
        for (int i = 0; i < 12; ++i) {
            const auto& r = results[static_cast<size_t>(i)];
            if (i == 3 || i == 5) {
                QVERIFY(!r.ok());
                QCOMPARE(QString::fromStdString(r.error()), QString("crashed"));
            } else if (i == 7) {
                QVERIFY(!r.ok());
                QVERIFY(QString::fromStdString(r.error()).startsWith("crashed (no answer in 3 s)"));
            } else if (i == 9) {
                QCOMPARE(QString::fromStdString(r.error()), QString("bad item"));
            } else if (i == 10) {
                QCOMPARE(QString::fromStdString(r.error()), QString("thrown"));
            } else {
                QVERIFY2(r.ok(), r.ok() ? "" : r.error().c_str());
                QCOMPARE(r.value().size(), size_t(100000 + i));
                QCOMPARE(r.value().front(), char('a' + i));
            }
        }
        QCOMPARE(lastDone, 12);
    }

    void cancelStopsEarly()
    {
        std::atomic<bool> cancel {false};
        IsolatedOptions options;
        options.cancel = &cancel;
        options.progress = [&](int done, int) {
            if (done >= 3)
                cancel = true;
        };
        const auto results = runIsolated(
            200,
            [](int) -> Result<std::string> {
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
                return std::string("x");
            },
            options);
        int finished = 0;
        for (const auto& r : results)
            finished += r.ok();
        QVERIFY(finished >= 3);
        QVERIFY(finished < 200);
        QCOMPARE(QString::fromStdString(results.back().error()), QString("cancelled"));
    }

    void zeroItemsIsFine()
    {
        QVERIFY(runIsolated(0, [](int) -> Result<std::string> { return std::string(); }).empty());
    }
};

QTEST_GUILESS_MAIN(TestIsolatedRunner)
#include "tst_IsolatedRunner.moc"
