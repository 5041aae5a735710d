#include "core/store/Schema.h"

#include "core/store/AuditChain.h"
#include "core/store/StoreInternal.h"

#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <sstream>

namespace sg::core {
namespace {

// Version 1: studies, slices, items, analyzers, labels and their audit history.
const char* kV1 = R"sql(
CREATE TABLE import_root(id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, imported_at TEXT NOT NULL);
CREATE TABLE study(id INTEGER PRIMARY KEY, study_uid TEXT NOT NULL UNIQUE, patient_id TEXT NOT NULL DEFAULT '',
    patient_name TEXT NOT NULL DEFAULT '', study_date TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '');
CREATE TABLE series(id INTEGER PRIMARY KEY, study_id INTEGER NOT NULL REFERENCES study(id),
    series_uid TEXT NOT NULL UNIQUE, number INTEGER NOT NULL DEFAULT 0, description TEXT NOT NULL DEFAULT '',
    modality TEXT NOT NULL DEFAULT '');
-- A slice is found again after its folder moved by its SOP UID; the path is kept relative to
-- the imported root so relinking only changes the root.
CREATE TABLE slice(id INTEGER PRIMARY KEY, series_id INTEGER NOT NULL REFERENCES series(id),
    root_id INTEGER NOT NULL REFERENCES import_root(id), rel_path TEXT NOT NULL, sop_uid TEXT NOT NULL UNIQUE,
    instance_number INTEGER NOT NULL DEFAULT 0, stack_index INTEGER NOT NULL, slice_index INTEGER NOT NULL,
    level TEXT);
CREATE TABLE item(id INTEGER PRIMARY KEY, slice_id INTEGER NOT NULL UNIQUE REFERENCES slice(id));
CREATE TABLE analyzer(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK(role IN ('analyzer', 'lead')));
CREATE TABLE worklist_entry(analyzer_id INTEGER NOT NULL REFERENCES analyzer(id),
    item_id INTEGER NOT NULL REFERENCES item(id), position INTEGER NOT NULL,
    PRIMARY KEY(analyzer_id, item_id), UNIQUE(analyzer_id, position));
CREATE TABLE label(item_id INTEGER NOT NULL REFERENCES item(id), analyzer_id INTEGER NOT NULL REFERENCES analyzer(id),
    patch_x REAL, patch_y REAL, patch_w REAL, patch_h REAL,
    canal TEXT CHECK(canal IN ('rootlet', 'cord')),
    grade TEXT CHECK(grade IN ('A', 'B', 'C', 'D')),
    subgrade INTEGER CHECK(subgrade BETWEEN 1 AND 4),
    comment TEXT NOT NULL DEFAULT '', seconds REAL NOT NULL DEFAULT 0, updated_at TEXT NOT NULL,
    PRIMARY KEY(item_id, analyzer_id),
    CHECK(grade IS NULL OR canal IS NOT 'cord'),
    CHECK(subgrade IS NULL OR grade = 'A'));
-- Who changed which label when, from what to what (JSON, NULL = no label). Append-only:
-- the triggers below refuse any UPDATE or DELETE, so the history cannot be rewritten.
CREATE TABLE label_history(id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL REFERENCES item(id),
    analyzer_id INTEGER NOT NULL REFERENCES analyzer(id), changed_by INTEGER NOT NULL REFERENCES analyzer(id),
    changed_at TEXT NOT NULL, action TEXT NOT NULL CHECK(action IN ('set', 'undo', 'redo', 'import')),
    target INTEGER REFERENCES label_history(id), old_value TEXT, new_value TEXT);
CREATE INDEX label_history_by_changer ON label_history(changed_by, id);
CREATE INDEX label_history_by_item ON label_history(item_id, id);
CREATE TRIGGER label_history_no_update BEFORE UPDATE ON label_history
    BEGIN SELECT RAISE(ABORT, 'the label history is append-only'); END;
CREATE TRIGGER label_history_no_delete BEFORE DELETE ON label_history
    BEGIN SELECT RAISE(ABORT, 'the label history is append-only'); END;
)sql";

// Version 2: project settings (assisted mode, worklist seed), CNN predictions, consensus.
const char* kV2 = R"sql(
CREATE TABLE setting(key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO setting(key, value) VALUES ('assisted', '0');
CREATE TABLE prediction(id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL REFERENCES item(id),
    model_name TEXT NOT NULL, model_version TEXT NOT NULL,
    patch_x REAL, patch_y REAL, patch_w REAL, patch_h REAL,
    canal_probs TEXT NOT NULL DEFAULT '', grade_probs TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL,
    UNIQUE(item_id, model_name, model_version));
CREATE TABLE consensus(item_id INTEGER PRIMARY KEY REFERENCES item(id),
    canal TEXT CHECK(canal IN ('rootlet', 'cord')), grade TEXT CHECK(grade IN ('A', 'B', 'C', 'D')),
    subgrade INTEGER CHECK(subgrade BETWEEN 1 AND 4), reason TEXT NOT NULL DEFAULT '',
    decided_by INTEGER NOT NULL REFERENCES analyzer(id), decided_at TEXT NOT NULL,
    CHECK(grade IS NULL OR canal IS NOT 'cord'));
)sql";

// Version 3: level corrections. A slice's level comes from the scanner's stack order; an
// analyzer who sees it is wrong corrects it for the whole stack (one disc), and who did
// what when is kept append-only like the label history.
const char* kV3 = R"sql(
CREATE TABLE level_change(id INTEGER PRIMARY KEY, series_id INTEGER NOT NULL REFERENCES series(id),
    stack_index INTEGER NOT NULL, old_level TEXT, new_level TEXT,
    changed_by INTEGER NOT NULL REFERENCES analyzer(id), changed_at TEXT NOT NULL);
CREATE TRIGGER level_change_no_update BEFORE UPDATE ON level_change
    BEGIN SELECT RAISE(ABORT, 'the level history is append-only'); END;
CREATE TRIGGER level_change_no_delete BEFORE DELETE ON level_change
    BEGIN SELECT RAISE(ABORT, 'the level history is append-only'); END;
)sql";

