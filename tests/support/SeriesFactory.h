#pragma once
// Writes small DICOM MR series through ITK for tests and benchmarks: a set of per-disc
// stacks, each tilted, with a simple pattern in the pixels.
#include "core/study/Geometry.h"
#include "core/util/Status.h"

#include <string>
#include <vector>

namespace sg::test {

struct StackSpec {
    int slices = 4;
    double tiltDegrees = 0; // rotation about the patient's left-right axis
    double centerZ = 0; // mm, LPS (+z superior)
    double sliceSpacing = 4; // mm between slice centres
};

struct SeriesSpec {
    std::string studyUid = "1.2.826.0.1.3680043.10.1341.1";
    std::string seriesUid = "1.2.826.0.1.3680043.10.1341.1.1";
    std::string description = "T2 AX LUMBAR (test)";
    int rows = 64;
    int columns = 64;
    double pixelSpacing = 0.6;
    std::vector<StackSpec> stacks;
    bool shuffleNames = true; // file names carry no order
    std::string sopPrefix; // distinguishes SOP UIDs of two specs sharing a series UID
    // Who and when (the de-identification tests look for these in a project).
    std::string patientName = "TEST^SERIES";
    std::string patientId = "TEST-0001";
    std::string studyDate = "20260101";
    std::string institutionName;
    std::string accessionNumber;
    std::string referringPhysician;
    std::string stationName;
    std::string deviceSerialNumber;
};

// Five stacks 35 mm apart, like a lumbar axial protocol (L5/S1 lowest).
SeriesSpec lumbarSeries(int rows, int columns, int slicesPerStack);

// Writes the series under `dir`; returns an error message on failure.
sg::core::Status writeSeries(const std::string& dir, const SeriesSpec& spec);

} // namespace sg::test
