#include "core/store/Deidentify.h"

#include "core/labels/IdentityTokens.h"
#include "core/store/StoreInternal.h"
#include "core/util/Crypto.h"

#include <algorithm>
#include <set>

namespace sg::core {
namespace {

// Each kind of value gets its own prefix: a name word and an ID never share a hash by accident.
std::string nameWordHash(std::string_view secret, const std::string& word)
{
    return hmacSha256Hex(secret, "name:" + word);
}

std::string idHash(std::string_view secret, const std::string& folded)
{
    return hmacSha256Hex(secret, "id:" + folded);
}

std::string joined(const std::vector<std::string>& words, size_t from, size_t count)
{
    std::string out;
    for (size_t i = from; i < from + count; ++i)
        out += words[i];
    return out;
}

// One- and two-letter words are initials, grades and levels ("A", "L4"): too common to refuse.
constexpr size_t kShortestNameWord = 2;
constexpr size_t kLongestIdWords = 4;

} // namespace

std::string uidHash(std::string_view secret, std::string_view uid)
{
    return hmacSha256Hex(secret, uid);
}

std::vector<std::string> identityHashes(
    std::string_view secret, std::string_view patientName, std::string_view patientId)
{
    std::set<std::string> hashes;
    for (const std::string& word : identityTokens(patientName))
        if (word.size() >= kShortestNameWord)
            hashes.insert(nameWordHash(secret, word));
    const std::vector<std::string> idWords = identityTokens(patientId);
    if (!idWords.empty())
        hashes.insert(idHash(secret, joined(idWords, 0, idWords.size())));
    return {hashes.begin(), hashes.end()};
}

bool mentionsIdentity(std::string_view secret, std::string_view text, const std::vector<std::string>& hashes)
{
    if (hashes.empty() || text.empty())
        return false;
    const std::set<std::string> known(hashes.begin(), hashes.end());
    const std::vector<std::string> words = identityTokens(text);
    for (size_t i = 0; i < words.size(); ++i) {
        if (words[i].size() >= kShortestNameWord && known.count(nameWordHash(secret, words[i])))
            return true;
        for (size_t n = 1; n <= kLongestIdWords && i + n <= words.size(); ++n)
            if (known.count(idHash(secret, joined(words, i, n))))
                return true;
    }
    return false;
}

namespace store {

std::string projectSecret(SqliteConnection& db)
{
    const std::string secret = db.queryText("SELECT value FROM setting WHERE key = 'uid_secret'");
    if (secret.empty())
        throw std::runtime_error("the project " + db.path() + " has no de-identification secret (damaged?)");
    return secret;
}

void storeIdentityHashes(SqliteConnection& db, std::int64_t studyId, const std::string& secret,
    const std::string& patientName, const std::string& patientId)
{
    Statement ins = db.prepare("INSERT OR IGNORE INTO study_identity(study_id, hash) VALUES(?, ?)");
    for (const std::string& hash : identityHashes(secret, patientName, patientId)) {
        ins.reset();
        ins.bind(1, studyId).bind(2, hash).run();
    }
}

void checkCommentIdentity(SqliteConnection& db, std::int64_t itemId, const std::string& text)
{
    if (text.empty())
        return;
    Statement st = db.prepare("SELECT h.hash FROM item i JOIN slice s ON s.id = i.slice_id "
                              "JOIN series se ON se.id = s.series_id JOIN study_identity h ON h.study_id = se.study_id "
                              "WHERE i.id = ?");
    st.bind(1, itemId);
    std::vector<std::string> hashes;
    while (st.step())
        hashes.push_back(st.text(0));
    if (mentionsIdentity(projectSecret(db), text, hashes))
        throw std::runtime_error(kCommentNamesPatient);
}

void deidentifyExisting(SqliteConnection& db)
{
    // A secret for the keyed hashes and an id for per-machine settings, drawn once per project.
    Statement setting = db.prepare("INSERT OR IGNORE INTO setting(key, value) VALUES(?, ?)");
    setting.bind(1, "uid_secret").bind(2, randomHex(32)).run();
    setting.reset();
    setting.bind(1, "project_id").bind(2, randomHex(16)).run();
    const std::string secret = projectSecret(db);

    // The study's PatientName and PatientID live on only as keyed hashes, for the comment check.
    {
        Statement studies = db.prepare("SELECT id, patient_name, patient_id FROM study");
        while (studies.step())
            storeIdentityHashes(db, studies.integer(0), secret, studies.text(1), studies.text(2));
    }
    // Every UID replaced by its keyed hash, in place: row ids, and so every label, stay.
    for (const auto& [table, column] :
        {std::pair {"study", "study_uid"}, std::pair {"series", "series_uid"}, std::pair {"slice", "sop_uid"}}) {
        std::vector<std::pair<std::int64_t, std::string>> rows;
        Statement read = db.prepare(std::string("SELECT id, ") + column + " FROM " + table);
        while (read.step())
            rows.emplace_back(read.integer(0), read.text(1));
        Statement write = db.prepare(std::string("UPDATE ") + table + " SET " + column + " = ? WHERE id = ?");
        for (const auto& [id, uid] : rows) {
            write.reset();
            write.bind(1, uidHash(secret, uid)).bind(2, id).run();
        }
    }
    // The identifying columns go (their values would stay in free pages: the caller VACUUMs).
    db.exec("ALTER TABLE study DROP COLUMN patient_name; ALTER TABLE study DROP COLUMN patient_id; "
            "ALTER TABLE study DROP COLUMN study_date; ALTER TABLE study DROP COLUMN description; "
            "ALTER TABLE series DROP COLUMN description;");
}

} // namespace store
} // namespace sg::core
