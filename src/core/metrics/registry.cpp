#include "registry.h"

#include "metricslog.h"

#include <QLocale>
#include <QRegularExpression>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcMetrics, "kiosk.metrics", QtInfoMsg)

namespace kiosk::metrics {

Registry::Registry(LabelPairs constantLabels)
{
    for (const auto &pair : constantLabels) {
        if (pair.second.isEmpty())
            continue;
        if (!isValidLabelName(pair.first)) {
            qCWarning(lcMetrics) << "invalid constant label name" << pair.first;
            continue;
        }
        m_constantLabels.append(pair);
    }
}

bool Registry::isValidMetricName(const QString &name)
{
    static const QRegularExpression re(u"^[a-zA-Z_:][a-zA-Z0-9_:]*$"_s);
    return re.match(name).hasMatch();
}

bool Registry::isValidLabelName(const QString &name)
{
    static const QRegularExpression re(u"^[a-zA-Z_][a-zA-Z0-9_]*$"_s);
    return re.match(name).hasMatch() && !name.startsWith(u"__"_s);
}

QString Registry::escapeLabelValue(const QString &value)
{
    QString out;
    out.reserve(value.size());
    for (const QChar c : value) {
        if (c == u'\\')
            out += u"\\\\"_s;
        else if (c == u'"')
            out += u"\\\""_s;
        else if (c == u'\n')
            out += u"\\n"_s;
        else
            out += c;
    }
    return out;
}

QString Registry::escapeHelp(const QString &help)
{
    QString out;
    out.reserve(help.size());
    for (const QChar c : help) {
        if (c == u'\\')
            out += u"\\\\"_s;
        else if (c == u'\n')
            out += u"\\n"_s;
        else
            out += c;
    }
    return out;
}

QString Registry::formatValue(double value)
{
    if (std::isnan(value))
        return u"NaN"_s;
    if (std::isinf(value))
        return value > 0 ? u"+Inf"_s : u"-Inf"_s;
    if (value == std::floor(value) && std::fabs(value) < 1e15)
        return QString::number(qint64(value));
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

bool Registry::add(Family family)
{
    if (!isValidMetricName(family.name)) {
        qCWarning(lcMetrics) << "invalid metric name" << family.name;
        return false;
    }
    for (const QString &label : std::as_const(family.labelNames)) {
        const bool reserved = family.type == Type::Histogram && label == u"le"_s;
        if (!isValidLabelName(label) || reserved) {
            qCWarning(lcMetrics) << "invalid label name" << label << "in" << family.name;
            return false;
        }
    }
    QMutexLocker lock(&m_mutex);
    if (find(family.name)) {
        qCWarning(lcMetrics) << "metric declared twice:" << family.name;
        return false;
    }
    m_families.append(std::move(family));
    return true;
}

bool Registry::addCounter(const QString &name, const QString &help, const QStringList &labelNames)
{
    return add({name, help, Type::Counter, labelNames, {}, {}});
}

bool Registry::addGauge(const QString &name, const QString &help, const QStringList &labelNames)
{
    return add({name, help, Type::Gauge, labelNames, {}, {}});
}

bool Registry::addHistogram(const QString &name, const QString &help, const QStringList &labelNames,
                            const QList<double> &buckets)
{
    for (qsizetype i = 1; i < buckets.size(); ++i) {
        if (!(buckets.at(i) > buckets.at(i - 1))) {
            qCWarning(lcMetrics) << "histogram buckets not increasing in" << name;
            return false;
        }
    }
    return add({name, help, Type::Histogram, labelNames, buckets, {}});
}

const Registry::Family *Registry::find(const QString &name) const
{
    for (const Family &f : m_families) {
        if (f.name == name)
            return &f;
    }
    return nullptr;
}

Registry::Series *Registry::series(const QString &name, const QStringList &labelValues, Type type)
{
    auto *family = const_cast<Family *>(find(name));
    if (!family || family->type != type || family->labelNames.size() != labelValues.size()) {
        qCWarning(lcMetrics) << "no" << int(type) << "metric" << name << "with"
                             << labelValues.size() << "labels";
        return nullptr;
    }
    auto it = family->series.find(labelValues);
    if (it == family->series.end()) {
        Series s;
        if (type == Type::Histogram)
            s.buckets.assign(size_t(family->buckets.size()), 0);
        it = family->series.insert(labelValues, s);
    }
    return &it.value();
}

void Registry::increment(const QString &name, const QStringList &labelValues, double by)
{
    if (by < 0) {
        qCWarning(lcMetrics) << "counter" << name << "cannot go down";
        return;
    }
    QMutexLocker lock(&m_mutex);
    if (Series *s = series(name, labelValues, Type::Counter))
        s->value += by;
}

void Registry::set(const QString &name, const QStringList &labelValues, double value)
{
    QMutexLocker lock(&m_mutex);
    if (Series *s = series(name, labelValues, Type::Gauge))
        s->value = value;
}

void Registry::observe(const QString &name, const QStringList &labelValues, double value)
{
    QMutexLocker lock(&m_mutex);
    Series *s = series(name, labelValues, Type::Histogram);
    if (!s)
        return;
    const Family *family = find(name);
    s->value += value;
    ++s->count;
    for (qsizetype i = 0; i < family->buckets.size(); ++i) {
        if (value <= family->buckets.at(i)) {
            ++s->buckets[size_t(i)];
            break;
        }
    }
}

void Registry::clear(const QString &name)
{
    QMutexLocker lock(&m_mutex);
    if (auto *family = const_cast<Family *>(find(name)))
        family->series.clear();
}

double Registry::value(const QString &name, const QStringList &labelValues) const
{
    QMutexLocker lock(&m_mutex);
    const Family *family = find(name);
    if (!family)
        return 0;
    const auto it = family->series.constFind(labelValues);
    return it == family->series.cend() ? 0 : it->value;
}

quint64 Registry::count(const QString &name, const QStringList &labelValues) const
{
    QMutexLocker lock(&m_mutex);
    const Family *family = find(name);
    if (!family)
        return 0;
    const auto it = family->series.constFind(labelValues);
    return it == family->series.cend() ? 0 : it->count;
}

QString Registry::labelText(const Family &family, const QStringList &values,
                            const QString &extraName, const QString &extraValue) const
{
    QStringList parts;
    for (const auto &pair : m_constantLabels)
        parts << u"%1=\"%2\""_s.arg(pair.first, escapeLabelValue(pair.second));
    for (qsizetype i = 0; i < family.labelNames.size(); ++i)
        parts << u"%1=\"%2\""_s.arg(family.labelNames.at(i), escapeLabelValue(values.at(i)));
    if (!extraName.isEmpty())
        parts << u"%1=\"%2\""_s.arg(extraName, extraValue);
    return parts.isEmpty() ? QString() : u'{' + parts.join(u',') + u'}';
}

QByteArray Registry::render() const
{
    QMutexLocker lock(&m_mutex);
    QString out;
    for (const Family &f : m_families) {
        const char *type = f.type == Type::Counter ? "counter"
                           : f.type == Type::Gauge ? "gauge"
                                                   : "histogram";
        out += u"# HELP %1 %2\n"_s.arg(f.name, escapeHelp(f.help));
        out += u"# TYPE %1 %2\n"_s.arg(f.name, QLatin1String(type));
        for (auto it = f.series.cbegin(); it != f.series.cend(); ++it) {
            const Series &s = it.value();
            if (f.type != Type::Histogram) {
                out += f.name + labelText(f, it.key()) + u' ' + formatValue(s.value) + u'\n';
                continue;
            }
            quint64 cumulative = 0;
            for (qsizetype i = 0; i < f.buckets.size(); ++i) {
                cumulative += s.buckets[size_t(i)];
                out += f.name + u"_bucket"_s +
                       labelText(f, it.key(), u"le"_s, formatValue(f.buckets.at(i))) + u' ' +
                       QString::number(cumulative) + u'\n';
            }
            out += f.name + u"_bucket"_s + labelText(f, it.key(), u"le"_s, u"+Inf"_s) + u' ' +
                   QString::number(s.count) + u'\n';
            out +=
                f.name + u"_sum"_s + labelText(f, it.key()) + u' ' + formatValue(s.value) + u'\n';
            out += f.name + u"_count"_s + labelText(f, it.key()) + u' ' + QString::number(s.count) +
                   u'\n';
        }
    }
    return out.toUtf8();
}

} // namespace kiosk::metrics
