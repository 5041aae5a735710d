#pragma once
// The consensus CSV of `consensus import/export`: header item,task,label,reason.
//   item   the ItemKey ("S001 L4/L5 #3") or the SOP instance UID
//   task   canal (rootlet, cord) or grade (A-D); an empty label: none
//   reason a code (core/labels/ConsensusReason.h) or "code: free text"
// Reading is strict like the label CSV: the first bad row rejects the whole file, with its line.
#include "core/labels/ConsensusReason.h"
#include "core/labels/LabelCsv.h" // Task, the classes of a task
#include "core/util/Result.h"

#include <string>
#include <vector>

namespace sg::core {

struct ConsensusRow {
    std::string item;
    Task task = Task::Grade;
    std::string label; // empty: none
    ConsensusReason reason = ConsensusReason::Other;
    std::string reasonText;
    int line = 0; // 1-based, for messages
};

Result<std::vector<ConsensusRow>> parseConsensusCsv(const std::string& text, const std::string& sourceName);
Result<std::vector<ConsensusRow>> readConsensusCsv(
    const std::string& path, std::uint64_t limitBytes = kDefaultCsvLimitBytes);
std::string formatConsensusCsv(const std::vector<ConsensusRow>& rows); // text cells neutralised (Csv.h)

} // namespace sg::core
