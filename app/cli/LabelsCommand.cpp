// spinegrade-cli labels import --db FILE --csv IN
// spinegrade-cli labels export --db FILE --csv OUT
#include "app/cli/CliCommands.h"
#include "core/labels/LabelCsv.h"
#include "core/store/LabelTransfer.h"

#include <iostream>
#include <memory>

namespace sg::cli {
namespace {

int importLabels(const std::string& db, const std::string& csv)
{
    // Read and check the whole file before the project is even opened: a bad row changes nothing.
    auto rows = core::readLabelCsv(csv);
    if (!rows)
        return reportError(rows.error());
    auto store = core::ProjectStore::open(db);
    if (!store)
        return reportError(store.error());
    auto summary = core::importLabelRows(**store, *rows, csv);
    if (!summary)
        return reportError(summary.error());
    std::cout << summary->rows << " row(s) read, " << summary->changedLabels << " label(s) created or changed, "
              << summary->newRaters << " new rater(s)\n";
    return 0;
}

int exportLabels(const std::string& db, const std::string& csv)
{
    auto store = core::ProjectStore::open(db);
    if (!store)
        return reportError(store.error());
    auto rows = core::exportLabelRows(**store);
    if (!rows)
        return reportError(rows.error());
    if (core::Status written = core::writeLabelCsv(csv, *rows); !written)
        return reportError(written.error);
    std::cout << rows->size() << " row(s) written to " << csv << '\n';
    return 0;
}

} // namespace

void addLabelsCommand(CLI::App& app, int& exitCode)
{
    struct Options {
        std::string db;
        std::string csv;
    };
    auto opts = std::make_shared<Options>();
    CLI::App* labels = app.add_subcommand("labels", "Import or export labels as CSV (item,rater,task,label)");
    labels->require_subcommand(1);
    CLI::App* import = labels->add_subcommand("import", "Import labels; a file with any bad row is rejected whole");
    import->add_option("--db", opts->db, "Project file")->required();
    import->add_option("--csv", opts->csv, "CSV file with the header item,rater,task,label")->required();
    import->callback([opts, &exitCode] { exitCode = importLabels(opts->db, opts->csv);
});
CLI::App* exportCmd = labels->add_subcommand("export", "Export every label of the project");
exportCmd->add_option("--db", opts->db, "Project file")->required();
exportCmd->add_option("--csv", opts->csv, "CSV file to write")->required();
exportCmd->callback([opts, &exitCode] { exitCode = exportLabels(opts->db, opts->csv); });
} // namespace sg::cli

} // namespace sg::cli
