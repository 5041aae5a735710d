#pragma once
// The label CSV shared by `labels import/export` and `stats --csv`:
//   item,rater,task,label[,patch_x,patch_y,patch_w,patch_h,subgrade,comment,seconds]
// item = SOP instance UID; task = grade (A,B,C,D) or canal (rootlet,cord); an empty
// label means none. The optional columns carry the rest of a label: the patch (pixels of the
// slice: column, row, width, height) on canal rows, the sub-grade (1-4) on grade rows with
// label A, the comment and the seconds spent on either row of the label. Any subset of them
// may be present; a column that is absent leaves that part of a label as it is. RFC 4180 (core/util/Csv.h): quoted
// fields may hold commas, quotes and line breaks, so any rater name round-trips. Reading is strict: the first bad row
// rejects the whole file, and a file over the size limit is refused before it is parsed.
#include "core/labels/Label.h"
#include "core/util/Csv.h"
#include "core/util/Result.h"
#include "core/util/Status.h"

#include <optional>
#include <string>
#include <vector>

namespace sg::core {

enum class Task { Grade, Canal };

std::string_view taskName(Task task); // "grade", "canal"
std::optional<Task> parseTask(std::string_view);
// The classes of a task's scale, in order: A,B,C,D or rootlet,cord.
const std::vector<std::string>& taskClasses(Task task);
// Index of `label` in taskClasses(task), or nullopt if it is not one of them.
std::optional<int> classIndex(Task task, std::string_view label);

// Which optional columns a file has (all of them for `labels export --full`).
struct LabelColumns {
    bool patch = false; // patch_x, patch_y, patch_w, patch_h (all four or none)
    bool subgrade = false;
    bool comment = false;
    bool seconds = false;
    bool any() const { return patch || subgrade || comment || seconds; }
    static LabelColumns all() { return {true, true, true, true}; }
};

struct LabelRow {
    std::string item;
    std::string rater;
    Task task = Task::Grade;
    std::string label; // empty: no label
    int line = 0; // 1-based line in the file, for messages
    LabelColumns columns; // the optional columns of the file this row came from
    std::optional<Patch> patch; // canal rows; finite, positive size (empty cells: none)
    std::optional<int> subgrade; // grade rows with label A: 1..4
    std::string comment; // empty: none given on this row
    std::optional<double> seconds; // finite, not negative; none given on this row
    // The optional `study` column: the patient an item belongs to, which `stats --csv` clusters
    // its bootstrap on. Read only; the writers leave it out. Empty: none given.
    std::string study;
};

// Errors name the file and the line: "labels.csv line 7: grade label 'E' is not one of A, B, C, D".
Result<std::vector<LabelRow>> readLabelCsv(const std::string& path, std::uint64_t limitBytes = kDefaultCsvLimitBytes);
Result<std::vector<LabelRow>> parseLabelCsv(const std::string& text, const std::string& sourceName);
// The file's text with the four columns, or with `columns` too; text cells neutralised for
// spreadsheets (core/util/Csv.h), numbers written so they read back exactly.
std::string formatLabelCsv(const std::vector<LabelRow>& rows, LabelColumns columns = {});
Status writeLabelCsv(const std::string& path, const std::vector<LabelRow>& rows, LabelColumns columns = {});
// Writes `text` to `path` whole or not at all (a temporary file renamed at the end).
Status writeTextFile(const std::string& path, const std::string& text);
// Shortest decimal text that reads back as the same double ("12.5", "0.1").
std::string exactNumber(double value);

} // namespace sg::core
