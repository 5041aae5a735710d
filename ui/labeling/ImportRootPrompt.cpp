#include "ui/labeling/ImportRootPrompt.h"

#include "ui/common/BackgroundTask.h"
#include "ui/labeling/LabelingActions.h"
#include "ui/labeling/LabelingController.h"
#include "ui/labeling/LabelingMode.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>

#include <algorithm>

namespace sg::ui {

using namespace sg::core;

namespace {
constexpr int kSampled = 5; // files looked for: enough to tell a moved folder, cheap on any disk

// The nearest existing folder at or above `path`: where the chooser starts.
QString existingAncestor(const QString& path)
{
    QString at = path.isEmpty() ? QString() : QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    while (!at.isEmpty() && !QFileInfo(at).isDir()) {
        const QString up = QFileInfo(at).path();
        if (up == at)
            break;
        at = up;
    }
    return QFileInfo(at).isDir() ? at : QDir::homePath();
}
} // namespace

ImportRootPrompt::ImportRootPrompt(QWidget* window, QMenu* fileMenu, LabelingMode* labeling)
    : QObject(labeling), m_window(window), m_labeling(labeling), m_locate(fileMenu->addAction(tr("Locate s&tudies…")))
{
    m_locate->setObjectName(QStringLiteral("locateStudies"));
    m_locate->setStatusTip(tr("Name the folder this project's studies were imported from, as it is on this machine"));
    connect(m_locate, &QAction::triggered, this, [this] {
        if (!m_labeling->isActive() || m_labeling->controller().isReaderKit())
            return;
        m_project = m_labeling->controller().projectPath();
        m_sample = sample();
        chooseFolder();
    });
    connect(m_labeling, &LabelingMode::activeChanged, this, [this](bool active) {
        m_reopenWhenBack = false;
        updateEnabled();
        if (active)
            checkOpenProject();
        else
            dismiss();
    });
    // Review mode disables the labeling actions while it is in front and enables them when it
    // leaves: then labeling may open the project again with a folder chosen meanwhile.
    connect(m_labeling->actions().commit, &QAction::changed, this, [this] {
        if (m_reopenWhenBack && m_labeling->isActive() && m_labeling->actions().commit->isEnabled()) {
            m_reopenWhenBack = false;
            reopen();
        }
    });
    updateEnabled();
}

void ImportRootPrompt::updateEnabled()
{
    m_locate->setEnabled(m_labeling->isActive() && !m_labeling->controller().isReaderKit());
}

RootSample ImportRootPrompt::sample() const
{
    // Spread over the order (first, last and between): the studies may lie in several folders.
    const LabelingController& c = m_labeling->controller();
    const auto& order = c.order();
    RootSample s;
    const int n = static_cast<int>(order.size());
    const int take = std::min(n, kSampled);
    for (int k = 0; k < take; ++k) {
        const int at = take == 1 ? 0 : static_cast<int>((static_cast<long long>(n - 1) * k) / (take - 1));
        const Item* item = c.itemById(order[static_cast<std::size_t>(at)]);
        if (!item || item->relativePath.empty() || s.relative.contains(QString::fromStdString(item->relativePath)))
            continue;
        s.files << QString::fromStdString(item->file);
        s.relative << QString::fromStdString(item->relativePath);
    }
    return s;
}

void ImportRootPrompt::dismiss()
{
    ++m_looks; // an answer still on its way is of no use now
    for (QWidget* w : {static_cast<QWidget*>(m_box.data()), static_cast<QWidget*>(m_dialog.data())})
        if (w) {
            w->disconnect(this);
            w->close();
            w->deleteLater();
        }
}

void ImportRootPrompt::checkOpenProject()
{
    const LabelingController& c = m_labeling->controller();
    dismiss(); // a question about the project opened before
    if (c.isReaderKit())
        return; // a kit holds its pixels: there is no folder to find
    m_project = c.projectPath();
    m_sample = sample();
    if (m_sample.empty())
        return;
    look([sample = m_sample] { return sampleFound(sample); },
        [this](bool found) {
            const QString where = sampleRoot(m_sample);
            if (!found)
                ask(where.isEmpty()
                        ? tr("The studies of this project are not where they were imported from.")
                        : tr("The studies of this project are not at %1.").arg(QDir::toNativeSeparators(where)));
            emit studiesChecked(found);
        });
}

void ImportRootPrompt::look(std::function<bool()> work, std::function<void(bool)> found)
{
    const int look = ++m_looks;
    auto* task = new BackgroundTask(this);
    task->start<Result<bool>>([work = std::move(work)](Progress&) -> Result<bool> { return work(); },
        [this, task, look, project = m_project, found = std::move(found)](const Result<bool>& outcome) {
            task->deleteLater();
            if (look != m_looks || !m_labeling->isActive() || m_labeling->controller().projectPath() != project)
                return; // asked again since, or another project is open now
            found(outcome && *outcome);
        });
}

void ImportRootPrompt::ask(const QString& why)
{
    if (m_box) {
        m_box->disconnect(this);
        m_box->close();
        m_box->deleteLater(); // an answered box may linger hidden
    }
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Locate the studies"),
        why + QLatin1Char(' ') + tr("Where is the folder they were imported from?"), QMessageBox::Cancel, m_window);
    box->setObjectName(QStringLiteral("importRootQuestion"));
    box->setInformativeText(
        tr("The folder is remembered for this project on this machine. Without it, each slice whose file is "
           "missing says so; File > Locate studies… asks again."));
    QPushButton* choose = box->addButton(tr("Choose the folder…"), QMessageBox::AcceptRole);
    choose->setObjectName(QStringLiteral("chooseImportRoot"));
    box->setDefaultButton(choose);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    connect(box, &QMessageBox::finished, this, [this, box, choose] {
        if (box->clickedButton() == choose)
            chooseFolder();
        else
            emit message(tr("The studies were not located: slices whose file is missing say so."));
    });
    m_box = box;
    box->open();
}

