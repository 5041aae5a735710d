#include "ui/dashboard/DashboardWidget.h"

#include "core/stats/KappaParadox.h"
#include "ui/charts/ConfusionHeatmap.h"
#include "ui/charts/DistributionBars.h"
#include "ui/charts/KappaForest.h"
#include "ui/charts/LevelBreakdown.h"
#include "ui/dashboard/AgreementFeed.h"
#include "ui/dashboard/AgreementTables.h"
#include "ui/dashboard/ChartWidget.h"

#include <QComboBox>
#include <QFileInfo>
#include <QGridLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScreen>
#include <QScrollArea>
#include <QTableWidget>
#include <QVBoxLayout>

namespace sg::ui {
using namespace sg::core;

namespace {

QTableWidget* makeTable(QWidget* parent)
{
    auto* t = new QTableWidget(parent);
    t->setAlternatingRowColors(true);
    t->setSelectionMode(QAbstractItemView::NoSelection);
    t->setFocusPolicy(Qt::NoFocus);
    t->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    t->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    t->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    // As wide as the columns: figures stay next to their names instead of across the page.
    t->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
    return t;
}

// A table as tall as its rows, so the page scrolls as one and no table hides a row.
void fitHeight(QTableWidget& t)
{
    int h = t.horizontalHeader()->height() + 2 * t.frameWidth();
    for (int r = 0; r < t.rowCount(); ++r)
        h += t.rowHeight(r);
    t.setFixedHeight(h);
}

// Tables keep their own width (left); charts take the whole width (align {}).
QGroupBox* section(const QString& title, QWidget* content, QWidget* parent, Qt::Alignment align = Qt::AlignLeft)
{
    auto* box = new QGroupBox(title, parent);
    auto* layout = new QVBoxLayout(box);
    layout->addWidget(content, 0, align);
    return box;
}

QString scaleTitle(Scale scale)
{
    switch (scale) {
    case Scale::Grade: return QObject::tr("stenosis grade (A-D)");
    case Scale::Canal: return QObject::tr("rootlet vs cord");
    case Scale::GradeAnyStenosis: return QObject::tr("grade: A vs B-D (any stenosis)");
    case Scale::GradeSevere: return QObject::tr("grade: A-B vs C-D (severe)");
    }
    return {};
}

} // namespace

DashboardWidget::DashboardWidget(QWidget* parent)
    : QWidget(parent),
      m_feed(new AgreementFeed(this)),
      m_title(new QLabel(this)),
      m_status(new QLabel(this)),
      m_paperTable(makeTable(this)),
      m_kappaTable(makeTable(this)),
      m_progressTable(makeTable(this)),
      m_intraTable(makeTable(this)),
      m_fleiss(new QLabel(this)),
      m_explain(new QLabel(this)),
      m_scaleBox(new QComboBox(this)),
      m_pairBox(new QComboBox(this)),
      m_weightsBox(new QComboBox(this)),
      m_heatmap(new ChartWidget({420, 380}, this)),
      m_distribution(new ChartWidget({560, 380}, this)),
      m_forest(new ChartWidget({560, 300}, this)),
      m_levels(new ChartWidget({560, 300}, this))
{
    setWindowTitle(tr("Agreement dashboard"));
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_title->setFont(big);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setText(tr("Waiting for the first figures…"));

    for (Scale s : kAllScales)
        m_scaleBox->addItem(scaleTitle(s), static_cast<int>(s));
    for (KappaWeights w : {KappaWeights::Unweighted, KappaWeights::Linear, KappaWeights::Quadratic})
        m_weightsBox->addItem(tr("kappa %1").arg(kappaWeightsName(w)), static_cast<int>(w));
    m_pairBox->setMinimumContentsLength(24);
    m_pairBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);

    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(section(tr("Agreement by task and pair of raters (the paper's table)"), m_paperTable, page));

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Scale:"), page));
    controls->addWidget(m_scaleBox);
    controls->addSpacing(16);
    controls->addWidget(new QLabel(tr("Pair (reference = rows):"), page));
    controls->addWidget(m_pairBox);
    controls->addSpacing(16);
    controls->addWidget(m_weightsBox);
    controls->addStretch(1);
    layout->addLayout(controls);

