#include "core/study/Level.h"

#include <QTest>

using namespace sg::core;

class TestLevel : public QObject {
    Q_OBJECT
private slots:
    void parsesTheSpellingsInUse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("level");
        QTest::newRow("slash") << "L4/L5" << int(Level::L4L5);
        QTest::newRow("dash") << "L5-S1" << int(Level::L5S1);
        QTest::newRow("rsna") << "l1_l2" << int(Level::L1L2);
        QTest::newRow("unknown") << "T12/L1" << -1;
        QTest::newRow("empty") << "" << -1;
    }
    void parsesTheSpellingsInUse()
    {
        QFETCH(QString, text);
        QFETCH(int, level);
        const auto parsed = parseLevel(text.toStdString());
        QCOMPARE(parsed ? int(*parsed) : -1, level);
        if (parsed)
            QCOMPARE(parseLevel(levelName(*parsed)), parsed);
    }
};

QTEST_APPLESS_MAIN(TestLevel)
#include "tst_Level.moc"
