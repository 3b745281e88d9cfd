#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QMutex>
#include <QPair>
#include <QString>
#include <QStringList>

#include <vector>

namespace kiosk::metrics {

// Metric families in the Prometheus text exposition format (version 0.0.4), as
// node_exporter's textfile collector reads them. Counters, gauges and histograms, each
// with fixed label names; series are created on first use. Thread-safe: image work on
// worker threads records into the same registry as the GUI thread.
//
// Aggregate only: label values name steps, endpoints, codes and reasons, never a person
// (no phone, name, national ID or transaction id ever becomes a label).
class Registry
{
public:
    enum class Type
    {
        Counter,
        Gauge,
        Histogram
    };
    using LabelPairs = QList<QPair<QString, QString>>;

    // constantLabels are added to every series (the fleet identity: branch, kiosk);
    // pairs with an empty value are left out.
    explicit Registry(LabelPairs constantLabels = {});
    Registry(const Registry &) = delete;
    Registry &operator=(const Registry &) = delete;

    // Declares a family. Returns false (and logs why) for an invalid or duplicate name.
    bool addCounter(const QString &name, const QString &help, const QStringList &labelNames = {});
    bool addGauge(const QString &name, const QString &help, const QStringList &labelNames = {});
    // buckets: upper bounds in increasing order; +Inf is implicit.
    bool addHistogram(const QString &name, const QString &help, const QStringList &labelNames,
                      const QList<double> &buckets);

    // labelValues in the order of the family's label names. A wrong family, type or
    // label count is a programming error: logged, and nothing is recorded.
    void increment(const QString &name, const QStringList &labelValues = {}, double by = 1);
    void set(const QString &name, const QStringList &labelValues, double value);
    void observe(const QString &name, const QStringList &labelValues, double value);
    // Drops every series of a family (an info gauge whose labels changed).
    void clear(const QString &name);

    // Counter or gauge value; a histogram's sum. 0 for a series not seen yet.
    double value(const QString &name, const QStringList &labelValues = {}) const;
    // A histogram's observation count. 0 for a series not seen yet.
    quint64 count(const QString &name, const QStringList &labelValues = {}) const;

    // The whole registry as exposition text: HELP and TYPE lines, then the series
    // sorted by label values; ends with a newline.
    QByteArray render() const;

    static bool isValidMetricName(const QString &name);
    static bool isValidLabelName(const QString &name);
    // Label values: backslash, double quote and line feed escaped (\\, \", \n).
    static QString escapeLabelValue(const QString &value);
    // HELP text: backslash and line feed escaped.
    static QString escapeHelp(const QString &help);
    // Go-style float text: integers without a fraction, +Inf, -Inf, NaN.
    static QString formatValue(double value);

private:
    struct Series
    {
        double value = 0; // counter, gauge; histogram sum
        quint64 count = 0;
        std::vector<quint64> buckets; // per bucket (not cumulative)
    };
    struct Family
    {
        QString name;
        QString help;
        Type type = Type::Counter;
        QStringList labelNames;
        QList<double> buckets;
        QMap<QStringList, Series> series;
    };

    bool add(Family family);
    Series *series(const QString &name, const QStringList &labelValues, Type type);
    const Family *find(const QString &name) const;
    QString labelText(const Family &family, const QStringList &values,
                      const QString &extraName = {}, const QString &extraValue = {}) const;

    mutable QMutex m_mutex;
    LabelPairs m_constantLabels;
    QList<Family> m_families;
};

} // namespace kiosk::metrics
