#include "tests/support/SeriesFactory.h"

#include "core/dicom/DicomWriter.h"
#include "core/dicom/Uid.h"

#include <cmath>
#include <filesystem>
#include <numbers>

namespace sg::test {

SeriesSpec lumbarSeries(int rows, int columns, int slicesPerStack)
{
    SeriesSpec spec;
    spec.rows = rows;
    spec.columns = columns;
    spec.pixelSpacing = 320.0 / columns;
    const double tilts[5] = {-18, -8, 0, 6, 10}; // L5/S1 tilts most
    for (int i = 0; i < 5; ++i)
        spec.stacks.push_back({slicesPerStack, tilts[i], -140.0 + 35.0 * i, 4.0});
    return spec;
}

sg::core::Status writeSeries(const std::string& dir, const SeriesSpec& spec)
{
    using namespace sg::core;
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec)
        return Status::failure("cannot create " + dir + ": " + ec.message());
    DicomSeriesInfo info;
    info.patientName = spec.patientName;
    info.patientId = spec.patientId;
    info.studyDate = spec.studyDate;
    info.institutionName = spec.institutionName;
    info.accessionNumber = spec.accessionNumber;
    info.referringPhysician = spec.referringPhysician;
    info.stationName = spec.stationName;
    info.deviceSerialNumber = spec.deviceSerialNumber;
    info.studyInstanceUid = spec.studyUid;
    info.seriesInstanceUid = spec.seriesUid;
    info.studyDescription = "Lumbar spine (test)";
    info.seriesDescription = spec.description;
    int instance = 0;
    for (size_t s = 0; s < spec.stacks.size(); ++s) {
        const StackSpec& st = spec.stacks[s];
        const double t = st.tiltDegrees * std::numbers::pi / 180.0;
        // Row along patient left (+x); column toward posterior, tilted about x.
        Orientation o {{1, 0, 0}, {0, std::cos(t), -std::sin(t)}};
        const Vec3 n = o.normal();
        const double halfW = 0.5 * (spec.columns - 1) * spec.pixelSpacing;
        const double halfH = 0.5 * (spec.rows - 1) * spec.pixelSpacing;
        for (int k = 0; k < st.slices; ++k) {
            const double along = (k - 0.5 * (st.slices - 1)) * st.sliceSpacing;
            const Vec3 center {0, 0, st.centerZ};
            const Vec3 pos = center + along * n - halfW * o.row - halfH * o.column;
            DicomSliceData d;
            d.rows = spec.rows;
            d.columns = spec.columns;
            d.rowSpacing = d.columnSpacing = spec.pixelSpacing;
            d.sliceThickness = 3.5;
            d.position = pos;
            d.orientation = o;
            ++instance;
            d.instanceNumber = instance;
            d.sopInstanceUid = uidFromKey(spec.sopPrefix + spec.seriesUid + "/" + std::to_string(instance));
            d.window = WindowLevel {600, 1200};
            d.pixels.resize(static_cast<size_t>(spec.rows) * spec.columns);
            // A bright disc whose radius encodes the stack, plus a gradient that encodes the slice.
            const double radius = 0.1 * spec.columns + 0.04 * spec.columns * static_cast<double>(s);
            for (int r = 0; r < spec.rows; ++r)
                for (int c = 0; c < spec.columns; ++c) {
                    const double dx = c - 0.5 * spec.columns, dy = r - 0.5 * spec.rows;
                    const bool inside = dx * dx + dy * dy < radius * radius;
                    d.pixels[static_cast<size_t>(r) * spec.columns + c] =
                        static_cast<int16_t>((inside ? 1000 : 100) + 10 * k + c % 8);
                }
            // Shuffled names: the scanner must not rely on them.
            const std::string name = spec.shuffleNames ? uidFromKey(d.sopInstanceUid).substr(5, 12) + ".dcm"
                                                       : "IM" + std::to_string(instance);
            Status st2 = writeDicomSlice(dir + "/" + name, info, d);
            if (!st2)
                return st2;
        }
    }
    return Status::success();
}

} // namespace sg::test
