#pragma once
// The screening for PACS (`screen --dicom-out DIR`): each level's key image as a Secondary
// Capture with the patch burned in, and the report as an Encapsulated PDF, each a new series in
// the source's StudyInstanceUID with the source's Patient and General Study modules. Written
// through the DICOM writer plugin (GDCM stays out of sg_core); the pixels and the PDF are
// painted by the caller (ui/report/ScreeningReportExport, Qt Gui).
#include "core/dicom/DicomWriter.h"
#include "core/screening/ScreeningReport.h"
#include "core/util/Result.h"

#include <string>
#include <vector>

namespace sg::core {

struct RgbPicture {
    int rows = 0;
    int columns = 0;
    std::vector<uint8_t> rgb; // rows * columns * 3
};

struct ScreeningDicomFiles {
    std::vector<std::string> keyImages; // one per graded level, cranial to caudal
    std::string report; // the Encapsulated PDF
    std::string keyImageSeriesUid;
    std::string reportSeriesUid;
};

// keyImages[i] belongs to report.levels[i] (an empty picture: that level has none). Creates
// DIR if missing. New series and instance UIDs (2.25 UUIDs) every time it runs.
Result<ScreeningDicomFiles> writeScreeningDicom(const std::string& dir, const ScreeningReport& report,
    const std::vector<RgbPicture>& keyImages, const std::vector<uint8_t>& pdf, const std::string& softwareVersion);

} // namespace sg::core
