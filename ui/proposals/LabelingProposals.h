#pragma once
// The CNN in labeling mode: proposes every item of the signed-in analyzer's worklist (the item
// on screen first, then the next ones in their order), stores them in the project as the
// model's predictions from the worker's own connection, and has the controller re-read the
// current item's prediction once it is committed. Reading it back through the store is what
// applies blinding: an analyzer of a blind project never gets grade probabilities.
#include <QObject>

#include <cstdint>
#include <vector>

namespace sg::ui {

class LabelingController;
class ProposalWorker;

class LabelingProposals : public QObject {
    Q_OBJECT
public:
    LabelingProposals(ProposalWorker& worker, LabelingController& controller, QObject* parent = nullptr);

    void start(); // the project is open
    void stop(); // the project closes: cancel
    bool isRunning() const;
    int storedCount() const { return m_stored; }

signals:
    void message(const QString& text);
    void logLine(const QString& text);
    void progress(int done, int total, bool running);

private:
    bool mine() const;
    std::vector<int> currentOrder() const;

    ProposalWorker& m_worker;
    LabelingController& m_controller;
    int m_stored = 0;
    int m_total = 0;
};

} // namespace sg::ui
