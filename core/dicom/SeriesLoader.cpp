#include "core/dicom/SeriesLoader.h"

#include "core/dicom/SliceLoader.h"
#include "core/util/IsolatedRunner.h"

#include <cstring>
#include <thread>

namespace sg::core {

LoadedSeries loadSeries(const Series& series, const LoadControl& control)
{
    LoadedSeries out;
    struct Job {
        size_t stack;
        size_t slice;
        size_t offset; // in floats, into the shared buffer
    };
    std::vector<Job> jobs;
    size_t floats = 0;
    for (size_t s = 0; s < series.stacks.size(); ++s) {
        const Stack& st = series.stacks[s];
        out.stacks.push_back({&st, std::vector<SliceImage>(st.slices.size())});
        for (size_t i = 0; i < st.slices.size(); ++i) {
            jobs.push_back({s, i, floats});
            floats += static_cast<size_t>(st.rows) * st.columns;
        }
    }
    // Decoding runs in child processes (codecs can crash on corrupt data); they write
    // the pixels straight into memory shared with this process.
    SharedBuffer shared(floats * sizeof(float));
    if (!shared.valid() && floats > 0) {
        for (const Job& j : jobs)
            out.failed.push_back({series.stacks[j.stack].slices[j.slice].file, "out of memory for the pixels"});
        return out;
    }
    auto* base = static_cast<float*>(shared.data());
    IsolatedOptions isolation;
    isolation.processes = control.threads > 0 ? control.threads
                                              : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    isolation.progress = control.progress;
    isolation.cancel = control.cancel;
    isolation.crashMessage = "corrupt image: the DICOM decoder crashed on it";
    const auto results = runIsolated(
        static_cast<int>(jobs.size()),
        [&](int j) -> Result<std::string> {
            const Job& job = jobs[static_cast<size_t>(j)];
            const Stack& st = series.stacks[job.stack];
            Status s = decodeSliceInto(st.slices[job.slice], st, base + job.offset);
            if (!s)
                return Error{s.error};
            return std::string();
        },
        isolation);
    out.cancelled = control.cancel && control.cancel->load();
    for (size_t j = 0; j < jobs.size(); ++j) {
        const Job& job = jobs[j];
        const Stack& st = series.stacks[job.stack];
        if (!results[j]) {
            if (!out.cancelled)
                out.failed.push_back({st.slices[job.slice].file, results[j].error()});
            continue;
        }
        SliceImage img = sliceGeometry(st.slices[job.slice], st);
        const size_t n = static_cast<size_t>(st.rows) * st.columns;
        img.pixels.assign(base + job.offset, base + job.offset + n);
        out.stacks[job.stack].slices[job.slice] = std::move(img);
    }
    return out;
}

} // namespace sg::core
