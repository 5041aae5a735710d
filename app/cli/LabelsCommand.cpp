// spinegrade-cli labels import --db FILE --csv IN [--max-csv-mb N]
// spinegrade-cli labels export --db FILE --csv OUT
#include "app/cli/CliCommands.h"
#include "core/labels/LabelCsv.h"
#include "core/store/LabelTransfer.h"

#include <iostream>
#include <memory>

namespace sg::cli {
namespace {

struct Options {
    std::string db;
    std::string csv;
    double maxCsvMb = static_cast<double>(core::kDefaultCsvLimitBytes) / (1024.0 * 1024.0);
};

int importLabels(const Options& o)
{
    if (!(o.maxCsvMb > 0))
        return reportError("--max-csv-mb must be a positive number of megabytes");
    // Read and check the whole file before the project is even opened: a bad row changes nothing.
    auto rows = core::readLabelCsv(o.csv, static_cast<std::uint64_t>(o.maxCsvMb * 1024 * 1024));
    if (!rows)
        return reportError(rows.error());
    auto store = core::ProjectStore::open(o.db);
    if (!store)
        return reportError(store.error());
    if (!(*store)->migrationBackup().empty())
        std::cerr << "upgraded " << o.db << " to this version's format; the file as it was is kept as "
                  << (*store)->migrationBackup() << '\n';
    auto summary = core::importLabelRows(**store, *rows, o.csv);
    if (!summary)
        return reportError(summary.error());
    std::cout << summary->rows << " row(s) read, " << summary->changedLabels << " label(s) created or changed, "
              << summary->newRaters << " new rater(s)\n";
    return 0;
}

int exportLabels(const Options& o)
{
    core::OpenOptions readOnly;
    readOnly.readOnly = true; // an export only reads: never migrate or touch the project file
    auto store = core::ProjectStore::open(o.db, readOnly);
    if (!store)
        return reportError(store.error());
    auto rows = core::exportLabelRows(**store);
    if (!rows)
        return reportError(rows.error());
    if (core::Status written = core::writeLabelCsv(o.csv, *rows); !written)
        return reportError(written.error);
    std::cout << rows->size() << " row(s) written to " << o.csv << '\n';
    return 0;
}

} // namespace

void addLabelsCommand(CLI::App& app, int& exitCode)
{
    auto opts = std::make_shared<Options>();
    CLI::App* labels = app.add_subcommand("labels", "Import or export labels as CSV (item,rater,task,label)");
    labels->require_subcommand(1);
    CLI::App* import = labels->add_subcommand("import", "Import labels; a file with any bad row is rejected whole");
    import->add_option("--db", opts->db, "Project file")->required();
    import->add_option("--csv", opts->csv, "CSV file with the header item,rater,task,label")->required();
    import->add_option("--max-csv-mb", opts->maxCsvMb, "Largest CSV file accepted, in MB")->capture_default_str();
    import->callback([opts, &exitCode] { exitCode = importLabels(*opts);
});
CLI::App* exportCmd = labels->add_subcommand("export",
    "Export every label of the project (text cells that a spreadsheet would run as a formula get a leading ')");
exportCmd->add_option("--db", opts->db, "Project file (opened read-only)")->required();
exportCmd->add_option("--csv", opts->csv, "CSV file to write")->required();
exportCmd->callback([opts, &exitCode] { exitCode = exportLabels(*opts); });
} // namespace sg::cli

} // namespace sg::cli
