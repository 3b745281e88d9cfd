#include "imageexporter.h"

#include "api/imageformat.h"
#include "guilogging.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTemporaryFile>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace kiosk {

ExportPrompts ExportPrompts::interactive()
{
    ExportPrompts prompts;
    prompts.chooseFolder = [](QWidget *parent, const QString &suggestedFileName) {
        return QFileDialog::getExistingDirectory(
            parent, ImageExporter::tr("Choose a folder for %1").arg(suggestedFileName),
            QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation));
    };
    prompts.confirm = [](QWidget *parent, ExportQuestion question, const QString &filePath) {
        const QString text =
            question == ExportQuestion::SavePersonalData
                ? ImageExporter::tr("Save this customer image to %1?\n\nIt is the customer's "
                                    "personal data: keep it only as long as the audit needs it, "
                                    "then delete it.")
                      .arg(QDir::toNativeSeparators(filePath))
                : ImageExporter::tr("%1 already exists. Replace it?")
                      .arg(QDir::toNativeSeparators(filePath));
        return QMessageBox::question(parent, ImageExporter::tr("Export image"), text,
                                     QMessageBox::Yes | QMessageBox::No,
                                     QMessageBox::No) == QMessageBox::Yes;
    };
    return prompts;
}

QString ExportResult::message() const
{
    switch (status) {
    case Status::Saved:
        return ImageExporter::tr("Saved to %1 (readable only by you). Delete it when the audit "
                                 "is done.")
            .arg(QDir::toNativeSeparators(filePath));
    case Status::Cancelled:
        return ImageExporter::tr("Export cancelled: nothing was saved.");
    case Status::NotReplaced:
        return ImageExporter::tr("%1 already exists and was not replaced: nothing was saved.")
            .arg(QDir::toNativeSeparators(filePath));
    case Status::Failed:
        return ImageExporter::tr("The image could not be saved: %1").arg(error);
    }
    return {};
}

ImageExporter::ImageExporter(ExportPrompts prompts)
    : m_prompts(std::move(prompts))
{}

ExportResult ImageExporter::exportImage(QWidget *parent, const QByteArray &bytes,
                                        const QString &fileName,
                                        const std::function<bool()> &stillWanted) const
{
    ExportResult result;
    if (bytes.isEmpty() || !m_prompts.chooseFolder || !m_prompts.confirm)
        return result;
    const QString name = fileName + u'.' + api::fileExtension(api::detectImageFormat(bytes));
    const QString folder = m_prompts.chooseFolder(parent, name);
    if (folder.isEmpty())
        return result;
    result.filePath = QDir(folder).filePath(name);
    if (!m_prompts.confirm(parent, ExportQuestion::SavePersonalData, result.filePath))
        return result;
    const bool exists = QFileInfo::exists(result.filePath);
    if (exists && !m_prompts.confirm(parent, ExportQuestion::ReplaceExisting, result.filePath)) {
        result.status = ExportResult::Status::NotReplaced;
        return result;
    }
    if (stillWanted && !stillWanted()) {
        result.status = ExportResult::Status::Cancelled;
        return result;
    }
    if (!writePrivateFile(result.filePath, bytes, exists, &result.error)) {
        result.status = ExportResult::Status::Failed;
        qCWarning(lcGui) << "image export failed:" << bytes.size() << "bytes";
        return result;
    }
    result.status = ExportResult::Status::Saved;
    // The path may carry identifiers the agent typed: size and format only.
    qCInfo(lcGui).noquote() << "image exported:" << bytes.size() << "bytes"
                            << api::mimeType(api::detectImageFormat(bytes))
                            << (exists ? "(replaced)" : "");
    return result;
}

bool ImageExporter::writePrivateFile(const QString &path, const QByteArray &bytes, bool replace,
                                     QString *error)
{
    const QFileDevice::Permissions ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    if (!replace) {
        // O_CREAT|O_EXCL with mode 0600: no race with another file of that name, and the
        // file is never readable by others, not even before a chmod.
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, ownerOnly)) {
            *error =
                QFileInfo::exists(path) ? tr("%1 already exists").arg(path) : file.errorString();
            return false;
        }
        if (file.write(bytes) != bytes.size() || !file.flush()) {
            *error = file.errorString();
            file.close();
            file.remove();
            return false;
        }
        return true;
    }
    // Replace: write a new 0600 file next to it, then rename it over the old one (rename(2)
    // is atomic, and the old file's wider mode, if any, does not carry over).
    QTemporaryFile file(QFileInfo(path).absolutePath() + u"/.kiosk-export-XXXXXX"_s);
    if (!file.open()) {
        *error = file.errorString();
        return false;
    }
    file.setPermissions(ownerOnly);
    if (file.write(bytes) != bytes.size() || !file.flush()) {
        *error = file.errorString();
        return false;
    }
    if (std::rename(QFile::encodeName(file.fileName()).constData(),
                    QFile::encodeName(path).constData()) != 0) {
        *error = tr("%1 could not be replaced").arg(path);
        return false;
    }
    file.setAutoRemove(false);
    return true;
}

} // namespace kiosk
