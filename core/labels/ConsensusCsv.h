#pragma once
// The consensus CSV of `consensus import/export`. Header item,task,label,reason, then the
// optional columns of the label CSV and who decided:
//   item     the ItemKey ("S001 L4/L5 #3") or the SOP instance UID
//   task     canal (rootlet, cord) or grade (A-D); an empty label: none
//   reason   a code (core/labels/ConsensusReason.h) or "code: free text"
//   subgrade 1-4 on the grade row of a grade A decision (empty: none)
//   patch_x, patch_y, patch_w, patch_h  the decided canal patch (pixels) on the canal row
//   decided_by, decided_at  the lead and when (UTC); written by export, not read by import
//                           (the importing lead decides, now)
// A file without an optional column leaves that part of a decision as the project has it.
// Reading is strict like the label CSV: the first bad row rejects the whole file, with its line.
#include "core/labels/ConsensusReason.h"
#include "core/labels/LabelCsv.h" // Task, the classes of a task
#include "core/util/Result.h"

#include <optional>
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
    std::optional<int> subgrade; // grade rows with label A: 1..4
    std::optional<Patch> patch; // canal rows
    std::string decidedBy, decidedAt; // written only
    bool hasSubgrade = false, hasPatch = false; // the file has these columns
};

Result<std::vector<ConsensusRow>> parseConsensusCsv(const std::string& text, const std::string& sourceName);
Result<std::vector<ConsensusRow>> readConsensusCsv(
    const std::string& path, std::uint64_t limitBytes = kDefaultCsvLimitBytes);
std::string formatConsensusCsv(const std::vector<ConsensusRow>& rows); // text cells neutralised (Csv.h)

} // namespace sg::core
