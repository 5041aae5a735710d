#pragma once
// What the DICOM writer plugin (libspinegrade-dicomwriter.so, core/dicom/writer) offers.
// Writing DICOM goes through ITK/GDCM, whose static initialisers (the data dictionary, the
// IO factories) cost every process that links them tens of milliseconds at start: only the
// plugin links them, and the programs load it when they first write a file (the phantom
// generator, the demo study). Reading never needs it: GDCM reads in the helper process.
// It exports two C symbols (see core/util/PluginLoader.h):
//   uint64_t sg_dicom_writer_abi();                       kDicomWriterAbi as the program computes it
//   sg::core::DicomWriterBackend* sg_dicom_writer_backend(); alive until the process ends
#include "core/dicom/DicomWriter.h"

#include <cstdint>

namespace sg::core {

// Bump the version when DicomWriterBackend changes; the sizes of the types that cross catch a
// plugin from another build whose structs have another layout.
inline constexpr std::uint64_t kDicomWriterInterfaceVersion = 2; // 2: Secondary Capture, Encapsulated PDF
inline constexpr std::uint64_t kDicomWriterAbi = (kDicomWriterInterfaceVersion << 48) ^
    (sizeof(DicomSeriesInfo) << 24) ^ sizeof(DicomSliceData) ^ (sizeof(DicomDerivedSeries) << 12) ^
    (sizeof(DicomRgbImage) << 36) ^ (sizeof(DicomPdfDocument) << 40);

inline constexpr const char* kDicomWriterPluginName = "libspinegrade-dicomwriter.so";
inline constexpr const char* kDicomWriterAbiSymbol = "sg_dicom_writer_abi";
inline constexpr const char* kDicomWriterBackendSymbol = "sg_dicom_writer_backend";

class DicomWriterBackend {
public:
    virtual ~DicomWriterBackend() = default;
    virtual Status writeSlice(const std::string& file, const DicomSeriesInfo& series, const DicomSliceData& slice) = 0;
    virtual Status writeSecondaryCapture(
        const std::string& file, const DicomDerivedSeries& series, const DicomRgbImage& image) = 0;
    virtual Status writeEncapsulatedPdf(
        const std::string& file, const DicomDerivedSeries& series, const DicomPdfDocument& pdf) = 0;
};

} // namespace sg::core
