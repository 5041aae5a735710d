#include "core/store/Identity.h"

#include "core/labels/Label.h"
#include "core/labels/RaterName.h"
#include "core/store/StoreInternal.h"
#include "core/util/Crypto.h"

namespace sg::core {
namespace {

using store::guarded;

struct Person {
    Analyzer who;
    std::optional<std::string> hash; // nullopt: no passphrase yet
};

// The person a typed name means: the exact name, else the one the store reads the same
// ("Ann" for "ann", core/labels/RaterName.h).
std::optional<Person> findPerson(SqliteConnection& db, const std::string& name)
{
    Statement st = db.prepare("SELECT id, name, role, passphrase_hash FROM analyzer ORDER BY id");
    std::optional<Person> similar;
    const std::string key = raterNameKey(name);
    while (st.step()) {
        Person p {store::readAnalyzer(st), st.optText(3)};
        if (p.who.name == name)
            return p;
        if (!similar && !key.empty() && raterNameKey(p.who.name) == key)
            similar = p;
    }
    return similar;
}

bool leadExists(SqliteConnection& db)
{
    return db.queryInt("SELECT COUNT(*) FROM analyzer WHERE role = 'lead'") > 0;
}

// A verification against this costs what a real one does: an unknown name is not answered faster.
const std::string& decoyHash()
{
    static const std::string hash = [] {
        auto made = hashPassphrase("no such person: a decoy for unknown names");
        return made ? *made : std::string(); // without memory for it, no hash verifies at all
    }();
    return hash;
}

// The hash of a new passphrase, or the reason it could not be made (memory).
std::string hashOrThrow(const std::string& passphrase)
{
    auto hash = hashPassphrase(passphrase);
    if (!hash)
        throw std::runtime_error(hash.error());
    return *hash;
}

void recordEvent(SqliteConnection& db, std::optional<std::int64_t> person, std::optional<std::int64_t> by,
    const std::string& action, const std::optional<std::string>& oldValue, const std::optional<std::string>& newValue)
{
    Statement st = db.prepare("INSERT INTO person_event(person_id, changed_by, changed_at, action, old_value, "
                              "new_value) VALUES(?, ?, ?, ?, ?, ?)");
    st.bind(1, person).bind(2, by).bind(3, utcNow()).bind(4, action).bind(5, oldValue).bind(6, newValue).run();
}

Status checkPassphrase(const std::string& passphrase)
{
    if (passphrase.size() < kMinPassphraseLength)
        return Status::failure("a passphrase needs at least " + std::to_string(kMinPassphraseLength) + " characters");
    return Status::success();
}

// Adds a person inside the caller's transaction: the name checked as every new rater's is,
// their worklist order made, the passphrase hash (or none: invited) stored.
Analyzer insertPerson(SqliteConnection& db, const std::string& path, const std::string& name, Role role,
    const std::optional<std::string>& hash)
{
    if (Status valid = checkNewRaterName(name, store::raterNameContext(db), "name"); !valid)
        throw std::runtime_error(valid.error() + " (" + path + ")");
    Statement ins = db.prepare("INSERT INTO analyzer(name, role, passphrase_hash) VALUES(?, ?, ?)");
    ins.bind(1, name).bind(2, std::string(roleName(role))).bind(3, hash).run();
    const Analyzer person {db.lastInsertId(), name, role};
    store::addWorklistEntries(db, person);
    return person;
}

} // namespace

Result<SignIn> signIn(ProjectStore& store, const std::string& name, const std::string& passphrase)
{
    return guarded([&]() -> Result<SignIn> {
        SqliteConnection& db = store.connection();
        const std::optional<Person> found = findPerson(db, name);
        const std::string file = store.path();
        if (found && !found->hash)
            return SignIn {SignInStatus::FirstSignIn, found->who,
                found->who.name + " has no passphrase yet: choose one now (at least " +
                    std::to_string(kMinPassphraseLength) + " characters)"};
        if (!found && !leadExists(db) && !name.empty())
            return SignIn {SignInStatus::FirstSignIn, Analyzer {0, name, Role::Analyzer},
                file + " has no lead yet, so anyone may join it: choose a passphrase to join as analyzer " + name};
        // One verification whatever the name: the time does not tell a wrong name from a wrong passphrase.
        const bool ok = verifyPassphrase(found ? *found->hash : decoyHash(), passphrase);
        if (found && ok)
            return SignIn {SignInStatus::SignedIn, found->who, {}};
        SignIn refused; // Refused, nobody
        refused.message = kSignInRefused;
        return refused;
    });
}

Result<Analyzer> authenticate(ProjectStore& store, const std::string& name, const std::string& passphrase)
{
    auto result = signIn(store, name, passphrase);
    if (!result)
        return Error {result.error()};
    switch (result->status) {
    case SignInStatus::SignedIn: return result->who;
    case SignInStatus::FirstSignIn:
        return Error {result->who.id == 0 ? std::string(kSignInRefused) + " in " + store.path()
                                          : result->who.name + " has no passphrase yet in " + store.path() +
                    ": set it once (`spinegrade-cli project passphrase --db " + store.path() + " --as " +
                    result->who.name + "`, or sign in in the GUI)"};
    case SignInStatus::Refused: break;
    }
    return Error {std::string(kSignInRefused) + " in " + store.path()};
}

Result<Analyzer> requireLead(ProjectStore& store, const std::string& name, const std::string& passphrase)
{
    auto who = authenticate(store, name, passphrase);
    if (!who)
        return who;
    if (!who->isLead())
        return Error {who->name + " is not a lead of " + store.path() + ": only a lead may do this"};
    return who;
}

Result<Analyzer> setFirstPassphrase(ProjectStore& store, const std::string& name, const std::string& passphrase)
{
    if (Status ok = checkPassphrase(passphrase); !ok)
        return Error {ok.error()};
    return guarded([&]() -> Result<Analyzer> {
        const std::string hash = hashOrThrow(passphrase); // slow: before the write lock is taken
        SqliteConnection& db = store.connection();
        Transaction tx(db);
        std::optional<Person> found = findPerson(db, name);
        if (found && found->hash)
            return Error {found->who.name + " already has a passphrase in " + store.path()};
        Analyzer who;
        if (found) {
            who = found->who;
            db.prepare("UPDATE analyzer SET passphrase_hash = ? WHERE id = ?").bind(1, hash).bind(2, who.id).run();
            recordEvent(db, who.id, who.id, "passphrase", std::nullopt, "set");
        } else {
            if (leadExists(db) || name.empty())
                return Error {std::string(kSignInRefused) + " in " + store.path() +
                    " (a lead invites analyzers: `spinegrade-cli project invite`)"};
            who = insertPerson(db, store.path(), name, Role::Analyzer, hash);
            recordEvent(db, who.id, who.id, "create", std::nullopt, "analyzer");
            recordEvent(db, who.id, who.id, "passphrase", std::nullopt, "set");
        }
        tx.commit();
        return who;
    });
}

Result<Analyzer> addLead(ProjectStore& store, const std::string& name, const std::string& passphrase)
{
    if (Status ok = checkPassphrase(passphrase); !ok)
        return Error {ok.error()};
    return guarded([&]() -> Result<Analyzer> {
        const std::string hash = hashOrThrow(passphrase);
        SqliteConnection& db = store.connection();
        Transaction tx(db);
        if (findPerson(db, name))
            return Error {"there is already someone named '" + name + "' in " + store.path()};
        const Analyzer lead = insertPerson(db, store.path(), name, Role::Lead, hash);
        recordEvent(db, lead.id, lead.id, "create", std::nullopt, "lead");
        recordEvent(db, lead.id, lead.id, "passphrase", std::nullopt, "set");
        tx.commit();
        return lead;
    });
}

Result<Analyzer> invite(ProjectStore& store, const std::optional<Analyzer>& lead, const std::string& name)
{
    return guarded([&]() -> Result<Analyzer> {
        SqliteConnection& db = store.connection();
        Transaction tx(db);
        if (lead && !lead->isLead())
            return Error {lead->name + " is not a lead of " + store.path() + ": only a lead invites"};
        if (findPerson(db, name))
            return Error {"there is already someone named '" + name + "' in " + store.path()};
        const Analyzer who = insertPerson(db, store.path(), name, Role::Analyzer, std::nullopt);
        recordEvent(db, who.id, lead ? std::optional<std::int64_t>(lead->id) : std::nullopt, "invite", std::nullopt,
            "analyzer");
        tx.commit();
        return who;
    });
}

Result<Analyzer> claimLead(ProjectStore& store, const std::string& name, const std::string& passphrase)
{
    if (Status ok = checkPassphrase(passphrase); !ok)
        return Error {ok.error()};
    return guarded([&]() -> Result<Analyzer> {
        SqliteConnection& db = store.connection();
        std::optional<Person> found = findPerson(db, name);
        // Someone with a passphrase proves it; the hash of a new one is made before the lock.
        if (found && found->hash && !verifyPassphrase(*found->hash, passphrase))
            return Error {std::string(kSignInRefused) + " in " + store.path()};
        const std::string hash = found && found->hash ? *found->hash : hashOrThrow(passphrase);
        Transaction tx(db);
        if (leadExists(db))
            return Error {store.path() + " has a lead already; only that lead's passphrase gives the lead role"};
        found = findPerson(db, name);
        Analyzer who;
        if (found) {
            who = found->who;
            db.prepare("UPDATE analyzer SET role = 'lead', passphrase_hash = ? WHERE id = ?")
                .bind(1, hash)
                .bind(2, who.id)
                .run();
            who.role = Role::Lead;
            recordEvent(db, who.id, who.id, "role", "analyzer", "lead");
            if (!found->hash)
                recordEvent(db, who.id, who.id, "passphrase", std::nullopt, "set");
        } else {
            who = insertPerson(db, store.path(), name, Role::Lead, hash);
            recordEvent(db, who.id, who.id, "create", std::nullopt, "lead");
            recordEvent(db, who.id, who.id, "passphrase", std::nullopt, "set");
        }
        tx.commit();
        return who;
    });
}

Result<bool> hasLead(ProjectStore& store)
{
    return guarded([&]() -> Result<bool> { return leadExists(store.connection()); });
}

Result<std::vector<PersonEvent>> personEvents(ProjectStore& store)
{
    return guarded([&]() -> Result<std::vector<PersonEvent>> {
        std::vector<PersonEvent> all;
        Statement st = store.connection().prepare("SELECT id, person_id, changed_by, changed_at, action, old_value, "
                                                  "new_value FROM person_event ORDER BY id");
        while (st.step())
            all.push_back(PersonEvent {st.integer(0), st.optInteger(1), st.optInteger(2), st.text(3), st.text(4),
                st.optText(5), st.optText(6)});
        return all;
    });
}

} // namespace sg::core
