// Sign-in and roles (issue 13) on a real project file: passphrases hashed with Argon2id,
// a wrong one refused without saying which part was wrong, an analyzer who cannot become
// the lead, the first sign-in of an invited analyzer, and every role change, invitation,
// passphrase and setting recorded append-only. Real hashing: each sign-in costs ~0.5 s.
#include "core/store/Identity.h"
#include "core/store/LabelingSession.h"
#include "core/store/ProjectStore.h"
#include "core/store/SqliteConnection.h"
#include "tests/support/Passphrases.h"
#include "tests/support/ProjectFixture.h"

#include <QTemporaryDir>
#include <QTest>

using namespace sg::core;
using sg::test::kAnalyzerPassphrase;
using sg::test::kLeadName;
using sg::test::kLeadPassphrase;

class TestIdentity : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_count = 0;

    // A project with items, its lead (lena) and an invited analyzer (ann, no passphrase yet).
    std::unique_ptr<ProjectStore> ledProject()
    {
        std::string error;
        const std::string path = (m_dir.path() + "/p" + QString::number(++m_count) + ".sgdb").toStdString();
        auto store = sg::test::makeProject(path, sg::test::syntheticScan(m_dir.path().toStdString(), 1, 2), error, 1);
        if (!store) {
            qWarning("%s", error.c_str());
            return nullptr;
        }
        if (!sg::test::addTestLead(*store, &error) || !invite(*store, std::nullopt, "ann")) {
            qWarning("%s", error.c_str());
            return nullptr;
        }
        return store;
    }

    static std::vector<std::string> actions(ProjectStore& store)
    {
        std::vector<std::string> out;
        const auto events = personEvents(store); // kept: a range-for over *temporary dangles
        for (const PersonEvent& e : *events)
            out.push_back(e.action + (e.newValue ? ":" + *e.newValue : std::string()));
        return out;
    }

