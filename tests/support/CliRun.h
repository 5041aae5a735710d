#pragma once
// Runs the built spinegrade-cli as a user would and keeps what it said.
#include <QString>
#include <QStringList>

namespace sg::test {

struct CliRun {
    int exitCode = -1; // -1 also when the program crashed or did not finish
    QString out;
    QString err;
};

CliRun runCli(const QStringList& args, int timeoutMs = 120000);

} // namespace sg::test
