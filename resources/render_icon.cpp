// Build tool: draws Strata's icon (the geometry of io.github.strata.Strata.svg) as PNG files of
// the hicolor sizes, so the packages ship bitmaps without an SVG renderer at build time.
//   render_icon OUTPUT_DIR
#include <QColor>
#include <QDir>
#include <QImage>
#include <QPainter>
#include <cstdio>

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: render_icon OUTPUT_DIR\n");
        return 2;
    }
    const QString out = QString::fromLocal8Bit(argv[1]);
    for (int size : {16, 24, 32, 48, 64, 128, 256}) {
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        p.scale(size / 256.0, size / 256.0);
        p.setPen(Qt::NoPen);
        auto rect = [&](qreal x, qreal y, qreal w, qreal h, qreal r, const char *color) {
            p.setBrush(QColor(QString::fromLatin1(color)));
            p.drawRoundedRect(QRectF(x, y, w, h), r, r);
        };
        rect(8, 8, 240, 240, 48, "#1f3a5f");
        rect(40, 56, 176, 36, 12, "#f2b134");
        rect(56, 110, 160, 36, 12, "#4fb0c6");
        rect(40, 164, 176, 36, 12, "#e8eef5");
        p.end();
        const QString dir = QStringLiteral("%1/%2x%2/apps").arg(out).arg(size);
        QDir().mkpath(dir);
        if (!image.save(dir + QStringLiteral("/io.github.strata.Strata.png"))) {
            std::fprintf(stderr, "render_icon: cannot write %s\n", qPrintable(dir));
            return 1;
        }
    }
    return 0;
}