    auto* kappa = new QWidget(page);
    auto* kappaLayout = new QVBoxLayout(kappa);
    kappaLayout->setContentsMargins(0, 0, 0, 0);
    kappaLayout->addWidget(m_kappaTable);
    kappaLayout->addWidget(m_fleiss);
    m_explain->setWordWrap(true);
    m_explain->setTextInteractionFlags(Qt::TextSelectableByMouse);
    kappaLayout->addWidget(m_explain);
    layout->addWidget(section(tr("Kappa with 95% CI and Landis-Koch band, PABAK, Gwet's AC1"), kappa, page));

    auto* charts = new QWidget(page);
    auto* grid = new QGridLayout(charts);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(m_heatmap, 0, 0);
    grid->addWidget(m_distribution, 0, 1);
    grid->addWidget(m_forest, 1, 0);
    grid->addWidget(m_levels, 1, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    for (ChartWidget* c : {m_heatmap, m_distribution})
        c->setMinimumHeight(360);
    for (ChartWidget* c : {m_forest, m_levels})
        c->setMinimumHeight(300);
    layout->addWidget(section(tr("Charts"), charts, page, {}));
    layout->addWidget(section(tr("Each analyzer's progress"), m_progressTable, page));
    m_intraTable->setObjectName("intraRaterTable");
    m_intraSection =
        section(tr("Intra-rater: each analyzer's first read against their blinded re-read"), m_intraTable, page);
    m_intraSection->hide();
    layout->addWidget(m_intraSection);
    layout->addStretch(1);

    auto* scroll = new QScrollArea(this);
    scroll->setWidget(page);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* outer = new QVBoxLayout(this);
    auto* header = new QHBoxLayout;
    header->addWidget(m_title);
    header->addStretch(1);
    header->addWidget(m_status);
    outer->addLayout(header);
    outer->addWidget(scroll);

    connect(m_feed, &AgreementFeed::updated, this, &DashboardWidget::display);
    connect(m_feed, &AgreementFeed::bootstrapped, this, &DashboardWidget::displayBootstrap);
    connect(m_feed, &AgreementFeed::failed, this,
        [this](const QString& message) { m_status->setText(tr("Cannot read the project: %1").arg(message)); });
    connect(m_scaleBox, &QComboBox::currentIndexChanged, this, [this] {
        refillPairs();
        refreshDetail();
    });
    connect(m_pairBox, &QComboBox::currentIndexChanged, this, &DashboardWidget::refreshDetail);
    connect(m_weightsBox, &QComboBox::currentIndexChanged, this, &DashboardWidget::refreshDetail);
    // Roomy where the screen has the room; on a 1366x768 laptop the screen less a title bar
    // (the page scrolls, so nothing needs the height).
    QSize size(1240, 1000);
    if (const QScreen* screen = parent ? parent->screen() : QGuiApplication::primaryScreen())
        size = size.boundedTo(screen->availableGeometry().size() - QSize(16, 40));
    resize(size);
}

DashboardWidget::~DashboardWidget() = default;

void DashboardWidget::follow(const QString& projectPath)
{
    m_title->setText(tr("Agreement: %1").arg(QFileInfo(projectPath).fileName()));
    m_status->setText(tr("Reading %1…").arg(projectPath));
    m_feed->start(projectPath);
}

void DashboardWidget::stop()
{
    m_feed->stop();
}

void DashboardWidget::selectScale(Scale scale)
{
    m_scaleBox->setCurrentIndex(m_scaleBox->findData(static_cast<int>(scale)));
}

void DashboardWidget::selectPair(const QString& reference, const QString& other)
{
    const int i = m_pairBox->findData(QStringList {reference, other});
    if (i >= 0)
        m_pairBox->setCurrentIndex(i);
}

const TaskEntry* DashboardWidget::chosenTask() const
{
    if (!m_snapshot)
        return nullptr;
    const Task task = scaleTask(static_cast<Scale>(m_scaleBox->currentData().toInt()));
    for (const TaskEntry& t : m_snapshot->report.tasks)
        if (t.task == task)
            return &t;
    return nullptr;
}

const ScaleReport* DashboardWidget::chosenScale() const
{
    const TaskEntry* task = chosenTask();
    if (!task)
        return nullptr;
    const auto scale = static_cast<Scale>(m_scaleBox->currentData().toInt());
    if (task->all.scale.scale == scale)
        return &task->all.scale;
    for (const ScaleReport& v : task->all.views)
        if (v.scale == scale)
            return &v;
    return nullptr;
}

void DashboardWidget::refillPairs()
{
    // Keep the chosen pair across updates and scales when it still exists.
    const QVariant previous = m_pairBox->currentData();
    QSignalBlocker block(m_pairBox);
    m_pairBox->clear();
    if (const ScaleReport* s = chosenScale())
        for (const PairReport& p : s->pairs) {
            const QString ref = QString::fromStdString(p.reference), other = QString::fromStdString(p.other);
            m_pairBox->addItem(tr("%1 vs %2").arg(ref, other), QStringList {ref, other});
            // A long model name may not fit the box: the whole pair is in the tooltip.
            m_pairBox->setItemData(m_pairBox->count() - 1, tr("%1 vs %2").arg(ref, other), Qt::ToolTipRole);
        }
    const int i = previous.isValid() ? m_pairBox->findData(previous) : -1;
    m_pairBox->setCurrentIndex(i >= 0 ? i : 0);
}

void DashboardWidget::display(std::shared_ptr<const DashboardSnapshot> snapshot)
{
    m_snapshot = std::move(snapshot);
    const DashboardSnapshot& s = *m_snapshot;
    // The analyzers' colours, as the report and review give them (ui/charts/RaterColors.h).
    m_colors = RaterColors(s.analyzersJoined);
    fillPaperTable(*m_paperTable, s.report);
    fitHeight(*m_paperTable);
    fillProgressTable(*m_progressTable, s.progress);
    fitHeight(*m_progressTable);
    fillIntraRaterTable(*m_intraTable, s.report);
    fitHeight(*m_intraTable);
    m_intraSection->setVisible(m_intraTable->rowCount() > 0);
    refillPairs();
    refreshDetail();
    // For the study lead: when the figures were read. The rest is for whoever debugs it.
    m_status->setText(tr("Live · updated %1 UTC").arg(s.computedAt.toUTC().toString(QStringLiteral("HH:mm"))));
    m_status->setToolTip(tr("Follows the project as analyzers label. Figures read at %1 UTC in %2 ms, up to "
                            "label change #%3.")
                             .arg(s.computedAt.toUTC().toString(QStringLiteral("HH:mm:ss")))
                             .arg(s.computeMs, 0, 'f', 1)
                             .arg(s.lastHistoryId));
    emit snapshotShown(s.lastHistoryId);
}

void DashboardWidget::displayBootstrap(std::shared_ptr<const DashboardSnapshot> snapshot)
{
    // Only the CIs of the figures on screen: an older snapshot's bootstrap is dropped.
    if (!m_snapshot || snapshot->lastHistoryId != m_snapshot->lastHistoryId ||
        snapshot->dataVersion != m_snapshot->dataVersion)
        return;
    m_snapshot = std::move(snapshot);
    refreshDetail();
    emit bootstrapShown(m_snapshot->lastHistoryId);
}

void DashboardWidget::refreshDetail()
{
    const ScaleReport* scale = chosenScale();
    const TaskEntry* task = chosenTask();
    if (!scale || !task) {
        m_kappaTable->setRowCount(0);
        return;
    }
    fillKappaTable(*m_kappaTable, *scale);
    fitHeight(*m_kappaTable);
    m_fleiss->setText(tr("Fleiss' kappa over the %1 item(s) every one of the %2 rater(s) labeled: %3")
                          .arg(scale->fleissItems)
                          .arg(scale->raters.size())
                          .arg(scale->fleissKappa ? QString::number(*scale->fleissKappa, 'f', 3) : tr("undefined")));

    const auto weights = static_cast<KappaWeights>(m_weightsBox->currentData().toInt());
    m_distributionShown = distributionData(*scale);
    for (const DistributionSeries& series : m_distributionShown.series)
        m_distributionShown.colors.push_back(m_colors.color(series.name));
    m_distribution->setPaint(
        [d = m_distributionShown](QPainter& p, const QRectF& r) { paintDistributionBars(p, r, d); });
    const KappaForestData forest = kappaForestData(*scale, weights);
    QStringList labels; // whole, where the chart had to shorten a long model name
    for (const KappaRow& row : forest.rows)
        labels << row.label;
    m_forest->setToolTip(labels.join(QLatin1Char('\n')));
    m_forest->setPaint([d = forest](QPainter& p, const QRectF& r) { paintKappaForest(p, r, d); });

    const QStringList pair = m_pairBox->currentData().toStringList();
    const PairReport* chosen = nullptr;
    if (pair.size() == 2)
        for (const PairReport& p : scale->pairs)
            if (QString::fromStdString(p.reference) == pair[0] && QString::fromStdString(p.other) == pair[1])
                chosen = &p;
    QStringList explain;
    if (chosen) {
        const std::string why = kappaParadoxSentence(chosen->stats, scaleClasses(scale->scale));
        if (!why.empty())
            explain << QString::fromStdString(why);
        auto ci = [](const std::optional<std::array<double, 2>>& c) {
            return c ? QStringLiteral("[%1, %2]").arg((*c)[0], 0, 'f', 3).arg((*c)[1], 0, 'f', 3) : tr("undefined");
        };
        if (chosen->bootstrap && chosen->bootstrap->clusters < 2) {
            explain << tr("Bootstrap CIs need at least two %1; this pair has %2.")
                           .arg(chosen->bootstrap->clusteredByItem ? tr("items") : tr("studies"))
                           .arg(chosen->bootstrap->clusters);
        } else if (chosen->bootstrap) {
            const BootstrapFigures& b = *chosen->bootstrap;
            explain << tr("Bootstrap 95% CI over %1 %2 (%3 replicates, seed %4): agreement %5, kappa %6, "
                          "quadratic kappa %7, AC1 %8, macro-F1 %9; design effect %10.")
                           .arg(b.clusters)
                           .arg(b.clusteredByItem ? tr("items") : tr("studies"))
                           .arg(b.replicates)
                           .arg(b.seed)
                           .arg(ci(b.percentAgreement), ci(b.kappaUnweighted), ci(b.kappaQuadratic), ci(b.gwetAc1),
                               ci(b.f1Macro))
                           .arg(b.designEffect ? QString::number(*b.designEffect, 'f', 2) : tr("undefined"));
        } else if (chosen->stats.n > 0) {
            explain << tr("Bootstrap CIs (resampling studies): computing…");
        }
    }
    m_explain->setText(explain.join(' '));
    if (chosen) {
        m_heatmap->setPaint(
            [d = heatmapData(*chosen, scale->scale)](QPainter& p, const QRectF& r) { paintConfusionHeatmap(p, r, d); });
        m_levels->setPaint([d = levelBreakdownData(*task, chosen->reference, chosen->other)](
                               QPainter& p, const QRectF& r) { paintLevelBreakdown(p, r, d); });
    } else {
        // Fewer than two raters: nothing to pair yet.
        HeatmapData empty;
        empty.title = tr("Confusion matrix: needs two raters");
        m_heatmap->setPaint([empty](QPainter& p, const QRectF& r) { paintConfusionHeatmap(p, r, empty); });
        LevelBreakdownData none;
        none.title = tr("Per level: needs two raters");
        m_levels->setPaint([none](QPainter& p, const QRectF& r) { paintLevelBreakdown(p, r, none); });
    }
}

} // namespace sg::ui
