#pragma once
// CSV as the project reads and writes it (RFC 4180): fields separated by commas, records by
// LF or CRLF, a field in double quotes may hold commas, line breaks and doubled quotes. A
// UTF-8 byte order mark (spreadsheet exports) is skipped. Reading is strict: a malformed
// record is an error naming its line, never a guess.
//
// Spreadsheet safety on export: a text cell that starts with = + - @ tab or CR would be run
// as a formula by Excel, LibreOffice or Google Sheets ("CSV injection"). Such a cell is
// written with a leading apostrophe, which spreadsheets show as text. Only text cells are
// neutralised: numbers (a kappa of -0.12, a patch coordinate) are written as numbers. The
// readers here undo the apostrophe, so every text value round-trips exactly.
#include "core/util/Result.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sg::core {

// Largest CSV file read by default (a label row is about 80 bytes: over a million rows).
inline constexpr std::uint64_t kDefaultCsvLimitBytes = 100ull * 1024 * 1024;

struct CsvRecord {
    std::vector<std::string> fields; // unquoted fields have surrounding spaces/tabs removed
    int line = 0; // 1-based line where the record starts
};

class CsvReader {
public:
    explicit CsvReader(std::string_view text); // the text must outlive the reader
    explicit CsvReader(std::string&&) = delete; // ... so a temporary is refused at compile time
    // The next record that is not blank; false at the end or on a malformed record (then
    // error() says which line and what; reading stops there).
    bool next(CsvRecord& record);
    const std::string& error() const { return m_error; }

private:
    bool fail(int line, const std::string& what);
    std::string_view m_text;
    size_t m_pos = 0;
    int m_line = 1;
    std::string m_error;
};

// Reads a whole CSV file of at most `limitBytes`; a bigger one is refused with its size and
// the limit in the message (the limit is there so a wrong file cannot exhaust memory).
Result<std::string> readCsvFile(const std::string& path, std::uint64_t limitBytes);

// One field as written: quoted when it holds a comma, quote, CR or LF.
std::string csvField(std::string_view value);
// A text cell: neutralised for spreadsheets (see above), then quoted as needed.
std::string csvTextCell(std::string_view value);
// The value of a text cell as written by csvTextCell (the neutralising apostrophe removed).
std::string csvTextValue(std::string_view cell);

} // namespace sg::core
