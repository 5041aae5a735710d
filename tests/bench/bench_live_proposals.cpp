// CNN proposals in the program on the demo study, under a real X server (run with xvfb-run):
// time from opening the study to the first proposal on screen and to every slice proposed.
// The first open includes loading the model on the worker thread; later opens reuse it.
// Prints figures; no verdict.
//   xvfb-run -a -s '-screen 0 1400x1200x24' bench_live_proposals [--runs 5]
#include "ui/main/DemoStudy.h"
#include "ui/main/InferenceThreads.h"
#include "ui/main/MainWindow.h"
#include "ui/proposals/ProposalWorker.h"
#include "ui/proposals/ViewerProposals.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSignalSpy>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace {

struct Run {
    double loaded = -1, first = -1, all = -1;
    int slices = 0;
};

Run openOnce(sg::ui::MainWindow& window, const QString& folder)
{
    Run r;
    QElapsedTimer t;
    QEventLoop loop;
    auto c1 = QObject::connect(&window, &sg::ui::MainWindow::studyLoaded, [&] { r.loaded = t.nsecsElapsed() / 1e6; });
    auto c2 = QObject::connect(&window.viewerProposals(), &sg::ui::ViewerProposals::currentProposed, [&] {
        if (r.first < 0)
            r.first = t.nsecsElapsed() / 1e6;
    });
    auto c3 = QObject::connect(&window.viewerProposals(), &sg::ui::ViewerProposals::allProposed, [&] {
        r.all = t.nsecsElapsed() / 1e6;
        loop.quit();
    });
    QTimer::singleShot(300000, &loop, &QEventLoop::quit);
    t.start();
    window.openStudy(folder);
    loop.exec();
    QObject::disconnect(c1);
    QObject::disconnect(c2);
    QObject::disconnect(c3);
    r.slices = window.viewerProposals().proposals().size();
    return r;
}

} // namespace

int main(int argc, char** argv)
{
    // As the program does (app/gui/main.cpp); SG_BENCH_SPIN=1 measures the default instead.
    if (!std::getenv("SG_BENCH_SPIN"))
        sg::ui::usePassiveInferenceThreads();
    QApplication app(argc, argv);
    int runs = 5;
    for (int i = 1; i + 1 < argc; ++i)
        if (!std::strcmp(argv[i], "--runs"))
            runs = std::max(1, std::atoi(argv[i + 1]));

    sg::ui::MainWindow window;
    window.resize(1280, 900);
    window.show();
    if (!sg::ui::demoStudyReady()) {
        std::printf("generating the demo study (not timed)...\n");
        QEventLoop wait;
        QObject::connect(&window, &sg::ui::MainWindow::studyLoaded, &wait, &QEventLoop::quit);
        window.openDemo();
        wait.exec();
        QSignalSpy all(&window.viewerProposals(), &sg::ui::ViewerProposals::allProposed);
        all.wait(300000);
    }
    const QString folder = sg::ui::demoStudyFolder();
    const char* policy = std::getenv("OMP_WAIT_POLICY");
    std::printf("demo study: %s, %d cores (QThread::idealThreadCount), OMP_WAIT_POLICY=%s\n", qPrintable(folder),
        QThread::idealThreadCount(), policy ? policy : "(default: spinning)");
    std::vector<double> first, all, perSlice;
    for (int k = 0; k <= runs; ++k) {
        const Run r = openOnce(window, folder);
        if (r.all < 0) {
            std::printf("run %d: not every slice was proposed (model: %s)\n", k,
                qPrintable(window.proposalWorker().modelError()));
            return 1;
        }
        std::printf("%s: %d slices; loaded %.0f ms, first proposal on screen %.0f ms, all proposed %.0f ms "
                    "(%.1f ms per slice after loading)\n",
            k == 0 ? "open 1 (model loads)" : qPrintable(QStringLiteral("open %1").arg(k + 1)), r.slices, r.loaded,
            r.first, r.all, (r.all - r.loaded) / std::max(r.slices, 1));
        if (k > 0 || runs == 0) {
            first.push_back(r.first);
            all.push_back(r.all);
            perSlice.push_back((r.all - r.loaded) / std::max(r.slices, 1));
        }
    }
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    std::printf("median over %zu warm opens: first proposal on screen %.0f ms, all slices proposed %.0f ms, "
                "%.1f ms per slice\n",
        first.size(), median(first), median(all), median(perSlice));
    if (const auto& m = window.proposalWorker().model())
        std::printf("model: %s version %s (%s)\n", m->name.c_str(), m->version.c_str(), m->directory.c_str());
    return 0;
}
