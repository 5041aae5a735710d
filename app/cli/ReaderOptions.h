#pragma once
// The reading limits shared by `info` and `screen` (core/dicom/ReaderLimits.h), and file
// names made printable for the readable (not JSON) output.
#include "core/dicom/ReaderLimits.h"

#include "core/util/PrintableText.h"

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

// A path as one line of text (core/util/PrintableText.h): a name may hold a newline or bytes
// from another encoding.
inline std::string printablePath(const std::string& path)
{
    return sg::core::printableText(path);
}

} // namespace sg::cli
