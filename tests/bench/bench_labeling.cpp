// Labeling speed under a real X server (run with xvfb-run): from the keypress that commits
// a label to the next item's frame on screen (QOpenGLWidget::frameSwapped), through the real
// main window: the SQLite commit (synchronous=FULL), the item switch, the docks' refresh,
// the slice upload, render, compose and swap. Between items the benchmark waits until the
// worker has prefetched the next slice, as the seconds an analyzer spends looking allow.
// Prints figures; no verdict.
//   xvfb-run -a -s '-screen 0 1400x1200x24' bench_labeling [DIR] [--items 120] [--size 512]
// DIR holds the project and the series (on the disk projects live on; default: a temp dir).
#include "core/dicom/DicomScanner.h"
#include "core/store/ProjectStore.h"
#include "core/store/Worklist.h"
#include "tests/support/SeriesFactory.h"
#include "ui/labeling/ItemImageCache.h"
#include "ui/labeling/LabelingController.h"
#include "ui/labeling/LabelingMode.h"
#include "ui/main/MainWindow.h"
#include "ui/viewer/SliceView.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <QtGui/qguiapplication_platform.h>

#include <algorithm>
#include <cstdio>
#include <vector>

#include <dlfcn.h>
// After every Qt header: Xlib defines macros (KeyPress, None, Bool) that clash with Qt's names.
#include <X11/Xlib.h>
#include <X11/keysym.h>

namespace {

// A real key press through the X server (the XTest extension, as xdotool sends them): the
// event takes the path a user's keystroke takes, from the X connection through Qt's event
// loop and shortcut map. libXtst is loaded at run time (its headers are not a dependency).
class XKeys {
public:
    XKeys()
    {
        if (auto* x11 = qApp->nativeInterface<QNativeInterface::QX11Application>())
            m_display = x11->display();
        if (void* lib = dlopen("libXtst.so.6", RTLD_NOW))
            m_fake = reinterpret_cast<FakeKey>(dlsym(lib, "XTestFakeKeyEvent"));
    }
    bool ok() const { return m_display && m_fake; }
    void click(KeySym key)
    {
        const unsigned code = XKeysymToKeycode(m_display, key);
        m_fake(m_display, code, 1, 0);
        m_fake(m_display, code, 0, 0);
        XFlush(m_display);
    }

private:
    using FakeKey = int (*)(Display*, unsigned, int, unsigned long);
    Display* m_display = nullptr;
    FakeKey m_fake = nullptr;
};

struct Figures {
    double median, p95, max;
};

Figures summarize(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return {v[v.size() / 2], v[std::min(v.size() - 1, v.size() * 95 / 100)], v.back()};
}

} // namespace

