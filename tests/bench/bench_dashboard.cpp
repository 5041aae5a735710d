// Live dashboard latency (printed, not judged): the time from a label committed by ANOTHER
// PROCESS to the dashboard having repainted with it, over many commits. The child is this
// executable run with --writer: it signs in as an analyzer and saves a label every
// `interval` ms, printing the CLOCK_MONOTONIC time right after each commit returned (the
// clock is system-wide, so both processes read the same one). The dashboard follows the file
// from its worker thread; on each snapshot this process repaints the window at once and
// notes the time. Latency of commit k = first repaint that includes history row base + k.
//   QT_QPA_PLATFORM=offscreen build/tests/bench/bench_dashboard [DIR] [--studies N]
//       [--commits N] [--interval MS]
#include "core/store/LabelingSession.h"
#include "tests/support/RatingsFixture.h"
#include "ui/dashboard/DashboardWidget.h"

#include <QApplication>
#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

using namespace sg::core;

namespace {

std::int64_t monotonicNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

int runWriter(const char* db, int commits, int intervalMs)
{
    auto session = LabelingSession::start(db, "ana");
    if (!session) {
        std::fprintf(stderr, "writer: %s\n", session.error().c_str());
        return 1;
    }
    const auto order = (*session)->order();
    if (!order || order->empty())
        return 1;
    for (int i = 0; i < commits; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(intervalMs));
        Label label;
        label.itemId = (*order)[static_cast<size_t>(i) % order->size()];
        label.canal = Canal::Rootlet;
        label.grade = static_cast<Grade>(i % 4);
        label.comment = "bench " + std::to_string(i); // every save is a change
        if (auto saved = (*session)->save(label); !saved) {
            std::fprintf(stderr, "writer: %s\n", saved.error().c_str());
            return 1;
        }
        std::printf("committed %d %lld\n", i, static_cast<long long>(monotonicNs()));
        std::fflush(stdout);
    }
    return 0;
}

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    const size_t i = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5));
    return v[i];
}

} // namespace

int main(int argc, char** argv)
{
    if (argc == 5 && std::strcmp(argv[1], "--writer") == 0)
        return runWriter(argv[2], std::atoi(argv[3]), std::atoi(argv[4]));

    QApplication app(argc, argv);
    QString dir;
    sg::test::RatedProjectOptions options;
    options.studies = 24;
    int commits = 50, intervalMs = 400;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == "--studies" && i + 1 < args.size())
            options.studies = args[++i].toInt();
        else if (args[i] == "--commits" && i + 1 < args.size())
            commits = args[++i].toInt();
        else if (args[i] == "--interval" && i + 1 < args.size())
            intervalMs = args[++i].toInt();
        else
            dir = args[i];
    }
    QTemporaryDir temp(dir.isEmpty() ? QDir::tempPath() + "/bench_dashboard-XXXXXX" : dir + "/bench_dashboard-XXXXXX");
    const std::string path = (temp.path() + "/bench.sgp").toStdString();
    std::string error;
    if (!sg::test::makeRatedProject(path, options, error)) {
        std::fprintf(stderr, "cannot make the project: %s\n", error.c_str());
        return 1;
    }

    sg::ui::DashboardWidget dashboard;
    dashboard.resize(1280, 1000);
    dashboard.show();
    std::vector<std::pair<std::int64_t, std::int64_t>> shown; // (history id, repainted at ns)
    std::vector<double> computeMs;
    QObject::connect(&dashboard, &sg::ui::DashboardWidget::snapshotShown, &dashboard, [&](qint64 id) {
        dashboard.repaint(); // on screen now, not at the next event cycle
        shown.emplace_back(id, monotonicNs());
        computeMs.push_back(dashboard.snapshot()->computeMs);
    });
    dashboard.follow(QString::fromStdString(path));
    if (!QTest::qWaitFor([&] { return !shown.empty(); }, 30000)) {
        std::fprintf(stderr, "no first snapshot\n");
        return 1;
    }
    const double firstMs = computeMs.front();
    const std::int64_t base = shown.back().first;
    shown.clear();
    computeMs.clear();

    std::vector<std::int64_t> committedAt;
    QProcess writer;
    QObject::connect(&writer, &QProcess::readyReadStandardOutput, [&] {
        while (writer.canReadLine()) {
            const QList<QByteArray> parts = writer.readLine().trimmed().split(' ');
            if (parts.size() == 3 && parts[0] == "committed")
                committedAt.push_back(parts[2].toLongLong());
        }
    });
    writer.start(app.applicationFilePath(),
        {"--writer", QString::fromStdString(path), QString::number(commits), QString::number(intervalMs)});
    const bool finished =
        QTest::qWaitFor([&] { return writer.state() == QProcess::NotRunning; }, commits * (intervalMs + 1000) + 10000);
    // The last commit's snapshot; a missing one shows as fewer latencies below.
    (void)QTest::qWaitFor([&] { return !shown.empty() && shown.back().first >= base + commits; }, 3000);
    if (!finished || writer.exitCode() != 0 || static_cast<int>(committedAt.size()) != commits) {
        std::fprintf(stderr, "writer failed: %s\n", writer.readAllStandardError().constData());
        return 1;
    }

    std::vector<double> latency;
    for (int k = 0; k < commits; ++k) {
        const auto it =
            std::find_if(shown.begin(), shown.end(), [&](const auto& s) { return s.first >= base + k + 1; });
        if (it != shown.end())
            latency.push_back(static_cast<double>(it->second - committedAt[static_cast<size_t>(k)]) / 1e6);
    }
    const auto& last = dashboard.snapshot()->report.tasks.front().all.scale;
    std::printf("project: %d studies, %lld items labeled (grade), %zu raters; poll every 250 ms\n", options.studies,
        static_cast<long long>(last.items), last.raters.size());
    std::printf("first full read + report: %.1f ms\n", firstMs);
    std::printf("commit (other process) -> dashboard repainted, %zu of %d commits, %d ms apart:\n", latency.size(),
        commits, intervalMs);
    if (!latency.empty())
        std::printf("  median %.0f ms, p95 %.0f ms, min %.0f ms, max %.0f ms\n", percentile(latency, 0.5),
            percentile(latency, 0.95), percentile(latency, 0.0), percentile(latency, 1.0));
    if (!computeMs.empty())
        std::printf(
            "worker refresh (history rows + report + progress): median %.2f ms, max %.2f ms over %zu refreshes\n",
            percentile(computeMs, 0.5), percentile(computeMs, 1.0), computeMs.size());
    return latency.size() == static_cast<size_t>(commits) ? 0 : 1;
}
