#pragma once
// The main window: study browser, slice view, log of skipped files, load progress.
#include <QMainWindow>

#include <memory>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QToolButton;

namespace sg::ui {

class SliceView;
class StudyBrowser;
class StudyLoader;
class DemoGenerator;
class ViewerState;
struct LoadedStudy;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    void openStudy(const QString& path);
    // The built-in synthetic study: generated on first use (with progress), then opened.
    void openDemo();
    ViewerState& state() { return *m_state; }
    SliceView& sliceView() { return *m_view; }
    bool isLoading() const;

signals:
    void studyLoaded(); // after a load finished and the view shows it

private:
    void createActions();
    void onLoaded(std::shared_ptr<LoadedStudy> study);
    void refreshView();
    void appendLog(const QString& line);
    void chooseFolder();
    void showShortcuts();

    ViewerState* m_state;
    SliceView* m_view;
    StudyBrowser* m_browser;
    StudyLoader* m_loader;
    DemoGenerator* m_demo;
    QPlainTextEdit* m_log;
    QProgressBar* m_progress;
    QToolButton* m_cancel;
    QLabel* m_status;
};

} // namespace sg::ui
