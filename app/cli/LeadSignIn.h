#pragma once
// Who runs a command of spinegrade-cli (issue 13). Commands that reveal more than one
// rater's labels (labels export, stats --db, report, review, consensus, kit) need a lead of
// the project: `--as NAME` and NAME's passphrase, from SPINEGRADE_PASSPHRASE or typed at a
// no-echo prompt when stdin is a terminal. Without them the command is refused, exit code
// kRefusedExit, with a message naming what is needed.
#include "core/store/ProjectTypes.h"
#include "core/util/Result.h"

#include <CLI/CLI.hpp>

#include <optional>
#include <string>

namespace sg::cli {

// Refused for want of identity (distinct from 1, a failure of the command itself).
inline constexpr int kRefusedExit = 2;

// The passphrase: $SPINEGRADE_PASSPHRASE, else typed at `prompt` without echo (stdin a
// terminal), else nullopt. `twice`: a new passphrase is typed again to confirm it.
std::optional<std::string> readPassphrase(const std::string& prompt, bool twice = false);

// Adds `--as NAME` to a lead command.
CLI::Option* addAsOption(CLI::App* cmd, std::string& as);

// Signs the lead `as` in with their passphrase (the project opened read-only for it):
// 0 when they are a lead of it; 1 when the project cannot be opened; kRefusedExit when
// --as or the passphrase is missing, wrong, or not a lead's. Says why on stderr.
// `command` names what asked ("labels export"); `who` receives the lead.
int signInLead(const std::string& db, const std::string& as, const std::string& command, core::Analyzer* who = nullptr);

} // namespace sg::cli
