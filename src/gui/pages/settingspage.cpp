#include "settingspage.h"

#include "cameras.h"

#include "api/vlensclient.h"
#include "guilogging.h"
#include "settings/agentpin.h"
#include "settings/settings.h"
#include "touchkeyboard.h"
#include "ui_settingspage.h"

#include <QCameraDevice>
#include <QHBoxLayout>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace kiosk {

SettingsPage::SettingsPage(Settings *settings, QWidget *parent)
    : WizardPage(parent)
    , m_ui(std::make_unique<Ui::SettingsPage>())
    , m_settings(settings)
{
    m_ui->setupUi(this);
    m_ui->apiUrlLineEdit->setLayoutDirection(Qt::LeftToRight);
    // A compact PIN keypad beside the settings. Only the PIN: the service, tenancy and API
    // key are set up by branch IT (kiosk.ini, secrets file), and a full keyboard would not
    // leave the settings room on a 1280x800 screen.
    auto *keypad = new TouchKeyboard(this, this);
    keypad->setObjectName(u"settingsTouchKeyboard"_s);
    keypad->setFields({m_ui->changePinLineEdit});
    keypad->setCompact(true);
    auto *row = new QHBoxLayout;
    row->setObjectName(u"settingsFrameHBoxLayout"_s);
    row->setSpacing(16);
    const int index = m_ui->settingsVBoxLayout->indexOf(m_ui->settingsFrame);
    m_ui->settingsVBoxLayout->removeWidget(m_ui->settingsFrame);
    m_ui->settingsVBoxLayout->insertLayout(index, row);
    row->addWidget(m_ui->settingsFrame, 1);
    row->addWidget(keypad, 0, Qt::AlignTop);
    connect(m_ui->saveButton, &QPushButton::clicked, this, &SettingsPage::save);
    connect(m_ui->settingsBackButton, &QPushButton::clicked, this, &SettingsPage::backRequested);
    connect(m_ui->endShiftButton, &QPushButton::clicked, this, &SettingsPage::endShiftRequested);
    connect(m_ui->auditButton, &QPushButton::clicked, this, &SettingsPage::auditRequested);
    connect(m_ui->exitButton, &QPushButton::clicked, this, &SettingsPage::exitRequested);
    retranslate();
}

SettingsPage::~SettingsPage() = default;

QPushButton *SettingsPage::defaultButton() const
{
    return m_ui->saveButton;
}

void SettingsPage::load()
{
    using K = Settings::Key;
    m_ui->apiUrlLineEdit->setText(m_settings->string(K::ApiBaseUrl));
    m_ui->tenancyLineEdit->setText(m_settings->string(K::TenancyName));
    m_ui->apiKeyStateLabel->setText(
        m_settings->string(K::ApiKey).isEmpty()
            ? tr("Not set. IT puts it in /etc/onboarding-kiosk/secrets (root only).")
            : tr("Set by IT (/etc/onboarding-kiosk/secrets); it is never shown."));
    showProblems();
    const QString mode = m_settings->string(K::RegistrationMode);
    const bool captureFirst = mode.compare(u"capture-first"_s, Qt::CaseInsensitive) == 0 ||
                              mode.compare(u"apiKeyOnly"_s, Qt::CaseInsensitive) == 0;
    m_ui->modeComboBox->setCurrentIndex(captureFirst ? 1 : 0);
    m_ui->cameraComboBox->clear();
    m_ui->cameraComboBox->addItem(tr("System default"), QString());
    const auto cameras = availableCameras();
    for (const QCameraDevice &camera : cameras)
        m_ui->cameraComboBox->addItem(camera.description(), QString::fromUtf8(camera.id()));
    const QString camera = m_settings->string(K::CameraId);
    const int index = m_ui->cameraComboBox->findData(camera);
    if (index >= 0)
        m_ui->cameraComboBox->setCurrentIndex(index);
    else
        m_ui->cameraComboBox->setEditText(camera);
    m_ui->qualityRetriesSpinBox->setValue(m_settings->integer(K::QualityRetries));
    m_ui->minSharpnessDoubleSpinBox->setValue(m_settings->value(K::MinSharpness).toDouble());
    m_ui->idleTimeoutSpinBox->setValue(m_settings->integer(K::IdleTimeoutMs) / 1000);
    m_ui->idleWarningSpinBox->setValue(m_settings->integer(K::IdleWarningMs) / 1000);
    m_ui->manualDelaySpinBox->setValue(m_settings->integer(K::ManualCaptureAfterMs) / 1000);
    m_ui->faceCountdownSpinBox->setValue(m_settings->integer(K::FaceCountdownMs) / 1000);
    m_ui->changePinLineEdit->clear();
    m_ui->settingsStatusLabel->clear();
}

