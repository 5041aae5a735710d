#pragma once
// The record framing between the program and its helper processes: a fixed head, then
// `length` payload bytes. Both ends are on one machine, so numbers are in native order.
#include <cstdint>

namespace sg::core {

constexpr uint32_t kFrameMagic = 0x52444753; // "SGDR"

struct FrameHead {
    uint32_t magic = kFrameMagic;
    uint32_t kind = 0;
    uint64_t id = 0; // the request's; an answer must carry the id it answers
    uint64_t length = 0; // payload bytes that follow (64-bit: a slice may exceed 4 GB)
};
static_assert(sizeof(FrameHead) == 24);

} // namespace sg::core
