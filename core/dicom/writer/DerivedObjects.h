#pragma once
// Inside the DICOM writer plugin: the screening's derived objects written with plain GDCM
// (a data set built element by element, then gdcm::Writer with its file meta information).
#include "core/dicom/DicomWriter.h"

namespace sg::core::writer {

Status writeSecondaryCaptureGdcm(const std::string& file, const DicomDerivedSeries& series, const DicomRgbImage& image);
Status writeEncapsulatedPdfGdcm(const std::string& file, const DicomDerivedSeries& series, const DicomPdfDocument& pdf);

} // namespace sg::core::writer
