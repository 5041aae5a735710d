#include "core/store/Linkage.h"

#include "core/labels/ItemKey.h"
#include "core/store/ProjectStore.h"
#include "core/store/StoreInternal.h"
#include "core/util/Csv.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>

namespace sg::core {
namespace fs = std::filesystem;

namespace {

constexpr const char* kHeader = "key,patient_id,patient_name,study_date";

std::string formatRow(const LinkageRow& row)
{
    return csvTextCell(row.key) + "," + csvTextCell(row.patientId) + "," + csvTextCell(row.patientName) + "," +
        csvTextCell(row.studyDate) + "\n";
}

bool sameFile(const std::string& a, const std::string& b)
{
    std::error_code ec;
    if (fs::equivalent(a, b, ec))
        return true;
    return fs::weakly_canonical(a, ec) == fs::weakly_canonical(b, ec);
}

} // namespace

Result<std::vector<LinkageRow>> linkageRows(ProjectStore& store, const ScanResult& scan)
{
    return store::guarded([&]() -> Result<std::vector<LinkageRow>> {
        // The study's ordinal among the project's studies by row id: its S001 key (ItemKey.h).
        Statement st = store.connection().prepare("SELECT (SELECT COUNT(*) FROM study o WHERE o.id <= s.id) "
                                                  "FROM study s WHERE s.study_uid = ?");
        std::vector<LinkageRow> rows;
        for (const Study& study : scan.studies) {
            st.reset();
            st.bind(1, store.uidHash(study.studyInstanceUid));
            if (!st.step())
                return Error {"the study of " + study.patientId + " is not in " + store.path() + "; import it first"};
            rows.push_back(
                {studyKeyName(static_cast<int>(st.integer(0))), study.patientId, study.patientName, study.studyDate});
        }
        return rows;
    });
}

Status checkLinkagePath(const std::string& path, const std::string& projectPath)
{
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        if (sameFile(path, projectPath + suffix))
            return Status::failure("the linkage file " + path +
                " would be the project file or part of it; it must be a file of its own beside the project");
    return Status::success();
}

Status writeLinkageFile(const std::string& path, const std::string& projectPath, const std::vector<LinkageRow>& rows)
{
    if (Status ok = checkLinkagePath(path, projectPath); !ok)
        return ok;
    // Rows already in the file stay; a study named again is not repeated.
    std::map<std::string, bool> known;
    std::string existing;
    std::error_code ec;
    if (fs::exists(path, ec)) {
        auto text = readCsvFile(path, kDefaultCsvLimitBytes);
        if (!text)
            return Status::failure(text.error());
        existing = *text;
        CsvReader reader(existing);
        CsvRecord record;
        bool header = true;
        while (reader.next(record)) {
            if (header) {
                header = false;
                if (record.fields.size() < 4 || record.fields[0] != "key")
                    return Status::failure(path + " is not a SpineGrade linkage file (its first line is not " +
                        kHeader + "); it was not changed");
                continue;
            }
            if (!record.fields.empty())
                known[csvTextValue(record.fields[0])] = true;
        }
        if (!reader.error().empty())
            return Status::failure(path + ": " + reader.error() + "; it was not changed");
    }
    std::string text = existing.empty() ? std::string(kHeader) + "\n" : existing;
    if (!text.empty() && text.back() != '\n')
        text += '\n';
    for (const LinkageRow& row : rows)
        if (!known[row.key]) {
            known[row.key] = true;
            text += formatRow(row);
        }
    // Written whole to a new file of mode 0600, then renamed over the old one: no moment where
    // others could read it, and no half-written file.
    const std::string temporary = path + ".tmp";
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0)
        return Status::failure("cannot write the linkage file " + temporary + ": " + std::strerror(errno));
    bool ok = ::fchmod(fd, 0600) == 0; // an existing temporary kept its mode: set it
    for (size_t done = 0; ok && done < text.size();) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        ok = n > 0;
        done += ok ? static_cast<size_t>(n) : 0;
    }
    ok = ::fsync(fd) == 0 && ok;
    ok = ::close(fd) == 0 && ok;
    if (!ok || ::rename(temporary.c_str(), path.c_str()) != 0) {
        const std::string why = std::strerror(errno);
        ::unlink(temporary.c_str());
        return Status::failure("cannot write the linkage file " + path + ": " + why);
    }
    return Status::success();
}

} // namespace sg::core
