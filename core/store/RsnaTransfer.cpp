#include "core/store/RsnaTransfer.h"

#include "core/dicom/DicomReader.h"
#include "core/store/SqliteConnection.h"
#include "core/store/StoreInternal.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

namespace sg::core {
using store::guarded;

namespace {

namespace fs = std::filesystem;

// The shipped model's default patch side (core/ml/ModelManifest.h defaultPatchMm).
constexpr double kPatchMm = 44;

// One spelling per file, so a project path and an RSNA path meet whatever "." or symlink
// either went through.
std::string samePath(const std::string& path)
{
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(fs::absolute(path, ec), ec);
    return ec ? fs::path(path).lexically_normal().string() : canonical.string();
}

// A square patch of an even number of pixels around (x, y), inside a columns x rows image.
Patch patchAround(double x, double y, const SliceHeader& header)
{
    const double spacing = header.columnSpacing > 0 && std::isfinite(header.columnSpacing) ? header.columnSpacing : 1.0;
    double side = 2 * std::round(kPatchMm / spacing / 2);
    side = std::clamp(side, 16.0, 2 * std::floor(std::min(header.columns, header.rows) / 2.0));
    const double half = side / 2;
    return Patch {
        std::clamp(x - half, 0.0, header.columns - side), std::clamp(y - half, 0.0, header.rows - side), side, side};
}

// RSNA ids from a path .../{study}/{series}/{instance}.dcm, if it has that shape.
struct RsnaIds {
    std::string study;
    std::string series;
    int instance = 0;
};
std::optional<RsnaIds> rsnaIdsOf(const std::string& file)
{
    const fs::path p(file);
    const std::string stem = p.stem().string();
    const std::string series = p.parent_path().filename().string();
    const std::string study = p.parent_path().parent_path().filename().string();
    if (p.extension() != ".dcm" || !isRsnaId(stem) || stem.size() > 9 || !isRsnaId(series) || !isRsnaId(study))
        return std::nullopt;
    return RsnaIds {study, series, std::stoi(stem)};
}

} // namespace

Result<RsnaImportSummary> importRsnaLabels(
    ProjectStore& store, const Analyzer& importer, const RsnaDataset& data, const std::string& dir)
{
    auto items = store.items();
    if (!items)
        return Error {items.error()};
    std::map<std::string, const Item*> itemByFile;
    for (const Item& item : *items)
        itemByFile.emplace(samePath(item.file), &item);
    auto lineError = [&](const RsnaCanalPoint& p, const std::string& what) {
        return Error {data.coordinatesPath + " line " + std::to_string(p.line) + ": " + what};
    };
    RsnaImportSummary summary;
    summary.points = static_cast<int>(data.points.size());
    summary.otherConditionRows = data.otherConditionRows;
    summary.otherSeriesRows = data.otherSeriesRows;
    std::vector<const Item*> pointItems;
    std::vector<std::string> files;
    for (const RsnaCanalPoint& p : data.points) {
        const std::string image = rsnaImagePath(dir, p.studyId, p.seriesId, p.instanceNumber);
        const auto it = itemByFile.find(samePath(image));
        if (it == itemByFile.end())
            return lineError(p,
                "the image " + image + " is not an item of the project " + store.path() +
                    " (import the images first: spinegrade-cli project import --db " + store.path() + " " +
                    (fs::path(dir) / "train_images").string() + ", then spinegrade-cli worklist)");
        pointItems.push_back(it->second);
        files.push_back(it->second->file);
    }
    // The images' sizes and spacing, read by the isolated DICOM reader in one batch.
    const std::vector<Result<SliceHeader>> headers = readHeaders(files, ReaderLimits {});
    std::vector<LabelRow> rows;
    LabelColumns columns;
    columns.patch = true; // canal rows carry the patch
    for (size_t k = 0; k < data.points.size(); ++k) {
        const RsnaCanalPoint& p = data.points[k];
        const Item& item = *pointItems[k];
        if (!headers[k])
            return lineError(p, "cannot read the image " + item.file + ": " + headers[k].error());
        const SliceHeader& h = *headers[k];
        if (!(p.x < h.columns && p.y < h.rows))
            return lineError(p,
                "the point (" + exactNumber(p.x) + ", " + exactNumber(p.y) + ") lies outside the " +
                    std::to_string(h.columns) + " x " + std::to_string(h.rows) + " image " + item.file);
        if (item.level && *item.level != p.level)
            summary.levelWarnings.push_back(data.coordinatesPath + " line " + std::to_string(p.line) + ": RSNA says " +
                std::string(levelName(p.level)) + ", the project puts the slice at " +
                std::string(levelName(*item.level)) + " (the project's level is kept)");
        LabelRow grade;
        grade.item = h.sopInstanceUid; // the project finds the item by its keyed hash
        grade.rater = kRsnaRater;
        grade.task = Task::Grade;
        grade.label = std::string(gradeName(p.grade));
        grade.line = p.line;
        grade.columns = columns;
        LabelRow canal = grade;
        canal.task = Task::Canal;
        canal.label = std::string(canalName(Canal::Rootlet)); // Schizas grades describe rootlet slices
        canal.patch = patchAround(p.x, p.y, h);
        rows.push_back(std::move(grade));
        rows.push_back(std::move(canal));
    }
    auto imported = importLabelRows(store, importer, rows, data.coordinatesPath);
    if (!imported)
        return Error {imported.error()};
    summary.labels = *imported;
    return summary;
}

Result<RsnaExportSummary> exportRsnaLabels(
    ProjectStore& store, const std::string& dir, const std::optional<std::string>& rater)
{
    auto items = store.items();
    if (!items)
        return Error {items.error()};
    struct Graded {
        std::int64_t itemId;
        Grade grade;
        std::optional<Patch> patch;
    };
    auto graded = guarded([&]() -> Result<std::vector<Graded>> {
        SqliteConnection& db = store.connection();
        if (rater) {
            Statement who = db.prepare("SELECT 1 FROM analyzer WHERE name = ?");
            if (!who.bind(1, *rater).step())
                return Error {"the project " + store.path() + " has no rater named '" + *rater + "'"};
        }
        Statement st = rater
            ? db.prepare("SELECT l.item_id, l.grade, l.patch_x, l.patch_y, l.patch_w, l.patch_h FROM label l "
                         "JOIN analyzer a ON a.id = l.analyzer_id WHERE a.name = ? AND l.grade IS NOT NULL")
            : db.prepare("SELECT item_id, grade, patch_x, patch_y, patch_w, patch_h FROM consensus "
                         "WHERE grade IS NOT NULL");
        if (rater)
            st.bind(1, *rater);
        std::vector<Graded> out;
        while (st.step()) {
            Graded g {st.integer(0), *parseGrade(st.text(1)), std::nullopt};
            if (!st.isNull(2) && !st.isNull(3) && !st.isNull(4) && !st.isNull(5))
                g.patch = Patch {st.real(2), st.real(3), st.real(4), st.real(5)};
            out.push_back(g);
        }
        return out;
    });
    if (!graded)
        return Error {graded.error()};
    // Fallback ids: the study's pseudonymous ordinal (S001 -> 1), the series' row number.
    std::map<std::int64_t, int> studyOrdinal;
    for (const Item& item : *items)
        studyOrdinal.emplace(item.studyId, 0);
    int ordinal = 0;
    for (auto& [id, n] : studyOrdinal)
        n = ++ordinal;
    std::map<std::string, int> seriesOrdinal;
    for (const Item& item : *items)
        seriesOrdinal.emplace(item.seriesUidHash, 0);
    ordinal = 0;
    for (auto& [uid, n] : seriesOrdinal)
        n = ++ordinal;
    std::map<std::int64_t, const Item*> itemById;
    for (const Item& item : *items)
        itemById[item.id] = &item;

    RsnaExportSummary summary;
    std::map<std::pair<std::string, Level>, RsnaLevelLabel> byLevel;
    for (const Graded& g : *graded) {
        const auto it = itemById.find(g.itemId);
        if (it == itemById.end())
            continue;
        const Item& item = *it->second;
        if (!item.level) {
            ++summary.gradedWithoutLevel;
            continue;
        }
        RsnaLevelLabel l;
        if (const auto ids = rsnaIdsOf(item.file)) {
            l.studyId = ids->study;
            l.seriesId = ids->series;
            l.instanceNumber = ids->instance;
        } else {
            l.studyId = std::to_string(studyOrdinal[item.studyId]);
            l.seriesId = std::to_string(seriesOrdinal[item.seriesUidHash]);
            l.instanceNumber = item.instanceNumber;
        }
        l.level = *item.level;
        l.grade = g.grade;
        if (g.patch)
            l.point = std::make_pair(g.patch->x + g.patch->w / 2, g.patch->y + g.patch->h / 2);
        auto [slot, isNew] = byLevel.try_emplace({l.studyId, l.level}, l);
        // The worst grade stands for the level (C and D are both Severe; D still wins the slot).
        if (!isNew &&
            (l.grade > slot->second.grade ||
                (l.grade == slot->second.grade && l.instanceNumber < slot->second.instanceNumber)))
            slot->second = l;
    }
    std::vector<RsnaLevelLabel> labels;
    std::set<std::string> studies;
    for (auto& [key, l] : byLevel) {
        studies.insert(l.studyId);
        if (!l.point)
            ++summary.withoutPatch;
        labels.push_back(l);
    }
    summary.studies = static_cast<int>(studies.size());
    summary.levels = static_cast<int>(labels.size());
    if (Status written = writeRsnaDataset(dir, labels); !written)
        return Error {written.error()};
    return summary;
}

} // namespace sg::core
