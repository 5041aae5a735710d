// The report's content from a real project file: summary, progress, the disagreements to
// review, and the text formats' handling of rater names a person typed (commas, quotes,
// markup): CSV quoting that reads back, HTML escaping.
#include "core/report/ProjectReport.h"
#include "core/report/ReportCsv.h"
#include "core/report/ReportHtml.h"
#include "core/report/ReportJson.h"
#include "core/report/ReportPlots.h"
#include "core/store/ProjectItemKeys.h"
#include "core/store/ProjectStore.h"
#include "tests/support/ProjectFixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace sg::core;
using namespace sg::test;

namespace {

Label gradeLabel(const Analyzer& who, std::int64_t item, Grade grade)
{
    Label l;
    l.itemId = item;
    l.analyzerId = who.id;
    l.canal = Canal::Rootlet;
    l.grade = grade;
    return l;
}

} // namespace

class TestProjectReport : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<ProjectStore> m_store;
    std::vector<std::int64_t> m_items;
    const std::string m_odd = "O'Brien, \"Pat\" <b>&"; // a name with every character that needs care

private slots:
    void initTestCase()
    {
        std::string error;
        m_store = makeProject((m_dir.path() + "/r.sgdb").toStdString(), syntheticScan("/data/DOE^JOHN", 2, 2), error);
        QVERIFY2(m_store, error.c_str());
        const auto items = m_store->items();
        QVERIFY(items && items->size() == 20); // 2 studies x 5 levels x 2 slices
        for (const Item& item : *items)
            m_items.push_back(item.id);
        const Analyzer ann = *m_store->addAnalyzer("ann", Role::Analyzer);
        const Analyzer odd = *m_store->addAnalyzer(m_odd, Role::Analyzer);
        QVERIFY(m_store->addAnalyzer("lena", Role::Lead));
        // ann labels every item A; the odd name labels the first 10, grade B on items 0 and 3.
        for (size_t i = 0; i < m_items.size(); ++i) {
            QVERIFY(m_store->saveLabel(ann, gradeLabel(ann, m_items[i], Grade::A)));
            if (i < 10)
                QVERIFY(m_store->saveLabel(odd, gradeLabel(odd, m_items[i], i == 0 || i == 3 ? Grade::B : Grade::A)));
        }
    }

    void summaryAndProgress()
    {
        const auto report = buildProjectReport(*m_store);
        QVERIFY2(report, report ? "" : report.error().c_str());
        QCOMPARE(report->items, 20);
        QCOMPARE(report->studyKeys, (std::vector<std::string> {"S001", "S002"}));
        QCOMPARE(report->raters, (std::vector<std::string> {m_odd, "ann"})); // analyzers with labels, by name
        QCOMPARE(report->analyzers, (std::vector<std::string> {m_odd, "ann", "lena"}));
        QVERIFY(report->models.empty());
        QVERIFY(!report->hasConsensus);
        QCOMPARE(report->progress.size(), size_t(3));
        QCOMPARE(report->progress[0].done, 10);
        QCOMPARE(report->progress[0].total, 20);
        QCOMPARE(report->progress[1].done, 20);
        QVERIFY(report->progress[2].lead);
    }

    void disagreementsListEveryItemWhereLabelsDiffer()
    {
        const auto report = buildProjectReport(*m_store);
        QVERIFY(report);
        QCOMPARE(report->disagreements.size(), size_t(2));
        const auto keys = readItemKeys(*m_store);
        QVERIFY(keys);
        for (size_t k = 0; k < 2; ++k) {
            const Disagreement& d = report->disagreements[k];
            const std::int64_t item = m_items[k == 0 ? 0 : 3];
            QCOMPARE(d.itemKey, keys->key(item)); // the ItemKey, "S001 L4/L5 #3"
            QVERIFY(d.itemKey.rfind("S001 L", 0) == 0);
            QCOMPARE(d.task, Task::Grade);
            QVERIFY(!d.level.empty());
            QCOMPARE(d.labels, (std::vector<std::optional<std::string>> {"B", "A"}));
        }
    }

    void csvQuotesNamesAndReadsBack()
    {
        const auto report = buildProjectReport(*m_store);
        QVERIFY(report);
        const std::string csv = projectReportToCsv(*report);
        // RFC 4180: the name in quotes, its quotes doubled.
        const std::string quoted = "\"O'Brien, \"\"Pat\"\" <b>&\"";
        QVERIFY(csv.find("grade,all,all," + quoted + ",ann,percent_agreement,0.8\n") != std::string::npos);
        QVERIFY(csv.find("grade,all,all,ann," + quoted + ",n,10\n") != std::string::npos);
        QVERIFY(csv.find("grade,all,all,ann,,n,20\n") != std::string::npos);
        // ann used one class only: kappa is 0 by construction and flagged degenerate; its
        // interval is not given (both ends empty).
        QVERIFY(csv.find("grade,all,all,ann," + quoted + ",kappa.unweighted.value,0.0\n") != std::string::npos);
        QVERIFY(csv.find("grade,all,all,ann," + quoted + ",kappa.unweighted.degenerate,true\n") != std::string::npos);
        QVERIFY(csv.find("grade,all,all,ann," + quoted + ",kappa.unweighted.ci95.low,\n") != std::string::npos);
        QVERIFY(csv.find("grade,all,all,ann," + quoted + ",kappa.unweighted.ci95.high,\n") != std::string::npos);
    }

    void htmlEscapesNamesAndPlacesThePlots()
    {
        const auto report = buildProjectReport(*m_store);
        QVERIFY(report);
        const auto plots = reportPlots(*report);
        int asked = 0;
        const std::string html = projectReportToHtml(*report, plots, [&](const PlotSpec& spec) {
            ++asked;
            return std::optional<HtmlImage>(HtmlImage {"data:image/png;base64,AAAA" + spec.id, 640, 300});
        });
        QCOMPARE(asked, static_cast<int>(plots.size()));
        QVERIFY(html.find("O&#39;Brien, &quot;Pat&quot; &lt;b&gt;&amp;") != std::string::npos);
        QVERIFY(html.find("<b>&") == std::string::npos);
        for (const PlotSpec& spec : plots)
            QVERIFY2(
                html.find("src=\"data:image/png;base64,AAAA" + spec.id + "\"") != std::string::npos, spec.id.c_str());
        QVERIFY(html.find("DOE^JOHN") == std::string::npos);
        QVERIFY(html.find("1.2.826.0.1.3680043.10.1341.9") == std::string::npos);
        const std::string json = projectReportToJson(*report);
        QVERIFY(json.find("DOE^JOHN") == std::string::npos);
        QVERIFY(json.find("1.2.826.0.1.3680043.10.1341.9") == std::string::npos);
        const QJsonObject parsed = QJsonDocument::fromJson(QByteArray::fromStdString(json)).object();
        QCOMPARE(parsed.value("disagreements").toArray().size(), 2);
        QCOMPARE(parsed.value("project").toObject().value("raters").toArray()[0].toString().toStdString(), m_odd);
    }

    // Last: adds a third analyzer, a model and a consensus to the project.
    // Issue 11: an item where the analyzers agree and only the model differs is not one to
    // review; a decided one shows its consensus, reason code and text, counted per level.
    void disagreementsAreTheAnalyzersWithTheirConsensus()
    {
        const auto analyzers = m_store->analyzers();
        QVERIFY(analyzers);
        const Analyzer lena =
            *std::find_if(analyzers->begin(), analyzers->end(), [](const Analyzer& a) { return a.isLead(); });
        // The model calls item 5 C, where both analyzers said A.
        for (size_t i = 0; i < m_items.size(); ++i) {
            Prediction p;
            p.itemId = m_items[i];
            p.modelName = "cnn";
            p.modelVersion = "1";
            p.canalProbabilities = {0.9, 0.1};
            p.gradeProbabilities =
                i == 5 ? std::vector<double> {0.1, 0.1, 0.7, 0.1} : std::vector<double> {0.7, 0.1, 0.1, 0.1};
            QVERIFY(m_store->savePrediction(p));
        }
        Consensus c;
        c.itemId = m_items[0];
        c.canal = Canal::Rootlet;
        c.grade = Grade::B;
        c.reasonCode = ConsensusReason::BorderlineGrade;
        c.reason = "CSF seen on the slice above";
        QVERIFY(m_store->saveConsensus(lena, c));

        const auto report = buildProjectReport(*m_store);
        QVERIFY(report);
        QCOMPARE(report->disagreements.size(), size_t(2)); // items 0 and 3; not the model's item 5
        const Disagreement& decided = report->disagreements[0];
        QCOMPARE(decided.itemId, m_items[0]);
        QCOMPARE(decided.consensus, std::optional<std::string>("B"));
        QCOMPARE(decided.reasonCode, std::optional<ConsensusReason>(ConsensusReason::BorderlineGrade));
        QCOMPARE(decided.reason, std::string("CSF seen on the slice above"));
        QVERIFY(!report->disagreements[1].consensus);
        QCOMPARE(report->consensusItems, 1);
        QCOMPARE(report->analyzerRaters, (std::vector<std::string> {m_odd, "ann"}));

        const std::string html = projectReportToHtml(*report, {}, {});
        QVERIFY(html.find("Borderline grade: CSF seen on the slice above") != std::string::npos);
        QVERIFY(html.find("(undecided)") != std::string::npos);
        const QJsonObject parsed =
            QJsonDocument::fromJson(QByteArray::fromStdString(projectReportToJson(*report))).object();
        const QJsonObject first = parsed.value("disagreements").toArray()[0].toObject();
        QCOMPARE(first.value("reason_code").toString(), QString("borderline_grade"));
        QCOMPARE(first.value("consensus").toString(), QString("B"));
    }

    // The main section says what a methods paragraph needs, with this project's numbers, and
    // every printed interval lies in its statistic's range (the JSON keeps the raw one).
    void methodsAndBoundedIntervals()
    {
        // cy agrees with the odd name but on item 4: kappa 0.737 on 10 items of one study, so
        // no bootstrap interval, and the asymptotic one passes 1.
        const Analyzer cy = *m_store->addAnalyzer("cy", Role::Analyzer);
        for (size_t i = 0; i < 10; ++i)
            QVERIFY(
                m_store->saveLabel(cy, gradeLabel(cy, m_items[i], i == 0 || i == 3 || i == 4 ? Grade::B : Grade::A)));
        auto report = buildProjectReport(*m_store);
        QVERIFY(report);
        report->softwareVersion = "9.9.9 (test)";
        const PairReport* pair = findPair(findTask(*report, Task::Grade)->all.scale, m_odd, "cy");
        QVERIFY(pair && pair->stats.kappaUnweighted.ci95);
        QVERIFY((*pair->stats.kappaUnweighted.ci95)[1] > 1.0); // the case is real

        const std::string html = projectReportToHtml(*report, {}, {});
        for (const char* said : {"Three analyzers (", "independently labeled 20 axial MRI slices (items) of 2 studies",
                 "at 5 disc levels (L1/L2, L2/L3, L3/L4, L4/L5, and L5/S1)",
                 "The project was blind to the CNN&#39;s grade",
                 "saw the CNN&#39;s proposed canal patch, from which their own patch started",
                 "The CNN classifier cnn rated", "recorded a consensus on 1 item",
                 "kappa (unweighted, and with linear and quadratic weights", "Gwet&#39;s AC1", "PABAK",
                 "Fleiss&#39; kappa and Krippendorff&#39;s alpha", "2000 replicates, seed 20241201",
                 "computed with SpineGrade 9.9.9 (test)"})
            QVERIFY2(html.find(said) != std::string::npos, said);
        const QRegularExpression interval("\\[(-?\\d+\\.\\d+), (-?\\d+\\.\\d+)\\]");
        int intervals = 0;
        const QString text = QString::fromStdString(html);
        for (auto m = interval.globalMatch(text); m.hasNext();) {
            const auto match = m.next();
            for (int end : {1, 2})
                QVERIFY2(std::abs(match.captured(end).toDouble()) <= 1.0, qPrintable(match.captured(0)));
            ++intervals;
        }
        QVERIFY(intervals > 10);
        QVERIFY(text.contains("1.000]*")); // asymptotic, bounded, and marked as such
    }
};

QTEST_GUILESS_MAIN(TestProjectReport)
#include "tst_ProjectReport.moc"
