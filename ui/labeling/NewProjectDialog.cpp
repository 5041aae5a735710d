#include "ui/labeling/NewProjectDialog.h"

#include "core/store/RereadSchedule.h"
#include "ui/labeling/IdentityDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

#include <algorithm>

namespace sg::ui {
namespace {

QWidget* withBrowse(QLineEdit* edit, QPushButton* browse)
{
    auto* row = new QWidget;
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    layout->addWidget(browse);
    return row;
}

} // namespace

NewProjectDialog::NewProjectDialog(QWidget* parent)
    : QDialog(parent),
      m_folder(new QLineEdit),
      m_file(new QLineEdit),
      m_lead(new QLineEdit),
      m_passphrase(new QLineEdit),
      m_passphraseAgain(new QLineEdit),
      m_passphraseNote(new QLabel),
      m_perLevel(new QSpinBox),
      m_seed(new QSpinBox),
      m_assisted(new QCheckBox(tr("Analyzers see the CNN's grade (assisted study)"))),
      m_rereadShare(new QDoubleSpinBox),
      m_rereadGap(new QSpinBox),
      m_error(new QLabel),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel))
{
    setWindowTitle(tr("New labeling project"));
    m_folder->setPlaceholderText(tr("the folder holding the studies' DICOM files"));
    m_file->setPlaceholderText(tr("a new .sgdb file"));
    m_lead->setText(IdentityDialog::rememberedName());
    m_perLevel->setRange(0, 1000);
    m_perLevel->setSpecialValueText(tr("every slice"));
    m_perLevel->setSuffix(tr(" per level of each study"));
    m_seed->setRange(1, 1000000);
    m_seed->setValue(1);
    m_seed->setToolTip(tr("The same seed draws the same slices and the same orders"));
    // Intra-rater reliability: a share of each analyzer's items comes back later, unmarked.
    m_rereadShare->setObjectName("rereadShare");
    m_rereadShare->setRange(0, sg::core::kMaxRereadShare * 100);
    m_rereadShare->setDecimals(0);
    m_rereadShare->setSpecialValueText(tr("none"));
    m_rereadShare->setSuffix(tr(" % of each analyzer's items, shown again blinded"));
    m_rereadShare->setToolTip(tr("For test-retest agreement (intra-rater kappa); nothing marks an item as a re-read"));
    m_rereadGap->setObjectName("rereadGap");
    m_rereadGap->setRange(1, 100000);
    m_rereadGap->setValue(sg::core::RereadSettings {}.gap);
    m_rereadGap->setPrefix(tr("at least "));
    m_rereadGap->setSuffix(tr(" items after the first read"));
    m_rereadGap->setToolTip(tr("Less when the worklist is too short for it"));
    auto* browseFolder = new QPushButton(tr("Browse…"));
    auto* browseFile = new QPushButton(tr("Browse…"));
    auto* form = new QFormLayout(this);
    form->addRow(tr("DICOM folder:"), withBrowse(m_folder, browseFolder));
    form->addRow(tr("Project file:"), withBrowse(m_file, browseFile));
    form->addRow(tr("Your name (lead):"), m_lead);
    // The lead role is the lead's passphrase: only its hash is stored (core/store/Identity.h).
    m_passphrase->setObjectName("leadPassphrase");
    m_passphrase->setEchoMode(QLineEdit::Password);
    m_passphraseAgain->setObjectName("leadPassphraseAgain");
    m_passphraseAgain->setEchoMode(QLineEdit::Password);
    m_passphraseNote->setObjectName("leadPassphraseNote");
    m_passphraseNote->setWordWrap(true);
    form->addRow(tr("Your passphrase:"), m_passphrase);
    form->addRow(tr("Again:"), m_passphraseAgain);
    form->addRow(m_passphraseNote);
    form->addRow(tr("Items:"), m_perLevel);
    form->addRow(tr("Worklist seed:"), m_seed);
    form->addRow(m_assisted);
    form->addRow(tr("Re-reads:"), m_rereadShare);
    form->addRow(tr("Re-read gap:"), m_rereadGap);
    m_error->setObjectName("newProjectError");
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #8a1f11; background: #fdecea; border: 1px solid #e0a39a; "
                                          "border-radius: 3px; padding: 4px; }"));
    m_error->hide();
    form->addRow(m_error);
    form->addRow(m_buttons);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create"));
    connect(browseFolder, &QPushButton::clicked, this, &NewProjectDialog::browseFolder);
    connect(browseFile, &QPushButton::clicked, this, &NewProjectDialog::browseFile);
    // Create asks the caller to set the project up; the dialog stays until that succeeds.
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        showError({});
        emit createRequested();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit* e : {m_folder, m_file, m_lead, m_passphrase, m_passphraseAgain})
        connect(e, &QLineEdit::textChanged, this, &NewProjectDialog::updateOk);
    updateOk();
    resize(640, sizeHint().height());
}

