#pragma once
// Each subcommand of spinegrade-cli registers itself on the CLI11 app; the callback runs
// when the subcommand was given. `exitCode` receives the command's exit status.
#include "core/util/PrintableText.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <string>

namespace sg::cli {

// One error on one line of stderr: `prefix` (the program's own words) then the message,
// escaped and bounded whole. The program's messages are one line each (errors are values that
// name the file and what was wrong), so any line break in a message came from the input it
// quotes: a file named "a\nspinegrade-cli: done" prints as a\nspinegrade-cli: done and cannot
// forge a second line; escape sequences cannot reach the terminal and a 10 MB cell cannot
// bury the message.
inline void printErrorLine(const std::string& prefix, const std::string& message)
{
    std::cerr << prefix << sg::core::printableExcerpt(message, 1000) << '\n';
}

// What went wrong and what to do, on stderr; returns the exit code 1.
inline int reportError(const std::string& message)
{
    printErrorLine("spinegrade-cli: ", message);
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
