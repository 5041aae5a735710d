#pragma once
// One synthetic patient rendered in memory: the DICOM-ready slices and the ground truth
// of each. Writing to disk is PhantomWriter's job.
#include "core/dicom/DicomWriter.h"
#include "core/phantom/PatientAnatomy.h"
#include "core/phantom/PhantomOptions.h"

#include <optional>
#include <string>
#include <vector>

namespace sg::core {

struct PhantomSliceTruth {
    std::string sopInstanceUid;
    Level level = Level::L4L5;
    bool cord = false; // canal "cord" (conus) or "rootlet"
    std::optional<SchizasGrade> grade; // none on cord slices
    int subgrade = 0; // 1..4 for grade A rootlet slices
    double canalCol = 0, canalRow = 0; // centre of the dural sac, pixels
    int patchX = 0, patchY = 0, patchW = 0, patchH = 0;
    double rowSpacing = 0, columnSpacing = 0;
    double csfAreaMm2 = 0; // exact, from the tissue map (not in the JSON)
};

struct PhantomSlice {
    DicomSliceData dicom;
    PhantomSliceTruth truth;
    std::vector<float> clean; // noise-free signal (kept only when asked for)
};

struct PhantomStudy {
    PatientAnatomy anatomy;
    DicomSeriesInfo series;
    std::vector<PhantomSlice> slices; // L5/S1 first, each stack inferior to superior
};

std::string phantomPatientId(uint64_t seed, int patientIndex); // "SYN-<seed>-0007"

// Patient `patientIndex` (0-based) of the seed; the same inputs give the same study.
// `keepClean` keeps the noise-free image of each slice (tests, montages).
PhantomStudy renderPhantomStudy(const PhantomOptions& options, int patientIndex, bool keepClean = false);

// One slice (for callers that stream: the writer renders and writes one at a time).
PhantomSlice renderPhantomSlice(const PhantomOptions& options, const PatientAnatomy& anatomy,
    const SlicePlacement& placement, int instanceNumber, bool keepClean);
DicomSeriesInfo phantomSeriesInfo(const PhantomOptions& options, int patientIndex);

} // namespace sg::core
