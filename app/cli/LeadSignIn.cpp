#include "app/cli/LeadSignIn.h"

#include "app/cli/CliCommands.h"
#include "core/store/Identity.h"
#include "core/store/ProjectStore.h"

#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

namespace sg::cli {
namespace {

// One line from the terminal with echo off (restored whatever happens).
std::optional<std::string> promptNoEcho(const std::string& prompt)
{
    termios old {};
    if (tcgetattr(STDIN_FILENO, &old) != 0)
        return std::nullopt;
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    quiet.c_lflag |= ECHONL;
    std::cerr << prompt << std::flush;
    if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) != 0)
        return std::nullopt;
    std::string line;
    const bool read = static_cast<bool>(std::getline(std::cin, line));
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
    if (!read)
        return std::nullopt;
    return line;
}

int refuse(const std::string& command, const std::string& why)
{
    printErrorLine("spinegrade-cli " + command + ": refused: ", why);
    return kRefusedExit;
}

} // namespace

std::optional<std::string> readPassphrase(const std::string& prompt, bool twice)
{
    if (const char* env = std::getenv("SPINEGRADE_PASSPHRASE"); env && *env)
        return std::string(env);
    if (!isatty(STDIN_FILENO))
        return std::nullopt;
    auto first = promptNoEcho(prompt);
    if (!first || !twice)
        return first;
    auto again = promptNoEcho("Type it again: ");
    if (!again || *again != *first) {
        std::cerr << "the two passphrases differ\n";
        return std::nullopt;
    }
    return first;
}

CLI::Option* addAsOption(CLI::App* cmd, std::string& as)
{
    return cmd->add_option("--as", as,
        "A lead of the project (this command shows more than one rater's labels); the passphrase comes from "
        "SPINEGRADE_PASSPHRASE or a no-echo prompt");
}

int signInLead(const std::string& db, const std::string& as, const std::string& command, core::Analyzer* who)
{
    core::OpenOptions readOnly;
    readOnly.readOnly = true; // signing in only reads
    auto store = core::ProjectStore::open(db, readOnly);
    if (!store) { // a missing or foreign file is said first, as without a sign-in
        printErrorLine("spinegrade-cli " + command + ": ", store.error());
        return 1;
    }
    const std::string needed = command +
        " shows more than one rater's labels, so it needs a lead of the project: give --as LEAD and the lead's "
        "passphrase in SPINEGRADE_PASSPHRASE (or type it at the prompt)";
    if (as.empty())
        return refuse(command, "no --as; " + needed);
    const auto passphrase = readPassphrase("Passphrase of " + as + ": ");
    if (!passphrase)
        return refuse(command, "no passphrase for " + as + "; " + needed);
    auto lead = core::requireLead(**store, as, *passphrase);
    if (!lead)
        return refuse(command, lead.error());
    if (who)
        *who = *lead;
    return 0;
}

} // namespace sg::cli
