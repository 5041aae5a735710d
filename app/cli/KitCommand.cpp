// spinegrade-cli kit export --db FILE --analyzer NAME --out NAME.sgkit [--as LEAD]
// spinegrade-cli kit import --db FILE [--as LEAD] NAME.sgkit
// Reader kits (core/store/ReaderKit.h): blinding by construction. Both are lead commands; the
// passphrase check of --as belongs to sign-in (auth), here the name must be the project's lead.
#include "app/cli/CliCommands.h"
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
};

// The lead named by --as, if given; a name that is not a lead of the project is refused.
core::Result<std::optional<core::Analyzer>> leadNamed(core::ProjectStore& store, const std::string& name)
{
    if (name.empty())
        return std::optional<core::Analyzer>();
    auto found = store.findAnalyzer(name);
    if (!found)
        return core::Error {found.error()};
    if (!*found || !(*found)->isLead())
        return core::Error {"kit: '" + name + "' is not a lead of " + store.path() + "; reader kits are the lead's"};
    return *found;
}

int exportKit(const Options& o)
{
    auto store = core::ProjectStore::open(o.db);
    if (!store)
        return reportError(store.error());
    if (auto lead = leadNamed(**store, o.as); !lead)
        return reportError(lead.error());
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
    auto store = core::ProjectStore::open(o.db);
    if (!store)
        return reportError(store.error());
    auto lead = leadNamed(**store, o.as);
    if (!lead)
        return reportError(lead.error());
    auto summary = core::importReaderKit(**store, o.kit, *lead);
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
    exportCmd->add_option("--as", opts->as, "The lead's name");
    exportCmd->callback([opts, &exitCode] { exitCode = exportKit(*opts); });
    CLI::App* importCmd = kit->add_subcommand("import", "Merge a labeled reader kit back into the project (lead)");
    importCmd->add_option("--db", opts->db, "Project file")->required();
    importCmd->add_option("--as", opts->as, "The lead's name");
    importCmd->add_option("kit", opts->kit, "The reader kit (.sgkit)")->required();
    importCmd->callback([opts, &exitCode] { exitCode = importKit(*opts); });
}

} // namespace sg::cli
