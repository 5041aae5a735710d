#pragma once
// Each subcommand of spinegrade-cli registers itself on the CLI11 app; the callback runs
// when the subcommand was given. `exitCode` receives the command's exit status.
#include "core/util/PrintableText.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <sstream>
#include <string>

namespace sg::cli {

// What went wrong and what to do, on stderr; returns the exit code 1. Messages quote input
// (a file's cells, a file name), so each line is escaped and bounded: a crafted file cannot
// write escape sequences to the terminal or bury the message under megabytes.
inline int reportError(const std::string& message)
{
    std::istringstream lines(message);
    std::string line;
    while (std::getline(lines, line))
        std::cerr << "spinegrade-cli: " << sg::core::printableExcerpt(line, 1000) << '\n';
    return 1;
}

void addInfoCommand(CLI::App& app, int& exitCode);
void addProjectCommand(CLI::App& app, int& exitCode); // project create | import | invite | passphrase | lead
void addWorklistCommand(CLI::App& app, int& exitCode);
void addLabelsCommand(CLI::App& app, int& exitCode); // labels import | export
void addStatsCommand(CLI::App& app, int& exitCode);
void addPhantomCommand(CLI::App& app, int& exitCode);
void addReportCommand(CLI::App& app, int& exitCode); // needs sg_ui's painters
void addTrainCommand(CLI::App& app, int& exitCode); // CNN proposals: generated studies or one analyzer
void addScreenCommand(CLI::App& app, int& exitCode); // CNN proposals for one study
void addCalibrateCommand(CLI::App& app, int& exitCode); // temperature scaling + ECE table of a model
void addReviewCommand(CLI::App& app, int& exitCode); // the lead's review queue
void addConsensusCommand(CLI::App& app, int& exitCode); // consensus import | export
void addAuditCommand(CLI::App& app, int& exitCode); // audit verify
void addKitCommand(CLI::App& app, int& exitCode); // kit export | import (reader kits)

} // namespace sg::cli
