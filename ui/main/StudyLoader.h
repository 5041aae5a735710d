#pragma once
// Scans a folder and reads every series' pixels: the task the main window runs in the
// background (ui/common/BackgroundTask) when a study is opened.
#include "core/util/Progress.h"
#include "ui/viewer/ViewerState.h"

#include <memory>

namespace sg::ui {

// Runs on the calling thread. `progress` hears (done, total, phase), the phase's name
// translated ("Scanning files", "Reading slices"). Cancelled, the study comes back with
// LoadedStudy::cancelled set and what was read so far.
std::shared_ptr<LoadedStudy> loadStudy(const QString& path, sg::core::Progress& progress = sg::core::Progress::none());

} // namespace sg::ui
