#pragma once
// The built-in demo study: one synthetic patient, generated on first use into the user's
// data folder (XDG), then opened like any study.
#include "core/util/Progress.h"
#include "core/util/Status.h"

#include <QString>

namespace sg::ui {

// $XDG_DATA_HOME/spinegrade/demo-study (~/.local/share/spinegrade/demo-study).
QString demoStudyFolder();
bool demoStudyReady(); // generated completely before

// Generates the demo study into demoStudyFolder(): the task the main window runs in the
// background. `progress` hears (slices written, slices in total). It is written to a
// temporary folder and renamed when complete, so a cancelled or killed run leaves no half
// study.
sg::core::Status generateDemoStudy(sg::core::Progress& progress = sg::core::Progress::none());

} // namespace sg::ui
