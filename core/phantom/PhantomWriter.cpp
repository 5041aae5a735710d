#include "core/phantom/PhantomWriter.h"

#include "core/phantom/GroundTruthJson.h"
#include "core/phantom/PhantomStudy.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace sg::core {
namespace {

Status prepareDir(const std::string& dir)
{
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        return Status::failure("cannot create output folder " + dir + ": " + ec.message());
    if (!fs::is_directory(dir, ec))
        return Status::failure("output path is not a folder: " + dir);
    return Status::success();
}

Status writeText(const std::string& file, const std::string& text)
{
    // Written beside and renamed, so a reader never sees half a ground truth.
    const std::string tmp = file + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << text;
        if (!out.flush())
            return Status::failure("cannot write " + tmp);
    }
    std::error_code ec;
    fs::rename(tmp, file, ec);
    if (ec)
        return Status::failure("cannot write " + file + ": " + ec.message());
    return Status::success();
}

int slicesOf(const PatientAnatomy& a)
{
    int n = 0;
    for (const LevelAnatomy& l : a.levels)
        n += l.sliceCount;
    return n;
}

// Renders and writes one patient slice by slice, so memory stays at one slice.
Status writePatient(
    const PhantomOptions& options, int patientIndex, const std::string& outDir, const std::function<bool()>& sliceDone)
{
    const PatientAnatomy anatomy = samplePatientAnatomy(options, patientIndex);
    const DicomSeriesInfo series = phantomSeriesInfo(options, patientIndex);
    const std::string dir = (fs::path(outDir) / series.patientId).string();
    if (Status s = prepareDir(dir); !s)
        return s;
    std::vector<PhantomSliceTruth> truth;
    int instance = 0;
    for (const SlicePlacement& p : slicePlacements(anatomy)) {
        const PhantomSlice slice = renderPhantomSlice(options, anatomy, p, ++instance, false);
        char name[32];
        std::snprintf(name, sizeof name, "IM%04d.dcm", instance);
        if (Status s = writeDicomSlice((fs::path(dir) / name).string(), series, slice.dicom); !s)
            return s;
        truth.push_back(slice.truth);
        if (!sliceDone())
            return Status::failure("cancelled");
    }
    return writeText((fs::path(dir) / "ground_truth.json").string(), groundTruthToJson(truth));
}

} // namespace

Status generatePhantomPatients(
    const PhantomOptions& options, int patients, const std::string& outDir, Progress& progress)
{
    if (Status s = validatePhantomOptions(options); !s)
        return s;
    if (patients < 1)
        return Status::failure("patients must be at least 1, got " + std::to_string(patients));
    if (Status s = prepareDir(outDir); !s)
        return s;
    int total = 0;
    for (int i = 0; i < patients; ++i)
        total += slicesOf(samplePatientAnatomy(options, i));
    int done = 0;
    progress.report(0, total);
    if (progress.cancelled())
        return Status::failure("cancelled");
    for (int i = 0; i < patients; ++i) {
        Status s = writePatient(options, i, outDir, [&] {
            progress.report(++done, total);
            return !progress.cancelled();
        });
        if (!s)
            return s;
    }
    return Status::success();
}

Status generatePhantomStudy(
    const PhantomOptions& options, const std::string& outDir, int patientIndex, Progress& progress)
{
    if (Status s = validatePhantomOptions(options); !s)
        return s;
    if (patientIndex < 0)
        return Status::failure("patient index must not be negative");
    if (Status s = prepareDir(outDir); !s)
        return s;
    const int total = slicesOf(samplePatientAnatomy(options, patientIndex));
    int done = 0;
    progress.report(0, total);
    if (progress.cancelled())
        return Status::failure("cancelled");
    return writePatient(options, patientIndex, outDir, [&] {
        progress.report(++done, total);
        return !progress.cancelled();
    });
}

} // namespace sg::core
