#pragma once
// Each subcommand of spinegrade-cli registers itself on the CLI11 app; the callback runs
// when the subcommand was given. `exitCode` receives the command's exit status.
#include <CLI/CLI.hpp>

namespace sg::cli {

void addInfoCommand(CLI::App& app, int& exitCode);
void addPhantomCommand(CLI::App& app, int& exitCode);

} // namespace sg::cli
