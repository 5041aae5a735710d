#pragma once
// The study model: what a scan of a folder found, before any pixel is read.
#include "core/study/Geometry.h"
#include "core/study/Level.h"
#include "core/study/NativePixels.h"
#include "core/study/PatientStudyAttributes.h"

#include <optional>
#include <string>
#include <vector>

namespace sg::core {

struct SliceRef {
    std::string file;
    std::string sopInstanceUid;
    int instanceNumber = 0;
    Vec3 position {}; // ImagePositionPatient of the first transmitted pixel
    double rescaleSlope = 1.0;
    double rescaleIntercept = 0.0;
    std::optional<WindowLevel> window; // the header's, when valid
    bool compressed = false; // encapsulated pixel data (JPEG, RLE, ...)
    std::optional<NativePixels> native; // set when the program may copy the stored pixels itself
};

// One short stack of parallel slices (lumbar protocols tilt one per disc).
struct Stack {
    std::optional<Level> level;
    Orientation orientation;
    int rows = 0;
    int columns = 0;
    double rowSpacing = 1.0; // PixelSpacing[0]: distance between rows (mm)
    double columnSpacing = 1.0; // PixelSpacing[1]
    double sliceSpacing = 0.0; // centre distance from ImagePositionPatient; 0 for one slice
    std::vector<SliceRef> slices; // sorted along the orientation normal

    Vec3 center() const; // patient-space centre of the stack
};

struct Series {
    std::string seriesInstanceUid;
    std::string description;
    std::string modality;
    int seriesNumber = 0;
    std::vector<Stack> stacks;
    int sliceCount() const;
};

// The base holds the rest of the Patient and General Study modules, as the first file of the
// study has them: the clinician viewer shows them, the screening's DICOM output copies them.
struct Study : PatientStudyAttributes {
    std::string studyInstanceUid;
    std::string description;
    std::string patientName;
    std::string patientId;
    std::string studyDate;
    std::vector<Series> series;
};

struct SkippedFile {
    std::string file;
    std::string reason;
};

struct ScanResult {
    std::vector<Study> studies;
    std::vector<SkippedFile> skipped;
    bool cancelled = false; // the user stopped the scan; what was read so far is here
    int sliceCount() const;
};

} // namespace sg::core
