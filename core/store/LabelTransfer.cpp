#include "core/store/LabelTransfer.h"

#include "core/store/StoreInternal.h"

#include <map>

namespace sg::core {
using store::guarded;

namespace {

struct Pending {
    std::optional<Label> before;
    Label after;
    int line = 0; // the last row that touched this label, for messages
    int taskLine[2] = {0, 0}; // first line per task, to report duplicates
};

// The analyzer the file names, created if new; a new name that collides with a rater of the
// project (see core/labels/RaterName.h) is an error value, not a second spelling of one.
Result<std::int64_t> raterId(SqliteConnection& db, const std::string& name, LabelImportSummary& summary)
{
    Statement find = db.prepare("SELECT id FROM analyzer WHERE name = ?");
    if (find.bind(1, name).step())
        return find.integer(0);
    if (Status valid = checkNewRaterName(name, store::raterNameContext(db), "rater name"); !valid)
        return Error {valid.error};
    Statement ins = db.prepare("INSERT INTO analyzer(name, role) VALUES(?, 'analyzer')");
    ins.bind(1, name).run();
    const Analyzer created {db.lastInsertId(), name, Role::Analyzer};
    store::addWorklistEntries(db, created);
    ++summary.newRaters;
    return created.id;
}

void applyRow(Label& label, const LabelRow& row)
{
    if (row.task == Task::Grade) {
        label.grade = row.label.empty() ? std::nullopt : parseGrade(row.label);
        if (label.grade != Grade::A)
            label.subgrade.reset(); // a sub-grade only survives while the grade stays A
    } else {
        label.canal = row.label.empty() ? std::nullopt : parseCanal(row.label);
    }
}

} // namespace

Result<LabelImportSummary> importLabelRows(
    ProjectStore& store, const std::vector<LabelRow>& rows, const std::string& sourceName)
{
    return guarded([&]() -> Result<LabelImportSummary> {
        SqliteConnection& db = store.connection();
        auto lineError = [&](int line, const std::string& what) {
            return Error {sourceName + " line " + std::to_string(line) + ": " + what};
        };
        LabelImportSummary summary;
        summary.rows = static_cast<int>(rows.size());
        Transaction tx(db); // rolled back by its destructor on any early return
        std::map<std::string, std::int64_t> itemBySop;
        Statement items = db.prepare("SELECT s.sop_uid, i.id FROM item i JOIN slice s ON s.id = i.slice_id");
        while (items.step())
            itemBySop[items.text(0)] = items.integer(1);
        std::map<std::string, std::int64_t> raters;
        std::map<std::pair<std::int64_t, std::int64_t>, Pending> pending;
        for (const LabelRow& row : rows) {
            const auto item = itemBySop.find(row.item);
            if (item == itemBySop.end()) {
                Statement slice = db.prepare("SELECT 1 FROM slice WHERE sop_uid = ?");
                const char* why = slice.bind(1, row.item).step()
                    ? " (its slice was imported but the worklist did not choose it)"
                    : " (import its study and build the worklist first)";
                return lineError(
                    row.line, "item '" + row.item + "' is not an item of the project " + store.path() + why);
            }
            auto rater = raters.find(row.rater);
            if (rater == raters.end()) {
                const Result<std::int64_t> id = raterId(db, row.rater, summary);
                if (!id)
                    return lineError(row.line, id.error());
                rater = raters.emplace(row.rater, *id).first;
            }
            const auto key = std::make_pair(item->second, rater->second);
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
            applyRow(p.after, row);
        }
        const std::string now = utcNow();
        for (auto& [key, p] : pending) {
            if (Status valid = validateLabel(p.after); !valid)
                return lineError(p.line, valid.error);
            const bool empty = !p.after.grade && !p.after.canal && !p.after.patch && p.after.comment.empty();
            if ((p.before && p.before->sameValue(p.after)) || (!p.before && empty))
                continue;
            p.after.timestamp = now;
            store::writeLabel(db, key.first, key.second, p.after, key.second, "import");
            ++summary.changedLabels;
        }
        tx.commit();
        return summary;
    });
}

Result<std::vector<LabelRow>> exportLabelRows(ProjectStore& store)
{
    return guarded([&]() -> Result<std::vector<LabelRow>> {
        Statement st = store.connection().prepare(
            "SELECT s.sop_uid, a.name, l.grade, l.canal FROM label l JOIN item i ON i.id = l.item_id "
            "JOIN slice s ON s.id = i.slice_id JOIN analyzer a ON a.id = l.analyzer_id ORDER BY s.sop_uid, a.name");
        std::vector<LabelRow> rows;
        while (st.step()) {
            rows.push_back({st.text(0), st.text(1), Task::Grade, st.text(2), 0});
            rows.push_back({st.text(0), st.text(1), Task::Canal, st.text(3), 0});
        }
        return rows;
    });
}

} // namespace sg::core
