#pragma once
// What the lead's File menu actions on the open project share (Export report…, Send to
// analyzer…, Receive…): they follow the labeling mode in and out of a project, are for a lead
// whose task is not running, run that task on a worker behind a progress dialog that can cancel
// (ProgressDialogTask), and say what happened in message().
#include <QObject>
#include <QString>

class QWidget;

namespace sg::ui {

class BackgroundTask;
class LabelingMode;
class ProgressDialogTask;

class LeadProjectAction : public QObject {
    Q_OBJECT
public:
    BackgroundTask& task(); // the running export or transfer

signals:
    void message(const QString& text);

protected:
    // The subclass calls updateEnabled() once its actions exist.
    LeadProjectAction(QWidget* window, LabelingMode* labeling);
    // A lead is signed in to a project and this action's task is not running.
    bool leadIsFree() const;
    // Enables the subclass's menu entries; also whenever the labeling mode opens or closes.
    virtual void updateEnabled() = 0;

    QWidget* m_window;
    LabelingMode* m_labeling;
    ProgressDialogTask* m_task;
};

} // namespace sg::ui
