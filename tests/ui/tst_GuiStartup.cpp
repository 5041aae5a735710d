// How the desktop program starts (issue 14): libgomp (loaded at start by Qt Core through
// libb2) sees OMP_WAIT_POLICY=PASSIVE from the first process, without the program
// re-executing itself; a user's own policy is kept; --version says the same as the CLI's.
#include "tests/support/CliRun.h"
#include "tests/support/TestData.h"

#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTest>

namespace {

struct Run {
    int exitCode = -1;
    QString out, err;
};

Run runGui(const QStringList& args, const QProcessEnvironment& env)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(sg::test::binaryDir() + "/app/spinegrade", args);
    const bool finished = p.waitForFinished(120000);
    return {finished && p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
        QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

QProcessEnvironment guiEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("QT_QPA_PLATFORM", "offscreen");
    env.insert("OMP_DISPLAY_ENV", "TRUE"); // libgomp prints its settings as it initialises
    env.remove("OMP_WAIT_POLICY");
    return env;
}

} // namespace

class TestGuiStartup : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY2(QFileInfo(sg::test::binaryDir() + "/app/spinegrade").isExecutable(), "build app/spinegrade");
    }

    // One libgomp initialisation (one process: no re-exec), and it saw PASSIVE.
    void openMpThreadsArePassiveInTheFirstProcess()
    {
        const Run r = runGui({"--version"}, guiEnvironment());
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.err.count("OPENMP DISPLAY ENVIRONMENT BEGIN"), 1);
        QVERIFY2(r.err.contains("OMP_WAIT_POLICY = 'PASSIVE'"), qPrintable(r.err));
    }

    void aUsersOwnPolicyIsKept()
    {
        QProcessEnvironment env = guiEnvironment();
        env.insert("OMP_WAIT_POLICY", "ACTIVE");
        const Run r = runGui({"--version"}, env);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.err.count("OPENMP DISPLAY ENVIRONMENT BEGIN"), 1);
        QVERIFY2(r.err.contains("OMP_WAIT_POLICY = 'ACTIVE'"), qPrintable(r.err));
    }

    // Both programs print the version from cmake/SgVersion.cmake: project version, and the
    // git description when built from a checkout.
    void versionIsTheCliVersion()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("QT_QPA_PLATFORM", "offscreen");
        const Run gui = runGui({"--version"}, env);
        const auto cli = sg::test::runCli({"--version"});
        QCOMPARE(gui.exitCode, 0);
        QCOMPARE(cli.exitCode, 0);
        QVERIFY2(cli.out.startsWith("spinegrade-cli 0."), qPrintable(cli.out));
        const QString version = cli.out.trimmed().mid(QStringLiteral("spinegrade-cli ").size());
        QVERIFY2(gui.out.trimmed().endsWith(version), qPrintable(gui.out + " / " + version));
    }
};

QTEST_GUILESS_MAIN(TestGuiStartup)
#include "tst_GuiStartup.moc"
