#pragma once
// Draws the Schizas grade of each disc level so that, over many patients, the grades
// follow the configured prevalence while stenosis gathers at L4/L5 and L3/L4 as it does
// in patients.
#include "core/phantom/PhantomRandom.h"
#include "core/study/Level.h"

#include <array>

namespace sg::core {

enum class SchizasGrade { A, B, C, D };

char gradeLetter(SchizasGrade grade); // 'A'..'D'

struct LevelGrade {
    SchizasGrade grade = SchizasGrade::A;
    int subgrade = 0; // 1..4 for grade A (A1-A4), 0 otherwise
};

class GradeSampler {
public:
    // `prevalence`: weights of A, B, C, D (normalised here).
    explicit GradeSampler(const std::array<double, 4>& prevalence);

    // Probabilities of A..D at one level; their mean over the five levels is the prevalence.
    std::array<double, 4> levelProbabilities(Level level) const;
    LevelGrade sample(Level level, PhantomRng& rng) const;

private:
    std::array<std::array<double, 4>, 5> m_perLevel {};
};

} // namespace sg::core
