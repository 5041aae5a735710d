#pragma once
// The label CSV shared by `labels import/export` and `stats --csv`:
//   item,rater,task,label
// item = SOP instance UID; task = grade (A,B,C,D) or canal (rootlet,cord); an empty
// label means none. RFC 4180 (core/util/Csv.h): quoted fields may hold commas, quotes and
// line breaks, so any rater name round-trips. Reading is strict: the first bad row rejects
// the whole file, and a file over the size limit is refused before it is parsed.
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

struct LabelRow {
    std::string item;
    std::string rater;
    Task task = Task::Grade;
    std::string label; // empty: no label
    int line = 0; // 1-based line in the file, for messages
};

// Errors name the file and the line: "labels.csv line 7: grade label 'E' is not one of A, B, C, D".
Result<std::vector<LabelRow>> readLabelCsv(const std::string& path, std::uint64_t limitBytes = kDefaultCsvLimitBytes);
Result<std::vector<LabelRow>> parseLabelCsv(const std::string& text, const std::string& sourceName);
Status writeLabelCsv(const std::string& path, const std::vector<LabelRow>& rows);

} // namespace sg::core
