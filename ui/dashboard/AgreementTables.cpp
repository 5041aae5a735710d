#include "ui/dashboard/AgreementTables.h"

#include "core/stats/BoundedInterval.h"
#include "core/stats/LandisKoch.h"
#include "ui/charts/ChartStyle.h"

#include <QHeaderView>
#include <QProgressBar>
#include <QTableWidget>

namespace sg::ui {
namespace {

QString kappaCell(const sg::core::KappaEstimate& k, bool band)
{
    if (!k.value)
        return chart::undefinedText();
    QString s = QString::number(*k.value, 'f', 3);
    if (k.degenerate) // 0 by construction (a rater used one class): no CI, no band to read as a finding
        return s + QObject::tr(" (degenerate: a rater used one class)");
    // Bounded to what a kappa can be, as the report and the text print it (BoundedInterval.h).
    if (const auto ci = sg::core::boundedInterval(k.ci95, sg::core::kKappaRange))
        s += QStringLiteral(" [%1, %2]").arg((*ci)[0], 0, 'f', 3).arg((*ci)[1], 0, 'f', 3);
    if (band) {
        const auto name = sg::core::landisKochBand(*k.value);
        s += QStringLiteral(" %1").arg(QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size())));
    }
    return s;
}

QString agreementCell(const sg::core::PairStatistics& s)
{
    if (!s.percentAgreement)
        return chart::undefinedText();
    QString text = chart::formatPercent(s.percentAgreement);
    if (const auto ci = sg::core::boundedInterval(s.percentAgreementCi95, sg::core::kProportionRange))
        text += QStringLiteral(" [%1, %2]").arg(chart::formatPercent((*ci)[0]), chart::formatPercent((*ci)[1]));
    return text;
}

// Names left-aligned, figures (from column `firstFigure` on) right-aligned.
void setRow(QTableWidget& table, int row, const QStringList& cells, int firstFigure)
{
    for (int c = 0; c < cells.size(); ++c) {
        auto* item = new QTableWidgetItem(cells[c]);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        if (c >= firstFigure)
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        if (cells[c] == chart::undefinedText())
            item->setForeground(chart::kMuted);
        table.setItem(row, c, item);
    }
}

void prepare(QTableWidget& table, const QStringList& headers, int rows)
{
    table.setColumnCount(static_cast<int>(headers.size()));
    table.setHorizontalHeaderLabels(headers);
    table.setRowCount(rows);
    table.verticalHeader()->hide();
    table.setEditTriggers(QAbstractItemView::NoEditTriggers);
}

} // namespace

QString paperTaskName(sg::core::Task task)
{
    return task == sg::core::Task::Canal ? QStringLiteral("rootlet vs cord") : QStringLiteral("stenosis grade");
}

void fillPaperTable(QTableWidget& table, const sg::core::AgreementReport& report)
{
    std::vector<QStringList> rows;
    for (sg::core::Task task : {sg::core::Task::Canal, sg::core::Task::Grade})
        for (const sg::core::TaskEntry& t : report.tasks) {
            if (t.task != task)
                continue;
            for (const sg::core::PairReport& p : t.all.scale.pairs) {
                if (p.reference > p.other) // agreement and macro-F1 do not depend on the order
                    continue;
                rows.push_back(
                    {paperTaskName(task), QString::fromStdString(p.reference), QString::fromStdString(p.other),
                        QString::number(p.stats.n), agreementCell(p.stats), chart::formatPercent(p.stats.f1Macro)});
            }
        }
    prepare(table,
        {QObject::tr("task"), QObject::tr("rater 1"), QObject::tr("rater 2"), QObject::tr("n"),
            QObject::tr("agreement [95% CI]"), QObject::tr("macro-F1")},
        static_cast<int>(rows.size()));
    for (int r = 0; r < static_cast<int>(rows.size()); ++r)
        setRow(table, r, rows[static_cast<size_t>(r)], 3);
    table.resizeColumnsToContents();
}

