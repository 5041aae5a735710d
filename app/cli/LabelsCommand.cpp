// spinegrade-cli labels import --db FILE --csv IN --as NAME [--max-csv-mb N]
// spinegrade-cli labels export --db FILE --as LEAD (--csv OUT [--full] | --json OUT)
// spinegrade-cli labels import --rsna DIR --db FILE; labels export --rsna DIR --db FILE [--rater NAME|--consensus]
#include "app/cli/CliCommands.h"
#include "app/cli/LeadSignIn.h"
#include "app/cli/RootOption.h"
#include "app/cli/RsnaLabels.h"
#include "core/labels/LabelCsv.h"
#include "core/store/Identity.h"
#include "core/store/LabelTransfer.h"

#include <iostream>
#include <memory>

namespace sg::cli {
namespace {

struct Options {
    std::string db;
    std::string root; // the import root on this machine (README "De-identification")
    std::string csv;
    std::string json;
    std::string as; // import: who imports (recorded beside the file's rater); export: the lead
    bool full = false;
    std::string rsna; // an RSNA 2024 LSDC folder (app/cli/RsnaLabels.h)
    std::string rater;
    bool consensus = false;
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
    auto store = core::ProjectStore::open(o.db, projectOptions(o.root));
    if (!store)
        return reportError(store.error());
    if (!(*store)->migrationBackup().empty())
        std::cerr << "upgraded " << o.db << " to this version's format; the file as it was is kept as "
                  << (*store)->migrationBackup() << '\n';
    // The importer named by --as signs in with their passphrase once the project has a lead;
    // a project without one (a reader kit, a project from before sign-in) is open, as in the GUI.
    auto closed = core::hasLead(**store);
    if (!closed)
        return reportError(closed.error());
    std::optional<core::Analyzer> importer;
    if (*closed) {
        const auto passphrase = readPassphrase("Passphrase for " + o.as + ": ");
        if (!passphrase) {
            reportError("labels import: give the passphrase of '" + o.as + "' in SPINEGRADE_PASSPHRASE (or type it)");
            return kRefusedExit;
        }
        auto signedIn = core::authenticate(**store, o.as, *passphrase);
        if (!signedIn) {
            reportError(signedIn.error());
            return kRefusedExit;
        }
        importer = *signedIn;
    } else {
        auto found = (*store)->findAnalyzer(o.as);
        if (!found)
            return reportError(found.error());
        if (!*found)
            return reportError("no analyzer or lead named '" + o.as + "' in " + o.db +
                "; --as names who imports (a lead, or an analyzer importing their own labels)");
        importer = **found;
    }
    auto summary = core::importLabelRows(**store, *importer, *rows, o.csv);
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
    if (!o.json.empty()) {
        auto json = core::exportLabelsJson(**store);
        if (!json)
            return reportError(json.error());
        if (core::Status written = core::writeTextFile(o.json, *json); !written)
            return reportError(written.error());
        std::cout << "labels written to " << o.json << '\n';
        return 0;
    }
    auto rows = core::exportLabelRows(**store);
    if (!rows)
        return reportError(rows.error());
    const core::LabelColumns columns = o.full ? core::LabelColumns::all() : core::LabelColumns {};
    if (core::Status written = core::writeLabelCsv(o.csv, *rows, columns); !written)
        return reportError(written.error());
    std::cout << rows->size() << " row(s) written to " << o.csv << '\n';
    return 0;
}

} // namespace

void addLabelsCommand(CLI::App& app, int& exitCode)
{
    auto opts = std::make_shared<Options>();
    CLI::App* labels = app.add_subcommand("labels",
        "Import or export labels as CSV (item,rater,task,label[,patch_x,patch_y,patch_w,patch_h,subgrade,comment,"
        "seconds]) or JSON");
    labels->require_subcommand(1);
    // Not named `import`: that is a C++20 keyword to clang-format.
    CLI::App* importCmd = labels->add_subcommand("import", "Import labels; a file with any bad row is rejected whole");
    importCmd->add_option("--db", opts->db, "Project file")->required();
    CLI::Option* importCsv = importCmd->add_option("--csv", opts->csv,
        "CSV file with the header item,rater,task,label and any of patch_x,patch_y,patch_w,patch_h,subgrade,"
        "comment,seconds");
    CLI::Option* importRsna = importCmd->add_option("--rsna", opts->rsna,
        "Instead of --csv: an RSNA 2024 LSDC folder (train.csv, train_label_coordinates.csv, "
        "train_series_descriptions.csv; images in train_images/, imported into the project first); its spinal "
        "canal points of Axial T2 series become labels of rater 'rsna' (Normal/Mild -> A, Moderate -> B, "
        "Severe -> C)");
    importCsv->excludes(importRsna);
    importCmd
        ->add_option("--as", opts->as,
            "Who imports (recorded in the audit history): a lead of the project, or an analyzer importing their own "
            "labels")
        ->required();
    importCmd->add_option("--max-csv-mb", opts->maxCsvMb, "Largest CSV file accepted, in MB")->capture_default_str();
    addRootOption(importCmd, opts->root); // patches are checked against the images' sizes
    importCmd->callback([opts, &exitCode] {
        if (!opts->rsna.empty())
            exitCode = importRsnaLabels(opts->db, opts->rsna, opts->maxCsvMb, opts->as, opts->root);
        else if (opts->csv.empty())
            exitCode = reportError("labels import: give --csv IN or --rsna DIR");
        else
            exitCode = importLabels(*opts);
    });
    CLI::App* exportCmd = labels->add_subcommand("export",
        "Export every label of the project (text cells a spreadsheet would run as a formula get a leading apostrophe)");
    exportCmd->add_option("--db", opts->db, "Project file (opened read-only)")->required();
    CLI::Option* csv = exportCmd->add_option("--csv", opts->csv, "CSV file to write");
    CLI::Option* json = exportCmd->add_option(
        "--json", opts->json, "JSON file to write instead: one object per label with its item, study key and level");
    exportCmd->add_flag("--full", opts->full, "Every column: the patch, sub-grade, comment and seconds too")
        ->needs(csv);
    csv->excludes(json);
    CLI::Option* rsna = exportCmd->add_option("--rsna", opts->rsna,
        "Instead: write the RSNA 2024 LSDC files (spinal canal) into this folder, per study and level the worst "
        "grade (A -> Normal/Mild, B -> Moderate, C and D -> Severe)");
    rsna->excludes(csv)->excludes(json);
    CLI::Option* rater = exportCmd->add_option("--rater", opts->rater, "With --rsna: this rater's labels")->needs(rsna);
    exportCmd->add_flag("--consensus", opts->consensus, "With --rsna: the lead's consensus")
        ->needs(rsna)
        ->excludes(rater);
    addAsOption(exportCmd, opts->as);
    exportCmd->callback([opts, &exitCode] {
        if (const int refused = signInLead(opts->db, opts->as, "labels export"))
            exitCode = refused;
        else if (!opts->rsna.empty())
            exitCode = exportRsnaLabels(
                opts->db, opts->rsna, opts->consensus ? std::nullopt : std::optional<std::string>(opts->rater));
        else
            exitCode = opts->csv.empty() && opts->json.empty()
                ? reportError("labels export: give --csv OUT, --json OUT or --rsna DIR")
                : exportLabels(*opts);
    });
}

} // namespace sg::cli
