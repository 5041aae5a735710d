#pragma once
// How a long operation says how far it has got and learns that it should stop: the one
// type every long core operation takes (DICOM scan and load, project set-up, phantom
// writing, training, report writing, bulk SQL), in the manner of ITK-SNAP's
// AbstractProgressDelegate.
//
// The operation calls report() now and then and polls cancelled() between steps. Whoever
// started it (a GUI task, the command-line tool, a test) decides what a report shows and
// calls cancel(). Both sides may be on any thread: cancelled() is one atomic load, and
// the listener is called under a lock, so it need not be thread-safe itself. A cancelled
// operation returns early; what it returns then is for its own header to say.
#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>

namespace sg::core {

class Progress {
public:
    using Listener = std::function<void(int64_t done, int64_t total, const std::string& text)>;

    // Reports go nowhere; cancelled() once cancel() is called.
    Progress() = default;
    // Reports go to `listener`; cancelled() also when `parent` is (parent outlives this).
    explicit Progress(Listener listener, const Progress* parent = nullptr);
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    void report(int64_t done, int64_t total, const std::string& text = {});
    bool cancelled() const noexcept;
    void cancel() noexcept; // ignored by none(): it is shared

    // A step of this operation: its reports reach this one with `text`, and it is
    // cancelled when this one is.
    Progress step(std::string text);

    // For callers who do not care: reports nothing and is never cancelled.
    static Progress& none();

private:
    struct Inert { };
    explicit Progress(Inert) : m_inert(true) { }

    Listener m_listener;
    const Progress* m_parent = nullptr;
    std::atomic<bool> m_cancelled {false};
    bool m_inert = false;
    std::mutex m_mutex; // one listener call at a time
};

} // namespace sg::core