void fillKappaTable(QTableWidget& table, const sg::core::ScaleReport& scale)
{
    std::vector<QStringList> rows;
    for (const sg::core::PairReport& p : scale.pairs) {
        if (p.reference > p.other)
            continue;
        const sg::core::PairStatistics& s = p.stats;
        rows.push_back({QString::fromStdString(p.reference), QString::fromStdString(p.other), QString::number(s.n),
            QString::number(s.nDropped), kappaCell(s.kappaUnweighted, true), kappaCell(s.kappaLinear, false),
            kappaCell(s.kappaQuadratic, false), chart::formatNumber(s.pabak), chart::formatNumber(s.gwetAc1),
            chart::formatPercent(s.f1Weighted)});
    }
    prepare(table,
        {QObject::tr("rater 1"), QObject::tr("rater 2"), QObject::tr("n"), QObject::tr("dropped"),
            QObject::tr("kappa [95% CI] band"), QObject::tr("linear"), QObject::tr("quadratic"), QObject::tr("PABAK"),
            QObject::tr("Gwet AC1"), QObject::tr("weighted-F1")},
        static_cast<int>(rows.size()));
    for (int r = 0; r < static_cast<int>(rows.size()); ++r)
        setRow(table, r, rows[static_cast<size_t>(r)], 2);
    table.resizeColumnsToContents();
}

void fillIntraRaterTable(QTableWidget& table, const sg::core::AgreementReport& report)
{
    std::vector<QStringList> rows;
    if (report.intraRater)
        for (const sg::core::IntraRaterEntry& a : *report.intraRater)
            for (const sg::core::IntraRaterTask& t : a.tasks) {
                const bool grade = t.task == sg::core::Task::Grade;
                rows.push_back({QString::fromStdString(a.analyzer), paperTaskName(t.task),
                    QStringLiteral("%1 / %2").arg(t.stats.n).arg(t.scheduled), agreementCell(t.stats),
                    kappaCell(t.stats.kappaUnweighted, true), grade ? kappaCell(t.stats.kappaLinear, false) : QString(),
                    grade ? kappaCell(t.stats.kappaQuadratic, false) : QString()});
            }
    prepare(table,
        {QObject::tr("analyzer"), QObject::tr("task"), QObject::tr("n / re-reads"), QObject::tr("agreement [95% CI]"),
            QObject::tr("kappa [95% CI]"), QObject::tr("linear"), QObject::tr("quadratic")},
        static_cast<int>(rows.size()));
    for (int r = 0; r < static_cast<int>(rows.size()); ++r)
        setRow(table, r, rows[static_cast<size_t>(r)], 2);
    table.resizeColumnsToContents();
}

void fillProgressTable(QTableWidget& table, const std::vector<AnalyzerProgress>& progress)
{
    // The lead is listed only once they label: a lead who only reads is not an analyzer with 0 done.
    std::vector<AnalyzerProgress> shown;
    for (const AnalyzerProgress& p : progress)
        if (!p.lead || p.done > 0)
            shown.push_back(p);
    prepare(table, {QObject::tr("analyzer"), QObject::tr("done / total"), QObject::tr("progress")},
        static_cast<int>(shown.size()));
    for (int r = 0; r < static_cast<int>(shown.size()); ++r) {
        const AnalyzerProgress& p = shown[static_cast<size_t>(r)];
        auto* name = new QTableWidgetItem(p.lead ? QObject::tr("%1 (lead)").arg(p.name) : p.name);
        table.setItem(r, 0, name);
        auto* count = new QTableWidgetItem(QStringLiteral("%1 / %2").arg(p.done).arg(p.total));
        count->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        table.setItem(r, 1, count);
        auto* bar = qobject_cast<QProgressBar*>(table.cellWidget(r, 2));
        if (!bar) {
            bar = new QProgressBar;
            table.setCellWidget(r, 2, bar);
        }
        bar->setRange(0, std::max(1, p.total));
        bar->setValue(p.done);
    }
    table.resizeColumnsToContents();
    table.setColumnWidth(2, 200);
}

} // namespace sg::ui
