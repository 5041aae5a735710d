// spinegrade: the desktop program. Wiring only.
#include "ui/main/InferenceThreads.h"
#include "ui/main/MainWindow.h"
#include "ui/vtk/VtkViewport.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

int main(int argc, char** argv)
{
    sg::ui::restartWithPassiveInferenceThreads(argv); // before anything else runs
    // VTK needs an OpenGL 3.2 core context: set before QApplication exists.
    sg::ui::VtkViewport::setDefaultSurfaceFormat();
    QApplication app(argc, argv);
    QApplication::setApplicationName("SpineGrade");
    QApplication::setOrganizationName("SpineGrade");
    QApplication::setApplicationVersion(QStringLiteral(SG_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription("Grading lumbar spinal stenosis on axial MRI");
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument("STUDY_DIR", "DICOM study folder to open");
    const QCommandLineOption demo("demo", "Open the built-in synthetic demo study (generated on first use).");
    parser.addOption(demo);
    parser.process(app);

    sg::ui::MainWindow window;
    window.show();
    const QStringList args = parser.positionalArguments();
    if (!args.isEmpty())
        QTimer::singleShot(0, &window, [&window, path = args.first()] { window.openStudy(path); });
    else if (parser.isSet(demo))
        QTimer::singleShot(0, &window, [&window] { window.openDemo(); });
    return QApplication::exec();
}
