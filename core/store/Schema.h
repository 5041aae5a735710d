#pragma once
// The project file's schema: a version in PRAGMA user_version, forward migrations applied in
// one transaction, and the checks made BEFORE anything writes to a file a user handed us.
#include "core/store/SqliteConnection.h"
#include "core/util/Status.h"

#include <string>
#include <vector>

namespace sg::core {

// 4: the lead's review (consensus history, spacing); 5: re-reads; 6: the audit chain and imported_by;
// 7: passphrases and the people history (core/store/Identity.h); 8: de-identification;
// 9: reader kits (project id, kit tables)
inline constexpr int kSchemaVersion = 9;
inline constexpr int kDeidSchemaVersion = 8; // the step that removes identities (Schema.cpp)
// PRAGMA application_id of a SpineGrade project ("SGPD"): tells our files from other SQLite files.
inline constexpr int kApplicationId = 0x53475044;

// migrationSql()[i] takes a file from version i to version i + 1.
const std::vector<std::string>& migrationSql();

// Read-only checks of an existing file; nothing is written whatever the outcome:
// not an SQLite file, another program's database, a newer schema, a failed integrity check.
// A file whose triggers are not those its version must have (dropped, altered or added outside
// SpineGrade: the append-only history and the audit chain no longer hold) is refused too.
// Returns the file's schema version.
Result<int> inspectProjectFile(const std::string& path);

// The file's triggers are exactly those of a new project of `version` (same names, same SQL).
// The failure names the file and each missing, altered or unexpected trigger.
Status checkSchemaTriggers(SqliteConnection& db, int version);

// WAL, foreign keys, synchronous FULL (or NORMAL: see README, "Durability").
void configureConnection(SqliteConnection& db, bool fullDurability);

// Applies the missing migrations in one BEGIN IMMEDIATE transaction (re-reading the version
// inside it, as another process may have migrated meanwhile). `target` is for tests.
void migrate(SqliteConnection& db, int target = kSchemaVersion);

} // namespace sg::core
