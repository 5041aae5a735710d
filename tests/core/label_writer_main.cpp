// A labeling process for the reliability tests: signs in as an analyzer through the core
// API the GUI uses and saves labels in a loop. It prints "committed <item> <seq>" only
// AFTER save() returned, so every printed line is a promise that label is on disk.
//   sg_label_writer DB ANALYZER COUNT FIRST_SEQ
#include "core/store/LabelingSession.h"

#include <cstdio>
#include <cstdlib>
#include <string>

int main(int argc, char** argv)
{
    using namespace sg::core;
    if (argc != 5) {
        std::fprintf(stderr, "usage: sg_label_writer DB ANALYZER COUNT FIRST_SEQ\n");
        return 2;
    }
    auto session = LabelingSession::start(argv[1], argv[2]);
    if (!session) {
        std::fprintf(stderr, "error: %s\n", session.error().c_str());
        return 1;
    }
    const auto order = (*session)->order();
    if (!order || order->empty()) {
        std::fprintf(stderr, "error: no items to label\n");
        return 1;
    }
    const long count = std::atol(argv[3]);
    const long first = std::atol(argv[4]);
    for (long i = 0; i < count; ++i) {
        Label label;
        label.itemId = (*order)[static_cast<size_t>(i) % order->size()];
        label.canal = Canal::Rootlet;
        label.grade = static_cast<Grade>(i % 4);
        label.comment = "seq " + std::to_string(first + i); // unique, so every save is a change
        label.secondsSpent = 1.5;
        auto saved = (*session)->save(label);
        if (!saved) {
            std::fprintf(stderr, "error: %s\n", saved.error().c_str());
            return 1;
        }
        std::printf("committed %lld %ld\n", static_cast<long long>(label.itemId), first + i);
        std::fflush(stdout);
    }
    return 0;
}
