// spinegrade-cli audit verify --db FILE
// Exit 0 and one line on an intact audit chain; exit 1 naming the first row that breaks it.
// The file is opened read-only by SQLite directly, not through ProjectStore::open: a project
// whose triggers were dropped is refused there, and this is the command that examines it.
#include "app/cli/CliCommands.h"
#include "core/store/AuditChain.h"
#include "core/store/Schema.h"

#include <iostream>
#include <memory>

namespace sg::cli {
namespace {

int verify(const std::string& path)
{
    auto db = core::SqliteConnection::open(path, core::OpenMode::ReadOnly);
    if (!db)
        return reportError(db.error());
    try {
        if ((*db)->queryInt("PRAGMA application_id") != core::kApplicationId)
            return reportError(path + " is not a SpineGrade project");
    } catch (const std::exception& e) {
        return reportError(e.what());
    }
    const auto chain = core::verifyAuditChain(**db);
    // The triggers too: a chain intact today with its triggers gone is no longer protected.
    int version = 0;
    try {
        version = static_cast<int>((*db)->queryInt("PRAGMA user_version"));
    } catch (const std::exception&) {
    }
    const core::Status triggers = core::checkSchemaTriggers(**db, version);
    if (!chain)
        reportError(chain.error());
    if (!triggers)
        reportError(triggers.error());
    if (!chain || !triggers)
        return 1;
    std::cout << "audit chain intact: " << chain->rows << " rows; head " << chain->headHash << '\n';
    return 0;
}

} // namespace

void addAuditCommand(CLI::App& app, int& exitCode)
{
    auto db = std::make_shared<std::string>();
    CLI::App* audit = app.add_subcommand("audit", "Check the project's tamper-evident history");
    audit->require_subcommand(1);
    CLI::App* verifyCmd = audit->add_subcommand("verify",
        "Recompute the hash chain over every history row: exit 0 if intact, 1 naming the first row that breaks it");
    verifyCmd->add_option("--db", *db, "Project file (opened read-only)")->required();
    verifyCmd->callback([db, &exitCode] { exitCode = verify(*db); });
}

} // namespace sg::cli
