// Writing a reader kit: a new file, filled by copying selected rows (ReaderKit.h says which).
#include "core/store/ReaderKit.h"

#include "core/dicom/DicomReader.h"
#include "core/dicom/SliceLoader.h"
#include "core/dicom/StackBuilder.h"
#include "core/labels/ItemKey.h"
#include "core/store/KitImage.h"
#include "core/store/ProjectItemKeys.h"
#include "core/store/StoreInternal.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <random>
#include <set>

namespace sg::core {
namespace fs = std::filesystem;
using store::guarded;

namespace {

std::string randomHex(size_t bytes)
{
    std::random_device device; // the kernel's entropy: a kit id must not repeat across exports
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (size_t i = 0; i < bytes; ++i) {
        const unsigned v = device() & 0xFFU;
        out += digits[v >> 4];
        out += digits[v & 0xFU];
    }
    return out;
}

// Copies the rows a SELECT on `from` returns into `insert` on the kit, column by column, keeping
// each value's SQLite type (integer, real, text, NULL) as it was.
int copyRows(Statement& select, Statement& insert, int columns)
{
    int copied = 0;
    while (select.step()) {
        insert.reset();
        for (int c = 0; c < columns; ++c)
            insert.bindColumn(c + 1, select, c);
        insert.run();
        ++copied;
    }
    return copied;
}

// readSliceFile (core/dicom/SliceLoader.h) for many files with one header request and one
// pixel request to the reader pool: the same checks, the readers kept busy in parallel.
std::vector<Result<SliceImage>> readKitSlices(const std::vector<std::string>& files)
{
    const ReaderLimits limits;
    std::vector<Result<SliceImage>> out;
    const std::vector<Result<SliceHeader>> headers = readHeaders(files, limits);
    std::vector<PixelTarget> targets;
    std::vector<size_t> targetOf;
    out.reserve(files.size());
    for (size_t i = 0; i < files.size(); ++i) {
        if (!headers[i]) {
            out.emplace_back(Error {headers[i].error()});
            continue;
        }
        const ScanResult one = buildStudies({*headers[i]});
        if (one.studies.empty() || one.studies[0].series.empty() || one.studies[0].series[0].stacks.empty()) {
            out.emplace_back(Error {one.skipped.empty() ? std::string("no image in the file") : one.skipped[0].reason});
            continue;
        }
        const Stack& stack = one.studies[0].series[0].stacks[0];
        if (stack.rows <= 0 || stack.columns <= 0 || stack.rows > limits.maxRows || stack.columns > limits.maxColumns) {
            out.emplace_back(Error {"slice of " + std::to_string(stack.columns) + "x" + std::to_string(stack.rows) +
                " pixels exceeds the limit of " + sliceLimitText(limits)});
            continue;
        }
        SliceImage image = sliceGeometry(stack.slices.at(0), stack);
        image.stored.resize(static_cast<size_t>(stack.rows) * static_cast<size_t>(stack.columns));
        out.emplace_back(std::move(image));
    }
    // Targets point into `out`, which no longer grows.
    for (size_t i = 0; i < out.size(); ++i)
        if (out[i]) {
            targets.push_back(
                {files[i], out[i]->rows, out[i]->columns, out[i]->stored.data(), &out[i]->type, headers[i]->native});
            targetOf.push_back(i);
        }
    const std::vector<Status> read = readPixels(targets, limits);
    for (size_t t = 0; t < targets.size(); ++t)
        if (!read[t])
            out[targetOf[t]] = Error {read[t].error()};
    return out;
}

void removeKitFiles(const std::string& path)
{
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        fs::remove(path + suffix, ec);
}

} // namespace

Result<std::string> projectId(ProjectStore& project)
{
    return guarded([&]() -> Result<std::string> {
        const std::string id = project.connection().queryText("SELECT value FROM setting WHERE key = 'project_id'");
        if (id.empty())
            return Error {project.path() + " has no project id (open it once with this version to give it one)"};
        return id;
    });
}

Result<KitExportSummary> exportReaderKit(
    ProjectStore& project, const std::string& analyzerName, const std::string& kitPath, Progress& progress)
{
    std::error_code ec;
    if (fs::exists(kitPath, ec))
        return Error {kitPath + " already exists; choose a new file name for the reader kit"};
    auto found = project.findAnalyzer(analyzerName);
    if (!found)
        return Error {found.error()};
    if (!*found)
        return Error {"there is no analyzer named '" + analyzerName + "' in " + project.path()};
    const Analyzer who = **found;
    auto id = projectId(project);
    if (!id)
        return Error {id.error()};
    auto items = project.items();
    if (!items)
        return Error {items.error()};
    auto assisted = project.assisted();
    if (!assisted)
        return Error {assisted.error()};
    const ItemKeys keys = makeItemKeys(*items);
    std::map<std::int64_t, std::string> fileOf;
    for (const Item& item : *items)
        fileOf[item.id] = item.file;

    // Written under a temporary name: a cancelled or failed export leaves no kit behind, and a
    // file with the kit's name is always a whole kit.
    const std::string temporary = kitPath + ".part";
    removeKitFiles(temporary);
    KitExportSummary summary;
    auto result = [&]() -> Status {
        auto created = ProjectStore::create(temporary, OpenOptions {false, false});
        if (!created)
            return Status::failure(created.error());
        std::unique_ptr<ProjectStore> kitStore = std::move(*created);
        return guarded([&]() -> Status {
            SqliteConnection& src = project.connection();
            SqliteConnection& kit = kitStore->connection();
            // The history keeps who changed each of the analyzer's labels (a lead's import too);
            // only the analyzer's own row goes in, so such a changer is an id without a name.
            kit.exec("PRAGMA foreign_keys = OFF");
            // A new file under a temporary name, renamed only when complete: no WAL (every page
            // would be written twice) and no fsync until the end. Deleted content is zeroed.
            kit.queryText("PRAGMA journal_mode = DELETE");
            kit.exec("PRAGMA synchronous = OFF");
            kit.exec("PRAGMA secure_delete = ON");
            Transaction tx(kit);
            KitInfo& info = summary.info;
            info.kitId = randomHex(16);
            info.projectId = *id;
            info.analyzerId = who.id;
            info.analyzerName = who.name;
            info.assisted = *assisted;
            info.createdAt = utcNow();

            // Settings: only what the viewer and the worklist need (no seed, nothing naming others).
            // The kit keeps the de-identification secret its own creation drew (a fresh random one,
            // not the project's: a kit holds no UID to hash, only keys).
            kit.exec("DELETE FROM setting WHERE key <> 'uid_secret'");
            Statement settingsIn = src.prepare(
                "SELECT key, value FROM setting WHERE key IN ('assisted', 'reread_share', 'reread_gap', 'project_id')");
            Statement settingsOut = kit.prepare("INSERT INTO setting(key, value) VALUES(?, ?)");
            copyRows(settingsIn, settingsOut, 2);

            kit.prepare("INSERT INTO analyzer(id, name, role) VALUES(?, ?, ?)")
                .bind(1, who.id)
                .bind(2, who.name)
                .bind(3, std::string(roleName(who.role)))
                .run();
            kit.prepare("INSERT INTO import_root(id, path, imported_at) VALUES(1, 'reader kit', ?)")
                .bind(1, info.createdAt)
                .run();

            // The slices of the analyzer's worklist, named by their keys: no UID, path or PHI.
            Statement slices =
                src.prepare("SELECT i.id, s.id, s.series_id, se.study_id, se.number, se.modality, s.instance_number, "
                            "s.stack_index, s.slice_index, s.level, s.row_spacing, s.column_spacing "
                            "FROM item i JOIN slice s ON s.id = i.slice_id JOIN series se ON se.id = s.series_id "
                            "WHERE i.id IN (SELECT item_id FROM worklist_entry WHERE analyzer_id = ?1 "
                            "UNION SELECT item_id FROM reread_entry WHERE analyzer_id = ?1) ORDER BY i.id");
            Statement studyOut =
                kit.prepare("INSERT OR IGNORE INTO study(id, study_uid) VALUES(?, ?)"); // the rest stays ''
            Statement seriesOut = kit.prepare(
                "INSERT OR IGNORE INTO series(id, study_id, series_uid, number, modality) VALUES(?, ?, ?, ?, ?)");
            Statement sliceOut = kit.prepare(
                "INSERT INTO slice(id, series_id, root_id, rel_path, sop_uid, instance_number, stack_index, "
                "slice_index, level, row_spacing, column_spacing) VALUES(?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?)");
            Statement itemOut = kit.prepare("INSERT INTO item(id, slice_id) VALUES(?, ?)");
            std::vector<std::int64_t> itemIds;
            slices.bind(1, who.id);
            while (slices.step()) {
                const std::int64_t itemId = slices.integer(0);
                const std::string key = keys.key(itemId);
                const std::string studyKey = keys.studyKey(itemId);
                studyOut.reset();
                studyOut.bind(1, slices.integer(3)).bind(2, studyKey).run();
                seriesOut.reset();
                seriesOut.bind(1, slices.integer(2)).bind(2, slices.integer(3));
                seriesOut.bind(3, studyKey + " series " + std::to_string(slices.integer(2)));
                seriesOut.bind(4, slices.integer(4)).bind(5, slices.text(5)).run();
                sliceOut.reset();
                sliceOut.bind(1, slices.integer(1)).bind(2, slices.integer(2)).bind(3, key).bind(4, key);
                sliceOut.bind(5, slices.integer(6)).bind(6, slices.integer(7)).bind(7, slices.integer(8));
                sliceOut.bind(8, slices.optText(9)).bind(9, slices.optReal(10)).bind(10, slices.optReal(11));
                sliceOut.run();
                itemOut.reset();
                itemOut.bind(1, itemId).bind(2, slices.integer(1)).run();
                itemIds.push_back(itemId);
            }
            summary.items = static_cast<int>(itemIds.size());

            const auto copyAnalyzerRows = [&](const std::string& table, const std::string& columns, int count) {
                std::string marks;
                for (int c = 0; c < count; ++c)
                    marks += c ? ", ?" : "?";
                Statement in =
                    src.prepare("SELECT " + columns + " FROM " + table + " WHERE analyzer_id = ? ORDER BY rowid");
                in.bind(1, who.id);
                Statement out = kit.prepare("INSERT INTO " + table + "(" + columns + ") VALUES(" + marks + ")");
                return copyRows(in, out, count);
            };
            summary.entries = copyAnalyzerRows("worklist_entry", "analyzer_id, item_id, position", 3);
            summary.entries += copyAnalyzerRows("reread_entry", "analyzer_id, item_id, position", 3);
            const std::string labelColumns = "item_id, analyzer_id, patch_x, patch_y, patch_w, patch_h, canal, grade, "
                                             "subgrade, comment, seconds, updated_at";
            summary.labels = copyAnalyzerRows("label", labelColumns, 12);
            summary.labels += copyAnalyzerRows("reread_label", labelColumns, 12);
            copyAnalyzerRows("label_history",
                "id, item_id, analyzer_id, changed_by, changed_at, action, target, old_value, new_value, reread, "
                "imported_by",
                11);
            info.baseHistoryId = kit.queryInt("SELECT COALESCE(MAX(id), 0) FROM label_history");

            // The CNN: its proposals in an assisted project; in a blind one only its patch.
            Statement predictionsIn =
                src.prepare("SELECT id, item_id, model_name, model_version, patch_x, patch_y, patch_w, patch_h, " +
                    std::string(info.assisted ? "canal_probs, grade_probs" : "'', ''") +
                    ", created_at FROM prediction WHERE item_id IN (SELECT item_id FROM worklist_entry WHERE "
                    "analyzer_id = ?1 UNION SELECT item_id FROM reread_entry WHERE analyzer_id = ?1) ORDER BY id");
            predictionsIn.bind(1, who.id);
            Statement predictionsOut = kit.prepare(
                "INSERT INTO prediction(id, item_id, model_name, model_version, patch_x, patch_y, patch_w, patch_h, "
                "canal_probs, grade_probs, created_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            summary.predictions = copyRows(predictionsIn, predictionsOut, 11);

            // The pixels, read from the project's DICOM files by the isolated readers, a batch at
            // a time so every reader process has work while this thread compresses and writes.
            Progress images = progress.step("images");
            const auto total = static_cast<std::int64_t>(itemIds.size());
            constexpr size_t kBatch = 16;
            for (size_t first = 0; first < itemIds.size(); first += kBatch) {
                if (progress.cancelled())
                    return Status::failure("cancelled; no reader kit was written");
                images.report(static_cast<std::int64_t>(first), total);
                const size_t count = std::min(kBatch, itemIds.size() - first);
                std::vector<std::string> files;
                for (size_t i = 0; i < count; ++i)
                    files.push_back(fileOf[itemIds[first + i]]);
                auto batch = readKitSlices(files);
                for (size_t i = 0; i < count; ++i) {
                    const std::int64_t itemId = itemIds[first + i];
                    if (!batch[i])
                        return Status::failure("cannot read the slice of item " + keys.key(itemId) + " (" + files[i] +
                            "): " + batch[i].error() +
                            "; if the studies moved, name the folder they were imported from as it is on this "
                            "machine (--root DIR, or File > Locate studies…)");
                    if (Status written = store::writeKitImage(kit, itemId, *batch[i]); !written)
                        return Status::failure(written.error());
                }
            }
            images.report(total, total);

            tx.commit();
            // The description goes in last, in a commit that syncs the whole file to disk.
            kit.exec("PRAGMA synchronous = FULL");
            kit.prepare("INSERT INTO kit_info(kit_id, project_id, analyzer_id, analyzer_name, assisted, created_at, "
                        "base_history_id) VALUES(?, ?, ?, ?, ?, ?, ?)")
                .bind(1, info.kitId)
                .bind(2, info.projectId)
                .bind(3, info.analyzerId)
                .bind(4, info.analyzerName)
                .bind(5, info.assisted ? 1 : 0)
                .bind(6, info.createdAt)
                .bind(7, info.baseHistoryId)
                .run();
            // One self-contained file to send, with no free pages left over: only rows chosen for
            // the kit were ever written to it, so VACUUM has work only if something freed pages.
            if (kit.queryInt("PRAGMA freelist_count") > 0)
                kit.exec("VACUUM");
            return Status::success();
        });
    }();
    if (!result) {
        removeKitFiles(temporary);
        return Error {result.error()};
    }
    fs::rename(temporary, kitPath, ec);
    if (ec) {
        removeKitFiles(temporary);
        return Error {"cannot write the reader kit " + kitPath + ": " + ec.message()};
    }
    summary.bytes = fs::file_size(kitPath, ec);
    return summary;
}

Result<std::optional<KitInfo>> readKitInfo(ProjectStore& store)
{
    return guarded([&]() -> Result<std::optional<KitInfo>> {
        SqliteConnection& db = store.connection();
        if (db.queryInt("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'kit_info'") == 0)
            return std::optional<KitInfo>();
        Statement st = db.prepare("SELECT kit_id, project_id, analyzer_id, analyzer_name, assisted, created_at, "
                                  "base_history_id FROM kit_info");
        if (!st.step())
            return std::optional<KitInfo>();
        KitInfo info {st.text(0), st.text(1), st.integer(2), st.text(3), st.integer(4) != 0, st.text(5), st.integer(6)};
        if (st.step())
            return Error {store.path() + " is damaged: it describes more than one reader kit"};
        return std::optional<KitInfo>(info);
    });
}

Result<SliceImage> readKitImage(const std::string& kitPath, std::int64_t itemId)
{
    auto db = SqliteConnection::open(kitPath, OpenMode::ReadOnly);
    if (!db)
        return Error {db.error()};
    return guarded([&]() -> Result<SliceImage> { return store::readKitImageRow(**db, itemId); });
}

} // namespace sg::core
