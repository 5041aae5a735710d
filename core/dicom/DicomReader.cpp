#include "core/dicom/DicomReader.h"

#include "core/dicom/NativePixelCopy.h"
#include "core/dicom/ReaderProtocol.h"
#include "core/util/InstalledFile.h"
#include "core/util/IsolatedRunner.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace fs = std::filesystem;

namespace sg::core {
namespace {

constexpr const char* kHelperName = "spinegrade-dicom-reader";

bool isExecutable(const std::string& path)
{
    std::error_code ec;
    return fs::is_regular_file(path, ec) && ::access(path.c_str(), X_OK) == 0;
}

std::string crashMessage()
{
    return "malformed file: the DICOM reader crashed on it";
}

// One pool per address-space limit (a reader's RLIMIT_AS is set once, at its start). The
// pools are never destroyed at exit (a static destructor could run while another thread
// reads); their children end when the program's sockets close.
std::mutex poolsMutex;
auto* pools = new std::map<uint64_t, std::unique_ptr<IsolatedPool>>();

Result<IsolatedPool*> poolFor(const ReaderLimits& limits)
{
    const uint64_t space = readerAddressSpace(limits);
    std::lock_guard lock(poolsMutex);
    auto it = pools->find(space);
    if (it != pools->end())
        return it->second.get();
    Result<std::string> helper = findDicomReader();
    if (!helper)
        return Error {helper.error()};
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    auto pool = std::make_unique<IsolatedPool>(
        *helper, std::vector<std::string> {"--address-space", std::to_string(space)}, cores);
    IsolatedPool* raw = pool.get();
    pools->emplace(space, std::move(pool));
    return raw;
}

IsolatedOptions optionsFor(const ReaderLimits& limits, const ReadControl& control, int count)
{
    IsolatedOptions o;
    o.processes =
        control.processes > 0 ? control.processes : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    o.processes = std::min(o.processes, std::max(count, 1));
    o.itemSeconds = limits.fileSeconds > 0 ? limits.fileSeconds : 1e9;
    o.deadline = control.deadline;
    if (!control.deadlineMessage.empty())
        o.deadlineMessage = control.deadlineMessage;
    o.crashMessage = crashMessage();
    return o;
}

// A reader's error text is shown to the user: keep it one line of printable text.
std::string printable(std::string text)
{
    for (char& c : text)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            c = ' ';
    return text;
}

bool finite(const Vec3& v)
{
    return std::isfinite(v[0]) && std::isfinite(v[1]) && std::isfinite(v[2]);
}

// Where an answer that is not pixels goes: an error text or a header record.
Result<char*> receiveSmall(std::string& buffer, uint32_t kind, uint64_t length, uint32_t expectedKind)
{
    if (kind == reader::kAnswerError) {
        if (length > reader::kMaxErrorBytes)
            return Error {"an error text of " + std::to_string(length) + " bytes"};
    } else if (kind == expectedKind && expectedKind == reader::kAnswerHeader) {
        if (length > reader::kMaxHeaderBytes)
            return Error {"a header of " + std::to_string(length) + " bytes"};
    } else {
        return Error {"an answer of kind " + std::to_string(kind)};
    }
    buffer.assign(length, '\0');
    return buffer.data();
}

} // namespace

Result<std::string> findDicomReader()
{
    InstalledFileSearch search;
    search.what = "the DICOM reader helper";
    search.fileName = kHelperName;
    search.environmentVariable = "SPINEGRADE_DICOM_READER";
    search.relativeToPrefix = "libexec/spinegrade";
#ifdef SG_INSTALL_LIBEXEC_DIR
    search.installDirectory = SG_INSTALL_LIBEXEC_DIR;
#endif
#ifdef SG_BUILD_DICOM_READER
    search.buildPath = SG_BUILD_DICOM_READER;
#endif
    search.usable = isExecutable;
    search.notUsable = "an executable file";
    return findInstalledFile(search);
}

void stopDicomReaders()
{
    std::lock_guard lock(poolsMutex);
    pools->clear();
}

Status checkSliceHeader(const SliceHeader& h, const ReaderLimits& limits)
{
    if (h.rows <= 0 || h.columns <= 0)
        return Status::failure(
            "invalid image size: Rows " + std::to_string(h.rows) + ", Columns " + std::to_string(h.columns));
    if (h.rows > limits.maxRows || h.columns > limits.maxColumns)
        return Status::failure("slice of " + std::to_string(h.columns) + "x" + std::to_string(h.rows) +
            " pixels exceeds the limit of " + sliceLimitText(limits) + " (--max-slice)");
    if (!(std::isfinite(h.rowSpacing) && h.rowSpacing > 0 && std::isfinite(h.columnSpacing) && h.columnSpacing > 0))
        return Status::failure("invalid pixel spacing");
    if (!std::isfinite(h.rescaleSlope) || h.rescaleSlope == 0 || !std::isfinite(h.rescaleIntercept))
        return Status::failure("invalid rescale slope or intercept");
    if (h.hasGeometry) {
        const Vec3 &r = h.orientation.row, &c = h.orientation.column;
        if (!finite(h.position) || !finite(r) || !finite(c) || std::abs(norm(r) - 1) > 0.01 ||
            std::abs(norm(c) - 1) > 0.01 || std::abs(dot(r, c)) > 0.01)
            return Status::failure("invalid geometry (ImagePositionPatient / ImageOrientationPatient)");
    }
    if (h.window && !h.window->valid())
        return Status::failure("invalid window centre/width");
    if (h.native) {
        // Only a reader that lies sends these; the copy checks them again against the file.
        const NativePixels& n = *h.native;
        const uint64_t bytes = uint64_t(h.rows) * uint64_t(h.columns) * sizeof(uint16_t);
        if (h.compressed || n.offset < nativeElementHeaderBytes(n) || n.offset > n.fileSize ||
            n.fileSize - n.offset < bytes)
            return Status::failure("invalid pixel data location");
    }
    return Status::success();
}

namespace {

// The checks on one header a reader sent, as untrusted as the file.
Result<SliceHeader> acceptHeader(uint32_t kind, std::string bytes, const std::string& file, const ReaderLimits& limits)
{
    if (kind == reader::kAnswerError)
        return Error {printable(std::move(bytes))};
    std::optional<SliceHeader> h = reader::decodeHeader(bytes);
    if (!h)
        return Error {crashMessage() + " (it sent a malformed header)"};
    h->file = file; // ours, not the reader's word
    if (h->sopInstanceUid.empty())
        h->sopInstanceUid = file;
    if (const Status s = checkSliceHeader(*h, limits); !s)
        return Error {s.error()};
    return std::move(*h);
}

// One request per file: what a batch falls back to when its reader crashed or hung, so the
// file that did it costs itself only.
void readHeadersOneByOne(const std::vector<std::string>& files, const std::vector<size_t>& which,
    std::vector<Result<SliceHeader>>& out, IsolatedPool& pool, const ReaderLimits& limits,
    const IsolatedOptions& options, Progress& progress)
{
    const int count = static_cast<int>(which.size());
    std::vector<std::string> buffers(which.size());
    std::vector<uint32_t> kinds(which.size());
    IsolatedHandler handler;
    handler.receive = [&](int i, uint32_t kind, uint64_t length) {
        kinds[static_cast<size_t>(i)] = kind;
        return receiveSmall(buffers[static_cast<size_t>(i)], kind, length, reader::kAnswerHeader);
    };
    handler.complete = [&](int i) {
        const size_t k = which[static_cast<size_t>(i)];
        out[k] =
            acceptHeader(kinds[static_cast<size_t>(i)], std::move(buffers[static_cast<size_t>(i)]), files[k], limits);
    };
    handler.fail = [&](int i, const std::string& reason) { out[which[static_cast<size_t>(i)]] = Error {reason}; };
    pool.run(
        count,
        [&](int i) {
            reader::HeaderRequest r;
            r.file = files[which[static_cast<size_t>(i)]];
            r.maxRows = limits.maxRows;
            r.maxColumns = limits.maxColumns;
            return IsolatedJob {reader::kReadHeader, reader::encode(r)};
        },
        handler, options, progress);
}

} // namespace

std::vector<Result<SliceHeader>> readHeaders(
    const std::vector<std::string>& files, const ReaderLimits& limits, const ReadControl& control, Progress& progress)
{
    const int count = static_cast<int>(files.size());
    std::vector<Result<SliceHeader>> out(files.size(), Result<SliceHeader>(Error {"cancelled"}));
    if (count == 0)
        return out;
    Result<IsolatedPool*> pool = poolFor(limits);
    if (!pool) {
        for (auto& r : out)
            r = Error {pool.error()};
        return out;
    }
    const IsolatedOptions base = optionsFor(limits, control, count);
    // Batches of consecutive files, one round trip each: small enough that every reader
    // gets several (balance, smooth progress), at most kMaxBatchFiles and ~48 kB of paths.
    const int perBatch = std::clamp(count / (base.processes * 8), 1, static_cast<int>(reader::kMaxBatchFiles));
    std::vector<std::pair<size_t, size_t>> batches; // [begin, end) into files
    for (size_t begin = 0; begin < files.size();) {
        size_t end = begin, bytes = 0;
        while (end < files.size() && end - begin < size_t(perBatch) &&
            (end == begin || bytes + files[end].size() + 4 <= 48 * 1024))
            bytes += files[end++].size() + 4;
        batches.emplace_back(begin, end);
        begin = end;
    }
    std::vector<std::string> buffers(batches.size());
    std::vector<uint32_t> kinds(batches.size());
    std::vector<size_t> retry; // files of batches whose reader crashed, hung or lied
    int filesDone = 0;
    IsolatedOptions options = base;
    options.processes = std::min(base.processes, static_cast<int>(batches.size()));
    // The pool counts batches; the user hears files. Cancelling `progress` stops the run.
    Progress batchProgress([&](int64_t, int64_t, const std::string&) { progress.report(filesDone, count); }, &progress);
    const auto retryBatch = [&](size_t b) {
        for (size_t k = batches[b].first; k < batches[b].second; ++k)
            retry.push_back(k);
    };
    IsolatedHandler handler;
    handler.receive = [&](int i, uint32_t kind, uint64_t length) -> Result<char*> {
        const size_t b = static_cast<size_t>(i);
        kinds[b] = kind;
        if (kind == reader::kAnswerHeaders) {
            if (length > reader::kMaxHeadersBytes)
                return Error {"a headers answer of " + std::to_string(length) + " bytes"};
            buffers[b].assign(length, '\0');
            return buffers[b].data();
        }
        return receiveSmall(buffers[b], kind, length, reader::kAnswerError);
    };
    handler.complete = [&](int i) {
        const size_t b = static_cast<size_t>(i);
        const auto [begin, end] = batches[b];
        const std::optional<std::vector<reader::HeaderRecord>> records =
            kinds[b] == reader::kAnswerHeaders ? reader::decodeHeaders(buffers[b], end - begin) : std::nullopt;
        std::string().swap(buffers[b]);
        if (!records) { // an error for the whole batch, or a malformed answer: ask file by file
            retryBatch(b);
            return;
        }
        for (size_t k = begin; k < end; ++k)
            out[k] = acceptHeader((*records)[k - begin].kind, std::move((*records)[k - begin].bytes), files[k], limits);
        filesDone += static_cast<int>(end - begin);
    };
    handler.fail = [&](int i, const std::string& reason) {
        const size_t b = static_cast<size_t>(i);
        const bool stopped =
            progress.cancelled() || (control.deadline && std::chrono::steady_clock::now() >= *control.deadline);
        if (!stopped) {
            retryBatch(b); // a crash or a hang: find the file that did it
            return;
        }
        for (size_t k = batches[b].first; k < batches[b].second; ++k)
            out[k] = Error {reason};
        filesDone += static_cast<int>(batches[b].second - batches[b].first);
    };
    (*pool)->run(
        static_cast<int>(batches.size()),
        [&](int i) {
            const auto [begin, end] = batches[static_cast<size_t>(i)];
            reader::HeadersRequest r;
            r.files.assign(
                files.begin() + static_cast<std::ptrdiff_t>(begin), files.begin() + static_cast<std::ptrdiff_t>(end));
            r.maxRows = limits.maxRows;
            r.maxColumns = limits.maxColumns;
            return IsolatedJob {reader::kReadHeaders, reader::encode(r)};
        },
        handler, options, batchProgress);
    if (!retry.empty()) {
        IsolatedOptions single = base;
        single.processes = std::min(base.processes, static_cast<int>(retry.size()));
        // Files retried one by one count on from the batches that answered.
        Progress singleProgress(
            [&](int64_t done, int64_t, const std::string&) { progress.report(filesDone + done, count); }, &progress);
        readHeadersOneByOne(files, retry, out, **pool, limits, single, singleProgress);
    }
    return out;
}

std::vector<Status> readPixels(
    const std::vector<PixelTarget>& targets, const ReaderLimits& limits, const ReadControl& control, Progress& progress)
{
    const int count = static_cast<int>(targets.size());
    std::vector<Status> out(targets.size(), Status::failure("cancelled"));
    if (count == 0)
        return out;
    // Native slices first, copied here; what a copy cannot vouch for goes to the readers.
    std::vector<size_t> toReaders; // indices into targets
    int copied = 0;
    for (size_t k = 0; k < targets.size(); ++k) {
        const PixelTarget& t = targets[k];
        if (!t.native) {
            toReaders.push_back(k);
            continue;
        }
        if (progress.cancelled())
            break; // every target left stays "cancelled"
        if (control.deadline && std::chrono::steady_clock::now() >= *control.deadline) {
            out[k] = Status::failure(
                control.deadlineMessage.empty() ? "not read: the deadline passed" : control.deadlineMessage);
            continue;
        }
        const NativeCopy c = copyNativePixels(t.file, *t.native, t.rows, t.columns, t.out);
        if (c.outcome == NativeCopyOutcome::AskReader) {
            toReaders.push_back(k);
            continue;
        }
        if (c.outcome == NativeCopyOutcome::Copied) {
            if (t.type)
                *t.type = t.native->isSigned ? PixelType::Int16 : PixelType::UInt16;
            out[k] = Status::success();
        } else {
            out[k] = Status::failure(printable(c.reason));
        }
        progress.report(++copied, count);
    }
    if (toReaders.empty() || progress.cancelled())
        return out;
    Result<IsolatedPool*> pool = poolFor(limits);
    if (!pool) {
        for (size_t k : toReaders)
            out[k] = Status::failure(pool.error());
        return out;
    }
    // The pool counts its own items; the caller hears every target.
    Progress readerProgress(
        [&](int64_t done, int64_t, const std::string& text) { progress.report(copied + done, count, text); },
        &progress);
    std::vector<std::string> errors(targets.size());
    std::vector<uint32_t> kinds(targets.size());
    IsolatedHandler handler;
    handler.receive = [&](int i, uint32_t kind, uint64_t length) -> Result<char*> {
        const size_t k = toReaders[static_cast<size_t>(i)];
        kinds[k] = kind;
        if (kind != reader::kAnswerPixelsInt16 && kind != reader::kAnswerPixelsUInt16)
            return receiveSmall(errors[k], kind, length, reader::kAnswerError);
        const PixelTarget& t = targets[k];
        const uint64_t expected = uint64_t(t.rows) * uint64_t(t.columns) * sizeof(uint16_t);
        if (length != expected)
            return Error {std::to_string(length) + " pixel bytes where " + std::to_string(expected) + " were asked"};
        return reinterpret_cast<char*>(t.out);
    };
    handler.complete = [&](int i) {
        const size_t k = toReaders[static_cast<size_t>(i)];
        if (kinds[k] == reader::kAnswerError) {
            out[k] = Status::failure(printable(std::move(errors[k])));
            return;
        }
        if (targets[k].type)
            *targets[k].type = kinds[k] == reader::kAnswerPixelsInt16 ? PixelType::Int16 : PixelType::UInt16;
        out[k] = Status::success();
    };
    handler.fail = [&](int i, const std::string& reason) {
        out[toReaders[static_cast<size_t>(i)]] = Status::failure(reason);
    };
    const int readerCount = static_cast<int>(toReaders.size());
    (*pool)->run(
        readerCount,
        [&](int i) {
            const PixelTarget& t = targets[toReaders[static_cast<size_t>(i)]];
            reader::PixelRequest r;
            r.file = t.file;
            r.rows = t.rows;
            r.columns = t.columns;
            r.maxRows = limits.maxRows;
            r.maxColumns = limits.maxColumns;
            return IsolatedJob {reader::kReadPixels, reader::encode(r)};
        },
        handler, optionsFor(limits, control, readerCount), readerProgress);
    return out;
}

} // namespace sg::core
