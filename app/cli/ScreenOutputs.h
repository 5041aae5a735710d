#pragma once
// What `screen --report` and `screen --dicom-out` write from a finished screening: painted with
// Qt Gui on the offscreen platform (a QGuiApplication for this call only), no display needed.
#include "core/screening/ScreeningReport.h"

#include <string>

namespace sg::cli {

// Returns the exit status; each written file is named on stderr (stdout may be --json), as a failure is.
int writeScreenOutputs(const core::ScreeningReport& report, const std::string& reportPath, const std::string& dicomDir);

} // namespace sg::cli
