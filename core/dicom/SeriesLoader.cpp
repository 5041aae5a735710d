#include "core/dicom/SeriesLoader.h"

#include "core/dicom/SliceLoader.h"
#include "core/util/IsolatedRunner.h"

#include <cstring>
#include <mutex>
#include <thread>

namespace sg::core {
namespace {

struct Job {
    size_t stack;
    size_t slice;
};

int workerCount(const LoadControl& control)
{
    return control.threads > 0 ? control.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

} // namespace

LoadedSeries loadSeries(const Series& series, const LoadControl& control)
{
    LoadedSeries out;
    // Native pixel data is decoded here: the scanner already ran GDCM's parser over every
    // byte of these files in an isolated process, and decoding them is that same parse
    // plus a copy. Compressed data runs codec code the scan never reached, so it is
    // decoded in isolated children (a crash costs one slice, not the program).
    std::vector<Job> native, compressed;
    for (size_t s = 0; s < series.stacks.size(); ++s) {
        const Stack& st = series.stacks[s];
        out.stacks.push_back({&st, std::vector<SliceImage>(st.slices.size())});
        for (size_t i = 0; i < st.slices.size(); ++i)
            (st.slices[i].compressed ? compressed : native).push_back({s, i});
    }
    const int total = static_cast<int>(native.size() + compressed.size());
    std::atomic<int> done {0};
    std::mutex failedMutex;
    auto cancelled = [&] { return control.cancel && control.cancel->load(); };
    auto report = [&](int increment) {
        const int d = done += increment;
        if (control.progress)
            control.progress(d, total);
    };

    std::atomic<size_t> next {0};
    auto decodeNative = [&] {
        for (size_t j = next++; j < native.size() && !cancelled(); j = next++) {
            const Job job = native[j];
            const Stack& st = series.stacks[job.stack];
            Result<SliceImage> img = loadSlice(st.slices[job.slice], st);
            if (img) {
                out.stacks[job.stack].slices[job.slice] = std::move(*img);
            } else {
                std::lock_guard lock(failedMutex);
                out.failed.push_back({st.slices[job.slice].file, img.error()});
            }
            report(1);
        }
    };
    const int threads = std::max(1, std::min<int>(workerCount(control), static_cast<int>(native.size())));
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t)
        pool.emplace_back(decodeNative);
    decodeNative();
    for (std::thread& t : pool)
        t.join();

    if (!compressed.empty() && !cancelled()) {
        IsolatedOptions isolation;
        isolation.processes = workerCount(control);
        isolation.cancel = control.cancel;
        isolation.crashMessage = "corrupt image: the DICOM decoder crashed on it";
        const int before = done.load();
        isolation.progress = [&](int d, int) {
            if (control.progress)
                control.progress(before + d, total);
        };
        auto results = runIsolated(
            static_cast<int>(compressed.size()),
            [&](int j) -> Result<std::string> {
                const Job& job = compressed[static_cast<size_t>(j)];
                const Stack& st = series.stacks[job.stack];
                std::string bytes(static_cast<size_t>(st.rows) * st.columns * sizeof(float), '\0');
                Status s = decodeSliceInto(st.slices[job.slice], st, reinterpret_cast<float*>(bytes.data()));
                if (!s)
                    return Error {s.error};
                return bytes;
            },
            isolation);
        for (size_t j = 0; j < compressed.size() && !cancelled(); ++j) {
            const Job& job = compressed[j];
            const Stack& st = series.stacks[job.stack];
            if (!results[j]) {
                out.failed.push_back({st.slices[job.slice].file, results[j].error()});
                continue;
            }
            SliceImage img = sliceGeometry(st.slices[job.slice], st);
            const std::string& bytes = results[j].value();
            img.pixels.resize(bytes.size() / sizeof(float));
            std::memcpy(img.pixels.data(), bytes.data(), img.pixels.size() * sizeof(float));
            results[j] = std::string(); // free the piped copy as we go
            out.stacks[job.stack].slices[job.slice] = std::move(img);
        }
    }
    out.cancelled = cancelled();
    return out;
}

} // namespace sg::core
