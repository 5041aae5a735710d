// spinegrade-cli review --db FILE --as LEAD [--task grade|canal|patch] [--json]
// spinegrade-cli consensus import --db FILE --csv IN --as LEAD
// spinegrade-cli consensus export --db FILE --csv OUT --as LEAD
// The study lead's review queue (core/review/ReviewQueue.h) and consensus (core/store/ConsensusStore.h).
#include "app/cli/CliCommands.h"
#include "app/cli/LeadSignIn.h"
#include "core/review/ReviewQueue.h"
#include "core/review/ReviewSnapshot.h"
#include "core/store/ConsensusTransfer.h"
#include "core/store/ProjectStore.h"

#include <nlohmann/json.hpp>

#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>

namespace sg::cli {
namespace {

struct ReviewOptions {
    std::string db;
    std::string task;
    std::string as;
    bool json = false;
};

struct ConsensusOptions {
    std::string db;
    std::string csv;
    std::string as;
};

std::string judgmentText(const core::ReviewJudgment* j)
{
    if (!j || (!j->canal && !j->grade))
        return "-";
    std::string out = j->canal ? std::string(core::canalName(*j->canal)) : "?";
    if (j->grade)
        out += " " + std::string(core::gradeName(*j->grade));
    return out;
}

nlohmann::json consensusJson(const core::Consensus& c)
{
    using nlohmann::json;
    return json {{"canal", c.canal ? json(std::string(core::canalName(*c.canal))) : json()},
        {"grade", c.grade ? json(std::string(core::gradeName(*c.grade))) : json()},
        {"reason", core::formatReasonWithText(c.reasonCode.value_or(core::ConsensusReason::Other), c.reason)},
        {"by", c.decidedByName}, {"at", c.decidedAt}};
}

int review(const ReviewOptions& o)
{
    core::ReviewFilter filter;
    if (!o.task.empty()) {
        const auto kind = core::parseDisagreementKind(o.task);
        if (!kind || *kind == core::DisagreementKind::Model)
            return reportError("--task '" + o.task + "' is not grade, canal or patch");
        filter.task = *kind;
    }
    core::OpenOptions readOnly;
    readOnly.readOnly = true; // listing only reads
    auto store = core::ProjectStore::open(o.db, readOnly);
    if (!store)
        return reportError(store.error());
    auto snapshot = core::readReviewSnapshot(**store);
    if (!snapshot)
        return reportError(snapshot.error());
    const core::ReviewQueue queue(snapshot->input);
    const auto entries = queue.filtered(filter);
    const auto& raters = snapshot->input.raters;
    std::unordered_map<std::int64_t, const core::ReviewInputItem*> items;
    for (const core::ReviewInputItem& item : snapshot->input.items)
        items.emplace(item.itemId, &item);
    const auto judgmentOf = [&](const core::ReviewInputItem& item, size_t rater) -> const core::ReviewJudgment* {
        for (const core::ReviewJudgment& j : item.judgments)
            if (j.rater == static_cast<int>(rater))
                return &j;
        return nullptr;
    };

    if (o.json) {
        using nlohmann::json;
        json list = json::array();
        for (const core::ReviewEntry* e : entries) {
            const core::ReviewInputItem& item = *items.at(e->itemId);
            json labels = json::object();
            for (size_t r = 0; r < raters.size(); ++r) {
                if (raters[r].model)
                    continue;
                const core::ReviewJudgment* j = judgmentOf(item, r);
                if (!j)
                    continue;
                labels[raters[r].name] = {{"canal", j->canal ? json(std::string(core::canalName(*j->canal))) : json()},
                    {"grade", j->grade ? json(std::string(core::gradeName(*j->grade))) : json()}};
            }
            const auto decided = snapshot->consensus.find(e->itemId);
            // Named by its key only: no UID leaves the project (README "De-identification").
            list.push_back(
                {{"key", e->key}, {"level", e->level ? json(std::string(core::levelName(*e->level))) : json()},
                    {"kinds", core::kindNames(e->kinds & core::kAnalyzerKinds)}, {"labels", labels},
                    {"grade_distance", e->gradeDistance}, {"labels_changed_since_consensus", e->reopened},
                    {"consensus", decided == snapshot->consensus.end() ? json() : consensusJson(decided->second)}});
        }
        std::cout << json {{"items", list}}.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
        return 0;
    }

    // An aligned table: key, level, kinds, distance, each analyzer, the consensus.
    std::vector<std::string> header {"KEY", "LEVEL", "KINDS", "DIST"};
    std::vector<size_t> analyzerColumns;
    for (size_t r = 0; r < raters.size(); ++r)
        if (!raters[r].model) {
            header.push_back(raters[r].name);
            analyzerColumns.push_back(r);
        }
    header.push_back("CONSENSUS");
    std::vector<std::vector<std::string>> table {header};
    for (const core::ReviewEntry* e : entries) {
        const core::ReviewInputItem& item = *items.at(e->itemId);
        std::string kinds;
        for (const std::string& k : core::kindNames(e->kinds & core::kAnalyzerKinds))
            kinds += (kinds.empty() ? "" : ",") + k;
        std::vector<std::string> row {
            e->key, e->level ? std::string(core::levelName(*e->level)) : "L?", kinds, std::to_string(e->gradeDistance)};
        for (size_t r : analyzerColumns)
            row.push_back(judgmentText(judgmentOf(item, r)));
        const auto decided = snapshot->consensus.find(e->itemId);
        if (decided == snapshot->consensus.end())
            row.push_back("open");
        else {
            core::ReviewJudgment j;
            j.canal = decided->second.canal;
            j.grade = decided->second.grade;
            row.push_back(judgmentText(&j) + " (" +
                std::string(
                    core::consensusReasonName(decided->second.reasonCode.value_or(core::ConsensusReason::Other))) +
                ", " + decided->second.decidedByName + ")");
        }
        table.push_back(std::move(row));
    }
    std::vector<size_t> width(header.size(), 0);
    for (const auto& row : table)
        for (size_t c = 0; c < row.size(); ++c)
            width[c] = std::max(width[c], row[c].size());
    for (const auto& row : table) {
        std::string line;
        for (size_t c = 0; c < row.size(); ++c)
            line += c + 1 < row.size() ? row[c] + std::string(width[c] - row[c].size() + 2, ' ') : row[c];
        std::cout << line << '\n';
    }
    std::cout << queue.progress(filter).text() << '\n';
    return 0;
}

// The lead named by --as, once signInLead has checked their passphrase.
core::Result<core::Analyzer> leadNamed(core::ProjectStore& store, const std::string& name)
{
    auto found = store.findAnalyzer(name);
    if (!found)
        return core::Error {found.error()};
    if (!*found)
        return core::Error {"no analyzer or lead named '" + name + "' in " + store.path()};
    if (!(*found)->isLead())
        return core::Error {"'" + name + "' is an analyzer of " + store.path() +
            ", not a lead: only a lead records or reads the consensus"};
    return **found;
}

int importConsensus(const ConsensusOptions& o)
{
    auto store = core::ProjectStore::open(o.db);
    if (!store)
        return reportError(store.error());
    if (!(*store)->migrationBackup().empty())
        std::cerr << "upgraded " << o.db << " to this version's format; the file as it was is kept as "
                  << (*store)->migrationBackup() << '\n';
    auto lead = leadNamed(**store, o.as);
    if (!lead)
        return reportError(lead.error());
    auto summary = core::importConsensusCsv(**store, *lead, o.csv);
    if (!summary)
        return reportError(summary.error());
    std::cout << summary->rows << " row(s) read, " << summary->changed << " decision(s) created or changed, "
              << summary->unchanged << " unchanged\n";
    return 0;
}

int exportConsensus(const ConsensusOptions& o)
{
    core::OpenOptions readOnly;
    readOnly.readOnly = true;
    auto store = core::ProjectStore::open(o.db, readOnly);
    if (!store)
        return reportError(store.error());
    auto lead = leadNamed(**store, o.as);
    if (!lead)
        return reportError(lead.error());
    if (core::Status written = core::exportConsensusCsv(**store, *lead, o.csv); !written)
        return reportError(written.error());
    std::cout << "consensus written to " << o.csv << '\n';
    return 0;
}

} // namespace

void addReviewCommand(CLI::App& app, int& exitCode)
{
    auto opts = std::make_shared<ReviewOptions>();
    CLI::App* cmd = app.add_subcommand("review",
        "The lead's review queue: every item on which the analyzers disagree, the largest grade distance first");
    cmd->add_option("--db", opts->db, "Project file (opened read-only)")->required();
    cmd->add_option("--task", opts->task, "Only disagreements of this task")
        ->check(CLI::IsMember({"grade", "canal", "patch"}));
    cmd->add_flag("--json", opts->json, "JSON instead of a table");
    addAsOption(cmd, opts->as);
    cmd->callback([opts, &exitCode] {
        const int refused = signInLead(opts->db, opts->as, "review");
        exitCode = refused ? refused : review(*opts);
    });
}

void addConsensusCommand(CLI::App& app, int& exitCode)
{
    auto opts = std::make_shared<ConsensusOptions>();
    CLI::App* consensus = app.add_subcommand("consensus",
        "Import or export the lead's consensus as CSV "
        "(item,task,label,reason)");
    consensus->require_subcommand(1);
    CLI::App* importCmd =
        consensus->add_subcommand("import", "Import decisions; a file with any bad row is rejected whole");
    importCmd->add_option("--db", opts->db, "Project file")->required();
    importCmd
        ->add_option("--csv", opts->csv,
            "CSV with the header item,task,label,reason (item: key or SOP UID; reason: code or 'code: text')")
        ->required();
    addAsOption(importCmd, opts->as);
    importCmd->callback([opts, &exitCode] {
        const int refused = signInLead(opts->db, opts->as, "consensus import");
        exitCode = refused ? refused : importConsensus(*opts);
    });
    CLI::App* exportCmd = consensus->add_subcommand("export", "Export every decision, by item key");
    exportCmd->add_option("--db", opts->db, "Project file (opened read-only)")->required();
    exportCmd->add_option("--csv", opts->csv, "CSV file to write")->required();
    addAsOption(exportCmd, opts->as);
    exportCmd->callback([opts, &exitCode] {
        const int refused = signInLead(opts->db, opts->as, "consensus export");
        exitCode = refused ? refused : exportConsensus(*opts);
    });
}

} // namespace sg::cli
