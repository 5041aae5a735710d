// The audit chain's cost: a project with ROWS label history rows (written in one transaction
// through the chain trigger, as an import of that size would), then verifyAuditChain over all
// of them, as `spinegrade-cli audit verify` runs it. Prints seconds; keeps the file so the
// command itself can be timed on it:
//   bench_audit [DIR] [ROWS]     (DIR defaults to the current directory; ROWS to 100000)
//   time spinegrade-cli audit verify --db DIR/bench_audit.sgdb
#include "core/store/AuditChain.h"
#include "core/store/SqliteConnection.h"
#include "tests/support/ProjectFixture.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

using namespace sg::core;
using Clock = std::chrono::steady_clock;

namespace {

double secondsSince(Clock::time_point t0)
{
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

} // namespace

int main(int argc, char** argv)
{
    const std::string dir = argc > 1 ? argv[1] : ".";
    const long rows = argc > 2 ? std::stol(argv[2]) : 100000;
    const std::string file = dir + "/bench_audit.sgdb";
    for (const char* suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(file + suffix);
    std::string error;
    auto store = sg::test::makeProject(file, sg::test::syntheticScan("/data", 4, 20), error); // 400 items
    if (!store) {
        std::fprintf(stderr, "bench_audit: %s\n", error.c_str());
        return 1;
    }
    try {
        SqliteConnection& db = store->connection();
        db.exec("INSERT INTO analyzer(name, role) VALUES('ann', 'analyzer')");
        const auto t0 = Clock::now();
        {
            Transaction tx(db);
            // Label-sized rows: a set with old and new JSON values, as saveLabel writes them.
            db.exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + std::to_string(rows) +
                ") INSERT INTO label_history(item_id, analyzer_id, changed_by, changed_at, action, old_value, "
                "new_value) SELECT (SELECT min(id) FROM item) + i % 400, 1, 1, '2026-12-01T17:00:00.000Z', 'set', "
                "'{\"canal\":\"rootlet\",\"grade\":\"B\",\"subgrade\":null,\"patch\":null,\"comment\":\"\"}', "
                "'{\"canal\":\"rootlet\",\"grade\":\"C\",\"subgrade\":null,\"patch\":null,\"comment\":\"\"}' FROM n");
            tx.commit();
        }
        const double write = secondsSince(t0);
        store.reset();
        auto reader = SqliteConnection::open(file, OpenMode::ReadOnly);
        if (!reader)
            throw SqlError(reader.error());
        const auto t1 = Clock::now();
        const auto chain = verifyAuditChain(**reader);
        const double verify = secondsSince(t1);
        if (!chain)
            throw SqlError(chain.error());
        std::printf("bench_audit: %ld history rows written through the chain trigger in %.2f s (%.1f us/row)\n", rows,
            write, write / static_cast<double>(rows) * 1e6);
        std::printf(
            "bench_audit: verifyAuditChain over %lld rows: %.2f s\n", static_cast<long long>(chain->rows), verify);
        std::printf("bench_audit: file kept at %s\n", file.c_str());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_audit: %s\n", e.what());
        return 1;
    }
    return 0;
}
