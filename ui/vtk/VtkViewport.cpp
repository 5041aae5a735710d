#include "ui/vtk/VtkViewport.h"

#include "ui/common/StartupTrace.h"

#include <cmath>

#include <QElapsedTimer>
#include <QOpenGLContext>
#include <QOpenGLExtraFunctions>
#include <QSurfaceFormat>

#include <vtkCallbackCommand.h>
#include <vtkCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkNew.h>
#include <vtkOpenGLState.h>

namespace sg::ui {

struct VtkViewport::Impl {
    vtkNew<vtkGenericOpenGLRenderWindow> window;
    vtkNew<vtkGenericRenderWindowInteractor> interactor;
    QSurface* surface = nullptr;
    bool inPaint = false;
};

namespace {

VtkViewport* viewportOf(void* clientData)
{
    return static_cast<VtkViewport*>(clientData);
}

} // namespace

VtkViewport::VtkViewport(QWidget* parent) : QOpenGLWidget(parent), m_impl(std::make_unique<Impl>())
{
    setMinimumSize(64, 64);
    vtkGenericOpenGLRenderWindow* win = m_impl->window;
    win->SetReadyForRendering(false);
    win->SetFrameBlitModeToNoBlit();
    win->SetMultiSamples(0);
    win->SetInteractor(m_impl->interactor);
    // Input is handled in Qt; the interactor only keeps VTK's size bookkeeping.
    m_impl->interactor->SetRenderWindow(win);
    m_impl->interactor->EnableRenderOff();

    auto makeCurrent = vtkSmartPointer<vtkCallbackCommand>::New();
    makeCurrent->SetClientData(this);
    makeCurrent->SetCallback([](vtkObject*, unsigned long, void* clientData, void*) {
        VtkViewport* self = viewportOf(clientData);
        // Never QOpenGLWidget::makeCurrent() here: it rebinds Qt's FBO in the middle of
        // VTK's render (black widget, GL_FRAMEBUFFER_UNSUPPORTED).
        QOpenGLContext* ctx = self->context();
        if (ctx && QOpenGLContext::currentContext() != ctx && self->m_impl->surface)
            ctx->makeCurrent(self->m_impl->surface);
    });
    win->AddObserver(vtkCommand::WindowMakeCurrentEvent, makeCurrent);

    auto isCurrent = vtkSmartPointer<vtkCallbackCommand>::New();
    isCurrent->SetClientData(this);
    isCurrent->SetCallback([](vtkObject*, unsigned long, void* clientData, void* callData) {
        VtkViewport* self = viewportOf(clientData);
        *static_cast<bool*>(callData) = self->context() && QOpenGLContext::currentContext() == self->context();
    });
    win->AddObserver(vtkCommand::WindowIsCurrentEvent, isCurrent);

    auto frame = vtkSmartPointer<vtkCallbackCommand>::New();
    frame->SetClientData(this);
    frame->SetCallback([](vtkObject*, unsigned long, void* clientData, void*) {
        VtkViewport* self = viewportOf(clientData);
        if (!self->m_impl->inPaint)
            self->update();
    });
    win->AddObserver(vtkCommand::WindowFrameEvent, frame);
}

VtkViewport::~VtkViewport()
{
    // Release VTK's GL resources while the context still exists.
    if (context()) {
        QOpenGLWidget::makeCurrent();
        m_impl->window->Finalize();
        QOpenGLWidget::doneCurrent();
    }
}

void VtkViewport::setDefaultSurfaceFormat()
{
    QSurfaceFormat fmt;
    fmt.setRenderableType(QSurfaceFormat::OpenGL);
    fmt.setVersion(3, 2);
    fmt.setProfile(QSurfaceFormat::CoreProfile);
    fmt.setSwapBehavior(QSurfaceFormat::DoubleBuffer);
    fmt.setRedBufferSize(8);
    fmt.setGreenBufferSize(8);
    fmt.setBlueBufferSize(8);
    fmt.setAlphaBufferSize(8);
    fmt.setDepthBufferSize(8);
    fmt.setStencilBufferSize(0);
    fmt.setSamples(0);
    QSurfaceFormat::setDefaultFormat(fmt);
}

vtkGenericOpenGLRenderWindow* VtkViewport::renderWindow() const
{
    return m_impl->window;
}

void VtkViewport::initializeGL()
{
    startupMark("GL context made");
    m_impl->surface = context()->surface();
    vtkGenericOpenGLRenderWindow* win = m_impl->window;
    win->GetState()->Reset();
    win->GetState()->vtkglDepthFunc(GL_LEQUAL);
    win->SetOwnContext(0);
    win->SetReadyForRendering(true);
    win->OpenGLInitContext();
    startupMark("VTK's GL initialised");
}

void VtkViewport::resizeGL(int width, int height)
{
    const qreal ratio = devicePixelRatioF();
    const int w = static_cast<int>(width * ratio), h = static_cast<int>(height * ratio);
    m_impl->window->SetSize(w, h);
    // VTK sizes text in points at the window's DPI (72 = one point per pixel): at a device pixel
    // ratio of 2 the corner texts keep their size on screen, drawn with twice the pixels.
    m_impl->window->SetDPI(static_cast<int>(std::lround(72 * ratio)));
    m_impl->interactor->UpdateSize(w, h);
}

void VtkViewport::paintGL()
{
    vtkGenericOpenGLRenderWindow* win = m_impl->window;
    if (!win->GetReadyForRendering())
        return;
    m_impl->inPaint = true;
    vtkOpenGLState* state = win->GetState();
    state->Reset();
    state->Push();
    startupMark("render begins");
    win->Render();
    startupMark("render ends");

    QOpenGLExtraFunctions* f = context()->extraFunctions();
    const int* size = win->GetSize();
    f->glBindFramebuffer(GL_DRAW_FRAMEBUFFER, defaultFramebufferObject());
    const GLenum attachment = GL_COLOR_ATTACHMENT0;
    f->glDrawBuffers(1, &attachment);
    win->BlitDisplayFramebuffer(0, 0, 0, size[0], size[1], 0, 0, size[0], size[1], GL_COLOR_BUFFER_BIT, GL_NEAREST);
    // Qt composes the widget with alpha: make it opaque.
    f->glColorMask(GL_FALSE, GL_FALSE, GL_FALSE, GL_TRUE);
    f->glClearColor(0, 0, 0, 1);
    f->glClear(GL_COLOR_BUFFER_BIT);
    f->glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
    state->Pop();
    m_impl->inPaint = false;
}

double VtkViewport::renderNow()
{
    QElapsedTimer timer;
    makeCurrent();
    timer.start();
    paintGL();
    context()->functions()->glFinish();
    const double ms = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    doneCurrent();
    return ms;
}

} // namespace sg::ui
