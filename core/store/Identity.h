#pragma once
// Who is who in a project: sign-in with a passphrase, the lead's role, invitations.
// The one identity check of the GUI, the CLI and reader kits (issue 13).
//
// - Every person has a passphrase, stored only as an Argon2id hash (core/util/Crypto.h).
//   The lead sets theirs when creating the project; an invited analyzer, and anyone from a
//   project made before schema 7, has none yet and sets it at their first sign-in.
// - A project with no lead is open: anyone may join it as an analyzer (the old behaviour),
//   and `claimLead` names its lead. Once it has a lead, only invited names sign in.
// - Role changes, invitations and passphrases being set are append-only rows of
//   person_event (Schema.cpp, version 7), with who did it.
//
// What this protects, and what not: a colleague at the keyboard cannot sign in as someone
// else. Whoever can read the file can read every label with sqlite3 (README).
#include "core/store/ProjectStore.h"
#include "core/util/Result.h"

#include <optional>
#include <string>

namespace sg::core {

inline constexpr std::size_t kMinPassphraseLength = 8;

// The one message of a refused sign-in: it never says whether the name or the passphrase was wrong.
inline constexpr const char* kSignInRefused = "name or passphrase not recognised";

enum class SignInStatus {
    SignedIn, // name and passphrase match
    Refused, // unknown name, wrong passphrase, or a project with a lead that never invited the name
    FirstSignIn, // the person exists (or may join an open project) and has no passphrase yet
};

struct SignIn {
    SignInStatus status = SignInStatus::Refused;
    Analyzer who; // SignedIn: the person; FirstSignIn: id 0 when they would join an open project
    std::string message; // Refused / FirstSignIn: what to tell the user
};

// Checks a name and passphrase. Takes one Argon2id verification (~0.3-0.6 s here) whatever
// the outcome, an unknown name included, so neither the answer nor its time tells which
// part was wrong. Errors are I/O errors only.
Result<SignIn> signIn(ProjectStore& store, const std::string& name, const std::string& passphrase);

// The person, or kSignInRefused (an error): what a caller that only accepts a signed-in
// person needs. A first sign-in is refused here with a message saying how to set it.
Result<Analyzer> authenticate(ProjectStore& store, const std::string& name, const std::string& passphrase);

// authenticate, then refuses anyone who is not a lead ("… is not a lead of FILE").
Result<Analyzer> requireLead(ProjectStore& store, const std::string& name, const std::string& passphrase);

// First sign-in: sets the passphrase of a person who has none (or, in a project without a
// lead, adds them as an analyzer with it). Refused when they already have one, when the
// project has a lead and never invited them, or when the passphrase is shorter than
// kMinPassphraseLength. Recorded in person_event.
Result<Analyzer> setFirstPassphrase(ProjectStore& store, const std::string& name, const std::string& passphrase);

// Creation: adds the lead with their passphrase (a new project's first person).
Result<Analyzer> addLead(ProjectStore& store, const std::string& name, const std::string& passphrase);

// The lead invites an analyzer: added without a passphrase, which they set at their first
// sign-in. `lead` must be a signed-in lead (requireLead); nullopt at project creation.
Result<Analyzer> invite(ProjectStore& store, const std::optional<Analyzer>& lead, const std::string& name);

// A project without a lead gets one: `name` (added, or an existing analyzer promoted) with
// this passphrase, or the existing person's passphrase checked when they have one. Refused
// once the project has a lead.
Result<Analyzer> claimLead(ProjectStore& store, const std::string& name, const std::string& passphrase);

// True when at least one lead exists (the project is closed to names nobody invited).
Result<bool> hasLead(ProjectStore& store);

// One row of the people history (person_event), oldest first.
struct PersonEvent {
    std::int64_t id = 0;
    std::optional<std::int64_t> personId;
    std::optional<std::int64_t> changedBy; // NULL: a setting's trigger, or the project's creation
    std::string changedAt;
    std::string action; // create | invite | role | passphrase | setting
    std::optional<std::string> oldValue;
    std::optional<std::string> newValue;
};
Result<std::vector<PersonEvent>> personEvents(ProjectStore& store);

} // namespace sg::core
