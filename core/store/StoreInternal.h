#pragma once
// Shared by the translation units of core/store only (not part of the public API).
#include "core/labels/RaterName.h"
#include "core/store/ProjectTypes.h"
#include "core/store/SqliteConnection.h"
#include "core/util/Status.h"

#include <exception>
#include <string>
#include <type_traits>
#include <vector>

namespace sg::core {
class ProjectStore;
}

namespace sg::core::store {

// Runs `fn` at the adapter boundary: SQL errors (and anything else thrown) become the
// Result/Status the caller returns, so nothing a user feeds in escapes as an exception.
template <typename Fn>
auto guarded(Fn&& fn) -> decltype(fn())
{
    using R = decltype(fn());
    try {
        return fn();
    } catch (const std::exception& e) {
        if constexpr (std::is_same_v<R, Status>)
            return Status::failure(e.what());
        else
            return Error {e.what()};
    }
}

// De-identification (Deidentify.cpp; schema 8). The project's secret for keyed hashes (throws
// if it has none). The keyed hashes of a study's PatientName words and PatientID.
std::string projectSecret(SqliteConnection& db);
void storeIdentityHashes(SqliteConnection& db, std::int64_t studyId, const std::string& secret,
    const std::string& patientName, const std::string& patientId);
// Throws (message kCommentNamesPatient) when `text` names the patient of the item's study.
void checkCommentIdentity(SqliteConnection& db, std::int64_t itemId, const std::string& text);
// Schema 8's data step, inside the migration's transaction: draws the secret and the project
// id, keeps hashes of the names and IDs, hashes every UID in place, drops the identifying columns.
void deidentifyExisting(SqliteConnection& db);

// Columns read by readItem(), in this order.
inline constexpr const char* kItemSelect =
    "SELECT i.id, s.sop_uid, se.series_uid, st.study_uid, s.level, r.path, s.rel_path, s.instance_number, st.id "
    "FROM item i JOIN slice s ON s.id = i.slice_id JOIN series se ON se.id = s.series_id "
    "JOIN study st ON st.id = se.study_id JOIN import_root r ON r.id = s.root_id ";
Item readItem(const Statement& st, const ProjectStore& project); // the file resolved by project.resolveFile

// A first read's label is in `label`, a re-read's in `reread_label` (Schema.cpp, version 4).
const char* labelTable(ReadKind read);
std::optional<Label> readLabel(
    SqliteConnection& db, std::int64_t itemId, std::int64_t ownerId, ReadKind read = ReadKind::First);
// Sets (or with no value, removes) a label and appends its audit row; the caller holds the
// transaction. Returns the history row id. `importedBy`: who ran the import that brought
// this label (action "import"), beside the rater it is changed by.
std::int64_t writeLabel(SqliteConnection& db, std::int64_t itemId, std::int64_t ownerId,
    const std::optional<Label>& value, std::int64_t changedBy, const std::string& action,
    std::optional<std::int64_t> target = std::nullopt, ReadKind read = ReadKind::First,
    std::optional<std::int64_t> importedBy = std::nullopt);
// The label's row version (newest audit row id of that read; 0: never labeled).
std::int64_t labelVersion(SqliteConnection& db, std::int64_t itemId, std::int64_t ownerId, ReadKind read);

std::string labelToJson(const Label& label);
Label labelFromJson(const std::string& json, std::int64_t itemId, std::int64_t ownerId);

// The rater's judgment columns (canal, grade, subgrade), shared by labels and consensus.
void readJudgment(const Statement& st, int firstColumn, std::optional<Canal>& canal, std::optional<Grade>& grade,
    std::optional<int>& subgrade);
void bindJudgment(Statement& st, int firstIndex, const std::optional<Canal>& canal, const std::optional<Grade>& grade,
    const std::optional<int>& subgrade);

// The consensus (ConsensusStore.cpp): the rules of a decision; set (or with no value, remove)
// one and append its history row (the caller holds the transaction); read one.
Status validateConsensus(const Consensus& c);
std::int64_t writeConsensus(SqliteConnection& db, std::int64_t itemId, const std::optional<Consensus>& value,
    std::int64_t changedBy, const std::string& action, std::optional<std::int64_t> target = std::nullopt);
std::optional<Consensus> readConsensusRow(SqliteConnection& db, std::int64_t itemId);

// "0.25,0.75" -> {0.25, 0.75}: how prediction probabilities are stored.
std::vector<double> splitProbabilities(const std::string& text);

Analyzer readAnalyzer(const Statement& st); // columns id, name, role
// The names a new rater's name must not collide with (core/labels/RaterName.h): the
// analyzers and the model names of the predictions, read inside the caller's transaction.
RaterNameContext raterNameContext(SqliteConnection& db, bool withModels = true);
// Refuses a model name that reads the same as an analyzer's or `consensus`.
Status checkModelName(SqliteConnection& db, const std::string& modelName);
RereadSettings readRereadSettings(SqliteConnection& db); // the project's (Worklist.cpp)
// Gives a new analyzer their shuffled worklist order (Worklist.cpp); caller holds the transaction.
void addWorklistEntries(SqliteConnection& db, const Analyzer& analyzer);

} // namespace sg::core::store
