#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <functional>

class QWidget;

namespace kiosk {

// What the export asks the agent before a customer image reaches the disk.
enum class ExportQuestion
{
    SavePersonalData, // always: the file holds a customer's personal data
    ReplaceExisting,  // only when the file already exists
};

// How the export asks: production shows a folder dialog and message boxes; tests inject
// answers (the house rule: hooks in production code instead of modal dialogs in tests,
// as KeePassXC's MessageBox::setNextAnswer).
struct ExportPrompts
{
    // The folder to save into, or empty when the agent cancels.
    std::function<QString(QWidget *parent, const QString &suggestedFileName)> chooseFolder;
    // true = go ahead.
    std::function<bool(QWidget *parent, ExportQuestion question, const QString &filePath)> confirm;

    // QFileDialog::getExistingDirectory and QMessageBox::question.
    static ExportPrompts interactive();
};

struct ExportResult
{
    enum class Status
    {
        Saved,
        Cancelled,   // no folder chosen, or the agent declined to save personal data
        NotReplaced, // the file exists and the agent did not confirm replacing it
        Failed,
    };
    Status status = Status::Cancelled;
    QString filePath = {};
    QString error = {}; // Failed: the system's reason

    bool saved() const { return status == Status::Saved; }
    QString message() const; // translated, for the agent's screen
};

// The only path by which a customer image may reach the disk: the agent picks the folder,
// confirms saving personal data, and confirms replacing an existing file; the file is
// created readable by its owner only (0600, never wider, not even for a moment) and never
// overwritten silently.
class ImageExporter
{
    Q_DECLARE_TR_FUNCTIONS(kiosk::ImageExporter)

public:
    explicit ImageExporter(ExportPrompts prompts = ExportPrompts::interactive());

    void setPrompts(ExportPrompts prompts) { m_prompts = std::move(prompts); }

    // fileName: the name without folder and extension; the extension comes from the
    // format detected in the bytes. stillWanted is asked after the prompts, right before
    // writing: the dialogs spin an event loop, during which the agent may be signed out.
    ExportResult exportImage(QWidget *parent, const QByteArray &bytes, const QString &fileName,
                             const std::function<bool()> &stillWanted = {}) const;

private:
    ExportPrompts m_prompts;
};

} // namespace kiosk
