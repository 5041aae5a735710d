#include "core/dicom/DicomScanner.h"

#include "core/dicom/DicomReader.h"
#include "core/dicom/StackBuilder.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>
#include <utility>

namespace sg::core {
namespace {

constexpr size_t kMaxDepth = 1000; // far deeper than any real study; stops a runaway tree

std::string errorText(int err)
{
    return std::strerror(err);
}

const char* typeName(mode_t mode)
{
    if (S_ISFIFO(mode))
        return "a named pipe";
    if (S_ISSOCK(mode))
        return "a socket";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "a device";
    return "not a regular file";
}

struct Folder {
    std::string path;
    size_t depth;
    std::vector<std::pair<dev_t, ino_t>> ancestors; // to tell a link loop from a second link
};

} // namespace

std::vector<std::string> listDicomCandidates(const std::string& path, std::vector<SkippedFile>& skipped)
{
    // POSIX calls rather than std::filesystem's recursive iterator: that iterator throws or
    // stops at the first error, loses the entry that failed, and recurses per level; here
    // every error is a skip reason for its own path and the walk goes on.
    std::vector<std::string> files;
    struct stat st { };
    if (::stat(path.c_str(), &st) != 0) {
        skipped.push_back({path, errno == ENOENT ? "no such file or folder" : "cannot read: " + errorText(errno)});
        return files;
    }
    if (S_ISREG(st.st_mode)) {
        files.push_back(path);
        return files;
    }
    if (!S_ISDIR(st.st_mode)) {
        skipped.push_back({path, std::string("not a file or folder (") + typeName(st.st_mode) + ")"});
        return files;
    }
    std::set<std::pair<dev_t, ino_t>> seen {{st.st_dev, st.st_ino}};
    std::vector<Folder> todo {{path, 0, {{st.st_dev, st.st_ino}}}};
    while (!todo.empty()) {
        Folder folder = std::move(todo.back());
        todo.pop_back();
        DIR* dir = ::opendir(folder.path.c_str());
        if (!dir) {
            const int err = errno;
            skipped.push_back({folder.path,
                err == ENOENT ? "folder vanished during the scan" : "cannot open the folder: " + errorText(err)});
            continue;
        }
        std::vector<Folder> children;
        while (true) {
            errno = 0;
            const dirent* entry = ::readdir(dir);
            if (!entry) {
                if (errno != 0)
                    skipped.push_back({folder.path, "cannot list the folder completely: " + errorText(errno)});
                break;
            }
            const std::string name = entry->d_name;
            if (name == "." || name == "..")
                continue;
            const std::string child = folder.path + (folder.path.ends_with('/') ? "" : "/") + name;
            struct stat cs { };
            if (::stat(child.c_str(), &cs) != 0) { // follows links
                const int err = errno;
                struct stat ls { };
                if (::lstat(child.c_str(), &ls) == 0 && S_ISLNK(ls.st_mode))
                    skipped.push_back(
                        {child, err == ELOOP ? "symbolic link loop" : "broken symbolic link (" + errorText(err) + ")"});
                else
                    skipped.push_back(
                        {child, err == ENOENT ? "vanished during the scan" : "cannot read: " + errorText(err)});
                continue;
            }
            if (S_ISREG(cs.st_mode)) {
                files.push_back(child);
            } else if (S_ISDIR(cs.st_mode)) {
                const std::pair<dev_t, ino_t> key {cs.st_dev, cs.st_ino};
                if (std::find(folder.ancestors.begin(), folder.ancestors.end(), key) != folder.ancestors.end()) {
                    skipped.push_back({child, "symbolic link loop (leads back to a folder that contains it)"});
                } else if (!seen.insert(key).second) {
                    skipped.push_back({child, "not searched again: a link to a folder already searched"});
                } else if (folder.depth + 1 > kMaxDepth) {
                    skipped.push_back(
                        {child, "not searched: nested deeper than " + std::to_string(kMaxDepth) + " folders"});
                } else {
                    Folder next {child, folder.depth + 1, folder.ancestors};
                    next.ancestors.push_back(key);
                    children.push_back(std::move(next));
                }
            } else {
                skipped.push_back({child, std::string("not a DICOM file (") + typeName(cs.st_mode) + ")"});
            }
        }
        ::closedir(dir);
        // Depth first, in name order: the order of the files does not depend on readdir's.
        std::sort(children.begin(), children.end(), [](const Folder& a, const Folder& b) { return a.path > b.path; });
        for (Folder& c : children)
            todo.push_back(std::move(c));
    }
    std::sort(files.begin(), files.end());
    return files;
}

ScanResult scanPath(const std::string& path, const ReaderLimits& limits, Progress& progress)
{
    std::vector<SkippedFile> skipped;
    const std::vector<std::string> files = listDicomCandidates(path, skipped);
    const int total = static_cast<int>(files.size());
    ReadControl control;
    if (limits.scanSeconds > 0) {
        control.deadline = std::chrono::steady_clock::now() +
            std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                std::chrono::duration<double>(limits.scanSeconds));
        char text[64];
        std::snprintf(text, sizeof text, "%g", limits.scanSeconds);
        control.deadlineMessage =
            std::string("not read: the scan's limit of ") + text + " s passed before this file (--scan-timeout)";
    }
    progress.report(0, total);
    const std::vector<Result<SliceHeader>> parsed = readHeaders(files, limits, control, progress);
    const bool cancelled = progress.cancelled();
    std::vector<SliceHeader> headers;
    headers.reserve(files.size());
    for (int i = 0; i < total; ++i) {
        const auto& r = parsed[static_cast<size_t>(i)];
        if (r) {
            headers.push_back(r.value());
            continue;
        }
        if (cancelled && r.error() == "cancelled")
            continue; // not reached: not a fault of the file
        skipped.push_back({files[static_cast<size_t>(i)], r.error()});
    }
    ScanResult result = buildStudies(headers);
    skipped.insert(skipped.end(), result.skipped.begin(), result.skipped.end());
    result.skipped = std::move(skipped);
    result.cancelled = cancelled;
    return result;
}

} // namespace sg::core
