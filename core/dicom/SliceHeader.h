#pragma once
// What the scanner needs from one DICOM file's header, read without its pixel data.
// Reading it is the helper's job (core/dicom/reader); this process asks DicomReader.h.
#include "core/study/Geometry.h"
#include "core/study/NativePixels.h"
#include "core/study/PatientStudyAttributes.h"

#include <optional>
#include <string>

namespace sg::core {

// The base holds the identity and study attributes the clinician viewer shows and the screening
// outputs copy (Patient and General Study modules), read in the same header pass.
struct SliceHeader : PatientStudyAttributes {
    std::string file;
    std::string studyInstanceUid;
    std::string studyDescription;
    std::string studyDate;
    std::string patientName;
    std::string patientId;
    std::string seriesInstanceUid;
    std::string seriesDescription;
    std::string modality;
    int seriesNumber = 0;
    std::string sopInstanceUid;
    int instanceNumber = 0;
    int rows = 0;
    int columns = 0;
    double rowSpacing = 1.0;
    double columnSpacing = 1.0;
    bool hasGeometry = false; // IPP and IOP present and sane
    Vec3 position {};
    Orientation orientation;
    double rescaleSlope = 1.0;
    double rescaleIntercept = 0.0;
    std::optional<WindowLevel> window;
    bool compressed = false; // encapsulated transfer syntax: decoding runs codec code
    std::optional<NativePixels> native; // the pixels' place in a file that stores them as decoded
};

} // namespace sg::core
