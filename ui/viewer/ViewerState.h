#pragma once
// What the viewer shows: the loaded study, the current series, stack (level) and slice.
// It drives its SliceViewModel (image, window, corners): the window lives there, so it stays
// across the slices of a series and is the model's presets. No widgets: tests drive it bare.
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

class SliceViewModel;

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

    // The viewer's model: what the slice view shows while viewing.
    SliceViewModel& model() { return *m_model; }
    // The model's window (shortcuts for the viewer's code and tests).
    sg::core::WindowLevel window() const;
    void setWindow(const sg::core::WindowLevel& window);
    bool applyPreset(sg::core::WindowPreset preset); // false: the preset has no value here
    void dragWindow(int dx, int dy);

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
    void refreshModel(); // the current slice, its series' windowing and the corners

    std::shared_ptr<LoadedStudy> m_study;
    int m_series = -1;
    int m_stack = -1;
    int m_slice = -1;
    SliceViewModel* m_model;
};

} // namespace sg::ui
