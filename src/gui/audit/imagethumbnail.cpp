#include "imagethumbnail.h"
#include "securewipe.h"

#include <QEvent>
#include <QPainter>
#include <QPixmap>

using namespace Qt::StringLiterals;

namespace kiosk {

namespace {

QPixmap placeholder(const QColor &color)
{
    QPixmap pixmap(ImageThumbnail::ThumbnailSize, ImageThumbnail::ThumbnailSize * 3 / 4);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setPen(QPen(color, 2, Qt::DashLine));
    painter.drawRoundedRect(pixmap.rect().adjusted(2, 2, -2, -2), 8, 8);
    return pixmap;
}

} // namespace

ImageThumbnail::ImageThumbnail(QWidget *parent)
    : QToolButton(parent)
{
    setToolButtonStyle(Qt::ToolButtonTextUnderIcon);
    setIconSize(QSize(ThumbnailSize, ThumbnailSize * 3 / 4));
    setAutoRaise(false);
    setFocusPolicy(Qt::StrongFocus);
    setMinimumWidth(ThumbnailSize + 24);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    setNotStored();
}

void ImageThumbnail::setCaption(const QString &caption)
{
    m_caption = caption;
    updateText();
}

void ImageThumbnail::setNotStored()
{
    clearImage();
    m_state = State::NotStored;
    m_failure.clear();
    setIcon(QIcon(placeholder(palette().color(QPalette::Disabled, QPalette::WindowText))));
    updateText();
}

void ImageThumbnail::setLoading()
{
    clearImage();
    m_state = State::Loading;
    m_failure.clear();
    setIcon(QIcon(placeholder(palette().color(QPalette::Mid))));
    updateText();
}

bool ImageThumbnail::setImageBytes(const QByteArray &bytes)
{
    QImage image = QImage::fromData(bytes);
    if (image.isNull()) {
        setFailed(tr("The file is not an image this kiosk can show."));
        return false;
    }
    m_bytes = bytes;
    m_format = api::detectImageFormat(bytes);
    m_image = std::move(image);
    m_state = State::Loaded;
    m_failure.clear();
    setIcon(QIcon(QPixmap::fromImage(
        m_image.scaled(iconSize(), Qt::KeepAspectRatio, Qt::SmoothTransformation))));
    updateText();
    return true;
}

void ImageThumbnail::setFailed(const QString &reason)
{
    clearImage();
    m_state = State::Failed;
    m_failure = reason;
    setIcon(QIcon(placeholder(QColor(0xb0, 0x20, 0x20))));
    updateText();
}

void ImageThumbnail::clearImage()
{
    secureWipe(m_bytes); // zeroed by whichever of thumbnail and viewer lets go last
    secureWipe(m_image);
    m_format = api::ImageFormat::Unknown;
}

void ImageThumbnail::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        updateText();
    QToolButton::changeEvent(event);
}

void ImageThumbnail::updateText()
{
    QString state;
    switch (m_state) {
    case State::NotStored:
        state = tr("Not stored");
        break;
    case State::Loading:
        state = tr("Loading…");
        break;
    case State::Loaded:
        state = tr("%1 × %2").arg(m_image.width()).arg(m_image.height());
        break;
    case State::Failed:
        state = tr("Failed: press to retry");
        break;
    }
    setText(m_caption + u'\n' + state);
    setToolTip(m_state == State::Failed ? m_failure : QString());
    setEnabled(m_state == State::Loaded || m_state == State::Failed);
    // Screen readers get the same as the sighted agent.
    setAccessibleName(m_caption + u", "_s + state);
}

QString ImageThumbnail::role() const
{
    QString name = objectName();
    if (name.endsWith(kNameSuffix))
        name.chop(kNameSuffix.size());
    return name;
}

} // namespace kiosk
