#pragma once
// Writes synthetic patients to disk: DIR/<patient-id>/ holds the DICOM files of one study
// (one axial T2 series, a stack per disc) and ground_truth.json.
#include "core/phantom/PhantomOptions.h"
#include "core/util/Progress.h"
#include "core/util/Status.h"

#include <string>

namespace sg::core {

// Both hear (slices written, slices in total) through `progress`. A cancelled run returns
// the error "cancelled"; the patients finished before are complete on disk.

// Writes patient `patientIndex` (0-based) of options.seed under outDir (the demo study).
Status generatePhantomStudy(const PhantomOptions& options, const std::string& outDir, int patientIndex = 0,
    Progress& progress = Progress::none());

// Writes patients 0 .. patients-1.
Status generatePhantomPatients(
    const PhantomOptions& options, int patients, const std::string& outDir, Progress& progress = Progress::none());

} // namespace sg::core
