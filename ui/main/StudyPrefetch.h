#pragma once
// The study named on the command line starts loading before the main window exists: the scan
// and the pixel reads run on a thread of their own and in the DICOM reader processes while the
// GUI thread builds the window and its OpenGL context, which on a 2-core machine is most of the
// time from start to the first frame (README, Figures). The window's own load then takes the
// prefetched study over (loadOrTakeStudy), with its progress and its cancel, as if it had
// started it: what the user sees (progress, Cancel, errors in the status bar and the log) is
// the same.
#include "core/util/Progress.h"

#include <QString>

#include <functional>
#include <memory>

namespace sg::ui {

struct LoadedStudy;

using StudyLoadFunction = std::function<std::shared_ptr<LoadedStudy>(const QString&, sg::core::Progress&)>;

// Starts `load(path)` (by default loadStudy) now on a thread of its own. A prefetch that
// nobody took is cancelled and replaced.
void prefetchStudy(const QString& path, StudyLoadFunction load = {});

// True from prefetchStudy() until loadOrTakeStudy() took it.
bool studyPrefetchPending();

// The prefetched load of `path`, if one was started and not taken yet: waits for it, passing
// its reports (the latest one first) on to `progress` and `progress`'s cancel back to it.
// Otherwise loadStudy(path, progress). An exception the load threw is thrown here.
std::shared_ptr<LoadedStudy> loadOrTakeStudy(const QString& path, sg::core::Progress& progress);

} // namespace sg::ui
