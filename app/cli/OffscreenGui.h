#pragma once
// The QGuiApplication that a command painting with Qt Gui (the report's plots, the screening
// report) needs, on the offscreen platform: no display, and only while the command runs.
#include <memory>

class QGuiApplication;

namespace sg::cli {

// Constructed, Qt Gui is usable (fonts, QPainter, QPdfWriter); Qt's messages go to stderr,
// without the offscreen platform's warning about XDG_RUNTIME_DIR.
class OffscreenGui {
public:
    OffscreenGui();
    ~OffscreenGui();
    OffscreenGui(const OffscreenGui&) = delete;
    OffscreenGui& operator=(const OffscreenGui&) = delete;

private:
    std::unique_ptr<QGuiApplication> m_app;
};

} // namespace sg::cli
