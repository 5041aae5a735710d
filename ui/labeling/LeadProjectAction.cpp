#include "ui/labeling/LeadProjectAction.h"

#include "ui/common/ProgressDialogTask.h"
#include "ui/labeling/LabelingController.h"
#include "ui/labeling/LabelingMode.h"

#include <QWidget>

namespace sg::ui {

LeadProjectAction::LeadProjectAction(QWidget* window, LabelingMode* labeling)
    : QObject(window), m_window(window), m_labeling(labeling), m_task(new ProgressDialogTask(window, this))
{
    connect(m_labeling, &LabelingMode::activeChanged, this, [this] { updateEnabled(); });
}

BackgroundTask& LeadProjectAction::task()
{
    return m_task->task();
}

bool LeadProjectAction::leadIsFree() const
{
    return m_labeling->isActive() && m_labeling->controller().isLead() && !m_task->isRunning();
}

} // namespace sg::ui
