#pragma once
// What `spinegrade [PATH] [--demo]` opens at the start: a folder as a study, a
// project file (.sgdb) with the sign-in dialog, or the demo study.
#include <QCommandLineParser>
#include <QStringList>

namespace sg::ui {

class MainWindow;

// The program's options and the PATH argument, for QCommandLineParser.
void addGuiOptions(QCommandLineParser& parser);
// Opens what the parsed command line names: a study folder or the demo at once (call it before
// the window is shown), a project once the event loop runs (the sign-in dialog needs it).
// `positional`: the PATH arguments (the first is opened); `demo`: --demo.
void openFromCommandLine(MainWindow& window, const QStringList& positional, bool demo);
// Starts loading the study that openFromCommandLine will open (a folder, a DICOM file's folder,
// or the demo once generated) before the window is built (ui/main/StudyPrefetch.h); nothing
// for a project file or a demo still to be generated. Same arguments.
void prefetchFromCommandLine(const QStringList& positional, bool demo);

} // namespace sg::ui
