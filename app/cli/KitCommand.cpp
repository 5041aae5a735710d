// spinegrade-cli kit export --db FILE --analyzer NAME --out NAME.sgkit --as LEAD [--root DIR]
// spinegrade-cli kit import --db FILE --as LEAD NAME.sgkit
// Reader kits (core/store/ReaderKit.h): blinding by construction. Both are lead commands: the
// lead signs in with --as and their passphrase (app/cli/LeadSignIn.h).
#include "app/cli/CliCommands.h"
#include "app/cli/LeadSignIn.h"
#include "app/cli/RootOption.h"
#include "core/store/ReaderKit.h"

#include <cstdio>
#include <iostream>
#include <memory>

namespace sg::cli {
namespace {

struct Options {
    std::string db;
    std::string analyzer;
    std::string out;
    std::string kit;
    std::string as;
    std::string root; // export: the import root on this machine (app/cli/RootOption.h)
};

int exportKit(const Options& o)
{
    if (const int refused = signInLead(o.db, o.as, "kit export"))
        return refused;
    auto store = core::ProjectStore::open(o.db, projectOptions(o.root));
    if (!store)
        return reportError(store.error());
    auto summary = core::exportReaderKit(**store, o.analyzer, o.out);
    if (!summary)
        return reportError(summary.error());
    char size[32];
    std::snprintf(size, sizeof size, "%.1f", static_cast<double>(summary->bytes) / (1024.0 * 1024.0));
    std::cout << "reader kit for " << o.analyzer << " written to " << o.out << ": " << summary->items << " slice(s), "
              << summary->entries << " worklist entr(ies), " << summary->labels << " label(s), " << summary->predictions
              << " CNN proposal(s), " << size << " MB (kit " << summary->info.kitId << ")\n";
    return 0;
}

int importKit(const Options& o)
{
    core::Analyzer lead;
    if (const int refused = signInLead(o.db, o.as, "kit import", &lead))
        return refused;
    auto store = core::ProjectStore::open(o.db);
    if (!store)
        return reportError(store.error());
    auto summary = core::importReaderKit(**store, o.kit, lead);
    if (!summary)
        return reportError(summary.error());
    if (summary->mergedRows == 0)
        std::cout << "nothing new in " << o.kit << " (kit " << summary->info.kitId << " of "
                  << summary->info.analyzerName << "): the project was not changed\n";
    else
        std::cout << summary->mergedRows << " change(s) of " << summary->info.analyzerName << " merged from " << o.kit
                  << ", " << summary->changedLabels << " label(s)\n";
    return 0;
}

} // namespace

void addKitCommand(CLI::App& app, int& exitCode)
{
    auto opts = std::make_shared<Options>();
    CLI::App* kit = app.add_subcommand("kit",
        "Reader kits: one analyzer's worklist, labels and slices in a file of its own (blinding by construction)");
    kit->require_subcommand(1);
    CLI::App* exportCmd = kit->add_subcommand("export", "Write an analyzer's reader kit (lead)");
    exportCmd->add_option("--db", opts->db, "Project file")->required();
    exportCmd->add_option("--analyzer", opts->analyzer, "The analyzer the kit is for")->required();
    exportCmd->add_option("--out", opts->out, "The kit file to write (NAME.sgkit; must not exist)")->required();
    addRootOption(exportCmd, opts->root); // the kit holds copies of the slices: they are read
    addAsOption(exportCmd, opts->as);
    exportCmd->callback([opts, &exitCode] { exitCode = exportKit(*opts); });
    CLI::App* importCmd = kit->add_subcommand("import", "Merge a labeled reader kit back into the project (lead)");
    importCmd->add_option("--db", opts->db, "Project file")->required();
    addAsOption(importCmd, opts->as);
    importCmd->add_option("kit", opts->kit, "The reader kit (.sgkit)")->required();
    importCmd->callback([opts, &exitCode] { exitCode = importKit(*opts); });
}

} // namespace sg::cli
