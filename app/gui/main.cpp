// spinegrade: the desktop program. Wiring only.
#include "app/Version.h"
#include "ui/common/StartupTrace.h"
#include "ui/main/CommandLine.h"
#include "ui/main/FrameHeap.h"
#include "ui/main/InferenceThreads.h"
#include "ui/main/MainWindow.h"
#include "ui/main/SessionBusProbe.h"
#include "ui/vtk/GlDriverPreload.h"
#include "ui/vtk/VtkViewport.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QOpenGLWidget>

#include <cstdio>
#include <cstdlib>
#include <unistd.h>

namespace {

// SPINEGRADE_EXIT_AT_FIRST_FRAME=1 (tests/bench/bench_startup.sh): once the first study's
// first frame is on screen, say so and end the process at once, so start to exit is start to
// first frame (no teardown measured).
void exitAtFirstStudyFrame(sg::ui::MainWindow& window)
{
    QObject::connect(
        &window, &sg::ui::MainWindow::studyLoaded, &window,
        [&window] {
            auto* view = qobject_cast<QOpenGLWidget*>(window.centralWidget());
            if (!view)
                return;
            QObject::connect(
                view, &QOpenGLWidget::frameSwapped, view,
                [] {
                    std::puts("spinegrade: first frame of the study");
                    std::fflush(stdout);
                    _exit(0);
                },
                Qt::SingleShotConnection);
            view->update();
        },
        Qt::SingleShotConnection);
}

} // namespace

int main(int argc, char** argv)
{
    sg::ui::startupMark("main");
    // Huge pages for the heap the first frame's buffers come from (ui/main/FrameHeap.h).
    sg::ui::useHugePageHeap();
    // OMP_WAIT_POLICY for LibTorch's threads (the ML plugin loads on a worker once the window is up).
    sg::ui::usePassiveInferenceThreads();
    sg::ui::skipHopelessSessionBusAutolaunch(); // before any thread: it may set the environment
    // VTK needs an OpenGL 3.2 core context: set before QApplication exists.
    sg::ui::VtkViewport::setDefaultSurfaceFormat();
    QApplication app(argc, argv);
    sg::ui::startupMark("QApplication");
    QApplication::setApplicationName("SpineGrade");
    QApplication::setOrganizationName("SpineGrade");
    QApplication::setApplicationVersion(QStringLiteral(SG_VERSION_STRING));
    QApplication::setDesktopFileName(QStringLiteral("spinegrade")); // packaging/spinegrade.desktop

    QCommandLineParser parser;
    sg::ui::addGuiOptions(parser);
    parser.process(app);
    // The GL driver loads on a worker while the window is built (its context needs it at show()).
    sg::ui::preloadGlDriver();
    // The study starts loading now, while the window and its GL context are being made.
    sg::ui::prefetchFromCommandLine(parser.positionalArguments(), parser.isSet(QStringLiteral("demo")));

    sg::ui::MainWindow window;
    sg::ui::startupMark("main window built");
    QObject::connect(&window, &sg::ui::MainWindow::studyLoaded, [] { sg::ui::startupMark("study shown in the view"); });
    if (auto* view = qobject_cast<QOpenGLWidget*>(window.centralWidget()))
        QObject::connect(view, &QOpenGLWidget::frameSwapped, [] { sg::ui::startupMark("frame swapped"); });
    if (qEnvironmentVariableIsSet("SPINEGRADE_EXIT_AT_FIRST_FRAME"))
        exitAtFirstStudyFrame(window);
    sg::ui::openFromCommandLine(window, parser.positionalArguments(), parser.isSet(QStringLiteral("demo")));
    window.show();
    sg::ui::startupMark("main window shown");
    return QApplication::exec();
}
