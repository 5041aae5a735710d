#pragma once
// The shipped model (core::defaultModelDirectory) copied to a folder, so a test can break one
// file of it. Header-only: the support library does not link sg_ml, the tests that call it do.
#include "core/ml/ProposalModel.h"

#include <QDir>
#include <QFile>
#include <QString>
#include <QTest>

namespace sg::test {

inline void copyShippedModel(const QString& dir)
{
    const QDir from(QString::fromStdString(sg::core::defaultModelDirectory()));
    for (const QString& name : from.entryList(QDir::Files))
        QVERIFY(QFile::copy(from.filePath(name), dir + "/" + name));
}

} // namespace sg::test
