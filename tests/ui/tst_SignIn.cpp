// The sign-in dialog (issue 13) in a real window on a real project file: no list of names,
// no echo, a wrong passphrase refused with one message, an analyzer who cannot sign in as
// the lead, the first sign-in of an invited analyzer, and File > Open's path through it.
// Real Argon2id: every check takes ~0.5-1 s, so the test signs in only a few times.
#include "core/store/Identity.h"
#include "core/store/ProjectStore.h"
#include "tests/support/ImageCompare.h"
#include "tests/support/Passphrases.h"
#include "tests/support/ProjectFixture.h"
#include "tests/support/TestData.h"
#include "ui/labeling/IdentityDialog.h"
#include "ui/labeling/LabelingController.h"
#include "ui/labeling/LabelingMode.h"
#include "ui/main/MainWindow.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace sg::core;
using sg::test::kAnalyzerPassphrase;
using sg::test::kLeadName;
using sg::test::kLeadPassphrase;
using sg::ui::IdentityDialog;

class TestSignIn : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_db;

    // Types and presses Sign in, then waits for the check (off the GUI thread) to end.
    static void submit(IdentityDialog& dialog, const QString& name, const QString& passphrase)
    {
        dialog.nameEdit()->setText(name);
        dialog.passphraseEdit()->setText(passphrase);
        QTest::mouseClick(dialog.startButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isChecking(), sg::test::kHangBoundMs);
    }

    static QString message(const IdentityDialog& dialog) { return dialog.messageLabel()->text(); }

private slots:
    void initTestCase()
    {
        // lena leads; ann has signed in before; bob is invited and has no passphrase yet.
        m_db = m_dir.filePath("signin.sgdb");
        std::string error;
        auto store = sg::test::makeProject(
            m_db.toStdString(), sg::test::syntheticScan(m_dir.path().toStdString(), 1, 2), error, 1);
        QVERIFY2(store, error.c_str());
        QVERIFY2(sg::test::addTestLead(*store, &error), error.c_str());
        QVERIFY(invite(*store, std::nullopt, "ann"));
        QVERIFY(setFirstPassphrase(*store, "ann", kAnalyzerPassphrase));
        QVERIFY(invite(*store, std::nullopt, "bob"));
    }

    void showsNoNamesAndNoPassphrase()
    {
        IdentityDialog::remember("carol");
        IdentityDialog dialog(m_db);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog, sg::test::kHangBoundMs));
        // Typed, not chosen: nothing in the dialog says who is in the project.
        QVERIFY(dialog.findChildren<QComboBox*>().isEmpty());
        QVERIFY(dialog.findChildren<QListView*>().isEmpty());
        for (QLabel* l : dialog.findChildren<QLabel*>())
            QVERIFY2(!l->text().contains("lena") && !l->text().contains("ann"), qPrintable(l->text()));
        QCOMPARE(dialog.nameEdit()->text(), QString("carol"));
        QCOMPARE(dialog.passphraseEdit()->echoMode(), QLineEdit::Password);
        QVERIFY(!dialog.confirmEdit()->isVisible()); // only at a first sign-in
        dialog.grab().save(sg::test::testOutputDir() + "/signin.png");
    }

    void anAnalyzerCannotSignInAsTheLead()
    {
        IdentityDialog dialog(m_db);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog, sg::test::kHangBoundMs));
        submit(dialog, kLeadName, kAnalyzerPassphrase); // ann's passphrase on the lead's name
        QVERIFY(dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        const QString refused = message(dialog);
        QCOMPARE(refused, QString("Name or passphrase not recognised."));
        QVERIFY(dialog.passphraseEdit()->text().isEmpty());
        dialog.grab().save(sg::test::testOutputDir() + "/signin_wrong.png");
        submit(dialog, "nobody", kAnalyzerPassphrase); // an unknown name: the same words
        QCOMPARE(message(dialog), refused);
        QVERIFY(dialog.isVisible());
        submit(dialog, "ann", kAnalyzerPassphrase); // her own name: in, as an analyzer
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.name(), QString("ann"));
        QVERIFY(!dialog.who().isLead());
    }

    void theLeadNeedsTheLeadsPassphrase()
    {
        IdentityDialog dialog(m_db);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog, sg::test::kHangBoundMs));
        submit(dialog, "Lena", kLeadPassphrase); // the store reads "Lena" as lena
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.name(), QString(kLeadName));
        QVERIFY(dialog.who().isLead());
    }

    void anInvitedAnalyzerSetsTheirPassphraseAtFirstSignIn()
    {
        IdentityDialog dialog(m_db);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog, sg::test::kHangBoundMs));
        const QString chosen = "bob's own passphrase";
        submit(dialog, "bob", chosen);
        QVERIFY(dialog.isFirstSignIn());
        QVERIFY(dialog.confirmEdit()->isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        dialog.grab().save(sg::test::testOutputDir() + "/signin_first.png");
        // Typed twice alike, and long enough; said at once, nothing written.
        dialog.confirmEdit()->setText("something else");
        QTest::mouseClick(dialog.startButton(), Qt::LeftButton);
        QVERIFY(!dialog.isChecking());
        QVERIFY2(message(dialog).contains("differ"), qPrintable(message(dialog)));
        dialog.passphraseEdit()->setText("short");
        dialog.confirmEdit()->setText("short");
        QTest::mouseClick(dialog.startButton(), Qt::LeftButton);
        QVERIFY2(message(dialog).contains("at least"), qPrintable(message(dialog)));
        dialog.passphraseEdit()->setText(chosen);
        dialog.confirmEdit()->setText(chosen);
        QTest::mouseClick(dialog.startButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isChecking(), sg::test::kHangBoundMs);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.name(), QString("bob"));
        // Stored: bob signs in with it from now on, and it is set once.
        auto store = ProjectStore::open(m_db.toStdString());
        QVERIFY(store);
        QVERIFY(authenticate(**store, "bob", chosen.toStdString()));
        QVERIFY(!setFirstPassphrase(**store, "bob", "another passphrase"));
    }

    // File > Open: the lead's name with an analyzer's passphrase opens nothing; the lead's opens
    // the project as its lead.
    void openingAProjectGoesThroughTheSignIn()
    {
        sg::ui::MainWindow window;
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window, sg::test::kHangBoundMs));
        sg::ui::LabelingMode& mode = window.labeling();
        QString refusedWith;
        const auto answer = [&](const QString& passphrase, bool cancelAfterwards) {
            QTimer::singleShot(0, this, [&, passphrase, cancelAfterwards] {
                auto* dialog = window.findChild<IdentityDialog*>();
                QVERIFY(dialog);
                submit(*dialog, kLeadName, passphrase);
                refusedWith = message(*dialog);
                if (cancelAfterwards && dialog->isVisible())
                    dialog->reject();
            });
        };
        answer(kAnalyzerPassphrase, true);
        QVERIFY(!mode.chooseAndOpen(m_db));
        QCOMPARE(refusedWith, QString("Name or passphrase not recognised."));
        QVERIFY(!mode.isActive());
        answer(kLeadPassphrase, false);
        QVERIFY(mode.chooseAndOpen(m_db));
        QVERIFY(mode.isActive());
        QVERIFY(mode.controller().isLead());
        QCOMPARE(QString::fromStdString(mode.controller().who().name), QString(kLeadName));
    }
};

QTEST_MAIN(TestSignIn)
#include "tst_SignIn.moc"
