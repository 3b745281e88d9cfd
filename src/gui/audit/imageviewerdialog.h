#pragma once

#include <QByteArray>
#include <QDialog>
#include <QImage>

#include <memory>

namespace Ui {
class ImageViewerDialog;
}

namespace kiosk {

// Shows one customer image large (fit to the window, or at full size with scrolling),
// with an Export button the audit screen answers. Opened with open(), never exec().
class ImageViewerDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ImageViewerDialog(QWidget *parent = nullptr);
    ~ImageViewerDialog() override;

    void setImage(const QString &caption, const QByteArray &bytes, const QImage &image);
    QImage image() const { return m_image; }
    QByteArray bytes() const { return m_bytes; }
    void setStatus(const QString &text);
    // Drops the image from memory and hides the dialog.
    void clearImage();

Q_SIGNALS:
    void exportRequested();

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void updatePixmap();
    void updateDetails();

    std::unique_ptr<Ui::ImageViewerDialog> m_ui;
    QByteArray m_bytes;
    QImage m_image;
};

} // namespace kiosk