void ImportRootPrompt::chooseFolder()
{
    if (m_dialog && m_dialog->isVisible())
        return m_dialog->raise();
    if (m_dialog)
        m_dialog->deleteLater(); // answered and hidden, not deleted yet
    // Qt's own dialog, not the platform's: the same everywhere, and tests can drive it.
    auto* dialog = new QFileDialog(
        m_window, tr("Where is the folder the studies were imported from?"), existingAncestor(sampleRoot(m_sample)));
    dialog->setObjectName(QStringLiteral("importRootDialog"));
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOptions(QFileDialog::ShowDirsOnly | QFileDialog::DontUseNativeDialog);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &QFileDialog::fileSelected, this, &ImportRootPrompt::tryFolder);
    connect(dialog, &QFileDialog::rejected, this,
        [this] { emit message(tr("The studies were not located: slices whose file is missing say so.")); });
    m_dialog = dialog;
    dialog->open();
}

void ImportRootPrompt::tryFolder(const QString& folder)
{
    const QString chosen = folder.isEmpty() ? QString() : QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
    look([sample = m_sample, chosen] { return sampleFoundUnder(sample, chosen); },
        [this, chosen](bool found) {
            if (found)
                return useFolder(chosen);
            ask(tr("The studies of this project are not in %1 either.").arg(QDir::toNativeSeparators(chosen)));
        });
}

void ImportRootPrompt::useFolder(const QString& folder)
{
    const std::string id = projectIdOf(m_project);
    if (id.empty())
        return emit message(tr("%1 cannot be read: the folder was not remembered.").arg(m_project));
    rememberImportRoot(id, m_project, folder);
    emit message(tr("The studies are in %1: remembered for this project on this machine.")
                     .arg(QDir::toNativeSeparators(folder)));
    // Review (in front) reads the folder when it is entered next; labeling once it is back.
    if (m_labeling->actions().commit->isEnabled())
        reopen();
    else
        m_reopenWhenBack = true;
    emit rootChanged(folder);
}

void ImportRootPrompt::reopen()
{
    LabelingController& c = m_labeling->controller();
    const QString project = c.projectPath();
    const QString name = QString::fromStdString(c.who().name);
    const std::optional<std::int64_t> shown = c.item() ? std::optional<std::int64_t>(c.item()->id) : std::nullopt;
    // Opened again: every item's file is resolved under the new root (and the images read anew).
    if (m_labeling->open(project, name) && shown)
        m_labeling->controller().jumpTo(*shown);
}

} // namespace sg::ui
