#include "ui/labeling/IdentityDialog.h"

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

IdentityDialog::IdentityDialog(const QString& projectPath, std::vector<sg::core::Analyzer> analyzers, QWidget* parent)
    : QDialog(parent), m_analyzers(std::move(analyzers)), m_name(new QComboBox(this)), m_role(new QLabel(this))
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
    layout->addRow(tr("Your name"), m_name);
    layout->addRow(tr("Role"), m_role);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Start labeling"));
    layout->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QComboBox::currentTextChanged, this, [this, buttons] {
        updateRole();
        buttons->button(QDialogButtonBox::Ok)->setEnabled(!name().isEmpty());
    });
    updateRole();
    buttons->button(QDialogButtonBox::Ok)->setEnabled(!name().isEmpty());
    setMinimumWidth(420);
}

QString IdentityDialog::name() const
{
    return m_name->currentText().trimmed();
}

void IdentityDialog::updateRole()
{
    const std::string n = name().toStdString();
    for (const auto& a : m_analyzers)
        if (a.name == n) {
            m_role->setText(
                a.isLead() ? tr("Lead: sees every analyzer's labels") : tr("Analyzer: sees own labels only"));
            return;
        }
    m_role->setText(n.empty() ? QString() : tr("New analyzer (added to the project)"));
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
