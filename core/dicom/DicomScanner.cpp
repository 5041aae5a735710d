#include "core/dicom/DicomScanner.h"

#include "core/dicom/SliceHeader.h"
#include "core/dicom/SliceHeaderJson.h"
#include "core/dicom/StackBuilder.h"
#include "core/util/IsolatedRunner.h"

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <thread>

namespace fs = std::filesystem;

namespace sg::core {
namespace {

std::vector<std::string> listFiles(const std::string& path, std::vector<SkippedFile>& skipped)
{
    std::vector<std::string> files;
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) {
        files.push_back(path);
        return files;
    }
    if (!fs::is_directory(path, ec)) {
        skipped.push_back({path, ec ? ec.message() : "no such file or folder"});
        return files;
    }
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
        skipped.push_back({path, "cannot list the folder: " + ec.message()});
        return files;
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) {
            skipped.push_back({it->path().string(), "cannot list: " + ec.message()});
            ec.clear();
            continue;
        }
        std::error_code fec;
        if (it->is_regular_file(fec))
            files.push_back(it->path().string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace

ScanResult scanPath(const std::string& path, const ScanProgress& progress)
{
    std::vector<SkippedFile> skipped;
    const std::vector<std::string> files = listFiles(path, skipped);
    // GDCM aborts on some malformed files: parse in child processes, one per core.
    IsolatedOptions isolation;
    isolation.processes = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    isolation.crashMessage = "malformed file: the DICOM reader crashed on it";
    std::atomic<bool> cancelled{false};
    isolation.cancel = &cancelled;
    const int total = static_cast<int>(files.size());
    if (progress) {
        isolation.progress = [&](int done, int n) {
            if (!progress(done, n))
                cancelled = true;
        };
        if (!progress(0, total))
            cancelled = true;
    }
    const auto parsed = runIsolated(
        total,
        [&](int i) -> Result<std::string> {
            Result<SliceHeader> h = readSliceHeader(files[static_cast<size_t>(i)]);
            if (!h)
                return Error{h.error()};
            return sliceHeaderToJson(*h);
        },
        isolation);
    std::vector<SliceHeader> headers;
    headers.reserve(files.size());
    for (int i = 0; i < total; ++i) {
        const auto& r = parsed[static_cast<size_t>(i)];
        if (!r) {
            if (cancelled)
                continue; // not reached: not a fault of the file
            skipped.push_back({files[static_cast<size_t>(i)], r.error()});
            continue;
        }
        Result<SliceHeader> h = sliceHeaderFromJson(r.value());
        if (h)
            headers.push_back(std::move(*h));
        else
            skipped.push_back({files[static_cast<size_t>(i)], h.error()});
    }
    ScanResult result = buildStudies(headers);
    skipped.insert(skipped.end(), result.skipped.begin(), result.skipped.end());
    result.skipped = std::move(skipped);
    result.cancelled = cancelled;
    return result;
}

} // namespace sg::core
