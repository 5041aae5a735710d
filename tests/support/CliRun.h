#pragma once
// Runs the built spinegrade-cli as a user would and keeps what it said.
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace sg::test {

struct CliRun {
    int exitCode = -1; // -1 also when the program crashed or did not finish
    QString out;
    QString err;
};

CliRun runCli(const QStringList& args, int timeoutMs = 120000);
// With this environment (e.g. SPINEGRADE_PASSPHRASE, tests/support/Passphrases.h).
CliRun runCli(const QStringList& args, const QProcessEnvironment& env, int timeoutMs = 120000);
// A lead command: `--as lena` appended and the lead's test passphrase in the environment.
CliRun runCliAsLead(const QStringList& args, int timeoutMs = 120000);

} // namespace sg::test