private slots:
    void passphrasesAreStoredOnlyAsArgon2idHashes()
    {
        auto store = ledProject();
        QVERIFY(store);
        Statement st = store->connection().prepare("SELECT passphrase_hash FROM analyzer WHERE name = 'lena'");
        QVERIFY(st.step());
        const std::string hash = st.text(0);
        QVERIFY2(hash.rfind("$argon2id$", 0) == 0, hash.c_str());
        QVERIFY(hash.find(kLeadPassphrase) == std::string::npos);
        // Salted: the same passphrase hashes differently for another project's lead.
        auto other = ledProject();
        QVERIFY(other);
        Statement st2 = other->connection().prepare("SELECT passphrase_hash FROM analyzer WHERE name = 'lena'");
        QVERIFY(st2.step());
        QVERIFY(st2.text(0) != hash);
    }

    void aWrongPassphraseIsRefusedWithoutSayingWhichPartWasWrong()
    {
        auto store = ledProject();
        QVERIFY(store);
        auto wrong = authenticate(*store, kLeadName, "not lena's passphrase");
        QVERIFY(!wrong);
        auto unknown = authenticate(*store, "nobody", kLeadPassphrase);
        QVERIFY(!unknown);
        QCOMPARE(wrong.error(), unknown.error()); // the same words for a wrong name and a wrong passphrase
        QVERIFY(wrong.error().find(kSignInRefused) != std::string::npos);
        auto right = authenticate(*store, kLeadName, kLeadPassphrase);
        QVERIFY2(right, right ? "" : right.error().c_str());
        QVERIFY(right->isLead());
    }

    void anAnalyzerCannotSignInAsTheLeadNorBecomeOne()
    {
        auto store = ledProject();
        QVERIFY(store);
        auto ann = setFirstPassphrase(*store, "ann", kAnalyzerPassphrase);
        QVERIFY2(ann, ann ? "" : ann.error().c_str());
        // Ann's own passphrase does not open the lead's name, nor does ann have the lead role.
        QVERIFY(!requireLead(*store, kLeadName, kAnalyzerPassphrase));
        auto asAnn = requireLead(*store, "ann", kAnalyzerPassphrase);
        QVERIFY(!asAnn);
        QVERIFY2(asAnn.error().find("not a lead") != std::string::npos, asAnn.error().c_str());
        // The lead's passphrase cannot be "set" again by whoever asks first, and the role
        // cannot be claimed while the project has a lead.
        QVERIFY(!setFirstPassphrase(*store, kLeadName, "a passphrase of my own"));
        QVERIFY(!claimLead(*store, "ann", kAnalyzerPassphrase));
        QVERIFY(requireLead(*store, kLeadName, kLeadPassphrase));
    }

    void anInvitedAnalyzerSetsTheirPassphraseAtFirstSignIn()
    {
        auto store = ledProject();
        QVERIFY(store);
        auto first = signIn(*store, "ann", "anything at all");
        QVERIFY(first);
        QCOMPARE(first->status, SignInStatus::FirstSignIn);
        QVERIFY(!authenticate(*store, "ann", "anything at all")); // no passphrase: nobody signs in as ann
        QVERIFY(!setFirstPassphrase(*store, "ann", "short")); // below the minimum length
        QVERIFY(setFirstPassphrase(*store, "ann", kAnalyzerPassphrase));
        auto again = signIn(*store, "ann", kAnalyzerPassphrase);
        QVERIFY(again);
        QCOMPARE(again->status, SignInStatus::SignedIn);
        QVERIFY(!setFirstPassphrase(*store, "ann", "someone else's passphrase")); // set once
    }

    void aProjectWithALeadIsClosedToNamesNobodyInvited()
    {
        auto store = ledProject();
        QVERIFY(store);
        auto mallory = signIn(*store, "mallory", "whatever it is");
        QVERIFY(mallory);
        QCOMPARE(mallory->status, SignInStatus::Refused);
        QVERIFY(!setFirstPassphrase(*store, "mallory", "mallory's passphrase"));
        QVERIFY(!*store->findAnalyzer("mallory"));
    }

    void roleChangesInvitationsAndSettingsAreRecordedAppendOnly()
    {
        auto store = ledProject();
        QVERIFY(store);
        QVERIFY(setFirstPassphrase(*store, "ann", kAnalyzerPassphrase));
        QVERIFY(store->setAssisted(true));
        const auto events = *personEvents(*store);
        const std::vector<std::string> seen = actions(*store);
        std::string all;
        for (const std::string& a : seen)
            all += a + "; ";
        auto has = [&](const std::string& a) { return all.find(a + "; ") != std::string::npos; };
        QVERIFY2(has("create:lead"), all.c_str());
        QVERIFY(has("invite:analyzer"));
        QVERIFY(has("passphrase:set"));
        QVERIFY(has("setting:{\"assisted\":\"1\"}"));
        const auto lena = *store->findAnalyzer(kLeadName);
        const auto ann = *store->findAnalyzer("ann");
        for (const PersonEvent& e : events)
            if (e.action == "invite") {
                QCOMPARE(*e.personId, ann->id);
                // At creation there is no signed-in lead yet; a later invitation names them.
                QVERIFY(!e.changedBy);
            }
        auto bob = invite(*store, *lena, "bob");
        QVERIFY(bob);
        const auto after = *personEvents(*store);
        QCOMPARE(after.back().action, std::string("invite"));
        QCOMPARE(*after.back().changedBy, lena->id);
        QVERIFY(!invite(*store, *ann, "carl")); // an analyzer invites nobody
        QVERIFY_THROWS_EXCEPTION(SqlError, store->connection().exec("DELETE FROM person_event"));
        QVERIFY_THROWS_EXCEPTION(SqlError, store->connection().exec("UPDATE person_event SET action = 'role'"));
    }

    void anAnalyzerPromotedToLeadIsARoleChangeRow()
    {
        // A project made without a lead: ann joins it, then becomes its lead with her own passphrase.
        std::string error;
        const std::string path = (m_dir.path() + "/open.sgdb").toStdString();
        auto store = sg::test::makeProject(path, sg::test::syntheticScan(m_dir.path().toStdString(), 1, 2), error, 1);
        QVERIFY2(store, error.c_str());
        QVERIFY(setFirstPassphrase(*store, "ann", kAnalyzerPassphrase));
        QVERIFY(!claimLead(*store, "ann", "not ann's passphrase")); // her name is hers alone
        auto lead = claimLead(*store, "ann", kAnalyzerPassphrase);
        QVERIFY2(lead, lead ? "" : lead.error().c_str());
        QVERIFY(lead->isLead());
        const auto events = *personEvents(*store);
        QCOMPARE(events.back().action, std::string("role"));
        QCOMPARE(*events.back().oldValue, std::string("analyzer"));
        QCOMPARE(*events.back().newValue, std::string("lead"));
        QCOMPARE(*events.back().changedBy, lead->id);
    }

    void anUpgradedProjectsPeopleSetTheirPassphraseAtFirstSignIn()
    {
        // A version-5 file: analyzer ann, no passphrases, no lead. Opening migrates it.
        const std::string path = (m_dir.path() + "/old.sgdb").toStdString();
        QVERIFY(sg::test::writeOldProjectFile(path, 5));
        auto store = ProjectStore::open(path);
        QVERIFY2(store, store ? "" : store.error().c_str());
        auto ann = signIn(**store, "ann", "anything at all");
        QVERIFY(ann);
        QCOMPARE(ann->status, SignInStatus::FirstSignIn);
        // No lead yet: the project is open, its lead is named once, then it is closed.
        auto lead = claimLead(**store, kLeadName, kLeadPassphrase);
        QVERIFY2(lead, lead ? "" : lead.error().c_str());
        QVERIFY(!claimLead(**store, "ann", kAnalyzerPassphrase));
        QVERIFY(requireLead(**store, kLeadName, kLeadPassphrase));
        QVERIFY(setFirstPassphrase(**store, "ann", kAnalyzerPassphrase));
        QVERIFY(!setFirstPassphrase(**store, "newcomer", kAnalyzerPassphrase));
    }
};

QTEST_GUILESS_MAIN(TestIdentity)
#include "tst_Identity.moc"