int main(int argc, char** argv)
{
    sg::ui::VtkViewport::setDefaultSurfaceFormat();
    QApplication app(argc, argv);
    QApplication::setOrganizationName("SpineGradeBench");
    int items = 120, size = 512;
    QString root;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == "--items" && i + 1 < args.size())
            items = args[++i].toInt();
        else if (args[i] == "--size" && i + 1 < args.size())
            size = args[++i].toInt();
        else
            root = args[i];
    }
    QTemporaryDir temp(root.isEmpty() ? QDir::tempPath() + "/bench_labeling-XXXXXX" : root + "/bench_labeling-XXXXXX");
    const std::string dir = temp.path().toStdString();
    const int perStack = (items + 4) / 5;
    if (auto st = sg::test::writeSeries(dir + "/series", sg::test::lumbarSeries(size, size, perStack)); !st) {
        std::fprintf(stderr, "cannot write the series: %s\n", st.error().c_str());
        return 1;
    }
    const std::string db = dir + "/bench.sgdb";
    {
        auto store = sg::core::ProjectStore::create(db);
        if (!store || !(*store)->importScan(sg::core::scanPath(dir + "/series"), dir + "/series") ||
            !sg::core::buildWorklist(**store, {})) {
            std::fprintf(stderr, "cannot build the project\n");
            return 1;
        }
    }

    sg::ui::MainWindow window;
    window.resize(1280, 900);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window) || !window.openLabelingProject(QString::fromStdString(db), "bench")) {
        std::fprintf(stderr, "cannot open the window or the project\n");
        return 1;
    }
    window.activateWindow();
    (void)QTest::qWaitForWindowActive(&window); // focus is checked through the keys below
    window.sliceView().setFocus();
    XKeys keys;
    if (!keys.ok()) {
        std::fprintf(stderr, "needs an X server with the XTest extension (run under xvfb-run) and libXtst.so.6\n");
        return 1;
    }
    sg::ui::LabelingController& c = window.labeling().controller();
    sg::ui::ItemImageCache& cache = window.labeling().cache();
    const int total = std::min(items, static_cast<int>(c.order().size())) - 1;

    std::vector<double> toFrame, handled;
    QElapsedTimer t;
    int notPrefetched = 0;
    for (int i = 0; i < total; ++i) {
        // The analyzer looks at the slice and grades it: the worker prefetches meanwhile, and
        // the frame showing the grade is on screen before the commit key is pressed.
        const std::int64_t next = c.order()[static_cast<size_t>(c.position() + 1)];
        (void)QTest::qWaitFor([&] { return cache.contains(next); }, 5000); // counted just below
        notPrefetched += !cache.contains(next);
        {
            QEventLoop graded;
            QObject::connect(&window.sliceView(), &QOpenGLWidget::frameSwapped, &graded, &QEventLoop::quit);
            QTimer::singleShot(1000, &graded, &QEventLoop::quit);
            keys.click(XK_a); // rootlet, grade A
            graded.exec();
        }
        // The X server, which competes for the same two cores, finishes taking those frames.
        QTest::qWait(150);

        // Handled: the controller has committed and switched items, the view and the docks
        // are updated, nothing is painted yet. Presented: the first frame swapped after that.
        QEventLoop loop;
        bool switched = false;
        QObject::connect(
            &c, &sg::ui::LabelingController::itemChanged, &loop,
            [&] {
                handled.push_back(t.nsecsElapsed() / 1e6);
                switched = true;
            },
            Qt::SingleShotConnection);
        QObject::connect(&window.sliceView(), &QOpenGLWidget::frameSwapped, &loop, [&] {
            if (switched)
                loop.quit();
        });
        QTimer::singleShot(2000, &loop, &QEventLoop::quit);
        t.start();
        keys.click(XK_Return);
        loop.exec();
        toFrame.push_back(t.nsecsElapsed() / 1e6);
        if (!switched || c.order()[static_cast<size_t>(c.position())] != next) {
            std::fprintf(stderr, "item %d: the commit did not move to the next item\n", i);
            return 1;
        }
    }
    // The floor set by the platform: a window/level change (no commit, no new item) to its
    // frame, same window, same waits.
    std::vector<double> floor;
    for (int i = 0; i < 40; ++i) {
        QTest::qWait(150);
        QEventLoop loop;
        QObject::connect(&window.sliceView(), &QOpenGLWidget::frameSwapped, &loop, &QEventLoop::quit);
        QTimer::singleShot(2000, &loop, &QEventLoop::quit);
        t.start();
        window.sliceView().model()->setWindow({600.0 + i, 1200.0});
        loop.exec();
        floor.push_back(t.nsecsElapsed() / 1e6);
    }
    // The same commits without a window: the controller and the store alone.
    std::vector<double> committed;
    {
        sg::ui::LabelingController headless;
        headless.open(QString::fromStdString(db), "headless");
        for (int i = 0; i < total; ++i) {
            headless.setGrade(sg::core::Grade::A);
            t.start();
            headless.commitAndNext();
            committed.push_back(t.nsecsElapsed() / 1e6);
        }
    }
    const Figures f = summarize(toFrame), h = summarize(handled), s = summarize(committed), w = summarize(floor);
    std::printf("bench_labeling: %d items, %dx%d slices, window 1280x900, project %s\n", total, size, size, db.c_str());
    std::printf("  keypress -> next item's frame presented: median %.1f ms, p95 %.1f ms, max %.1f ms\n", f.median,
        f.p95, f.max);
    std::printf(
        "  keypress handled (commit + item switch + docks, before paint): median %.1f ms, p95 %.1f ms, max %.1f ms\n",
        h.median, h.p95, h.max);
    std::printf(
        "  the controller alone (commit, progress, next item; no window): median %.1f ms, p95 %.1f ms, max %.1f ms\n",
        s.median, s.p95, s.max);
    std::printf("  floor: a window/level change to its frame (render + compose + swap): median %.1f ms, p95 %.1f ms\n",
        w.median, w.p95);
    std::printf("  next slice not yet prefetched at the keypress: %d of %d\n", notPrefetched, total);
    std::printf("  labels on disk: %d\n", c.progress().done);
    return 0;
}