// Version 4 (branch review-core, issue 11): the lead's review.
// - Slices keep their pixel spacing (mm; PixelSpacing[0] between rows, [1] between columns) so
//   the review can tell patch centres more than 3 mm apart; NULL for slices imported earlier
//   until the folder is imported again.
// - A consensus has a patch and a reason code from the fixed list (core/labels/ConsensusReason.h)
//   beside its free text, and an append-only history like labels: who changed which decision
//   when, from what to what (JSON, NULL = no decision). Decisions made before this version get
//   one 'import' row each, so every decision in the table has its trace.
const char* kV4Review = R"sql(
ALTER TABLE slice ADD COLUMN row_spacing REAL;
ALTER TABLE slice ADD COLUMN column_spacing REAL;
ALTER TABLE consensus ADD COLUMN patch_x REAL;
ALTER TABLE consensus ADD COLUMN patch_y REAL;
ALTER TABLE consensus ADD COLUMN patch_w REAL;
ALTER TABLE consensus ADD COLUMN patch_h REAL;
ALTER TABLE consensus ADD COLUMN reason_code TEXT CHECK(reason_code IN ('anatomical_variation', 'image_quality',
    'borderline_grade', 'reader_error', 'level_mismatch', 'other'));
CREATE TABLE consensus_history(id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL REFERENCES item(id),
    changed_by INTEGER NOT NULL REFERENCES analyzer(id), changed_at TEXT NOT NULL,
    action TEXT NOT NULL CHECK(action IN ('set', 'undo', 'redo', 'import')),
    target INTEGER REFERENCES consensus_history(id), old_value TEXT, new_value TEXT);
CREATE INDEX consensus_history_by_changer ON consensus_history(changed_by, id);
CREATE INDEX consensus_history_by_item ON consensus_history(item_id, id);
CREATE TRIGGER consensus_history_no_update BEFORE UPDATE ON consensus_history
    BEGIN SELECT RAISE(ABORT, 'the consensus history is append-only'); END;
