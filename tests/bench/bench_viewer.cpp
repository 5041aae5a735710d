// The viewer under a real X server (run with xvfb-run): re-render time after a slice or
// window/level change at 1024x1024, and the program's memory with the benchmark series
// open. Prints figures; no verdict.
//   xvfb-run -a -s '-screen 0 1400x1200x24' bench_viewer [--size 512] [--slices-per-stack 12]
#include "tests/support/SeriesFactory.h"
#include "ui/main/MainWindow.h"
#include "ui/viewer/SliceView.h"
#include "ui/viewer/ViewerState.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QOpenGLContext>
#include <QOpenGLFunctions>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace {

long statusKb(const char* key)
{
    std::ifstream f("/proc/self/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind(key, 0) == 0)
            return std::atol(line.c_str() + std::char_traits<char>::length(key));
    return -1;
}

struct Figures {
    double median, p95, max;
};

Figures summarize(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return {v[v.size() / 2], v[std::min(v.size() - 1, v.size() * 95 / 100)], v.back()};
}

// Event to presented frame: the change, Qt's update(), paintGL, compose and swap.
double frameAfter(sg::ui::SliceView& view, const std::function<void()>& change)
{
    QEventLoop loop;
    QObject::connect(&view, &QOpenGLWidget::frameSwapped, &loop, &QEventLoop::quit);
    QTimer::singleShot(2000, &loop, &QEventLoop::quit);
    QElapsedTimer t;
    t.start();
    change();
    loop.exec();
    return t.nsecsElapsed() / 1e6;
}

} // namespace

int main(int argc, char** argv)
{
    sg::ui::VtkViewport::setDefaultSurfaceFormat();
    QApplication app(argc, argv);
    int size = 512, perStack = 12;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::string(argv[i]) == "--size")
            size = std::atoi(argv[i + 1]);
        else if (std::string(argv[i]) == "--slices-per-stack")
            perStack = std::atoi(argv[i + 1]);
    }
    QTemporaryDir dir;
    if (!sg::test::writeSeries(dir.path().toStdString(), sg::test::lumbarSeries(size, size, perStack)).ok())
        return 1;

    sg::ui::MainWindow window;
    window.show();
    window.sliceView().setFixedSize(1024, 1024);
    window.adjustSize();
    for (int i = 0; i < 20; ++i)
        app.processEvents();
    const long idle = statusKb("VmRSS:");

    QSignalSpy loaded(&window, &sg::ui::MainWindow::studyLoaded);
    QElapsedTimer openTimer;
    openTimer.start();
    window.openStudy(dir.path());
    if (!loaded.wait(60000))
        return 1;
    const double openMs = openTimer.nsecsElapsed() / 1e6;
    sg::ui::SliceView& view = window.sliceView();
    sg::ui::ViewerState& state = window.state();
    view.renderNow();

    const int runs = 200;
    std::vector<double> sliceVtk, windowVtk, sliceFrame, windowFrame, unchanged;
    for (int i = 0; i < runs; ++i) {
        unchanged.push_back(view.renderNow());
        state.stepSlice(i % 2 ? -1 : +1);
        sliceVtk.push_back(view.renderNow());
        state.dragWindow(i % 2 ? -3 : 3, 0);
        windowVtk.push_back(view.renderNow());
    }
    for (int i = 0; i < 60; ++i) {
        sliceFrame.push_back(frameAfter(view, [&] { state.stepSlice(i % 2 ? -1 : +1); }));
        windowFrame.push_back(frameAfter(view, [&] { state.dragWindow(i % 2 ? -3 : 3, 0); }));
    }
    const long peak = statusKb("VmHWM:");
    auto print = [](const char* what, const Figures& f) {
        std::printf("%-58s median %6.2f ms  p95 %6.2f ms  max %6.2f ms\n", what, f.median, f.p95, f.max);
    };
    view.makeCurrent();
    const auto* glRenderer = reinterpret_cast<const char*>(view.context()->functions()->glGetString(GL_RENDERER));
    std::printf("OpenGL renderer: %s\n", glRenderer ? glRenderer : "?");
    view.doneCurrent();
    std::printf("view %dx%d device pixels, slices %dx%d, %d slices in 5 stacks\n", view.width(), view.height(), size,
        size, 5 * perStack);
    print("re-render with nothing changed (the frame's floor)", summarize(unchanged));
    print("re-render after slice change (VTK render + blit)", summarize(sliceVtk));
    print("re-render after W/L change (VTK render + blit)", summarize(windowVtk));
    print("slice change to presented frame (with Qt compose + swap)", summarize(sliceFrame));
    print("W/L change to presented frame (with Qt compose + swap)", summarize(windowFrame));
    std::printf("open study (scan + load + first show): %.0f ms\n", openMs);
    std::printf("memory: idle program %.1f MB RSS, peak with the series open %.1f MB: %.1f MB above idle "
                "(aim: under 200)\n",
        idle / 1024.0, peak / 1024.0, (peak - idle) / 1024.0);
    return 0;
}
