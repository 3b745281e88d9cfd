#include "metrics/registry.h"

#include <QDir>
#include <QFile>
#include <QTest>
#include <QThread>

#include <limits>

using namespace Qt::StringLiterals;
using kiosk::metrics::Registry;

// The exposition format as node_exporter's textfile collector parses it: HELP and TYPE
// lines, label escaping, cumulative histogram buckets, and exact counts under threads.
class tst_Registry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rendersCounterGaugeAndHistogram();
    void escapesLabelValuesAndHelp();
    void constantLabelsComeFirstAndEmptyOnesAreLeftOut();
    void formatsValues();
    void refusesMisuse();
    void clearDropsSeries();
    void countsExactlyUnderThreads();
    void writesAFileForPromtool();
};

void tst_Registry::rendersCounterGaugeAndHistogram()
{
    Registry r;
    QVERIFY(r.addCounter(u"t_requests_total"_s, u"Requests."_s, {u"endpoint"_s}));
    QVERIFY(r.addGauge(u"t_up"_s, u"Up."_s));
    QVERIFY(r.addHistogram(u"t_seconds"_s, u"Latency."_s, {}, {0.5, 1, 2.5}));
    r.increment(u"t_requests_total"_s, {u"/b"_s});
    r.increment(u"t_requests_total"_s, {u"/a"_s}, 2);
    r.increment(u"t_requests_total"_s, {u"/b"_s});
    r.set(u"t_up"_s, {}, 1);
    for (double v : {0.2, 0.5, 0.7, 3.0})
        r.observe(u"t_seconds"_s, {}, v);
    const QByteArray expected = "# HELP t_requests_total Requests.\n"
                                "# TYPE t_requests_total counter\n"
                                "t_requests_total{endpoint=\"/a\"} 2\n"
                                "t_requests_total{endpoint=\"/b\"} 2\n"
                                "# HELP t_up Up.\n"
                                "# TYPE t_up gauge\n"
                                "t_up 1\n"
                                "# HELP t_seconds Latency.\n"
                                "# TYPE t_seconds histogram\n"
                                "t_seconds_bucket{le=\"0.5\"} 2\n"
                                "t_seconds_bucket{le=\"1\"} 3\n"
                                "t_seconds_bucket{le=\"2.5\"} 3\n"
                                "t_seconds_bucket{le=\"+Inf\"} 4\n"
                                "t_seconds_sum 4.4\n"
                                "t_seconds_count 4\n";
    QCOMPARE(r.render(), expected);
    QCOMPARE(r.value(u"t_requests_total"_s, {u"/a"_s}), 2.0);
    QCOMPARE(r.count(u"t_seconds"_s), quint64(4));
    QCOMPARE(r.value(u"t_requests_total"_s, {u"/never"_s}), 0.0);
}

void tst_Registry::escapesLabelValuesAndHelp()
{
    QCOMPARE(Registry::escapeLabelValue(u"a\\b\"c\nd"_s), u"a\\\\b\\\"c\\nd"_s);
    QCOMPARE(Registry::escapeLabelValue(u"Ägypten 6"_s), u"Ägypten 6"_s);
    QCOMPARE(Registry::escapeHelp(u"x \"y\"\\\nz"_s), u"x \"y\"\\\\\\nz"_s);
    Registry r;
    r.addGauge(u"t_info"_s, u"Two\nlines"_s, {u"name"_s});
    r.set(u"t_info"_s, {u"say \"hi\"\nback\\slash"_s}, 1);
    QCOMPARE(r.render(), QByteArray("# HELP t_info Two\\nlines\n"
                                    "# TYPE t_info gauge\n"
                                    "t_info{name=\"say \\\"hi\\\"\\nback\\\\slash\"} 1\n"));
}

void tst_Registry::constantLabelsComeFirstAndEmptyOnesAreLeftOut()
{
    Registry r({{u"branch"_s, u"cairo-01"_s}, {u"kiosk"_s, QString()}});
    r.addCounter(u"t_total"_s, u"T."_s, {u"code"_s});
    r.addHistogram(u"t_h"_s, u"H."_s, {u"kind"_s}, {1});
    r.increment(u"t_total"_s, {u"3011"_s});
    r.observe(u"t_h"_s, {u"face"_s}, 0.5);
    const QByteArray text = r.render();
    QVERIFY(text.contains("t_total{branch=\"cairo-01\",code=\"3011\"} 1\n"));
    QVERIFY(text.contains("t_h_bucket{branch=\"cairo-01\",kind=\"face\",le=\"1\"} 1\n"));
    QVERIFY(text.contains("t_h_sum{branch=\"cairo-01\",kind=\"face\"} 0.5\n"));
    QVERIFY(!text.contains("kiosk="));
}

void tst_Registry::formatsValues()
{
    QCOMPARE(Registry::formatValue(3), u"3"_s);
    QCOMPARE(Registry::formatValue(0.1), u"0.1"_s);
    QCOMPARE(Registry::formatValue(-2.5), u"-2.5"_s);
    QCOMPARE(Registry::formatValue(1e20), u"1e+20"_s);
    QCOMPARE(Registry::formatValue(std::numeric_limits<double>::infinity()), u"+Inf"_s);
    QCOMPARE(Registry::formatValue(std::numeric_limits<double>::quiet_NaN()), u"NaN"_s);
}

