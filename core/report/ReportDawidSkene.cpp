#include "core/report/ReportDawidSkene.h"

#include "core/report/ReportHtml.h"

#include <cstdio>

namespace sg::core {
namespace {

std::string fixed3(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", v);
    return buf;
}

} // namespace

void writeDawidSkeneHtml(std::ostream& out, const AgreementReport& report)
{
    bool any = false;
    for (const TaskEntry& t : report.tasks)
        any = any || t.dawidSkene.has_value();
    if (!any)
        return;
    // No page of its own in print (h2.first): a short table.
    out << "<h2 class=\"first\">Dawid-Skene latent classes</h2>\n"
           "<p class=\"note\">The analyzers' labels alone, by EM (Dawid &amp; Skene 1979): each item's true class is "
           "unknown and each analyzer labels through their own confusion "
           "matrix. Its most probable class per item is the last reference the model is judged against. Below: the "
           "class priors and each analyzer's estimated probability of giving the true class its own label.</p>\n";
    for (const TaskEntry& t : report.tasks) {
        if (!t.dawidSkene)
            continue;
        const DawidSkeneReport& d = *t.dawidSkene;
        out << "<h4>" << htmlEscape(taskName(t.task)) << "</h4>\n";
        if (!d.fit) {
            out << "<p class=\"note\">Undefined: " << htmlEscape(d.undefinedReason) << ".</p>\n";
            continue;
        }
        const DawidSkeneFit& f = *d.fit;
        out << "<p class=\"note\">" << d.items.size() << " items, " << f.iterations << " EM iterations, "
            << (f.converged ? "converged" : "not converged (stopped at the bound)") << ", seed " << d.seed
            << ".</p>\n<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\">\n<tr><th class=\"name\">true "
               "class</th><th>prior</th>";
        for (const std::string& r : d.raters)
            out << "<th>" << htmlEscape(r) << "</th>";
        out << "</tr>\n";
        const auto& classes = taskClasses(t.task);
        for (size_t c = 0; c < classes.size(); ++c) {
            out << "<tr><td class=\"name\">" << htmlEscape(classes[c]) << "</td><td>" << fixed3(f.priors[c]) << "</td>";
            for (size_t r = 0; r < d.raters.size(); ++r)
                out << "<td>" << fixed3(f.theta(static_cast<int>(r), static_cast<int>(c), static_cast<int>(c)))
                    << "</td>";
            out << "</tr>\n";
        }
        out << "</table>\n";
    }
}

} // namespace sg::core
