#include "core/dicom/DicomWriter.h"

#include "core/dicom/DicomWriterPlugin.h"
#include "core/util/PluginLoader.h"

#include <mutex>
#include <optional>

namespace sg::core {
namespace {

PluginSpec dicomWriterSpec()
{
    PluginSpec spec;
    spec.name = "DICOM writer plugin";
    spec.search.fileName = kDicomWriterPluginName;
    spec.search.environmentVariable = "SPINEGRADE_DICOM_WRITER";
    spec.search.relativeToPrefix = "lib/spinegrade";
#ifdef SG_INSTALL_PLUGIN_DIR
    spec.search.installDirectory = SG_INSTALL_PLUGIN_DIR;
#endif
#ifdef SG_BUILD_DICOM_WRITER
    spec.search.buildPath = SG_BUILD_DICOM_WRITER;
#endif
    spec.abiSymbol = kDicomWriterAbiSymbol;
    spec.abi = kDicomWriterAbi;
    spec.entrySymbol = kDicomWriterBackendSymbol;
    return spec;
}

// Loaded on the first write, kept for the life of the process (a broken plugin is not retried).
Result<DicomWriterBackend*> dicomWriter()
{
    static std::once_flag once;
    static std::optional<Result<DicomWriterBackend*>> answer;
    std::call_once(once, [] {
        const PluginSpec spec = dicomWriterSpec();
        Result<std::string> path = findPlugin(spec);
        answer = path ? loadPlugin<DicomWriterBackend>(*path, spec) : Result<DicomWriterBackend*>(Error {path.error()});
    });
    return *answer;
}

} // namespace

Status writeDicomSlice(const std::string& file, const DicomSeriesInfo& series, const DicomSliceData& slice)
{
    if (slice.rows <= 0 || slice.columns <= 0 || slice.pixels.size() != static_cast<size_t>(slice.rows) * slice.columns)
        return Status::failure("slice pixel buffer does not match its size");
    Result<DicomWriterBackend*> writer = dicomWriter();
    if (!writer)
        return Status::failure("cannot write " + file + ": " + writer.error());
    return (*writer)->writeSlice(file, series, slice);
}

Status writeSecondaryCapture(const std::string& file, const DicomDerivedSeries& series, const DicomRgbImage& image)
{
    if (image.rows <= 0 || image.columns <= 0 || image.rows > 65535 || image.columns > 65535 ||
        image.rgb.size() != static_cast<size_t>(image.rows) * image.columns * 3)
        return Status::failure("cannot write " + file + ": the RGB buffer does not match the image's size");
    if (series.studyInstanceUid.empty() || series.seriesInstanceUid.empty() || image.sopInstanceUid.empty())
        return Status::failure("cannot write " + file + ": a study, series or instance UID is missing");
    Result<DicomWriterBackend*> writer = dicomWriter();
    if (!writer)
        return Status::failure("cannot write " + file + ": " + writer.error());
    return (*writer)->writeSecondaryCapture(file, series, image);
}

Status writeEncapsulatedPdf(const std::string& file, const DicomDerivedSeries& series, const DicomPdfDocument& pdf)
{
    if (pdf.pdf.size() < 5 || std::string(pdf.pdf.begin(), pdf.pdf.begin() + 5) != "%PDF-")
        return Status::failure("cannot write " + file + ": the document is not a PDF");
    if (pdf.pdf.size() >= 0xFFFFFFF0u)
        return Status::failure("cannot write " + file + ": the PDF is too large for one DICOM element");
    if (series.studyInstanceUid.empty() || series.seriesInstanceUid.empty() || pdf.sopInstanceUid.empty())
        return Status::failure("cannot write " + file + ": a study, series or instance UID is missing");
    Result<DicomWriterBackend*> writer = dicomWriter();
    if (!writer)
        return Status::failure("cannot write " + file + ": " + writer.error());
    return (*writer)->writeEncapsulatedPdf(file, series, pdf);
}

} // namespace sg::core
