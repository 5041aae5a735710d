#include "core/labels/LabelCsv.h"

#include <cstdio>
#include <fstream>

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

    // Header: the four columns in any order; extra columns are ignored.
    int col[4] = {-1, -1, -1, -1};
    const char* names[4] = {"item", "rater", "task", "label"};
    if (!reader.next(record)) {
        if (!reader.error().empty())
            return Error {source + " " + reader.error()};
        return Error {source + ": empty file (the header must be item,rater,task,label)"};
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
            return fail(std::string("missing column '") + names[k] + "' (the header must be item,rater,task,label)");

    std::vector<LabelRow> rows;
    while (reader.next(record)) {
        for (int k = 0; k < 4; ++k)
            if (col[k] >= static_cast<int>(record.fields.size()))
                return fail(std::string("missing column '") + names[k] + "'");
        for (size_t i = 0; i < record.fields.size(); ++i)
            if (!validUtf8(record.fields[i]))
                return fail("field " + std::to_string(i + 1) + " is not UTF-8 text (or holds a NUL byte)");
        const auto field = [&](int k) -> const std::string& { return record.fields[static_cast<size_t>(col[k])]; };
        LabelRow row;
        row.line = record.line;
        row.item = csvTextValue(field(0));
        row.rater = csvTextValue(field(1));
        const std::string& task = field(2);
        row.label = field(3);
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

Status writeLabelCsv(const std::string& path, const std::vector<LabelRow>& rows)
{
    const std::string tmp = path + ".part";
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        if (!f)
            return Status::failure("cannot write " + path);
        f << "item,rater,task,label\n";
        for (const LabelRow& r : rows)
            f << csvTextCell(r.item) << ',' << csvTextCell(r.rater) << ',' << taskName(r.task) << ','
              << csvTextCell(r.label) << '\n';
        if (!f.flush())
            return Status::failure("cannot write " + path + " (disk full?)");
    }
    // Rename last, so a failed export never leaves half a file under the real name.
    if (std::rename(tmp.c_str(), path.c_str()) != 0)
        return Status::failure("cannot write " + path);
    return Status::success();
}

} // namespace sg::core
