#include "ui/viewer/ViewerState.h"

#include "core/study/PatientIdentity.h"

#include "ui/viewer/SliceViewModel.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace sg::ui {

const sg::core::Series& LoadedStudy::seriesAt(int index) const
{
    const SeriesEntry& e = series.at(static_cast<size_t>(index));
    return scan.studies.at(static_cast<size_t>(e.study)).series.at(static_cast<size_t>(e.series));
}

sg::core::Series& LoadedStudy::seriesAt(int index)
{
    const SeriesEntry& e = series.at(static_cast<size_t>(index));
    return scan.studies.at(static_cast<size_t>(e.study)).series.at(static_cast<size_t>(e.series));
}

ViewerState::ViewerState(QObject* parent) : QObject(parent), m_model(new SliceViewModel(this))
{
    connect(this, &ViewerState::sliceChanged, this, &ViewerState::refreshModel);
    connect(m_model, &SliceViewModel::windowChanged, this, &ViewerState::windowChanged);
}

void ViewerState::setStudy(std::shared_ptr<LoadedStudy> study)
{
    m_study = std::move(study);
    m_series = m_stack = m_slice = -1;
    m_model->clearImage(); // another study: its series start from their own windows
    emit studyChanged();
    if (m_study && !m_study->series.empty())
        selectSeries(0);
    else
        emit sliceChanged();
}

int ViewerState::stackCount() const
{
    return m_study && m_series >= 0 ? static_cast<int>(m_study->seriesAt(m_series).stacks.size()) : 0;
}

int ViewerState::sliceCount() const
{
    const sg::core::Stack* st = currentStack();
    return st ? static_cast<int>(st->slices.size()) : 0;
}

const sg::core::Stack* ViewerState::currentStack() const
{
    if (!m_study || m_series < 0 || m_stack < 0)
        return nullptr;
    return &m_study->seriesAt(m_series).stacks.at(static_cast<size_t>(m_stack));
}

void ViewerState::selectSeries(int series)
{
    if (!m_study || series < 0 || series >= static_cast<int>(m_study->series.size()))
        return;
    m_series = series;
    const auto& stacks = m_study->seriesAt(series).stacks;
    // Open where stenosis is most common: L4/L5 if named, else the middle stack.
    int stack = static_cast<int>(stacks.size()) / 2;
    for (size_t i = 0; i < stacks.size(); ++i)
        if (stacks[i].level == sg::core::Level::L4L5)
            stack = static_cast<int>(i);
    m_stack = stacks.empty() ? -1 : stack;
    m_slice = stacks.empty() ? -1 : static_cast<int>(stacks[static_cast<size_t>(stack)].slices.size()) / 2;
    emit sliceChanged(); // the model gives a series it did not show its default window
}

void ViewerState::selectStack(int stack)
{
    if (stack < 0 || stack >= stackCount() || stack == m_stack)
        return;
    const int oldCount = sliceCount();
    const double relative = oldCount > 1 ? static_cast<double>(m_slice) / (oldCount - 1) : 0.5;
    m_stack = stack;
    const int n = sliceCount();
    m_slice = n > 0 ? static_cast<int>(std::lround(relative * (n - 1))) : -1;
    emit sliceChanged();
}

void ViewerState::selectSlice(int slice)
{
    const int n = sliceCount();
    if (n == 0)
        return;
    slice = std::clamp(slice, 0, n - 1);
    if (slice == m_slice)
        return;
    m_slice = slice;
    emit sliceChanged();
}

void ViewerState::stepSlice(int delta)
{
    selectSlice(m_slice + delta);
}

void ViewerState::stepLevel(int delta)
{
    // Stacks are ordered feet first, so +1 is one level cranial.
    selectStack(std::clamp(m_stack + delta, 0, std::max(0, stackCount() - 1)));
}

const sg::core::SliceImage* ViewerState::currentImage() const
{
    if (!m_study || m_series < 0 || m_stack < 0 || m_slice < 0)
        return nullptr;
    const auto& loaded = m_study->series.at(static_cast<size_t>(m_series)).pixels;
    if (m_stack >= static_cast<int>(loaded.stacks.size()))
        return nullptr;
    const auto& slices = loaded.stacks[static_cast<size_t>(m_stack)].slices;
    if (m_slice >= static_cast<int>(slices.size()) || slices[static_cast<size_t>(m_slice)].empty())
        return nullptr;
    return &slices[static_cast<size_t>(m_slice)];
}

