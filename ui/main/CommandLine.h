#pragma once
// What `spinegrade [PATH] [--demo]` opens once the window is up: a folder as a study, a
// project file (.sgdb) with the sign-in dialog, or the demo study.
#include <QCommandLineParser>
#include <QStringList>

namespace sg::ui {

class MainWindow;

// The program's options and the PATH argument, for QCommandLineParser.
void addGuiOptions(QCommandLineParser& parser);
// Opens what the parsed command line names, after the event loop starts (the sign-in dialog
// needs it). `positional`: the PATH arguments (the first is opened); `demo`: --demo.
void openFromCommandLine(MainWindow& window, const QStringList& positional, bool demo);

} // namespace sg::ui