sg::core::ProjectSetupOptions NewProjectDialog::options() const
{
    sg::core::ProjectSetupOptions o;
    o.dicomFolder = m_folder->text().trimmed().toStdString();
    o.projectFile = m_file->text().trimmed().toStdString();
    o.leadName = m_lead->text().trimmed().toStdString();
    o.leadPassphrase = m_passphrase->text().toStdString();
    o.worklist.perLevel = m_perLevel->value();
    o.worklist.seed = static_cast<std::uint64_t>(m_seed->value());
    o.assisted = m_assisted->isChecked();
    o.rereads.share = m_rereadShare->value() / 100.0;
    o.rereads.gap = m_rereadGap->value();
    return o;
}

void NewProjectDialog::setFolder(const QString& folder)
{
    m_folder->setText(folder);
}

void NewProjectDialog::setProjectFile(const QString& file)
{
    m_file->setText(file);
}

void NewProjectDialog::setLeadName(const QString& name)
{
    m_lead->setText(name);
}

void NewProjectDialog::setLeadPassphrase(const QString& passphrase, const QString& again)
{
    m_passphrase->setText(passphrase);
    m_passphraseAgain->setText(again);
}

void NewProjectDialog::browseFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("DICOM folder"), m_folder->text());
    if (!dir.isEmpty())
        m_folder->setText(dir);
}

void NewProjectDialog::browseFile()
{
    QString file =
        QFileDialog::getSaveFileName(this, tr("New project file"), m_file->text(), tr("SpineGrade projects (*.sgdb)"));
    if (file.isEmpty())
        return;
    if (!file.endsWith(".sgdb"))
        file += ".sgdb";
    m_file->setText(file);
}

void NewProjectDialog::showError(const QString& error)
{
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
    // A wrapped message needs more height than the dialog was given for its fields.
    if (!error.isEmpty() && layout()->hasHeightForWidth())
        resize(width(), std::max(height(), layout()->totalHeightForWidth(width())));
}

QString NewProjectDialog::error() const
{
    return m_error->text();
}

void NewProjectDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_buttons->button(QDialogButtonBox::Cancel)->setEnabled(!busy);
    updateOk();
}

void NewProjectDialog::reject()
{
    if (!m_busy)
        QDialog::reject();
}

void NewProjectDialog::updateOk()
{
    const QString file = m_file->text().trimmed();
    const int minimum = static_cast<int>(sg::core::kMinPassphraseLength);
    const bool passphraseOk =
        m_passphrase->text().size() >= minimum && m_passphraseAgain->text() == m_passphrase->text();
    m_passphraseNote->setText(m_passphrase->text().size() < minimum
            ? tr("At least %1 characters; it gives the lead role, so keep it to yourself.").arg(minimum)
            : m_passphraseAgain->text() != m_passphrase->text() ? tr("The two passphrases differ.")
                                                                : QString());
    const bool complete =
        !m_folder->text().trimmed().isEmpty() && !file.isEmpty() && !m_lead->text().trimmed().isEmpty() && passphraseOk;
    // Said while typing: a project is never set up over an existing file.
    const bool exists = !file.isEmpty() && QFileInfo::exists(file);
    if (exists)
        showError(tr("%1 already exists there: choose a new file name, or open it with File > Open labeling "
                     "project.")
                      .arg(QFileInfo(file).fileName()));
    else if (m_saidExists) // the name changed to a new one: the warning goes
        showError({});
    m_saidExists = exists;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(complete && !exists && !m_busy);
}

} // namespace sg::ui
