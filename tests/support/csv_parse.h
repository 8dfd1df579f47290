#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace strata::test {

//! Splits RFC 4180 CSV into records: quoted fields, doubled quotes, fields spanning lines,
//! CRLF or LF record ends. Independent of Strata's own code, for checking what it writes.
inline QList<QStringList> parseCsv(const QString &text, QChar delimiter = ',')
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == delimiter) {
            row << field;
            field.clear();
        } else if (c == '\n' || (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
            row << field;
            rows << row;
            row.clear();
            field.clear();
            if (c == '\r')
                ++i;
        } else {
            field += c;
        }
    }
    return rows;
}

} // namespace strata::test
