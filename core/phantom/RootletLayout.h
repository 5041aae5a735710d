#pragma once
// What fills the dural sac: the cord or conus above the conus tip, otherwise the rootlets
// of the cauda equina laid out as the Schizas grade says (A1-A4 by where they lie, B
// crowding the whole sac).
#include "core/phantom/PatientAnatomy.h"
#include "core/phantom/PhantomRandom.h"

#include <vector>

namespace sg::core {

struct SacEllipse {
    double cx = 0, cy = 0, rx = 9, ry = 7; // canal frame, mm
};

struct Rootlet {
    double x = 0, y = 0, rx = 1, ry = 1;
    bool cord = false; // the cord or conus itself
};

// `heightAboveTip`: mm from the conus tip up to this slice's canal; the conus tapers there.
std::vector<Rootlet> layoutSacContents(const LevelAnatomy& level, const SacEllipse& sac, bool cord, double cordRadius,
    double heightAboveTip, PhantomRng& rng);

} // namespace sg::core
