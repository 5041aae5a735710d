#include "core/labels/LabelCsv.h"

#include <fstream>
#include <sstream>

namespace sg::core {
namespace {

// RFC 4180 fields: quotes around fields with commas, doubled quotes inside.
bool splitCsvLine(const std::string& line, std::vector<std::string>& fields)
{
    fields.assign(1, {});
    bool quoted = false;
    for (size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                fields.back().push_back('"');
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                fields.back().push_back(c);
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else {
            fields.back().push_back(c);
        }
    }
    return !quoted;
}

std::string trim(const std::string& s)
{
    const auto b = s.find_first_not_of(" \t\r");
    if (b == std::string::npos)
        return {};
    return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

std::string quoteIfNeeded(const std::string& s)
{
    if (s.find_first_of(",\"\n") == std::string::npos)
        return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"')
            out.push_back('"');
        out.push_back(c);
    }
    return out + "\"";
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
    std::istringstream in(text);
    std::string line;
    std::vector<std::string> fields;
    int lineNo = 0;
    auto fail = [&](const std::string& what) {
        return Error {source + " line " + std::to_string(lineNo) + ": " + what};
    };

    // Header: the four columns in any order; extra columns are ignored.
    int col[4] = {-1, -1, -1, -1};
    const char* names[4] = {"item", "rater", "task", "label"};
    while (std::getline(in, line)) {
        ++lineNo;
        if (lineNo == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0)
            line.erase(0, 3); // UTF-8 byte order mark from spreadsheet exports
        if (!trim(line).empty())
            break;
    }
    if (!splitCsvLine(line, fields))
        return fail("unbalanced quotes in the header");
    for (size_t i = 0; i < fields.size(); ++i)
        for (int k = 0; k < 4; ++k)
            if (trim(fields[i]) == names[k])
                col[k] = static_cast<int>(i);
    for (int k = 0; k < 4; ++k)
        if (col[k] < 0)
            return fail(std::string("missing column '") + names[k] + "' (the header must be item,rater,task,label)");

    std::vector<LabelRow> rows;
    while (std::getline(in, line)) {
        ++lineNo;
        if (trim(line).empty())
            continue;
        if (!splitCsvLine(line, fields))
            return fail("unbalanced quotes");
        for (int k = 0; k < 4; ++k)
            if (col[k] >= static_cast<int>(fields.size()))
                return fail(std::string("missing column '") + names[k] + "'");
        LabelRow row;
        row.line = lineNo;
        row.item = trim(fields[static_cast<size_t>(col[0])]);
        row.rater = trim(fields[static_cast<size_t>(col[1])]);
        const std::string task = trim(fields[static_cast<size_t>(col[2])]);
        row.label = trim(fields[static_cast<size_t>(col[3])]);
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
    return rows;
}

Result<std::vector<LabelRow>> readLabelCsv(const std::string& path)
{
    std::ifstream f(path, std::ios::binary);
    if (!f)
        return Error {"cannot open " + path};
    std::ostringstream text;
    text << f.rdbuf();
    return parseLabelCsv(text.str(), path);
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
            f << quoteIfNeeded(r.item) << ',' << quoteIfNeeded(r.rater) << ',' << taskName(r.task) << ','
              << quoteIfNeeded(r.label) << '\n';
        if (!f.flush())
            return Status::failure("cannot write " + path + " (disk full?)");
    }
    // Rename last, so a failed export never leaves half a file under the real name.
    if (std::rename(tmp.c_str(), path.c_str()) != 0)
        return Status::failure("cannot write " + path);
    return Status::success();
}

} // namespace sg::core