void SettingsPage::save()
{
    using K = Settings::Key;
    const QUrl url(m_ui->apiUrlLineEdit->text().trimmed());
    QString why;
    if (!url.isValid() || !api::VlensClient::isAllowedBaseUrl(url, &why)) {
        m_ui->settingsStatusLabel->setText(
            tr("The API URL must start with https:// (http:// only for this computer)."));
        return;
    }
    const QString pin = m_ui->changePinLineEdit->text();
    if (!pin.isEmpty() && !agentpin::isAcceptable(pin)) {
        m_ui->settingsStatusLabel->setText(tr("The PIN must have 6 to 12 digits."));
        return;
    }
    // A listed camera by its id, or an id the agent typed.
    const int cameraIndex = m_ui->cameraComboBox->findText(m_ui->cameraComboBox->currentText());
    const QString camera = cameraIndex >= 0 ? m_ui->cameraComboBox->itemData(cameraIndex).toString()
                                            : m_ui->cameraComboBox->currentText().trimmed();

    const QList<std::pair<K, QVariant>> values{
        {K::ApiBaseUrl, QVariant(url.toString())},
        {K::TenancyName, QVariant(m_ui->tenancyLineEdit->text().trimmed())},
        {K::RegistrationMode,
         QVariant(m_ui->modeComboBox->currentIndex() == 1 ? u"capture-first"_s : u"register"_s)},
        {K::CameraId, QVariant(camera)},
        {K::QualityRetries, QVariant(m_ui->qualityRetriesSpinBox->value())},
        {K::MinSharpness, QVariant(m_ui->minSharpnessDoubleSpinBox->value())},
        {K::IdleTimeoutMs, QVariant(m_ui->idleTimeoutSpinBox->value() * 1000)},
        {K::IdleWarningMs, QVariant(m_ui->idleWarningSpinBox->value() * 1000)},
        {K::ManualCaptureAfterMs, QVariant(m_ui->manualDelaySpinBox->value() * 1000)},
        {K::FaceCountdownMs, QVariant(m_ui->faceCountdownSpinBox->value() * 1000)},
    };
    QStringList errors;
    for (const auto &[key, value] : values) {
        QString error;
        if (m_settings->value(key) != value && !m_settings->setValue(key, value, &error))
            errors << error;
    }
    if (!pin.isEmpty()) {
        QString error;
        if (!m_settings->setValue(K::AgentPinHash, agentpin::hash(pin), &error))
            errors << error;
    }
    m_ui->changePinLineEdit->clear();
    if (!errors.isEmpty()) {
        qCWarning(lcGui) << "settings not saved:" << errors;
        m_ui->settingsStatusLabel->setText(
            tr("Some settings could not be saved: %1").arg(errors.join(u"; "_s)));
        return;
    }
    qCInfo(lcGui) << "settings saved";
    m_ui->settingsStatusLabel->setText(
        tr("Saved. Mode, thresholds and timeouts apply to the next customer; the service, "
           "API key and camera after a restart."));
    Q_EMIT saved();
}

// What the kiosk could not read in its configuration, with the file and line, so the agent can
// tell IT exactly what to correct. The kiosk runs on what it could read.
void SettingsPage::showProblems()
{
    const QStringList problems = m_settings->problems();
    m_ui->configProblemsFrame->setVisible(!problems.isEmpty());
    if (problems.isEmpty())
        return;
    m_ui->configProblemsLabel->setText(
        tr("The kiosk runs on the settings it could read. Ask IT to correct:") + u'\n' +
        u"\u2022 "_s + problems.join(u"\n\u2022 "_s) + u'\n' +
        tr("IT can see the same list with: kioskctl doctor"));
}

void SettingsPage::retranslate()
{
    const int mode = m_ui->modeComboBox->currentIndex();
    m_ui->retranslateUi(this);
    m_ui->modeComboBox->clear();
    m_ui->modeComboBox->addItems(
        {tr("Register first, then capture"), tr("Capture first, then register")});
    m_ui->modeComboBox->setCurrentIndex(qMax(0, mode));
}

} // namespace kiosk