CREATE TRIGGER consensus_history_no_delete BEFORE DELETE ON consensus_history
    BEGIN SELECT RAISE(ABORT, 'the consensus history is append-only'); END;
INSERT INTO consensus_history(item_id, changed_by, changed_at, action, old_value, new_value)
    SELECT item_id, decided_by, decided_at, 'import', NULL,
        json_object('canal', canal, 'grade', grade, 'subgrade', subgrade, 'patch', NULL, 'reason_code', NULL,
            'reason', reason, 'decided_by', decided_by, 'decided_at', decided_at)
    FROM consensus ORDER BY item_id;
)sql";

// Version 5 (intra-rater re-reads):
// a share of each analyzer's items comes back later in their order as a blinded second read.
// The re-read's entry and label live in tables of their own, so every query of the first
// reads (statistics, export, review) stays as it was and a re-read never overwrites the
// first read. Their history rows go into the one append-only label_history, flagged, so
// undo/redo replays both in the order they were made.
const char* kV5Rereads = R"sql(
INSERT OR IGNORE INTO setting(key, value) VALUES ('reread_share', '0'), ('reread_gap', '20');
CREATE TABLE reread_entry(analyzer_id INTEGER NOT NULL REFERENCES analyzer(id),
    item_id INTEGER NOT NULL REFERENCES item(id), position INTEGER NOT NULL,
    PRIMARY KEY(analyzer_id, item_id), UNIQUE(analyzer_id, position));
CREATE TABLE reread_label(item_id INTEGER NOT NULL REFERENCES item(id),
    analyzer_id INTEGER NOT NULL REFERENCES analyzer(id),
    patch_x REAL, patch_y REAL, patch_w REAL, patch_h REAL,
    canal TEXT CHECK(canal IN ('rootlet', 'cord')),
    grade TEXT CHECK(grade IN ('A', 'B', 'C', 'D')),
    subgrade INTEGER CHECK(subgrade BETWEEN 1 AND 4),
    comment TEXT NOT NULL DEFAULT '', seconds REAL NOT NULL DEFAULT 0, updated_at TEXT NOT NULL,
    PRIMARY KEY(item_id, analyzer_id),
    CHECK(grade IS NULL OR canal IS NOT 'cord'),
    CHECK(subgrade IS NULL OR grade = 'A'));
ALTER TABLE label_history ADD COLUMN reread INTEGER NOT NULL DEFAULT 0 CHECK(reread IN (0, 1));
)sql";

// Version 6 (branch audit, issue 13): the tamper-evident audit (core/store/AuditChain.h).
// - A label import records who imported it (imported_by), beside the rater it names.
// - audit_chain links every history row, append-only like the rows themselves; the chain's
//   triggers and the backfill of the existing rows follow, generated from chainedTables().
const char* kV6Audit = R"sql(
ALTER TABLE label_history ADD COLUMN imported_by INTEGER REFERENCES analyzer(id);
CREATE TABLE audit_chain(seq INTEGER PRIMARY KEY, table_name TEXT NOT NULL, row_id INTEGER NOT NULL,
    prev_hash TEXT NOT NULL, row_hash TEXT NOT NULL, UNIQUE(table_name, row_id));
CREATE TRIGGER audit_chain_no_update BEFORE UPDATE ON audit_chain
    BEGIN SELECT RAISE(ABORT, 'the audit chain is append-only'); END;
CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain
    BEGIN SELECT RAISE(ABORT, 'the audit chain is append-only'); END;
)sql";

// The triggers a file of `version` must hold, by name with their SQL: those of a new
// database migrated to that version (computed once per version).
std::map<std::string, std::string> expectedTriggers(int version)
{
    static std::mutex mutex;
    static std::map<int, std::map<std::string, std::string>> cache;
    std::lock_guard lock(mutex);
    if (auto known = cache.find(version); known != cache.end())
        return known->second;
    auto db = SqliteConnection::open(":memory:", OpenMode::Create);
    if (!db)
        throw SqlError(db.error());
    migrate(**db, version);
    std::map<std::string, std::string> triggers;
    Statement st = (*db)->prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'");
    while (st.step())
        triggers[st.text(0)] = st.text(1);
    return cache[version] = triggers;
}

