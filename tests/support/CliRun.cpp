#include "tests/support/CliRun.h"

#include "tests/support/Passphrases.h"
#include "tests/support/TestData.h"

#include <QProcess>

namespace sg::test {

CliRun runCli(const QStringList& args, int timeoutMs)
{
    return runCli(args, QProcessEnvironment::systemEnvironment(), timeoutMs);
}

CliRun runCliAsLead(const QStringList& args, int timeoutMs)
{
    return runCli(args + asLead(), passphraseEnv(), timeoutMs);
}

CliRun runCli(const QStringList& args, const QProcessEnvironment& env, int timeoutMs)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(cliPath(), args);
    const bool finished = p.waitForFinished(timeoutMs);
    return {finished && p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
        QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

} // namespace sg::test
