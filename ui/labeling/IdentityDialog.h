#pragma once
// Sign-in when a labeling project opens (issue 13): the name, typed, and the passphrase,
// without echo. The name is typed rather than chosen from a list: a list would show whoever
// sits at the keyboard who is in the project, the lead included, and which name to try.
//
// The check runs off the GUI thread (BackgroundTask): one Argon2id verification, ~0.5-1 s
// by design. A wrong name or passphrase gets one message that does not say which part was
// wrong. An invited analyzer (or anyone from a project made before passphrases) has none
// yet: the dialog asks them to choose one, typed twice, at least kMinPassphraseLength long.
// The lead role needs the lead's passphrase: the role comes with the person who signed in.
#include "core/store/Identity.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace sg::ui {

class BackgroundTask;

class IdentityDialog : public QDialog {
    Q_OBJECT
public:
    explicit IdentityDialog(const QString& projectPath, QWidget* parent = nullptr);

    // After accept(): the person signed in, by their name as the project spells it.
    QString name() const { return QString::fromStdString(m_who.name); }
    const sg::core::Analyzer& who() const { return m_who; }

    QLineEdit* nameEdit() const { return m_name; }
    QLineEdit* passphraseEdit() const { return m_passphrase; }
    QLineEdit* confirmEdit() const { return m_confirm; } // shown at a first sign-in only
    QLabel* messageLabel() const { return m_message; }
    QPushButton* startButton() const { return m_start; }
    bool isChecking() const;
    bool isFirstSignIn() const { return m_firstSignIn; }

    // The name last signed in with (QSettings), and remembering a new one.
    static QString rememberedName();
    static void remember(const QString& name);

private:
    void start();
    void finished(const sg::core::Result<sg::core::SignIn>& outcome);
    void setFirstSignIn(bool first);
    void say(const QString& text, bool error);
    void setChecking(bool checking);

    QString m_projectPath;
    sg::core::Analyzer m_who;
    bool m_firstSignIn = false;
    QLineEdit* m_name;
    QLineEdit* m_passphrase;
    QLineEdit* m_confirm;
    QLabel* m_confirmLabel;
    QLabel* m_message;
    QPushButton* m_start = nullptr;
    BackgroundTask* m_task;
};

} // namespace sg::ui
