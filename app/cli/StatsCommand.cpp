// spinegrade-cli stats (--db PROJECT | --csv LABELS.csv) [--json] [--bootstrap N] [--seed S]:
// agreement between every pair of raters. From a project the raters are its analyzers, its CNN
// models (their predictions) and the lead's consensus, read in one snapshot while others may
// write. The patient-clustered bootstrap resamples a project's studies, or the CSV's `study`
// column (each item its own cluster without it), over all items and per level. From a project
// the analyzers' Dawid-Skene estimate is the last reference the classifiers are judged against.
#include "app/cli/CliCommands.h"
#include "app/cli/LeadSignIn.h"
#include "core/stats/AgreementJson.h"
#include "core/stats/AgreementText.h"
#include "core/stats/CsvAgreement.h"
#include "core/stats/RatingTable.h"
#include "core/store/ProjectRatings.h"
#include "core/store/ProjectStore.h"
#include "core/store/RereadRatings.h"

#include <iostream>
#include <memory>

namespace sg::cli {
namespace {

core::Result<core::AgreementReport> projectReport(const std::string& path, core::BootstrapOptions bootstrap)
{
    core::OpenOptions readOnly;
    readOnly.readOnly = true; // stats only reads: never migrate or touch the file
    auto store = core::ProjectStore::open(path, readOnly);
    if (!store)
        return core::Error {store.error()};
    const auto ratings = core::readProjectRatings(**store);
    if (!ratings)
        return core::Error {ratings.error()};
    core::RatingTable table;
    core::fillRatingTable(table, *ratings);
    core::AgreementReport report = core::computeAgreementReport(table);
    core::addBootstrap(report, table, bootstrap);
    core::addClassifierFigures(report, table, *ratings);
    if (const core::Status intra = core::addIntraRater(report, **store); !intra)
        return core::Error {intra.error()};
    return report;
}

} // namespace

void addStatsCommand(CLI::App& app, int& exitCode)
{
    struct Options {
        std::string csv;
        std::string db;
        std::string as; // --db: the lead (every rater's labels)
        bool json = false;
        int replicates = core::kDefaultBootstrapReplicates;
        uint64_t seed = core::kDefaultBootstrapSeed;
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
    cmd->add_option("--bootstrap", opts->replicates,
           "Replicates of the patient-clustered bootstrap (0: none; default " +
               std::to_string(core::kDefaultBootstrapReplicates) + ")")
        ->check(CLI::Range(0, 1000000));
    cmd->add_option("--seed", opts->seed,
        "Seed of the bootstrap and of the Dawid-Skene start's tie-break (default " +
            std::to_string(core::kDefaultBootstrapSeed) + "); printed with the figures");
    addAsOption(cmd, opts->as);
    cmd->callback([opts, &exitCode] {
        // A project holds every rater's labels: its lead only. A CSV is the caller's own file.
        if (!opts->db.empty())
            if (const int refused = signInLead(opts->db, opts->as, "stats"); refused) {
                exitCode = refused;
                return;
            }
        // The CSV path is the very function the statistics tests call in-process.
        const core::BootstrapOptions bootstrap {opts->replicates, opts->seed};
        const auto report =
            opts->db.empty() ? core::agreementReportOfCsv(opts->csv, bootstrap) : projectReport(opts->db, bootstrap);
        if (!report) {
            printErrorLine("spinegrade-cli stats: ", report.error());
            exitCode = 1;
            return;
        }
        if (opts->json)
            std::cout << core::agreementReportToJson(*report) << '\n';
        else
            std::cout << core::agreementReportToText(*report);
        exitCode = 0;
    });
}

} // namespace sg::cli
