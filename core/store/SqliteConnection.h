#pragma once
// The only door to SQLite in the project: a connection, prepared statements and a write
// transaction guard. Everything outside core/store sees project types, never sqlite3.h.
// Inside core/store, SQL failures travel as SqlError and are turned into Result/Status at
// the public functions of ProjectStore (the adapter boundary).
#include "core/util/Result.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

struct sqlite3;
struct sqlite3_stmt;

namespace sg::core {

class SqlError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class SqliteConnection;

class Statement {
public:
    Statement(sqlite3_stmt* stmt, const SqliteConnection& db) : m_stmt(stmt), m_db(&db) { }
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&&) = delete;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    // Parameters are 1-based like SQLite's; an empty optional binds NULL.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, const std::string& value);
    Statement& bind(int index, const char* value) { return bind(index, std::string(value)); }
    Statement& bindNull(int index);
    Statement& bindBlob(int index, const void* data, size_t size); // reader kits' pixels
    // The value of `column` of `from`'s current row, with its SQLite type (copying rows).
    Statement& bindColumn(int index, const Statement& from, int column);
    template <typename T>
    Statement& bind(int index, const std::optional<T>& value)
    {
        return value ? bind(index, *value) : bindNull(index);
    }

    bool step(); // true: a row is ready; false: done. Waits out a busy database (bounded).
    void run(); // steps a statement that returns no rows
    void reset(); // ready to run again with new bindings
    // Runs an INSERT ... RETURNING id and resets at once: a statement left mid-way would
    // keep the transaction from committing.
    std::int64_t returnedId();

    bool isNull(int column) const;
    std::int64_t integer(int column) const;
    double real(int column) const;
    std::string text(int column) const;
    std::optional<std::string> optText(int column) const;
    std::optional<double> optReal(int column) const;
    std::optional<std::int64_t> optInteger(int column) const;
    std::string blob(int column) const; // bytes of a BLOB (or of any value) as stored

private:
    sqlite3_stmt* m_stmt = nullptr;
    const SqliteConnection* m_db = nullptr;
    bool m_rowsSeen = false; // a busy step is only retried before the first row, or rows would repeat
};

enum class OpenMode { ReadOnly, ReadWrite, Create };

class SqliteConnection {
public:
    // Fails (as a value) only when the file cannot be opened at all. Every connection runs with
    // SQLITE_DBCONFIG_DEFENSIVE and trusted_schema=OFF, and has sg_sha256() for the audit
    // chain's triggers (core/store/AuditChain.h).
    static Result<std::unique_ptr<SqliteConnection>> open(const std::string& path, OpenMode mode);
    // The first `size` bytes of a file (fewer if it is shorter; empty if it cannot be read),
    // read through SQLite's own file layer. Never read a project file with a plain
    // open()/close(): closing any descriptor of a file drops every POSIX lock this process
    // holds on it, those of open connections included, and another process may then
    // checkpoint and reset the WAL under them. SQLite's layer defers such a close.
    static std::string readFileHeader(const std::string& path, int size);
    ~SqliteConnection();
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    const std::string& path() const { return m_path; }
    bool readOnly() const { return m_readOnly; }

    // A private in-memory database holding this one's committed content (SQLite's backup
    // API, a consistent snapshot), named like this one in messages, where it counts as a
    // read-only view of the file. Throws SqlError.
    std::unique_ptr<SqliteConnection> memoryCopy();
    // A consistent copy of this database in a new file (VACUUM INTO, which reads through
    // SQLite, so a live WAL is included, unlike a raw file copy). Throws SqlError.
    void copyToFile(const std::string& target);

    void exec(const std::string& sql); // one or more statements, no results
    Statement prepare(const std::string& sql);
    std::int64_t queryInt(const std::string& sql); // first column of the first row (0 if none)
    std::string queryText(const std::string& sql);
    std::int64_t lastInsertId() const;
    int changes() const;

    // A message that names the file and says what to do; never SQLite's bare "database is locked".
    std::string describe(int resultCode) const;
    [[noreturn]] void fail(int resultCode) const;

private:
    SqliteConnection(sqlite3* db, std::string path, bool readOnly)
        : m_db(db), m_path(std::move(path)), m_readOnly(readOnly)
    {
    }
    sqlite3* m_db = nullptr;
    std::string m_path;
    bool m_readOnly = false;
    friend class Statement;
};

// BEGIN IMMEDIATE: a writer takes the write lock up front, so two processes queue behind
// each other instead of one failing half-way with SQLITE_BUSY. Rolls back unless committed.
class Transaction {
public:
    explicit Transaction(SqliteConnection& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    SqliteConnection& m_db;
    bool m_open = false;
};

// How long a writer waits for another process holding the project before giving up with
// a readable message. Long, because a user would rather wait than lose a label.
inline constexpr int kBusyWaitMs = 30000;

} // namespace sg::core
