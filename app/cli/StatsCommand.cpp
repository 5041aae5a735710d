// spinegrade-cli stats --csv LABELS.csv [--json]: agreement between every pair of raters.
// The labels come from one source; --csv is the only one for now, and the project database
// (--db) joins it as the alternative in the same option group.
#include "app/cli/CliCommands.h"
#include "core/labels/LabelCsv.h"
#include "core/stats/AgreementJson.h"
#include "core/stats/AgreementText.h"
#include "core/stats/RatingTable.h"

#include <iostream>
#include <memory>

namespace sg::cli {

void addStatsCommand(CLI::App& app, int& exitCode)
{
    struct Options {
        std::string csv;
        bool json = false;
    };
    auto opts = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("stats",
        "Agreement between raters (analyzers, classifiers, consensus) for "
        "each task: kappa, F1, PABAK, AC1, confusion, Fleiss' kappa");
    CLI::Option_group* source = cmd->add_option_group("source", "Where the labels come from");
    source->add_option("--csv", opts->csv, "Label CSV with the columns item,rater,task,label");
    source->require_option(1);
    cmd->add_flag("--json", opts->json, "Print the stable JSON described in the README");
    cmd->callback([opts, &exitCode] {
        core::RatingTable table;
        const auto rows = core::readLabelCsv(opts->csv);
        if (!rows) {
            std::cerr << "spinegrade-cli stats: " << rows.error() << '\n';
            exitCode = 1;
            return;
        }
        core::addLabelRows(table, *rows);
        const core::AgreementReport report = core::computeAgreementReport(table);
        if (opts->json)
            std::cout << core::agreementReportToJson(report) << '\n';
        else
            std::cout << core::agreementReportToText(report);
        exitCode = 0;
    });
}

} // namespace sg::cli
