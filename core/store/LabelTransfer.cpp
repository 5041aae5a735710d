#include "core/store/LabelTransfer.h"

#include "core/store/KitImage.h"

#include "core/dicom/DicomReader.h"
#include "core/store/ProjectItemKeys.h"
#include "core/store/ProjectRatings.h"
#include "core/store/StoreInternal.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

namespace sg::core {
using store::guarded;

namespace {

struct Pending {
    std::optional<Label> before;
    Label after;
    int line = 0; // the last row that touched this label, for messages
    int taskLine[2] = {0, 0}; // first line per task, to report duplicates
    int patchLine = 0; // the row that gave a patch, to check it against the image
    std::optional<std::string> comment; // given by a row of this label (either task)
    std::optional<double> seconds;
    int commentLine = 0, secondsLine = 0;
};

// The analyzer the file names, created if new; a new name that collides with a rater of the
// project (see core/labels/RaterName.h) is an error value, not a second spelling of one.
Result<std::int64_t> raterId(SqliteConnection& db, const std::string& name, LabelImportSummary& summary)
{
    Statement find = db.prepare("SELECT id FROM analyzer WHERE name = ?");
    if (find.bind(1, name).step())
        return find.integer(0);
    if (Status valid = checkNewRaterName(name, store::raterNameContext(db), "rater name"); !valid)
        return Error {valid.error()};
    Statement ins = db.prepare("INSERT INTO analyzer(name, role) VALUES(?, 'analyzer')");
    ins.bind(1, name).run();
    const Analyzer created {db.lastInsertId(), name, Role::Analyzer};
    store::addWorklistEntries(db, created);
    ++summary.newRaters;
    return created.id;
}

void applyRow(Pending& p, const LabelRow& row)
{
    Label& label = p.after;
    if (row.task == Task::Grade) {
        label.grade = row.label.empty() ? std::nullopt : parseGrade(row.label);
        if (row.columns.subgrade)
            label.subgrade = row.subgrade; // the parser allowed one only with grade A
        else if (label.grade != Grade::A)
            label.subgrade.reset(); // a sub-grade only survives while the grade stays A
    } else {
        label.canal = row.label.empty() ? std::nullopt : parseCanal(row.label);
        if (row.columns.patch) {
            label.patch = row.patch; // empty cells clear it
            p.patchLine = row.patch ? row.line : 0;
        }
    }
}

// Comment and seconds may come on either row of a label, but not differently on both.
std::string takeLabelWide(Pending& p, const LabelRow& row)
{
    if (!row.comment.empty()) {
        if (p.comment && *p.comment != row.comment)
            return "a different comment for the same label than on line " + std::to_string(p.commentLine);
        p.comment = row.comment;
        p.commentLine = row.line;
    }
    if (row.seconds) {
        if (p.seconds && *p.seconds != *row.seconds)
            return "different seconds for the same label than on line " + std::to_string(p.secondsLine);
        p.seconds = row.seconds;
        p.secondsLine = row.line;
    }
    return {};
}

// The patch must lie on the slice it labels: its size comes from the file's DICOM header.
std::string checkPatchOnImage(ProjectStore& store, std::int64_t itemId, const std::string& named, const Patch& patch)
{
    const auto item = store.item(itemId);
    if (!item)
        return item.error();
    // A reader kit holds its pixels (and no files): the size is its kit image's.
    if (auto kitSize = store::kitImageSize(store.connection(), itemId); !kitSize)
        return kitSize.error();
    else if (*kitSize) {
        const double columns = (*kitSize)->second, rows = (*kitSize)->first;
        if (patch.x < 0 || patch.y < 0 || patch.x + patch.w > columns || patch.y + patch.h > rows)
            return "the patch (" + exactNumber(patch.x) + ", " + exactNumber(patch.y) + ", " + exactNumber(patch.w) +
                " x " + exactNumber(patch.h) + ") lies outside the image of item '" + named + "'";
        return {};
    }
    // Read by the isolated DICOM reader: no DICOM is parsed in this process.
    const auto headers = readHeaders({item->file}, ReaderLimits {});
    const Result<SliceHeader>& header = headers.front();
    if (!header)
        return "cannot check the patch against the image of item '" + named + "' (" + item->file +
            "): " + header.error() +
            " (open the project with its import root on this machine, --root, if its DICOM folder moved)";
    const double columns = header->columns, rows = header->rows;
    if (patch.x < 0 || patch.y < 0 || patch.x + patch.w > columns || patch.y + patch.h > rows)
        return "the patch (" + exactNumber(patch.x) + ", " + exactNumber(patch.y) + ", " + exactNumber(patch.w) +
            " x " + exactNumber(patch.h) + ") lies outside the " + std::to_string(header->columns) + " x " +
            std::to_string(header->rows) + " image of item '" + named + "'";
    return {};
}

} // namespace

Result<LabelImportSummary> importLabelRows(
    ProjectStore& store, const Analyzer& importer, const std::vector<LabelRow>& rows, const std::string& sourceName)
{
    return guarded([&]() -> Result<LabelImportSummary> {
        SqliteConnection& db = store.connection();
        auto lineError = [&](int line, const std::string& what) {
            return Error {sourceName + " line " + std::to_string(line) + ": " + what};
        };
        LabelImportSummary summary;
        summary.rows = static_cast<int>(rows.size());
        // An item is named by its key ("S001 L4/L5 #3") or by its SOP Instance UID, which the
        // project knows only as a keyed hash: the UID in the file is hashed to find it.
        auto keys = readItemKeys(store);
        if (!keys)
            return Error {keys.error()};
        Transaction tx(db); // rolled back by its destructor on any early return
        std::map<std::string, std::int64_t> raters;
        std::map<std::pair<std::int64_t, std::int64_t>, Pending> pending;
        std::map<std::int64_t, std::string> named; // item id -> as the file named it, for messages
        for (const LabelRow& row : rows) {
            const std::optional<std::int64_t> found = keys->find(row.item);
            if (!found) {
                Statement slice = db.prepare("SELECT 1 FROM slice WHERE sop_uid = ?");
                const char* why = slice.bind(1, store.uidHash(row.item)).step()
                    ? " (its slice was imported but the worklist did not choose it)"
                    : " (import its study and build the worklist first)";
                return lineError(
                    row.line, "item '" + row.item + "' is not an item of the project " + store.path() + why);
            }
            if (!importer.isLead() && row.rater != importer.name)
                return lineError(row.line,
                    "'" + importer.name + "' is an analyzer of " + store.path() +
                        " and may import only their own labels; " + "the labels of '" + row.rater +
                        "' need a lead of the project (--as)");
            const auto item = std::make_pair(row.item, *found);
            named.emplace(*found, row.item);
            auto rater = raters.find(row.rater);
            if (rater == raters.end()) {
                const Result<std::int64_t> id = raterId(db, row.rater, summary);
                if (!id)
                    return lineError(row.line, id.error());
                rater = raters.emplace(row.rater, *id).first;
            }
            const auto key = std::make_pair(item.second, rater->second);
            auto [it, isNew] = pending.try_emplace(key);
            Pending& p = it->second;
            if (isNew) {
                p.before = store::readLabel(db, key.first, key.second);
                p.after = p.before.value_or(Label {});
                p.after.itemId = key.first;
                p.after.analyzerId = key.second;
            }
            int& firstLine = p.taskLine[row.task == Task::Grade ? 0 : 1];
            if (firstLine != 0)
                return lineError(row.line,
                    "a second " + std::string(taskName(row.task)) + " label for item '" + row.item + "' by '" +
                        row.rater + "' (the first is on line " + std::to_string(firstLine) + ")");
            firstLine = row.line;
            p.line = row.line;
            applyRow(p, row);
            if (const std::string clash = takeLabelWide(p, row); !clash.empty())
                return lineError(row.line, clash);
        }
        const LabelColumns columns = rows.empty() ? LabelColumns {} : rows.front().columns;
        const std::string now = utcNow();
        for (auto& [key, p] : pending) {
            // A column the file has sets that part of every label it names (empty: none).
            if (columns.comment)
                p.after.comment = p.comment.value_or("");
            if (columns.seconds)
                p.after.secondsSpent = p.seconds.value_or(0);
            if (Status valid = validateLabel(p.after); !valid)
                return lineError(p.line, valid.error());
            try {
                store::checkCommentIdentity(db, key.first, p.after.comment);
            } catch (const std::runtime_error& e) {
                return lineError(p.commentLine != 0 ? p.commentLine : p.line, e.what());
            }
            if (p.patchLine != 0)
                if (const std::string off = checkPatchOnImage(store, key.first, named[key.first], *p.after.patch);
                    !off.empty())
                    return lineError(p.patchLine, off);
            const bool empty = !p.after.grade && !p.after.canal && !p.after.patch && p.after.comment.empty();
            if ((p.before && p.before->sameValue(p.after)) || (!p.before && empty))
                continue;
            p.after.timestamp = now;
            store::writeLabel(
                db, key.first, key.second, p.after, key.second, "import", std::nullopt, ReadKind::First, importer.id);
            ++summary.changedLabels;
        }
        tx.commit();
        return summary;
    });
}

Result<std::vector<LabelRow>> exportLabelRows(ProjectStore& store)
{
    // Items are named by their keys, never by a UID or a path (README "De-identification").
    auto keys = readItemKeys(store);
    if (!keys)
        return Error {keys.error()};
    return guarded([&]() -> Result<std::vector<LabelRow>> {
        Statement st = store.connection().prepare(
            "SELECT i.id, a.name, l.grade, l.canal, l.patch_x, l.patch_y, l.patch_w, l.patch_h, l.subgrade, "
            "l.comment, l.seconds FROM label l JOIN item i ON i.id = l.item_id "
            "JOIN analyzer a ON a.id = l.analyzer_id");
        std::vector<std::pair<std::pair<std::int64_t, std::string>, std::pair<LabelRow, LabelRow>>> labels;
        while (st.step()) {
            LabelRow grade, canal;
            grade.item = canal.item = keys->key(st.integer(0));
            grade.rater = canal.rater = st.text(1);
            grade.task = Task::Grade;
            grade.label = st.text(2);
            canal.task = Task::Canal;
            canal.label = st.text(3);
            if (!st.isNull(4) && !st.isNull(5) && !st.isNull(6) && !st.isNull(7))
                canal.patch = Patch {st.real(4), st.real(5), st.real(6), st.real(7)};
            if (!st.isNull(8) && grade.label == "A")
                grade.subgrade = static_cast<int>(st.integer(8));
            // A label's comment and time go on its grade row (the first of its two rows).
            grade.comment = st.text(9);
            grade.seconds = st.real(10);
            labels.push_back({{keys->rank(st.integer(0)), grade.rater}, {std::move(grade), std::move(canal)}});
        }
        // Key order (S001 L1/L2 #1, ...), then rater.
        std::sort(labels.begin(), labels.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        std::vector<LabelRow> rows;
        rows.reserve(2 * labels.size());
        for (auto& [order, pair] : labels) {
            rows.push_back(std::move(pair.first));
            rows.push_back(std::move(pair.second));
        }
        return rows;
    });
}

Result<std::string> exportLabelsJson(ProjectStore& store)
{
    using nlohmann::json;
    // Study keys and levels exactly as the statistics and the report name them.
    auto ratings = readProjectRatings(store);
    if (!ratings)
        return Error {ratings.error()};
    std::map<std::int64_t, const RatedItem*> itemById;
    for (const RatedItem& item : ratings->items)
        itemById[item.itemId] = &item;
    return guarded([&]() -> Result<std::string> {
        Statement st = store.connection().prepare(
            "SELECT i.id, '', a.name, l.grade, l.canal, l.patch_x, l.patch_y, l.patch_w, l.patch_h, "
            "l.subgrade, l.comment, l.seconds, l.updated_at FROM label l JOIN item i ON i.id = l.item_id "
            "JOIN analyzer a ON a.id = l.analyzer_id");
        std::vector<std::pair<std::pair<std::int64_t, std::string>, json>> labels;
        while (st.step()) {
            const auto item = itemById.find(st.integer(0));
            const json key = item == itemById.end() ? json() : json(item->second->key);
            // `item` is the key too: no UID or path leaves the project (README "De-identification").
            json label {{"item", key}, {"key", key},
                {"study", item == itemById.end() ? json() : json(item->second->studyKey)},
                {"level", item == itemById.end() || item->second->level.empty() ? json() : json(item->second->level)},
                {"rater", st.text(2)}, {"canal", st.isNull(4) ? json() : json(st.text(4))},
                {"grade", st.isNull(3) ? json() : json(st.text(3))},
                {"subgrade", st.isNull(9) ? json() : json(st.integer(9))}, {"patch", json()}, {"comment", st.text(10)},
                {"seconds", st.real(11)}, {"updated_at", st.text(12)}};
            if (!st.isNull(5) && !st.isNull(6) && !st.isNull(7) && !st.isNull(8))
                label["patch"] = {{"x", st.real(5)}, {"y", st.real(6)}, {"w", st.real(7)}, {"h", st.real(8)}};
            labels.push_back({{ratings->keys.rank(st.integer(0)), st.text(2)}, std::move(label)});
        }
        std::sort(labels.begin(), labels.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        json all = json::array();
        for (auto& [order, label] : labels)
            all.push_back(std::move(label));
        // One label per line: diff-friendly, and still one JSON document.
        std::string text = "[\n";
        for (size_t i = 0; i < all.size(); ++i)
            text += all[i].dump(-1, ' ', false, json::error_handler_t::replace) + (i + 1 < all.size() ? ",\n" : "\n");
        return text + "]\n";
    });
}

} // namespace sg::core
