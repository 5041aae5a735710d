#pragma once
// Writes MR slices as DICOM files through ITK/GDCM (used by the phantom generator and
// by tests that need series nobody hand-edited).
#include "core/study/Geometry.h"
#include "core/util/Status.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sg::core {

struct DicomSeriesInfo {
    std::string patientName = "SYNTHETIC^PHANTOM";
    std::string patientId = "SYNTHETIC";
    std::string studyInstanceUid;
    std::string studyDescription;
    std::string studyDate = "20260101";
    std::string seriesInstanceUid;
    std::string seriesDescription;
    int seriesNumber = 1;
    std::string manufacturer;
    // Identifying attributes of the Basic Profile (PS3.15), empty by default; tests set them to
    // show that a project never keeps them.
    std::string accessionNumber;
    std::string referringPhysician;
    std::string institutionName;
    std::string stationName;
    std::string deviceSerialNumber;
    // MR Image module: attributes an MR object must carry (dciodvfy checks them). The
    // defaults describe a 2D T2-weighted turbo spin echo, head first supine.
    std::string imageType = "ORIGINAL\\PRIMARY\\OTHER";
    std::string patientPosition = "HFS";
    std::string scanningSequence = "SE";
    std::string sequenceVariant = "SK";
    std::string acquisitionType = "2D";
    double repetitionTime = 4000; // ms
    double echoTime = 100; // ms
    int echoTrainLength = 16;
};

struct DicomSliceData {
    int rows = 0;
    int columns = 0;
    std::vector<int16_t> pixels; // row-major, stored values (before rescale)
    double rowSpacing = 1.0;
    double columnSpacing = 1.0;
    double sliceThickness = 4.0;
    double sliceSpacing = 0; // centre distance (SpacingBetweenSlices); 0: thickness
    Vec3 position {}; // ImagePositionPatient
    Orientation orientation;
    std::string sopInstanceUid;
    int instanceNumber = 1;
    double rescaleSlope = 1.0;
    double rescaleIntercept = 0.0;
    std::optional<WindowLevel> window;
};

Status writeDicomSlice(const std::string& file, const DicomSeriesInfo& series, const DicomSliceData& slice);

} // namespace sg::core
