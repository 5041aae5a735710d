#pragma once
// File > Export report...: for a lead with a project open. Asks where and in which format
// (from the chosen filter or the extension), then exports on a worker with a progress
// dialog that can cancel; the outcome goes to the status line.
#include "ui/labeling/LeadProjectAction.h"

class QAction;
class QMenu;

namespace sg::ui {

class ReportExportAction : public LeadProjectAction {
    Q_OBJECT
public:
    ReportExportAction(QWidget* window, QMenu* fileMenu, LabelingMode* labeling);

    QAction* action() const { return m_action; }
    // Exports without the file dialog (tests, scripts); false when refused.
    bool exportTo(const QString& outPath);

signals:
    // ok: the file is written; otherwise `error` says why not (cancelled, or the cause).
    void finished(bool ok, const QString& error);

private:
    void updateEnabled() override;
    void chooseAndExport();

    QAction* m_action;
};

} // namespace sg::ui