void tst_Registry::refusesMisuse()
{
    Registry r;
    QTest::ignoreMessage(QtWarningMsg, "invalid metric name \"2bad\"");
    QVERIFY(!r.addCounter(u"2bad"_s, u"x"_s));
    QTest::ignoreMessage(QtWarningMsg, "invalid label name \"__x\" in \"t_a\"");
    QVERIFY(!r.addCounter(u"t_a"_s, u"x"_s, {u"__x"_s}));
    QTest::ignoreMessage(QtWarningMsg, "invalid label name \"le\" in \"t_h\"");
    QVERIFY(!r.addHistogram(u"t_h"_s, u"x"_s, {u"le"_s}, {1}));
    QTest::ignoreMessage(QtWarningMsg, "histogram buckets not increasing in \"t_h\"");
    QVERIFY(!r.addHistogram(u"t_h"_s, u"x"_s, {}, {2, 1}));
    QVERIFY(r.addCounter(u"t_c"_s, u"x"_s, {u"a"_s}));
    QTest::ignoreMessage(QtWarningMsg, "metric declared twice: \"t_c\"");
    QVERIFY(!r.addGauge(u"t_c"_s, u"x"_s));
    QTest::ignoreMessage(QtWarningMsg, "counter \"t_c\" cannot go down");
    r.increment(u"t_c"_s, {u"x"_s}, -1);
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(u"no \\d metric \"t_c\" with 2 labels"_s));
    r.increment(u"t_c"_s, {u"x"_s, u"y"_s});
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(u"no \\d metric \"t_c\" with 1 labels"_s));
    r.set(u"t_c"_s, {u"x"_s}, 5); // a counter is not a gauge
    QCOMPARE(r.render(), QByteArray("# HELP t_c x\n# TYPE t_c counter\n"));
}

void tst_Registry::clearDropsSeries()
{
    Registry r;
    r.addGauge(u"t_format_info"_s, u"F."_s, {u"format"_s});
    r.set(u"t_format_info"_s, {u"YUYV"_s}, 1);
    r.clear(u"t_format_info"_s);
    r.set(u"t_format_info"_s, {u"MJPG"_s}, 1);
    QVERIFY(!r.render().contains("YUYV"));
    QVERIFY(r.render().contains("t_format_info{format=\"MJPG\"} 1\n"));
}

void tst_Registry::countsExactlyUnderThreads()
{
    Registry r;
    r.addCounter(u"t_total"_s, u"T."_s, {u"kind"_s});
    r.addHistogram(u"t_h"_s, u"H."_s, {u"kind"_s}, {0.5});
    constexpr int Threads = 4;
    constexpr int Each = 20000;
    QList<QThread *> threads;
    for (int t = 0; t < Threads; ++t) {
        threads << QThread::create([&r, t] {
            const QString kind = t % 2 ? u"face"_s : u"id_card"_s;
            for (int i = 0; i < Each; ++i) {
                r.increment(u"t_total"_s, {kind});
                r.observe(u"t_h"_s, {kind}, i % 2 ? 0.25 : 1.0);
                if (i % 1000 == 0)
                    (void)r.render();
            }
        });
        threads.last()->start();
    }
    for (QThread *thread : std::as_const(threads)) {
        QVERIFY(thread->wait(60000));
        delete thread;
    }
    QCOMPARE(r.value(u"t_total"_s, {u"face"_s}), double(2 * Each));
    QCOMPARE(r.value(u"t_total"_s, {u"id_card"_s}), double(2 * Each));
    QCOMPARE(r.count(u"t_h"_s, {u"face"_s}), quint64(2 * Each));
    QVERIFY(r.render().contains("t_h_bucket{kind=\"face\",le=\"0.5\"} 20000\n"));
}

void tst_Registry::writesAFileForPromtool()
{
    // Every label shape promtool must accept: quotes, backslashes, line feeds, UTF-8.
    Registry r({{u"branch"_s, u"Alex \"Corniche\"\\2\nsea"_s}, {u"kiosk"_s, u"k1"_s}});
    r.addCounter(u"t_retakes_total"_s, u"Retakes \\ with a\nline feed in the help."_s,
                 {u"reason"_s});
    r.increment(u"t_retakes_total"_s, {u"وهج \"glare\""_s}, 3);
    r.addHistogram(u"t_span_seconds"_s, u"Span."_s, {}, {0.1, 0.25});
    r.observe(u"t_span_seconds"_s, {}, 0.24);
    const QString directory = QStringLiteral(KIOSK_BINARY_DIR "/metrics-out");
    QVERIFY(QDir().mkpath(directory));
    QFile file(directory + u"/tst_registry.prom"_s);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(r.render()), qint64(r.render().size()));
}

QTEST_GUILESS_MAIN(tst_Registry)
#include "tst_registry.moc"
