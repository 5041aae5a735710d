#include "tests/support/ProjectFixture.h"

#include "core/store/Schema.h"
#include "core/store/SqliteConnection.h"
#include "core/store/Worklist.h"

#include <QCryptographicHash>
#include <QFile>

namespace sg::test {
using namespace sg::core;

ScanResult syntheticScan(const std::string& root, int studies, int slicesPerStack)
{
    ScanResult scan;
    for (int s = 0; s < studies; ++s) {
        const std::string uid = "1.2.826.0.1.3680043.10.1341.9." + std::to_string(s + 1);
        Study study;
        study.studyInstanceUid = uid;
        study.description = "synthetic lumbar study";
        Series series;
        series.seriesInstanceUid = uid + ".1";
        series.modality = "MR";
        int instance = 0;
        for (Level level : kAllLevels) {
            Stack stack;
            stack.level = level;
            for (int i = 0; i < slicesPerStack; ++i) {
                SliceRef slice;
                slice.instanceNumber = ++instance;
                slice.sopInstanceUid = series.seriesInstanceUid + "." + std::to_string(instance);
                slice.file = root + "/study" + std::to_string(s + 1) + "/IM" + std::to_string(instance) + ".dcm";
                stack.slices.push_back(slice);
            }
            series.stacks.push_back(stack);
        }
        study.series.push_back(series);
        scan.studies.push_back(study);
    }
    return scan;
}

std::unique_ptr<ProjectStore> makeProject(
    const std::string& path, const ScanResult& scan, std::string& error, int perLevel, std::uint64_t seed)
{
    auto store = ProjectStore::create(path);
    if (!store) {
        error = store.error();
        return nullptr;
    }
    if (auto imported = (*store)->importScan(scan, "/"); !imported) {
        error = imported.error();
        return nullptr;
    }
    if (auto built = buildWorklist(**store, {perLevel, seed}); !built) {
        error = built.error();
        return nullptr;
    }
    return std::move(*store);
}

bool writeOldProjectFile(const std::string& path, int version)
{
    auto db = SqliteConnection::open(path, OpenMode::Create);
    if (!db)
        return false;
    try {
        configureConnection(**db, true);
        migrate(**db, version);
        (*db)->exec("INSERT INTO import_root(id, path, imported_at) VALUES(1, '/data', '2024-01-01T00:00:00Z');"
                    "INSERT INTO study(id, study_uid) VALUES(1, '1.2.3');"
                    "INSERT INTO series(id, study_id, series_uid) VALUES(1, 1, '1.2.3.4');"
                    "INSERT INTO slice(id, series_id, root_id, rel_path, sop_uid, stack_index, slice_index, level)"
                    " VALUES(1, 1, 1, 'a/IM1', '1.2.3.4.1', 0, 0, 'L4/L5');"
                    "INSERT INTO item(id, slice_id) VALUES(1, 1);"
                    "INSERT INTO analyzer(id, name, role) VALUES(1, 'ann', 'analyzer');"
                    "INSERT INTO label(item_id, analyzer_id, grade, canal, updated_at)"
                    " VALUES(1, 1, 'B', 'rootlet', '2024-01-01T00:00:00Z');");
    } catch (const SqlError&) {
        return false;
    }
    return true;
}

QByteArray fileHash(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex();
}

std::string integrityCheck(const std::string& path)
{
    auto db = SqliteConnection::open(path, OpenMode::ReadOnly);
    if (!db)
        return db.error();
    try {
        return (*db)->queryText("PRAGMA integrity_check");
    } catch (const SqlError& e) {
        return e.what();
    }
}

} // namespace sg::test
