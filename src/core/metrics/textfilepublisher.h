#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>

namespace kiosk::metrics {

// Publishes exposition text the way node_exporter's textfile collector expects on a
// locked-down host: into <directory>/<fileName>, written to a hidden temporary file in
// the same directory, fsync'd, then renamed over the old file (the collector never sees
// half a file), mode 0640 and group "prometheus" when that group exists, so only the
// exporter's group can read it. Rewritten on a timer (15 s by default).
//
// A missing or unwritable directory never stops the kiosk: it is reported once as a
// warning (and again only after it worked in between), and problem() tells doctor.
class TextfilePublisher : public QObject
{
    Q_OBJECT

public:
    using Source = std::function<QByteArray()>;

    TextfilePublisher(QString directory, Source source, QObject *parent = nullptr);

    static constexpr const char *DefaultFileName = "onboarding-kiosk.prom";
    static constexpr const char *ExporterGroup = "prometheus";

    QString directory() const { return m_directory; }
    QString filePath() const;
    void setFileName(const QString &name) { m_fileName = name; }

    void start(int intervalMs);
    void stop();
    // Writes the file now. Returns false with problem() set.
    bool publish();
    // Why the last publish failed (empty after a success).
    QString problem() const { return m_problem; }

    // What doctor reports for a directory before the kiosk ever runs: empty when a
    // process of this user could publish there, else the reason.
    static QString checkDirectory(const QString &directory);

Q_SIGNALS:
    void published(const QString &path);
    void failed(const QString &problem);

private:
    bool write(const QByteArray &data, QString *problem) const;

    QString m_directory;
    QString m_fileName = QString::fromLatin1(DefaultFileName);
    Source m_source;
    QTimer m_timer;
    QString m_problem;
    bool m_warned = false;
};

} // namespace kiosk::metrics
