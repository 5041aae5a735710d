#include "ui/common/ProgressDialogTask.h"

#include <QProgressDialog>
#include <QWidget>

#include <algorithm>

namespace sg::ui {

ProgressDialogTask::ProgressDialogTask(QWidget* window, QObject* parent)
    : QObject(parent), m_window(window), m_task(new BackgroundTask(this))
{
    connect(m_task, &BackgroundTask::progress, this, [this](qint64 done, qint64 total) {
        if (!m_dialog)
            return;
        m_dialog->setMaximum(static_cast<int>(std::max<qint64>(total, 1)));
        m_dialog->setValue(static_cast<int>(done));
    });
}

void ProgressDialogTask::showDialog(const QString& title, const QString& text)
{
    m_dialog = new QProgressDialog(text, tr("Cancel"), 0, 1, m_window);
    m_dialog->setWindowTitle(title);
    m_dialog->setMinimumDuration(300); // a quick task shows no dialog at all
    m_dialog->setAutoClose(false);
    m_dialog->setAutoReset(false);
    connect(m_dialog, &QProgressDialog::canceled, m_task, &BackgroundTask::cancel);
    m_dialog->setValue(0);
}

void ProgressDialogTask::closeDialog()
{
    if (m_dialog) {
        m_dialog->deleteLater();
        m_dialog = nullptr;
    }
}

} // namespace sg::ui
