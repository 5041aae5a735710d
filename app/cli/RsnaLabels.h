#pragma once
// `labels import --rsna DIR` and `labels export --rsna DIR`: the RSNA 2024 LSDC files
// (core/labels/Rsna.h) in and out of a project. Each returns the exit status.
#include <optional>
#include <string>

namespace sg::cli {

// A lead's command: `as` signs in with the passphrase (LeadSignIn.h).
// `root`: the import root on this machine (app/cli/RootOption.h; empty: the recorded one).
int importRsnaLabels(const std::string& db, const std::string& dir, double maxCsvMb, const std::string& as,
    const std::string& root = {});
// rater: that rater's labels; nullopt: the consensus; "" (neither given): the project's only
// rater with grades, else an error naming them.
int exportRsnaLabels(const std::string& db, const std::string& dir, const std::optional<std::string>& rater);

} // namespace sg::cli
