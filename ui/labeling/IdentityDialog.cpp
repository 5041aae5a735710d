#include "ui/labeling/IdentityDialog.h"

#include "core/store/ProjectStore.h"
#include "ui/common/BackgroundTask.h"
#include "ui/common/ImportRoots.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>

namespace sg::ui {

namespace {
const char* kSettingsKey = "labeling/analyzerName";

using sg::core::Result;
using sg::core::SignIn;
using sg::core::SignInStatus;

// On the worker thread, with its own connection (one per thread). A first sign-in writes
// the passphrase; an ordinary one only reads.
Result<SignIn> checkOnWorker(
    const std::string& path, const std::string& name, const std::string& passphrase, bool setFirst)
{
    auto store = sg::core::ProjectStore::open(path, projectOpenOptions(QString::fromStdString(path)));
    if (!store)
        return sg::core::Error {store.error()};
    if (!setFirst)
        return sg::core::signIn(**store, name, passphrase);
    auto who = sg::core::setFirstPassphrase(**store, name, passphrase);
    if (!who)
        return sg::core::Error {who.error()};
    return SignIn {SignInStatus::SignedIn, *who, {}};
}

} // namespace

IdentityDialog::IdentityDialog(const QString& projectPath, QWidget* parent)
    : QDialog(parent),
      m_projectPath(projectPath),
      m_name(new QLineEdit(this)),
      m_passphrase(new QLineEdit(this)),
      m_confirm(new QLineEdit(this)),
      m_confirmLabel(new QLabel(tr("Again"), this)),
      m_message(new QLabel(this)),
      m_task(new BackgroundTask(this))
{
    setWindowTitle(tr("Sign in"));
    auto* layout = new QFormLayout(this);
    auto* intro = new QLabel(tr("Project <b>%1</b>. Labels are saved under your name; analyzers never see each "
                                "other's labels.")
                                 .arg(QFileInfo(projectPath).fileName().toHtmlEscaped()),
        this);
    intro->setWordWrap(true);
    layout->addRow(intro);
    m_name->setObjectName("signInName");
    m_name->setText(rememberedName());
    m_name->selectAll(); // typing replaces the remembered name
    layout->addRow(tr("Your name"), m_name);
    m_passphrase->setObjectName("signInPassphrase");
    m_passphrase->setEchoMode(QLineEdit::Password);
    layout->addRow(tr("Passphrase"), m_passphrase);
    m_confirm->setObjectName("signInConfirm");
    m_confirm->setEchoMode(QLineEdit::Password);
    layout->addRow(m_confirmLabel, m_confirm);
    m_message->setObjectName("signInMessage");
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    layout->addRow(m_message);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_start = buttons->button(QDialogButtonBox::Ok);
    m_start->setText(tr("Sign in"));
    layout->addRow(buttons);
    // Enter and the button both come here; accept() only follows a successful check.
    connect(buttons, &QDialogButtonBox::accepted, this, &IdentityDialog::start);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // Another name is another person: the first-sign-in question was about the old one.
    connect(m_name, &QLineEdit::textEdited, this, [this] { setFirstSignIn(false); });
    setFirstSignIn(false);
    (m_name->text().isEmpty() ? m_name : m_passphrase)->setFocus();
    setMinimumWidth(440);
}

bool IdentityDialog::isChecking() const
{
    return m_task->isRunning();
}

void IdentityDialog::start()
{
    if (m_task->isRunning())
        return;
    const QString name = m_name->text().trimmed();
    const QString passphrase = m_passphrase->text();
    if (name.isEmpty())
        return say(tr("Type your name."), true);
    if (m_firstSignIn) {
        if (passphrase.size() < static_cast<int>(sg::core::kMinPassphraseLength))
            return say(tr("Choose a passphrase of at least %1 characters.").arg(sg::core::kMinPassphraseLength), true);
        if (m_confirm->text() != passphrase)
            return say(tr("The two passphrases differ; type them again."), true);
    }
    setChecking(true);
    say(m_firstSignIn ? tr("Setting your passphrase…") : tr("Checking…"), false);
    using Outcome = Result<SignIn>;
    m_task->start<Outcome>([path = m_projectPath.toStdString(), n = name.toStdString(), p = passphrase.toStdString(),
                               first = m_firstSignIn](sg::core::Progress&) { return checkOnWorker(path, n, p, first); },
        [this](const Outcome& outcome) { finished(outcome); });
}

void IdentityDialog::finished(const Result<SignIn>& outcome)
{
    setChecking(false);
    if (!outcome) {
        m_passphrase->clear();
        m_confirm->clear();
        return say(QString::fromStdString(outcome.error()), true);
    }
    switch (outcome->status) {
    case SignInStatus::SignedIn:
        m_who = outcome->who;
        remember(name());
        accept();
        return;
    case SignInStatus::FirstSignIn:
        setFirstSignIn(true);
        m_confirm->clear();
        // The new passphrase may not be typed yet (the name alone was given).
        (m_passphrase->text().isEmpty() ? m_passphrase : m_confirm)->setFocus();
        return say(QString::fromStdString(outcome->message) + tr(". Type it twice."), false);
    case SignInStatus::Refused: break;
    }
    m_passphrase->clear();
    m_passphrase->setFocus();
    say(tr("Name or passphrase not recognised."), true);
}

void IdentityDialog::setFirstSignIn(bool first)
{
    m_firstSignIn = first;
    m_confirm->setVisible(first);
    m_confirmLabel->setVisible(first);
    m_start->setText(first ? tr("Set passphrase and sign in") : tr("Sign in"));
    if (!first)
        m_confirm->clear();
    adjustSize();
}

void IdentityDialog::say(const QString& text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
    adjustSize(); // a longer message, or the "Again" row shown: the dialog grows, nothing is cut
}

void IdentityDialog::setChecking(bool checking)
{
    for (QWidget* w : std::initializer_list<QWidget*> {m_name, m_passphrase, m_confirm, m_start})
        w->setEnabled(!checking);
}

QString IdentityDialog::rememberedName()
{
    return QSettings().value(kSettingsKey).toString();
}

void IdentityDialog::remember(const QString& name)
{
    QSettings().setValue(kSettingsKey, name);
}

} // namespace sg::ui
