#include "ui/browser/StudyBrowser.h"

#include "ui/viewer/ViewerState.h"

#include <QHeaderView>
#include <QMenu>
#include <QPainter>
#include <QStandardItemModel>

namespace sg::ui {
namespace {

constexpr int kSeriesRole = Qt::UserRole + 1;
constexpr int kStackRole = Qt::UserRole + 2;

QString stackLabel(const sg::core::Stack& st)
{
    const std::string level = sg::core::levelName(st.level);
    return QStringLiteral("%1  (%2 slices)")
        .arg(level.empty() ? QObject::tr("Level ?") : QString::fromStdString(level))
        .arg(st.slices.size());
}

} // namespace

StudyBrowser::StudyBrowser(ViewerState& state, QWidget* parent)
    : QTreeView(parent), m_state(state), m_model(new QStandardItemModel(this))
{
    setModel(m_model);
    setHeaderHidden(true);
    setEditTriggers(NoEditTriggers);
    setContextMenuPolicy(Qt::CustomContextMenu);
    setFocusPolicy(Qt::NoFocus); // keys belong to the slice view
    connect(selectionModel(), &QItemSelectionModel::currentChanged, this,
        [this](const QModelIndex& index) { onActivated(index); });
    connect(this, &QWidget::customContextMenuRequested, this, &StudyBrowser::showContextMenu);
    connect(&m_state, &ViewerState::studyChanged, this, &StudyBrowser::rebuild);
    connect(&m_state, &ViewerState::levelsChanged, this, &StudyBrowser::rebuild);
    connect(&m_state, &ViewerState::sliceChanged, this, &StudyBrowser::syncSelection);
}

void StudyBrowser::rebuild()
{
    m_syncing = true;
    m_model->clear();
    const auto& study = m_state.study();
    if (study) {
        QStandardItem* root = m_model->invisibleRootItem();
        int lastStudy = -1;
        QStandardItem* studyItem = nullptr;
        for (size_t i = 0; i < study->series.size(); ++i) {
            const auto& entry = study->series[i];
            if (!studyItem || entry.study != lastStudy) { // a new study starts a new top-level row
                const auto& st = study->scan.studies[static_cast<size_t>(entry.study)];
                QString text = QString::fromStdString(st.description.empty() ? "Study" : st.description);
                if (!st.studyDate.empty())
                    text += QStringLiteral("  %1").arg(QString::fromStdString(st.studyDate));
                studyItem = new QStandardItem(text);
                studyItem->setToolTip(QString::fromStdString(st.studyInstanceUid));
                studyItem->setSelectable(false);
                root->appendRow(studyItem);
                lastStudy = entry.study;
            }
            const sg::core::Series& se = study->seriesAt(static_cast<int>(i));
            auto* seriesItem = new QStandardItem(
                QStringLiteral("%1 %2  %3")
                    .arg(se.seriesNumber)
                    .arg(QString::fromStdString(se.modality), QString::fromStdString(se.description)));
            seriesItem->setData(static_cast<int>(i), kSeriesRole);
            seriesItem->setData(-1, kStackRole);
            // Show levels cranial first, as they appear on a sagittal image.
            for (int k = static_cast<int>(se.stacks.size()) - 1; k >= 0; --k) {
                auto* stackItem = new QStandardItem(stackLabel(se.stacks[static_cast<size_t>(k)]));
                stackItem->setData(static_cast<int>(i), kSeriesRole);
                stackItem->setData(k, kStackRole);
                seriesItem->appendRow(stackItem);
            }
            studyItem->appendRow(seriesItem);
        }
        expandAll();
    }
    m_syncing = false;
    syncSelection();
}

void StudyBrowser::syncSelection()
{
    const int series = m_state.seriesIndex(), stack = m_state.stackIndex();
    std::function<QModelIndex(const QModelIndex&)> find = [&](const QModelIndex& parent) -> QModelIndex {
        for (int r = 0; r < m_model->rowCount(parent); ++r) {
            const QModelIndex idx = m_model->index(r, 0, parent);
            if (idx.data(kSeriesRole).isValid() && idx.data(kSeriesRole).toInt() == series &&
                idx.data(kStackRole).toInt() == stack)
                return idx;
            const QModelIndex inner = find(idx);
            if (inner.isValid())
                return inner;
        }
        return {};
    };
    const QModelIndex target = find({});
    if (target.isValid() && target != currentIndex()) {
        m_syncing = true;
        setCurrentIndex(target);
        m_syncing = false;
    }
}

void StudyBrowser::onActivated(const QModelIndex& index)
{
    if (m_syncing || !index.isValid() || !index.data(kSeriesRole).isValid())
        return;
    const int series = index.data(kSeriesRole).toInt(), stack = index.data(kStackRole).toInt();
    if (series != m_state.seriesIndex())
        m_state.selectSeries(series);
    if (stack >= 0)
        m_state.selectStack(stack);
}

void StudyBrowser::showContextMenu(const QPoint& pos)
{
    const QModelIndex index = indexAt(pos);
    if (!index.isValid() || index.data(kStackRole).toInt() < 0)
        return;
    onActivated(index);
    const int stack = index.data(kStackRole).toInt();
    QMenu menu(this);
    QMenu* levels = menu.addMenu(tr("Set level"));
    for (sg::core::Level level : sg::core::kAllLevels)
        levels->addAction(QString::fromUtf8(sg::core::levelName(level).data()),
            [this, stack, level] { m_state.setStackLevel(stack, level); });
    levels->addSeparator();
    levels->addAction(tr("Unassigned"), [this, stack] { m_state.setStackLevel(stack, std::nullopt); });
    menu.exec(viewport()->mapToGlobal(pos));
}

void StudyBrowser::setPlaceholder(const QString& text)
{
    m_placeholder = text;
    viewport()->update();
}

void StudyBrowser::paintEvent(QPaintEvent* event)
{
    QTreeView::paintEvent(event);
    if (m_placeholder.isEmpty() || (model() && model()->rowCount() > 0))
        return;
    QPainter painter(viewport());
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(
        viewport()->rect().adjusted(8, 8, -8, -8), Qt::AlignTop | Qt::AlignLeft | Qt::TextWordWrap, m_placeholder);
}

} // namespace sg::ui
