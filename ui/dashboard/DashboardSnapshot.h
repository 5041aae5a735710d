#pragma once
// What the dashboard shows at one moment, computed off the GUI thread and handed over whole.
#include "core/stats/AgreementReport.h"
#include "core/store/LiveRatings.h"
#include "core/store/ProjectRatings.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace sg::ui {

struct AnalyzerProgress {
    QString name;
    bool lead = false;
    int done = 0;
    int total = 0;
};

struct DashboardSnapshot {
    sg::core::AgreementReport report;
    std::vector<sg::core::RaterInfo> raters; // analyzers, classifiers, consensus
    QStringList analyzersJoined; // the analyzers but leads, as they joined (RaterColors)
    std::vector<AnalyzerProgress> progress; // every analyzer with a worklist
    std::int64_t dataVersion = 0;
    std::int64_t lastHistoryId = 0; // the newest label change included
    sg::core::RefreshKind kind = sg::core::RefreshKind::Full;
    double computeMs = 0; // reading, counting and deriving the report
    QDateTime computedAt;
};

} // namespace sg::ui
