#include "core/store/AuditChain.h"

#include "core/util/Sha256.h"

#include <exception>

namespace sg::core {
namespace {

const std::string kGenesis(64, '0');

// quote('<table>') || ',' || quote(t.id) || ',' || quote(t.<col>) ... of the stored row whose
// id is `idExpr`, or NULL when there is none: each value as an SQL literal (text quoted with
// its quotes doubled, integers in decimal, NULL as NULL), so the text is unambiguous. The only
// serialisation of a row: the trigger and the verifier both use it. Not json_array: with
// trusted_schema=OFF, SQLite 3.40 refuses the JSON functions inside a trigger.
std::string canonicalRowSql(const ChainedTable& table, const std::string& idExpr)
{
    std::string sql = std::string("(SELECT quote('") + table.name + "') || ',' || quote(t.id)";
    for (const char* column : table.columns)
        sql += std::string(" || ',' || quote(t.") + column + ")";
    return sql + " FROM " + table.name + " t WHERE t.id = " + idExpr + ")";
}

// The canonical row of whichever chained table `tableExpr` names (NULL for none).
std::string canonicalAnyRowSql(const std::string& tableExpr, const std::string& idExpr, int upToVersion)
{
    std::string sql = "CASE " + tableExpr;
    for (const ChainedTable& table : chainedTables())
        if (table.sinceVersion <= upToVersion)
            sql += std::string(" WHEN '") + table.name + "' THEN " + canonicalRowSql(table, idExpr);
    return sql + " END";
}

const std::string kHeadSql =
    "coalesce((SELECT row_hash FROM audit_chain ORDER BY seq DESC LIMIT 1), '" + std::string(64, '0') + "')";

std::string triggerSql(const ChainedTable& table)
{
    const std::string name = table.name;
    return "CREATE TRIGGER " + name + "_chain AFTER INSERT ON " + name +
        " BEGIN INSERT INTO audit_chain(table_name, row_id, prev_hash, row_hash) SELECT '" + name +
        "', NEW.id, p.hash, sg_sha256(p.hash || " + canonicalRowSql(table, "NEW.id") + ") FROM (SELECT " + kHeadSql +
        " AS hash) p; END;\n";
}

// The existing rows of the tables chained since `version`, table by table in id order (their
// true interleaving was not recorded), linked by a recursive query over a numbered list.
std::string backfillSql(int version)
{
    std::string sql = "CREATE TEMP TABLE audit_backfill(n INTEGER PRIMARY KEY, table_name TEXT NOT NULL, "
                      "row_id INTEGER NOT NULL);\n";
    for (const ChainedTable& table : chainedTables())
        if (table.sinceVersion == version)
            sql += std::string("INSERT INTO audit_backfill(table_name, row_id) SELECT '") + table.name + "', id FROM " +
                table.name + " ORDER BY id;\n";
    sql += "WITH RECURSIVE chain(n, prev, hash) AS (SELECT 0, NULL, " + kHeadSql +
        " UNION ALL SELECT b.n, c.hash, sg_sha256(c.hash || " +
        canonicalAnyRowSql("b.table_name", "b.row_id", version) +
        ") FROM chain c JOIN audit_backfill b ON b.n = c.n + 1) "
        "INSERT INTO audit_chain(table_name, row_id, prev_hash, row_hash) "
        "SELECT b.table_name, b.row_id, c.prev, c.hash FROM chain c JOIN audit_backfill b ON b.n = c.n ORDER BY c.n;\n"
        "DROP TABLE audit_backfill;\n";
    return sql;
}

} // namespace

const std::vector<ChainedTable>& chainedTables()
{
    static const std::vector<ChainedTable> tables {
        {"label_history",
            {"item_id", "analyzer_id", "changed_by", "changed_at", "action", "target", "old_value", "new_value",
                "reread", "imported_by"},
            6},
        {"consensus_history", {"item_id", "changed_by", "changed_at", "action", "target", "old_value", "new_value"}, 6},
        {"level_change", {"series_id", "stack_index", "old_level", "new_level", "changed_by", "changed_at"}, 6},
        // Who became what, invitations, passphrases set (the fact only) and setting changes.
        {"person_event", {"person_id", "changed_by", "changed_at", "action", "old_value", "new_value"}, 7},
    };
    return tables;
}

std::string auditChainMigrationSql(int version)
{
    std::string sql;
    bool any = false;
    for (const ChainedTable& table : chainedTables())
        any = any || table.sinceVersion == version;
    if (!any)
        return sql;
    sql = backfillSql(version);
    for (const ChainedTable& table : chainedTables())
        if (table.sinceVersion == version)
            sql += triggerSql(table);
    return sql;
}

Result<AuditChainSummary> verifyAuditChain(SqliteConnection& db)
{
    const std::string file = db.path();
    try {
        const int version = static_cast<int>(db.queryInt("PRAGMA user_version"));
        if (version < kAuditChainVersion ||
            db.queryInt("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'audit_chain'") == 0)
            return Error {"the project file " + file + " has no audit chain (schema version " +
                std::to_string(version) + "; opening it once with this SpineGrade builds the chain)"};
        AuditChainSummary summary;
        summary.headHash = kGenesis;
        Statement walk = db.prepare("SELECT c.seq, c.table_name, c.row_id, c.prev_hash, c.row_hash, " +
            canonicalAnyRowSql("c.table_name", "c.row_id", version) + " FROM audit_chain c ORDER BY c.seq");
        auto broken = [&](const std::string& table, std::int64_t id, std::int64_t seq, const std::string& what) {
            return Error {"the audit chain of " + file + " breaks at " + table + " row " + std::to_string(id) +
                " (chain entry " + std::to_string(seq) + "): " + what};
        };
        std::int64_t expectedSeq = 1;
        while (walk.step()) {
            const std::int64_t seq = walk.integer(0);
            const std::string table = walk.text(1);
            const std::int64_t id = walk.integer(2);
            const std::string prev = walk.text(3), hash = walk.text(4);
            if (seq != expectedSeq)
                return broken(table, id, seq,
                    "row missing (" + std::to_string(seq - expectedSeq) +
                        " chain entry(ies) before it were deleted, with or without their history rows)");
            if (prev != summary.headHash)
                return broken(table, id, seq, "link broken (its previous hash is not the hash of the entry before it)");
            if (walk.isNull(5)) {
                bool known = false;
                for (const ChainedTable& t : chainedTables())
                    known = known || (t.name == table && t.sinceVersion <= version);
                return broken(table, id, seq,
                    known ? "row missing (the history row was deleted)" : "link broken (not a chained table)");
            }
            if (sha256Hex(prev + walk.text(5)) != hash)
                return broken(table, id, seq, "content changed (the row no longer hashes to its chain entry)");
            summary.headHash = hash;
            ++summary.rows;
            ++expectedSeq;
        }
        // Rows nobody chained: written with the chain trigger dropped (or by hand).
        for (const ChainedTable& table : chainedTables()) {
            if (table.sinceVersion > version)
                continue;
            Statement loose = db.prepare(std::string("SELECT t.id FROM ") + table.name +
                " t WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.table_name = '" + table.name +
                "' AND c.row_id = t.id) ORDER BY t.id LIMIT 1");
            if (loose.step())
                return Error {"the audit chain of " + file + " breaks at " + table.name + " row " +
                    std::to_string(loose.integer(0)) + ": row inserted (a history row without a chain entry)"};
        }
        return summary;
    } catch (const std::exception& e) {
        return Error {std::string("cannot verify the audit chain of ") + file + ": " + e.what()};
    }
}

} // namespace sg::core
