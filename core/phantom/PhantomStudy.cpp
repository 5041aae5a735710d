#include "core/phantom/PhantomStudy.h"

#include "core/dicom/Uid.h"
#include "core/phantom/MrCorruption.h"
#include "core/phantom/SliceRasterizer.h"
#include "core/phantom/SliceScene.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace sg::core {
namespace {

std::string keyOf(const PhantomOptions& o, int patientIndex)
{
    return "phantom/" + std::to_string(o.seed) + "/" + std::to_string(patientIndex);
}

std::string fourDigits(int patientIndex)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d", patientIndex + 1);
    return buf;
}

} // namespace

std::string phantomPatientId(uint64_t seed, int patientIndex)
{
    return "SYN-" + std::to_string(seed) + "-" + fourDigits(patientIndex);
}

DicomSeriesInfo phantomSeriesInfo(const PhantomOptions& options, int patientIndex)
{
    DicomSeriesInfo info;
    info.patientName = "SYNTHETIC^PATIENT" + fourDigits(patientIndex);
    info.patientId = phantomPatientId(options.seed, patientIndex);
    const std::string key = keyOf(options, patientIndex);
    info.studyInstanceUid = uidFromKey(key + "/study");
    info.seriesInstanceUid = uidFromKey(key + "/series/1");
    info.studyDescription = "LUMBAR SPINE (synthetic)";
    info.seriesDescription = "T2 AX LUMBAR (synthetic)";
    info.seriesNumber = 1;
    info.manufacturer = "SpineGrade phantom";
    info.imageType = "DERIVED\\PRIMARY\\OTHER"; // computed, not acquired
    return info;
}

PhantomSlice renderPhantomSlice(
    const PhantomOptions& options, const PatientAnatomy& a, const SlicePlacement& p, int instanceNumber, bool keepClean)
{
    const LevelAnatomy& level = a.levels[static_cast<size_t>(p.level)];
    const SliceScene scene = buildSliceScene(a, p);
    RasterizedSlice raster = rasterizeSlice(scene, a.size, a.pixelSpacing);
    PhantomSlice out;
    if (keepClean)
        out.clean = raster.pixels;
    PhantomRng noise(mixSeed({a.seed, 0x4015e, static_cast<uint64_t>(p.level), static_cast<uint64_t>(p.indexInStack)}));
    applyTissueTexture(raster.pixels, a.size, a.pixelSpacing, noise);
    blurPointSpread(raster.pixels, a.size);
    applyBiasField(raster.pixels, a.size, a);

    DicomSliceData& d = out.dicom;
    d.pixels = addRicianNoise(raster.pixels, a.noiseSigma, noise);
    d.rows = d.columns = a.size;
    d.rowSpacing = d.columnSpacing = a.pixelSpacing;
    d.sliceThickness = a.sliceThickness;
    d.sliceSpacing = a.sliceSpacing;
    d.position = p.position;
    d.orientation = p.orientation;
    d.instanceNumber = instanceNumber;
    d.sopInstanceUid = uidFromKey(keyOf(options, a.index) + "/image/" + std::to_string(instanceNumber));
    const double csf = a.signal[static_cast<size_t>(Tissue::Csf)];
    d.window = WindowLevel {std::round(0.55 * csf), std::round(1.2 * csf)};

    PhantomSliceTruth& t = out.truth;
    t.sopInstanceUid = d.sopInstanceUid;
    t.level = p.level;
    t.cord = p.cord;
    if (!p.cord) {
        t.grade = level.grade.grade;
        t.subgrade = level.grade.subgrade;
    }
    t.canalCol = raster.sacCol;
    t.canalRow = raster.sacRow;
    // A square about 2.5 sac diameters wide, as an analyzer would draw it, inside the image.
    const int side = static_cast<int>(std::lround(2.5 * scene.nominalSacWidth / a.pixelSpacing));
    const int x = static_cast<int>(std::lround(t.canalCol - 0.5 * side));
    const int y = static_cast<int>(std::lround(t.canalRow - 0.5 * side));
    t.patchX = std::clamp(x, 0, a.size - 1);
    t.patchY = std::clamp(y, 0, a.size - 1);
    t.patchW = std::clamp(x + side, 1, a.size) - t.patchX;
    t.patchH = std::clamp(y + side, 1, a.size) - t.patchY;
    t.rowSpacing = t.columnSpacing = a.pixelSpacing;
    t.csfAreaMm2 = raster.csfAreaMm2;
    return out;
}

PhantomStudy renderPhantomStudy(const PhantomOptions& options, int patientIndex, bool keepClean)
{
    PhantomStudy study;
    study.anatomy = samplePatientAnatomy(options, patientIndex);
    study.series = phantomSeriesInfo(options, patientIndex);
    int instance = 0;
    for (const SlicePlacement& p : slicePlacements(study.anatomy))
        study.slices.push_back(renderPhantomSlice(options, study.anatomy, p, ++instance, keepClean));
    return study;
}

} // namespace sg::core
