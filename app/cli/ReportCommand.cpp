// spinegrade-cli report --db PROJECT --out PATH [--format html|pdf|csv|json]: the study
// lead's report of a project (summary, every agreement figure, plots, disagreements), with
// studies under pseudonymous keys. The plots are painted with Qt, so this command alone
// starts a QGuiApplication, on the offscreen platform: it needs no display.
#include "app/cli/CliCommands.h"
#include "app/cli/LeadSignIn.h"
#include "app/cli/OffscreenGui.h"
#include "ui/report/ReportExport.h"

#include <memory>

namespace sg::cli {
namespace {

int runReport(const std::string& db, const std::string& out, const std::string& formatName)
{
    const QString outPath = QString::fromStdString(out);
    const auto format = formatName.empty() ? ui::reportFormatFromPath(outPath)
                                           : ui::reportFormatFromName(QString::fromStdString(formatName));
    if (!format)
        return reportError(formatName.empty()
                ? "cannot tell the report format from '" + out +
                    "': name it .html, .pdf, .csv or .json, or give --format"
                : "unknown report format '" + formatName + "': use html, pdf, csv or json");

    const OffscreenGui gui;
    const auto report = ui::readProjectReport(QString::fromStdString(db));
    if (!report)
        return reportError(report.error());
    if (const core::Status written = ui::writeReport(*report, outPath, *format); !written)
        return reportError(written.error());
    std::cout << "report written to " << out << ": " << report->items << " item(s), " << report->studyKeys.size()
              << " stud" << (report->studyKeys.size() == 1 ? "y" : "ies") << ", " << report->raters.size()
              << " rater(s), " << report->disagreements.size() << " disagreement(s)\n";
    return 0;
}

} // namespace

void addReportCommand(CLI::App& app, int& exitCode)
{
    struct Options {
        std::string db;
        std::string out;
        std::string format;
        std::string as;
    };
    auto opts = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("report",
        "The study lead's report of a project: HTML (self-contained, with plots), PDF, or every figure "
        "as CSV or JSON; studies appear under pseudonymous keys");
    cmd->add_option("--db", opts->db, "Project file (.sgdb)")->required();
    cmd->add_option("--out", opts->out, "The report file to write (replaced whole when it exists)")->required();
    cmd->add_option("--format", opts->format, "html, pdf, csv or json (default: from the --out extension)");
    addAsOption(cmd, opts->as);
    cmd->callback([opts, &exitCode] {
        const int refused = signInLead(opts->db, opts->as, "report");
        exitCode = refused ? refused : runReport(opts->db, opts->out, opts->format);
    });
}

} // namespace sg::cli
