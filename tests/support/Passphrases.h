#pragma once
// The test passphrases, in one place (issue 13). Tests hash for real (Argon2id, ~0.3-0.6 s
// a sign-in here), so they keep their sign-ins few.
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <string>

namespace sg::core {
class ProjectStore;
}

namespace sg::test {

inline const char* const kLeadName = "lena";
inline const char* const kLeadPassphrase = "lena's long passphrase";
inline const char* const kAnalyzerPassphrase = "an analyzer's passphrase";

// Adds the lead `kLeadName` with kLeadPassphrase to a project that has none; false on failure.
bool addTestLead(sg::core::ProjectStore& store, std::string* error = nullptr);

// spinegrade-cli's arguments and environment for a lead command: `--as lena` and the
// passphrase in SPINEGRADE_PASSPHRASE.
QStringList asLead(const QString& name = kLeadName);
QProcessEnvironment passphraseEnv(const QString& passphrase = kLeadPassphrase);

} // namespace sg::test
