#pragma once

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QStringList>
#include <QTemporaryDir>

#include <initializer_list>

namespace kiosk::test {

// Points each variable of names (HOME, the XDG folders, TMPDIR) at a new folder of its name
// inside root, before anything could write there: nothing reaches the user's folders, and
// a test can compare what was written with fileTree(). False if a folder cannot be made.
inline bool redirectHomeFolders(const QTemporaryDir &root,
                                std::initializer_list<const char *> names)
{
    bool made = true;
    for (const char *name : names) {
        const QString dir = root.filePath(QString::fromLatin1(name));
        made = QDir().mkpath(dir) && made;
        qputenv(name, dir.toLocal8Bit());
    }
    return made;
}

// Every file below root with its size and modification time, sorted: two calls compare
// equal when nothing was written, changed or left behind in between.
inline QStringList fileTree(const QString &root)
{
    QStringList files;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        files << QStringLiteral("%1 %2 %3")
                     .arg(it.filePath())
                     .arg(it.fileInfo().size())
                     .arg(it.fileInfo().lastModified().toMSecsSinceEpoch());
    }
    files.sort();
    return files;
}

} // namespace kiosk::test
