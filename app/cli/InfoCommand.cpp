// spinegrade-cli info PATH [--json] [--max-slice WxH] [--file-timeout S] [--scan-timeout S]:
// what a folder holds, and which files were skipped.
#include "app/cli/CliCommands.h"
#include "app/cli/ReaderOptions.h"
#include "core/dicom/DicomReader.h"
#include "core/dicom/DicomScanner.h"
#include "core/dicom/ScanJson.h"

#include <iostream>
#include <memory>

namespace sg::cli {
namespace {

void printReadable(const core::ScanResult& r)
{
    std::cout << r.studies.size() << " stud" << (r.studies.size() == 1 ? "y" : "ies") << ", " << r.sliceCount()
              << " slices, " << r.skipped.size() << " skipped file(s)\n";
    for (const core::Study& study : r.studies) {
        std::cout << "Study " << study.studyInstanceUid;
        if (!study.description.empty())
            std::cout << "  \"" << study.description << '"';
        std::cout << '\n';
        for (const core::Series& se : study.series) {
            std::cout << "  Series " << se.seriesNumber << " " << se.modality << " \"" << se.description << "\"  "
                      << se.stacks.size() << " stack(s)\n";
            for (const core::Stack& st : se.stacks) {
                const std::string level = core::levelName(st.level);
                std::cout << "    " << (level.empty() ? std::string("(level unassigned)") : level) << ": "
                          << st.slices.size() << " slices " << st.columns << "x" << st.rows << ", pixel "
                          << st.rowSpacing << "x" << st.columnSpacing << " mm, slice spacing " << st.sliceSpacing
                          << " mm\n";
            }
        }
    }
    if (!r.skipped.empty()) {
        std::cout << "Skipped:\n";
        for (const core::SkippedFile& s : r.skipped)
            std::cout << "  " << printablePath(s.file) << ": " << s.reason << '\n';
    }
}

} // namespace

void addInfoCommand(CLI::App& app, int& exitCode)
{
    struct Options {
        std::string path;
        bool json = false;
        bool deidentify = false;
        std::shared_ptr<core::ReaderLimits> limits = std::make_shared<core::ReaderLimits>();
    };
    auto opts = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("info",
        "List the studies, series, stacks and levels under a folder, "
        "and the files skipped with the reason");
    cmd->add_option("PATH", opts->path, "DICOM folder (searched recursively) or file")->required();
    cmd->add_flag("--json", opts->json, "Print the stable JSON described in the README");
    cmd->add_flag("--deidentify", opts->deidentify,
        "With --json: studies as S001.., series by number, no UIDs, descriptions or file names");
    addReaderLimitOptions(cmd, opts->limits, false);
    cmd->callback([opts, &exitCode] {
        if (const auto helper = core::findDicomReader(); !helper) {
            exitCode = reportError(helper.error());
            return;
        }
        const core::ScanResult result = core::scanPath(opts->path, *opts->limits);
        core::stopDicomReaders();
        if (opts->json)
            std::cout << core::scanResultToJson(result, 2, opts->deidentify) << '\n';
        else
            printReadable(result);
        exitCode = 0; // the scan ran, even if files were skipped
    });
}

} // namespace sg::cli
