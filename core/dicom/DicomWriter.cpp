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

} // namespace sg::core
