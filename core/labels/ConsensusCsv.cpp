#include "core/labels/ConsensusCsv.h"

#include "core/labels/CsvPatch.h"

#include "core/util/Csv.h"
#include "core/util/PrintableText.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace sg::core {

Result<std::vector<ConsensusRow>> parseConsensusCsv(const std::string& text, const std::string& source)
{
    CsvReader reader(text);
    CsvRecord record;
    const auto fail = [&](const std::string& what) {
        return Error {source + " line " + std::to_string(record.line) + ": " + what};
    };
    enum Column { Item, TaskCol, LabelCol, Reason, Subgrade, PatchX, PatchY, PatchW, PatchH, Count };
    static const char* names[Count] = {
        "item", "task", "label", "reason", "subgrade", "patch_x", "patch_y", "patch_w", "patch_h"};
    int col[Count];
    std::fill(std::begin(col), std::end(col), -1);
    if (!reader.next(record)) {
        if (!reader.error().empty())
            return Error {source + " " + reader.error()};
        return Error {source + ": empty file (the header must be item,task,label,reason)"};
    }
    for (size_t i = 0; i < record.fields.size(); ++i)
        for (int k = 0; k < Count; ++k)
            if (record.fields[i] == names[k]) {
                if (col[k] >= 0)
                    return fail(std::string("column '") + names[k] + "' appears twice in the header");
                col[k] = static_cast<int>(i);
            }
    for (int k = 0; k <= Reason; ++k)
        if (col[k] < 0)
            return fail(std::string("missing column '") + names[k] + "' (the header must be item,task,label,reason)");
    const int patchColumns = (col[PatchX] >= 0) + (col[PatchY] >= 0) + (col[PatchW] >= 0) + (col[PatchH] >= 0);
    if (patchColumns != 0 && patchColumns != 4)
        return fail("the patch needs all four columns patch_x, patch_y, patch_w, patch_h");
    const bool hasPatch = patchColumns == 4, hasSubgrade = col[Subgrade] >= 0;
    const int width = *std::max_element(std::begin(col), std::end(col)) + 1;

    std::vector<ConsensusRow> rows;
    while (reader.next(record)) {
        if (static_cast<int>(record.fields.size()) < width)
            return fail("the row has " + std::to_string(record.fields.size()) + " field(s), the header " +
                std::to_string(width));
        ConsensusRow row;
        row.line = record.line;
        row.item = csvTextValue(record.fields[static_cast<size_t>(col[0])]);
        if (row.item.empty())
            return fail("no item (give its key, e.g. S001 L4/L5 #3, or its SOP instance UID)");
        const std::string task = csvTextValue(record.fields[static_cast<size_t>(col[1])]);
        const auto parsedTask = parseTask(task);
        if (!parsedTask)
            return fail("task '" + task + "' is not canal or grade");
        row.task = *parsedTask;
        row.label = csvTextValue(record.fields[static_cast<size_t>(col[2])]);
        if (!row.label.empty() && !classIndex(row.task, row.label)) {
            std::string classes;
            for (const std::string& c : taskClasses(row.task))
                classes += (classes.empty() ? "" : ", ") + c;
            return fail(std::string(taskName(row.task)) + " label '" + row.label + "' is not one of " + classes);
        }
        const std::string reason = csvTextValue(record.fields[static_cast<size_t>(col[3])]);
        const auto parsedReason = parseReasonWithText(reason);
        if (!parsedReason) {
            std::string codes;
            for (ConsensusReason r : allConsensusReasons())
                codes += (codes.empty() ? "" : ", ") + std::string(consensusReasonName(r));
            return fail("reason '" + printableExcerpt(reason, 80) + "' does not start with a reason code (" + codes +
                "), optionally followed by ': free text'");
        }
        if (const std::string problem = freeTextProblem(parsedReason->text); !problem.empty())
            return fail("the reason's text cannot be stored: " + problem);
        row.reason = parsedReason->reason;
        row.reasonText = parsedReason->text;
        row.hasSubgrade = hasSubgrade;
        row.hasPatch = hasPatch;
        const auto field = [&](int k) -> const std::string& { return record.fields[static_cast<size_t>(col[k])]; };
        if (hasSubgrade && !field(Subgrade).empty()) {
            const std::string& cell = field(Subgrade);
            std::optional<int> sub = parseSubgrade(cell);
            if (!sub && cell.size() == 1 && cell[0] >= '1' && cell[0] <= '4')
                sub = cell[0] - '0';
            if (!sub)
                return fail("subgrade '" + printableExcerpt(cell, 40) + "' is not 1, 2, 3 or 4");
            if (row.task != Task::Grade)
                return fail("the sub-grade goes on the grade row of a decision (this is a canal row)");
            if (row.label != "A")
                return fail("a sub-grade needs grade A (this row's grade is " +
                    (row.label.empty() ? std::string("empty") : row.label) + ")");
            row.subgrade = sub;
        }
        if (hasPatch) {
            const std::string patchProblem = parsePatchCells(
                {field(PatchX), field(PatchY), field(PatchW), field(PatchH)}, row.task, "decision", row.patch);
            if (!patchProblem.empty())
                return fail(patchProblem);
        }
        rows.push_back(std::move(row));
    }
    if (!reader.error().empty())
        return Error {source + " " + reader.error()};
    return rows;
}

Result<std::vector<ConsensusRow>> readConsensusCsv(const std::string& path, std::uint64_t limitBytes)
{
    auto text = readCsvFile(path, limitBytes);
    if (!text)
        return Error {text.error()};
    return parseConsensusCsv(*text, path);
}

std::string formatConsensusCsv(const std::vector<ConsensusRow>& rows)
{
    std::string out = "item,task,label,reason,subgrade,patch_x,patch_y,patch_w,patch_h,decided_by,decided_at\n";
    for (const ConsensusRow& r : rows) {
        out += csvTextCell(r.item) + "," + std::string(taskName(r.task)) + "," + csvTextCell(r.label) + "," +
            csvTextCell(formatReasonWithText(r.reason, r.reasonText)) + ",";
        out += r.subgrade ? std::to_string(*r.subgrade) : std::string();
        if (r.patch)
            out += "," + exactNumber(r.patch->x) + "," + exactNumber(r.patch->y) + "," + exactNumber(r.patch->w) + "," +
                exactNumber(r.patch->h);
        else
            out += ",,,,";
        out += "," + csvTextCell(r.decidedBy) + "," + csvTextCell(r.decidedAt) + "\n";
    }
    return out;
}

} // namespace sg::core
