// phantom_montage OUT.png [SEED [PATIENT]]: one L4/L5 slice of each grade A, B, C, D and a
// cord slice, windowed to 8 bits, whole slice above and the ground-truth patch enlarged
// below. With PATIENT (1-based): every slice of that patient's L4/L5 stack instead (or of
// LEVEL, a fourth argument such as L5/S1).
// For looking at what the generator draws (resources/screenshots/phantom_grades.png).
#include "core/phantom/PhantomStudy.h"

#include <QGuiApplication>
#include <QImage>
#include <QPainter>

#include <cstdio>
#include <cstdlib>
#include <optional>

using namespace sg::core;

namespace {

QImage toGray(const PhantomSlice& s)
{
    const int n = s.dicom.rows;
    QImage img(n, n, QImage::Format_Grayscale8);
    const double lo = s.dicom.window->center - 0.5 * s.dicom.window->width;
    for (int r = 0; r < n; ++r) {
        uchar* line = img.scanLine(r);
        for (int c = 0; c < n; ++c) {
            const double v = (s.dicom.pixels[static_cast<size_t>(r) * n + c] - lo) / s.dicom.window->width;
            line[c] = static_cast<uchar>(std::clamp(v, 0.0, 1.0) * 255.0 + 0.5);
        }
    }
    return img;
}

struct Pick {
    PhantomSlice slice;
    QString label;
};

// The middle slice of L4/L5 of the first patient whose L4/L5 has the wanted grade.
std::optional<Pick> find(const PhantomOptions& o, std::optional<SchizasGrade> grade)
{
    for (int p = 0; p < 400; ++p) {
        const PatientAnatomy a = samplePatientAnatomy(o, p);
        const Level level = grade ? Level::L4L5 : Level::L1L2;
        if (grade && a.levels[static_cast<size_t>(level)].grade.grade != *grade)
            continue;
        const std::vector<SlicePlacement> all = slicePlacements(a);
        for (size_t i = 0; i < all.size(); ++i) {
            const SlicePlacement& sp = all[i];
            if (sp.level != level || sp.cord != !grade)
                continue;
            if (grade && sp.indexInStack != a.levels[static_cast<size_t>(level)].sliceCount / 2)
                continue;
            PhantomSlice s = renderPhantomSlice(o, a, sp, static_cast<int>(i) + 1, false);
            QString label = grade ? QString("%1 L4/L5 grade %2")
                                        .arg(QString::fromStdString(phantomPatientId(o.seed, p)))
                                        .arg(QChar(gradeLetter(*grade)))
                                  : QString("%1 L1/L2 cord").arg(QString::fromStdString(phantomPatientId(o.seed, p)));
            if (s.truth.subgrade)
                label += QString::number(s.truth.subgrade);
            return Pick {std::move(s), label};
        }
    }
    return std::nullopt;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: phantom_montage OUT.png [SEED]\n");
        return 2;
    }
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    PhantomOptions o;
    o.seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1;
    std::vector<Pick> picks;
    if (argc > 3) {
        const int patient = std::max(1, std::atoi(argv[3])) - 1;
        const PatientAnatomy a = samplePatientAnatomy(o, patient);
        const Level level = parseLevel(argc > 4 ? argv[4] : "L4/L5").value_or(Level::L4L5);
        const std::vector<SlicePlacement> all = slicePlacements(a);
        for (size_t i = 0; i < all.size(); ++i)
            if (all[i].level == level)
                picks.push_back({renderPhantomSlice(o, a, all[i], static_cast<int>(i) + 1, false),
                    QString("%1 %2 mm from the disc")
                        .arg(QString::fromLatin1(levelName(level)))
                        .arg(all[i].offsetFromDisc, 0, 'f', 1)});
    }
    for (auto g : {std::optional(SchizasGrade::A), std::optional(SchizasGrade::B), std::optional(SchizasGrade::C),
             std::optional(SchizasGrade::D), std::optional<SchizasGrade>()})
        if (auto p = argc > 3 ? std::nullopt : find(o, g))
            picks.push_back(std::move(*p));
    // A stack is shown at native size (one pixel per pixel); the grade montage smaller.
    const int tile = argc > 3 && !picks.empty() ? picks.front().slice.dicom.rows : 400;
    QImage montage(tile * static_cast<int>(picks.size()), tile * 2 + 24, QImage::Format_RGB32);
    montage.fill(Qt::black);
    QPainter painter(&montage);
    painter.setPen(Qt::yellow);
    for (size_t i = 0; i < picks.size(); ++i) {
        const PhantomSlice& s = picks[i].slice;
        const QImage gray = toGray(s);
        const int x = static_cast<int>(i) * tile;
        painter.drawImage(QRect(x, 24, tile, tile), gray);
        const PhantomSliceTruth& t = s.truth;
        const double k = static_cast<double>(tile) / s.dicom.rows;
        painter.drawRect(QRectF(x + t.patchX * k, 24 + t.patchY * k, t.patchW * k, t.patchH * k));
        painter.drawImage(QRect(x, 24 + tile, tile, tile), gray.copy(t.patchX, t.patchY, t.patchW, t.patchH));
        painter.drawText(x + 6, 17, picks[i].label);
    }
    painter.end();
    if (!montage.save(QString::fromLocal8Bit(argv[1]))) {
        std::fprintf(stderr, "cannot write %s\n", argv[1]);
        return 1;
    }
    return 0;
}
