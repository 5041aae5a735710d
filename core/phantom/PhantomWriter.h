#pragma once
// Writes synthetic patients to disk: DIR/<patient-id>/ holds the DICOM files of one study
// (one axial T2 series, a stack per disc) and ground_truth.json.
#include "core/phantom/PhantomOptions.h"
#include "core/util/Status.h"

#include <functional>
#include <string>

namespace sg::core {

// Called with (slices written, slices in total); returning false cancels.
using PhantomProgress = std::function<bool(int done, int total)>;

// Writes patient `patientIndex` (0-based) of options.seed under outDir (the demo study).
Status generatePhantomStudy(const PhantomOptions& options, const std::string& outDir,
    const PhantomProgress& progress = {}, int patientIndex = 0);

// Writes patients 0 .. patients-1. A cancelled run returns an error saying so; the
// patients finished before are complete on disk.
Status generatePhantomPatients(
    const PhantomOptions& options, int patients, const std::string& outDir, const PhantomProgress& progress = {});

} // namespace sg::core
