#pragma once
// One labeling project = one SQLite file (schema in Schema.h). Every public function is a
// complete operation: writes are one transaction, committed before the function returns,
// and failures come back as values with a message naming the file.
//
// Blinding lives here: functions that show labels take `as`, the analyzer looking. An
// analyzer sees and changes only their own labels; a lead sees all.
#include "core/store/ProjectTypes.h"
#include "core/study/Study.h"
#include "core/util/Progress.h"
#include "core/util/Result.h"
#include "core/util/Status.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sg::core {

class SqliteConnection;

struct OpenOptions {
    bool fullDurability = true; // synchronous=FULL: a committed label survives a power cut
    // For a step that only reads (stats, report, labels export, the sign-in list): SQLite opens
    // the file read-only and nothing is migrated; an older file is read through a migrated
    // copy in memory. Every write then fails with a message.
    bool readOnly = false;
    // The import root on this machine: every slice's file is ROOT/its relative path. Empty:
    // the folder each study was imported from (as recorded at import). README "De-identification".
    std::string root;
};

class ProjectStore {
public:
    // create refuses an existing file; open refuses a missing, foreign, newer or damaged file
    // and leaves it byte-for-byte unchanged. A read-write open migrates an older file forward,
    // after a consistent copy of it was written to PATH.v<old version>.bak (migrationBackup());
    // a read-only open never changes the file.
    static Result<std::unique_ptr<ProjectStore>> create(const std::string& path, OpenOptions options = {});
    static Result<std::unique_ptr<ProjectStore>> open(const std::string& path, OpenOptions options = {});
    ~ProjectStore();

    const std::string& path() const { return m_path; }
    // The copy made before this open migrated the file; empty when nothing was migrated.
    const std::string& migrationBackup() const { return m_migrationBackup; }
    int schemaVersion(); // 0 if it cannot be read
    // Changes whenever another connection (this process or another) commits to the file;
    // a cheap poll for a view that must follow labels given elsewhere (PRAGMA data_version).
    Result<std::int64_t> dataVersion();

    // Studies. `root` is the folder the user imported (paths are stored relative to it).
    // One transaction; `progress` hears (slices done, slices); cancelled, nothing is imported.
    Result<ImportSummary> importScan(
        const ScanResult& scan, const std::string& root, Progress& progress = Progress::none());
    // The folder moved: match the rescanned files to the project's slices by SOP instance UID.
    Result<RelinkSummary> relink(const ScanResult& rescan, const std::string& newRoot);
    Result<int> sliceCount();

    // Analyzers.
    Result<Analyzer> addAnalyzer(const std::string& name, Role role);
    Result<std::optional<Analyzer>> findAnalyzer(const std::string& name);
    Result<Analyzer> ensureAnalyzer(const std::string& name, Role roleIfNew = Role::Analyzer);
    Result<std::vector<Analyzer>> analyzers();

    // Items (built by buildWorklist in Worklist.h).
    Result<std::vector<Item>> items();
    // By the slice's SOP Instance UID in clear (hashed with the project's secret to find it).
    Result<std::optional<Item>> findItem(const std::string& sopInstanceUid);
    Result<Item> item(std::int64_t itemId);

    // Corrects the level of the stack (one disc) that holds the item: every slice of that
    // stack gets `level` (nullopt: unassigned), recorded append-only with who and when.
    // Levels are not labels: any analyzer may correct one, and everyone sees it.
    // Returns the number of slices changed.
    Result<int> correctStackLevel(const Analyzer& as, std::int64_t itemId, std::optional<Level> level);

    // Settings. Assisted: analyzers see the CNN's grade; off by default (blind study).
    Result<bool> assisted();
    Status setAssisted(bool on);
    // Blinded re-reads (intra-rater reliability): share in [0, 0.5], gap >= 1. The worklist
    // schedules them when it is built (and for an analyzer added later); changing them is
    // refused once labeling has started.
    Result<RereadSettings> rereadSettings();
    Status setRereadSettings(const RereadSettings& settings);

