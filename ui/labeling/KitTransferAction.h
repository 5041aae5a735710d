#pragma once
// File > Send to analyzer… and File > Receive…: reader kits (core/store/ReaderKit.h) from the
// GUI, for a lead with a project open. Both run on a worker (BackgroundTask) with a progress
// dialog that can cancel; the outcome (what was merged, or why the kit was refused) is shown.
#include "ui/labeling/LeadProjectAction.h"

class QAction;
class QMenu;

namespace sg::ui {

class KitTransferAction : public LeadProjectAction {
    Q_OBJECT
public:
    KitTransferAction(QWidget* window, QMenu* fileMenu, LabelingMode* labeling);

    QAction* sendAction() const { return m_send; }
    QAction* receiveAction() const { return m_receive; }
    // Without the dialogs (tests, scripts); false when refused before starting.
    bool sendTo(const QString& analyzer, const QString& kitPath);
    bool receive(const QString& kitPath);

signals:
    // ok: written or merged; `text` says what happened or why not.
    void finished(bool ok, const QString& text);

private:
    void updateEnabled() override;
    void chooseAndSend();
    void chooseAndReceive();
    void done(bool ok, const QString& text, bool showBox);

    QAction* m_send;
    QAction* m_receive;
    bool m_interactive = false; // started from the menu: the outcome shows in a message box
};

} // namespace sg::ui
