// spinegrade-cli: the headless face of the core; everything the GUI computes is scriptable.
#include "app/Version.h"
#include "app/cli/CliCommands.h"

int main(int argc, char** argv)
{
    CLI::App app {"SpineGrade command-line tool: lumbar spinal stenosis grading on axial MRI"};
    app.set_version_flag("--version", std::string("spinegrade-cli ") + SG_VERSION_STRING);
    app.require_subcommand(1);
    int exitCode = 0;
    sg::cli::addInfoCommand(app, exitCode);
    sg::cli::addProjectCommand(app, exitCode);
    sg::cli::addWorklistCommand(app, exitCode);
    sg::cli::addLabelsCommand(app, exitCode);
    sg::cli::addStatsCommand(app, exitCode);
    sg::cli::addPhantomCommand(app, exitCode);
    sg::cli::addReportCommand(app, exitCode);
    sg::cli::addTrainCommand(app, exitCode);
    sg::cli::addScreenCommand(app, exitCode);
    sg::cli::addCalibrateCommand(app, exitCode);
    sg::cli::addReviewCommand(app, exitCode);
    sg::cli::addConsensusCommand(app, exitCode);
    sg::cli::addAuditCommand(app, exitCode);
    sg::cli::addKitCommand(app, exitCode);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    } catch (const std::exception& e) {
        return sg::cli::reportError(e.what());
    }
    return exitCode;
}
