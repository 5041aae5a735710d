#pragma once
// The scales agreement is computed on: the two tasks as labeled, and the binarised views of
// the grade that the study lead asks for (A vs B-D: any stenosis; A-B vs C-D: severe).
// A view is a collapse of the grade's classes, so it is fed from the same grade labels.
#include "core/labels/LabelCsv.h"

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace sg::core {

enum class Scale { Grade, Canal, GradeAnyStenosis, GradeSevere };

inline constexpr std::array<Scale, 4> kAllScales {
    Scale::Grade, Scale::Canal, Scale::GradeAnyStenosis, Scale::GradeSevere};
inline constexpr int kMaxClasses = 4;

Task scaleTask(Scale scale);
bool isView(Scale scale); // a binarised view of the grade
std::string_view scaleName(Scale scale); // "grade", "canal", "A vs B-D", "A-B vs C-D"
// Class names in scale order (A,B,C,D / rootlet,cord / A,B-D / A-B,C-D).
const std::vector<std::string>& scaleClasses(Scale scale);
int scaleClassCount(Scale scale);
// The scale class of a class index of the scale's task (taskClasses order).
int scaleClassOf(Scale scale, int taskClass);
// The views fed by a task's labels, the task's own scale first.
const std::vector<Scale>& scalesOfTask(Task task);

} // namespace sg::core
