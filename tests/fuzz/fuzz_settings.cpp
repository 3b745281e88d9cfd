// Settings and secrets-file parsing through the public entry points: a Settings built on
// an INI file holding the input, every key read back, and loadSecretsFile() on a 0600
// secrets file holding the same input.
#include "settings/settings.h"

#include <QFile>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace kiosk;

namespace {

QTemporaryDir *g_dir = nullptr;

QString writeFile(const QString &name, const QByteArray &bytes)
{
    // The same names each time: QSettings keeps a cache entry per file name (a new name per
    // input would grow it, and every growth costs libFuzzer a full leak check). It re-reads
    // a cached file when its size or modification time changed.
    const QString path = g_dir->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        abort();
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(bytes);
    return path;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    // Nothing from the environment may shadow what the input says.
    for (const Settings::Entry &e : Settings::table())
        unsetenv(e.envName);
    g_dir = new QTemporaryDir;
    return g_dir->isValid() ? 0 : 1;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString ini = writeFile(QStringLiteral("kiosk.ini"), bytes);
    {
        Settings settings(ini);
        for (const Settings::Entry &e : Settings::table())
            (void)settings.value(e.key).toString();
        (void)settings.problems();
    }
    QFile::remove(ini);

    const QString secrets = writeFile(QStringLiteral("secrets"), bytes);
    {
        Settings settings;
        QString error;
        if (!settings.loadSecretsFile(secrets, &error) && error.isEmpty())
            __builtin_trap(); // a refusal always says why
        for (const Settings::Entry &e : Settings::table())
            (void)settings.value(e.key).toString();
        (void)settings.problems();
    }
    QFile::remove(secrets);
    return 0;
}
