#include "ui/main/CommandLine.h"

#include "ui/main/DemoStudy.h"
#include "ui/main/MainWindow.h"
#include "ui/main/StudyPrefetch.h"

#include <QFileInfo>
#include <QPointer>
#include <QTimer>

namespace sg::ui {

void addGuiOptions(QCommandLineParser& parser)
{
    parser.setApplicationDescription(QObject::tr("Grading lumbar spinal stenosis on axial MRI"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("PATH"),
        QObject::tr(
            "A DICOM study folder to view, or a labeling project (.sgdb) to open (you are asked who you are)."));
    parser.addOption(QCommandLineOption(
        QStringLiteral("demo"), QObject::tr("Open the built-in synthetic demo study (generated on first use).")));
}

void openFromCommandLine(MainWindow& window, const QStringList& positional, bool demo)
{
    // A study folder (or the demo) starts opening now: its load (prefetched, most often
    // finished by now) is handed over before the window's first paint, so the first frame
    // on screen can already be the study. A project waits for the event loop: its sign-in
    // dialog needs it.
    if (!positional.isEmpty() && !MainWindow::isProjectFile(positional.first())) {
        window.openPath(positional.first());
        return;
    }
    if (positional.isEmpty()) {
        if (demo)
            window.openDemo();
        return;
    }
    QPointer<MainWindow> w(&window);
    QTimer::singleShot(0, &window, [w, path = positional.first()] {
        if (w)
            w->openPath(path);
    });
}

void prefetchFromCommandLine(const QStringList& positional, bool demo)
{
    if (positional.isEmpty()) {
        if (demo && demoStudyReady())
            prefetchStudy(demoStudyFolder()); // MainWindow::openDemo opens this folder
        return;
    }
    // The folder MainWindow::openPath passes to openStudy, or none.
    const QFileInfo info(positional.first());
    if (!info.exists())
        return;
    if (info.isDir())
        prefetchStudy(info.absoluteFilePath());
    else if (!MainWindow::isProjectFile(info.filePath()))
        prefetchStudy(info.absolutePath());
}

} // namespace sg::ui
