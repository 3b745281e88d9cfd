#include "imageexporter.h"

#include "api/imageformat.h"
#include "guilogging.h"
#include "privatefile.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QStandardPaths>

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
    if (!writePrivateImageFile(result.filePath, bytes, exists, &result.error)) {
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

} // namespace kiosk
