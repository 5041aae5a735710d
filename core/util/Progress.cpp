#include "core/util/Progress.h"

#include <utility>

namespace sg::core {

Progress::Progress(Listener listener, const Progress* parent) : m_listener(std::move(listener)), m_parent(parent) { }

void Progress::report(int64_t done, int64_t total, const std::string& text)
{
    if (!m_listener)
        return;
    std::lock_guard lock(m_mutex);
    m_listener(done, total, text);
}

bool Progress::cancelled() const noexcept
{
    return m_cancelled.load(std::memory_order_relaxed) || (m_parent && m_parent->cancelled());
}

void Progress::cancel() noexcept
{
    if (!m_inert)
        m_cancelled.store(true, std::memory_order_relaxed);
}

Progress Progress::step(std::string text)
{
    return Progress(
        [this, text = std::move(text)](int64_t done, int64_t total, const std::string&) { report(done, total, text); },
        this);
}

Progress& Progress::none()
{
    static Progress inert {Inert {}};
    return inert;
}

} // namespace sg::core
