#pragma once
// Everything random about one synthetic patient, drawn once from (seed, patient index):
// body habitus, position in the scanner, spine geometry, grades per level, the conus,
// signal and coil variation. Rendering then only reads these numbers.
#include "core/phantom/GradeSampler.h"
#include "core/phantom/PhantomOptions.h"
#include "core/phantom/Tissue.h"
#include "core/study/Geometry.h"
#include "core/study/Level.h"

#include <array>
#include <cstdint>
#include <vector>

namespace sg::core {

struct LevelAnatomy {
    Level level = Level::L4L5;
    LevelGrade grade;
    double discZ = 0; // LPS z of the image centre of the disc's middle slice (mm)
    double centerY = 0; // LPS y of the image centre (lordosis moves the discs)
    double tiltDegrees = 0; // rotation of the stack about the left-right axis
    int sliceCount = 4;
    double sacAreaFraction = 1; // drawn sac area over the nominal one: the grade's cause
    double sacHalfWidth = 9; // nominal dural sac semi-axes (mm)
    double sacHalfDepth = 7;
    double discHalfWidth = 24;
    double discHalfDepth = 17;
    double discHalfHeight = 5; // slices farther than this from the disc centre cut bone
    double discDegeneration = 0; // 0 healthy nucleus .. 1 black disc
    double psoasRadius = 15;
    double muscleFat = 0.1; // fatty infiltration of the paraspinal muscles
    int rootletCount = 18;
};

struct PatientAnatomy {
    int index = 0;
    uint64_t seed = 0; // this patient's own stream
    int size = 512;
    double pixelSpacing = 0.625;
    double sliceSpacing = 4.2;
    double sliceThickness = 4.0;
    double bodyHalfWidth = 160;
    double bodyHalfDepth = 110;
    double fatThickness = 15;
    double backFlattening = 8;
    double flankBulge = 0.04; // fat at the flanks beyond the ellipse, fraction of the width  // mm of the back pressed
                              // flat on the table
    double bodyCenterX = 0; // image-plane mm, origin at the image centre
    double bodyCenterY = 0;
    double rotationDegrees = 0; // in-plane rotation of the patient
    double canalDepth = 42; // canal centre lies this far behind the body centre
    double paraspinalSize = 30;
    double conusTipZ = 0; // the cord is seen where the canal lies above this z
    double cordRadius = 4;
    std::array<float, kTissueCount> signal {}; // per-patient tissue signal
    double biasStrength = 0.2; // coil shading
    double biasAngle = 0;
    double noiseSigma = 20; // Rician noise of the magnitude image, signal units
    std::array<LevelAnatomy, 5> levels; // indexed by Level
};

PatientAnatomy samplePatientAnatomy(const PhantomOptions& options, int patientIndex);

// Where one slice lies: DICOM geometry and what the canal shows there.
struct SlicePlacement {
    Level level = Level::L4L5;
    int indexInStack = 0;
    double offsetFromDisc = 0; // along the stack normal (mm)
    Orientation orientation;
    Vec3 position {}; // ImagePositionPatient
    Vec3 canalCenter {}; // LPS centre of the nominal dural sac
    bool cord = false; // above the conus tip
};

// All slices of the study, from L5/S1 (lowest) upward, each stack inferior to superior.
std::vector<SlicePlacement> slicePlacements(const PatientAnatomy& anatomy);

// Canal centre in image-plane mm (origin at the image centre, x toward patient left,
// y toward posterior).
std::array<double, 2> canalInPlane(const PatientAnatomy& anatomy);

} // namespace sg::core
