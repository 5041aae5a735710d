// Setting a project up in one step (what File > New labeling project runs): from real DICOM
// written by the generator to a project with items and its lead; and every failure leaves no
// file behind (or an existing one untouched).
#include "core/phantom/PhantomWriter.h"
#include "core/store/Identity.h"
#include "core/store/ProjectSetup.h"
#include "core/store/ProjectStore.h"
#include "tests/support/Passphrases.h"
#include "tests/support/ProjectFixture.h"

#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>

using namespace sg::core;

class TestProjectSetup : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::string m_study;
    int m_count = 0;

    ProjectSetupOptions options()
    {
        ProjectSetupOptions o;
        o.dicomFolder = m_study;
        o.projectFile = (m_dir.path() + "/p" + QString::number(++m_count) + ".sgdb").toStdString();
        o.leadName = sg::test::kLeadName;
        o.leadPassphrase = sg::test::kLeadPassphrase;
        o.worklist.perLevel = 2;
        return o;
    }

    static bool noFileLeft(const std::string& file)
    {
        for (const char* suffix : {"", "-wal", "-shm"})
            if (std::filesystem::exists(file + suffix))
                return false;
        return true;
    }

private slots:
    void initTestCase()
    {
        m_study = (m_dir.path() + "/study").toStdString();
        PhantomOptions phantom;
        phantom.size = 128;
        phantom.seed = 5;
        const Status written = generatePhantomStudy(phantom, m_study);
        QVERIFY2(written, written.error().c_str());
    }

    void setsUpAProjectWithItsLead()
    {
        ProjectSetupOptions o = options();
        o.assisted = true;
        std::vector<std::string> steps;
        sg::core::Progress progress([&](int64_t, int64_t, const std::string& step) {
            if (steps.empty() || steps.back() != step)
                steps.push_back(step);
        });
        const auto summary = setUpProject(o, progress);
        QVERIFY2(summary, summary ? "" : summary.error().c_str());
        QCOMPARE(steps, (std::vector<std::string> {"scan", "import"}));
        QCOMPARE(summary->import.studies, 1);
        QVERIFY(summary->import.newSlices > 0);
        QCOMPARE(summary->worklist.items, 10); // 2 per level, 5 levels
        auto store = ProjectStore::open(o.projectFile);
        QVERIFY(store);
        const auto lead = (*store)->findAnalyzer("lena");
        QVERIFY(lead && *lead);
        QVERIFY((*lead)->isLead());
        // The lead signs in with the passphrase given at set-up, and with nothing else.
        QVERIFY(requireLead(**store, sg::test::kLeadName, sg::test::kLeadPassphrase));
        QVERIFY(!requireLead(**store, sg::test::kLeadName, "another passphrase"));
        QCOMPARE(*(*store)->assisted(), true);
        QCOMPARE((*(*store)->items()).size(), size_t {10});
    }

    void refusesAnExistingFileAndLeavesItUntouched()
    {
        ProjectSetupOptions o = options();
        {
            std::ofstream(o.projectFile) << "someone's notes";
        }
        const QByteArray before = sg::test::fileHash(QString::fromStdString(o.projectFile));
        const auto summary = setUpProject(o);
        QVERIFY(!summary);
        QVERIFY2(summary.error().find("already exists") != std::string::npos, summary.error().c_str());
        QCOMPARE(sg::test::fileHash(QString::fromStdString(o.projectFile)), before);
    }

    void aFolderWithoutDicomCreatesNothing()
    {
        ProjectSetupOptions o = options();
        const std::string empty = (m_dir.path() + "/empty").toStdString();
        std::filesystem::create_directories(empty);
        {
            std::ofstream(empty + "/readme.txt") << "not DICOM";
        }
        o.dicomFolder = empty;
        const auto summary = setUpProject(o);
        QVERIFY(!summary);
        QVERIFY2(
            summary.error().find("no DICOM study found under " + empty) != std::string::npos, summary.error().c_str());
        QVERIFY(noFileLeft(o.projectFile));
        o.dicomFolder = empty + "/missing";
        QVERIFY(!setUpProject(o));
        QVERIFY(noFileLeft(o.projectFile));
        o.dicomFolder = m_study;
        o.leadName.clear();
        QVERIFY(!setUpProject(o));
        QVERIFY(noFileLeft(o.projectFile));
        o.leadName = sg::test::kLeadName;
        o.leadPassphrase = "short"; // the lead's passphrase has a minimum length
        QVERIFY(!setUpProject(o));
        QVERIFY(noFileLeft(o.projectFile));
    }

    void cancelLeavesNoFile_data()
    {
        QTest::addColumn<QString>("step");
        QTest::addRow("during the scan") << "scan";
        QTest::addRow("after the file was created") << "import";
    }
    void cancelLeavesNoFile()
    {
        QFETCH(QString, step);
        const ProjectSetupOptions o = options();
        sg::core::Progress progress;
        sg::core::Progress cancelAtStep(
            [&](int64_t, int64_t, const std::string& now) {
                if (now == step.toStdString())
                    progress.cancel();
            },
            &progress);
        const auto summary = setUpProject(o, cancelAtStep);
        QVERIFY(!summary);
        QVERIFY2(summary.error().find("cancelled") != std::string::npos, summary.error().c_str());
        QVERIFY(noFileLeft(o.projectFile));
    }
};

QTEST_GUILESS_MAIN(TestProjectSetup)
#include "tst_ProjectSetup.moc"
