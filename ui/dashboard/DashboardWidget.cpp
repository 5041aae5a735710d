#include "ui/dashboard/DashboardWidget.h"

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
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
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
      m_fleiss(new QLabel(this)),
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
    connect(m_feed, &AgreementFeed::failed, this,
        [this](const QString& message) { m_status->setText(tr("Cannot read the project: %1").arg(message)); });
    connect(m_scaleBox, &QComboBox::currentIndexChanged, this, [this] {
        refillPairs();
        refreshDetail();
    });
    connect(m_pairBox, &QComboBox::currentIndexChanged, this, &DashboardWidget::refreshDetail);
    connect(m_weightsBox, &QComboBox::currentIndexChanged, this, &DashboardWidget::refreshDetail);
    resize(1240, 1000);
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
        }
    const int i = previous.isValid() ? m_pairBox->findData(previous) : -1;
    m_pairBox->setCurrentIndex(i >= 0 ? i : 0);
}

void DashboardWidget::display(std::shared_ptr<const DashboardSnapshot> snapshot)
{
    m_snapshot = std::move(snapshot);
    const DashboardSnapshot& s = *m_snapshot;
    fillPaperTable(*m_paperTable, s.report);
    fitHeight(*m_paperTable);
    fillProgressTable(*m_progressTable, s.progress);
    fitHeight(*m_progressTable);
    refillPairs();
    refreshDetail();
    m_status->setText(tr("Live · updated %1 UTC · %2 ms · change #%3")
                          .arg(s.computedAt.toString(QStringLiteral("HH:mm:ss")))
                          .arg(s.computeMs, 0, 'f', 1)
                          .arg(s.lastHistoryId));
    emit snapshotShown(s.lastHistoryId);
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
    m_distribution->setPaint(
        [d = distributionData(*scale)](QPainter& p, const QRectF& r) { paintDistributionBars(p, r, d); });
    m_forest->setPaint(
        [d = kappaForestData(*scale, weights)](QPainter& p, const QRectF& r) { paintKappaForest(p, r, d); });

    const QStringList pair = m_pairBox->currentData().toStringList();
    const PairReport* chosen = nullptr;
    if (pair.size() == 2)
        for (const PairReport& p : scale->pairs)
            if (QString::fromStdString(p.reference) == pair[0] && QString::fromStdString(p.other) == pair[1])
                chosen = &p;
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
