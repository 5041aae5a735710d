#include "ui/main/CommandLine.h"

#include "ui/main/MainWindow.h"

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
    QPointer<MainWindow> w(&window);
    if (!positional.isEmpty())
        QTimer::singleShot(0, &window, [w, path = positional.first()] {
            if (w)
                w->openPath(path);
        });
    else if (demo)
        QTimer::singleShot(0, &window, [w] {
            if (w)
                w->openDemo();
        });
}

} // namespace sg::ui
