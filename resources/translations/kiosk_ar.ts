<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar_EG" sourcelanguage="en">
<context>
    <name>QGuiApplication</name>
    <message>
        <source>QT_LAYOUT_DIRECTION</source>
        <translation>RTL</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Onboarding Kiosk</source>
        <translation>كشك التسجيل</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>أهلاً بك</translation>
    </message>
    <message>
        <source>العربية</source>
        <comment>The name of the other language, in that language</comment>
        <translation>English</translation>
    </message>
    <message>
        <source>This kiosk will verify your identity in three short steps:</source>
        <translation>سيتحقق هذا الجهاز من هويتك في ثلاث خطوات قصيرة:</translation>
    </message>
    <message>
        <source>1. The front of your national ID card
2. The back of your national ID card
3. A short look at the camera</source>
        <translation>١. الوجه الأمامي لبطاقة الرقم القومي
٢. الوجه الخلفي لبطاقة الرقم القومي
٣. نظرة قصيرة إلى الكاميرا</translation>
    </message>
    <message>
        <source>The capture pages are coming in the next release. Please ask the agent for help.</source>
        <translation>صفحات التصوير قادمة في الإصدار القادم. يرجى طلب المساعدة من الموظف.</translation>
    </message>
</context>
<context>
    <name>kiosk::MainWindow</name>
    <message>
        <source>Identity service: not configured</source>
        <translation>خدمة التحقق من الهوية: غير مُعدّة</translation>
    </message>
    <message>
        <source>Identity service: %1</source>
        <translation>خدمة التحقق من الهوية: %1</translation>
    </message>
</context>
</TS>
