#include "ui/labeling/KitTransferAction.h"

#include "core/store/ProjectStore.h"
#include "core/store/ReaderKit.h"
#include "ui/common/ImportRoots.h"
#include "ui/common/ProgressDialogTask.h"
#include "ui/labeling/LabelingController.h"
#include "ui/labeling/LabelingMode.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>

namespace sg::ui {

using namespace sg::core;

KitTransferAction::KitTransferAction(QWidget* window, QMenu* fileMenu, LabelingMode* labeling)
    : LeadProjectAction(window, labeling)
{
    m_send = fileMenu->addAction(tr("Send to &analyzer…"), this, &KitTransferAction::chooseAndSend);
    m_send->setObjectName("sendKitAction");
    m_send->setStatusTip(tr("Write a reader kit: one analyzer's worklist, labels and slices, nothing of anyone else; "
                            "leads only"));
    m_receive = fileMenu->addAction(tr("Recei&ve…"), this, &KitTransferAction::chooseAndReceive);
    m_receive->setObjectName("receiveKitAction");
    m_receive->setStatusTip(tr("Merge a labeled reader kit back into the project; leads only"));
    updateEnabled();
}

void KitTransferAction::updateEnabled()
{
    // A reader kit holds no project to send from or merge into.
    const bool free = leadIsFree() && !m_labeling->controller().isReaderKit();
    m_send->setEnabled(free);
    m_receive->setEnabled(free);
}

void KitTransferAction::chooseAndSend()
{
    const QString project = m_labeling->controller().projectPath();
    QStringList names;
    {
        auto store = ProjectStore::open(project.toStdString(), projectOpenOptions(project, true));
        auto people = store ? (*store)->analyzers() : Result<std::vector<Analyzer>>(Error {store.error()});
        if (!people)
            return done(false, QString::fromStdString(people.error()), true);
        for (const Analyzer& a : *people)
            if (!a.isLead())
                names << QString::fromStdString(a.name);
    }
    if (names.isEmpty())
        return done(false, tr("The project has no analyzer to send a kit to."), true);
    bool ok = false;
    const QString analyzer =
        QInputDialog::getItem(m_window, tr("Send to analyzer"), tr("The reader kit is for:"), names, 0, false, &ok);
    if (!ok)
        return;
    const QString kit = QFileDialog::getSaveFileName(m_window, tr("Send to analyzer"),
        QFileInfo(project).absolutePath() + QLatin1Char('/') + analyzer + QStringLiteral(".sgkit"),
        tr("Reader kits (*.sgkit)"));
    if (kit.isEmpty())
        return;
    m_interactive = true;
    sendTo(analyzer, kit.endsWith(QStringLiteral(".sgkit")) ? kit : kit + QStringLiteral(".sgkit"));
}

void KitTransferAction::chooseAndReceive()
{
    const QString kit = QFileDialog::getOpenFileName(m_window, tr("Receive a reader kit"),
        QFileInfo(m_labeling->controller().projectPath()).absolutePath(), tr("Reader kits (*.sgkit);;All files (*)"));
    if (kit.isEmpty())
        return;
    m_interactive = true;
    receive(kit);
}

bool KitTransferAction::sendTo(const QString& analyzer, const QString& kitPath)
{
    if (!m_send->isEnabled())
        return false;
    const std::string project = m_labeling->controller().projectPath().toStdString();
    const OpenOptions options = projectOpenOptions(m_labeling->controller().projectPath());
    const bool started = m_task->start<Result<KitExportSummary>>(
        tr("Send to analyzer"), tr("Writing the reader kit for %1…").arg(analyzer),
        [project, options, name = analyzer.toStdString(), out = kitPath.toStdString()](
            Progress& p) -> Result<KitExportSummary> {
            // The worker's own connection (one per thread).
            auto store = ProjectStore::open(project, options);
            if (!store)
                return Error {store.error()};
            return exportReaderKit(**store, name, out, p);
        },
        [this, analyzer, kitPath](const Result<KitExportSummary>& written) {
            if (!written)
                return done(false, tr("No reader kit was written: %1").arg(QString::fromStdString(written.error())),
                    m_interactive);
            done(true,
                tr("Reader kit for %1 written to %2: %3 slice(s), %4 label(s) already given, %5 MB.")
                    .arg(analyzer, kitPath)
                    .arg(written->items)
                    .arg(written->labels)
                    .arg(static_cast<double>(written->bytes) / (1024.0 * 1024.0), 0, 'f', 1),
                m_interactive);
        });
    updateEnabled();
    return started;
}

bool KitTransferAction::receive(const QString& kitPath)
{
    if (!m_receive->isEnabled())
        return false;
    const std::string project = m_labeling->controller().projectPath().toStdString();
    const Analyzer lead = m_labeling->controller().who();
    const OpenOptions options = projectOpenOptions(m_labeling->controller().projectPath());
    const bool started = m_task->start<Result<KitImportSummary>>(
        tr("Receive"), tr("Checking and merging %1…").arg(QFileInfo(kitPath).fileName()),
        [project, options, lead, kit = kitPath.toStdString()](Progress& p) -> Result<KitImportSummary> {
            auto store = ProjectStore::open(project, options);
            if (!store)
                return Error {store.error()};
            return importReaderKit(**store, kit, lead, p);
        },
        [this, kitPath](const Result<KitImportSummary>& merged) {
            if (!merged)
                return done(false, QString::fromStdString(merged.error()), m_interactive);
            const QString who = QString::fromStdString(merged->info.analyzerName);
            done(true,
                merged->mergedRows == 0
                    ? tr("Nothing new in %1 (%2's kit): the project was not changed.").arg(kitPath, who)
                    : tr("%1 change(s) of %2 merged from %3 (%4 label(s)).")
                          .arg(merged->mergedRows)
                          .arg(who, kitPath)
                          .arg(merged->changedLabels),
                m_interactive);
        });
    updateEnabled();
    return started;
}

void KitTransferAction::done(bool ok, const QString& text, bool showBox)
{
    m_interactive = false;
    updateEnabled();
    emit message(text);
    if (showBox) {
        if (ok)
            QMessageBox::information(m_window, tr("Reader kit"), text);
        else
            QMessageBox::warning(m_window, tr("Reader kit"), text);
    }
    emit finished(ok, text);
}

} // namespace sg::ui