// Version 7 (issue 13, sign-in and roles): every person of a project has a passphrase, kept
// only as a slow salted hash (Argon2id, core/util/Crypto.h). NULL: not set yet, i.e. an
// analyzer the lead invited who has not signed in, or anyone from before this version (they
// set it at their first sign-in; see README, "Sign-in"). Who became what, who invited whom,
// whose passphrase was set, and every change of a setting (assisted/blind, re-reads) are
// append-only rows of person_event; the settings' rows come from triggers, so no path that
// writes a setting can skip them. Their values are JSON objects built by hand: with
// trusted_schema=OFF (SqliteConnection) SQLite refuses JSON functions inside a trigger.
// The de-identification secret (uid_secret, version 8) is a
// setting too, but its value must not be copied into a history row.
const char* kV7Auth = R"sql(
ALTER TABLE analyzer ADD COLUMN passphrase_hash TEXT;
CREATE TABLE person_event(id INTEGER PRIMARY KEY, person_id INTEGER REFERENCES analyzer(id),
    changed_by INTEGER REFERENCES analyzer(id), changed_at TEXT NOT NULL,
    action TEXT NOT NULL CHECK(action IN ('create', 'invite', 'role', 'passphrase', 'setting')),
    old_value TEXT, new_value TEXT);
CREATE TRIGGER person_event_no_update BEFORE UPDATE ON person_event
    BEGIN SELECT RAISE(ABORT, 'the people history is append-only'); END;
CREATE TRIGGER person_event_no_delete BEFORE DELETE ON person_event
    BEGIN SELECT RAISE(ABORT, 'the people history is append-only'); END;
