#pragma once
// The labeling tests' common ground: a project over DICOM files written by the test, the
// label as the file holds it (read back with a fresh connection), and the main window with
// a project open, active, its first item on screen.
#include "core/dicom/DicomScanner.h"
#include "core/store/ProjectStore.h"
#include "core/store/Worklist.h"
#include "tests/support/SeriesFactory.h"
#include "tests/support/TestData.h"
#include "ui/labeling/LabelingMode.h"
#include "ui/main/MainWindow.h"
#include "ui/viewer/SliceView.h"

#include <QSignalSpy>
#include <QString>
#include <QTest>

#include <optional>
#include <string>

namespace sg::test {

using namespace sg::core;

// Ten 64x64 slices, two per level L1/L2 .. L5/S1.
inline bool writeLabelingSeries(const QString& dir)
{
    return writeSeries(dir.toStdString(), lumbarSeries(64, 64, 2)).ok();
}

// Creates a project over the DICOM files in `dir` with every slice as an item.
inline std::string makeProjectOver(const QString& dir, const QString& name)
{
    const std::string db = (dir + "/" + name).toStdString();
    auto store = ProjectStore::create(db);
    if (!store)
        return {};
    if (!(*store)->importScan(scanPath(dir.toStdString()), dir.toStdString()))
        return {};
    if (!buildWorklist(**store, {}))
        return {};
    // A project without its lead would fail every test later with a puzzling message.
    if (!(*store)->addAnalyzer("lead", Role::Lead))
        return {};
    return db;
}

inline std::optional<Label> labelOnDisk(const std::string& db, const std::string& analyzer, std::int64_t itemId)
{
    auto store = ProjectStore::open(db);
    if (!store)
        return std::nullopt;
    auto who = (*store)->findAnalyzer(analyzer);
    if (!who || !*who)
        return std::nullopt;
    auto label = (*store)->label(**who, itemId, (*who)->id);
    return label ? *label : std::nullopt;
}

// The window with the project open as `name`, active, the first item's image on screen.
inline bool openWindow(sg::ui::MainWindow& window, const std::string& db, const QString& name)
{
    window.resize(1200, 800);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window, sg::test::kHangBoundMs))
        return false;
    QSignalSpy shown(&window.labeling(), &sg::ui::LabelingMode::itemShown);
    if (!window.openLabelingProject(QString::fromStdString(db), name))
        return false;
    window.activateWindow();
    if (!QTest::qWaitForWindowActive(&window, sg::test::kHangBoundMs))
        return false;
    window.sliceView().setFocus();
    // The first item's pixels come from the worker.
    return QTest::qWaitFor([&] { return window.sliceView().pixelAt({10, 10}).has_value(); }, sg::test::kHangBoundMs);
}

} // namespace sg::test
