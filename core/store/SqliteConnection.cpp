#include "core/store/SqliteConnection.h"

#include "core/util/Sha256.h"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <thread>

namespace sg::core {
namespace {

bool isBusy(int rc)
{
    return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED;
}

// sqlite3_busy_timeout already sleeps inside SQLite; this loop covers the cases where SQLite
// returns BUSY without calling the handler (e.g. WAL recovery by another process), with a
// bounded total time so a stuck peer becomes a message instead of a hang.
template <typename Fn>
int retryBusy(Fn&& fn)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kBusyWaitMs);
    int rc = fn();
    while (isBusy(rc) && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        rc = fn();
    }
    return rc;
}

// sg_sha256(text): lowercase hex SHA-256 of its argument's bytes; NULL for NULL, so a chain
// entry for a row that cannot be serialised fails its NOT NULL instead of hashing nothing.
// The audit chain's triggers call it (core/store/AuditChain.h). Marked innocuous, which it
// is (pure, no side effect): with trusted_schema=OFF SQLite refuses any other function in a
// trigger.
void sqlSha256(sqlite3_context* ctx, int, sqlite3_value** argv)
{
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    const auto* bytes = static_cast<const char*>(sqlite3_value_blob(argv[0]));
    const int size = sqlite3_value_bytes(argv[0]);
    try {
        const std::string hex = sha256Hex(std::string_view(bytes ? bytes : "", static_cast<size_t>(size)));
        sqlite3_result_text(ctx, hex.data(), static_cast<int>(hex.size()), SQLITE_TRANSIENT);
    } catch (const std::exception& e) {
        sqlite3_result_error(ctx, e.what(), -1);
    }
}

// Every connection, to a file or in memory: the defensive flag (no writable_schema, no
// journal_mode=OFF, no raw page writes: the schema cannot be edited around SQL), an untrusted
// schema (triggers and views may call only innocuous functions, so a file handed to us cannot
// make its triggers call something with side effects), and the audit chain's hash function.
int hardenConnection(sqlite3* db)
{
    if (int rc = sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr); rc != SQLITE_OK)
        return rc;
    if (int rc = sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr); rc != SQLITE_OK)
        return rc;
    return sqlite3_create_function_v2(db, "sg_sha256", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
        nullptr, sqlSha256, nullptr, nullptr, nullptr);
}

} // namespace

Statement::Statement(Statement&& other) noexcept : m_stmt(other.m_stmt), m_db(other.m_db), m_rowsSeen(other.m_rowsSeen)
{
    other.m_stmt = nullptr;
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

Statement& Statement::bind(int index, std::int64_t value)
{
    if (int rc = sqlite3_bind_int64(m_stmt, index, value); rc != SQLITE_OK)
        m_db->fail(rc);
    return *this;
}

Statement& Statement::bind(int index, double value)
{
    if (int rc = sqlite3_bind_double(m_stmt, index, value); rc != SQLITE_OK)
        m_db->fail(rc);
    return *this;
}

Statement& Statement::bind(int index, const std::string& value)
{
    const int rc = sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK)
        m_db->fail(rc);
    return *this;
}

Statement& Statement::bindBlob(int index, const void* data, size_t size)
{
    const int rc = sqlite3_bind_blob64(m_stmt, index, size ? data : "", size, SQLITE_TRANSIENT);
    if (rc != SQLITE_OK)
        m_db->fail(rc);
    return *this;
}

Statement& Statement::bindColumn(int index, const Statement& from, int column)
{
    const int rc = sqlite3_bind_value(m_stmt, index, sqlite3_column_value(from.m_stmt, column));
    if (rc != SQLITE_OK)
        m_db->fail(rc);
    return *this;
}

std::string Statement::blob(int column) const
{
    const auto* p = static_cast<const char*>(sqlite3_column_blob(m_stmt, column));
    return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(m_stmt, column))) : std::string();
}

Statement& Statement::bindNull(int index)
{
    if (int rc = sqlite3_bind_null(m_stmt, index); rc != SQLITE_OK)
        m_db->fail(rc);
    return *this;
}

bool Statement::step()
{
    const int rc = m_rowsSeen ? sqlite3_step(m_stmt) : retryBusy([this] {
        const int r = sqlite3_step(m_stmt);
        if (isBusy(r))
            sqlite3_reset(m_stmt);
        return r;
    });
    if (rc == SQLITE_ROW) {
        m_rowsSeen = true;
        return true;
    }
    if (rc == SQLITE_DONE)
        return false;
    m_db->fail(rc);
}

void Statement::run()
{
    while (step()) { }
}

void Statement::reset()
{
    m_rowsSeen = false;
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::int64_t Statement::returnedId()
{
    if (!step())
        throw SqlError("internal error: an INSERT ... RETURNING returned no row");
    const std::int64_t id = integer(0);
    reset();
    return id;
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}
std::int64_t Statement::integer(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}
double Statement::real(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}

std::string Statement::text(int column) const
{
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(m_stmt, column))) : std::string();
}

std::optional<std::string> Statement::optText(int column) const
{
    return isNull(column) ? std::nullopt : std::optional<std::string>(text(column));
}

std::optional<double> Statement::optReal(int column) const
{
    return isNull(column) ? std::nullopt : std::optional<double>(real(column));
}

std::optional<std::int64_t> Statement::optInteger(int column) const
{
    return isNull(column) ? std::nullopt : std::optional<std::int64_t>(integer(column));
}

