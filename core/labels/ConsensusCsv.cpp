#include "core/labels/ConsensusCsv.h"

#include "core/util/Csv.h"
#include "core/util/PrintableText.h"

#include <algorithm>

namespace sg::core {

Result<std::vector<ConsensusRow>> parseConsensusCsv(const std::string& text, const std::string& source)
{
    CsvReader reader(text);
    CsvRecord record;
    const auto fail = [&](const std::string& what) {
        return Error {source + " line " + std::to_string(record.line) + ": " + what};
    };
    static const char* names[] = {"item", "task", "label", "reason"};
    int col[4] = {-1, -1, -1, -1};
    if (!reader.next(record)) {
        if (!reader.error().empty())
            return Error {source + " " + reader.error()};
        return Error {source + ": empty file (the header must be item,task,label,reason)"};
    }
    for (size_t i = 0; i < record.fields.size(); ++i)
        for (int k = 0; k < 4; ++k)
            if (record.fields[i] == names[k]) {
                if (col[k] >= 0)
                    return fail(std::string("column '") + names[k] + "' appears twice in the header");
                col[k] = static_cast<int>(i);
            }
    for (int k = 0; k < 4; ++k)
        if (col[k] < 0)
            return fail(std::string("missing column '") + names[k] + "' (the header must be item,task,label,reason)");
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
    std::string out = "item,task,label,reason\n";
    for (const ConsensusRow& r : rows)
        out += csvTextCell(r.item) + "," + std::string(taskName(r.task)) + "," + csvTextCell(r.label) + "," +
            csvTextCell(formatReasonWithText(r.reason, r.reasonText)) + "\n";
    return out;
}

} // namespace sg::core
