#include "ui/labeling/IdentityDialog.h"

#include "core/labels/RaterName.h"

#include <QComboBox>
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
}

IdentityDialog::IdentityDialog(const QString& projectPath, std::vector<sg::core::Analyzer> analyzers, QWidget* parent,
    std::vector<std::string> models)
    : QDialog(parent),
      m_analyzers(std::move(analyzers)),
      m_models(std::move(models)),
      m_name(new QComboBox(this)),
      m_role(new QLabel(this))
{
    setWindowTitle(tr("Who is labeling?"));
    auto* layout = new QFormLayout(this);
    auto* intro = new QLabel(tr("Project <b>%1</b>. Labels are saved under your name; analyzers never see each "
                                "other's labels.")
                                 .arg(QFileInfo(projectPath).fileName().toHtmlEscaped()),
        this);
    intro->setWordWrap(true);
    layout->addRow(intro);
    m_name->setEditable(true);
    m_name->setInsertPolicy(QComboBox::NoInsert);
    for (const auto& a : m_analyzers)
        m_name->addItem(QString::fromStdString(a.name));
    m_name->setCurrentText(rememberedName());
    // Typing replaces the remembered name instead of appending to it ("annbob").
    m_name->lineEdit()->selectAll();
    m_name->setFocus();
    layout->addRow(tr("Your name"), m_name);
    m_role->setObjectName("signInRole");
    m_role->setWordWrap(true);
    m_role->setTextFormat(Qt::PlainText);
    layout->addRow(tr("Role"), m_role);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_start = buttons->button(QDialogButtonBox::Ok);
    m_start->setText(tr("Start labeling"));
    layout->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (refusal().isEmpty()) // Enter in the name box reaches here even with Start disabled
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QComboBox::currentTextChanged, this, &IdentityDialog::updateRole);
    updateRole();
    setMinimumWidth(420);
}

const sg::core::Analyzer* IdentityDialog::existing() const
{
    const std::string typed = m_name->currentText().trimmed().toStdString();
    for (const auto& a : m_analyzers)
        if (a.name == typed)
            return &a;
    // The store reads "Ann", "a nn" and "ａｎｎ" as "ann": such a name means that analyzer.
    const std::string key = sg::core::raterNameKey(typed);
    if (key.empty())
        return nullptr;
    for (const auto& a : m_analyzers)
        if (sg::core::raterNameKey(a.name) == key)
            return &a;
    return nullptr;
}

QString IdentityDialog::name() const
{
    if (const auto* a = existing())
        return QString::fromStdString(a->name);
    return m_name->currentText().trimmed();
}

QString IdentityDialog::refusal() const
{
    if (existing())
        return {};
    const QString typed = m_name->currentText().trimmed();
    if (typed.isEmpty())
        return tr("Type your name.");
    sg::core::RaterNameContext context {{}, m_models};
    for (const auto& a : m_analyzers)
        context.analyzers.push_back(a.name);
    const auto valid = sg::core::checkNewRaterName(typed.toStdString(), context, "analyzer name");
    return valid ? QString() : QString::fromStdString(valid.error());
}

void IdentityDialog::updateRole()
{
    const QString why = refusal();
    m_start->setEnabled(why.isEmpty());
    if (!why.isEmpty()) {
        m_role->setText(m_name->currentText().trimmed().isEmpty() ? QString() : tr("Refused: %1").arg(why));
        m_role->setStyleSheet("color: #b00020;");
    } else if (const auto* a = existing()) {
        m_role->setStyleSheet({});
        const QString role =
            a->isLead() ? tr("lead: sees every analyzer's labels") : tr("analyzer: sees own labels only");
        m_role->setText(tr("Signs in as the existing analyzer %1 (%2)").arg(QString::fromStdString(a->name), role));
    } else {
        m_role->setStyleSheet({});
        m_role->setText(tr("New analyzer %1 (added to the project)").arg(name()));
    }
    fitRole();
}

void IdentityDialog::showEvent(QShowEvent* event)
{
    QDialog::showEvent(event);
    fitRole();
}

void IdentityDialog::fitRole()
{
    // A form does not ask a word-wrapped label for its height at the width it has: a refusal
    // was cut to its middle lines. The dialog's own minimum width keeps the layout from
    // growing the window, so it grows here.
    if (!isVisible())
        return;
    m_role->setMinimumHeight(m_role->heightForWidth(m_role->width()));
    layout()->activate();
    if (const int needed = layout()->totalHeightForWidth(width()); needed > height())
        resize(width(), needed);
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
