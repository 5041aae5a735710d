// Opening and creating a project, importing studies, analyzers and items.
#include "core/store/ProjectStore.h"

#include "core/store/Deidentify.h"
#include "core/store/Schema.h"
#include "core/store/StoreInternal.h"

#include <filesystem>

namespace sg::core {
namespace fs = std::filesystem;
using store::guarded;

namespace {

// The import folder as an absolute path without a trailing separator: the files of a scan
// are stored relative to it.
fs::path importRoot(const std::string& root)
{
    std::error_code ec;
    fs::path rootPath = fs::absolute(root, ec).lexically_normal();
    if (!rootPath.has_filename() && rootPath.has_parent_path() && rootPath != rootPath.root_path())
        rootPath = rootPath.parent_path(); // "studies/" -> "studies"
    if (fs::is_regular_file(rootPath, ec))
        rootPath = rootPath.parent_path();
    return rootPath;
}

// `file` relative to `rootPath`. The scan may name files relative to the working folder
// ("studies/P1/IM1" for `project import studies`), so both are made absolute first: a
// relative file against an absolute root gave an empty path, and a project whose every
// slice pointed at the folder itself. A file outside the folder is an error, never a guess.
std::string pathUnderRoot(const std::string& file, const fs::path& rootPath)
{
    std::error_code ec;
    const fs::path absolute = fs::absolute(file, ec).lexically_normal();
    const fs::path rel = absolute.lexically_relative(rootPath);
    if (rel.empty() || rel == "." || *rel.begin() == "..")
        throw std::runtime_error("the file " + file + " is not inside the import folder " + rootPath.string());
    return rel.string();
}

std::int64_t upsertRoot(SqliteConnection& db, const fs::path& root)
{
    Statement st = db.prepare("INSERT INTO import_root(path, imported_at) VALUES(?, ?) "
                              "ON CONFLICT(path) DO UPDATE SET imported_at = excluded.imported_at RETURNING id");
    return st.bind(1, root.string()).bind(2, utcNow()).returnedId();
}

} // namespace

std::string_view roleName(Role role)
{
    return role == Role::Lead ? "lead" : "analyzer";
}

namespace store {

Item readItem(const Statement& st, const ProjectStore& project)
{
    Item item;
    item.id = st.integer(0);
    item.sopUidHash = st.text(1);
    item.seriesUidHash = st.text(2);
    item.studyUidHash = st.text(3);
    item.level = parseLevel(st.text(4));
    item.relativePath = st.text(6);
    item.file = project.resolveFile(st.text(5), item.relativePath);
    item.instanceNumber = static_cast<int>(st.integer(7));
    item.studyId = st.integer(8);
    return item;
}

Analyzer readAnalyzer(const Statement& st)
{
    return Analyzer {st.integer(0), st.text(1), st.text(2) == "lead" ? Role::Lead : Role::Analyzer};
}

RaterNameContext raterNameContext(SqliteConnection& db, bool withModels)
{
    RaterNameContext context;
    Statement analyzers = db.prepare("SELECT name FROM analyzer ORDER BY id");
    while (analyzers.step())
        context.analyzers.push_back(analyzers.text(0));
    if (!withModels)
        return context;
    Statement models = db.prepare("SELECT DISTINCT model_name FROM prediction ORDER BY model_name");
    while (models.step())
        context.models.push_back(models.text(0));
    return context;
}

Status checkModelName(SqliteConnection& db, const std::string& modelName)
{
    // A model is a rater under its name: it must not pass for an analyzer or the consensus.
    // Other models' names do not count (a new version of a model keeps its name).
    const RaterNameContext context = raterNameContext(db, false);
    for (const std::string& analyzer : context.analyzers)
        if (analyzer == modelName)
            return Status::failure("the model name '" + modelName + "' is the name of an analyzer of " + db.path() +
                "; give the model another name");
    return checkNewRaterName(modelName, context, "model name");
}

} // namespace store

ProjectStore::ProjectStore(std::unique_ptr<SqliteConnection> db, std::string path)
    : m_db(std::move(db)), m_path(std::move(path))
{
}

ProjectStore::~ProjectStore() = default;

Result<std::unique_ptr<ProjectStore>> ProjectStore::create(const std::string& path, OpenOptions options)
{
    std::error_code ec;
    if (fs::exists(path, ec))
        return Error {path + " already exists; open it, or choose a new file name for a new project"};
    return connect(path, options, true);
}

Result<std::unique_ptr<ProjectStore>> ProjectStore::open(const std::string& path, OpenOptions options)
{
    // Every check reads only: a file we refuse must leave here exactly as it came.
    auto version = inspectProjectFile(path);
    if (!version)
        return Error {version.error()};
    if (options.readOnly)
        return connectReadOnly(path, *version, options);
    return connect(path, options, false);
}

Result<std::unique_ptr<ProjectStore>> ProjectStore::connectReadOnly(
    const std::string& path, int version, const OpenOptions& options)
{
    auto db = SqliteConnection::open(path, OpenMode::ReadOnly);
    if (!db)
        return Error {db.error()};
    try {
        std::unique_ptr<SqliteConnection> view = std::move(*db);
        if (version < kSchemaVersion) {
            // The readers expect the current schema: they read a migrated copy in memory, and
            // the file stays as the older version wrote it until something writes to it.
            view = view->memoryCopy();
            view->exec("PRAGMA foreign_keys = ON");
            migrate(*view);
        }
        view->exec("PRAGMA query_only = ON");
        auto store = std::unique_ptr<ProjectStore>(new ProjectStore(std::move(view), path));
        store->loadIdentity(options);
        return store;
    } catch (const std::exception& e) {
        return Error {e.what()};
    }
}

namespace {

// PATH.v2.bak, or PATH.v2-2.bak if that exists (an older backup is never overwritten).
std::string freeBackupName(const std::string& path, std::int64_t version)
{
    std::error_code ec;
    const std::string stem = path + ".v" + std::to_string(version);
    std::string name = stem + ".bak";
    for (int n = 2; fs::exists(name, ec) || ec; ++n)
        name = stem + "-" + std::to_string(n) + ".bak";
    return name;
}

} // namespace

Result<std::unique_ptr<ProjectStore>> ProjectStore::connect(const std::string& path, OpenOptions options, bool create)
{
    auto db = SqliteConnection::open(path, create ? OpenMode::Create : OpenMode::ReadWrite);
    if (!db)
        return Error {db.error()};
    std::string backup;
    if (!create) {
        // An older file is copied before anything writes to it (even the WAL switch below).
        try {
            const std::int64_t version = (*db)->queryInt("PRAGMA user_version");
            if (version > 0 && version < kSchemaVersion) {
                backup = freeBackupName(path, version);
                (*db)->copyToFile(backup);
            }
        } catch (const std::exception& e) {
            return Error {"cannot back up " + path + " to " + backup + " before upgrading it to this version (" +
                e.what() + "); it was not changed"};
        }
    }
    try {
        configureConnection(**db, options.fullDurability);
        migrate(**db);
    } catch (const std::exception& e) {
        if (create) {
            db->reset();
            std::error_code ec;
            for (const char* suffix : {"", "-wal", "-shm"})
                fs::remove(path + suffix, ec);
        }
        return Error {e.what()};
    }
    auto store = std::unique_ptr<ProjectStore>(new ProjectStore(std::move(*db), path));
    store->m_migrationBackup = backup;
    try {
        store->loadIdentity(options);
    } catch (const std::exception& e) {
        return Error {e.what()};
    }
    return store;
}

int ProjectStore::schemaVersion()
{
    try {
        return static_cast<int>(m_db->queryInt("PRAGMA user_version"));
    } catch (const SqlError&) {
        return 0; // unknown; open() already checked the version
    }
}

Result<std::int64_t> ProjectStore::dataVersion()
{
    return guarded([&]() -> Result<std::int64_t> { return m_db->queryInt("PRAGMA data_version"); });
}

Result<ImportSummary> ProjectStore::importScan(const ScanResult& scan, const std::string& root, Progress& progress)
{
    return guarded([&]() -> Result<ImportSummary> {
        const fs::path rootPath = importRoot(root);
        ImportSummary summary;
        summary.studies = static_cast<int>(scan.studies.size());
        summary.skippedFiles = static_cast<int>(scan.skipped.size());
        Transaction tx(*m_db);
        const std::int64_t rootId = upsertRoot(*m_db, rootPath);
        // No names, IDs, dates or descriptions, and UIDs only as keyed hashes (Deidentify.h).
        Statement studySt = m_db->prepare("INSERT INTO study(study_uid) VALUES(?) "
                                          "ON CONFLICT(study_uid) DO UPDATE SET study_uid = study_uid RETURNING id");
        Statement seriesSt =
            m_db->prepare("INSERT INTO series(study_id, series_uid, number, modality) VALUES(?, ?, ?, ?) "
                          "ON CONFLICT(series_uid) DO UPDATE SET number = excluded.number RETURNING id");
        // A known slice gets its pixel spacing too: slices imported before schema 4 have none.
        Statement knownSt = m_db->prepare(
            "UPDATE slice SET root_id = ?, rel_path = ?, row_spacing = ?, column_spacing = ? WHERE sop_uid = ?");
        Statement sliceSt = m_db->prepare(
            "INSERT INTO slice(series_id, root_id, rel_path, sop_uid, instance_number, stack_index, slice_index, "
            "level, row_spacing, column_spacing) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        const int total = scan.sliceCount();
        int done = 0;
        progress.report(0, total);
        for (const Study& study : scan.studies) {
            studySt.reset();
            const std::int64_t studyId = studySt.bind(1, uidHash(study.studyInstanceUid)).returnedId();
            // What a comment is checked against: keyed hashes of the name's words and the ID.
            store::storeIdentityHashes(*m_db, studyId, m_secret, study.patientName, study.patientId);
            for (const Series& series : study.series) {
                seriesSt.reset();
                seriesSt.bind(1, studyId).bind(2, uidHash(series.seriesInstanceUid)).bind(3, series.seriesNumber);
                const std::int64_t seriesId = seriesSt.bind(4, series.modality).returnedId();
                // The transaction is not committed: a cancelled import leaves the file as it was.
                if (progress.cancelled())
                    return Error {"cancelled; nothing was imported"};
                for (size_t k = 0; k < series.stacks.size(); ++k) {
                    const Stack& stack = series.stacks[k];
                    for (size_t i = 0; i < stack.slices.size(); ++i) {
                        progress.report(done++, total);
                        const SliceRef& s = stack.slices[i];
                        const std::string rel = pathUnderRoot(s.file, rootPath);
                        const std::string sop = uidHash(s.sopInstanceUid);
                        knownSt.reset();
                        knownSt.bind(1, rootId).bind(2, rel).bind(3, stack.rowSpacing).bind(4, stack.columnSpacing);
                        knownSt.bind(5, sop).run();
                        if (m_db->changes() > 0) {
                            ++summary.knownSlices;
                            continue;
                        }
                        sliceSt.reset();
                        sliceSt.bind(1, seriesId).bind(2, rootId).bind(3, rel).bind(4, sop);
                        sliceSt.bind(5, s.instanceNumber).bind(6, static_cast<int>(k)).bind(7, static_cast<int>(i));
                        if (stack.level)
                            sliceSt.bind(8, std::string(levelName(*stack.level)));
                        sliceSt.bind(9, stack.rowSpacing).bind(10, stack.columnSpacing);
                        sliceSt.run();
                        ++summary.newSlices;
                    }
                }
            }
        }
        tx.commit();
        progress.report(total, total);
        return summary;
    });
}

Result<RelinkSummary> ProjectStore::relink(const ScanResult& rescan, const std::string& newRoot)
{
    return guarded([&]() -> Result<RelinkSummary> {
        const fs::path rootPath = importRoot(newRoot);
        Transaction tx(*m_db);
        const std::int64_t rootId = upsertRoot(*m_db, rootPath);
        Statement update = m_db->prepare("UPDATE slice SET root_id = ?, rel_path = ? WHERE sop_uid = ?");
        RelinkSummary summary;
        for (const Study& study : rescan.studies)
            for (const Series& series : study.series)
                for (const Stack& stack : series.stacks)
                    for (const SliceRef& s : stack.slices) {
                        update.reset();
                        update.bind(1, rootId).bind(2, pathUnderRoot(s.file, rootPath));
                        update.bind(3, uidHash(s.sopInstanceUid)).run();
                        summary.relinked += m_db->changes();
                    }
        summary.missing = static_cast<int>(m_db->queryInt("SELECT COUNT(*) FROM slice")) - summary.relinked;
        tx.commit();
        return summary;
    });
}

void ProjectStore::loadIdentity(const OpenOptions& options)
{
    m_secret = store::projectSecret(*m_db);
    m_projectId = m_db->queryText("SELECT value FROM setting WHERE key = 'project_id'");
    m_root = options.root.empty() ? std::string() : importRoot(options.root).string();
}

std::string ProjectStore::uidHash(std::string_view uid) const
{
    return sg::core::uidHash(m_secret, uid);
}

std::string ProjectStore::resolveFile(const std::string& recordedRoot, const std::string& relativePath) const
{
    return (fs::path(m_root.empty() ? recordedRoot : m_root) / relativePath).lexically_normal().string();
}

Result<std::vector<std::string>> ProjectStore::recordedRoots()
{
    return guarded([&]() -> Result<std::vector<std::string>> {
        std::vector<std::string> roots;
        Statement st = m_db->prepare("SELECT path FROM import_root ORDER BY id");
        while (st.step())
            roots.push_back(st.text(0));
        return roots;
    });
}

Result<int> ProjectStore::sliceCount()
{
    return guarded([&]() -> Result<int> { return static_cast<int>(m_db->queryInt("SELECT COUNT(*) FROM slice")); });
}

Result<Analyzer> ProjectStore::addAnalyzer(const std::string& name, Role role)
{
    return guarded([&]() -> Result<Analyzer> {
        if (name.empty())
            return Error {"an analyzer needs a name"};
        Transaction tx(*m_db);
        Statement find = m_db->prepare("SELECT 1 FROM analyzer WHERE name = ?");
        if (find.bind(1, name).step())
            return Error {"there is already an analyzer named '" + name + "' in " + m_path};
        if (Status valid = checkNewRaterName(name, store::raterNameContext(*m_db), "analyzer name"); !valid)
            return Error {valid.error() + " (" + m_path + ")"};
        Statement ins = m_db->prepare("INSERT INTO analyzer(name, role) VALUES(?, ?)");
        ins.bind(1, name).bind(2, std::string(roleName(role))).run();
        const Analyzer analyzer {m_db->lastInsertId(), name, role};
        store::addWorklistEntries(*m_db, analyzer);
        tx.commit();
        return analyzer;
    });
}

Result<std::optional<Analyzer>> ProjectStore::findAnalyzer(const std::string& name)
{
    return guarded([&]() -> Result<std::optional<Analyzer>> {
        Statement st = m_db->prepare("SELECT id, name, role FROM analyzer WHERE name = ?");
        if (st.bind(1, name).step())
            return std::optional<Analyzer>(store::readAnalyzer(st));
        return std::optional<Analyzer>();
    });
}

Result<Analyzer> ProjectStore::ensureAnalyzer(const std::string& name, Role roleIfNew)
{
    auto found = findAnalyzer(name);
    if (!found)
        return Error {found.error()};
    if (*found)
        return **found;
    auto added = addAnalyzer(name, roleIfNew);
    if (!added) { // another process may have added the same name a moment ago
        if (auto again = findAnalyzer(name); again && *again)
            return **again;
    }
    return added;
}

Result<std::vector<Analyzer>> ProjectStore::analyzers()
{
    return guarded([&]() -> Result<std::vector<Analyzer>> {
        std::vector<Analyzer> all;
        Statement st = m_db->prepare("SELECT id, name, role FROM analyzer ORDER BY id");
        while (st.step())
            all.push_back(store::readAnalyzer(st));
        return all;
    });
}

Result<std::vector<Item>> ProjectStore::items()
{
    return guarded([&]() -> Result<std::vector<Item>> {
        std::vector<Item> all;
        Statement st = m_db->prepare(std::string(store::kItemSelect) + "ORDER BY i.id");
        while (st.step())
            all.push_back(store::readItem(st, *this));
        return all;
    });
}

Result<std::optional<Item>> ProjectStore::findItem(const std::string& sopInstanceUid)
{
    return guarded([&]() -> Result<std::optional<Item>> {
        Statement st = m_db->prepare(std::string(store::kItemSelect) + "WHERE s.sop_uid = ?");
        if (st.bind(1, uidHash(sopInstanceUid)).step())
            return std::optional<Item>(store::readItem(st, *this));
        return std::optional<Item>();
    });
}

Result<Item> ProjectStore::item(std::int64_t itemId)
{
    return guarded([&]() -> Result<Item> {
        Statement st = m_db->prepare(std::string(store::kItemSelect) + "WHERE i.id = ?");
        if (st.bind(1, itemId).step())
            return store::readItem(st, *this);
        return Error {"item " + std::to_string(itemId) + " is not in " + m_path};
    });
}

} // namespace sg::core
