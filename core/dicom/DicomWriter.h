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

// ---- Objects derived from a study (the screening's key images and report): a new series in
// the source's StudyInstanceUID, its Patient and General Study modules copied from the source.
struct DicomDerivedSeries {
    std::string specificCharacterSet; // the source's (0008,0005); empty: ISO_IR 192 if any text is not ASCII
    std::string patientName;
    std::string patientId;
    std::string patientBirthDate;
    std::string patientSex;
    std::string studyInstanceUid;
    std::string studyDate;
    std::string studyTime;
    std::string referringPhysician;
    std::string studyId;
    std::string accessionNumber;
    std::string studyDescription;
    std::string seriesInstanceUid;
    int seriesNumber = 1;
    std::string seriesDescription;
    std::string manufacturer = "SpineGrade";
    std::string softwareVersion;
    std::string contentDate; // YYYYMMDD: when the objects were made
    std::string contentTime; // HHMMSS
};

// A source instance a derived object was made from (SourceImageSequence / SourceInstanceSequence).
struct DicomReference {
    std::string sopClassUid;
    std::string sopInstanceUid;
};

// Secondary Capture Image Storage (1.2.840.10008.5.1.4.1.1.7), 8-bit RGB, interleaved.
struct DicomRgbImage {
    int rows = 0;
    int columns = 0;
    std::vector<uint8_t> rgb; // rows * columns * 3, row-major, R G B
    std::string sopInstanceUid;
    int instanceNumber = 1;
    std::string derivationDescription; // what was drawn on it
    std::vector<DicomReference> sources;
};

// Encapsulated PDF Storage (1.2.840.10008.5.1.4.1.1.104.1).
struct DicomPdfDocument {
    std::vector<uint8_t> pdf;
    std::string sopInstanceUid;
    int instanceNumber = 1;
    std::string title;
    std::vector<DicomReference> sources;
};

inline constexpr const char* kSecondaryCaptureStorage = "1.2.840.10008.5.1.4.1.1.7";
inline constexpr const char* kEncapsulatedPdfStorage = "1.2.840.10008.5.1.4.1.1.104.1";
inline constexpr const char* kMrImageStorage = "1.2.840.10008.5.1.4.1.1.4";

Status writeSecondaryCapture(const std::string& file, const DicomDerivedSeries& series, const DicomRgbImage& image);
Status writeEncapsulatedPdf(const std::string& file, const DicomDerivedSeries& series, const DicomPdfDocument& pdf);

} // namespace sg::core
