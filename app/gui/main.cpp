// spinegrade: the desktop program. Wiring only.
#include "ui/main/CommandLine.h"
#include "ui/main/InferenceThreads.h"
#include "ui/main/MainWindow.h"
#include "ui/vtk/VtkViewport.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char** argv)
{
    sg::ui::restartWithPassiveInferenceThreads(argv); // before anything else runs
    // VTK needs an OpenGL 3.2 core context: set before QApplication exists.
    sg::ui::VtkViewport::setDefaultSurfaceFormat();
    QApplication app(argc, argv);
    QApplication::setApplicationName("SpineGrade");
    QApplication::setOrganizationName("SpineGrade");
    QApplication::setApplicationVersion(QStringLiteral(SG_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("spinegrade")); // packaging/spinegrade.desktop

    QCommandLineParser parser;
    sg::ui::addGuiOptions(parser);
    parser.process(app);

    sg::ui::MainWindow window;
    window.show();
    sg::ui::openFromCommandLine(window, parser.positionalArguments(), parser.isSet(QStringLiteral("demo")));
    return QApplication::exec();
}
