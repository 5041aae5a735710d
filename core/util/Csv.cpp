#include "core/util/Csv.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace sg::core {
namespace {

bool isFormulaStart(char c)
{
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

// A cell that gets the apostrophe: one a spreadsheet would run, and one that already starts
// with an apostrophe before such a character (or another apostrophe), so that reading can
// always tell a neutralising apostrophe from one that belongs to the value.
bool needsNeutralising(std::string_view s)
{
    if (s.empty())
        return false;
    if (isFormulaStart(s[0]))
        return true;
    return s[0] == '\'' && s.size() > 1 && (isFormulaStart(s[1]) || s[1] == '\'');
}

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

std::string megabytes(std::uint64_t bytes)
{
    if (bytes < 100 * 1024)
        return std::to_string(bytes) + " bytes";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    return buf;
}

} // namespace

CsvReader::CsvReader(std::string_view text) : m_text(text)
{
    if (m_text.substr(0, 3) == "\xEF\xBB\xBF")
        m_pos = 3; // UTF-8 byte order mark from spreadsheet exports
}

bool CsvReader::fail(int line, const std::string& what)
{
    m_error = "line " + std::to_string(line) + ": " + what;
    m_pos = m_text.size();
    return false;
}

bool CsvReader::next(CsvRecord& record)
{
    if (!m_error.empty())
        return false;
    const size_t n = m_text.size();
    while (m_pos < n) {
        record.fields.clear();
        record.line = m_line;
        bool endOfRecord = false;
        while (!endOfRecord) {
            size_t p = m_pos;
            while (p < n && isBlank(m_text[p]))
                ++p;
            std::string field;
            if (p < n && m_text[p] == '"') {
                const int startLine = m_line;
                ++p;
                for (;;) {
                    if (p >= n)
                        return fail(startLine, "a quoted field is never closed (unbalanced quotes)");
                    const char c = m_text[p];
                    if (c == '"') {
                        if (p + 1 < n && m_text[p + 1] == '"') {
                            field.push_back('"');
                            p += 2;
                            continue;
                        }
                        ++p;
                        break;
                    }
                    if (c == '\n')
                        ++m_line;
                    field.push_back(c);
                    ++p;
                }
                while (p < n && isBlank(m_text[p]))
                    ++p;
                if (p < n && m_text[p] != ',' && m_text[p] != '\n' && m_text[p] != '\r')
                    return fail(
                        m_line, "text after the closing quote of a field (a quote inside a field is doubled: \"\")");
            } else {
                const size_t start = p;
                while (p < n && m_text[p] != ',' && m_text[p] != '\n' && m_text[p] != '\r') {
                    if (m_text[p] == '"')
                        return fail(m_line,
                            "a quote inside an unquoted field (quote the whole field and double the quote: \"\")");
                    ++p;
                }
                size_t end = p;
                while (end > start && isBlank(m_text[end - 1]))
                    --end;
                field.assign(m_text.substr(start, end - start));
            }
            record.fields.push_back(std::move(field));
            if (p >= n) {
                endOfRecord = true;
            } else if (m_text[p] == ',') {
                ++p;
            } else if (m_text[p] == '\n') {
                ++p;
                ++m_line;
                endOfRecord = true;
            } else { // '\r': only as CRLF, or the last byte of the file
                if (p + 1 < n && m_text[p + 1] != '\n')
                    return fail(m_line, "a carriage return that does not end a line (quote the field that holds it)");
                p += p + 1 < n ? 2 : 1;
                ++m_line;
                endOfRecord = true;
            }
            m_pos = p;
        }
        const bool blank = record.fields.size() == 1 && record.fields[0].empty();
        if (!blank)
            return true;
    }
    return false;
}

Result<std::string> readCsvFile(const std::string& path, std::uint64_t limitBytes)
{
    std::error_code ec;
    const auto tooBig = [&](const std::string& size) {
        return Error {path + " is " + size + ", more than the " + megabytes(limitBytes) +
            " a CSV file may have here; check that it is the right file (the limit can be raised)"};
    };
    if (std::filesystem::is_regular_file(path, ec)) {
        const auto size = std::filesystem::file_size(path, ec);
        if (!ec && size > limitBytes)
            return tooBig(megabytes(size));
    }
    std::ifstream f(path, std::ios::binary);
    if (!f)
        return Error {"cannot open " + path};
    std::string text;
    char buf[1 << 16];
    // Counted while reading too: a pipe or a file growing meanwhile has no size up front.
    while (f.read(buf, sizeof buf) || f.gcount() > 0) {
        text.append(buf, static_cast<size_t>(f.gcount()));
        if (text.size() > limitBytes)
            return tooBig("more than " + megabytes(limitBytes));
    }
    if (f.bad())
        return Error {"cannot read " + path};
    return text;
}

std::string csvField(std::string_view value)
{
    const bool edgeBlank = !value.empty() && (isBlank(value.front()) || isBlank(value.back()));
    // A value that starts with a byte order mark would lose it as the first cell of a file.
    const bool bom = value.substr(0, 3) == "\xEF\xBB\xBF";
    if (!edgeBlank && !bom && value.find_first_of(",\"\r\n") == std::string_view::npos)
        return std::string(value);
    std::string out = "\"";
    for (char c : value) {
        if (c == '"')
            out.push_back('"');
        out.push_back(c);
    }
    return out + "\"";
}

std::string csvTextCell(std::string_view value)
{
    return csvField(needsNeutralising(value) ? "'" + std::string(value) : std::string(value));
}

std::string csvTextValue(std::string_view cell)
{
    if (cell.size() > 1 && cell[0] == '\'' && (isFormulaStart(cell[1]) || cell[1] == '\''))
        return std::string(cell.substr(1));
    return std::string(cell);
}

} // namespace sg::core
