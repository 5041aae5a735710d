#pragma once
// Tissue classes of the phantom and their signal on a T2-weighted fast spin echo, in
// arbitrary units with CSF at 1000 (water bright, fat bright-ish, muscle and ligament
// dark, cortical bone darkest). Each patient scales them a little.
#include <array>
#include <cstdint>

namespace sg::core {

enum class Tissue : uint8_t {
    Air,
    SubcutaneousFat,
    Viscera,
    BowelFluid,
    BowelGas,
    Muscle,
    Annulus,
    Nucleus,
    Marrow,
    Cortex,
    JointFluid,
    EpiduralFat,
    Ligament,
    Csf,
    Rootlet,
    Cord,
    CompressedSac, // grades C/D: rootlets and CSF no longer separable
    FlowVoid, // fast-flowing blood in the aorta, vena cava and iliac vessels
    Count
};

inline constexpr int kTissueCount = static_cast<int>(Tissue::Count);

inline constexpr std::array<float, kTissueCount> kTissueSignal {
    0.f, // Air
    720.f, // SubcutaneousFat
    330.f, // Viscera
    780.f, // BowelFluid
    40.f, // BowelGas
    170.f, // Muscle
    230.f, // Annulus
    700.f, // Nucleus (a healthy disc; degeneration darkens it per level)
    420.f, // Marrow
    70.f, // Cortex
    880.f, // JointFluid
    640.f, // EpiduralFat
    200.f, // Ligament
    1000.f, // Csf
    260.f, // Rootlet
    400.f, // Cord
    470.f, // CompressedSac
    50.f, // FlowVoid
};

inline constexpr uint32_t tissueBit(Tissue t)
{
    return 1u << static_cast<unsigned>(t);
}
inline constexpr uint32_t kAnyTissue = 0xffffffffu;

// Tissues inside the dural sac: their centroid is the canal centre of the ground truth.
inline constexpr uint32_t kSacTissues =
    tissueBit(Tissue::Csf) | tissueBit(Tissue::Rootlet) | tissueBit(Tissue::Cord) | tissueBit(Tissue::CompressedSac);

} // namespace sg::core
