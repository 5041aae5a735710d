#pragma once
// The study lead's agreement dashboard: the paper's table first, then kappa (three weightings,
// CI, Landis-Koch band), PABAK, AC1, n / dropped, Fleiss' kappa, the charts of a chosen scale
// and pair, and each analyzer's progress. Live: an AgreementFeed follows the project file and
// every snapshot it posts replaces what is shown. Only a lead may open it (blinding).
#include "core/stats/Scale.h"
#include "ui/charts/DistributionBars.h"
#include "ui/charts/RaterColors.h"
#include "ui/dashboard/DashboardSnapshot.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QTableWidget;

namespace sg::ui {

class AgreementFeed;
class ChartWidget;

class DashboardWidget : public QWidget {
    Q_OBJECT
public:
    explicit DashboardWidget(QWidget* parent = nullptr);
    ~DashboardWidget() override;

    // Follows the project at `path` (the worker opens its own connection).
    void follow(const QString& projectPath);
    void stop();

    const DashboardSnapshot* snapshot() const { return m_snapshot.get(); }
    QTableWidget& paperTable() { return *m_paperTable; }
    QTableWidget& kappaTable() { return *m_kappaTable; }
    QTableWidget& progressTable() { return *m_progressTable; }
    QLabel& fleissLabel() { return *m_fleiss; }
    // For the chosen pair: why kappa is low where prevalence is skewed (one sentence), and the
    // patient-clustered bootstrap CIs once the worker has them.
    QLabel& explainLabel() { return *m_explain; }
    QLabel& statusLabel() { return *m_status; }
    // The scale and the ordered pair (reference, other) the detail and charts show.
    void selectScale(sg::core::Scale scale);
    void selectPair(const QString& reference, const QString& other);
    // The distribution chart as last painted (each rater with its colour).
    const DistributionData& distributionShown() const { return m_distributionShown; }
    // The colour a rater has in the charts (the same in the report and in review).
    QColor raterColor(const QString& rater) const { return m_colors.color(rater); }

signals:
    // After a snapshot replaced what the widgets show (they repaint on the next event cycle).
    void snapshotShown(qint64 lastHistoryId);
    // After the bootstrap's CIs of the snapshot on screen were shown.
    void bootstrapShown(qint64 lastHistoryId);

private:
    void display(std::shared_ptr<const DashboardSnapshot> snapshot);
    void displayBootstrap(std::shared_ptr<const DashboardSnapshot> snapshot);
    void refreshDetail(); // the kappa table, Fleiss and the charts for the chosen scale and pair
    void refillPairs();
    const sg::core::ScaleReport* chosenScale() const;
    const sg::core::TaskEntry* chosenTask() const;

    AgreementFeed* m_feed;
    std::shared_ptr<const DashboardSnapshot> m_snapshot;
    QLabel* m_title;
    QLabel* m_status;
    QTableWidget* m_paperTable;
    QTableWidget* m_kappaTable;
    QTableWidget* m_progressTable;
    QTableWidget* m_intraTable; // test-retest; its section shows only when there are re-reads
    QWidget* m_intraSection = nullptr;
    QLabel* m_fleiss;
    QLabel* m_explain;
    QComboBox* m_scaleBox;
    QComboBox* m_pairBox;
    QComboBox* m_weightsBox;
    ChartWidget* m_heatmap;
    ChartWidget* m_distribution;
    ChartWidget* m_forest;
    ChartWidget* m_levels;
    RaterColors m_colors;
    DistributionData m_distributionShown;
};

} // namespace sg::ui
