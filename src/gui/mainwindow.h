#pragma once

#include <QMainWindow>

#include <memory>

namespace Ui {
class MainWindow;
}

namespace kiosk {

class Translations;

// The kiosk's top-level window: hosts the wizard's pages and switches language.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(Translations *translations, QWidget *parent = nullptr);
    ~MainWindow() override;

    void setApiDescription(const QString &description);

protected:
    void changeEvent(QEvent *event) override;

private:
    void switchLanguage();
    void retranslate();

    std::unique_ptr<Ui::MainWindow> m_ui;
    Translations *m_translations;
    QString m_apiDescription;
};

} // namespace kiosk
