#pragma once

#include "api/imageformat.h"

#include <QByteArray>
#include <QImage>
#include <QToolButton>

namespace kiosk {

// One stored customer image in the audit screen: a button showing its caption and either
// a thumbnail or its state (loading, failed, not stored). Holds the fetched bytes in
// memory only; clearImage() drops them.
class ImageThumbnail : public QToolButton
{
    Q_OBJECT

public:
    enum class State
    {
        NotStored, // the service has no file for this role
        Loading,
        Loaded,
        Failed, // activating it again retries
    };
    Q_ENUM(State)

    static constexpr int ThumbnailSize = 150;
    // Thumbnails per row in the audit tabs' grids.
    static constexpr int kGridColumns = 3;
    // Object names are the image's role followed by this suffix ("idFrontImageThumbnail").
    static constexpr QLatin1StringView kNameSuffix{"ImageThumbnail"};

    explicit ImageThumbnail(QWidget *parent = nullptr);

    void setCaption(const QString &caption);
    QString caption() const { return m_caption; }
    // The role in the object name ("idFront", "selfie"): names the exported file.
    QString role() const;
    // The service's id of the file (GetStepImage file name, BoldSign file id).
    void setFileId(const QString &fileId) { m_fileId = fileId; }
    QString fileId() const { return m_fileId; }

    State state() const { return m_state; }
    void setNotStored();
    void setLoading();
    // Returns false (and turns Failed) when the bytes do not decode as an image.
    bool setImageBytes(const QByteArray &bytes);
    void setFailed(const QString &reason);
    QString failureReason() const { return m_failure; }

    QByteArray bytes() const { return m_bytes; }
    QImage image() const { return m_image; } // full size, decoded
    api::ImageFormat format() const { return m_format; }
    void clearImage();

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateText();

    State m_state = State::NotStored;
    QString m_caption;
    QString m_fileId;
    QString m_failure;
    QByteArray m_bytes;
    QImage m_image;
    api::ImageFormat m_format = api::ImageFormat::Unknown;
};

} // namespace kiosk
