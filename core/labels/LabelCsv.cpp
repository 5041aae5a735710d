#include "core/labels/LabelCsv.h"

#include "core/labels/CsvPatch.h"

#include "core/util/PrintableText.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>

namespace sg::core {
namespace {

// Where a text value leaves the tool (JSON, the database, a terminal) it must be UTF-8.
bool validUtf8(std::string_view s)
{
    size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        int more = 0;
        char32_t cp = 0;
        if (c < 0x80) {
            if (c == 0)
                return false; // a NUL ends the string in C APIs: refused, not silently cut
            ++i;
            continue;
        }
        if ((c & 0xE0) == 0xC0) {
            more = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            more = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            more = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + static_cast<size_t>(more) >= s.size())
            return false; // cut short
        for (int k = 1; k <= more; ++k) {
            const auto d = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
            if ((d & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (d & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
        static constexpr char32_t kMin[4] = {0, 0x80, 0x800, 0x10000};
        if (cp < kMin[more] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
            return false;
        i += static_cast<size_t>(more) + 1;
    }
    return true;
}

// A number cell: the whole cell, finite. nullopt and `why` set when it is not.
std::optional<double> parseNumber(const std::string& cell, const char* column, std::string& why)
{
    double value = 0;
    const char* end = cell.data() + cell.size();
    const auto [ptr, ec] = std::from_chars(cell.data(), end, value);
    if (ec != std::errc() || ptr != end || !std::isfinite(value)) {
        why = std::string(column) + " '" + cell + "' is not a finite number";
        return std::nullopt;
    }
    return value;
}

std::string joined(const std::vector<std::string>& v)
{
    std::string out;
    for (size_t i = 0; i < v.size(); ++i)
        out += (i ? ", " : "") + v[i];
    return out;
}

} // namespace

std::string_view taskName(Task task)
{
    return task == Task::Grade ? "grade" : "canal";
}

std::optional<Task> parseTask(std::string_view text)
{
    if (text == "grade")
        return Task::Grade;
    if (text == "canal")
        return Task::Canal;
    return std::nullopt;
}

const std::vector<std::string>& taskClasses(Task task)
{
    static const std::vector<std::string> grades {"A", "B", "C", "D"};
    static const std::vector<std::string> canal {"rootlet", "cord"};
    return task == Task::Grade ? grades : canal;
}

std::optional<int> classIndex(Task task, std::string_view label)
{
    const auto& classes = taskClasses(task);
    for (size_t i = 0; i < classes.size(); ++i)
        if (classes[i] == label)
            return static_cast<int>(i);
    return std::nullopt;
}

Result<std::vector<LabelRow>> parseLabelCsv(const std::string& text, const std::string& source)
{
    CsvReader reader(text);
    CsvRecord record;
    auto fail = [&](const std::string& what) {
        return Error {source + " line " + std::to_string(record.line) + ": " + what};
    };

    // Header: the four columns in any order, then the optional ones; other columns are ignored.
    enum Column {
        Item,
        Rater,
        TaskCol,
        LabelCol,
        PatchX,
        PatchY,
        PatchW,
        PatchH,
        Subgrade,
        Comment,
        Seconds,
        StudyCol,
        Count
    };
    static const char* names[Count] = {"item", "rater", "task", "label", "patch_x", "patch_y", "patch_w", "patch_h",
        "subgrade", "comment", "seconds", "study"};
    int col[Count];
    std::fill(std::begin(col), std::end(col), -1);
    if (!reader.next(record)) {
        if (!reader.error().empty())
            return Error {source + " " + reader.error()};
        return Error {source + ": empty file (the header must be item,rater,task,label)"};
    }
    for (size_t i = 0; i < record.fields.size(); ++i)
        for (int k = 0; k < Count; ++k)
            if (record.fields[i] == names[k]) {
                if (col[k] >= 0)
                    return fail(std::string("column '") + names[k] + "' appears twice in the header");
                col[k] = static_cast<int>(i);
            }
    for (int k = 0; k <= LabelCol; ++k)
        if (col[k] < 0)
            return fail(std::string("missing column '") + names[k] + "' (the header must be item,rater,task,label)");
    LabelColumns columns;
    const int patchColumns = (col[PatchX] >= 0) + (col[PatchY] >= 0) + (col[PatchW] >= 0) + (col[PatchH] >= 0);
    if (patchColumns != 0 && patchColumns != 4)
        return fail("the patch needs all four columns patch_x, patch_y, patch_w, patch_h");
    columns.patch = patchColumns == 4;
    columns.subgrade = col[Subgrade] >= 0;
    columns.comment = col[Comment] >= 0;
    columns.seconds = col[Seconds] >= 0;

    std::vector<LabelRow> rows;
    while (reader.next(record)) {
        for (int k = 0; k < Count; ++k)
            if (col[k] >= static_cast<int>(record.fields.size()))
                return fail(std::string("missing column '") + names[k] + "'");
        for (size_t i = 0; i < record.fields.size(); ++i)
            if (!validUtf8(record.fields[i]))
                return fail("field " + std::to_string(i + 1) + " is not UTF-8 text (or holds a NUL byte)");
        const auto field = [&](int k) -> const std::string& {
            static const std::string none;
            return col[k] >= 0 ? record.fields[static_cast<size_t>(col[k])] : none;
        };
        LabelRow row;
        row.line = record.line;
        row.columns = columns;
        row.item = csvTextValue(field(Item));
        row.rater = csvTextValue(field(Rater));
        row.study = csvTextValue(field(StudyCol));
        const std::string& task = field(TaskCol);
        row.label = field(LabelCol);
        if (row.item.empty())
            return fail("empty item");
        if (row.rater.empty())
            return fail("empty rater");
        const auto t = parseTask(task);
        if (!t)
            return fail("task '" + task + "' is not grade or canal");
        row.task = *t;
        if (!row.label.empty() && !classIndex(row.task, row.label))
            return fail(std::string(taskName(row.task)) + " label '" + row.label + "' is not one of " +
                joined(taskClasses(row.task)));

        std::string why;
        if (columns.patch) {
            const std::string patchProblem = parsePatchCells(
                {field(PatchX), field(PatchY), field(PatchW), field(PatchH)}, row.task, "label", row.patch);
            if (!patchProblem.empty())
                return fail(patchProblem);
        }
        if (columns.subgrade && !field(Subgrade).empty()) {
            const std::string& cell = field(Subgrade);
            std::optional<int> sub = parseSubgrade(cell);
            if (!sub && cell.size() == 1 && cell[0] >= '1' && cell[0] <= '4')
                sub = cell[0] - '0';
            if (!sub)
                return fail("subgrade '" + cell + "' is not 1, 2, 3 or 4");
            if (row.task != Task::Grade)
                return fail("the sub-grade goes on the grade row of a label (this is a canal row)");
            if (row.label != "A")
                return fail("a sub-grade needs grade A (this row's grade is " +
                    (row.label.empty() ? std::string("empty") : row.label) + ")");
            row.subgrade = sub;
        }
        if (columns.comment) {
            row.comment = csvTextValue(field(Comment));
            if (const std::string problem = freeTextProblem(row.comment); !problem.empty())
                return fail("the comment cannot be stored: " + problem);
        }
        if (columns.seconds && !field(Seconds).empty()) {
            row.seconds = parseNumber(field(Seconds), "seconds", why);
            if (!row.seconds)
                return fail(why);
            if (*row.seconds < 0)
                return fail("seconds cannot be negative");
        }
        rows.push_back(std::move(row));
    }
    if (!reader.error().empty())
        return Error {source + " " + reader.error()};
    return rows;
}

Result<std::vector<LabelRow>> readLabelCsv(const std::string& path, std::uint64_t limitBytes)
{
    auto text = readCsvFile(path, limitBytes);
    if (!text)
        return Error {text.error()};
    return parseLabelCsv(*text, path);
}

std::string exactNumber(double value)
{
    char buf[64];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    return ec == std::errc() ? std::string(buf, end) : std::string();
}

std::string formatLabelCsv(const std::vector<LabelRow>& rows, LabelColumns columns)
{
    std::string out = "item,rater,task,label";
    if (columns.patch)
        out += ",patch_x,patch_y,patch_w,patch_h";
    if (columns.subgrade)
        out += ",subgrade";
    if (columns.comment)
        out += ",comment";
    if (columns.seconds)
        out += ",seconds";
    out += '\n';
    for (const LabelRow& r : rows) {
        out += csvTextCell(r.item) + ',' + csvTextCell(r.rater) + ',' + std::string(taskName(r.task)) + ',' +
            csvTextCell(r.label);
        if (columns.patch) {
            if (r.patch)
                out += ',' + exactNumber(r.patch->x) + ',' + exactNumber(r.patch->y) + ',' + exactNumber(r.patch->w) +
                    ',' + exactNumber(r.patch->h);
            else
                out += ",,,,";
        }
        if (columns.subgrade)
            out += ',' + (r.subgrade ? std::to_string(*r.subgrade) : std::string());
        if (columns.comment)
            out += ',' + csvTextCell(r.comment);
        if (columns.seconds)
            out += ',' + (r.seconds ? exactNumber(*r.seconds) : std::string());
        out += '\n';
    }
    return out;
}

Status writeTextFile(const std::string& path, const std::string& text)
{
    const std::string tmp = path + ".part";
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        if (!f)
            return Status::failure("cannot write " + path);
        f << text;
        if (!f.flush())
            return Status::failure("cannot write " + path + " (disk full?)");
    }
    // Rename last, so a failed export never leaves half a file under the real name.
    if (std::rename(tmp.c_str(), path.c_str()) != 0)
        return Status::failure("cannot write " + path);
    return Status::success();
}

Status writeLabelCsv(const std::string& path, const std::vector<LabelRow>& rows, LabelColumns columns)
{
    return writeTextFile(path, formatLabelCsv(rows, columns));
}

} // namespace sg::core