CREATE TRIGGER setting_insert_event AFTER INSERT ON setting WHEN NEW.key <> 'uid_secret'
    BEGIN INSERT INTO person_event(changed_at, action, new_value)
        VALUES(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'setting', '{"' || replace(replace(NEW.key, '\', '\\'), '"', '\"') || '":"' || replace(replace(NEW.value, '\', '\\'), '"', '\"') || '"}'); END;
CREATE TRIGGER setting_update_event AFTER UPDATE ON setting WHEN NEW.key <> 'uid_secret'
    BEGIN INSERT INTO person_event(changed_at, action, old_value, new_value)
        VALUES(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'setting', '{"' || replace(replace(OLD.key, '\', '\\'), '"', '\"') || '":"' || replace(replace(OLD.value, '\', '\\'), '"', '\"') || '"}',
            '{"' || replace(replace(NEW.key, '\', '\\'), '"', '\"') || '":"' || replace(replace(NEW.value, '\', '\\'), '"', '\"') || '"}'); END;
)sql";

// Version 8 (de-identification, issue 13; README "De-identification"): the project keeps no
// PatientName, PatientID, StudyDate, descriptions or UIDs in clear. This block makes the table
// of the keyed hashes a comment is checked against; the data step (store::deidentifyExisting,
// run right after it in the same transaction) draws the project's secret and id, hashes every
// UID in place and drops the identifying columns; migrate() then VACUUMs, so no old value is
// left in a free page of the file.
const char* kV8Deid = R"sql(
CREATE TABLE study_identity(study_id INTEGER NOT NULL REFERENCES study(id), hash TEXT NOT NULL,
    PRIMARY KEY(study_id, hash)) WITHOUT ROWID;
)sql";

// Version 9 (reader kits, issue 13).
// - A project has a random id (setting project_id) that its reader kits carry, so a kit is
//   only ever received by the project that sent it.
// - kit_info and kit_image are filled only in a reader kit (core/store/ReaderKit.h), a file
//   with this schema that holds one analyzer's worklist, their labels and the pixels of their
//   slices; in a project they stay empty.
// - kit_receipt records each kit history row merged into a project (by kit id and the row's
//   id in the kit), so receiving the same kit again changes nothing; kit_import logs who
//   received which kit when.
const char* kV9Kits = R"sql(
INSERT OR IGNORE INTO setting(key, value) VALUES ('project_id', lower(hex(randomblob(16))));
CREATE TABLE kit_info(kit_id TEXT PRIMARY KEY, project_id TEXT NOT NULL, analyzer_id INTEGER NOT NULL,
    analyzer_name TEXT NOT NULL, assisted INTEGER NOT NULL CHECK(assisted IN (0, 1)), created_at TEXT NOT NULL,
    base_history_id INTEGER NOT NULL);
CREATE TABLE kit_image(item_id INTEGER PRIMARY KEY REFERENCES item(id), rows INTEGER NOT NULL,
    columns INTEGER NOT NULL, pixel_type TEXT NOT NULL CHECK(pixel_type IN ('int16', 'uint16')),
    row_spacing REAL NOT NULL, column_spacing REAL NOT NULL, origin TEXT NOT NULL, orientation TEXT NOT NULL,
    rescale_slope REAL NOT NULL, rescale_intercept REAL NOT NULL, window_center REAL, window_width REAL,
    encoding TEXT NOT NULL CHECK(encoding IN ('raw', 'zlib')), pixels BLOB NOT NULL);
CREATE TABLE kit_import(id INTEGER PRIMARY KEY, kit_id TEXT NOT NULL, analyzer_id INTEGER NOT NULL REFERENCES analyzer(id),
    imported_by INTEGER REFERENCES analyzer(id), imported_at TEXT NOT NULL, merged_rows INTEGER NOT NULL);
CREATE TABLE kit_receipt(kit_id TEXT NOT NULL, kit_row INTEGER NOT NULL,
    history_id INTEGER NOT NULL REFERENCES label_history(id), PRIMARY KEY(kit_id, kit_row));
)sql";

const std::string kUnchanged = "; it was not changed";

} // namespace

const std::vector<std::string>& migrationSql()
{
    static const std::vector<std::string> all {kV1, kV2, kV3, kV4Review, kV5Rereads,
        kV6Audit + auditChainMigrationSql(6), kV7Auth + auditChainMigrationSql(7), kV8Deid, kV9Kits};
    return all;
}

Result<int> inspectProjectFile(const std::string& path)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return Error {
            "no project file " + path + " (create one with `spinegrade-cli project create --db " + path + "`)"};
    // Look at the header ourselves: SQLite would call an empty or foreign file a database.
    // Through SQLite's file layer, not an ifstream: see SqliteConnection::readFileHeader.
    if (SqliteConnection::readFileHeader(path, 16) != std::string("SQLite format 3\0", 16))
        return Error {path + " is not a SpineGrade project (not an SQLite database)" + kUnchanged};

    auto db = SqliteConnection::open(path, OpenMode::ReadOnly);
    if (!db)
        return Error {db.error()};
    try {
        const int appId = static_cast<int>((*db)->queryInt("PRAGMA application_id"));
        const int version = static_cast<int>((*db)->queryInt("PRAGMA user_version"));
        if (appId != kApplicationId)
            return Error {path + " is an SQLite database of another program, not a SpineGrade project" + kUnchanged};
        if (version > kSchemaVersion)
            return Error {"the project file " + path + " was written by a newer SpineGrade (schema version " +
                std::to_string(version) + ", this version reads up to " + std::to_string(kSchemaVersion) +
                "); update SpineGrade to open it" + kUnchanged};
        // quick_check reads every page (O(N)) but skips index/table cross-checks: fast enough on
        // every open for files of this size, and it catches torn or overwritten pages.
        Statement check = (*db)->prepare("PRAGMA quick_check(3)"); // the first three problems say enough
        std::string report;
        while (check.step()) {
            std::istringstream lines(check.text(0)); // one row may hold many lines
            for (std::string line; std::getline(lines, line);)
                if (line.rfind("*** in database", 0) != 0 && report.size() < 400)
                    report += (report.empty() ? "" : "; ") + line;
        }
        if (report != "ok")
            return Error {"the project file " + path + " is damaged (integrity check: " + report + ")" + kUnchanged};
        if (Status triggers = checkSchemaTriggers(**db, version); !triggers)
            return Error {triggers.error()};
        return version;
    } catch (const SqlError& e) {
        return Error {std::string(e.what()) + kUnchanged};
    }
}