std::string SqliteConnection::readFileHeader(const std::string& path, int size)
{
    sqlite3_vfs* vfs = sqlite3_vfs_find(nullptr);
    if (!vfs || size <= 0)
        return {};
    auto* file = static_cast<sqlite3_file*>(sqlite3_malloc(vfs->szOsFile));
    if (!file)
        return {};
    // The VFS may look past the name's end for URI parameters: end it with several NULs.
    std::string name = path;
    name.append(4, '\0');
    int outFlags = 0;
    std::string header;
    if (vfs->xOpen(vfs, name.c_str(), file, SQLITE_OPEN_READONLY | SQLITE_OPEN_MAIN_DB, &outFlags) == SQLITE_OK) {
        sqlite3_int64 fileSize = 0;
        if (file->pMethods->xFileSize(file, &fileSize) == SQLITE_OK) {
            header.assign(static_cast<size_t>(std::min<sqlite3_int64>(fileSize, size)), '\0');
            if (!header.empty() &&
                file->pMethods->xRead(file, header.data(), static_cast<int>(header.size()), 0) != SQLITE_OK)
                header.clear();
        }
        file->pMethods->xClose(file);
    }
    sqlite3_free(file);
    return header;
}

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::open(const std::string& path, OpenMode mode)
{
    int flags = SQLITE_OPEN_NOMUTEX; // one connection per thread (docs/architecture.md)
    flags |= mode == OpenMode::ReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (mode == OpenMode::Create)
        flags |= SQLITE_OPEN_CREATE;
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        const std::string why = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        sqlite3_close(db);
        return Error {"cannot open the project file " + path + ": " + why};
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, kBusyWaitMs);
    if (int hardened = hardenConnection(db); hardened != SQLITE_OK) {
        const std::string why = sqlite3_errstr(hardened);
        sqlite3_close(db);
        return Error {"cannot open the project file " + path + " safely: " + why};
    }
    return std::unique_ptr<SqliteConnection>(new SqliteConnection(db, path, mode == OpenMode::ReadOnly));
}

std::unique_ptr<SqliteConnection> SqliteConnection::memoryCopy()
{
    sqlite3* memory = nullptr;
    if (int rc = sqlite3_open_v2(":memory:", &memory, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
        rc != SQLITE_OK) {
        sqlite3_close(memory);
        fail(rc);
    }
    std::unique_ptr<SqliteConnection> copy(new SqliteConnection(memory, m_path, true)); // read-only for messages
    sqlite3_extended_result_codes(memory, 1);
    if (int rc = hardenConnection(memory); rc != SQLITE_OK)
        copy->fail(rc);
    sqlite3_backup* backup = sqlite3_backup_init(memory, "main", m_db, "main");
    if (!backup)
        copy->fail(sqlite3_extended_errcode(memory));
    const int rc = retryBusy([&] { return sqlite3_backup_step(backup, -1); });
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE)
        fail(rc);
    return copy;
}

void SqliteConnection::copyToFile(const std::string& target)
{
    Statement st = prepare("VACUUM INTO ?");
    st.bind(1, target).run();
}

SqliteConnection::~SqliteConnection()
{
    sqlite3_close_v2(m_db);
}

void SqliteConnection::exec(const std::string& sql)
{
    const int rc = retryBusy([&] { return sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, nullptr); });
    if (rc != SQLITE_OK)
        fail(rc);
}

Statement SqliteConnection::prepare(const std::string& sql)
{
    sqlite3_stmt* stmt = nullptr;
    const int rc = retryBusy([&] { return sqlite3_prepare_v2(m_db, sql.c_str(), -1, &stmt, nullptr); });
    if (rc != SQLITE_OK)
        fail(rc);
    return Statement(stmt, *this);
}

std::int64_t SqliteConnection::queryInt(const std::string& sql)
{
    Statement st = prepare(sql);
    return st.step() ? st.integer(0) : 0;
}

std::string SqliteConnection::queryText(const std::string& sql)
{
    Statement st = prepare(sql);
    return st.step() ? st.text(0) : std::string();
}

std::int64_t SqliteConnection::lastInsertId() const
{
    return sqlite3_last_insert_rowid(m_db);
}
int SqliteConnection::changes() const
{
    return sqlite3_changes(m_db);
}

std::string SqliteConnection::describe(int rc) const
{
    const int primary = rc & 0xff;
    if (isBusy(rc))
        return "the project file " + m_path + " stayed in use by another program for " +
            std::to_string(kBusyWaitMs / 1000) + " s; nothing was saved by this step, try again";
    if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
        return "the project file " + m_path + " is damaged (" + sqlite3_errmsg(m_db) + ")";
    if (primary == SQLITE_FULL)
        return "the disk holding " + m_path + " is full; free some space and try again";
    if (primary == SQLITE_READONLY && m_readOnly)
        return "the project file " + m_path + " is open read-only here (this step only reads it); nothing was written";
    if (primary == SQLITE_READONLY || primary == SQLITE_CANTOPEN || primary == SQLITE_PERM)
        return "cannot write the project file " + m_path + " (" + sqlite3_errmsg(m_db) +
            "); check the file and folder permissions";
    return "project file " + m_path + ": " + sqlite3_errmsg(m_db);
}

void SqliteConnection::fail(int rc) const
{
    throw SqlError(describe(rc));
}

Transaction::Transaction(SqliteConnection& db) : m_db(db)
{
    m_db.exec("BEGIN IMMEDIATE");
    m_open = true;
}

Transaction::~Transaction()
{
    if (m_open) {
        try {
            m_db.exec("ROLLBACK");
        } catch (const SqlError&) { // SQLite may have rolled back already (e.g. after SQLITE_FULL)
        }
    }
}

void Transaction::commit()
{
    m_db.exec("COMMIT");
    m_open = false;
}

} // namespace sg::core
