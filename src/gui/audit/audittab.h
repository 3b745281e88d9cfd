#pragma once

#include <QWidget>

class QLabel;

namespace kiosk {

class AuditFetcher;
class ImageThumbnail;

// What the audit screen sees of each of its tabs: the requests run through one
// AuditFetcher (whose message line the tab names), the thumbnails ask the host's viewer to
// open them, and a language change re-reads every text.
class AuditTab : public QWidget
{
    Q_OBJECT

public:
    bool isBusy() const;
    // Drops the requests, the images and the inputs.
    virtual void clear() = 0;
    // Cancels the requests in flight; what was already fetched stays.
    void cancel();

Q_SIGNALS:
    void busyChanged(bool busy);
    // The agent opened a loaded image; exportName names its file when exported.
    void viewRequested(ImageThumbnail *thumbnail, const QString &exportName);
    // The tab's images are about to be reset or deleted: a viewer showing one must let it go.
    void imagesReleased();

protected:
    explicit AuditTab(QWidget *parent = nullptr);
    // After setupUi: the label where the fetcher shows its messages.
    void setMessageLabel(QLabel *label);
    AuditFetcher *fetcher() const { return m_fetcher; }
    // The form's texts and the tab's own (captions, the message, a report).
    virtual void retranslate() = 0;
    void changeEvent(QEvent *event) override;

private:
    AuditFetcher *m_fetcher = nullptr;
};

} // namespace kiosk
