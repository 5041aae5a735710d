#pragma once
// Each subcommand of spinegrade-cli registers itself on the CLI11 app; the callback runs
// when the subcommand was given. `exitCode` receives the command's exit status.
#include <CLI/CLI.hpp>

#include <iostream>
#include <string>

namespace sg::cli {

// One line on stderr, what went wrong and what to do; returns the exit code 1.
inline int reportError(const std::string& message)
{
    std::cerr << "spinegrade-cli: " << message << '\n';
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
void addReviewCommand(CLI::App& app, int& exitCode); // the lead's review queue
void addConsensusCommand(CLI::App& app, int& exitCode); // consensus import | export

} // namespace sg::cli