    // Labels. saveLabel validates, upserts and appends the audit row in one transaction;
    // the stored label (with its timestamp) is returned.
    // `read` says which read of the item: the first (what every statistic between raters
    // uses) or the blinded re-read, stored apart so it never overwrites the first.
    Result<Label> saveLabel(const Analyzer& as, const Label& label, ReadKind read = ReadKind::First);
    Status clearLabel(const Analyzer& as, std::int64_t itemId, std::int64_t ownerId, ReadKind read = ReadKind::First);
    Result<std::optional<Label>> label(
        const Analyzer& as, std::int64_t itemId, std::int64_t ownerId, ReadKind read = ReadKind::First);
    // own, or all for a lead
    Result<std::vector<Label>> labels(const Analyzer& as, ReadKind read = ReadKind::First);
    Result<std::vector<HistoryEntry>> history(const Analyzer& as, std::int64_t itemId);
    // The label's row version: the id of its newest audit row (0: never labeled). Any change
    // by any connection (another window, an import, an undo) gives a larger one.
    Result<std::int64_t> labelVersion(
        const Analyzer& as, std::int64_t itemId, std::int64_t ownerId, ReadKind read = ReadKind::First);
    // Undo/redo `as`'s own changes, newest first; each is a new, audited change.
    Result<UndoOutcome> undo(const Analyzer& as);
    Result<UndoOutcome> redo(const Analyzer& as);

    // Predictions (any number of models per item) and the lead's consensus.
    Status savePrediction(const Prediction& prediction);
    // Many predictions in one transaction (a worker's batch): all are stored or none.
    Status savePredictions(const std::vector<Prediction>& predictions);
    // Refuses a model name that would pass for an analyzer or the consensus in the statistics
    // (core/labels/RaterName.h); savePredictions checks it too, this is for asking early.
    Status checkModelName(const std::string& modelName);
    // Items that already hold a prediction of this model and version (no need to run it again).
    Result<std::vector<std::int64_t>> predictedItems(const std::string& modelName, const std::string& modelVersion);
    // An analyzer in a blind project gets the patch and canal, not the grade probabilities.
    Result<std::vector<Prediction>> predictions(const Analyzer& as, std::int64_t itemId);
    // The consensus with its history and undo: core/store/ConsensusStore.h. saveConsensus is
    // setConsensus with reason code `other` when none is given; consensus is readConsensus.
    Status saveConsensus(const Analyzer& lead, const Consensus& consensus);
    Result<std::optional<Consensus>> consensus(const Analyzer& as, std::int64_t itemId);

    // De-identification (core/store/Deidentify.h). The keyed hash of a DICOM UID under this
    // project's secret, as items carry it; the project's random id (per-machine settings such
    // as the import root are kept under it); the secret itself, for ItemKeys::find.
    std::string uidHash(std::string_view uid) const;
    const std::string& projectId() const { return m_projectId; }
    const std::string& uidSecret() const { return m_secret; }
    // A slice's file on this machine: the root given at open, else the one recorded at import.
    std::string resolveFile(const std::string& recordedRoot, const std::string& relativePath) const;
    // The folder(s) the studies were imported from, as recorded (the default import root).
    Result<std::vector<std::string>> recordedRoots();

    // For the other classes of core/store (Worklist, LabelImport): the open connection.
    SqliteConnection& connection() { return *m_db; }

private:
    ProjectStore(std::unique_ptr<SqliteConnection> db, std::string path);
    static Result<std::unique_ptr<ProjectStore>> connect(const std::string& path, OpenOptions options, bool create);
    static Result<std::unique_ptr<ProjectStore>> connectReadOnly(
        const std::string& path, int version, const OpenOptions& options);
    void loadIdentity(const OpenOptions& options); // the secret, the project id, the root (throws)
    Result<UndoOutcome> revert(const Analyzer& as, bool redo);

    std::unique_ptr<SqliteConnection> m_db;
    std::string m_path;
    std::string m_migrationBackup;
    std::string m_secret;
    std::string m_projectId;
    std::string m_root;
};

std::string_view roleName(Role role); // "analyzer", "lead"

} // namespace sg::core
