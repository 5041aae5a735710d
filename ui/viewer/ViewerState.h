#pragma once
// What the viewer shows: the loaded study, the current series, stack (level) and slice,
// and the window. No widgets: tests drive it without a window.
#include "core/dicom/SeriesLoader.h"
#include "core/imaging/WindowPresets.h"
#include "core/study/Study.h"

#include <QObject>
#include <QString>

#include <memory>
#include <vector>

namespace sg::ui {

// A scanned study folder with the pixels of its series. Stack pointers inside `series`
// point into `scan`, so the object is never copied (held by shared_ptr).
struct LoadedStudy {
    QString path;
    sg::core::ScanResult scan;
    struct SeriesEntry {
        int study = 0;
        int series = 0;
        sg::core::LoadedSeries pixels;
        sg::core::IntensityStats stats;
    };
    std::vector<SeriesEntry> series;
    std::vector<sg::core::SkippedFile> failedSlices; // pixel read failures
    bool cancelled = false;

    const sg::core::Series& seriesAt(int index) const;
    sg::core::Series& seriesAt(int index);
};

class ViewerState : public QObject {
    Q_OBJECT
public:
    explicit ViewerState(QObject* parent = nullptr);

    void setStudy(std::shared_ptr<LoadedStudy> study);
    const std::shared_ptr<LoadedStudy>& study() const { return m_study; }

    int seriesIndex() const { return m_series; }
    int stackIndex() const { return m_stack; }
    int sliceIndex() const { return m_slice; }
    int stackCount() const;
    int sliceCount() const;

    void selectSeries(int series);
    void selectStack(int stack); // keeps the relative slice position
    void selectSlice(int slice);
    void stepSlice(int delta); // arrows
    void stepLevel(int delta); // Page Up (+1, cranial) / Page Down (-1)

    const sg::core::SliceImage* currentImage() const; // nullptr if none or unreadable
    const sg::core::Stack* currentStack() const;

    sg::core::WindowLevel window() const { return m_window; }
    void setWindow(const sg::core::WindowLevel& window);
    bool applyPreset(sg::core::WindowPreset preset); // false: the preset has no value here
    // Right-drag: width and centre change in proportion to the current width.
    void dragWindow(int dx, int dy);
    static sg::core::WindowLevel draggedWindow(const sg::core::WindowLevel& window, int dx, int dy);

    // The user corrects a stack's level (nullopt: unassigned).
    void setStackLevel(int stack, std::optional<sg::core::Level> level);

    // Corner texts for the view: top-left, top-right, bottom-left, bottom-right.
    std::array<QString, 4> cornerTexts() const;

signals:
    void studyChanged();
    void sliceChanged();
    void windowChanged();
    void levelsChanged();

private:
    std::shared_ptr<LoadedStudy> m_study;
    int m_series = -1;
    int m_stack = -1;
    int m_slice = -1;
    sg::core::WindowLevel m_window;
};

} // namespace sg::ui
