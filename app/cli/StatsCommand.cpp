// spinegrade-cli stats (--db PROJECT | --csv LABELS.csv) [--json]: agreement between every
// pair of raters. From a project the raters are its analyzers, its CNN models (their
// predictions) and the lead's consensus, read in one snapshot while others may write.
#include "app/cli/CliCommands.h"
#include "core/labels/LabelCsv.h"
#include "core/stats/AgreementJson.h"
#include "core/stats/AgreementText.h"
#include "core/stats/RatingTable.h"
#include "core/store/ProjectRatings.h"
#include "core/store/ProjectStore.h"

#include <iostream>
#include <memory>

namespace sg::cli {
namespace {

core::Status loadCsv(const std::string& path, core::RatingTable& table)
{
    const auto rows = core::readLabelCsv(path);
    if (!rows)
        return core::Status::failure(rows.error());
    core::addLabelRows(table, *rows);
    return core::Status::success();
}

core::Status loadProject(const std::string& path, core::RatingTable& table)
{
    core::OpenOptions readOnly;
    readOnly.readOnly = true; // stats only reads: never migrate or touch the file
    auto store = core::ProjectStore::open(path, readOnly);
    if (!store)
        return core::Status::failure(store.error());
    const auto ratings = core::readProjectRatings(**store);
    if (!ratings)
        return core::Status::failure(ratings.error());
    core::fillRatingTable(table, *ratings);
    return core::Status::success();
}

} // namespace

void addStatsCommand(CLI::App& app, int& exitCode)
{
    struct Options {
        std::string csv;
        std::string db;
        bool json = false;
    };
    auto opts = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("stats",
        "Agreement between raters (analyzers, classifiers, consensus) for "
        "each task: kappa, F1, PABAK, AC1, confusion, Fleiss' kappa");
    CLI::Option_group* source = cmd->add_option_group("source", "Where the labels come from");
    source->add_option("--db", opts->db, "Project file (.sgdb)")->check(CLI::ExistingFile);
    source->add_option("--csv", opts->csv, "Label CSV with the columns item,rater,task,label");
    source->require_option(1);
    cmd->add_flag("--json", opts->json, "Print the stable JSON described in the README");
    cmd->callback([opts, &exitCode] {
        core::RatingTable table;
        if (const core::Status loaded = opts->db.empty() ? loadCsv(opts->csv, table) : loadProject(opts->db, table);
            !loaded) {
            std::cerr << "spinegrade-cli stats: " << loaded.error << '\n';
            exitCode = 1;
            return;
        }
        const core::AgreementReport report = core::computeAgreementReport(table);
        if (opts->json)
            std::cout << core::agreementReportToJson(report) << '\n';
        else
            std::cout << core::agreementReportToText(report);
        exitCode = 0;
    });
}

} // namespace sg::cli
