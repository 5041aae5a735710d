#pragma once
// The reading limits shared by `info` and `screen` (core/dicom/ReaderLimits.h), and file
// names made printable for the readable (not JSON) output.
#include "core/dicom/ReaderLimits.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>
#include <string>

namespace sg::cli {

inline void addReaderLimitOptions(CLI::App* cmd, const std::shared_ptr<core::ReaderLimits>& limits, bool decodes)
{
    auto* size = cmd->add_option_function<std::string>(
        "--max-slice",
        [limits](const std::string& text) {
            int columns = 0, rows = 0;
            char x = 0;
            const int n = std::sscanf(text.c_str(), "%d%c%d", &columns, &x, &rows);
            if (n == 1)
                rows = columns;
            else if (n != 3 || (x != 'x' && x != 'X'))
                throw CLI::ValidationError("--max-slice", "give COLUMNSxROWS, e.g. 4096x4096, or one number");
            if (columns < 1 || rows < 1 || columns > 65535 || rows > 65535)
                throw CLI::ValidationError("--max-slice", "each dimension must be 1..65535");
            limits->maxColumns = columns;
            limits->maxRows = rows;
        },
        "Largest slice read, COLUMNSxROWS (default 4096x4096); larger slices are skipped from their header");
    size->type_name("WxH");
    cmd->add_option("--file-timeout", limits->fileSeconds, "Seconds one file may take to read (default 30)")
        ->check(CLI::PositiveNumber);
    cmd->add_option("--scan-timeout", limits->scanSeconds, "Seconds the whole folder scan may take (default 600)")
        ->check(CLI::PositiveNumber);
    if (decodes)
        cmd->add_option_function<double>(
               "--max-study-mb",
               [limits](double mb) { limits->maxStudyBytes = static_cast<uint64_t>(mb * 1024 * 1024); },
               "Decoded pixels of the study at most, in MB (default: a quarter of the memory)")
            ->check(CLI::PositiveNumber);
}

// A path as one line of text: control characters and bytes that are not UTF-8 are shown
// as \n, \xNN escapes (a name may hold a newline or bytes from another encoding).
inline std::string printablePath(const std::string& path)
{
    std::string out;
    const auto* s = reinterpret_cast<const unsigned char*>(path.data());
    const size_t n = path.size();
    for (size_t i = 0; i < n;) {
        const unsigned char c = s[i];
        size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        bool valid = len > 0 && i + len <= n && !(c >= 0x80 && c < 0xC2);
        for (size_t k = 1; valid && k < len; ++k)
            valid = (s[i + k] & 0xC0) == 0x80;
        if (valid && len == 1 && (c < 0x20 || c == 0x7f)) {
            char esc[8];
            std::snprintf(esc, sizeof esc, c == '\n' ? "\\n" : c == '\t' ? "\\t" : "\\x%02X", c);
            out += esc;
            ++i;
        } else if (valid) {
            out.append(path, i, len);
            i += len;
        } else {
            char esc[8];
            std::snprintf(esc, sizeof esc, "\\x%02X", c);
            out += esc;
            ++i;
        }
    }
    return out;
}

} // namespace sg::cli
