#pragma once
// --root DIR on every command that reads a project's slice files (kit export, labels import,
// train): the folder the studies were imported from, as it is on this machine. A project keeps
// its slices' paths relative to that folder (README "De-identification"); without --root the
// folder recorded at import is used. One definition, so the option means the same everywhere.
#include "core/store/ProjectStore.h"

#include <CLI/CLI.hpp>

#include <string>

namespace sg::cli {

// `when`: a condition the option applies under, said first in the help ("With --db").
inline CLI::Option* addRootOption(CLI::App* cmd, std::string& root, const std::string& when = {})
{
    const std::string what = "the folder the studies were imported from, as it is on this machine (every slice's "
                             "file is DIR/its path in the project); default: the folder recorded at import";
    const std::string help = when.empty() ? "T" + what.substr(1) : when + ": " + what;
    // The validator's own "DIR" would make the help say "DIR:DIR"; its message names --root.
    return cmd->add_option("--root", root, help)
        ->type_name("DIR")
        ->check(CLI::Validator(CLI::ExistingDirectory).description(""));
}

// The options to open the project with: `root` as given (empty: the recorded folder).
inline core::OpenOptions projectOptions(const std::string& root, bool readOnly = false)
{
    core::OpenOptions options;
    options.root = root;
    options.readOnly = readOnly;
    return options;
}

} // namespace sg::cli
