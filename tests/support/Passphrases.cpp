#include "tests/support/Passphrases.h"

#include "core/store/Identity.h"

namespace sg::test {

bool addTestLead(sg::core::ProjectStore& store, std::string* error)
{
    auto lead = sg::core::addLead(store, kLeadName, kLeadPassphrase);
    if (!lead && error)
        *error = lead.error();
    return static_cast<bool>(lead);
}

QStringList asLead(const QString& name)
{
    return {"--as", name};
}

QProcessEnvironment passphraseEnv(const QString& passphrase)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("SPINEGRADE_PASSPHRASE", passphrase);
    return env;
}

} // namespace sg::test
