#include "imageviewerdialog.h"
#include "securewipe.h"

#include "api/imageformat.h"
#include "ui_imageviewerdialog.h"

#include <QEvent>
#include <QLocale>
#include <QPixmap>

namespace kiosk {

ImageViewerDialog::ImageViewerDialog(QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ImageViewerDialog>())
{
    m_ui->setupUi(this);
    connect(m_ui->closePushButton, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_ui->exportPushButton, &QPushButton::clicked, this,
            &ImageViewerDialog::exportRequested);
    connect(m_ui->fitCheckBox, &QCheckBox::toggled, this, &ImageViewerDialog::updatePixmap);
}

ImageViewerDialog::~ImageViewerDialog() = default;

void ImageViewerDialog::setImage(const QString &caption, const QByteArray &bytes,
                                 const QImage &image)
{
    m_bytes = bytes;
    m_image = image;
    m_ui->captionLabel->setText(caption);
    m_ui->statusLabel->clear();
    m_ui->exportPushButton->setEnabled(!m_bytes.isEmpty());
    updateDetails();
    updatePixmap();
}

void ImageViewerDialog::setStatus(const QString &text)
{
    m_ui->statusLabel->setText(text);
}

void ImageViewerDialog::clearImage()
{
    hide();
    secureWipe(m_bytes);
    secureWipe(m_image);
    m_ui->imageLabel->clear();
    m_ui->captionLabel->clear();
    m_ui->detailsLabel->clear();
    m_ui->statusLabel->clear();
}

void ImageViewerDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        updateDetails();
    }
    QDialog::changeEvent(event);
}

void ImageViewerDialog::resizeEvent(QResizeEvent *event)
{
    QDialog::resizeEvent(event);
    updatePixmap();
}

void ImageViewerDialog::updatePixmap()
{
    if (m_image.isNull()) {
        m_ui->imageLabel->clear();
        return;
    }
    QSize target = m_image.size();
    if (m_ui->fitCheckBox->isChecked())
        target = m_image.size().boundedTo(m_ui->imageScrollArea->viewport()->size());
    m_ui->imageLabel->setPixmap(QPixmap::fromImage(
        target == m_image.size()
            ? m_image
            : m_image.scaled(target, Qt::KeepAspectRatio, Qt::SmoothTransformation)));
}

void ImageViewerDialog::updateDetails()
{
    if (m_image.isNull()) {
        m_ui->detailsLabel->clear();
        return;
    }
    m_ui->detailsLabel->setText(tr("%1 × %2 pixels, %3, %4")
                                    .arg(m_image.width())
                                    .arg(m_image.height())
                                    .arg(api::mimeType(api::detectImageFormat(m_bytes)),
                                         locale().formattedDataSize(m_bytes.size())));
}

} // namespace kiosk
