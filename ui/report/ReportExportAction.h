#pragma once
// File > Export report...: for a lead with a project open. Asks where and in which format
// (from the chosen filter or the extension), then exports on a worker with a progress
// dialog that can cancel; the outcome goes to the status line.
#include <QObject>

class QAction;
class QMenu;
class QWidget;

namespace sg::ui {

class BackgroundTask;
class LabelingMode;
class ProgressDialogTask;

class ReportExportAction : public QObject {
    Q_OBJECT
public:
    ReportExportAction(QWidget* window, QMenu* fileMenu, LabelingMode* labeling);

    QAction* action() const { return m_action; }
    BackgroundTask& task(); // runs exportReport()
    // Exports without the file dialog (tests, scripts); false when refused.
    bool exportTo(const QString& outPath);

signals:
    void message(const QString& text);
    // ok: the file is written; otherwise `error` says why not (cancelled, or the cause).
    void finished(bool ok, const QString& error);

private:
    void updateEnabled();
    void chooseAndExport();

    QWidget* m_window;
    LabelingMode* m_labeling;
    QAction* m_action;
    ProgressDialogTask* m_task;
};

} // namespace sg::ui
