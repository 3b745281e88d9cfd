#pragma once

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace kiosk::test {

// What the built kioskctl answered: its exit code (-1 when it did not finish) and output.
struct KioskctlResult
{
    int exitCode = -1;
    QString out;
    QString err;
};

// Runs the build's kioskctl (the includer is a kiosk_add_test, which defines
// KIOSK_BINARY_DIR) the way IT staff run it: arguments, an environment (this process's
// when empty) and input on its standard input, which is then closed. Waits a minute at most.
inline KioskctlResult runKioskctl(const QStringList &arguments, const QProcessEnvironment &env = {},
                                  const QByteArray &input = {})
{
    QProcess process;
    process.setProcessEnvironment(env.isEmpty() ? QProcessEnvironment::systemEnvironment() : env);
    process.start(QStringLiteral(KIOSK_BINARY_DIR "/bin/kioskctl"), arguments);
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(60000))
        return {};
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

} // namespace kiosk::test
