#include "core/stats/Scale.h"

namespace sg::core {

Task scaleTask(Scale scale)
{
    return scale == Scale::Canal ? Task::Canal : Task::Grade;
}

bool isView(Scale scale)
{
    return scale == Scale::GradeAnyStenosis || scale == Scale::GradeSevere;
}

std::string_view scaleName(Scale scale)
{
    switch (scale) {
    case Scale::Grade: return "grade";
    case Scale::Canal: return "canal";
    case Scale::GradeAnyStenosis: return "A vs B-D";
    case Scale::GradeSevere: return "A-B vs C-D";
    }
    return {};
}

const std::vector<std::string>& scaleClasses(Scale scale)
{
    static const std::vector<std::string> any {"A", "B-D"};
    static const std::vector<std::string> severe {"A-B", "C-D"};
    switch (scale) {
    case Scale::GradeAnyStenosis: return any;
    case Scale::GradeSevere: return severe;
    default: return taskClasses(scaleTask(scale));
    }
}

int scaleClassCount(Scale scale)
{
    return static_cast<int>(scaleClasses(scale).size());
}

int scaleClassOf(Scale scale, int taskClass)
{
    switch (scale) {
    case Scale::GradeAnyStenosis: return taskClass == 0 ? 0 : 1;
    case Scale::GradeSevere: return taskClass <= 1 ? 0 : 1;
    default: return taskClass;
    }
}

const std::vector<Scale>& scalesOfTask(Task task)
{
    static const std::vector<Scale> grade {Scale::Grade, Scale::GradeAnyStenosis, Scale::GradeSevere};
    static const std::vector<Scale> canal {Scale::Canal};
    return task == Task::Grade ? grade : canal;
}

} // namespace sg::core
