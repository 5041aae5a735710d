#include "core/store/ProjectSetup.h"

#include "core/dicom/DicomScanner.h"
#include "core/store/Identity.h"
#include "core/store/ProjectStore.h"

#include <filesystem>
#include <system_error>

namespace sg::core {
namespace {

// Removes the file we created (and SQLite's WAL companions) when the set-up fails.
class CreatedFileGuard {
public:
    explicit CreatedFileGuard(std::string path) : m_path(std::move(path)) { }
    ~CreatedFileGuard()
    {
        if (!m_armed || m_keep)
            return;
        std::error_code ec;
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(m_path + suffix, ec);
    }
    CreatedFileGuard(const CreatedFileGuard&) = delete;
    CreatedFileGuard& operator=(const CreatedFileGuard&) = delete;
    void arm() { m_armed = true; } // the file exists now, and it is ours
    void keep() { m_keep = true; }

private:
    std::string m_path;
    bool m_armed = false;
    bool m_keep = false;
};

} // namespace

Result<ProjectSetupSummary> setUpProject(const ProjectSetupOptions& options, Progress& progress)
{
    if (options.leadName.empty())
        return Error {"a project needs the name of the lead setting it up"};
    if (options.leadPassphrase.size() < kMinPassphraseLength)
        return Error {"the lead's passphrase needs at least " + std::to_string(kMinPassphraseLength) + " characters"};
    std::error_code ec;
    if (!std::filesystem::is_directory(options.dicomFolder, ec))
        return Error {"no folder " + options.dicomFolder};
    if (std::filesystem::exists(options.projectFile, ec))
        return Error {options.projectFile + " already exists; choose a new file name"};

    Progress scanning = progress.step("scan");
    const ScanResult scan = scanPath(options.dicomFolder, ReaderLimits {}, scanning);
    if (progress.cancelled() || scan.cancelled)
        return Error {"cancelled; no project was created"};
    if (scan.studies.empty())
        return Error {"no DICOM study found under " + options.dicomFolder + " (" + std::to_string(scan.skipped.size()) +
            " file(s) skipped); no project was created"};

    // Declared before the store, so the file is removed after its connection has closed.
    CreatedFileGuard guard(options.projectFile);
    auto created = ProjectStore::create(options.projectFile);
    if (!created)
        return Error {created.error()};
    guard.arm();
    ProjectStore& store = **created;
    Progress importing = progress.step("import");
    auto imported = store.importScan(scan, options.dicomFolder, importing);
    if (progress.cancelled())
        return Error {"cancelled; no project was created"};
    if (!imported)
        return Error {imported.error()};
    // Before the worklist: its build schedules the re-reads.
    if (const Status rereads = store.setRereadSettings(options.rereads); !rereads)
        return Error {rereads.error()};
    auto worklist = buildWorklist(store, options.worklist);
    if (!worklist)
        return Error {worklist.error()};
    if (auto lead = addLead(store, options.leadName, options.leadPassphrase); !lead)
        return Error {lead.error()};
    if (const Status assisted = store.setAssisted(options.assisted); !assisted)
        return Error {assisted.error()};

    guard.keep();
    ProjectSetupSummary summary;
    summary.import = *imported;
    summary.worklist = *worklist;
    summary.skippedFiles = static_cast<int>(scan.skipped.size());
    return summary;
}

} // namespace sg::core
