#include "core/dicom/DicomReader.h"

#include "core/dicom/ReaderProtocol.h"
#include "core/util/IsolatedRunner.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
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
    std::vector<std::string> tried;
    auto consider = [&](const std::string& path) {
        tried.push_back(path);
        return isExecutable(path);
    };
    if (const char* env = std::getenv("SPINEGRADE_DICOM_READER"); env && *env) {
        if (consider(env))
            return std::string(env);
        return Error {std::string("the DICOM reader helper is missing: SPINEGRADE_DICOM_READER names ") + env +
            ", which is not an executable file"};
    }
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path dir = self.parent_path();
        if (consider((dir / kHelperName).string()))
            return tried.back();
        // A relocated install: bin/ and libexec/spinegrade/ side by side.
        if (consider((dir.parent_path() / "libexec" / "spinegrade" / kHelperName).string()))
            return tried.back();
    }
#ifdef SG_INSTALL_LIBEXEC_DIR
    if (consider(std::string(SG_INSTALL_LIBEXEC_DIR) + "/" + kHelperName))
        return tried.back();
#endif
#ifdef SG_BUILD_DICOM_READER
    if (consider(SG_BUILD_DICOM_READER))
        return tried.back();
#endif
    std::string places;
    for (const std::string& t : tried)
        places += (places.empty() ? "" : ", ") + t;
    return Error {std::string("the DICOM reader helper ") + kHelperName + " is missing (looked in " + places +
        "; set SPINEGRADE_DICOM_READER to its path)"};
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
    return Status::success();
}

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
    std::vector<std::string> buffers(files.size());
    std::vector<uint32_t> kinds(files.size());
    IsolatedHandler handler;
    handler.receive = [&](int i, uint32_t kind, uint64_t length) {
        kinds[static_cast<size_t>(i)] = kind;
        return receiveSmall(buffers[static_cast<size_t>(i)], kind, length, reader::kAnswerHeader);
    };
    handler.complete = [&](int i) {
        const size_t k = static_cast<size_t>(i);
        std::string bytes = std::move(buffers[k]);
        if (kinds[k] == reader::kAnswerError) {
            out[k] = Error {printable(std::move(bytes))};
            return;
        }
        std::optional<SliceHeader> h = reader::decodeHeader(bytes);
        if (!h) {
            out[k] = Error {crashMessage() + " (it sent a malformed header)"};
            return;
        }
        h->file = files[k]; // ours, not the reader's word
        if (h->sopInstanceUid.empty())
            h->sopInstanceUid = files[k];
        if (const Status s = checkSliceHeader(*h, limits); !s)
            out[k] = Error {s.error()};
        else
            out[k] = std::move(*h);
    };
    handler.fail = [&](int i, const std::string& reason) { out[static_cast<size_t>(i)] = Error {reason}; };
    (*pool)->run(
        count,
        [&](int i) {
            reader::HeaderRequest r;
            r.file = files[static_cast<size_t>(i)];
            r.maxRows = limits.maxRows;
            r.maxColumns = limits.maxColumns;
            return IsolatedJob {reader::kReadHeader, reader::encode(r)};
        },
        handler, optionsFor(limits, control, count), progress);
    return out;
}

std::vector<Status> readPixels(
    const std::vector<PixelTarget>& targets, const ReaderLimits& limits, const ReadControl& control, Progress& progress)
{
    const int count = static_cast<int>(targets.size());
    std::vector<Status> out(targets.size(), Status::failure("cancelled"));
    if (count == 0)
        return out;
    Result<IsolatedPool*> pool = poolFor(limits);
    if (!pool) {
        for (auto& s : out)
            s = Status::failure(pool.error());
        return out;
    }
    std::vector<std::string> errors(targets.size());
    std::vector<uint32_t> kinds(targets.size());
    IsolatedHandler handler;
    handler.receive = [&](int i, uint32_t kind, uint64_t length) -> Result<char*> {
        const size_t k = static_cast<size_t>(i);
        kinds[k] = kind;
        if (kind != reader::kAnswerPixels)
            return receiveSmall(errors[k], kind, length, reader::kAnswerError);
        const PixelTarget& t = targets[k];
        const uint64_t expected = uint64_t(t.rows) * uint64_t(t.columns) * sizeof(float);
        if (length != expected)
            return Error {std::to_string(length) + " pixel bytes where " + std::to_string(expected) + " were asked"};
        return reinterpret_cast<char*>(t.out);
    };
    handler.complete = [&](int i) {
        const size_t k = static_cast<size_t>(i);
        out[k] =
            kinds[k] == reader::kAnswerPixels ? Status::success() : Status::failure(printable(std::move(errors[k])));
    };
    handler.fail = [&](int i, const std::string& reason) { out[static_cast<size_t>(i)] = Status::failure(reason); };
    (*pool)->run(
        count,
        [&](int i) {
            const PixelTarget& t = targets[static_cast<size_t>(i)];
            reader::PixelRequest r;
            r.file = t.file;
            r.rows = t.rows;
            r.columns = t.columns;
            r.rescaleSlope = t.rescaleSlope;
            r.rescaleIntercept = t.rescaleIntercept;
            r.maxRows = limits.maxRows;
            r.maxColumns = limits.maxColumns;
            return IsolatedJob {reader::kReadPixels, reader::encode(r)};
        },
        handler, optionsFor(limits, control, count), progress);
    return out;
}

} // namespace sg::core
