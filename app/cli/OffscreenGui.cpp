#include "app/cli/OffscreenGui.h"

#include <QGuiApplication>

#include <iostream>

namespace sg::cli {
namespace {

// QGuiApplication keeps references to argc and argv for its whole life.
int g_qtArgc = 3;
char g_qtName[] = "spinegrade-cli";
char g_qtPlatformFlag[] = "-platform";
char g_qtPlatform[] = "offscreen";
char* g_qtArgv[] = {g_qtName, g_qtPlatformFlag, g_qtPlatform, nullptr};

// Qt's offscreen platform warns that XDG_RUNTIME_DIR is unset on a headless machine; that
// says nothing about the command's output, so it is dropped. Everything else Qt says goes to stderr.
void quietQtMessages(QtMsgType type, const QMessageLogContext&, const QString& message)
{
    if (message.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR not set")))
        return;
    std::cerr << (type == QtDebugMsg || type == QtInfoMsg ? "" : "spinegrade-cli: ") << message.toStdString() << '\n';
}

} // namespace

OffscreenGui::OffscreenGui()
{
    qInstallMessageHandler(quietQtMessages);
    m_app = std::make_unique<QGuiApplication>(g_qtArgc, g_qtArgv);
}

OffscreenGui::~OffscreenGui() = default;

} // namespace sg::cli
