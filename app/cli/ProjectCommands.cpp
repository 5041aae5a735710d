// spinegrade-cli project create --db FILE [--lead NAME] [--analyzer NAME]... [--reread-share F] [--reread-gap N]
// spinegrade-cli project import --db FILE [--linkage FILE] PATH...
// spinegrade-cli project invite --db FILE --analyzer NAME... --as LEAD
// spinegrade-cli project passphrase --db FILE --as NAME   (first sign-in: set one's passphrase)
// spinegrade-cli project lead --db FILE --name NAME       (a project without a lead gets one)
// Passphrases come from SPINEGRADE_PASSPHRASE or a no-echo prompt (app/cli/LeadSignIn.h).
// spinegrade-cli worklist --db FILE [--per-level N] [--seed S]
#include "app/cli/CliCommands.h"
#include "app/cli/LeadSignIn.h"
#include "app/cli/ReaderOptions.h"
#include "core/dicom/DicomScanner.h"
#include "core/labels/RaterName.h"
#include "core/store/Identity.h"
#include "core/store/Linkage.h"
#include "core/store/ProjectStore.h"
#include "core/store/RereadSchedule.h"
#include "core/store/Worklist.h"

#include <iostream>
#include <memory>

namespace sg::cli {
namespace {

// The people of a new project: its lead (who reviews, and whose name the lead-only commands
// take) and its analyzers. Each name is checked, against the others too, before the file exists.
struct ProjectPeople {
    std::string lead;
    std::vector<std::string> analyzers;
};

core::Status checkPeople(const ProjectPeople& people)
{
    core::RaterNameContext taken;
    std::vector<std::pair<std::string, std::string>> names;
    if (!people.lead.empty())
        names.emplace_back(people.lead, "lead name");
    for (const std::string& a : people.analyzers)
        names.emplace_back(a, "analyzer name");
    for (const auto& [name, what] : names) {
        if (core::Status ok = core::checkNewRaterName(name, taken, what); !ok)
            return ok;
        taken.analyzers.push_back(name);
    }
    return core::Status::success();
}

int createProject(const std::string& db, const core::RereadSettings& rereads, const ProjectPeople& people)
{
    // Checked before the file exists, so a refused setting leaves nothing behind.
    if (!(rereads.share >= 0 && rereads.share <= core::kMaxRereadShare) || rereads.gap < 1)
        return reportError("--reread-share must lie between 0 and 0.5 and --reread-gap be at least 1");
    if (const core::Status ok = checkPeople(people); !ok)
        return reportError(ok.error());
    // The lead's passphrase is set at creation (issue 13); asked before the file exists.
    std::optional<std::string> passphrase;
    if (!people.lead.empty()) {
        passphrase = readPassphrase("New passphrase for the lead " + people.lead + ": ", true);
        if (!passphrase)
            return reportError("--lead " + people.lead +
                " needs the lead's passphrase: set SPINEGRADE_PASSPHRASE or run this in a terminal to type it");
        if (passphrase->size() < core::kMinPassphraseLength)
            return reportError("the lead's passphrase needs at least " + std::to_string(core::kMinPassphraseLength) +
                " characters; no project was created");
    }
    auto store = core::ProjectStore::create(db);
    if (!store)
        return reportError(store.error());
    if (const core::Status set = (*store)->setRereadSettings(rereads); !set)
        return reportError(set.error());
    std::optional<core::Analyzer> lead;
    if (!people.lead.empty()) {
        auto added = core::addLead(**store, people.lead, *passphrase);
        if (!added)
            return reportError(added.error());
        lead = *added;
    }
    // Invited: each sets their passphrase at their first sign-in.
    for (const std::string& name : people.analyzers)
        if (auto analyzer = core::invite(**store, lead, name); !analyzer)
            return reportError(analyzer.error());
    std::cout << "created " << db << " (schema version " << (*store)->schemaVersion() << ")";
    if (!people.lead.empty())
        std::cout << "; lead " << people.lead;
    if (!people.analyzers.empty()) {
        std::cout << "; analyzers";
        for (const std::string& name : people.analyzers)
            std::cout << ' ' << name;
    }
    if (rereads.share > 0)
        std::cout << "; blinded re-reads: " << rereads.share * 100 << "% of each analyzer's items, at least "
                  << rereads.gap << " entries after the first read";
    std::cout << '\n';
    return 0;
}

int importStudies(const std::string& db, const std::vector<std::string>& paths, const std::string& linkage)
{
    if (!linkage.empty())
        if (const core::Status ok = core::checkLinkagePath(linkage, db); !ok)
            return reportError(ok.error());
    auto store = core::ProjectStore::open(db);
    if (!store)
        return reportError(store.error());
    int slices = 0;
    std::vector<core::LinkageRow> links;
    for (const std::string& path : paths) {
        const core::ScanResult scan = core::scanPath(path);
        if (scan.studies.empty())
            return reportError("no DICOM study found under " + path + " (" + std::to_string(scan.skipped.size()) +
                " file(s) skipped; `spinegrade-cli info " + path + "` lists why)");
        auto summary = (*store)->importScan(scan, path);
        if (!summary)
            return reportError(summary.error());
        std::cout << path << ": " << summary->studies << " stud" << (summary->studies == 1 ? "y" : "ies") << ", "
                  << summary->newSlices << " new slice(s), " << summary->knownSlices << " already in the project, "
                  << summary->skippedFiles << " file(s) skipped\n";
        // Named with the reason, as `info` does: a count alone sends the user looking.
        for (const core::SkippedFile& skipped : scan.skipped)
            std::cout << "  skipped " << printablePath(skipped.file) << ": " << skipped.reason << '\n';
        slices += summary->newSlices + summary->knownSlices;
        if (!linkage.empty()) {
            auto rows = core::linkageRows(**store, scan);
            if (!rows)
                return reportError(rows.error());
            links.insert(links.end(), rows->begin(), rows->end());
        }
    }
    if (!linkage.empty()) {
        if (const core::Status written = core::writeLinkageFile(linkage, db, links); !written)
            return reportError(written.error() + " (the studies were imported)");
        std::cout << "linkage of " << links.size() << " stud" << (links.size() == 1 ? "y" : "ies")
                  << " (key -> PatientID, PatientName, StudyDate) written to " << linkage
                  << "; it identifies patients: keep it apart from the project\n";
    }
    std::cout << slices << " slice(s) imported into " << db << "; run `spinegrade-cli worklist --db " << db
              << "` to build the items\n";
    return 0;
}

int buildWorklist(const std::string& db, const core::WorklistOptions& options)
{
    auto store = core::ProjectStore::open(db);
    if (!store)
        return reportError(store.error());
    auto summary = core::buildWorklist(**store, options);
    if (!summary)
        return reportError(summary.error());
    std::cout << summary->items << " item(s), seed " << options.seed << ", "
              << (options.perLevel > 0 ? std::to_string(options.perLevel) + " per level per study" : "every slice")
              << '\n';
    for (const core::LevelProgress& level : summary->perLevel) {
        const std::string name = core::levelName(level.level);
        std::cout << "  " << (name.empty() ? std::string("(level unassigned)") : name) << ": " << level.total << '\n';
    }
    return 0;
}

// A write to an older file migrated it: say where the file as it was is kept.
void sayUpgrade(const std::string& db, core::ProjectStore& store)
{
    if (!store.migrationBackup().empty())
        std::cerr << "upgraded " << db << " to this version's format; the file as it was is kept as "
                  << store.migrationBackup() << '\n';
}

int inviteAnalyzers(const std::string& db, const std::string& as, const std::vector<std::string>& names)
{
    auto store = core::ProjectStore::open(db);
    if (!store)
        return reportError(store.error());
    sayUpgrade(db, **store);
    core::Analyzer lead;
    if (const int refused = signInLead(db, as, "project invite", &lead))
        return refused;
    for (const std::string& name : names) {
        auto invited = core::invite(**store, lead, name);
        if (!invited)
            return reportError(invited.error());
        std::cout << "invited " << name << ": they set their passphrase at their first sign-in\n";
    }
    return 0;
}

int setFirstPassphrase(const std::string& db, const std::string& as)
{
    if (as.empty())
        return reportError("project passphrase: give --as NAME, the person whose passphrase is set");
    auto store = core::ProjectStore::open(db);
    if (!store)
        return reportError(store.error());
    sayUpgrade(db, **store);
    const auto passphrase = readPassphrase("New passphrase for " + as + ": ", true);
    if (!passphrase)
        return reportError("no passphrase: set SPINEGRADE_PASSPHRASE or run this in a terminal to type it");
    auto who = core::setFirstPassphrase(**store, as, *passphrase);
    if (!who)
        return reportError(who.error());
    std::cout << "passphrase set for " << who->name << " (" << core::roleName(who->role) << ")\n";
    return 0;
}

int claimLead(const std::string& db, const std::string& name)
{
    auto store = core::ProjectStore::open(db);
    if (!store)
        return reportError(store.error());
    sayUpgrade(db, **store);
    const auto passphrase = readPassphrase("Passphrase for the lead " + name + ": ", true);
    if (!passphrase)
        return reportError("no passphrase: set SPINEGRADE_PASSPHRASE or run this in a terminal to type it");
    auto lead = core::claimLead(**store, name, *passphrase);
    if (!lead)
        return reportError(lead.error());
    std::cout << lead->name << " is the lead of " << db << '\n';
    return 0;
}

} // namespace

void addProjectCommand(CLI::App& app, int& exitCode)
{
    struct Options {
        std::string db;
        std::vector<std::string> paths;
        std::string linkage;
        core::RereadSettings rereads;
        ProjectPeople people;
        std::string as;
        std::string name;
        std::vector<std::string> invited;
    };
    auto opts = std::make_shared<Options>();
    CLI::App* project = app.add_subcommand("project", "Create a labeling project or import studies into it");
    project->require_subcommand(1);
    CLI::App* create = project->add_subcommand("create", "Create a new, empty project file");
    create->add_option("--db", opts->db, "Project file to create (must not exist)")->required();
    create
        ->add_option("--reread-share", opts->rereads.share,
            "Share of each analyzer's items shown to them again later, blinded, for test-retest "
            "agreement (0 to 0.5; default 0: none)")
        ->check(CLI::Range(0.0, core::kMaxRereadShare));
    create
        ->add_option("--reread-gap", opts->rereads.gap,
            "Least number of worklist entries between an item's first read and its re-read (default 20; "
            "less when the worklist is too short)")
        ->check(CLI::PositiveNumber);
    create->add_option("--lead", opts->people.lead,
        "The study lead: reviews disagreements and records the consensus; the lead-only commands take this name "
        "(--as). Their passphrase comes from SPINEGRADE_PASSPHRASE or is typed twice");
    create->add_option("--analyzer", opts->people.analyzers,
        "An analyzer of the project, invited: sets their passphrase at their first sign-in (repeat for each)");
    create->callback([opts, &exitCode] { exitCode = createProject(opts->db, opts->rereads, opts->people); });
    CLI::App* import = project->add_subcommand("import",
        "Import DICOM studies (a study folder, a folder of studies, "
        "or files) into the project");
    import->add_option("--db", opts->db, "Project file")->required();
    import->add_option("--linkage", opts->linkage,
        "Also write (or add to) this CSV beside the project, mode 0600: study key -> PatientID, PatientName, "
        "StudyDate, which the project itself does not keep; no export reads it");
    import->add_option("PATH", opts->paths, "Study folders, folders of studies, or DICOM files")->required();
    import->callback([opts, &exitCode] { exitCode = importStudies(opts->db, opts->paths, opts->linkage);
});
CLI::App* invite =
    project->add_subcommand("invite", "The lead invites analyzers; each sets their passphrase at their first sign-in");
invite->add_option("--db", opts->db, "Project file")->required();
invite->add_option("--analyzer", opts->invited, "The analyzer to invite (repeat for each)")->required();
addAsOption(invite, opts->as);
invite->callback([opts, &exitCode] { exitCode = inviteAnalyzers(opts->db, opts->as, opts->invited); });
CLI::App* passphrase = project->add_subcommand("passphrase",
    "First sign-in: set the passphrase of an invited analyzer, or of anyone from a project made before "
    "passphrases (SPINEGRADE_PASSPHRASE or typed twice)");
passphrase->add_option("--db", opts->db, "Project file")->required();
passphrase->add_option("--as", opts->as, "Whose passphrase (they have none yet)")->required();
passphrase->callback([opts, &exitCode] { exitCode = setFirstPassphrase(opts->db, opts->as); });
CLI::App* lead = project->add_subcommand("lead",
    "Name the lead of a project that has none (made without --lead, or before passphrases); refused once it "
    "has one");
lead->add_option("--db", opts->db, "Project file")->required();
lead->add_option("--name", opts->name, "The lead: a new name, or an analyzer of the project")->required();
lead->callback([opts, &exitCode] { exitCode = claimLead(opts->db, opts->name); });
} // namespace sg::cli

void addWorklistCommand(CLI::App& app, int& exitCode)
{
    struct Options {
        std::string db;
        core::WorklistOptions worklist;
    };
    auto opts = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("worklist",
        "Build the items to label: every slice, or N slices per level "
        "sampled with a seed; every analyzer gets them in their own order");
    cmd->add_option("--db", opts->db, "Project file")->required();
    cmd->add_option("--per-level", opts->worklist.perLevel, "Slices per level of each study (default: every slice)")
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--seed", opts->worklist.seed, "Seed of the sampling and of the analyzers' orders (default 1)");
    cmd->callback([opts, &exitCode] { exitCode = buildWorklist(opts->db, opts->worklist); });
}

} // namespace sg::cli