Status checkSchemaTriggers(SqliteConnection& db, int version)
{
    if (version < 1 || version > kSchemaVersion)
        return Status::failure("the project file " + db.path() + " has schema version " + std::to_string(version) +
            ", which this SpineGrade does not know (it knows 1 to " + std::to_string(kSchemaVersion) + ")");
    try {
        const std::map<std::string, std::string> expected = expectedTriggers(version);
        std::map<std::string, std::string> present;
        Statement st = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'");
        while (st.step())
            present[st.text(0)] = st.text(1);
        std::string missing, altered, extra;
        auto add = [](std::string& list, const std::string& name) { list += (list.empty() ? "" : ", ") + name; };
        for (const auto& [name, sql] : expected) {
            const auto found = present.find(name);
            if (found == present.end())
                add(missing, name);
            else if (found->second != sql)
                add(altered, name);
        }
        for (const auto& [name, sql] : present)
            if (!expected.count(name))
                add(extra, name);
        if (missing.empty() && altered.empty() && extra.empty())
            return Status::success();
        std::string what;
        if (!missing.empty())
            what += "its append-only and audit triggers " + missing + " are missing";
        if (!altered.empty())
            what += (what.empty() ? "" : "; ") + std::string("the triggers ") + altered + " were altered";
        if (!extra.empty())
            what += (what.empty() ? "" : "; ") + std::string("it has triggers SpineGrade never made: ") + extra;
        return Status::failure("the project file " + db.path() + " was changed outside SpineGrade: " + what +
            ", so its history may have been rewritten. It was not opened; `spinegrade-cli audit verify --db " +
            db.path() + "` shows the first row that breaks its audit chain; restore the file from a backup");
    } catch (const std::exception& e) {
        return Status::failure("cannot check the schema of " + db.path() + ": " + e.what());
    }
}

void configureConnection(SqliteConnection& db, bool fullDurability)
{
    db.exec("PRAGMA foreign_keys = ON");
    // Deleted content is overwritten with zeros (Debian's SQLite does so by default; others may
    // not): a changed comment or a dropped identifying column leaves nothing in free pages.
    db.exec("PRAGMA secure_delete = ON");
    // WAL: readers never block the writer, and a commit appends to one file (one fsync).
    if (db.queryText("PRAGMA journal_mode") != "wal")
        db.queryText("PRAGMA journal_mode = WAL");
    db.exec(fullDurability ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
}

void migrate(SqliteConnection& db, int target)
{
    if (db.queryInt("PRAGMA user_version") >= target)
        return;
    Transaction tx(db);
    const int from = static_cast<int>(db.queryInt("PRAGMA user_version"));
    if (from >= target)
        return; // another process migrated while we waited for the lock
    for (int v = from; v < target; ++v) {
        db.exec(migrationSql()[static_cast<size_t>(v)]);
        if (v + 1 == kDeidSchemaVersion)
            store::deidentifyExisting(db);
    }
    db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
    db.exec("PRAGMA user_version = " + std::to_string(target));
    tx.commit();
    if (!db.readOnly() && from > 0 && from < kDeidSchemaVersion && target >= kDeidSchemaVersion) {
        // The dropped names and the replaced UIDs are still in free pages and in the WAL:
        // rewrite the file, then move the WAL into it and truncate it.
        db.exec("VACUUM");
        db.queryText("PRAGMA wal_checkpoint(TRUNCATE)");
    }
}

} // namespace sg::core