sg::core::WindowLevel ViewerState::window() const
{
    return m_model->window();
}

void ViewerState::setWindow(const sg::core::WindowLevel& window)
{
    m_model->setWindow(window);
}

bool ViewerState::applyPreset(sg::core::WindowPreset preset)
{
    return m_series >= 0 && m_model->applyPreset(preset);
}

void ViewerState::dragWindow(int dx, int dy)
{
    m_model->dragWindow(dx, dy);
}

void ViewerState::refreshModel()
{
    if (!m_study || m_series < 0) {
        m_model->clearImage();
        m_model->setCornerTexts({}, {}, {});
        return;
    }
    const auto& entry = m_study->series.at(static_cast<size_t>(m_series));
    const sg::core::Series& series = m_study->seriesAt(m_series);
    SliceViewModel::Windowing windowing;
    // The series within this study: the window stays while its slices and stacks are browsed.
    windowing.series =
        QStringLiteral("%1|%2|").arg(m_study->path).arg(m_series).toStdString() + series.seriesInstanceUid;
    windowing.stats = entry.stats;
    for (const auto& st : series.stacks)
        for (const auto& s : st.slices)
            if (!windowing.header && s.window)
                windowing.header = s.window;
    const sg::core::SliceImage* image = currentImage();
    // Shares the study's ownership: the pixels stay while shown, even if the study is replaced.
    m_model->setImage(image ? std::shared_ptr<const sg::core::SliceImage>(m_study, image) : nullptr, windowing);
    const auto c = cornerTexts();
    m_model->setCornerTexts(c[0], c[1], c[2]);
}

void ViewerState::setStackLevel(int stack, std::optional<sg::core::Level> level)
{
    if (!m_study || m_series < 0 || stack < 0 || stack >= stackCount())
        return;
    m_study->seriesAt(m_series).stacks[static_cast<size_t>(stack)].level = level;
    emit levelsChanged();
    emit sliceChanged();
}

std::array<QString, 4> ViewerState::cornerTexts() const
{
    const sg::core::Stack* st = currentStack();
    if (!st)
        return {};
    const sg::core::Series& se = m_study->seriesAt(m_series);
    const std::string level = sg::core::levelName(st->level);
    const QString levelText = level.empty() ? tr("Level unassigned") : QString::fromStdString(level);
    const auto& ref = st->slices.at(static_cast<size_t>(m_slice));
    // Position of the slice centre along the patient's long axis (superior +).
    const double centreZ = ref.position[2] + 0.5 * (st->columns - 1) * st->columnSpacing * st->orientation.row[2] +
        0.5 * (st->rows - 1) * st->rowSpacing * st->orientation.column[2];
    QString tl = QString::fromStdString(se.description.empty() ? se.modality : se.description);
    // Whose study it is, from the files (issue 13): the plain viewer is the clinician's, who
    // must know. Labeling and review draw their own models' corners and never show it.
    const auto& entry = m_study->series.at(static_cast<size_t>(m_series));
    if (entry.study >= 0 && entry.study < static_cast<int>(m_study->scan.studies.size())) {
        const sg::core::PatientIdentity who =
            sg::core::patientIdentity(m_study->scan.studies[static_cast<size_t>(entry.study)]);
        // Name and details on lines of their own: a long line would run under the A marker.
        tl = QStringLiteral("%1\n%2\n%3\n%4")
                 .arg(QString::fromStdString(who.nameLine()), QString::fromStdString(who.detailsLine()),
                     QString::fromStdString(who.studyLine()), tl);
    }
    const QString topRight = currentImage() ? QString() : tr("Slice unreadable (see log)");
    const QString bl = QStringLiteral("%1\nSlice %2 / %3\nZ %4 mm")
                           .arg(levelText)
                           .arg(m_slice + 1)
                           .arg(sliceCount())
                           .arg(centreZ, 0, 'f', 1);
    return {tl, topRight, bl, m_model->cornerTexts()[3]};
}

} // namespace sg::ui
