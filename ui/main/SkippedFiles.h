#pragma once
// What a study load could not use, told twice: each file with its reason in the log, and the
// first few names in the status bar ("; skipped (see the log): a.dcm, b.dcm and 4 more").
// Names and reasons are escaped to one line each: a file named with a newline cannot forge a
// log line.
#include <QString>

#include <functional>

namespace sg::ui {

struct LoadedStudy;

// Logs every skipped or unreadable file of `study` through `log` and returns the status-bar
// suffix (empty when nothing was skipped). The demo study's answer key is not reported.
QString reportSkippedFiles(const LoadedStudy& study, const std::function<void(const QString&)>& log);

} // namespace sg::ui
