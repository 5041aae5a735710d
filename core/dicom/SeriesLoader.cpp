#include "core/dicom/SeriesLoader.h"

#include "core/dicom/DicomReader.h"
#include "core/dicom/SliceLoader.h"

namespace sg::core {

LoadedSeries loadSeries(const Series& series, const LoadControl& control, Progress& progress)
{
    LoadedSeries out;
    // Every slice, native or compressed, is decoded by reader processes: GDCM's pixel code
    // asserts on some headers, and a codec can crash or run away on a hostile stream.
    uint64_t ownBytes = 0;
    uint64_t& used = control.studyBytes ? *control.studyBytes : ownBytes;
    const uint64_t budget = studyByteLimit(control.limits);
    std::vector<PixelTarget> targets;
    std::vector<std::pair<size_t, size_t>> where; // (stack, slice) of each target
    for (size_t s = 0; s < series.stacks.size(); ++s) {
        const Stack& st = series.stacks[s];
        out.stacks.push_back({&st, std::vector<SliceImage>(st.slices.size())});
        const uint64_t bytes = uint64_t(std::max(st.rows, 0)) * uint64_t(std::max(st.columns, 0)) * sizeof(uint16_t);
        for (size_t i = 0; i < st.slices.size(); ++i) {
            const SliceRef& ref = st.slices[i];
            if (used + bytes > budget) {
                out.failed.push_back({ref.file,
                    "not loaded: the study's decoded pixels would exceed the limit of " + std::to_string(budget >> 20) +
                        " MB (--max-study-mb)"});
                continue;
            }
            used += bytes;
            SliceImage& img = out.stacks[s].slices[i];
            img = sliceGeometry(ref, st);
            img.stored.resize(static_cast<size_t>(st.rows) * static_cast<size_t>(st.columns));
            targets.push_back({ref.file, st.rows, st.columns, img.stored.data(), &img.type, ref.native});
            where.emplace_back(s, i);
        }
    }
    const int refused = static_cast<int>(out.failed.size());
    const int total = refused + static_cast<int>(targets.size());
    ReadControl read;
    read.processes = control.threads;
    // Slices refused by the budget count as done: the total stays the series' slices.
    Progress reading(
        [&](int64_t done, int64_t, const std::string& text) { progress.report(refused + done, total, text); },
        &progress);
    const std::vector<Status> results = readPixels(targets, control.limits, read, reading);
    const bool cancelled = progress.cancelled();
    for (size_t k = 0; k < targets.size(); ++k) {
        if (results[k])
            continue;
        const auto [s, i] = where[k];
        SliceImage& img = out.stacks[s].slices[i];
        img.stored = {}; // an unreadable slice stays empty()
        used -= std::min<uint64_t>(used, uint64_t(img.rows) * uint64_t(img.columns) * sizeof(uint16_t));
        if (!cancelled)
            out.failed.push_back({targets[k].file, results[k].error()});
    }
    out.cancelled = cancelled;
    return out;
}

} // namespace sg::core
