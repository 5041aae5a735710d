#pragma once
// The tamper-evident audit: one hash chain per project over every append-only history row
// (labels, consensus, level changes, ...), in the order the rows were written.
//
//   audit_chain(seq, table_name, row_id, prev_hash, row_hash)
//   row_hash = SHA-256(prev_hash || canonical(row)), prev_hash of the first entry = 64 zeros
//   canonical(row) = quote('<table>') || ',' || quote(id) || ',' || quote(<each chained column,
//                    in list order>)   (SQL literals: text quoted, integers, NULL)
//
// An AFTER INSERT trigger on each chained table appends the entry, in the same statement as
// the history row, so no code path (ours, a migration, another branch's) can write a history
// row without its link; it calls sg_sha256, which SqliteConnection registers on every
// connection. A plain sqlite3 shell lacks that function and so cannot add a history row at all
// unless it drops the triggers, which opening the project (Schema.h) and `audit verify` notice.
// Both the trigger and the verifier serialise the row as SQLite stores it (one SELECT of the
// stored row, see canonicalRowSql), so the two can never disagree on formatting.
//
// What it proves: a history row changed, deleted or added outside SpineGrade, or a chain entry
// removed, breaks the chain at that row. What it cannot: someone who recomputes every hash after
// their edit, or who deletes the newest rows with their entries, leaves a valid chain; compare the
// head hash `audit verify` prints with one noted earlier (or carried in a reader kit) for that.
#include "core/store/SqliteConnection.h"
#include "core/util/Result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sg::core {

// One chained history table. Its columns are frozen once chained: a column added later must
// not join the list, or every older entry of that table would stop verifying. The rows must
// have an integer primary key named `id`, and no REAL column (SQLite's text form of a real is
// not promised stable across versions).
struct ChainedTable {
    const char* name;
    std::vector<const char*> columns;
    int sinceVersion; // the schema version whose migration starts chaining it
};

// Adding a history table to the chain is one line here (with the schema version whose
// migration creates the table): that migration then gets its trigger and the backfill of its
// existing rows appended, and the open check expects its trigger.
const std::vector<ChainedTable>& chainedTables();

inline constexpr int kAuditChainVersion = 6; // the schema version that introduced the chain

// SQL appended to the migration to `version`: for each table chained since that version, its
// existing rows in id order appended to the chain, then its AFTER INSERT trigger. Empty for a
// version that chains no new table.
std::string auditChainMigrationSql(int version);

struct AuditChainSummary {
    std::int64_t rows = 0; // chain entries checked
    std::string headHash; // row_hash of the newest entry (64 zeros for an empty chain)
};

// Walks the whole chain, recomputing every hash from the rows as stored now. An intact chain
// gives its size and head; otherwise the error names the first row that breaks it, its table,
// id and what happened: content changed, row missing (a history row or a chain entry deleted),
// row inserted (a history row without a chain entry) or link broken (an entry's prev_hash is not
// its predecessor's hash). Reads only; throws nothing (SQL errors become the error value).
Result<AuditChainSummary> verifyAuditChain(SqliteConnection& db);

} // namespace sg::core
